"""People from layouts and languages the first lexicon did not cover (monitor.extract.people):
board and team words in PL CS SK FI HU TR, feminine forms in DE ES IT PT, small firms' trades
in the Nordic languages and Dutch, academic titles before a name and degrees after it.
Each page is small and written for the test, in a language the judged pages do not use for
the same layout.
"""

from __future__ import annotations

import pytest

from monitor.extract.page import extract_page
from monitor.normalize import person_name


def people_of(body: str, lang: str, url: str = "https://example.org/") -> dict[str, str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>Team</title></head><body><main>{body}</main></body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def test_figure_captions_with_titles_and_degrees_in_slovak() -> None:
    body = """<h2>Vedenie spoločnosti</h2>
    <figure><img src="a.jpg" alt=""><figcaption>Ing. Peter Kováč, PhD., konateľ</figcaption></figure>
    <figure><img src="b.jpg" alt=""><figcaption>Mgr. Jana Horváthová, riaditeľka</figcaption></figure>
    <figure><img src="c.jpg" alt=""><figcaption>Martin Novák, projektant</figcaption></figure>"""
    found = people_of(body, "sk")
    assert set(found) == {"Peter Kováč", "Jana Horváthová", "Martin Novák"}
    assert found["Peter Kováč"] == "Konateľ"


def test_a_dutch_board_table_with_the_roles_of_an_association() -> None:
    body = """<table><tr><th>Naam</th><th>Functie</th></tr>
    <tr><td>Marieke de Jong</td><td>Voorzitter</td></tr>
    <tr><td>Pieter Bakker</td><td>Penningmeester</td></tr>
    <tr><td>Sanne Visser</td><td>Secretaris</td></tr>
    <tr><td>Joost van Leeuwen</td><td>Bestuurslid</td></tr></table>"""
    assert people_of(body, "nl") == {
        "Marieke de Jong": "Voorzitter",
        "Pieter Bakker": "Penningmeester",
        "Sanne Visser": "Secretaris",
        "Joost van Leeuwen": "Bestuurslid",
    }


def test_portuguese_cards_with_the_title_above_the_name_in_feminine_forms() -> None:
    body = "".join(
        f'<div class="membro"><div class="cargo">{role}</div><div class="nome">{name}</div></div>'
        for role, name in [("Sócia fundadora", "Ana Rita Figueiredo"), ("Advogada", "Inês Carvalho"),
                           ("Coordenadora", "Marta Sousa")]
    )  # fmt: skip
    assert set(people_of(body, "pt")) == {"Ana Rita Figueiredo", "Inês Carvalho", "Marta Sousa"}


def test_a_polish_style_board_list_in_turkish_and_hungarian_words() -> None:
    body = """<h2>Yönetim Kurulu</h2><ul>
    <li><strong>Ayşe Demir</strong> – Genel Müdür</li>
    <li><strong>Mehmet Yılmaz</strong> – Yönetim Kurulu Başkanı</li></ul>
    <h2>Vezetőség</h2><ul><li>Dr. Nagy Péter – vezérigazgató</li></ul>"""
    found = people_of(body, "tr")
    assert {"Ayşe Demir", "Mehmet Yılmaz", "Nagy Péter"} <= set(found)


def test_a_japanese_profile_table_names_each_officer_not_the_row_heading() -> None:
    body = """<table><tr><th>代表者</th><td>代表取締役　中村 大輔</td></tr>
    <tr><th>役員</th><td>取締役　松本 恵<br>監査役　井上 浩二</td></tr></table>"""
    found = people_of(body, "ja")
    assert set(found) == {"中村 大輔", "松本 恵", "井上 浩二"}
    assert found["井上 浩二"] == "監査役"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Dr. rer. nat. Sabine Krüger", "Sabine Krüger"),
        ("MUDr. Jana Nováková, Ph.D.", "Jana Nováková"),
        ("DI Markus Gruber", "Markus Gruber"),
        ("Siân ap Gruffydd", "Siân ap Gruffydd"),
        ("Karin af Ugglas", "Karin af Ugglas"),
        ("James Whitmore MRICS", "James Whitmore"),
        ("Di Stefano Marco", "Di Stefano Marco"),
    ],
)
def test_a_name_loses_its_titles_and_degrees_and_keeps_its_particles(raw: str, want: str) -> None:
    assert person_name(raw) == want


def test_a_definition_list_whose_cards_carry_a_phone_between_the_people() -> None:
    """Norwegian: dt title, dd name and phone; the phone lines do not break the list apart,
    so titles no lexicon calls strong still pair with the name below them."""
    body = """<h2>Ledelse</h2><dl>
    <dt>Daglig leder</dt><dd>Kari Nordmann<br><a href="tel:+4791234567">912 34 567</a></dd>
    <dt>Salgssjef</dt><dd>Lars Hansen<br><a href="tel:+4791234568">912 34 568</a></dd>
    <dt>Regnskapsansvarlig</dt><dd>Ingrid Berg<br><a href="tel:+4791234569">912 34 569</a></dd>
    </dl>"""
    assert people_of(body, "no") == {
        "Kari Nordmann": "Daglig leder",
        "Lars Hansen": "Salgssjef",
        "Ingrid Berg": "Regnskapsansvarlig",
    }


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        ("Die Nordwerk AG hat Julia Brenner zur Geschäftsführerin ernannt.", "Julia Brenner", "Geschäftsführerin"),
        ("Le conseil nomme Paul Roux comme directeur général à compter du 1er mars.", "Paul Roux", "Directeur général"),
    ],
)  # fmt: skip
def test_an_appointment_names_the_person_before_as_and_the_title(sentence: str, name: str, title: str) -> None:
    assert people_of(f"<p>{sentence}</p>", "de") == {name: title}


def test_an_appointment_at_another_firm_names_no_one() -> None:
    assert people_of("<p>She worked with Paul Roux as CEO of Acme Corp for years.</p>", "en") == {}


def test_a_card_title_may_run_on_and_its_bio_sentence_is_no_title() -> None:
    """Italian cards: title above the name, a bio sentence below it."""
    body = "".join(
        f'<div class="scheda"><div class="ruolo">{role}</div><div class="nome">{name}</div><div class="bio">{bio}</div></div>'
        for role, name, bio in [
            ("Socio, responsabile della sede di Torino", "Luca Ferraris", "Avvocato esperto di diritto tributario."),
            ("Socia fondatrice", "Elena Ricci", "Commercialista e revisore legale."),
        ]
    )  # fmt: skip
    found = people_of(body, "it")
    assert found["Luca Ferraris"] == "Socio, responsabile della sede di Torino"


def test_a_press_contact_card_names_the_spokesperson() -> None:
    """Dutch: name, "Woordvoerder", phone: the press officer is the firm's own."""
    body = """<aside class="perscontact"><h3>Perscontact</h3>
    <p>Annelies Vermeulen</p><p>Woordvoerder</p><p>Telefoon: +31 20 555 0101</p></aside>"""
    assert people_of(body, "nl") == {"Annelies Vermeulen": "Woordvoerder"}


def test_a_publication_director_after_maitre_or_mr_in_a_legal_notice() -> None:
    body = """<p>The website is operated by Nordlys Media SAS, whose publication director is Mr. Jonas Lind.</p>
    <p>Le responsable du traitement a désigné un délégué. Notre Délégué à la protection des données est Me. Claire Moreau.</p>"""
    assert set(people_of(body, "en")) == {"Jonas Lind", "Claire Moreau"}


def test_a_chief_of_another_firm_quoted_in_a_story_is_not_the_sites() -> None:
    """A blog quoting founders and chief executives of other firms; a head "of Marketing" heads
    a department of the site's own firm."""
    body = """<p>"Hiring slowly kept us alive," says Kenji Watanabe, CEO and co-founder of Ledgerly.</p>
    <p>"Burn rate is everything." - Laura Becker, cofounder of Quantis Labs.</p>
    <p>Our team grew again: Mia Olsen, Director of Marketing, joined in May.</p>"""
    found = people_of(body, "en", "https://blog.example-startup.com/")
    assert "Kenji Watanabe" not in found and "Laura Becker" not in found
    assert "Mia Olsen" in found


def test_a_testimonial_signed_by_the_president_of_a_customer_is_not_the_sites() -> None:
    """Italian testimonial: "Nome, presidente della <cliente>" under a quotation."""
    body = """<h2>Team</h2><p>Giulia Conti, amministratrice delegata</p>
    <div class="testimonianza"><p>"Un servizio impeccabile, puntuale e preciso da dieci anni."</p>
    <p class="autore">Roberto Galli, presidente della Cooperativa Lario</p></div>"""
    found = people_of(body, "it", "https://www.studioconti.it/")
    assert "Giulia Conti" in found and "Roberto Galli" not in found


def _article(author: str, box: str) -> bytes:
    long = "Les réseaux électriques changent vite et les entreprises doivent suivre le rythme. " * 4
    return (
        '<!doctype html><html lang="fr"><head><title>Réseaux</title><meta property="og:type" content="article">'
        f'<meta name="author" content="{author}"></head><body><article><h1>Réseaux</h1><p>{long}</p>'
        f'<div class="author-box">{box}</div></article></body></html>'
    ).encode()


@pytest.mark.parametrize(
    ("box", "want"),
    [
        ("<p>Claire Dubois</p><p>Responsable éditoriale. Claire Dubois écrit sur l'énergie et les réseaux depuis 2015.</p>",
         {"Claire Dubois": "Responsable éditoriale"}),
        ("<p>Claire Dubois</p><p>Como directora de comunicación, escribo sobre energía y redes desde hace diez años.</p>",
         {"Claire Dubois": "Directora de comunicación"}),
        ("<p>Claire Dubois</p><p>Claire Dubois ist Projektleiterin mit zehn Jahren Erfahrung in der Energiewirtschaft.</p>",
         {"Claire Dubois": "Projektleiterin"}),
        ("<p>Claire Dubois</p><p>Elle aime la montagne, le vélo et les longues soirées d'hiver au coin du feu.</p>", {}),
    ],
)  # fmt: skip
def test_an_author_box_that_says_its_writers_job_names_a_person(box: str, want: dict[str, str]) -> None:
    """A lone author box under an article: its writer is the site's person only when the box
    says what they do there; a writer without a job is no team member."""
    facts = extract_page(_article("Claire Dubois", box), "https://www.reseaux-info.fr/a/1", "text/html").facts
    assert {f.value: f.role or "" for f in facts if f.field == "person"} == want


def test_a_table_whose_header_names_name_and_title_columns_pairs_every_row() -> None:
    """Finnish staff table: the header says which column is the name and which the job, so
    jobs no lexicon lists ("Varastomies", "Siivooja") still pair with their person."""
    body = """<table><thead><tr><th>Nimi</th><th>Tehtävä</th><th>Puhelin</th></tr></thead><tbody>
    <tr><td>Mikko Laine</td><td>Varastomies</td><td>040 123 4567</td></tr>
    <tr><td>Sari Koski</td><td>Siivooja</td><td>040 123 4568</td></tr>
    </tbody></table>"""
    assert people_of(body, "fi") == {"Mikko Laine": "Varastomies", "Sari Koski": "Siivooja"}


def test_a_table_without_name_and_title_headers_names_no_one() -> None:
    body = """<table><tr><th>Produkt</th><th>Ausführung</th></tr>
    <tr><td>Nordic Blue</td><td>Edelstahl gebürstet</td></tr>
    <tr><td>Alpine White</td><td>Pulverbeschichtet</td></tr></table>"""
    assert people_of(body, "de") == {}


@pytest.mark.parametrize(
    ("lang", "body", "want"),
    [
        ("zh", "<h2>公司简介</h2><p>董事长：张伟、李娜</p><p>总经理 李明华</p><p>监事 王芳芳</p>",
         {"张伟": "董事长", "李娜": "董事长", "李明华": "总经理", "王芳芳": "监事"}),
        ("ko", "<h2>회사 소개</h2><p>대표이사 김철수</p><p>부사장 이영희</p>",
         {"김철수": "대표이사", "이영희": "부사장"}),
    ],
)  # fmt: skip
def test_chinese_and_korean_profiles_name_their_officers(lang: str, body: str, want: dict[str, str]) -> None:
    """A title then a name, or a title, a full-width colon and names joined by "、"."""
    assert people_of(body, lang) == want


@pytest.mark.parametrize(
    ("lang", "body", "want"),
    [
        ("ru", "<h2>Руководство</h2><p>Генеральный директор: Иван Петров</p><ul>"
               "<li>Анна Смирнова – главный бухгалтер</li><li>Ольга Иванова – руководитель отдела продаж</li></ul>",
         {"Иван Петров": "Генеральный директор", "Анна Смирнова": "Главный бухгалтер",
          "Ольга Иванова": "Руководитель отдела продаж"}),
        ("el", "<p>Μαρία Παπαδοπούλου, Διευθύνουσα Σύμβουλος</p><p>Γιώργος Νικολάου, Διευθύνων Σύμβουλος</p>",
         {"Μαρία Παπαδοπούλου": "Διευθύνουσα Σύμβουλος", "Γιώργος Νικολάου": "Διευθύνων Σύμβουλος"}),
        ("et", "<p>Juhatuse liige: Mari Tamm</p><p>Tegevjuht: Jaan Kask</p>",
         {"Mari Tamm": "Juhatuse liige", "Jaan Kask": "Tegevjuht"}),
        ("hr", "<ul><li>Marko Horvat – predsjednik uprave</li><li>Ana Kovač – članica uprave</li></ul>",
         {"Marko Horvat": "Predsjednik uprave", "Ana Kovač": "Članica uprave"}),
    ],
)  # fmt: skip
def test_boards_in_cyrillic_greek_and_baltic_or_balkan_languages(lang: str, body: str, want: dict[str, str]) -> None:
    assert people_of(body, lang) == want


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("La empresa fue fundada en 1998 por Carmen López, que todavía la preside.", "Carmen López"),
        ("O estúdio de design é liderado por Rita Sousa, responsável pela marca.", "Rita Sousa"),
    ],
)  # fmt: skip
def test_a_founding_or_leading_participle_with_a_year_between_names_the_person(sentence: str, name: str) -> None:
    """"founded in <year> by X", "led by X" in Spanish and Portuguese running text."""
    assert name in people_of(f"<p>{sentence}</p>", "es")
