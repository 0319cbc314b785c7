"""Exporting an updated card: differences edited in place, every other byte kept.

World data: tests/data/cards/ispace_world.json holds what the website and feed kinds extract
from the "now" state of tests/data/ispace_site (see test_cards_e2e.py, which produces it for
real); tests/data/cards/ispace_updated.md is the expected export of ../shared/examples/ispace.md.
"""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path

import pytest

from monitor.cards import Card, Difference, Evidence, WorldFact, WorldItem, export, parse, review
from monitor.cards.edits import Edit, apply
from tests.conftest import EXAMPLES

CARDS = Path(__file__).parent / "data" / "cards"
ISPACE = EXAMPLES / "ispace.md"
TODAY = date(2024, 5, 1)


def text_of(path: Path) -> str:
    """A file's text exactly as stored."""
    return path.read_bytes().decode("utf-8")


def ispace_world() -> tuple[list[WorldFact], list[WorldItem], list[WorldFact]]:
    """The facts, items and gone values of tests/data/cards/ispace_world.json."""
    data = json.loads(text_of(CARDS / "ispace_world.json"))
    return ([WorldFact(**f) for f in data["facts"]], [WorldItem(**i) for i in data["items"]],
            [WorldFact(**f) for f in data["gone"]])


def changed_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` that are not in ``before`` (diff order)."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[2:] for line in diff if line.startswith("+ ")]


@pytest.mark.parametrize("path", [ISPACE, *sorted(CARDS.glob("*.md"))], ids=lambda p: p.name)
def test_no_differences_gives_the_card_back_byte_for_byte(path: Path) -> None:
    text = text_of(path)
    card = parse(text)
    assert export(card, (), TODAY) == text
    assert parse(export(card, (), TODAY)) == card


def test_ispace_export_writes_the_differences_in_the_cards_layout() -> None:
    facts, items, gone = ispace_world()
    card = parse(text_of(ISPACE))
    updated = export(card, review(card, facts, items, gone), TODAY)
    assert updated == text_of(CARDS / "ispace_updated.md")
    again = parse(updated)
    assert again.as_of == TODAY
    assert review(again, facts, items, gone) == ()  # everything the world said is now in the card
    assert "Kazuya Yoshida" not in {p.name for p in again.people}  # struck through: gone
    assert again.sections == card.sections and again.description == card.description


def test_export_keeps_untouched_lines_identical() -> None:
    facts, items, gone = ispace_world()
    original = text_of(ISPACE)
    updated = export(parse(original), review(parse(original), facts, items, gone), TODAY)
    kept = [line for line in original.splitlines() if line in updated.splitlines()]
    assert len(original.splitlines()) - len(kept) == 5  # date, contacts, links, 2 people
    assert len(changed_lines(original, updated)) == 9  # 5 edited lines, 1 person, 3 news


def _diff(field: str, kind: str, card: str | None, world: str | None, subject: str | None = None,
          seen: str | None = None, url: str | None = None) -> Difference:
    return Difference(field, kind, card, world, subject, Evidence(url, seen))


def test_markers_are_replaced_by_the_new_values() -> None:
    card = parse(text_of(ISPACE))
    diffs = (_diff("phone", "new", None, "+81362776451"), _diff("fax", "new", None, "+81362776452"),
             _diff("fax", "new", None, "+81362776453"))
    updated = export(card, diffs, TODAY)
    assert ("<info@ispace-inc.com>, +81 3-6277-6451, Fax: +81 3-6277-6452, Fax: +81 3-6277-6453;<br>"
            in updated)
    again = parse(updated)
    assert again.phones == ("+81362776451",) and again.faxes == ("+81362776452", "+81362776453")


def test_a_nofax_marker_becomes_a_labelled_fax() -> None:
    card = parse(text_of(CARDS / "etoile.md"))
    updated = export(card, (_diff("fax", "new", None, "+33123456780"),), TODAY)
    assert "Tél. : +33 1 23 45 67 89, Fax: +33 1 23 45 67 80<br>" in updated
    assert parse(updated).faxes == ("+33123456780",)
    assert "> 01.05.2024 " in updated  # the card's own day-first date format


@pytest.mark.parametrize(("gone", "expected"), [
    ({"info@orbita.example"}, "|~~<info@orbita.example>~~, <sales@orbita.example>, +7 495"),
    ({"sales@orbita.example"}, "|<info@orbita.example>, ~~<sales@orbita.example>~~, +7 495"),
    ({"info@orbita.example", "sales@orbita.example"},
     "|~~<info@orbita.example>~~, ~~<sales@orbita.example>~~, +7 495"),
])
def test_values_a_source_dropped_are_struck_through(gone: set[str], expected: str) -> None:
    card = parse(text_of(CARDS / "orbita.md"))
    updated = export(card, tuple(_diff("email", "missing", e, None) for e in gone), TODAY)
    assert expected in updated
    assert set(parse(updated).emails) == {"info@orbita.example", "sales@orbita.example"} - gone


def test_a_replaced_email_is_struck_and_the_new_one_follows() -> None:
    card = parse(text_of(CARDS / "nordlicht.md"))
    diffs = (_diff("email", "missing", "info@nordlicht.example", None),
             _diff("email", "new", None, "hallo@nordlicht.example"),
             _diff("link.x", "missing", "https://x.com/nordlicht_space", None),
             _diff("link.x", "new", None, "https://x.com/nordlicht"))
    updated = export(card, diffs, TODAY)
    assert ("**Kontakt:** ~~info@nordlicht.example~~, vertrieb@nordlicht.example, "
            "hallo@nordlicht.example, Tel.") in updated
    assert "· ~~https://x.com/nordlicht_space~~ & https://x.com/nordlicht\n" in updated
    assert "> Stand: 2024-05-01\n" in updated
    again = parse(updated)
    assert again.emails == ("vertrieb@nordlicht.example", "hallo@nordlicht.example")
    assert [link.url for link in again.links if link.network == "x"] == ["https://x.com/nordlicht"]


def test_export_keeps_what_no_source_contradicted() -> None:
    card = parse(text_of(ISPACE))
    seen_on_a_page = [WorldFact("link.linkedin", "https://www.linkedin.com/company/ispace-inc/"),
                      WorldFact("person", "Takeshi Hakamada", "Founder & CEO", source="press"),
                      WorldFact("person", "Takahiro Nakamura", "Director & COO", source="press")]
    differences = review(card, seen_on_a_page, [])
    assert differences == ()  # Facebook unwatched, four managers absent from one page: no claim
    assert export(card, differences, TODAY) == text_of(ISPACE)


def test_a_card_with_nothing_gets_every_part_it_needs() -> None:
    card = parse(text_of(CARDS / "minimal.md"))
    diffs = (_diff("email", "new", None, "info@min.example"),
             _diff("address", "new", None, "1 Main St, Springfield, IL 62701, US"),
             _diff("link.website", "new", None, "https://min.example/"),
             _diff("person", "new", None, "CEO", "Jane Doe"),
             _diff("founded", "new", None, "2019-04-01"),
             _diff("news", "new", None, "Min raises seed round", seen="2024-02-03T10:00:00Z",
                   url="https://news.example/min"))
    updated = export(card, diffs, TODAY)
    again = parse(updated)
    assert again.as_of == TODAY
    assert again.emails == ("info@min.example",)
    assert again.address == "1 Main St, Springfield, IL 62701, US"
    assert [link.url for link in again.links] == ["https://min.example/"]
    assert [(p.name, p.role) for p in again.people] == [("Jane Doe", "CEO")]
    assert again.founded == "2019-04-01"
    assert again.timeline == ("2024.02.03 — [Min raises seed round](https://news.example/min)",)
    assert updated.startswith("# Minimal Space\n> 2024.05.01\n")


def test_new_people_follow_the_cards_own_line_style() -> None:
    card = parse(text_of(CARDS / "nordlicht.md"))
    updated = export(card, (_diff("person", "new", None, "CFO", "Erika Muster"),
                            _diff("person", "changed", "CTO", "CTO & Founder", "Max Mustermann")),
                     TODAY)
    assert updated.endswith("- Max Mustermann (CTO & Founder)\n- CFO — Erika Muster\n")


def test_overlapping_edits_are_a_bug_not_a_silent_mess() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_card_equality_ignores_layout() -> None:
    text = text_of(ISPACE)
    assert parse(text) == parse(text.replace("\n\n", "\n\n\n", 1))
    assert isinstance(parse(text), Card)


def test_a_windows_card_keeps_its_line_endings() -> None:
    text = text_of(CARDS / "etoile.md").replace("\n", "\r\n")
    updated = export(parse(text), (_diff("person", "new", None, "CFO", "Marie Exemple"),
                                   _diff("news", "new", None, "Essai", seen="2024-03-01T00:00:00Z")),
                     TODAY)
    assert "\n" not in updated.replace("\r\n", "")
    assert "      - CFO — Marie Exemple\r\n" in updated and "   - 01.03.2024 — Essai\r\n" in updated
