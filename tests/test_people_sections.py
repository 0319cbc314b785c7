"""People vouched for by the section they are listed in (monitor.extract.sections, package data
extract/data/sections.tsv) and the name check for scripts without letter case
(monitor.extract.caseless). The hand-made pages are in tests/data/people_sections/dev.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import caseless, cues, lexicon, sections
from monitor.extract.page import extract_page
from tests.people_cues_score import cases, found

_DEV = Path(__file__).parent / "data" / "people_sections" / "dev.yaml"


@pytest.mark.parametrize("case", cases(_DEV), ids=lambda c: str(c["id"]))
def test_each_vouched_list_gives_its_people_and_no_one_else(case: dict[str, Any]) -> None:
    want = {nz.fold(k): nz.fold(v) for k, v in (case.get("people") or {}).items()}
    got = {name: nz.fold(title) for name, title in found(case).items()}
    assert got == want


def test_the_section_words_cover_every_language_of_the_role_lexicon() -> None:
    text = (Path(sections.__file__).parent / "data" / "sections.tsv").read_text(encoding="utf-8")
    codes = {
        line.split("\t", 1)[0] for line in text.splitlines() if "\t" in line and line[0] != "#"
    }
    assert lexicon.languages() <= codes
    assert {"ta", "ne", "am", "mn", "km", "ka", "kk", "zu", "hy"} <= codes
    assert all(line.count("\t") == 2 for line in text.splitlines() if line and line[0] != "#")


@pytest.mark.parametrize(
    "heading",
    ["A nossa equipa", "Csapatunk", "Unser Praxisteam", "நிர்வாகக் குழு", "ሰራተኞቻችን",
     "ჩვენი გუნდი", "Удирдлага", "ក្រុមការងារ", "ทีมงานของเรา", "Ibhodi", "Meet the vets"],
)  # fmt: skip
def test_headings_that_name_the_firms_people_vouch(heading: str) -> None:
    assert sections.says_ours(heading)
    assert not sections.says_others(heading)


@pytest.mark.parametrize(
    "heading",
    ["Our clients", "Ügyfeleink mondták", "הלקוחות שלנו", "Últimas noticias", "Unsere Partner",
     "আমাদের গ্রাহক", "Testimonials", "Nos investisseurs"],
)  # fmt: skip
def test_headings_of_other_people_and_things_do_not(heading: str) -> None:
    assert sections.says_others(heading)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("திரு. க. சண்முகசுந்தரம்", "க. சண்முகசுந்தரம்"),  # Tamil, courtesy title and initial
        ("ወ/ሮ ሰላማዊት አበበ", "ሰላማዊት አበበ"),  # Amharic
        ("श्रीमती सुनिता के.सी.", "सुनिता के.सी."),  # Nepali
        ("אינג' אבנר גלעד", "אבנר גלעד"),  # Hebrew
        ("ជា ដារ៉ា", "ជា ដារ៉ា"),  # Khmer
        ("გიორგი ბერიძე", "გიორგი ბერიძე"),  # Georgian
    ],
)
def test_a_caseless_name_is_read_without_its_courtesy_title(line: str, name: str) -> None:
    assert caseless.name(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "தலைவர்",  # one word
        "नाइके प्रबंध निदेशक",  # a title the lexicon knows
        "ჩვენი გუნდი",  # a function word ("our")
        "१२ राम",  # digits
        "Jane Doe",  # a cased script: not this check's
        "გიორგი Beridze",  # two scripts
        "ক. খ.",  # initials only
        "ერთი ორი სამი ოთხი ხუთი",  # five words
    ],
)
def test_lines_that_cannot_be_a_caseless_name(line: str) -> None:
    assert caseless.name(line) is None


def _group_node(html: str) -> Any:
    tree = LexborHTMLParser(f"<html><body>{html}</body></html>")
    return tree, tree.css_first(".g")


def test_the_nearest_heading_decides_and_a_cards_own_name_heading_is_skipped() -> None:
    _, node = _group_node(
        "<h2>Our team</h2><div><div><h3>Anna Berg</h3><p>CEO</p></div></div><div class=g></div>"
    )
    assert sections.nearest_heading(node) == "Our team"
    assert sections.vouches(node, page=False)
    _, node = _group_node("<h2>Our team</h2><h2>What our clients say</h2><div class=g></div>")
    assert not sections.vouches(node, page=True)
    _, node = _group_node('<section aria-label="Leadership"><div class=g></div></section>')
    assert sections.vouches(node, page=False)


def test_the_address_vouches_only_where_no_heading_stands_before_the_list() -> None:
    tree, node = _group_node("<div class=g></div>")
    assert sections.page_says_ours(tree, "https://acme.example/our-people")
    assert not sections.page_says_ours(tree, "https://acme.example/news")
    assert sections.vouches(node, page=True)
    _, node = _group_node("<h2>Our products</h2><div class=g></div>")
    assert not sections.vouches(node, page=True)


def test_entries_rows_and_one_line_pairs() -> None:
    assert sections.entry(["Kiss Anna – bérszámfejtő"]) == ("Kiss Anna", "bérszámfejtő")
    assert sections.entry(["Pilates clínico", "Rafael Nogueira"]) is None  # name first
    assert sections.entry(["Abrimos nueva tienda", "Laura Pérez Gil"]) is None  # a headline
    rows = sections.rows([["Direktion", "Elisabeth Brandstätter"], ["1a", "Florian Haider"]])
    assert rows == [("Elisabeth Brandstätter", "Direktion"), ("Florian Haider", "")]


def test_evidence_names_the_section_reading() -> None:
    html = (
        "<h2>Csapatunk</h2><div><p>Kiss Anna – bérszámfejtő</p><p>Varga Péter – könyvelő</p></div>"
    )
    facts = cues.find(LexborHTMLParser(f"<html><body>{html}</body></html>"), "https://x.hu/")
    assert [f.evidence for f in facts] == [
        "[section] Kiss Anna / bérszámfejtő",
        "[section] Varga Péter / könyvelő",
    ]


def test_a_customers_board_under_our_clients_gives_no_one() -> None:
    html = (
        "<html><body><h2>Our clients</h2><div><div><h4>Hélène Marchal</h4><p>Chair</p></div>"
        "<div><h4>Bruno Tessier</h4><p>Treasurer</p></div></div></body></html>"
    )
    facts = extract_page(html.encode(), "https://acme.example/team").facts
    assert [f for f in facts if f.field == "person"] == []
