"""The daemon's fixed costs: bookkeeping commits without fsync, parser workers started early."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.fetch.client import FetchSettings
from monitor.fetch.robots import RobotsState, parse_rules
from monitor.pipeline import checking
from monitor.scheduler.claim import mark_claimed
from monitor.store.db import open_db, write
from monitor.store.robots import SqliteRobots

FETCH = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0)
FULL = 2


def synchronous(path: Path) -> int:
    """The level a fresh connection to ``path`` is opened with by ``open_db``."""
    return int(open_db(path).execute("PRAGMA synchronous").fetchone()[0])


def test_a_relaxed_write_lands_and_the_connection_syncs_fully_again(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    db.execute("CREATE TABLE marks (n INTEGER)")
    with write(db, durable=False) as conn:
        assert int(conn.execute("PRAGMA synchronous").fetchone()[0]) < FULL
        conn.execute("INSERT INTO marks VALUES (1)")
    assert int(db.execute("PRAGMA synchronous").fetchone()[0]) == FULL
    other = sqlite3.connect(tmp_path / "monitor.db")
    assert other.execute("SELECT n FROM marks").fetchall() == [(1,)]
    with pytest.raises(RuntimeError), write(db, durable=False) as conn:
        conn.execute("INSERT INTO marks VALUES (2)")
        raise RuntimeError("a failed bookkeeping write")
    assert int(db.execute("PRAGMA synchronous").fetchone()[0]) == FULL
    assert other.execute("SELECT n FROM marks").fetchall() == [(1,)]


def test_a_relaxed_write_leaves_a_relaxed_connection_as_it_was(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    db.execute("PRAGMA synchronous = OFF")
    with write(db, durable=False) as conn:
        conn.execute("CREATE TABLE t (n INTEGER)")
    assert int(db.execute("PRAGMA synchronous").fetchone()[0]) == 0


CRASH_AFTER_RELAXED = """
import os, sys
from monitor.fetch.robots import RobotsState, parse_rules
from monitor.scheduler.claim import mark_claimed
from monitor.store.db import open_db
from monitor.store.robots import SqliteRobots
db = open_db(sys.argv[1])
SqliteRobots(db).save("http://example.test", parse_rules(RobotsState.PARSED, "",
                      "User-agent: *\\nDisallow: /x\\n", 4e9, "200"))
mark_claimed(db, ["acme:website:1"], "2026-01-01T00:00:00Z")
os.kill(os.getpid(), 9)
"""


def test_a_process_killed_after_relaxed_commits_keeps_them(tmp_path: Path) -> None:
    """The robots.txt cache and claim marks skip the fsync, not the commit: a kill -9 right
    after them (the common crash) loses neither."""
    path = tmp_path / "monitor.db"
    db = open_db(path)
    db.execute("INSERT INTO companies (slug, name, added_at) VALUES ('acme', 'Acme', 'x')")
    db.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
               " VALUES ('acme:website:1', 'acme', 'website', 'http://example.test/',"
               " 'example.test', 3600, 2, 'x')")
    db.conn.commit()
    db.close()
    done = subprocess.run([sys.executable, "-c", CRASH_AFTER_RELAXED, str(path)], check=False,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr
    db = open_db(path)
    rules = SqliteRobots(db).load("http://example.test", time.time())
    assert rules is not None and not rules.allows("http://example.test/x/page", "monitor")
    claimed = db.execute("SELECT claimed_at FROM sources WHERE id = 'acme:website:1'").fetchone()
    assert claimed == ("2026-01-01T00:00:00Z",)
    assert synchronous(path) == FULL


def test_claim_marks_and_robots_answers_are_written(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    db.execute("INSERT INTO companies (slug, name, added_at) VALUES ('acme', 'Acme', 'x')")
    db.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
               " VALUES ('acme:website:1', 'acme', 'website', 'http://example.test/',"
               " 'example.test', 3600, 2, 'x')")
    db.conn.commit()
    mark_claimed(db, ["acme:website:1"], "2026-01-02T00:00:00Z")
    SqliteRobots(db).save("http://a.test", parse_rules(RobotsState.PARSED, "", "", 4e9, "200"))
    assert db.execute("SELECT claimed_at FROM sources").fetchall() == [("2026-01-02T00:00:00Z",)]
    assert db.execute("SELECT origin FROM robots").fetchall() == [("http://a.test",)]


def worker_children() -> list[int]:
    """This process's children running the parser worker module."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid() and b"monitor.workers.child" in cmdline:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
async def test_warm_starts_the_parser_workers_before_any_page(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    async with checking(db, FETCH, route=None, warm=True):
        deadline = time.monotonic() + 120  # a hang guard, not a timing assertion
        while not worker_children() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert worker_children(), "no parser worker was started ahead of the first page"
