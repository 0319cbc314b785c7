"""Noise must never look like news: every captured version of two real imprints, extracted.

The expectations below were checked by hand against the captures and VERSIONS.tsv:

finya_de_imprint (49 files, https://www.finya.de/Legal/about/)
  - "Geschäftsführer: Alexander Gerlach, Julien Walther" in every file.
  - e-mails: behoerden@ only in 001–006; from 007 on also kontakt@ (the sentence "Unsere
    allgemeine E-Mail-Adresse lautet kontakt(at)finya.de." was added in 2024-09). VERSIONS.tsv
    marks 007 "markup-only" because it compares with the preceding version of the *full* origin
    history, where the sentence had already appeared; 007 is the first capture kept here.
  - fax, address, VAT id and both register numbers never change; there is no phone.
  - the main text changes only at 007, although 35 files are marked "text-changed": those are
    the footer country block that flips on and off, the copyright year and the build comment.

adopteunmec_imprint (48 files, https://www.adopteunmec.com/legal)
  - Florent Steiner (Directeur Général; Directeur de Publication), Manuel Conejo (Directeur
    Editorial), Aurélien Aucher (DPO) in every file, though 2022 markup renders "Steiner ."
  - e-mails: the mailto: targets stay @adopteunmec.com; the visible addresses become @adopte.app
    at 006 (VERSIONS.tsv: text-changed). The consent modal's support@adopte.app of 001–005 is
    boilerplate and must not count.
  - social links change once, at 008 (text-changed: the 2025 footer drops X, Facebook and
    YouTube and adds LinkedIn); phone, address, VAT id and RCS number never change.
  - the main text changes only at 006 and 008; 010, 015 and 032 are "text-changed" in
    VERSIONS.tsv only by the copyright year ("2007 - 25" → "2007 - 26") and modal texts.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from monitor.extract.page import extract_page
from monitor.models import Fact, Outcome
from tests.conftest import CORPUS

FINYA = "sites_history/finya_de_imprint"
ADOPTE = "sites_history/adopteunmec_imprint"
URLS = {FINYA: "https://www.finya.de/Legal/about/", ADOPTE: "https://www.adopteunmec.com/legal"}

FINYA_PEOPLE = {("Alexander Gerlach", "Geschäftsführer"), ("Julien Walther", "Geschäftsführer")}
ADOPTE_PEOPLE = {
    ("Florent Steiner", "Directeur Général; Directeur de Publication"),
    ("Manuel Conejo", "Directeur Editorial"),
    ("Aurélien Aucher", "DPO"),
}
# version number → expected set; a version keeps the set of the last key at or before it
FINYA_EMAILS = {1: {"behoerden@finya.de"}, 7: {"behoerden@finya.de", "kontakt@finya.de"}}
ADOPTE_EMAILS = {
    1: {"dpo@adopteunmec.com", "support@adopteunmec.com"},
    6: {"dpo@adopteunmec.com", "support@adopteunmec.com", "dpo@adopte.app", "support@adopte.app"},
}
ADOPTE_X = {1: {"https://x.com/adopte_officiel"}, 8: set()}
TEXT_CHANGES = {FINYA: {7}, ADOPTE: {6, 8}}


def _versions(series: str) -> list[Path]:
    return sorted((CORPUS / series).glob("*.html"))


@cache
def _facts(path: Path, url: str) -> tuple[Fact, ...]:
    obs = extract_page(path.read_bytes(), url, "text/html")
    assert obs.outcome is Outcome.OK, (path.name, obs.detail)
    return obs.facts


def _values(facts: tuple[Fact, ...], field: str) -> set[str]:
    return {f.value for f in facts if f.field == field}


def _expected(table: dict[int, set[str]], number: int) -> set[str]:
    return table[max(k for k in table if k <= number)]


def _text_changed_in_tsv(series: str) -> dict[str, bool]:
    with (CORPUS / series / "VERSIONS.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {
            r["file"]: r["visible_text_vs_previous_distinct_version"] == "text-changed"
            for r in rows
        }


@pytest.mark.parametrize(
    ("series", "people"),
    [(FINYA, FINYA_PEOPLE), (ADOPTE, ADOPTE_PEOPLE)],
    ids=["finya", "adopteunmec"],
)
def test_people_identical_in_every_version(series: str, people: set[tuple[str, str]]) -> None:
    """The same people with the same roles, in all 49 / 48 captures."""
    for path in _versions(series):
        found = {(f.value, f.role) for f in _facts(path, URLS[series]) if f.field == "person"}
        assert found == people, path.name


def test_finya_contacts_change_only_with_the_added_sentence() -> None:
    """E-mails follow the documented history; everything else never moves."""
    first = _facts(_versions(FINYA)[0], URLS[FINYA])
    steady = ("fax", "address", "vat_id", "register", "phone", "link.x", "link.facebook")
    for path in _versions(FINYA):
        facts = _facts(path, URLS[FINYA])
        number = int(path.name[:3])
        assert _values(facts, "email") == _expected(FINYA_EMAILS, number), path.name
        for field in steady:
            assert _values(facts, field) == _values(first, field), (path.name, field)


def test_adopteunmec_contacts_change_only_where_the_text_did() -> None:
    """E-mails change at 006, links at 008, both marked text-changed in VERSIONS.tsv."""
    first = _facts(_versions(ADOPTE)[0], URLS[ADOPTE])
    tsv = _text_changed_in_tsv(ADOPTE)
    for path in _versions(ADOPTE):
        facts = _facts(path, URLS[ADOPTE])
        number = int(path.name[:3])
        assert _values(facts, "email") == _expected(ADOPTE_EMAILS, number), path.name
        assert _values(facts, "link.x") == _expected(ADOPTE_X, number), path.name
        for field in ("phone", "address", "vat_id", "register"):
            assert _values(facts, field) == _values(first, field), (path.name, field)
    assert tsv["006_2025-12-06T003007.html"] and tsv["008_2025-12-19T003026.html"]


@pytest.mark.parametrize("series", [FINYA, ADOPTE], ids=["finya", "adopteunmec"])
def test_main_text_changes_only_with_real_edits(series: str) -> None:
    """Footer flips, copyright years, modals and build comments never change the text fact."""
    changed: set[int] = set()
    previous: set[str] | None = None
    for path in _versions(series):
        text = _values(_facts(path, URLS[series]), "text")
        if previous is not None and text != previous:
            changed.add(int(path.name[:3]))
        previous = text
    assert changed == TEXT_CHANGES[series]


@pytest.mark.parametrize("series", [FINYA, ADOPTE], ids=["finya", "adopteunmec"])
def test_extraction_is_deterministic(series: str) -> None:
    """The same bytes give the same facts, in the same order, every time."""
    for path in _versions(series)[:5]:
        body = path.read_bytes()
        assert extract_page(body, URLS[series], "text/html") == extract_page(
            body, URLS[series], "text/html"
        )


# --- the second simulated web (tests/simweb2): noise kinds and real events ------------------


@pytest.mark.parametrize("noise", ["news_strip", "phone_format", "markup", "rotate_visit", "rotate_day"])
def test_simulated_noise_makes_no_change_past_the_first_rotation(noise: str) -> None:
    """Homepages in seven languages and house styles, one noise kind each and no real event:
    a moving news strip, a phone written nationally or internationally and reshuffled markup
    never make a change; a rotating quote or slogan is news only until each text came back.
    (The stories a moving news strip adds are news, not noise.)"""
    from tests.simweb2.measure import _false, run
    from tests.simweb2.site import companies

    for company in companies(7, count=7, noise=frozenset({noise})):
        changes = {step: false for step, found in run(company, steps=14).changes.items()
                   if (false := [c for c in found if _false(c)])}
        late = {step: c for step, c in changes.items() if step >= 8}  # after a full cycle
        assert late == {}, (company.slug, company.lang.code, company.style, late)
        if noise not in ("rotate_visit", "rotate_day"):
            assert changes == {}, (company.slug, company.lang.code, company.style, changes)


def test_simulated_events_are_reported_once_in_their_own_category() -> None:
    """Role change, phone change, new person and address move, each found as its own fact
    (with every noise kind on), in eleven languages."""
    from tests.simweb2.measure import EVENT_STEPS, EXPECTED_FIELD, run
    from tests.simweb2.site import companies

    missed = []
    for company in companies(3, count=11, events=EVENT_STEPS):
        got = run(company).changes
        for step, event in EVENT_STEPS.items():
            window = [c for c in got.get(step, []) + got.get(step + 1, []) if not isinstance(c, tuple)]
            if not any(c.field == EXPECTED_FIELD[event] for c in window):
                missed.append((company.lang.code, company.style, event))
    assert len(missed) <= 2, missed  # of 55: the shapes still unread are listed in FIGURES.md


def test_text_and_markdown_histories_lose_no_fact_change() -> None:
    """sites_history/*_markdown, served as text/plain through the whole pipeline: the phone
    change and the address move of inuru's page and starlabs' new Mastodon account are found
    (every version of them used to fail as "not HTML")."""
    from tests.replay import replay

    inuru = {v.file[:3]: [c.describe() for c in v.changes] for v in replay("inuru_about_company_markdown")}
    assert "phone: +493063927478 → +493086321607" in inuru["002"]
    assert any(d.startswith("address: ") and "Schwartzkopffstraße" in d for d in inuru["007"])
    starlabs = {v.file[:3]: [c.describe() for c in v.changes]
                for v in replay("starlabs_homepage_markdown", limit=4)}
    assert "link.mastodon added: https://mastodon.social/@starlabssystems" in starlabs["004"]
