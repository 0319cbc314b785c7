"""A history that stays fast: old checks roll up per source and day, and nothing an analyst
needs is lost (changes' provenance, baselines, the per-day account of every check)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.clock import iso
from monitor.errors import ConfigError
from monitor.store.db import open_db
from monitor.store.retention import (
    BASELINES,
    Pruned,
    keep_from_env,
    parse_keep,
    roll_up,
    roll_up_steps,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DAYS = 200


def build(path: Path) -> None:
    """Two sources checked every 6 hours for 200 days; a baseline capture, a change on day 150
    before now, a candidate value seen once (a capture, no change) on day 120 before now."""
    db = open_db(path)
    db.execute("INSERT INTO companies (slug, name, added_at) VALUES ('acme', 'Acme', ?)", [iso(NOW)])
    for sid in ("acme:website:1", "acme:feed:2"):
        db.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
                   " VALUES (?, 'acme', 'website', 'https://acme.example/', 'acme.example', 21600, 2, ?)",
                   [sid, iso(NOW)])
    rows = []
    snapshots = []
    for sid in ("acme:website:1", "acme:feed:2"):
        for step in range(DAYS * 4):
            at = NOW - timedelta(days=DAYS) + timedelta(hours=6 * step)
            snap, changes = None, 0
            if step == 0:
                snap = f"base-{sid}"
            elif step == (DAYS - 150) * 4:
                snap, changes = f"change-{sid}", 1
            elif step == (DAYS - 120) * 4:
                snap = f"pending-{sid}"
            elif step == DAYS * 4 - 8:
                snap = f"recent-{sid}"
            if snap:
                snapshots.append((snap, b"x", "text/html", 1, iso(at)))
            outcome = "ok" if snap else ("unchanged" if step % 3 else "error")
            rows.append((sid, "acme", iso(at), outcome, 200, 1000, 12.5, snap, changes))
    db.conn.executemany("INSERT INTO snapshots (hash, content, content_type, bytes, first_seen)"
                        " VALUES (?, ?, ?, ?, ?)", snapshots)
    db.conn.executemany("INSERT INTO checks (source, company, started_at, outcome, http_status,"
                        " bytes, ms, snapshot, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.conn.commit()
    db.close()


def per_day(path: Path) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT source, day, sum(checks), sum(ok), sum(unchanged), sum(failed)"
                            " FROM source_days GROUP BY source, day").fetchall()
    return {(r[0], r[1]): (r[2], r[3], r[4], r[5]) for r in rows}


def test_old_checks_become_one_row_per_source_and_day_and_the_daily_account_is_unchanged(
        tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    build(path)
    before = per_day(path)
    done = roll_up(open_db(path), NOW, timedelta(days=90))
    assert per_day(path) == before  # every check still counted, on its day, with its outcome
    with sqlite3.connect(path) as conn:
        old_raw = conn.execute("SELECT count(*) FROM checks WHERE started_at < ?",
                               [iso(NOW - timedelta(days=90))]).fetchone()[0]
        recent_raw = conn.execute("SELECT count(*) FROM checks WHERE started_at >= ?",
                                  [iso(NOW - timedelta(days=90))]).fetchone()[0]
        snapshots = {r[0] for r in conn.execute("SELECT hash FROM snapshots")}
    assert old_raw == 4  # per source: the baseline capture and the check that recorded a change
    assert recent_raw == 2 * 90 * 4
    assert done.checks == 2 * (DAYS - 90) * 4 - 4
    assert snapshots == {f"{kind}-{sid}" for kind in ("base", "change", "recent")
                         for sid in ("acme:website:1", "acme:feed:2")}
    assert done.snapshots == 2  # the captures of a value seen once and never confirmed


def test_a_second_pass_does_nothing_and_a_pass_cut_short_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    build(path)
    before = per_day(path)
    steps = roll_up_steps(open_db(path), NOW, timedelta(days=90), Pruned())
    for _ in range(5):  # a daemon stopped after five days' worth of transactions
        next(steps)
    assert per_day(path) == before
    first = roll_up(open_db(path), NOW, timedelta(days=90))
    assert first.checks > 0
    again = roll_up(open_db(path), NOW, timedelta(days=90))
    assert (again.checks, again.days, again.snapshots) == (0, 0, 0)
    assert per_day(path) == before


def test_retention_window_is_read_from_the_environment_and_checked() -> None:
    assert keep_from_env({}) == timedelta(days=90)
    assert keep_from_env({"MONITOR_KEEP_CHECKS": "12w"}) == timedelta(days=84)
    assert parse_keep("30") == timedelta(days=30)
    for bad in ("0d", "ninety", "-3d", "3h"):
        with pytest.raises(ConfigError, match="retention window"):
            parse_keep(bad)


def test_prune_command_rolls_up_and_says_what_it_did(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    build(path)
    sources = tmp_path / "sources.yaml"
    sources.write_text("companies: []\n")
    sources.chmod(0o600)
    result = CliRunner().invoke(main, ["--db", str(path), "--sources", str(sources), "prune",
                                       "--keep", "30d"])
    assert result.exit_code == 0, result.output
    assert "Kept 30 days of checks:" in result.output and "source-days" in result.output
    with sqlite3.connect(path) as conn:
        oldest = conn.execute("SELECT min(started_at) FROM checks WHERE changes = 0 AND"
                              " snapshot IS NULL").fetchone()[0]
    assert oldest >= iso(datetime.now(UTC) - timedelta(days=31))


def test_baselines_are_found_through_the_captures_index_not_every_check(tmp_path: Path) -> None:
    """Each source's baseline (its first check that kept a capture) is read from the partial
    index of captures, with or without the planner's statistics, not by walking every check
    in source order; the query finds each source's first capture."""
    path = tmp_path / "m.db"
    build(path)
    with sqlite3.connect(path) as conn:
        first = {r[0] for r in conn.execute(
            "SELECT min(id) FROM checks WHERE snapshot IS NOT NULL GROUP BY source")}
        assert {r[0] for r in conn.execute(BASELINES)} == first and len(first) == 2
        for analyzed in (False, True):
            if analyzed:
                conn.execute("ANALYZE")
            plan = " ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {BASELINES}"))
            assert "checks_snapshot" in plan and "checks_source" not in plan, (analyzed, plan)
