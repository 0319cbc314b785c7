"""The scheduler fills every free slot: no fixed batch per tick, a finished check's slot reused."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.clock import utcnow
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.pipeline import Context
from monitor.scheduler.daemon import Daemon, DaemonSettings
from monitor.scheduler.reload import ConfigWatcher
from monitor.store.db import open_db
from tests.webserver import Site, loopback, serve

FETCH = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0)


@pytest.fixture
def server() -> Iterator[tuple[Site, str]]:
    site = Site()
    site.set("/page", b"<html><head><title>x</title></head><body><p>hello</p></body></html>")
    with serve(site) as running:
        yield running


def daemon_for(tmp: Path, port: int, hosts: int, settings: DaemonSettings,
               fetcher: Fetcher) -> Daemon:
    """``hosts`` companies, one source each, each on a host of its own (all on 127.0.0.1)."""
    lines = ["companies:"]
    for h in range(hosts):
        lines += [f"  - slug: co{h}", "    sources:", "      - kind: website",
                  f"        url: http://h{h}.example:{port}/page", "        every: 1h"]
    (tmp / "sources.yaml").write_text("\n".join(lines) + "\n")
    db = open_db(tmp / "monitor.db")
    watcher = ConfigWatcher(tmp / "sources.yaml", db, utcnow, allow_private=True)
    watcher.load()
    return Daemon(Context(db=db, fetcher=fetcher, clock=utcnow), watcher, tmp / "monitor.db",
                  settings)


async def test_one_tick_starts_every_due_source_when_slots_are_free(
        tmp_path: Path, server: tuple[Site, str]) -> None:
    """30 due sources on 30 hosts, 50 slots: one tick starts all 30 (the old daemon started a
    fixed batch of 20 per tick)."""
    port = int(server[1].rsplit(":", 1)[1])
    async with Fetcher(FETCH, resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, port, 30, DaemonSettings(max_in_flight=50),
                            fetcher)
        assert await daemon.tick() == 30
        daemon.stop()
        await daemon._drain()
    assert daemon.stats.checks == 30


async def test_a_finished_check_frees_its_slot_before_the_next_tick(
        tmp_path: Path, server: tuple[Site, str]) -> None:
    """Two slots, six hosts, a tick a minute: all six are checked after the first tick, because
    each check that ends lets the next due source in (before: two per tick, three minutes)."""
    port = int(server[1].rsplit(":", 1)[1])
    async with Fetcher(FETCH, resolver=loopback) as fetcher:
        settings = DaemonSettings(tick=60.0, max_in_flight=2, reload_every=600,
                                  summary_every=600, grace=1.0)
        daemon = daemon_for(tmp_path, port, 6, settings, fetcher)
        runner = asyncio.create_task(daemon.run())
        try:
            async with asyncio.timeout(30):  # hang guard, half the tick
                while daemon.stats.checks < 6:
                    await asyncio.sleep(0.05)
        finally:
            daemon.stop()
            await runner
    assert len(server[0].hits("/page")) == 6
