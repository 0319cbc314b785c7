"""Founders and directors named only in running text (monitor.extract.founders).

Small organisations tell how they began instead of listing a team. Each language's shape is
read; names share a last name when the text does ("Beate und Norbert Olschewski"); history
(a founding before 1900), the founding of something else than the site, and names without a
known first name make no person.
"""

from __future__ import annotations

import pytest

from monitor.extract import founders
from monitor.extract.page import extract_page

CASES = [
    ("Testata giornalistica fondata e diretta da Andrea Zoppolato - Reg. Trib. di Milano n° 22",
     "", {"Andrea Zoppolato": "fondatore e direttore"}),
    ("Acme was founded in 2010 by Jane Doe and John Smith, two engineers.", "",
     {"Jane Doe": "Founder", "John Smith": "Founder"}),
    ("La société a été fondée par Marie Dupont et Pierre Martin en 1990.", "",
     {"Marie Dupont": "fondateur", "Pierre Martin": "fondateur"}),
    ("Die Firma wurde 1990 von Peter Müller gegründet.", "", {"Peter Müller": "Gründer"}),
    ("Empresa fundada por Carlos Ruiz y Ana López.", "",
     {"Carlos Ruiz": "fundador", "Ana López": "fundador"}),
    ("Het bureau werd opgericht door Jan Jansen.", "", {"Jan Jansen": "oprichter"}),
    ("Beate und Norbert Olschewski entschlossen sich im Jahr 1990 den Hunde-Verein Kreis Unna "
     "zu gründen, einige Gleichgesinnte hatten sie schon hinter sich.", "hundevereinkreisunna",
     {"Beate Olschewski": "Gründer", "Norbert Olschewski": "Gründer"}),
    ("Anna Weber und Tom Berg gründeten 2001 unsere Firma.", "acme",
     {"Anna Weber": "Gründer", "Tom Berg": "Gründer"}),
]  # fmt: skip


@pytest.mark.parametrize(("line", "site", "want"), CASES, ids=[c[0][:30] for c in CASES])
def test_founders_named_in_running_text(line: str, site: str, want: dict[str, str]) -> None:
    assert dict(founders.find(line, site)) == want


NOT_PEOPLE = [
    ("Fondato da San Gerolamo Emiliani nel 1533 l'orfanatrofio di Milano sorge in via Manzoni.", ""),
    ("Olafur Eliasson wuchs in Island auf und gründete 1995 das Studio Olafur Eliasson.", "bdzv"),
    ("Our studio was founded by the people of the valley.", ""),
]  # fmt: skip


@pytest.mark.parametrize(("line", "site"), NOT_PEOPLE, ids=[c[0][:30] for c in NOT_PEOPLE])
def test_history_other_foundings_and_no_names_make_no_founder(line: str, site: str) -> None:
    assert founders.find(line, site) == []


def test_a_founding_story_on_an_about_page_gives_its_founders() -> None:
    page = (
        "<!doctype html><html><head><title>Über uns | Hunde-Verein Kreis Unna</title></head><body>"
        "<main><h1>Unser Verein</h1><p>Beate und Norbert Olschewski entschlossen sich im Jahr 1990 "
        "den Hunde-Verein Kreis Unna zu gründen.</p><p>Wir trainieren jeden Samstag.</p></main>"
        "</body></html>"
    )
    facts = extract_page(page.encode(), "https://www.hundeverein-kreisunna.de/verein", "text/html").facts
    found = {f.value: f for f in facts if f.field == "person"}
    assert set(found) == {"Beate Olschewski", "Norbert Olschewski"}
    assert found["Beate Olschewski"].evidence.startswith("[prose]")


def sentence_people(line: str, site: str) -> dict[str, str]:
    from monitor.extract import people

    return dict(people._in_sentences(line, site))


def test_a_title_prefixed_by_the_organisations_acronym_names_its_holder() -> None:
    line = "Das sei hoch gefährlich, erklärt dazu BDZV-Hauptgeschäftsführer Dietmar Wolff. Es gebe"
    assert sentence_people(line, "bdzv") == {"Dietmar Wolff": "Hauptgeschäftsführer"}


def test_a_lower_case_prefix_is_not_the_bare_title() -> None:
    assert sentence_people("Our Vice-President Anna Berg said so.", "acme") == {}


def test_an_officer_of_another_organisation_in_a_caption_is_not_the_sites() -> None:
    caption = (
        "Von links nach rechts: Prof. Dr. Jan Wenske, Deputy Director IWES, Prof. Dr. Andreas "
        "Reuter, Managing Director IWES, Gesa Quisdorf"
    )
    assert sentence_people(caption, "iwrpressedienst|iwesundnordexgroup") == {}
    own = "Prof. Dr. Andreas Reuter, Managing Director IWES, opened the test bench."
    assert sentence_people(own, "iwes") == {"Andreas Reuter": "Managing Director"}


def test_a_list_of_duties_gives_each_person_their_duty() -> None:
    """Three "Duty: Name" lines in a row, one a known role: every duty is that person's role."""
    from monitor.extract import people

    duties = ["Leitung: Thomas Stang", "Organisation und Gewänder: Beatrix Keller-Dunoo",
              "Kassenwart: Christiane Röder", "Rückmeldungen aller Art: Viola Maier"]  # fmt: skip
    found = {f.value: f.role for f in people.find(duties)}
    assert found["Beatrix Keller-Dunoo"] == "Organisation und Gewänder"
    assert found["Viola Maier"] == "Rückmeldungen aller Art"


def test_credits_without_a_role_and_short_runs_are_no_duties() -> None:
    from monitor.extract import people

    credits = ["Design: Anna Berg", "Fotos: Peter Müller", "Text: Maria Lind"]
    assert people.find(credits) == []
    two = ["Organisation und Gewänder: Beatrix Keller", "Rückmeldungen aller Art: Viola Maier"]
    assert people.find(two) == []


def test_profiles_name_a_team_by_their_bios() -> None:
    """Names alone on a line, each followed by a text about them by first name (a Markdown
    about page): the crew, with the role the bio gives."""
    page = (
        "# About us\n\n**Juho Karhu**\n\nJuho is the skipper and technical mastermind aboard. He "
        "fixes what breaks.\n\n**Sohvi Kangasluoma**\n\nSohvi brings a research perspective to our "
        "adventures and runs the logistics.\n\n**Nova**\n\nNova is our dog, adopted in 2025.\n"
    )
    facts = extract_page(page.encode(), "https://crew.example/about-us", "text/markdown").facts
    found = {f.value: f.role for f in facts if f.field == "person"}
    assert found == {"Juho Karhu": "skipper", "Sohvi Kangasluoma": None}


def test_one_name_above_a_story_is_no_team() -> None:
    page = (
        "# Customer story\n\n**Jane Miller**\n\nJane is the owner of a bakery in Leeds and uses "
        "our ovens every day.\n"
    )
    facts = extract_page(page.encode(), "https://ovens.example/stories/jane", "text/markdown").facts
    assert [f for f in facts if f.field == "person"] == []


def test_an_officer_of_a_firm_the_page_names_is_not_the_sites() -> None:
    """A press service publishing a partner's release: "Dr. X, Director … Nordex" where the
    page names "Nordex SE" is Nordex's officer, not the press service's."""
    from monitor.extract import people

    lines = [
        "BU: Von links nach rechts: Gesa Quisdorf, Group manager, Dr. Christian Wessels, "
        "Director Electrical Engineering Nordex",
        "Pressekontakt:",
        "Nordex SE",
    ]
    assert {f.value for f in people.find(lines, site="iwrpressedienst")} == set()
    own = ["Dr. Christian Wessels, Director Electrical Engineering Nordex", "Nordex SE"]
    assert {f.value for f in people.find(own, site="nordexonline")} == {"Christian Wessels"}


def test_the_owners_a_site_is_named_after_are_its_people() -> None:
    from monitor.extract import people

    found = {f.value for f in people.find(["Welcome", "to Ingrid and Guido Haase's web gallery!"])}
    assert found == {"Ingrid Haase", "Guido Haase"}
    assert people.find(["Read more on Acme Corp's website."]) == []
