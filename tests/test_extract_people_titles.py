"""People whose names carry courtesy, academic and civil-service titles in many languages, label
lines that hold several "Title: Name" pairs, and content under Adobe AEM's component classes
(monitor.normalize.person_name, monitor.extract.people, monitor.extract.html). Each page is small
and written for the test.
"""

from __future__ import annotations

import pytest

from monitor.extract.page import extract_page
from monitor.normalize import person_name


def people_of(body: str, lang: str = "en", url: str = "https://example.org/about") -> dict[str, str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>About</title></head><body>{body}</body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("OStDin Ulrike Pfaffinger", "Ulrike Pfaffinger"),  # German school grades
        ("StR Tobias Brandl", "Tobias Brandl"),
        ("RAin Julia Berg", "Julia Berg"),
        ("Univ.-Prof. Dr. Anna Huber", "Anna Huber"),
        ("Δρ. Νίκος Αλεξίου", "Νίκος Αλεξίου"),  # Greek doctor
        ("Ông Nguyễn Văn Hùng", "Nguyễn Văn Hùng"),  # Vietnamese Mr / Mrs / degrees
        ("Bà Trần Thị Mai Anh", "Trần Thị Mai Anh"),
        ("PGS.TS. Lê Văn An", "Lê Văn An"),
        ("Doç. Dr. Ayşe Yılmaz", "Ayşe Yılmaz"),  # Turkish associate professor
        ("Ibu Sari Wulandari", "Sari Wulandari"),  # Indonesian Mrs
        ("Cllr Mary Ng", "Mary Ng"),
        ("นายสมชาย ใจดี", "สมชาย ใจดี"),  # Thai Mr, written onto the name
        ("السيد أحمد علي", "أحمد علي"),  # Arabic Mr
    ],
)
def test_titles_before_a_name_are_dropped_in_many_languages(raw: str, name: str) -> None:
    assert person_name(raw) == name


@pytest.mark.parametrize("raw", ["Hon Wai Chan", "Strand Olsen", "Tsai Wen", "Graham Bell", "Bart Simpson"])
def test_a_name_that_opens_like_a_title_stays_whole(raw: str) -> None:
    assert person_name(raw) == raw


def test_a_school_leadership_table_with_civil_service_grades_in_german() -> None:
    rows = [("OStDin Ulrike Pfaffinger", "Schulleiterin"), ("StD Benedikt Ranner", "Stellvertretender Schulleiter"),
            ("StRin Carla Wendt", "Mitarbeiterin in der Schulleitung")]
    body = "<main><h2>Schulleitung</h2><table><tr><th>Name</th><th>Funktion</th></tr>" + "".join(
        f"<tr><td>{n}</td><td>{r}</td></tr>" for n, r in rows) + "</table></main>"
    found = people_of(body, "de")
    assert set(found) == {"Ulrike Pfaffinger", "Benedikt Ranner", "Carla Wendt"}


def test_vietnamese_cards_with_courtesy_and_degree_titles() -> None:
    cards = [("Ông Đỗ Minh Khoa", "Chủ tịch Hội đồng Quản trị"), ("Bà Võ Thị Thu Hà", "Tổng Giám đốc"),
             ("ThS. Hoàng Gia Bảo", "Giám đốc Tài chính")]
    body = "<main><h2>Ban lãnh đạo</h2><div class='row'>" + "".join(
        f"<div class='col'><div class='box'><h4>{n}</h4><p>{r}</p></div></div>" for n, r in cards) + "</div></main>"
    found = people_of(body, "vi")
    assert set(found) == {"Đỗ Minh Khoa", "Võ Thị Thu Hà", "Hoàng Gia Bảo"}
    assert not any(name.startswith(("Ông", "Bà", "ThS")) for name in found)


def test_greek_cards_with_a_doctor_title() -> None:
    cards = [("Δρ. Μαρία Κωνσταντίνου", "Διευθύνουσα Σύμβουλος"), ("Γιάννης Οικονόμου", "Οικονομικός Διευθυντής"),
             ("Δρ. Πέτρος Λαμπράκης", "Διευθυντής Έρευνας")]
    body = "<main><h2>Διοίκηση</h2>" + "".join(
        f"<div class='member'><h3>{n}</h3><p>{r}</p></div>" for n, r in cards) + "</main>"
    found = people_of(body, "el")
    assert "Μαρία Κωνσταντίνου" in found and "Πέτρος Λαμπράκης" in found
    assert not any(name.startswith("Δρ") for name in found)


@pytest.mark.parametrize(
    ("line", "lang", "want"),
    [
        ("Président : Jean-Marc Favre · Vizepräsidentin: Barbara Zürcher-Wyss · Membro: Fabio Cattaneo", "fr",
         {"Jean-Marc Favre", "Barbara Zürcher-Wyss", "Fabio Cattaneo"}),
        ("Chair: Helen Morgan | Treasurer: David Clarke | Secretary: Ruth Evans", "en",
         {"Helen Morgan", "David Clarke", "Ruth Evans"}),
        ("Presidente: Lucía Ortega • Tesorera: Carmen Ruiz • Vocal: Javier Molina", "es",
         {"Lucía Ortega", "Carmen Ruiz", "Javier Molina"}),
    ],
)
def test_a_line_of_title_and_name_pairs_between_dots_or_bars(line: str, lang: str, want: set[str]) -> None:
    assert want <= set(people_of(f"<main><h2>Board</h2><p>{line}</p></main>", lang))


def test_a_later_label_without_a_known_first_name_is_not_a_person() -> None:
    found = people_of("<main><p>Président : Jean-Marc Favre · Organe de révision : Fiducia Revisio</p></main>", "fr")
    assert set(found) == {"Jean-Marc Favre"}


def test_aem_core_components_are_content_not_a_consent_banner() -> None:
    teaser = ('<div class="teaser aem-GridColumn"><div class="cmp-teaser"><div class="cmp-teaser__content">'
              '<h2 class="cmp-teaser__title">{}</h2><div class="cmp-teaser__description"><p>{}</p></div></div></div></div>')
    body = '<div class="aem-Grid"><div class="title"><h1 class="cmp-title__text">Management</h1></div>' + "".join(
        teaser.format(n, r) for n, r in [("Sandra Keller", "Chief Executive Officer"), ("Thomas Brunner", "Chief Financial Officer"),
                                          ("Elena Rossi", "Head of Operations")]) + "</div>"
    body += '<div class="cmp-banner">We use cookies. Jane Cookie, Consent Manager</div>'
    found = people_of(body)
    assert set(found) == {"Sandra Keller", "Thomas Brunner", "Elena Rossi"}


def test_hungarian_names_family_name_first_with_a_lower_case_doctor_title() -> None:
    cards = [("Nagy Katalin", "ügyvezető igazgató"), ("Horváth Péter", "pénzügyi vezető"),
             ("dr. Kiss Eszter", "jogi tanácsadó"), ("Varga Tamás", "raktárvezető"), ("Balogh Zsófia", "ügyfélszolgálat")]
    body = "<main><h2>Vezetőség</h2>" + "".join(f"<p><strong>{n}</strong><br>{r}</p>" for n, r in cards) + "</main>"
    found = people_of(body, "hu")
    assert set(found) == {"Nagy Katalin", "Horváth Péter", "Kiss Eszter", "Varga Tamás", "Balogh Zsófia"}
    assert found["Kiss Eszter"] == "Jogi tanácsadó"


def test_a_repeated_grid_of_products_is_not_a_team_whatever_its_last_word() -> None:
    cards = [("Aqua Comfort Anna", "Handtuch, 70 × 140 cm"), ("Nordic Line Emma", "Bettwäsche, 135 × 200"),
             ("Soft Touch Lena", "Kissen, 40 × 40")]
    body = "<main><h2>Neuheiten</h2>" + "".join(f"<div class='p'><h3>{n}</h3><p>{r}</p></div>" for n, r in cards) + "</main>"
    assert people_of(body, "de") == {}


@pytest.mark.parametrize(
    ("raw", "name"),
    [("Priya Raman (she/her)", "Priya Raman"), ("Alex Kim [they/them]", "Alex Kim"),
     ("Jonas Weber (er/ihm)", "Jonas Weber"), ("Camille Roux (iel/iel)", "Camille Roux"),
     ("Tomás Ferreira (he/him/his)", "Tomás Ferreira")],
)
def test_pronouns_beside_a_name_are_not_part_of_it(raw: str, name: str) -> None:
    assert person_name(raw) == name


def test_cards_with_pronouns_keep_each_title_with_its_person() -> None:
    cards = [("Priya Raman", "she/her", "Co-founder &amp; CEO"), ("Tomás Ferreira", "he/him", "Co-founder &amp; CTO"),
             ("Alex Kim", "they/them", "Founding Designer")]
    body = "<main><h2>Founders</h2>" + "".join(
        f"<div class='card'><p><strong>{n}</strong> ({p})</p><p>{r}</p></div>" for n, p, r in cards) + "</main>"
    assert people_of(body) == {"Priya Raman": "Co-founder & CEO", "Tomás Ferreira": "Co-founder & CTO",
                               "Alex Kim": "Founding Designer"}


@pytest.mark.parametrize(
    ("lang", "cards"),
    [
        ("id", [("Rina Kusuma", "Ketua"), ("Bambang Hartono", "Kepala Produksi"), ("Yohanes Wibowo", "Bendahara")]),
        ("th", [("Somchai Jaidee", "หัวหน้าฝ่ายบัญชี"), ("Arisa Boonmee", "เลขานุการบริษัท"), ("Nattapong Srisuk", "หัวหน้าฝ่ายขาย")]),
        ("vi", [("Đặng Văn Minh", "Kế toán trưởng"), ("Lý Thu Trang", "Trưởng ban kiểm soát"), ("Hồ Quang Huy", "Kế toán trưởng chi nhánh")]),
    ],
)
def test_head_chair_and_accountant_titles_in_indonesian_thai_and_vietnamese(lang: str, cards: list[tuple[str, str]]) -> None:
    body = "<main><h2>Tim</h2>" + "".join(f"<div class='m'><h4>{n}</h4><p>{r}</p></div>" for n, r in cards) + "</main>"
    assert set(people_of(body, lang)) == {n for n, _ in cards}


def _cards(heading: str, cards: list[tuple[str, str]]) -> str:
    return f"<main><h2>{heading}</h2><ul class='grid'>" + "".join(
        f"<li class='item'><div class='card'><img src='/{n}.jpg' alt=''><div class='info'><h3>{n}</h3>"
        f"<div class='rte'><p>{r}</p></div></div></div></li>" for n, r in cards) + "</ul></main>"


def test_a_team_known_by_first_names_only_leaves_the_office_dog_out() -> None:
    body = _cards("Meet the team", [("Bea", "Founder and head of the jam pan"), ("Tom", "Operations &amp; orchard"),
                                    ("Anjali", "Customer happiness"), ("Gwen", "Wholesale manager"),
                                    ("Biscuit", "Chief morale officer (spaniel)")])
    assert people_of(body) == {"Bea": "Founder and head of the jam pan", "Tom": "Operations & orchard",
                               "Anjali": "Customer happiness", "Gwen": "Wholesale manager"}


def test_first_names_with_titles_in_german_under_unser_team() -> None:
    body = _cards("Unser Team", [("Lena", "Inhaberin"), ("Jonas", "Werkstattleiter"), ("Mia", "Verkauf und Beratung")])
    assert set(people_of(body, "de")) == {"Lena", "Jonas", "Mia"}


def test_products_named_like_first_names_outside_a_team_are_not_people() -> None:
    body = _cards("Bestsellers", [("Luna", "Scented candle"), ("Emma", "Linen cushion cover"), ("Oscar", "Oak side table")])
    assert people_of(body) == {}


def test_a_recruiters_mail_under_the_next_heading_does_not_take_the_last_card() -> None:
    cards = "".join(f"<div class='col'><div class='thumbnail'><div class='caption'><h4>{n}</h4></div></div></div>"
                    for n in ("Ben Adeyemi", "Claire Dufresne", "Sophie Lindqvist"))
    body = (f"<main><h1>The Team</h1><div class='row'>{cards}</div><div class='well'><h3>We're hiring!</h3>"
            "<ul><li>Account Executive - apply via our recruiter, Dana Whitaker at TalentBridge "
            "(<a href='mailto:dana@talentbridge.io'>dana@talentbridge.io</a>)</li></ul></div></main>")
    assert set(people_of(body, url="https://www.copperleaf.example/team")) == {"Ben Adeyemi", "Claire Dufresne", "Sophie Lindqvist"}


def test_an_agency_mail_right_under_a_card_still_names_the_agencys_person() -> None:
    body = ("<main><h1>Press release</h1><p>Acme opens a new plant.</p><p>Media contact:</p>"
            "<p>Nora Quist</p><p>Account Director</p><p><a href='mailto:nora@brightpr.example'>nora@brightpr.example</a></p>"
            "<p>Press office: <a href='mailto:press@acme.example'>press@acme.example</a></p></main>")
    assert "Nora Quist" not in people_of(body, url="https://www.acme.example/news/plant")


def test_a_member_at_large_is_on_the_board_not_at_a_firm_called_large() -> None:
    rows = [("Margaret O'Connell", "President"), ("Linda Chu, CPA", "Treasurer"), ("Teresa Vasquez", "Member at Large"),
            ("Paul Grant", "Director at Large")]
    body = "<main><h2>Board of Directors</h2><dl>" + "".join(f"<dt>{n}</dt><dd>{r}</dd>" for n, r in rows) + "</dl></main>"
    found = people_of(body)
    assert found.get("Teresa Vasquez") == "Member at Large"
    assert found.get("Paul Grant") == "Director at Large"
