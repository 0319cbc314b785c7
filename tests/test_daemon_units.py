"""The scheduler's parts in-process: coalesced catch-up, caps, lock, reload, clock skew.

Real Fetcher, real SQLite, a real threaded HTTP server on 127.0.0.1 that answers for several
host names (the Fetcher's resolver is pointed at it), serving the real capture
corpus/sites_history/finya_de_imprint/001_2024-06-04T123220.html slowly.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor.clock import iso, utcnow
from monitor.errors import StoreError
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.pipeline import Context
from monitor.scheduler import Daemon, DaemonSettings, RunLock, holder
from monitor.scheduler.reload import ConfigWatcher
from monitor.store.db import open_db
from tests.conftest import CORPUS
from tests.webserver import loopback

PAGE = CORPUS / "sites_history" / "finya_de_imprint" / "001_2024-06-04T123220.html"


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    host: str
    path: str
    start: float
    end: float


class SlowWeb:
    """A server that answers every host name and path with PAGE after ``delay`` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay, self.log, self.lock = delay, list[Request](), threading.Lock()
        self.arrived = threading.Event()  # set when a page request comes in
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                start = time.monotonic()
                robots = self.path == "/robots.txt"
                body = b"" if robots else PAGE.read_bytes()
                if not robots:
                    web.arrived.set()
                    time.sleep(web.delay)
                self.send_response(404 if robots else 200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                host = (self.headers.get("Host") or "").split(":")[0]
                with web.lock:
                    web.log.append(Request(host, self.path, start, time.monotonic()))

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def pages(self) -> list[Request]:
        """Logged page requests (robots.txt left out)."""
        with self.lock:
            return [r for r in self.log if r.path != "/robots.txt"]


@pytest.fixture
def web() -> Iterator[SlowWeb]:
    w = SlowWeb(delay=0.15)
    thread = threading.Thread(target=w.server.serve_forever, daemon=True)
    thread.start()
    yield w
    w.server.shutdown()
    w.server.server_close()
    thread.join(timeout=5)



def write_sources(path: Path, port: int, hosts: int, pages: int) -> None:
    lines = ["companies:"]
    for h in range(hosts):
        lines += [f"  - slug: co{h}", f"    name: Company {h}", "    sources:"]
        for p in range(pages):
            lines += ["      - kind: website", f"        url: http://h{h}.example:{port}/p{p}",
                      "        every: 1h", "        confirm: 1"]
    path.write_text("\n".join(lines) + "\n")


def daemon_for(tmp: Path, fetcher: Fetcher, settings: DaemonSettings, clock=utcnow) -> Daemon:  # type: ignore[no-untyped-def]
    db = open_db(tmp / "monitor.db")
    watcher = ConfigWatcher(tmp / "sources.yaml", db, clock, allow_private=True)
    watcher.load()
    return Daemon(Context(db=db, fetcher=fetcher, clock=clock), watcher, tmp / "monitor.db",
                  settings)


def overlap(requests: list[Request]) -> int:
    """The largest number of requests in flight at one moment."""
    events = sorted([(r.start, 1) for r in requests] + [(r.end, -1) for r in requests])
    best = now = 0
    for _, step in events:
        now += step
        best = max(best, now)
    return best


async def test_after_downtime_each_source_runs_once_spread_out(tmp_path: Path, web: SlowWeb) -> None:
    """F7/F8: three days overdue → one check per source, capped, one per host at a time."""
    write_sources(tmp_path / "sources.yaml", web.port, hosts=4, pages=3)
    settings = FetchSettings(allow_private=True, min_host_delay=0.1)
    async with Fetcher(settings, resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings(tick=0.05, max_in_flight=2))
        three_days_ago = iso(utcnow() - timedelta(days=3))
        daemon.ctx.db.execute("UPDATE sources SET next_due_at = ?", [three_days_ago])
        stats = await daemon.run(once=True)
    pages = web.pages()
    assert stats.checks == 12
    assert sorted((r.host, r.path) for r in pages) == sorted(
        (f"h{h}.example", f"/p{p}") for h in range(4) for p in range(3))  # each exactly once
    assert overlap(pages) <= 2  # the cap held: no stampede
    for h in range(4):
        assert overlap([r for r in pages if r.host == f"h{h}.example"]) == 1
    due_again = [r[0] for r in daemon.ctx.db.execute("SELECT next_due_at FROM sources")]
    assert min(due_again) > iso(utcnow() + timedelta(minutes=50))  # back on the hourly schedule


async def test_stop_abandons_a_slow_check_without_half_writes(tmp_path: Path, web: SlowWeb) -> None:
    """SIGTERM semantics in-process: stop() after the grace period cancels the fetch."""
    web.delay = 300.0  # far past the hang guard below: waiting for the page cannot pass
    write_sources(tmp_path / "sources.yaml", web.port, hosts=1, pages=1)
    async with Fetcher(FetchSettings(allow_private=True), resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings(tick=0.05, grace=0.2))
        import asyncio

        runner = asyncio.create_task(daemon.run())
        for _ in range(200):
            if daemon._tasks:
                break
            await asyncio.sleep(0.02)
        daemon.stop()
        stats = await asyncio.wait_for(runner, 30)  # hang guard; the grace is 0.2 s
    assert stats.abandoned == 1 and stats.checks == 0
    db = daemon.ctx.db
    assert db.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
    row = db.execute("SELECT baseline_at, next_due_at <= ? FROM sources", [iso(utcnow())]).fetchone()
    assert row == (None, 1)  # nothing recorded; still due, so the next run checks it


async def test_clock_going_back_waits_and_says_so(tmp_path: Path, web: SlowWeb,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    """F9: sources due "now" are not due two hours earlier; the jump is logged once."""
    write_sources(tmp_path / "sources.yaml", web.port, hosts=1, pages=2)
    now = [datetime.now(UTC)]
    async with Fetcher(FetchSettings(allow_private=True), resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings(grace=0), clock=lambda: now[0])
        now[0] += timedelta(seconds=1)
        assert await daemon.tick() == 1  # one of the two: the other shares its host
        now[0] -= timedelta(hours=2)
        with caplog.at_level(logging.WARNING, "monitor.scheduler"):
            assert await daemon.tick() == 0
        daemon.stop()
        await daemon._drain()
    assert "clock_skew: the wall clock went back 7200 s" in caplog.text


def test_a_bad_reload_keeps_the_previous_config(tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "sources.yaml"
    write_sources(path, 8000, hosts=1, pages=1)
    db = open_db(tmp_path / "monitor.db")
    watcher = ConfigWatcher(path, db, utcnow, allow_private=True)
    watcher.load()
    before = dict(watcher.sources)
    path.write_text(path.read_text() + "  - slug: Bad Slug!\n    name: x\n")
    with caplog.at_level(logging.ERROR, "monitor.scheduler"):
        assert watcher.poll() is False
        assert watcher.poll() is False  # the same bad file is reported once
    assert caplog.text.count("does not load; still using the previous config") == 1
    assert watcher.sources == before
    write_sources(path, 8000, hosts=2, pages=1)
    assert watcher.poll() is True
    rows = db.execute("SELECT company, next_due_at IS NOT NULL FROM sources ORDER BY company").fetchall()
    assert rows == [("co0", 1), ("co1", 1)]  # the new company is due at once


def test_one_scheduler_per_database(tmp_path: Path) -> None:
    db = tmp_path / "monitor.db"
    assert holder(db) is None
    with RunLock(db):
        import os

        assert holder(db) == os.getpid()
        with pytest.raises(StoreError, match=r"another monitor run holds .*monitor\.db\.lock"):
            RunLock(db).acquire()
    assert holder(db) is None
    with RunLock(db):  # released cleanly: it can be taken again
        pass


def test_status_shows_claimed_checks_as_running_only_while_a_daemon_runs(tmp_path: Path) -> None:
    from monitor.scheduler.claim import mark_claimed
    from monitor.scheduler.status import source_states

    write_sources(tmp_path / "sources.yaml", 8000, hosts=2, pages=1)
    db = open_db(tmp_path / "monitor.db")
    watcher = ConfigWatcher(tmp_path / "sources.yaml", db, utcnow, allow_private=True)
    watcher.load()
    first = sorted(watcher.sources)[0]
    mark_claimed(db, [first], iso(utcnow()))
    running = {s.id: s.state for s in source_states(db, utcnow(), daemon_running=True)}
    assert running[first] == "running" and list(running.values()).count("due") == 1
    stale = {s.id: s.state for s in source_states(db, utcnow(), daemon_running=False)}
    assert set(stale.values()) == {"due"}  # a claim left by a dead daemon is not "running"


async def test_F1_full_database_holds_back_new_checks(tmp_path: Path, web: SlowWeb,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """R35: when a result cannot be written (disk full), no new checks start for a while."""
    import asyncio

    write_sources(tmp_path / "sources.yaml", web.port, hosts=2, pages=1)
    async with Fetcher(FetchSettings(allow_private=True), resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings(tick=0.05, grace=1))
        db = daemon.ctx.db
        db.execute("VACUUM")  # no free pages left by the migrations: the file is full
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        with caplog.at_level(logging.ERROR, "monitor.scheduler"):
            assert await daemon.tick() == 2
            await asyncio.gather(*list(daemon._tasks.values()))
        assert await daemon.tick() == 0  # held back although both sources are still due
        daemon.stop()
        await daemon._drain()
    assert "database or disk is full" in caplog.text and "no new checks for 60 s" in caplog.text
    assert db.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_daemon_that_is_never_idle_holds_no_finished_check(
        tmp_path: Path, web: SlowWeb, caplog: pytest.LogCaptureFixture) -> None:
    """Finished checks are counted and dropped: a daemon always busy (never a moment with
    nothing in flight) keeps none of them for the round's no-network verdict once one check
    answered; a round where every check failed for want of network is still reported."""
    write_sources(tmp_path / "sources.yaml", web.port, hosts=1, pages=1)
    async with Fetcher(FetchSettings(allow_private=True), resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings())
        for n in range(10_000):
            daemon._note(f"http://h{n}.example/", None if n % 2 else "dns")
        assert not daemon._round  # nothing held for the busy round
        daemon._end_round()
        daemon._note("http://a.example/", "dns")
        daemon._note("http://b.example/", "timeout")
        with caplog.at_level(logging.WARNING, "monitor.scheduler"):
            daemon._end_round()
    assert "no network: 2 of 2 sources unreachable" in caplog.text


async def test_an_outage_is_said_once_and_its_end_too(
        tmp_path: Path, web: SlowWeb, caplog: pytest.LogCaptureFixture) -> None:
    """Offline, checks fail at once and the daemon is idle every few milliseconds: the
    no-network line is said when the outage starts, not once per round, and its end is said."""
    write_sources(tmp_path / "sources.yaml", web.port, hosts=1, pages=1)
    async with Fetcher(FetchSettings(allow_private=True), resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings())
        with caplog.at_level(logging.WARNING, "monitor.scheduler"):
            for _ in range(50):  # fifty rounds of an outage, two hosts each
                daemon._note("http://a.example/", "dns")
                daemon._note("http://b.example/", "dns")
                daemon._end_round()
            daemon._note("http://a.example/", None)  # answered again
            daemon._end_round()
            daemon._note("http://a.example/", "dns")  # a new outage is said again
            daemon._note("http://b.example/", "dns")
            daemon._end_round()
    assert caplog.text.count("no network: 2 of 2 sources unreachable") == 2
    assert caplog.text.count("network back") == 1


async def test_the_daemon_builds_a_source_only_for_a_check_it_starts(tmp_path: Path,
                                                                      web: SlowWeb) -> None:
    """The loaded config is kept compact: no Source object exists for the sources that wait;
    the one that is due is built when its check starts, and checked as configured."""
    import gc

    from monitor.models import Source

    write_sources(tmp_path / "sources.yaml", web.port, hosts=4, pages=50)
    async with Fetcher(FetchSettings(allow_private=True), resolver=loopback) as fetcher:
        daemon = daemon_for(tmp_path, fetcher, DaemonSettings(tick=0.05))
        gc.collect()
        assert len(daemon.watcher.sources) == 200
        ours = f":{web.port}/"  # other tests may leave sources of their own alive
        assert not [o for o in gc.get_objects() if isinstance(o, Source) and ours in o.url]
        due = "co2:website:" + next(s.split(":")[-1] for s in daemon.watcher.sources
                                    if s.startswith("co2:"))
        daemon.ctx.db.execute("UPDATE sources SET next_due_at = '2999-01-01T00:00:00Z'"
                              " WHERE id != ?", [due])
        daemon.ctx.db.conn.commit()
        stats = await daemon.run(once=True)
    assert stats.checks == 1 and [r.host for r in web.pages()] == ["h2.example"]
    assert daemon.watcher.sources[due].url.startswith("http://h2.example:")
