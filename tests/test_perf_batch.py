"""Batched writes: several checks share a transaction, yet a crash keeps or loses whole checks.

A child process (this module run with ``python -m``) checks five sources through a
``BatchWriter`` of two checks per transaction and dies (``MONITOR_CRASH_AT``, like a kill -9)
inside the second batch. The first batch is on disk whole; the checks of the dying batch left
nothing at all (no row, no fact, no change, schedule untouched); the re-check finds every
change, each with exactly one outbox row, as a run that never crashed does.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.clock import parse_iso
from monitor.fetch.client import Fetcher
from monitor.models import Company, Source
from monitor.pipeline import Context, check_many
from monitor.store.batch import BatchWriter
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from monitor.workers.crashpoints import EXIT_CODE, crash_hook_from_env
from tests.conftest import ROOT
from tests.reliability_harness import FAST, page_a, page_b, route_all
from tests.webserver import Site, serve

COUNT = 5
FIRST, LATER = "2026-11-24T09:00:00Z", "2026-11-24T18:00:00Z"


def make_sources(base: str) -> list[Source]:
    return [Source(id=f"c{i}:website:1", company=f"c{i}", kind="website", url=f"{base}/c{i}",
                   every=3600.0, confirm=1) for i in range(COUNT)]


async def child_round(db_path: Path, base: str, now: str) -> None:
    """One round of every source through a two-check BatchWriter (the crash hook from env)."""
    db = open_db(db_path)
    moments = iter(parse_iso(now) + timedelta(seconds=i) for i in range(10**6))
    writer = BatchWriter(db, size=2, linger=1.0)  # 2 + 2 by size, the fifth by the timer
    async with Fetcher(FAST) as fetcher:
        ctx = Context(db=db, fetcher=fetcher, clock=lambda: next(moments), route=route_all,
                      crash=crash_hook_from_env(), writer=writer)
        await check_many(make_sources(base), ctx, concurrency=COUNT)
        await writer.aclose()
    print(writer.batches, flush=True)


def run_child(db: Path, base: str, now: str, crash: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_CRASH_AT"}
    if crash:
        env["MONITOR_CRASH_AT"] = crash
    return subprocess.run([sys.executable, "-m", "tests.test_perf_batch", str(db), base, now],
                          cwd=ROOT, env=env, text=True, capture_output=True, timeout=120)


@pytest.fixture
def server() -> Iterator[tuple[Site, str]]:
    with serve() as running:
        yield running


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def state(db: Path) -> dict[str, object]:
    """Per source: checks, facts, changes, and whether its schedule moved past the first round."""
    return {
        "checks": rows(db, "SELECT source, count(*) FROM checks GROUP BY source ORDER BY source"),
        "facts": rows(db, "SELECT source, field, value FROM facts ORDER BY 1, 2, 3"),
        "changes": rows(db, "SELECT source, field, change, old, new FROM changes"
                            " WHERE category != 'health' ORDER BY 1, 2, 4, 5"),
        "due": rows(db, "SELECT id, next_due_at > '2026-11-24T12:00:00Z' FROM sources ORDER BY id"),
    }


def test_batch_crash_keeps_whole_checks(server: tuple[Site, str], tmp_path: Path) -> None:
    """Killed inside the second of three batches: two checks whole on disk, three not at all;
    the re-check then records every change once, like a run that never crashed."""
    site, base = server
    for i in range(COUNT):
        site.set(f"/c{i}", page_a())
    crashed, clean = tmp_path / "crashed.db", tmp_path / "clean.db"
    for db in (crashed, clean):
        sync_config(open_db(db), [Company(slug=s.company, name=s.company, sources=(s,))
                                  for s in make_sources(base)], "2026-11-24T08:00:00Z")
        first = run_child(db, base, FIRST)
        assert first.returncode == 0 and first.stdout.strip() == "3", first.stderr
    for i in range(COUNT):
        site.set(f"/c{i}", page_b())
    assert run_child(clean, base, LATER).returncode == 0
    died = run_child(crashed, base, LATER, crash="in_transaction:3")
    assert died.returncode == EXIT_CODE, died.stderr
    assert rows(crashed, "PRAGMA integrity_check") == [("ok",)]
    after = state(crashed)
    done = {source for source, n in after["checks"] if n == 2}  # type: ignore[union-attr]
    assert len(done) == 2 and sorted(n for _, n in after["checks"]) == [1, 1, 1, 2, 2]  # type: ignore[union-attr]
    assert {source for source, moved in after["due"] if moved} == done  # type: ignore[union-attr]
    assert {row[0] for row in after["changes"]} == done  # type: ignore[union-attr]
    assert run_child(crashed, base, LATER).returncode == 0  # the restart redoes the rest
    expected = state(clean)
    assert {row[0] for row in expected["changes"]} == {s.id for s in make_sources(base)}  # type: ignore[union-attr]
    redone = state(crashed)
    assert (redone["facts"], redone["changes"]) == (expected["facts"], expected["changes"])
    orphans = "SELECT count(*) FROM changes c WHERE (SELECT count(*) FROM outbox o WHERE o.change_id = c.id) != 1"
    assert rows(crashed, orphans) == [(0,)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("base")
    parser.add_argument("now")
    args = parser.parse_args()
    asyncio.run(child_round(args.db, args.base, args.now))
