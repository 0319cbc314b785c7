"""robots.txt (R23, RFC 9309) and per-host politeness (R24): measured on the server's request log."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.politeness import Politeness
from monitor.fetch.robots import ROBOTS_TTL, RobotsCache, RobotsState
from monitor.models import Fetched, Outcome
from tests.hostile import HostileServer
from tests.webserver import loopback

POLITE = FetchSettings(allow_private=True, min_host_delay=0.0, robots=True, deadline=5.0, read_timeout=2.0)



def gaps(server: HostileServer, prefix: str, host: str) -> list[float]:
    """Seconds between consecutive requests for ``prefix`` on ``host``, as the server saw them."""
    times = sorted(hit.at for hit in server.hits_for(prefix, host))
    return [b - a for a, b in itertools.pairwise(times)]


async def test_R23_robots_disallow_and_allow(server: HostileServer) -> None:
    server.robots["rb-rules.test"] = (200, b"User-agent: monitor\nDisallow: /ok/private\n\n"
                                           b"User-agent: *\nDisallow: /\n")
    async with Fetcher(POLITE, resolver=loopback) as fetcher:
        denied = await fetcher.fetch(server.url("/ok/private/page", "rb-rules.test"))
        allowed = await fetcher.fetch(server.url("/ok/public", "rb-rules.test"))
    assert (denied.outcome, denied.error) == (Outcome.DISALLOWED, "robots_disallowed")
    assert allowed.outcome is Outcome.OK
    assert server.hits_for("/ok/private", "rb-rules.test") == []
    robots = server.hits_for("/robots.txt", "rb-rules.test")
    assert len(robots) == 1 and robots[0].headers["user-agent"].startswith("monitor/")


async def test_R23_robots_star_group_applies(server: HostileServer) -> None:
    server.robots["rb-star.test"] = (200, b"User-agent: *\nDisallow: /\n")
    server.robots["rb-other.test"] = (200, b"User-agent: otherbot\nDisallow: /\n")
    async with Fetcher(POLITE, resolver=loopback) as fetcher:
        assert (await fetcher.fetch(server.url("/ok/x", "rb-star.test"))).outcome is Outcome.DISALLOWED
        assert (await fetcher.fetch(server.url("/ok/x", "rb-other.test"))).outcome is Outcome.OK


@pytest.mark.parametrize(("status", "outcome"), [(404, Outcome.OK), (403, Outcome.OK), (401, Outcome.OK),
                                                 (500, Outcome.ERROR), (503, Outcome.ERROR), (429, Outcome.ERROR)])
async def test_R23_robots_status_rules(server: HostileServer, status: int, outcome: Outcome) -> None:
    host = f"rb-status{status}.test"
    server.robots[host] = (status, b"Disallow: /\n")
    async with Fetcher(POLITE, resolver=loopback) as fetcher:
        first = await fetcher.fetch(server.url("/ok/rs", host))
        second = await fetcher.fetch(server.url("/ok/rs", host))
    assert first.outcome is second.outcome is outcome
    if outcome is Outcome.ERROR:  # unreachable: skip the host this cycle, and never touch the page
        assert first.error == "robots_unreachable" and server.hits_for("/ok/rs", host) == []
    assert len(server.hits_for("/robots.txt", host)) == 1  # cached, also when unreachable


async def test_R23_robots_timeout_is_unreachable(server: HostileServer) -> None:
    server.robots["rb-silent.test"] = (0, b"")  # accepts, never answers
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=1.0, read_timeout=100.0)
    async with Fetcher(settings, resolver=loopback) as fetcher, asyncio.timeout(60):
        result = await fetcher.fetch(server.url("/ok/rt", "rb-silent.test"))  # 1 s deadline, not 100 s
    assert (result.outcome, result.error) == (Outcome.ERROR, "robots_unreachable")
    assert server.hits_for("/ok/rt", "rb-silent.test") == []


async def test_R23_robots_over_500_kib_truncated_and_parsed(server: HostileServer) -> None:
    body = b"User-agent: *\nDisallow: /ok/secret\n" + b"# padding padding padding\n" * 25_000  # ~650 KB
    server.robots["rb-big.test"] = (200, body)
    async with Fetcher(POLITE, resolver=loopback) as fetcher:
        assert (await fetcher.fetch(server.url("/ok/secret", "rb-big.test"))).outcome is Outcome.DISALLOWED
        assert (await fetcher.fetch(server.url("/ok/fine", "rb-big.test"))).outcome is Outcome.OK


async def test_R23_concurrent_fetches_share_one_robots_request(server: HostileServer) -> None:
    server.robots["rb-shared.test"] = (200, b"User-agent: *\nAllow: /\n")
    async with Fetcher(POLITE, resolver=loopback) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(server.url(f"/ok/s{i}", "rb-shared.test")) for i in range(5)))
    assert all(r.outcome is Outcome.OK for r in results)
    assert len(server.hits_for("/robots.txt", "rb-shared.test")) == 1


async def test_R23_robots_off_means_no_request(server: HostileServer) -> None:
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False)
    async with Fetcher(settings, resolver=loopback) as fetcher:
        assert (await fetcher.fetch(server.url("/ok/off", "rb-off.test"))).outcome is Outcome.OK
    assert server.hits_for("/robots.txt", "rb-off.test") == []


async def test_R23_cache_expires_after_24h() -> None:
    now = [0.0]
    asked: list[str] = []

    async def fake_fetch(url: str) -> Fetched:
        asked.append(url)
        return Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200, body=b"User-agent: *\nDisallow: /x\n")

    cache = RobotsCache(fake_fetch, clock=lambda: now[0])
    rules = await cache.rules("https://example.com/a")
    assert rules.state is RobotsState.PARSED and not rules.allows("https://example.com/x", "monitor")
    await cache.rules("https://example.com:443/b")
    now[0] = ROBOTS_TTL - 1
    await cache.rules("https://example.com/c")
    assert asked == ["https://example.com:443/robots.txt"]
    now[0] = ROBOTS_TTL + 1
    await cache.rules("https://example.com/d")
    await cache.rules("http://example.com/d")  # another origin, another file
    assert len(asked) == 3


async def test_R24_crawl_delay_lengthens_gap(server: HostileServer) -> None:
    server.robots["rb-delay.test"] = (200, b"User-agent: *\nCrawl-delay: 0.3\n")
    async with Fetcher(POLITE, resolver=loopback) as fetcher:
        for _ in range(3):
            assert (await fetcher.fetch(server.url("/ok/cd", "rb-delay.test"))).outcome is Outcome.OK
    assert all(gap >= 0.3 for gap in gaps(server, "/ok/cd", "rb-delay.test"))


async def test_R24_min_host_delay_between_requests(server: HostileServer) -> None:
    settings = FetchSettings(allow_private=True, min_host_delay=0.2, robots=False)
    async with Fetcher(settings, resolver=loopback) as fetcher:
        started = time.monotonic()
        results = await asyncio.gather(*(fetcher.fetch(server.url(f"/ok/gap{i}", "gap.test")) for i in range(4)))
        elapsed = time.monotonic() - started
    assert all(r.outcome is Outcome.OK for r in results)
    measured = gaps(server, "/ok/gap", "gap.test")
    assert len(measured) == 3 and all(gap >= 0.2 for gap in measured), measured
    assert elapsed >= 0.6  # the jitter's upper bound is checked on a fake clock below


async def test_R24_jitter_lengthens_the_gap_by_at_most_half() -> None:
    """The gap after a turn is the delay times 1 to 1.5, never less, never more."""
    for rand, factor in ((0.0, 1.0), (0.5, 1.25), (0.999, 1.4995)):
        politeness = Politeness(min_delay=0.2, max_concurrency=1, clock=lambda: 100.0,
                                rand=itertools.repeat(rand).__next__)
        async with politeness.turn("jitter.test"):
            pass
        assert politeness._slots["jitter.test"].ready_at == pytest.approx(100.0 + 0.2 * factor)


async def test_R24_hosts_do_not_wait_for_each_other(server: HostileServer) -> None:
    settings = FetchSettings(allow_private=True, min_host_delay=100.0, robots=False)
    async with Fetcher(settings, resolver=loopback) as fetcher, asyncio.timeout(60):
        # hang guard: one shared 100 s gap would make it 400 s
        results = await asyncio.gather(*(fetcher.fetch(server.url("/ok/par", f"par{i}.test")) for i in range(5)))
    assert all(r.outcome is Outcome.OK for r in results)


async def test_R24_one_request_at_a_time_per_host(server: HostileServer) -> None:
    async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0, robots=False), resolver=loopback) as fetcher:
        started = time.monotonic()
        await asyncio.gather(*(fetcher.fetch(server.url(f"/slow/one{i}?s=0.2", "one.test")) for i in range(3)))
    assert time.monotonic() - started >= 0.6
    assert all(gap >= 0.19 for gap in gaps(server, "/slow/one", "one.test"))


async def test_R24_global_concurrency_cap(server: HostileServer) -> None:
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, max_concurrency=2)
    async with Fetcher(settings, resolver=loopback) as fetcher, asyncio.timeout(60):  # hang guard
        await asyncio.gather(*(fetcher.fetch(server.url("/slow/cap?s=0.3", f"cap{i}.test")) for i in range(6)))
    starts = sorted(hit.at for hit in server.hits_for("/slow/cap"))
    assert all(starts[i + 2] - starts[i] >= 0.25 for i in range(len(starts) - 2))  # never 3 in flight
