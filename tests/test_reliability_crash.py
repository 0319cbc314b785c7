"""Crash points (F4): a check killed anywhere loses nothing and duplicates nothing.

A real check runs in a child process (tests/crash_child.py) that dies with ``os._exit(137)`` at
a named point (``MONITOR_CRASH_AT``, monitor.workers.crashpoints), or is SIGKILLed at a random moment.
After each death: ``integrity_check`` is ok, every change has exactly its outbox row, and the
check redone after the "restart" leaves the same changes and facts as a run that never crashed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.workers.crashpoints import CHECK_POINTS, EXIT_CODE, crash_hook_from_env, parse_points
from tests.conftest import ROOT
from tests.reliability_harness import Monitor, Pages, page_a, page_b

LATER = "2026-11-24T18:00:00Z"


def copy_db(source: Path, target_dir: Path) -> Path:
    """A consistent copy through the backup API (never ``cp`` of a live WAL database)."""
    target_dir.mkdir()
    target = target_dir / "monitor.db"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def child(db: Path, url: str, env: dict[str, str], repeat: int = 1) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_child", str(db), url, "--now", LATER,
         "--repeat", str(repeat)], cwd=ROOT, env={**os.environ, **env}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def recorded(mon: Monitor) -> tuple[list[tuple[str, str, str | None, str | None]], set[tuple[str, str, str | None]]]:
    return mon.profile_changes(), mon.facts()


def assert_sound(mon: Monitor) -> None:
    with sqlite3.connect(mon.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert mon.orphans() == 0


async def test_F4_every_crash_point_then_restart(tmp_path: Path, site: Pages) -> None:
    pages = site
    pages.set(page_a())
    (tmp_path / "base").mkdir()
    mon = Monitor(tmp_path / "base", pages.url, confirm=1)
    await mon.check()
    pages.set(page_b())
    reference = Monitor(copy_db(mon.db_path, tmp_path / "reference").parent, mon.source.url, confirm=1)
    await reference.check()
    expected = recorded(reference)
    assert any(field == "email" for field, *_ in expected[0])
    dbs = {point: copy_db(mon.db_path, tmp_path / point) for point in CHECK_POINTS}
    children = {p: child(db, mon.source.url, {"MONITOR_CRASH_AT": p}) for p, db in dbs.items()}
    for point, proc in children.items():
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == EXIT_CODE, (point, out, err)
        assert f"crashing at {point}" in err and out == ""
    for point, db in dbs.items():
        restarted = Monitor(db.parent, mon.source.url, confirm=1)
        assert_sound(restarted)
        committed = point == "after_commit"
        assert bool(restarted.profile_changes()) is committed, point
        await restarted.check()  # the restart redoes the check (or finds it done)
        assert recorded(restarted) == expected, point
        assert_sound(restarted)


async def test_F4_random_kill_9_mid_round(tmp_path: Path, site: Pages) -> None:
    """SIGKILL at a random moment while checks write; the seed is printed for a replay."""
    seed = random.randrange(2**32)
    print(f"random kill seed: {seed}")
    delay = random.Random(seed).uniform(0.0, 0.3)
    pages = site
    pages.set(page_a())
    (tmp_path / "db").mkdir()
    mon = Monitor(tmp_path / "db", pages.url, confirm=1)
    await mon.check()
    pages.set(page_b())
    proc = child(mon.db_path, mon.source.url, {}, repeat=10_000)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # it is checking (and writing) in a loop from here on
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    out = first + out
    assert proc.returncode == -signal.SIGKILL and first.strip() == "ok"
    assert_sound(mon)
    checks = mon.db.execute("SELECT count(*) FROM checks").fetchone()[0]
    assert checks >= 1 + len(out.split())  # every check it reported is on disk
    await mon.check()
    assert_sound(mon)
    emails = [c for c in mon.profile_changes() if c[0] == "email"]
    assert emails == [("email", "modified", "support@adopte.app", "help@adopte.app")]


def test_F4_crash_point_names_are_checked() -> None:
    assert parse_points("after_fetch, after_commit:3") == {"after_fetch": 1, "after_commit": 3}
    assert not crash_hook_from_env({}) and not crash_hook_from_env({"MONITOR_CRASH_AT": ""})
    crash_hook_from_env({})("after_commit")  # unarmed: reaching a point does nothing
    for bad in ("after_lunch", "after_fetch:0", "after_fetch:x"):
        with pytest.raises(ConfigError, match="MONITOR_CRASH_AT"):
            parse_points(bad)
    hook = crash_hook_from_env({"MONITOR_CRASH_AT": "after_send:2"})
    assert hook is not None
    hook("after_fetch")  # other points pass through
