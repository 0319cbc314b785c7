"""robots.txt kept in SQLite per origin: shared by every Fetcher on one database, expiring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.robots import MIN_TTL, ROBOTS_TTL, RobotsCache, RobotsState, lifetime
from monitor.models import Fetched, Outcome
from monitor.store.db import open_db
from monitor.store.robots import SqliteRobots
from tests.webserver import Site, serve

FETCH = FetchSettings(allow_private=True, min_host_delay=0.0, robots=True, deadline=5.0)
RULES = b"User-agent: *\nDisallow: /private\n"


@pytest.fixture
def server() -> Iterator[tuple[Site, str]]:
    with serve() as running:
        yield running


async def test_robots_shared_by_two_fetchers_on_one_database(server: tuple[Site, str],
                                                             tmp_path: Path) -> None:
    """Two processes' Fetchers (two connections to one file) ask the host for robots.txt once,
    and the second still obeys the rules it did not fetch itself."""
    site, base = server
    site.set("/robots.txt", RULES, content_type="text/plain", validators=False)
    site.set("/page", b"<html><body>hi</body></html>")
    path = tmp_path / "monitor.db"
    for _ in range(2):
        async with Fetcher(FETCH, robots_store=SqliteRobots(open_db(path))) as fetcher:
            assert (await fetcher.fetch(base + "/page")).outcome is Outcome.OK
            denied = await fetcher.fetch(base + "/private/x")
            assert denied.outcome is Outcome.DISALLOWED
    assert len(site.hits("/robots.txt")) == 1


async def test_fetcher_without_a_store_keeps_robots_in_memory_only(server: tuple[Site, str]) -> None:
    """A caller without a database (a fleet worker) still caches within its own Fetcher."""
    site, base = server
    site.set("/robots.txt", RULES, content_type="text/plain", validators=False)
    site.set("/page", b"<html><body>hi</body></html>")
    for _ in range(2):
        async with Fetcher(FETCH) as fetcher:
            for _ in range(2):
                assert (await fetcher.fetch(base + "/page")).outcome is Outcome.OK
    assert len(site.hits("/robots.txt")) == 2


async def test_stored_robots_expire_by_their_cache_headers(tmp_path: Path) -> None:
    """An answer kept for its max-age is asked for again after it, from any cache on the DB."""
    now = [1_000_000.0]
    asked: list[str] = []

    async def fetch(url: str) -> Fetched:
        asked.append(url)
        return Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200, body=RULES,
                       headers={"cache-control": "public, max-age=600"})

    store = SqliteRobots(open_db(tmp_path / "monitor.db"))
    first = RobotsCache(fetch, clock=lambda: now[0], store=store)
    assert not (await first.rules("https://example.com/a")).allows("https://example.com/private", "m")
    second = RobotsCache(fetch, clock=lambda: now[0], store=store)  # another process, same DB
    kept = await second.rules("https://example.com/b")
    assert kept.state is RobotsState.PARSED and not kept.allows("https://example.com/private", "m")
    assert len(asked) == 1
    now[0] += 601
    await RobotsCache(fetch, clock=lambda: now[0], store=store).rules("https://example.com/c")
    assert len(asked) == 2


def test_robots_lifetime_follows_cache_headers_within_bounds() -> None:
    """max-age and Expires shorten the 24 h of RFC 9309, never lengthen it; a floor of a minute."""
    now = 1_700_000_000.0
    assert lifetime({}, now) == ROBOTS_TTL
    assert lifetime({"cache-control": "max-age=3600"}, now) == 3600
    assert lifetime({"cache-control": "s-maxage=100, max-age=3600"}, now) == 100
    assert lifetime({"cache-control": "max-age=999999"}, now) == ROBOTS_TTL
    assert lifetime({"cache-control": "no-cache"}, now) == MIN_TTL
    assert lifetime({"expires": "Tue, 14 Nov 2023 23:13:20 GMT"}, now) == 3600
    assert lifetime({"expires": "0"}, now) == MIN_TTL


async def test_an_unreachable_robots_txt_is_not_carried_to_the_next_process(tmp_path: Path) -> None:
    """A 503 (or no network) keeps the origin closed for this run only: the next process on
    the database asks again instead of inheriting the outage."""
    asked: list[str] = []

    async def fetch(url: str) -> Fetched:
        asked.append(url)
        return Fetched(url=url, final_url=url, outcome=Outcome.ERROR, status=503,
                       error="http_5xx")

    store = SqliteRobots(open_db(tmp_path / "monitor.db"))
    first = RobotsCache(fetch, store=store)
    assert (await first.rules("https://example.com/a")).state is RobotsState.UNREACHABLE
    await first.rules("https://example.com/b")  # same process: remembered
    assert len(asked) == 1
    await RobotsCache(fetch, store=store).rules("https://example.com/c")
    assert len(asked) == 2
