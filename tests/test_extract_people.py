"""People and roles on the layouts company sites use (monitor.extract.people and .team).

Every person comes out with exactly their own role: a card's role line is never read as a
label for the next card's name, whatever the order of name and role. Checked on small pages
for each layout, on corpus imprints that must stay as they were, on the ispace company page
(tests/data/ispace_site) against natural card variants (tests/data/people), and on simweb's
team and home pages (../shared/bench/simweb.py) against simweb's own roster over epochs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from monitor import normalize as nz
from monitor.diff import diff_facts
from monitor.extract import people
from monitor.extract.page import extract_page
from monitor.models import Category, Fact, Source, State
from tests.conftest import CORPUS, ROOT

DATA = Path(__file__).parent / "data"
SIMWEB_PATH = ROOT.parent / "shared" / "bench" / "simweb.py"


def roles_of(facts: tuple[Fact, ...] | list[Fact]) -> dict[str, str]:
    """name → role of the person facts."""
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def team(fragment: str, url: str = "https://acme.example/team") -> dict[str, str]:
    """The people of a page whose <main> holds ``fragment``."""
    body = f"<!doctype html><html><body><nav><a href='/'>Home</a></nav><main>{fragment}</main></body></html>"
    return roles_of(extract_page(body.encode(), url, "text/html").facts)


ISPACE = {
    "Takeshi Hakamada": "Founder & CEO", "Takahiro Nakamura": "Director & COO",
    "Jumpei Nozaki": "Director", "Jane Doe": "CFO", "Hideki Shimomura": "CTO",
    "Nozomu Iwata": "VP & Technology",
}  # fmt: skip
THREE = {"Takeshi Hakamada": "Founder & CEO", "Takahiro Nakamura": "Director & COO",
         "Jumpei Nozaki": "Director & CFO"}  # fmt: skip
_ROWS = list(THREE.items())


def _cards(template: str) -> str:
    return "".join(template.format(name=n, role=r.replace("&", "&amp;")) for n, r in _ROWS)


LAYOUTS = {
    "name-then-role cards": _cards('<div class="member"><h3>{name}</h3><p>{role}</p></div>'),
    "role-then-name cards": _cards('<div class="member"><p>{role}</p><h3>{name}</h3></div>'),
    "cards with photo, bio and link": _cards(
        '<li class="member"><img src="/p.jpg" alt="{name}"><div class="info"><h3>{name}</h3>'
        '<p class="role">{role}</p><p class="bio">Joined us from a lunar lander programme and now '
        'leads a team of forty.</p><a href="https://www.linkedin.com/in/x">LinkedIn</a></div></li>'
    ),
    "Name – Role lines": "<ul>" + _cards("<li>{name} – {role}</li>") + "</ul>",
    "Role — Name lines": "<ul>" + _cards("<li>{role} — {name}</li>") + "</ul>",
    "Name, Role lines": _cards("<p>{name}, {role}</p>"),
    "name and role siblings": _cards("<h3>{name}</h3><p>{role}</p>"),
    "role and name siblings": _cards("<h4>{role}</h4><p>{name}</p>"),
    "lines split by <br>": "<p>" + _cards("{name}<br>{role}<br>") + "</p>",
    "table Name | Role": "<table><tr><th>Name</th><th>Role</th></tr>"
    + _cards("<tr><td>{name}</td><td>{role}</td></tr>") + "</table>",
    "table Role | Name": "<table><tr><th>Position</th><th>Name</th></tr>"
    + _cards("<tr><td>{role}</td><td>{name}</td></tr>") + "</table>",
    "dl name / role": "<dl>" + _cards("<dt>{name}</dt><dd>{role}</dd>") + "</dl>",
    "dl role / name": "<dl>" + _cards("<dt>{role}</dt><dd>{name}</dd>") + "</dl>",
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_pairs_each_person_with_exactly_their_role(layout: str) -> None:
    """The reported bug: "Takahiro Nakamura: Director & COO; Founder & CEO" must not happen."""
    assert team(LAYOUTS[layout]) == THREE


def test_a_role_never_leaks_into_the_next_card() -> None:
    """A card with two titles keeps both; the next card's person gets only their own."""
    found = team(
        '<div class="m"><h3>Jane Doe</h3><p>CEO</p><p>Board Member</p></div>'
        '<div class="m"><h3>John Roe</h3><p>CTO</p></div>'
        '<div class="m"><p>Head of Design</p><p>Ann Lee</p></div>'
    )
    assert found == {"Jane Doe": "Board Member; CEO", "John Roe": "CTO", "Ann Lee": "Head of Design"}


def test_a_section_heading_is_not_the_role_of_the_card_under_it() -> None:
    """'Board of Directors' reads like a title, but it heads a section, not Jane's card."""
    found = team(
        '<section><h2>Board of Directors</h2><div class="m"><h3>Jane Doe</h3><p>Chair</p></div>'
        '</section><section><h2>Management</h2><div class="m"><h3>John Roe</h3><p>CEO</p></div>'
        '<div class="m"><h3>Ann Lee</h3><p>CTO</p></div></section>'
    )
    assert found == {"Jane Doe": "Chair", "John Roe": "CEO", "Ann Lee": "CTO"}


def test_menus_teasers_and_bylines_are_not_people() -> None:
    """Navigation pairs, a lone 'Partner Content' teaser, an author byline above tags."""
    body = (
        b"<html><body><nav><ul><li>Developer Access</li><li>Sharp Insights</li></ul></nav><main>"
        b"<div class='teaser'><p>Partner Content</p><p>Brand Studio Team</p></div>"
        b"<article><div>By Maria Korolov</div><footer>CIO Digital Transformation</footer></article>"
        b"<div class='m'><h3>Jane Doe</h3><p>Engineer</p></div>"
        b"<div class='m'><h3>John Roe</h3><p>Designer</p></div></main></body></html>"
    )
    found = roles_of(extract_page(body, "https://acme.example/", "text/html").facts)
    assert found == {"Jane Doe": "Engineer", "John Roe": "Designer"}


def test_the_ispace_page_reads_the_same_as_natural_cards() -> None:
    """tests/data/ispace_site/now/company (Name – Role) and tests/data/people card variants."""
    url = "https://ispace-inc.com/company/"
    pages = [
        DATA / "ispace_site" / "now" / "company" / "index.html",
        DATA / "people" / "ispace_company_cards.html",
        DATA / "people" / "ispace_company_cards_role_first.html",
    ]
    for path in pages:
        assert roles_of(extract_page(path.read_bytes(), url, "text/html").facts) == ISPACE, path


# --- imprints and legal notices ---------------------------------------------------------------


def test_german_imprint_label_list() -> None:
    """sites_history/finya_de_imprint/001: "Geschäftsführer:" / "Alexander Gerlach, Julien Walther"."""
    page = CORPUS / "sites_history/finya_de_imprint/001_2024-06-04T123220.html"
    facts = extract_page(page.read_bytes(), "https://www.finya.de/Legal/about/", "text/html").facts
    assert roles_of(facts) == {"Alexander Gerlach": "Geschäftsführer",
                               "Julien Walther": "Geschäftsführer"}  # fmt: skip


def test_german_imprint_label_in_a_definition_list() -> None:
    """<dt>Geschäftsführer:</dt><dd>A, B</dd> next to an address block."""
    found = team(
        "<h1>Impressum</h1><dl><dt>Anschrift</dt><dd>Acme GmbH<br>Hauptstraße 5<br>10115 Berlin"
        "</dd><dt>Geschäftsführer:</dt><dd>Erika Muster, Max Beispiel</dd><dt>Prokurist</dt>"
        "<dd>Hans Huber</dd></dl>",
        url="https://acme.de/impressum",
    )
    assert found == {"Erika Muster": "Geschäftsführer", "Max Beispiel": "Geschäftsführer",
                     "Hans Huber": "Prokurist"}  # fmt: skip


def test_french_legal_notices() -> None:
    """sites_history/adopteunmec_imprint/001 sentences, and the "Directeur de la publication :" label."""
    page = CORPUS / "sites_history/adopteunmec_imprint/001_2022-06-28T183103.html"
    facts = extract_page(page.read_bytes(), "https://www.adopteunmec.com/legal", "text/html").facts
    assert roles_of(facts) == {
        "Florent Steiner": "Directeur Général; Directeur de Publication",
        "Manuel Conejo": "Directeur Editorial",
        "Aurélien Aucher": "DPO",
    }
    found = team(
        "<h1>Mentions légales</h1><p>Éditeur : Acme SAS, 12 rue de la Paix, 75002 Paris</p>"
        "<p>Directeur de la publication : Jeanne Martin</p>"
        "<p>Hébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix</p>",
        url="https://acme.fr/mentions-legales",
    )
    assert found == {"Jeanne Martin": "Directeur de la publication"}


def test_people_find_works_on_plain_lines_too() -> None:
    """Without the page layout (a list of lines), cards pair by neighbours, labels by lines."""
    lines = ["Our team", "Jane Doe", "CEO", "John Roe", "CTO", "Vertreten durch:", "Erika Muster"]
    assert roles_of(people.find(lines)) == {
        "Jane Doe": "CEO", "John Roe": "CTO", "Erika Muster": "Vertretungsberechtigt"
    }


# --- simweb: ground truth over epochs --------------------------------------------------------


def _simweb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("simweb", SIMWEB_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("simweb", module)
    spec.loader.exec_module(module)
    return module


def _roster(sim: Any, company: int, epoch: int) -> dict[str, str]:
    """simweb's team at an epoch, as person facts would state it (one spelling per role)."""
    held: dict[str, tuple[str, set[str]]] = {}
    for member in sim.team(company, sim.counts(company, epoch)["t"][0]):
        entry = held.setdefault(nz.fold(member["name"]), (member["name"], set()))
        entry[1].add(nz.role(member["role"]))
    return {name: "; ".join(sorted(roles)) for name, roles in held.values()}


COMPANIES = 20
EPOCHS = 5


@pytest.mark.skipif(not SIMWEB_PATH.is_file(), reason="shared/bench/simweb.py not present")
def test_simweb_team_and_home_pages_list_every_person_with_exactly_their_role() -> None:
    """20 companies × 5 epochs × (team, home): the extracted people are simweb's roster."""
    sim = _simweb().SimWeb(companies=COMPANIES)
    for company in range(COMPANIES):
        url = f"http://127.0.0.1/c/{sim.base(company)['slug']}/"
        for epoch in range(EPOCHS):
            expected = _roster(sim, company, epoch)
            for page in ("team", "home"):
                facts = extract_page(sim.render(company, page, epoch=epoch), url, "text/html").facts
                assert roles_of(facts) == expected, (company, page, epoch)


@pytest.mark.skipif(not SIMWEB_PATH.is_file(), reason="shared/bench/simweb.py not present")
def test_simweb_team_changes_are_exactly_the_person_fact_differences() -> None:
    """Role change, departure + hire, new hire: exactly those person changes; else none.

    Uses simweb's truth (``changed``) and the real differ; the team page must show no other
    change than its text, the home page no leadership change that the roster does not make.
    """
    sim = _simweb().SimWeb(companies=COMPANIES)
    source = Source(id="s", company="c", kind="website", url="http://127.0.0.1/", every=3600,
                    confirm=1)
    team_changes = 0
    for epoch in range(EPOCHS - 1):
        changed = {(c["slug"], p) for c in sim.changed(epoch, epoch + 1) for p in c["pages"]}
        for company in range(COMPANIES):
            slug = sim.base(company)["slug"]
            before, after = _roster(sim, company, epoch), _roster(sim, company, epoch + 1)
            expected = {(k, before.get(k), after.get(k)) for k in before.keys() | after.keys()
                        if before.get(k) != after.get(k)}  # fmt: skip
            team_changes += bool(expected)
            for page in ("team", "home"):
                old, new = (
                    extract_page(sim.render(company, page, epoch=e), source.url, "text/html").facts
                    for e in (epoch, epoch + 1)
                )
                found, _, _ = diff_facts(source, State(facts=old, baseline=False), new, "now")
                leadership = {(c.key, c.old, c.new) for c in found if c.category is Category.LEADERSHIP}
                assert leadership == expected, (slug, page, epoch)
                if page == "team":
                    others = [c for c in found if c.category not in (Category.LEADERSHIP, Category.CONTENT)]
                    assert not others, (slug, epoch, others)
                    if (slug, "team") not in changed:
                        assert not found, (slug, epoch, found)
    assert team_changes >= 3, "the sample must hold real team changes"
