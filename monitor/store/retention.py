"""Keeping the history fast: raw checks for a window, then one row per source and day.

Every check adds a row to ``checks``; at 30,000 sources checked hourly that is 260 million rows
a year, and the pages analysts read slow down with it. Checks older than the window (default
90 days, ``MONITOR_KEEP_CHECKS``) are folded into ``check_days`` (counts, bytes, time per
source and day) and deleted, except those that recorded a change (they are the change's
provenance) and each source's baseline (its first capture): those stay forever. Snapshots follow
the checks: one that no remaining check points at, older than the window, is deleted (the
captures of values that were seen once and never confirmed).

Each batch is its own short transaction, so the daemon's checks and Datasette's readers never
wait long; a crash between batches leaves rows either raw or rolled up, never both or neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from monitor.clock import iso
from monitor.environ import process_environ
from monitor.errors import ConfigError
from monitor.store.db import write

ENV = "MONITOR_KEEP_CHECKS"
DEFAULT_KEEP = timedelta(days=90)
# A check may be folded when it recorded no change and is not its source's baseline capture.
# The baselines are found through checks_snapshot (the few checks that kept a capture):
# grouped by ``+source`` (the same groups), or SQLite walks checks_source for the order of the
# GROUP BY and reads every check's row (about a minute at 10,000 companies, per statement).
BASELINES = "SELECT min(id) FROM checks WHERE snapshot IS NOT NULL GROUP BY +source"
_FOLDABLE = f"changes = 0 AND (snapshot IS NULL OR id NOT IN ({BASELINES}))"


@dataclass
class Pruned:
    """What one pass of ``roll_up`` did."""

    checks: int = 0
    days: int = 0
    snapshots: int = 0

    def __str__(self) -> str:
        return (f"{self.checks} checks rolled up into {self.days} source-days, "
                f"{self.snapshots} snapshots dropped")


def parse_keep(text: str) -> timedelta:
    """``90d``, ``12w`` or a bare number of days → a retention window (at least one day)."""
    found = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text or "")
    if not found or int(found.group(1)) < 1:
        raise ConfigError(f"retention window {text!r}: give days, e.g. 90d or 12w (at least 1d)")
    days = int(found.group(1)) * (7 if found.group(2) == "w" else 1)
    return timedelta(days=days)


def keep_from_env(environ: Mapping[str, str] | None = None) -> timedelta:
    """The retention window ``MONITOR_KEEP_CHECKS`` sets (default 90 days)."""
    text = process_environ(environ).get(ENV, "").strip()
    return parse_keep(text) if text else DEFAULT_KEEP


def roll_up(db: Database, now: datetime, keep: timedelta = DEFAULT_KEEP) -> Pruned:
    """Fold checks older than ``keep`` into ``check_days``; drop snapshots no check needs."""
    done = Pruned()
    for _ in roll_up_steps(db, now, keep, done):
        pass
    return done


def roll_up_steps(db: Database, now: datetime, keep: timedelta, done: Pruned) -> Iterator[None]:
    """``roll_up`` one short transaction at a time (a day of checks), yielding between them so
    a daemon can interleave its own work; ``done`` counts what was done so far."""
    cutoff = iso(now - keep)
    while True:
        first = db.execute(f"SELECT min(started_at) FROM checks WHERE started_at < ? AND {_FOLDABLE}",
                           [cutoff]).fetchone()[0]
        if first is None:
            break
        day_end = min(first[:10] + "T99", cutoff)  # every stamp of that day sorts below "T99"
        with write(db) as conn:
            conn.execute(
                "INSERT INTO check_days (source, company, day, checks, ok, unchanged, failed, bytes,"
                " ms_total, ms_max) SELECT source, company, substr(started_at, 1, 10), count(*),"
                " sum(outcome = 'ok'), sum(outcome IN ('unchanged', 'not_modified')),"
                " sum(outcome NOT IN ('ok', 'unchanged', 'not_modified')), coalesce(sum(bytes), 0),"
                " coalesce(sum(ms), 0), coalesce(max(ms), 0) FROM checks"
                f" WHERE started_at < ? AND {_FOLDABLE} GROUP BY source, substr(started_at, 1, 10)"
                " ON CONFLICT(source, day) DO UPDATE SET checks = checks + excluded.checks,"
                " ok = ok + excluded.ok, unchanged = unchanged + excluded.unchanged,"
                " failed = failed + excluded.failed, bytes = bytes + excluded.bytes,"
                " ms_total = ms_total + excluded.ms_total, ms_max = max(ms_max, excluded.ms_max)",
                [day_end])
            done.days += conn.execute("SELECT changes()").fetchone()[0]
            deleted = conn.execute(f"DELETE FROM checks WHERE started_at < ? AND {_FOLDABLE}",
                                   [day_end])
            done.checks += deleted.rowcount
        yield
    with write(db) as conn:
        gone = conn.execute(
            "DELETE FROM snapshots WHERE first_seen < ?"
            " AND NOT EXISTS (SELECT 1 FROM checks c WHERE c.snapshot = snapshots.hash)",
            [cutoff])
        done.snapshots = max(gone.rowcount, 0)
