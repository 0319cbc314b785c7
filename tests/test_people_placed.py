"""Where a page shows its people (``people.placed``): the section of each line naming them."""

from __future__ import annotations

from monitor.extract import html, layout, people
from monitor.models import Fact

PAGES = {
    "en": ("Our team", "Employee of the month", "Written by"),
    "de": ("Unser Team", "Mitarbeiterin des Monats", "Von"),
    "ja": ("チーム", "今月の社員", "執筆"),
}


def _page(team: str, card: str, names: tuple[str, str, str]) -> str:
    a, b, c = names
    return (f"<html><body><main><section><h2>{card}</h2><div><p><b>{c}</b>, Engineer</p></div>"
            f"</section><section><h2>{team}</h2><div><h3>{a}</h3><p>CEO</p></div>"
            f"<div><h3>{b}</h3><p>CFO</p></div></section>"
            f"<section><h2>{card}</h2><p>{a}</p></section></main></body></html>")


def test_placed_gives_each_person_the_sections_naming_them() -> None:
    for team, card, _ in PAGES.values():
        names = ("Ada Berg", "Ben Holm", "Cleo Lind")
        page = layout.read(html.parse(_page(team, card, names)))
        facts = [Fact("person", n, "x") for n in names] + [Fact("email", "a@b.c")]
        got = {f.value: f.where for f in people.placed(facts, page)}
        low_team, low_card = team.casefold(), card.casefold()
        assert got["Cleo Lind"] == (f"{low_card}#1",)
        assert got["Ben Holm"] == (f"{low_team}#1",)
        assert got["Ada Berg"] == tuple(sorted((f"{low_team}#1", f"{low_card}#2")))
        assert got["a@b.c"] == ()


def test_a_heading_that_names_a_person_opens_no_section() -> None:
    doc = ("<html><body><h2>Meet us</h2><div><h4>Ada Berg</h4><p>CEO</p></div>"
           "<div><h4>Ben Holm</h4><p>CFO</p></div></body></html>")
    page = layout.read(html.parse(doc))
    facts = [Fact("person", "Ada Berg", "CEO"), Fact("person", "Ben Holm", "CFO")]
    assert {f.where for f in people.placed(facts, page)} == {("meet us#1",)}
