"""Lists on pages become items: hand-made layouts in several house styles and languages.

Expected items live in ``tests/data/lists/expected.yaml``, written from the markup. Menus,
footers, related-links widgets, tag clouds and share bars in the same pages must not be items,
and an item's text must not reappear in the page's ``text`` fact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from monitor.extract import dates, listown
from monitor.extract.page import extract_page
from monitor.models import Category

DATA = Path(__file__).parent / "data" / "lists"
EXPECTED: dict[str, Any] = YAML(typ="safe").load((DATA / "expected.yaml").read_text("utf-8"))


def observe(name: str) -> Any:
    case = EXPECTED[name]
    return extract_page((DATA / name).read_bytes(), case["url"], "text/html")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_list_fixture_gives_exactly_the_expected_items(name: str) -> None:
    """Every expected item with its category, date, price and URL; nothing from page chrome."""
    case = EXPECTED[name]
    obs = observe(name)
    assert [i.title for i in obs.items] == [e["title"] for e in case["items"]]
    for item, want in zip(obs.items, case["items"], strict=True):
        assert item.category is Category(case["category"])
        assert item.evidence
        if "date" in want:
            assert (item.published_at or "")[:10] == want["date"]
        if "price" in want:
            assert item.price == want["price"]
        if "url" in want:
            assert item.url == want["url"]
        if "details" in want:  # a job row's location, department, employment type, remote
            assert dict(item.details) == want["details"]


def test_item_text_is_not_also_page_content() -> None:
    """One event, one category: item titles leave the text fact, the rest of the page stays."""
    obs = observe("news_cards_en.html")
    text = next(f.value for f in obs.facts if f.field == "text")
    assert "research lab" not in text and "Newsroom" in text


def test_bare_link_rows_without_a_heading_are_not_items() -> None:
    """A row of links under no heading (a menu outside <nav>) stays page content."""
    page = b"""<html><body><div class="links"><a href="/products/a">Cloud servers for teams</a>
    <a href="/products/b">Storage boxes for backups</a><a href="/products/c">Managed databases
    for apps</a></div></body></html>"""
    assert extract_page(page, "https://x.example/", "text/html").items == ()


_POSTS = "".join(f'<article class="post"><a href="/blog/post-{n}"><h3>{t}</h3></a></article>'
                 for n, t in enumerate(("How we built hull 7", "A new yard in Kiel",
                                        "Sea trials in March")))


@pytest.mark.parametrize("page", [
    f'<section class="posts"><h2>Blog</h2>{_POSTS}</section>',  # inside, before the first item
    f'<h2>Willkommen an Bord</h2><div class="posts" aria-labelledby="lp">'
    f'<p id="lp" class="kicker">Neuigkeiten</p>{_POSTS}</div>',  # not the heading above
    f'<h2>Welcome aboard</h2><div class="posts" aria-label="Latest news">{_POSTS}</div>',
], ids=["heading-inside", "aria-labelledby", "aria-label"])
def test_a_list_is_named_by_its_heading_wherever_the_structure_puts_it(page: str) -> None:
    """Bare rows of post links are news once a heading names them: inside their container,
    or the name the container declares."""
    obs = extract_page(f"<html><body><main>{page}</main></body></html>".encode(),
                       "https://x.example/", "text/html")
    assert [i.title for i in obs.items] == ["How we built hull 7", "A new yard in Kiel",
                                            "Sea trials in March"]
    assert all(i.category is Category.NEWS and "heading" in i.evidence for i in obs.items)


def test_japanese_post_titles_are_titles_not_bare_menu_links() -> None:
    """CJK titles have no spaces: a row of long Japanese post titles is a list of posts, while
    short labels (a menu) stay bare links."""
    posts = "".join(f'<article class="post"><a href="/blog/{n}"><h3>{t}</h3></a></article>'
                    for n, t in enumerate(("渡辺: 2004年からの品質", "佐藤: シンプルで確実な仕事",
                                           "高橋: 心を込めてお届けします")))
    menu = "".join(f'<li class="m"><a href="/{n}">{t}</a></li>'
                   for n, t in enumerate(("会社概要", "採用情報", "お問い合わせ")))
    page = f'<html><body><section class="posts"><h2>ブログ お知らせ</h2>{posts}</section>' \
           f'<section><h2>お知らせ</h2><ul>{menu}</ul></section></body></html>'
    obs = extract_page(page.encode(), "https://x.example/", "text/html")
    assert [i.title for i in obs.items] == ["渡辺: 2004年からの品質", "佐藤: シンプルで確実な仕事",
                                            "高橋: 心を込めてお届けします"]


def test_a_widget_heading_inside_the_container_keeps_the_list_out() -> None:
    """The same rows under "Related posts" inside their container are a widget: no items."""
    page = f'<html><body><section class="posts"><h2>Related posts</h2>{_POSTS}</section></body></html>'
    assert extract_page(page.encode(), "https://x.example/", "text/html").items == ()


@pytest.mark.parametrize(("text", "iso"), [
    ("May 26, 2021", "2021-05-26"), ("26. Mai 2021", "2021-05-26"), ("26 juin 2021", "2021-06-26"),
    ("12 de marzo de 2024", "2024-03-12"), ("2024年3月1日", "2024-03-01"), ("18.05.2021", "2021-05-18"),
    ("posted 2021-05-26T10:00Z", "2021-05-26"), ("Sept 3, 2022", "2022-09-03"),
])
def test_visible_dates_in_several_languages(text: str, iso: str) -> None:
    assert dates.find(text) == iso


def test_ambiguous_or_relative_dates_are_not_read() -> None:
    """05/06/2021 could be May or June; "3 days ago" is noise: no date beats a wrong one."""
    assert dates.find("05/06/2021") is None and dates.find("3 days ago") is None


@pytest.mark.timeout(120)  # a hang guard, far above the few milliseconds this takes
def test_hostile_digit_runs_and_deep_nesting_end() -> None:
    """A 200 000-digit price-like run and 2 000 nested list levels are read, not hung on."""
    digits = "<li><a href='/deals/{0}'>Offer number {0} here</a> " + "9" * 200_000 + "</li>"
    rows = "".join(digits.format(i) for i in range(3))
    deep = "<div><ul>" * 2000 + "</ul></div>" * 2000
    page = f"<html><body><h2>Deals</h2><ul>{rows}</ul>{deep}</body></html>".encode()
    obs = extract_page(page, "https://x.example/", "text/html")
    assert obs.outcome.value in ("ok", "extraction_failed")


@given(st.text(max_size=300))
@settings(max_examples=60, deadline=None)
def test_any_markup_gives_items_or_nothing_never_an_error(markup: str) -> None:
    page = f"<html><body><ul><li>{markup}</li><li>{markup}</li><li>{markup}</li></ul></body></html>"
    extract_page(page.encode("utf-8", "surrogatepass"), "https://x.example/a", "text/html")


@pytest.mark.parametrize(("text", "iso"), [
    ("23. August 2023 We would like to introduce", "2023-08-23"),
    ("Posted on May 3, 2024 – a new region", "2024-05-03"), ("2021年5月1日 お知らせ", "2021-05-01"),
    ("We met the team on 3 May 2024 at the fair", None), ("Our new servers are here", None),
])
def test_a_date_a_text_opens_with_is_its_date_one_further_in_is_not(text: str, iso: str | None) -> None:
    assert dates.leading(text) == iso


@pytest.mark.parametrize(("category", "urls", "own"), [
    (Category.HIRING, ["https://boards.greenhouse.io/acme/jobs/1", "https://jobs.lever.co/acme/2",
                       "https://acme.example/careers/3"], True),  # its applicant-tracking systems
    (Category.OFFER, ["https://shop.acme-store.example/a", "https://shop.acme-store.example/b",
                      "https://shop.acme-store.example/c"], True),  # offers sold in its shop
    (Category.NEWS, ["https://news.acme.example/2024/a", "https://acme.example/2023/b",
                     "https://acme.example/2022/c"], True),  # its own subdomain and year folders
    (Category.NEWS, ["https://acme.co.uk/news/a", "https://www.acme.co.uk/news/b",
                     "https://acme.co.uk/news/c"], True),
    (Category.HIRING, ["https://acme.example/jobs/1", "https://ads.example/t?j=2",
                       "https://acme.example/jobs/3"], False),  # an ad tracker: other employers
    (Category.NEWS, ["https://wire.example/a", "https://wire.example/b", "https://acme.example/news/c"],
     False),  # syndicated
    (Category.NEWS, ["https://acme.example/x", "https://acme.example/x", "https://acme.example/x/"],
     False),  # one page for every block
])
def test_a_list_is_the_sites_own_when_its_items_are(category: Category, urls: list[str],
                                                    own: bool) -> None:
    """Whose list it is, from where its links lead (page at https://www.acme.example/ or .co.uk)."""
    page = "https://www.acme.co.uk/" if ".co.uk" in urls[0] else "https://www.acme.example/"
    assert (listown.foreign(category, urls, page) is None) is own
