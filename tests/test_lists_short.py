"""Short lists: pricing tables of two or three plans and careers sections of two openings are
items; blocks of three that are no list (features, steps, testimonials, team, link columns)
stay page content. The pages are the working short list cases (``tests/listcases/short*``).
"""

from __future__ import annotations

import pytest

from monitor.extract.listblock import titled
from monitor.extract.page import extract_page
from monitor.models import Category
from tests.listcases.short import EXPECTED, Short, changes, read
from tests.listcases.short_working import CASES


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_short_section_gives_exactly_its_items(case: Short) -> None:
    """Every plan or opening with its category and price figure; nothing from a negative."""
    titles, categories, figures = read(case)
    assert titles == list(case.want)
    assert all(c == case.category for c in categories)
    assert [f for f, w in zip(figures, case.figures, strict=True) if w] == [
        w for w in case.figures if w
    ]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_short_section_changes_once_or_never(case: Short) -> None:
    """A plan's new figure is one offer change, a new opening one hiring addition, a
    negative rotated or left alone nothing."""
    assert sorted(changes(case)) == EXPECTED[case.event]


@pytest.mark.parametrize(
    ("text", "priced", "ok"),
    [
        ("Pro", True, True),
        ("Max", True, True),
        ("XL", True, True),
        ("Pro", False, False),
        ("€9", True, False),
        ("12", True, False),
        ("Basic", False, True),
    ],
)
def test_a_short_name_is_a_title_only_beside_a_price(text: str, priced: bool, ok: bool) -> None:
    assert titled(text, marked=True, priced=priced) is ok


def test_one_word_openings_that_repeat_in_two_towns_are_still_openings() -> None:
    """The same trade open in two towns: every entry links its own page, most titles differ."""
    rows = [
        ("Barista", "Malmö", 1),
        ("Kock", "Lund", 2),
        ("Barista", "Lund", 3),
        ("Diskare", "Ystad", 4),
    ]
    items = "".join(f'<li><a href="/jobb/{n}">{t}</a> – {town}</li>' for t, town, n in rows)
    page = f"<html><body><section><h2>Lediga jobb</h2><ul>{items}</ul></section></body></html>"
    obs = extract_page(page.encode(), "https://cafe.example/", "text/html")
    assert [i.url for i in obs.items] == [f"https://cafe.example/jobb/{n}" for *_, n in rows]
    assert all(i.category is Category.HIRING for i in obs.items)


def test_one_word_labels_repeated_on_every_entry_are_no_list() -> None:
    """ "More" on every entry names nothing: no items."""
    items = "".join(f'<li><a href="/x/{n}">Mehr</a></li>' for n in range(4))
    page = f"<html><body><section><h2>Angebote</h2><ul>{items}</ul></section></body></html>"
    assert extract_page(page.encode(), "https://x.example/", "text/html").items == ()


@pytest.mark.parametrize(
    "heading", ["Ofertas de emprego", "Offres d'emploi", "Ofertas de empleo", "Job offers"]
)
def test_offers_of_work_are_openings(heading: str) -> None:
    """A heading that names offers and work names openings: the job word says what is offered."""
    rows = [("Diretora Financeira", 1), ("Gerente de Vendas", 2), ("Gestor de Produto", 3)]
    items = "".join(f'<li><a href="/p/{n}">{t}</a> – Porto</li>' for t, n in rows)
    page = f"<html><body><section><h2>{heading}</h2><ul>{items}</ul></section></body></html>"
    obs = extract_page(page.encode(), "https://x.example/", "text/html")
    assert [i.title for i in obs.items] == [t for t, _ in rows]
    assert all(i.category is Category.HIRING for i in obs.items)
