"""People in layouts without a team heading: two-column tables and definition lists of titles
and names (monitor.extract.tables) and repeated "Name, role" captions (monitor.extract.captions).
The hand-made pages are in tests/data/people_layouts/dev.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import captions, in_prose, tables
from tests.people_cues_score import cases, found

_DEV = Path(__file__).parent / "data" / "people_layouts" / "dev.yaml"


@pytest.mark.parametrize("case", cases(_DEV), ids=lambda c: str(c["id"]))
def test_each_layout_gives_its_people_and_no_one_else(case: dict[str, Any]) -> None:
    want = {nz.fold(k): nz.fold(v) for k, v in (case.get("people") or {}).items()}
    got = {name: nz.fold(title) for name, title in found(case).items()}
    assert got == want


def test_a_title_cell_with_a_title_before_the_name_is_left_to_the_lines() -> None:
    tree = LexborHTMLParser("<table><tr><th>代表者</th><td>代表取締役社長 丸井 健太郎</td></tr></table>")
    assert tables.find(tree) == []


def test_a_lone_caption_is_not_a_person() -> None:
    tree = LexborHTMLParser("<figure><figcaption>Giulia Rossi, enologa</figcaption></figure>")
    assert captions.find(tree) == []


def test_captions_naming_two_people_are_not_a_name_and_a_title() -> None:
    html = "".join(f"<figcaption>{t}</figcaption>" for t in ("Anna Weber, Tom Brown", "Lea Roth, Jan Graf"))
    assert captions.find(LexborHTMLParser(html)) == []


def test_a_table_of_properties_under_title_words_is_not_people() -> None:
    rows = "<tr><th>Director arm</th><td>Brushed Aluminium</td></tr><tr><th>President</th><td>Walnut Oak</td></tr>"
    assert tables.find(LexborHTMLParser(f"<table>{rows}</table>")) == []


@pytest.mark.parametrize(
    "line",
    ["The migration was led by Jane Smith of Northwind Partners.", "Photo by Daniel Reyes.",
     '"Great work," says Martin Kerr, CEO of Harbour Freight.', "Written by Jane Smith, our guest author."],
)  # fmt: skip
def test_sentences_naming_other_firms_people_are_not_the_sites(line: str) -> None:
    assert in_prose.find([line]) == []


def test_every_language_line_of_the_prose_table_has_possessives_and_phrases() -> None:
    text = (Path(in_prose.__file__).parent / "data" / "prose.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]
    assert {"en", "de", "fr", "es", "it", "nl", "pt", "da", "no", "sv", "pl"} <= {r[0] for r in rows}
    assert all(len(r) == 3 and r[1] and r[2] for r in rows)


def test_captions_of_another_firms_people_are_not_the_sites() -> None:
    texts = ("Klara Berg, Chief Evangelist, Nordwerk Systems", "Klara Berg, Chief Evangelist, Nordwerk Systems",
             "Tom Brown, Head of Sales at Acme")  # fmt: skip
    assert captions.find(LexborHTMLParser("".join(f"<figcaption>{t}</figcaption>" for t in texts))) == []


def test_a_founder_of_long_ago_is_history_not_staff() -> None:
    assert in_prose.find(["Fondato da Marco Emiliani nel 1533, l'ospedale sorge in centro."]) == []
    assert [f.value for f in in_prose.find(["La savonnerie a été fondée par Marie Dupont en 1996."])] == ["Marie Dupont"]
