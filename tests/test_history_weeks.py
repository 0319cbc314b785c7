"""The weekly roll-ups of changes (m018) hold what a count over ``changes`` says, always.

They are kept by triggers in the transaction that writes a change; these tests compare them
with a GROUP BY over ``changes`` after every way the history is written: changes recorded by
real checks, a crash in the middle of a check, a rebase, ``monitor prune``, rows deleted and
rewritten, the migration filling a history recorded before it, and ``monitor publish``.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from monitor.cli import main
from monitor.clock import iso
from monitor.store import weeks
from monitor.store.db import open_db
from monitor.store.schema import migrations
from monitor.workers.crashpoints import EXIT_CODE
from tests.test_rebase import (
    AFTER,
    BEFORE,
    ROOT,
    checked_by_old_version,
    env,  # noqa: F401  (a fixture)
    rows,
    run,
    write_sources,
)
from tests.webserver import serve

CATEGORIES = ("leadership", "contact", "links", "identity", "content", "news", "post", "health")


def drift(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return weeks.drift(conn)


def totals(path: Path) -> tuple[object, ...]:
    """Changes counted four ways: the table, the week-category roll-up, the companies' latest
    running counts, the companies' counts of all time."""
    return rows(path, "SELECT (SELECT count(*) FROM changes),"
                      " (SELECT coalesce(sum(changes), 0) FROM change_weeks),"
                      " (SELECT coalesce(sum(running), 0) FROM company_weeks w WHERE week ="
                      "  (SELECT max(week) FROM company_weeks x WHERE x.company = w.company)),"
                      " (SELECT coalesce(sum(changes), 0) FROM company_changes)")[0]


def _insert(conn: sqlite3.Connection, rng: random.Random, n: int) -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    conn.executemany(
        "INSERT INTO changes (company, source, field, change, category, detected_at, new)"
        " VALUES (?, ?, 'f', 'modified', ?, ?, 'x')",
        [(f"c{c}", f"c{c}:website", rng.choice(CATEGORIES),
          iso(start + timedelta(minutes=rng.randrange(60 * 24 * 400)))) for c in
         (rng.randrange(6) for _ in range(n))])


def test_roll_ups_follow_inserts_deletes_and_rewrites_in_any_order(tmp_path: Path) -> None:
    """Changes written out of time order, deleted (a company's last one of a week too) and
    moved to another week, company or category: the roll-ups agree after every step."""
    path = tmp_path / "monitor.db"
    db = open_db(path)
    conn, rng = db.conn, random.Random(3)
    for step in range(6):
        _insert(conn, rng, 150)
        ids = [r[0] for r in conn.execute("SELECT id FROM changes")]
        conn.executemany("DELETE FROM changes WHERE id = ?",
                         [(i,) for i in rng.sample(ids, 40)])
        ids = [r[0] for r in conn.execute("SELECT id FROM changes")]
        for i in rng.sample(ids, 20):
            conn.execute("UPDATE changes SET detected_at = ?, company = ?, category = ? WHERE id = ?",
                         [iso(datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(400))),
                          f"c{rng.randrange(8)}", rng.choice(CATEGORIES), i])
        conn.commit()
        assert weeks.drift(conn) == [], step
    count = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    db.close()
    assert count == 6 * 110 and totals(path) == (count,) * 4
    weeks_held = rows(path, "SELECT count(*) FROM company_weeks")[0][0]
    assert weeks_held > 50  # the changes spread over many weeks of many companies
    assert rows(path, "SELECT count(*) FROM company_weeks WHERE changes <= 0") == [(0,)]
    with sqlite3.connect(path) as conn:  # and a roll-up off by one is seen
        conn.execute("DROP TRIGGER change_weeks_delete")
        conn.execute("DELETE FROM changes WHERE id = (SELECT max(id) FROM changes)")
        assert {row[:2] for row in weeks.drift(conn)} == {
            ("change_weeks", "roll-up"), ("change_weeks", "changes"),
            ("company_weeks", "roll-up"), ("company_weeks", "changes"),
            ("company_changes", "roll-up"), ("company_changes", "changes")}


def test_the_migration_fills_the_roll_ups_from_the_history_before_it(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    old = Database(path)
    migrations.apply(old, stop_before="m018_change_weeks")
    _insert(old.conn, random.Random(5), 500)
    old.conn.commit()
    old.close()
    open_db(path).close()
    assert drift(path) == []
    assert totals(path) == (500,) * 4
    _insert_one = "INSERT INTO changes (company, source, field, change, category, detected_at)" \
                  " VALUES ('c1', 'c1:website', 'f', 'added', 'news', '2024-03-05T10:00:00Z')"
    with sqlite3.connect(path) as conn:
        conn.execute(_insert_one)  # older than every other: every running count of c1 moves
    assert drift(path) == []


def test_roll_ups_hold_after_record_crash_rebase_prune_and_publish(
        tmp_path: Path, env: None, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Real checks of a real page: a crash inside the check's transaction, then the check that
    records a rebase and a real change, ``monitor prune`` folding every check, a health change
    recorded and published away: the roll-ups match the changes at each step."""
    db = tmp_path / "m.db"
    with serve() as (site, base):
        site.set("/impressum", BEFORE)
        write_sources(tmp_path, base)
        asyncio.run(checked_by_old_version(tmp_path, monkeypatch))
        assert drift(db) == []
        site.set("/impressum", AFTER)
        crashed = subprocess.run(
            [sys.executable, "-m", "monitor", "--sources", str(tmp_path / "sources.yaml"),
             "--db", str(db), "check"], capture_output=True, timeout=300,
            env={**os.environ, "MONITOR_CRASH_AT": "in_transaction", "PYTHONPATH": str(ROOT)})
        assert crashed.returncode == EXIT_CODE, crashed.stderr
        assert drift(db) == [] and totals(db)[0] == totals(db)[1]
        before = totals(db)
        out = run(tmp_path, "check")
    assert "email added: kontakt@finya.de" in out
    assert rows(db, "SELECT count(*) FROM rebases")[0][0] > 0
    after = totals(db)
    assert after[0] > before[0] and after == (after[0],) * 4
    assert drift(db) == []
    with sqlite3.connect(db) as conn:  # a month on, the checks are folded by prune
        conn.execute("UPDATE checks SET started_at = '2020-01-01T00:00:00Z', changes = 0")
    assert "checks rolled up" in run(tmp_path, "prune", "--keep", "1d")
    assert rows(db, "SELECT count(*) FROM check_days")[0][0] > 0
    assert drift(db) == [] and totals(db) == after
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO changes (company, source, field, change, category, detected_at, new)"
            " SELECT company, id, 'status', 'modified', 'health', ?, 'down' FROM sources",
            [iso(datetime.now(UTC))])
    assert drift(db) == [] and totals(db)[0] == after[0] + 1
    out_db = tmp_path / "public.db"
    result = CliRunner().invoke(main, ["--db", str(db), "publish", "--out", str(out_db)])
    assert result.exit_code == 0, result.output
    assert drift(out_db) == [] and totals(out_db) == after
    assert rows(out_db, "SELECT count(*) FROM change_weeks WHERE category = 'health'") == [(0,)]
