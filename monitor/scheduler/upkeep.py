"""Housekeeping of a long-running daemon: WAL checkpoints, counters, the periodic summary line."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from monitor.models import CheckResult

log = logging.getLogger("monitor.scheduler")

WAL_TRUNCATE_BYTES = 64 * 1024 * 1024  # R33: past this, truncate in a quiet moment


def wal_bytes(db_path: Path) -> int:
    """Size of the database's write-ahead log (0 when there is none)."""
    try:
        return db_path.with_name(db_path.name + "-wal").stat().st_size
    except OSError:
        return 0


def checkpoint(db: Database, db_path: Path, *, quiet: bool) -> None:
    """PASSIVE checkpoint after a batch of writes; TRUNCATE a large WAL when nothing runs.

    PASSIVE never waits for Datasette's readers; it copies what it can. A long reader can
    still starve it (R33), so a WAL past the threshold is truncated, which waits
    for readers (bounded by busy_timeout), only when no check is in flight.
    """
    try:
        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        size = wal_bytes(db_path)
        if quiet and size > WAL_TRUNCATE_BYTES:
            busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            log.warning("WAL was %.0f MiB: truncate %s", size / 2**20,
                        "blocked by a reader" if busy else "done")
    except sqlite3.OperationalError as exc:
        log.warning("WAL checkpoint failed: %s", exc)


@dataclass
class Stats:
    """What the daemon did since it started."""

    started: float = field(default_factory=time.monotonic)
    checks: int = 0
    changes: int = 0
    abandoned: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    window: Counter[str] = field(default_factory=Counter)  # since the last summary line

    def add(self, result: CheckResult) -> None:
        """Count one finished check."""
        self.checks += 1
        self.changes += len(result.changes)
        self.outcomes[result.outcome.value] += 1
        self.window[result.outcome.value] += 1

    def per_minute(self) -> float:
        """Checks per minute since the start."""
        minutes = max(time.monotonic() - self.started, 1e-9) / 60
        return self.checks / minutes

    def summary(self, *, running: int, due: int, wal: int, seconds: float) -> str:
        """One line for the log, then start a new window."""
        done = sum(self.window.values())
        parts = ", ".join(f"{n} {k}" for k, n in sorted(self.window.items())) or "none"
        self.window.clear()
        return (f"{done} checks in the last {seconds:.0f} s ({parts}); {running} running, "
                f"{due} due; {self.checks} checks and {self.changes} changes since start; "
                f"WAL {wal / 2**20:.1f} MiB")
