"""The item rules every kind shares (feeds, lists on pages, job boards), check by check."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from monitor.diff import diff_items
from monitor.models import TITLE_KEY, Category, Item, Source, State
from tests.test_kind_support import run_checks, source
from tests.test_lists_replay import settle
from tests.webserver import serve

SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=3600.0)


def item(key: str, title: str | None = None, price: str | None = None, day: int | None = None) -> Item:
    return Item(key=key, title=title or f"Story {key}", url=f"https://acme.example/{key}",
                published_at=f"2026-11-{day:02d}T00:00:00Z" if day else None, price=price,
                kind="offer", category=Category.OFFER)


def run(*observations: list[Item], complete: bool = False) -> list[list[tuple[str, str]]]:
    """(change, key) per check, the first observation being the baseline."""
    state = State()
    out = []
    for obs in observations:
        result = diff_items(SRC, state, obs, Category.NEWS, complete=complete)
        out.append([(c.change.value, c.key or "") for c in result.changes])
        state = settle(state, result)
    return out


ABC = [item("a"), item("b"), item("c")]


def test_new_item_is_added_on_its_second_sighting_only() -> None:
    assert run(ABC, [*ABC, item("d")], [*ABC, item("d")], [*ABC, item("d")]) == [
        [], [], [("added", "d")], []]


def test_item_seen_once_then_gone_is_never_reported() -> None:
    assert run(ABC, [*ABC, item("d")], ABC, ABC, ABC) == [[], [], [], [], []]


def test_item_withdrawn_from_the_middle_is_removed_once() -> None:
    ac = [item("a"), item("c")]
    assert run(ABC, ac, ac, ac) == [[], [], [("removed", "b")], []]


def test_item_leaving_the_tail_of_a_window_is_retired_quietly() -> None:
    shifted = [item("z"), item("a"), item("b")]  # z arrives on top, c falls off the end
    assert run(ABC, shifted, shifted, shifted) == [[], [], [("added", "z")], []]


def test_title_or_price_change_of_the_same_url_is_one_modified_after_two_sightings() -> None:
    cheaper = [item("a", price="5 €"), item("b"), item("c")]
    dearer = [item("a", price="7 €"), item("b"), item("c")]
    got = run(cheaper, dearer, dearer, dearer)
    assert got == [[], [], [("modified", "a")], []]
    assert run(cheaper, dearer, cheaper, dearer, cheaper) == [[], [], [], [], []]  # flip-flop


def test_removed_item_that_comes_back_is_one_change() -> None:
    ac = [item("a"), item("c")]
    got = run(ABC, ac, ac, ABC, ABC, ABC)
    assert got == [[], [], [("removed", "b")], [], [("added", "b")], []]


def test_block_that_gains_its_own_link_keeps_its_identity() -> None:
    """An offer first listed without a link of its own (keyed by title) that gains one."""
    titled = [item("a"), Item(key=TITLE_KEY + "b", title="Story b", url=SRC.url, kind="offer",
                              category=Category.OFFER), item("c")]
    assert run(titled, ABC, ABC, titled, titled) == [[], [], [], [], []]


def test_a_new_link_with_an_old_title_is_a_new_item() -> None:
    """Two posts with the same text are two posts: only title-keyed items match by title."""
    other = [item("a"), Item(key="b2", title="Story b", url="https://acme.example/b2",
                             kind="offer", category=Category.OFFER), item("c")]
    assert run(ABC, other, other, other)[2] == [("added", "b2")]


def test_many_dated_items_leaving_at_once_is_a_window_change_not_withdrawals() -> None:
    dated = [item(k, day=d) for k, d in zip("abcdefgh", range(20, 12, -1), strict=True)]
    short = dated[:3]
    assert run(dated, short, short) == [[], [], []]


def test_a_complete_listing_removes_what_is_gone_wherever_it_stood() -> None:
    shifted = [item("z"), item("a"), item("b")]
    got = run(ABC, shifted, shifted, complete=True)
    assert got == [[], [], [("added", "z"), ("removed", "c")]]


NEWS = """<html><head><title>Acme news</title></head><body><main><h1>Newsroom</h1>
<p>Acme builds lunar landers.</p><ul class="news">{}</ul></main></body></html>"""
ROW = '<li><a href="/news/{0}">Acme story number {0} is here</a> <time datetime="2026-11-{0:02d}">{0} Nov 2026</time></li>'


def page(*days: int) -> str:
    return NEWS.format("".join(ROW.format(d) for d in days))


def test_website_news_list_through_the_store_gives_news_items_and_no_content_change(tmp_path: Path) -> None:
    """A newsroom page served on loopback: a new story is one ``news added``, never ``content``."""
    pages = [page(3, 2, 1), page(4, 3, 2, 1), page(4, 3, 2, 1), page(4, 3, 2, 1)]
    with serve() as (site, base):
        src = source("website", f"{base}/news")
        db, results = asyncio.run(run_checks(tmp_path / "m.db", src, [
            (lambda p=p: site.set("/news", p)) for p in pages]))
    rows = [tuple(r) for r in db.execute("SELECT field, change, category, new FROM changes")]
    assert rows == [("news", "added", "news", "Acme story number 4 is here")]
    assert [r.outcome.healthy for r in results] == [True] * 4
    assert db.execute("SELECT count(*) FROM items WHERE pending = 0").fetchone()[0] == 4


def run_confirm(confirm: int, *observations: list[Item]) -> list[list[tuple[str, str]]]:
    src = replace(SRC, confirm=confirm)
    state = State()
    out = []
    for obs in observations:
        result = diff_items(src, state, obs, Category.NEWS)
        out.append([(c.change.value, c.key or "") for c in result.changes])
        state = settle(state, result)
    return out


def test_a_sources_confirm_sets_the_sightings_a_new_item_needs() -> None:
    """``confirm: 3``: added on the third consecutive sighting; seen twice then gone is nothing."""
    abcd = [*ABC, item("d")]
    assert run_confirm(3, ABC, abcd, abcd, abcd, abcd) == [[], [], [], [("added", "d")], []]
    assert run_confirm(3, ABC, abcd, abcd, ABC, ABC) == [[], [], [], [], []]
    assert run_confirm(1, ABC, abcd) == [[], [("added", "d")]]


def test_a_sources_confirm_sets_the_sightings_a_retitle_needs() -> None:
    """``confirm: 3``: a new price is one ``modified`` on its third sighting, a flip back is nothing."""
    cheaper = [item("a", price="5 €"), item("b"), item("c")]
    dearer = [item("a", price="7 €"), item("b"), item("c")]
    assert run_confirm(3, cheaper, dearer, dearer, dearer, dearer) == [
        [], [], [], [("modified", "a")], []]
    assert run_confirm(3, cheaper, dearer, dearer, cheaper, dearer, dearer) == [[]] * 6


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Acme</title>
<link>https://acme.example/</link>{}</channel></rss>"""
RSS_ITEM = ("<item><title>Acme story number {0}</title><link>https://acme.example/n/{0}</link>"
            "<description>&lt;p&gt;&lt;small&gt;{0}. November 2026&lt;/small&gt;&lt;/p&gt;"
            "&lt;p&gt;Acme did thing {0}.&lt;/p&gt;</description></item>")


def feed(*days: int) -> str:
    return RSS.format("".join(RSS_ITEM.format(d) for d in days))


def test_feed_source_confirm_applies_to_its_items_through_the_store(tmp_path: Path) -> None:
    """A feed with ``confirm: 3`` on loopback: a new entry is added on its third check only,
    and the store keeps how many checks saw it in between."""
    feeds = [feed(2, 1), feed(3, 2, 1), feed(3, 2, 1), feed(3, 2, 1)]
    pending = []
    with serve() as (site, base):
        src = source("feed", f"{base}/rss", confirm=3)

        def step(body: str) -> None:
            site.set("/rss", body, content_type="application/rss+xml")

        db, results = asyncio.run(run_checks(tmp_path / "m.db", src, [
            (lambda f=f: step(f)) for f in feeds]))
        pending = [r.diff.items.sightings.get("https://acme.example/n/3", 0) if r.diff else -1
                   for r in results]
    rows = [tuple(r) for r in db.execute("SELECT field, change, new FROM changes")]
    assert len(rows) == 1 and rows[0][1] == "added" and "number 3" in rows[0][2]
    assert pending == [0, 1, 2, 0]
    assert db.execute("SELECT published_at FROM items WHERE key = 'https://acme.example/n/3'"
                      ).fetchone()[0] == "2026-11-03T00:00:00Z"


def test_a_dated_window_flipping_back_to_a_stale_copy_is_no_removal() -> None:
    """A cache serving yesterday's list: the newest story vanishes while the one that had left
    the tail is back. Nothing was withdrawn; the story's return is not news again either."""
    def window(*days: int) -> list[Item]:
        return [item(f"s{d}", day=d) for d in days]
    old, new = window(5, 4, 3, 2), window(6, 5, 4, 3)
    assert run(old, new, new, old, old, new, new) == [[], [], [("added", "s6")], [], [], [], []]
