"""People in a list after a role word (monitor.extract.people), in the lexicon's languages:
plural titles ("Gérants :", "Managing Directors:"), boards and managements ("Board of
Directors:", "Geschäftsleitung:", "Styrelse:"), the word for "and" of each language ("en",
"og", "och", "y", "e"), names with particles, hyphens and titles (Dr., Ing., DI, Mag.). A board
word labels only known first names: "Direction: A7 Ausfahrt Nord" names no one.
"""

from __future__ import annotations

import pytest

from monitor.extract import people
from monitor.extract.page import extract_page


def read(line: str) -> dict[str, str]:
    return {f.value: f.role or "" for f in people.find(["Impressum", line])}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Gérants : Marie Dupont et Luc Martin", {"Marie Dupont": "Gérants", "Luc Martin": "Gérants"}),
        ("Bestuurders: Jan de Vries en Eva van Dijk", {"Jan de Vries": "Bestuurders", "Eva van Dijk": "Bestuurders"}),
        ("Styreleder: Ola Nordmann og Kari Nordmann", {"Ola Nordmann": "Styreleder", "Kari Nordmann": "Styreleder"}),
        ("Styrelse: Erik Johansson och Anna Svensson", {"Erik Johansson": "Styrelse", "Anna Svensson": "Styrelse"}),
        ("Dirección: Laura Gómez y Pablo Ruiz", {"Laura Gómez": "Dirección", "Pablo Ruiz": "Dirección"}),
        ("Direzione: Marco Rossi e Giulia Bianchi", {"Marco Rossi": "Direzione", "Giulia Bianchi": "Direzione"}),
        ("Board of Directors: Mary Smith, John Miller", {"Mary Smith": "Board of Directors", "John Miller": "Board of Directors"}),
        ("Geschäftsleitung: Thomas Maier, Sandra Huber", {"Thomas Maier": "Geschäftsleitung", "Sandra Huber": "Geschäftsleitung"}),
        ("Managing Directors: Ing. Peter Müller-Lüdenscheidt, DI Eva Gruber",
         {"Peter Müller-Lüdenscheidt": "Managing Directors", "Eva Gruber": "Managing Directors"}),
        ("Gesellschafter: Thomas Maier", {"Thomas Maier": "Gesellschafter"}),
        ("Geschäftsführer: Dr. Hans-Peter van der Berg, Maria de Souza",
         {"Hans-Peter van der Berg": "Geschäftsführer", "Maria de Souza": "Geschäftsführer"}),
    ],
)  # fmt: skip
def test_a_list_after_a_role_word_names_each_person(line: str, want: dict[str, str]) -> None:
    assert read(line) == want


@pytest.mark.parametrize("line", ["Direction: A7 Ausfahrt Nord", "Board: Raspberry Pi", "Direction : Sortie Paris Nord"])
def test_a_board_word_before_things_that_are_no_names_makes_no_people(line: str) -> None:
    assert read(line) == {}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Die Aufgabe der Ausbilder Evelyne Schreiter und Christoph Quack ist es, Hundeführer zu motivieren.",
         {"Evelyne Schreiter": "Ausbilder", "Christoph Quack": "Ausbilder"}),
        ("Notre gérante Marie Dupont vous accueille du lundi au vendredi.", {"Marie Dupont": "Gérante"}),
        ("Il nostro direttore Marco Rossi vi aspetta in negozio.", {"Marco Rossi": "Direttore"}),
        ("Unser Trainer Max Weber betreut die Gruppe seit 2010.", {"Max Weber": "Trainer"}),
    ],
)  # fmt: skip
def test_a_title_in_running_text_names_the_people_right_after_it(line: str, want: dict[str, str]) -> None:
    assert read(line) == want


def test_a_title_before_someone_of_another_firm_or_no_known_name_names_no_one() -> None:
    assert read("The CEO Jane Doe of Acme Corp said the deal closed.") == {}
    assert read("Our partner Lumen Systems ships the sensors.") == {}


def _page(title: str, body: str, og_type: str = "website") -> str:
    return (f'<!doctype html><html><head><title>{title}</title><meta property="og:type" content="{og_type}">'
            f"</head><body><main>{body}</main></body></html>")  # fmt: skip


def test_a_personal_site_named_after_its_owner_gives_the_owner() -> None:
    """nielslubberman.nl titled "Portfolio Niels Lubberman": the site is his."""
    page = _page("Portfolio Niels Lubberman", "<h1>Work</h1><p>Posters, logos and type.</p>")
    facts = extract_page(page.encode(), "http://www.nielslubberman.nl/", "text/html").facts
    assert [f.value for f in facts if f.field == "person"] == ["Niels Lubberman"]


def test_a_storys_subject_after_a_title_is_not_the_sites_person() -> None:
    body = "<p>Der Trainer Jürgen Klopp lobte die Mannschaft nach dem Spiel.</p>"
    facts = extract_page(_page("Sport | Zeitung", body, "article").encode(), "https://zeitung.example/sport/1", "text/html").facts
    assert not [f for f in facts if f.field == "person"]


def test_a_firm_named_after_its_founder_is_no_owner() -> None:
    page = _page("Hugo Berg Official Store", "<h1>New season</h1><footer><p>© 2024 HUGO BERG AG</p></footer>")
    facts = extract_page(page.encode(), "https://www.hugoberg.com/", "text/html").facts
    assert not [f for f in facts if f.field == "person"]


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["会社概要", "代表者", "代表取締役社長 山田 太郎"], {"山田 太郎": "代表取締役社長"}),
        (["代表取締役社長\u3000鈴木一郎"], {"鈴木一郎": "代表取締役社長"}),
        (["代表者：代表取締役 佐藤花子"], {"佐藤花子": "代表取締役"}),
        (["社長挨拶", "会長挨拶文", "社長室"], {}),
    ],
)  # fmt: skip
def test_a_japanese_title_then_name_without_a_mark_between(lines: list[str], want: dict[str, str]) -> None:
    """Japanese company profiles write "代表取締役社長 山田 太郎"; "代表者" (representative) is a
    label, not a name, and "社長挨拶" (the president's greeting) names no one."""
    assert {f.value: f.role or "" for f in people.find(lines)} == want


def test_several_labels_in_one_line_each_name_their_own_people() -> None:
    """ "Chairman: A. Members: B, C": each label takes the names up to the next label."""
    found = read("Bestyrelsesformand: Lars Holm. Bestyrelsesmedlemmer: Mette Dahl, Søren Kjær.")
    assert found == {"Lars Holm": "Bestyrelsesformand", "Mette Dahl": "Bestyrelsesmedlemmer",
                     "Søren Kjær": "Bestyrelsesmedlemmer"}  # fmt: skip


def test_arabic_labels_name_their_people_in_arabic_script() -> None:
    """A chairman's and a general manager's label in Arabic, each with a name without capitals."""
    found = read("رئيس مجلس الإدارة: سالم الهاشمي. المدير العام: ليلى العمري.")
    assert set(found) == {"سالم الهاشمي", "ليلى العمري"}


def test_a_supervisory_boards_members_and_commissioners_are_titles() -> None:
    """ "lid" (member), "commissaris", and the chief words of HE AR HI TH VI ID are role words."""
    from monitor.extract.roles import is_role_line

    for title in ("lid", "Commissaris", "Komisaris Utama", "Giám đốc điều hành", "प्रबंध निदेशक", "סמנכ\"ל שיווק",
                  "مدير المبيعات", "กรรมการผู้จัดการ"):  # fmt: skip
        assert is_role_line(title), title
    assert not is_role_line("Lidl")
