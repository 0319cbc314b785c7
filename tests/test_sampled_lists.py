"""Sampled lists: a list whose members come and go and come back is a sample of a larger pool.

Unit level through ``diff_items`` (with the store's item rules mirrored), and end to end
through a real HTTP server, the website kind, the pipeline and SQLite.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.diff import diff_items
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Category, Change, Company, Item, ItemsResult, Source, State
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from tests.test_lists_replay import settle
from tests.webserver import serve

SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=43200.0)
START = datetime(2026, 3, 1, tzinfo=UTC)


def _at(hours: float) -> str:
    return (START + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


def post(n: int) -> Item:
    """Post ``n`` of the pool, dated by its number (a higher number is newer)."""
    return Item(key=f"post-{n}", title=f"How hull {n} was built", url=f"https://acme.example/blog/{n}",
                published_at=f"2026-02-{n + 1:02d}T00:00:00Z", category=Category.NEWS)


def _after(prev: State, res: ItemsResult, now: str) -> State:
    """The item state the store keeps (``settle``), with last sightings and returns."""
    state = settle(prev, res)
    items = dict(state.items)
    for item in res.present:
        key = res.aliases.get(item.key, item.key)
        old = prev.items.get(key)
        items[key] = replace(items[key], last_seen=now, first_seen=old.first_seen if old else now,
                             returns=(old.returns if old else 0) + (key in res.returned))
    return State(items=items, baseline=False)


def run(days: list[list[int]], source: Source = SRC, dated: bool = True) -> list[tuple[int, str, str]]:
    """Each day's list of posts (newest first; undated ones in the order given), checked at
    06:00 and 18:00; the changes as (day, change, key)."""
    state, out = State(), []
    for day, shown in enumerate(days):
        for hour in (6, 18):
            now = _at(24 * day + hour)
            listed = ([post(n) for n in sorted(shown, reverse=True)] if dated else
                      [replace(post(n), published_at=None) for n in shown])
            res = diff_items(source, state, listed, Category.NEWS, now=now)
            out += [(day, c.change.value, c.key or "") for c in res.changes]
            state = _after(state, res, now)
    return out


# Three of posts 0-5 a day; each has been shown by day 4, and some came back by day 3.
SAMPLES = [[5, 2, 0], [4, 3, 1], [5, 2, 1], [4, 2, 0], [5, 3, 0], [4, 2, 1], [5, 3, 1],
           [4, 3, 0], [5, 2, 0], [4, 3, 1], [5, 2, 1], [4, 2, 0]]


def test_members_of_a_sample_coming_back_or_leaving_are_no_change() -> None:
    """Only each post's first sighting after the baseline is news (it cannot be told from a
    new post); once two posts have come back, comings and goings are silent."""
    got = run(SAMPLES)
    assert [(d, c) for d, c, _ in got if c != "added"] == []
    assert sorted(k for _, c, k in got if c == "added") == ["post-1", "post-3", "post-4"]


def test_before_the_list_is_known_as_a_sample_a_withdrawal_is_still_removed() -> None:
    """One post gone from the middle, nothing ever came back: that is a removal; its return
    days later (the only return) is one change too."""
    got = run([[5, 4, 3]] * 2 + [[5, 3]] * 3 + [[5, 4, 3]] * 2)
    assert [(c, k) for _, c, k in got] == [("removed", "post-4"), ("added", "post-4")]


DAILY = Source(**{**SRC.__dict__, "settle": 86400.0})


def test_an_undated_post_is_news_once_it_stayed_a_settle_period_one_drawn_for_a_day_never() -> None:
    """Undated posts tell nothing of their age but by staying: post 3, listed for a day on
    top, is remembered as seen and is no news; post 9 stays and is news on the first check a
    day after it first showed."""
    days = [[2, 1, 0], [3, 2, 1], [2, 1, 0], [2, 1, 0], [9, 2, 1], [9, 2, 1], [9, 2, 1]]
    assert [(d, c, k) for d, c, k in run(days, DAILY, dated=False)] == [(5, "added", "post-9")]


def test_an_undated_list_redrawn_at_once_is_a_sample_its_new_posts_wait_two_settle_periods() -> None:
    """All three undated posts replaced at once is a sample being drawn (or a new layout):
    posts that then keep their places are news two settle periods on; one that moves about
    (drawn again elsewhere in the list) is a member of the sample, never news."""
    days = [[2, 1, 0], [5, 4, 3], [5, 4, 3], [5, 3, 4], [5, 3, 4]]
    assert [(d, c, k) for d, c, k in run(days, DAILY, dated=False)] == [(3, "added", "post-5")]


def test_a_new_post_in_a_sampled_list_is_found() -> None:
    got = run([*SAMPLES, [9, 5, 2], [9, 4, 3], [9, 5, 1]])
    assert ("added", "post-9") in [(c, k) for _, c, k in got if _ >= len(SAMPLES)]
    assert [(c, k) for d, c, k in got if d >= len(SAMPLES)] == [("added", "post-9")]


def test_in_a_known_sample_a_member_drawn_for_a_day_is_no_news_and_a_new_one_that_stays_is() -> None:
    """With a settle period of a day: post 7, never seen, is drawn for one day and again two
    days later: it is remembered as seen, quietly; post 9 stays in its place, and is news two
    settle periods after it first showed (a member of a sample stays a day by chance)."""
    daily = Source(**{**SRC.__dict__, "settle": 86400.0})
    days = [*SAMPLES, [7, 5, 2], [4, 3, 1], [7, 2, 0], [5, 3, 1], [9, 4, 2], [9, 5, 0], [9, 3, 1]]
    got = run(days, daily)
    n = len(SAMPLES)
    assert [(d - n, c, k) for d, c, k in got if d >= n] == [(6, "added", "post-9")]


def test_a_sample_member_gone_for_the_window_is_removed_then() -> None:
    """Post 2 (neither the newest nor the oldest shown) stops being drawn: silent for the
    window, then one removal."""
    without = [[5, 4, 0], [5, 3, 1], [4, 3, 0], [5, 4, 1]]
    got = run(SAMPLES[:6] + without * 5)
    removed = [(d, k) for d, c, k in got if c == "removed"]
    last_shown = max(d for d, s in enumerate(SAMPLES[:6]) if 2 in s)
    assert [k for _, k in removed] == ["post-2"]
    assert removed[0][0] - last_shown in (15, 16)


# --- end to end ------------------------------------------------------------------------------


def _page(shown: list[int]) -> bytes:
    cards = "".join(f'<article class="post"><a href="/blog/{n}"><h3>How hull {n} was built</h3></a>'
                    f'<time datetime="2026-02-{n + 1:02d}">{n + 1} Feb 2026</time></article>'
                    for n in sorted(shown, reverse=True))
    return (f"<!doctype html><html lang=en><head><title>Acme</title></head><body><main>"
            f"<h1>Acme builds boats in Kiel.</h1><section class='posts'><h2>Blog</h2>{cards}"
            f"</section><p>Visit our yard any weekday.</p></main></body></html>").encode()


async def _checks(db_path: Path, base: str, site: object, days: list[list[int]]) -> list[Change]:
    source = Source(id="acme:website:e2e", company="acme", kind="website", url=f"{base}/",
                    every=43200.0, confirm=2)
    db = open_db(db_path)
    sync_config(db, [Company("acme", "Acme", sources=(source,))], _at(0))
    found: list[Change] = []
    try:
        async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0)) as fetcher:
            for day, shown in enumerate(days):
                site.set("/", _page(shown))  # type: ignore[attr-defined]
                for hour in (6, 18):
                    when = START + timedelta(hours=24 * day + hour)
                    ctx = Context(db=db, fetcher=fetcher, clock=lambda w=when: w)
                    found += (await check(source, ctx)).changes
        return found
    finally:
        db.conn.close()


def test_a_sampled_blog_list_is_learned_and_stored_end_to_end(tmp_path: Path) -> None:
    """Through a real server, the website kind's lists, the pipeline and SQLite: the posts'
    comings and goings are silent once learned, a new post is found, and each post's returns
    are kept in the database."""
    with serve() as (site, base):
        found = asyncio.run(_checks(tmp_path / "m.db", base, site, [*SAMPLES, [9, 5, 2], [9, 4, 3]]))
    assert [(c.change.value, c.new or c.old) for c in found if c.category is Category.NEWS] == [
        ("added", "How hull 4 was built"), ("added", "How hull 3 was built"),
        ("added", "How hull 1 was built"), ("added", "How hull 9 was built")]
    db = open_db(tmp_path / "m.db")
    returns = dict(db.execute("SELECT title, returns FROM items").fetchall())
    db.conn.close()
    assert returns["How hull 5 was built"] >= 2 and returns["How hull 9 was built"] == 0
