"""Which orders the writer has recorded: the idempotence of answers, in the writer's database.

An answer can arrive twice (a worker killed after sending it, an order re-sent after its lease,
a broker that redelivers). The check id is written in the same transaction as the check itself
(``record(..., also=...)``), so "recorded" and "noted as recorded" cannot come apart in a crash.
The table is the fleet's own migration set: an embedded database never grows it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from monitor.clock import iso
from monitor.store.db import write
from monitor.store.record import Also

# A second answer comes minutes after the first (a re-sent lease, a redelivered order), hours
# at worst behind a backlog. Two days of check ids cover that; at 100,000 companies × 5 sources
# they are about 11 M rows (~1.8 GB), so they are pruned hourly, not kept for the history.
KEEP = timedelta(days=2)
PRUNE_EVERY = timedelta(hours=1)

migrations = Migrations("monitor.fleet")


@migrations()
def m001_answers(db: Database) -> None:
    """One row per recorded order."""
    db.execute("CREATE TABLE fleet_answers (check_id TEXT PRIMARY KEY, source TEXT NOT NULL,"
               " recorded_at TEXT NOT NULL)")


def prepare(db: Database, now: datetime) -> None:
    """Create the table on first use and forget answers older than any redelivery."""
    migrations.apply(db)
    prune(db, now)


def prune(db: Database, now: datetime) -> None:
    """Forget answers older than any redelivery."""
    with write(db) as conn:
        conn.execute("DELETE FROM fleet_answers WHERE recorded_at < ?", [iso(now - KEEP)])


def answered(db: Database, check_id: str) -> bool:
    """True when this order's answer is already recorded."""
    row = db.execute("SELECT 1 FROM fleet_answers WHERE check_id = ?", [check_id]).fetchone()
    return row is not None


def note(check_id: str, source_id: str, now: str) -> Also:
    """The ``also`` hook of ``record`` that notes this order as answered."""
    def also(conn: sqlite3.Connection, _: int) -> None:
        conn.execute("INSERT INTO fleet_answers (check_id, source, recorded_at) VALUES (?, ?, ?)",
                     [check_id, source_id, now])
    return also
