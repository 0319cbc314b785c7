"""One lease queue: the state machine the outbox and the operator notices share (R36).

    pending ──claim──▶ sending ──finish──▶ sent | pending (later) | dead
                         └─ lease expired (the holder died) ──▶ pending (or dead if used up)

A row is claimed with a lease; a holder that dies leaves it ``sending`` until the lease
expires, then it goes back to ``pending``: at-least-once, never lost. Only a row still held
(``sending``) can be finished, so a late answer never overwrites a newer claim's outcome.
Every method runs inside the caller's ``write`` block.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

STATUSES = frozenset({"pending", "sent", "dead"})


@dataclass(frozen=True)
class LeaseQueue:
    """A table with ``status``, ``attempts``, ``next_attempt_at``, ``lease_until`` and
    ``last_error`` columns, keyed by ``key``; ``alias`` is its name in claim queries."""

    table: str
    key: str
    alias: str = ""

    def requeue_expired(self, conn: sqlite3.Connection, now: str,
                        max_attempts: int | None = None) -> tuple[int, int]:
        """Rows left ``sending`` past their lease go back to pending; with ``max_attempts``,
        rows that used them all go dead instead. Returns (requeued, dead)."""
        dead = 0
        if max_attempts is not None:
            dead = conn.execute(
                f"UPDATE {self.table} SET status = 'dead', lease_until = NULL,"
                " last_error = COALESCE(last_error || '; ', '') || 'gave up: the dispatcher"
                " stopped while sending, ' || attempts || ' times'"
                " WHERE status = 'sending' AND lease_until <= ? AND attempts >= ?",
                (now, max_attempts)).rowcount
        back = conn.execute(
            f"UPDATE {self.table} SET status = 'pending', lease_until = NULL"
            " WHERE status = 'sending' AND lease_until <= ?", (now,)).rowcount
        return back, dead

    def claim(self, conn: sqlite3.Connection, select: str, channels: Iterable[str], now: str,
              lease_until: str, *, order: str, limit: int, ready: str = "") -> list[Any]:
        """Due pending rows of these channels (``select`` names the key first), taken:
        ``sending`` with a lease, one more attempt. ``ready`` adds a condition."""
        names = sorted(channels)
        if not names:
            return []
        p = f"{self.alias}." if self.alias else ""
        marks = ", ".join("?" * len(names))
        rows = conn.execute(
            f"{select} WHERE {p}status = 'pending'{ready} AND {p}next_attempt_at <= ?"
            f" AND {p}channel IN ({marks}) ORDER BY {order} LIMIT ?",
            (now, *names, limit)).fetchall()
        conn.executemany(
            f"UPDATE {self.table} SET status = 'sending', lease_until = ?,"
            f" attempts = attempts + 1 WHERE {self.key} = ?", [(lease_until, r[0]) for r in rows])
        return rows

    def finish(self, conn: sqlite3.Connection, status: str, rows: Iterable[Sequence[object]],
               sets: str = "") -> None:
        """Held rows leave ``sending`` for ``status``, their lease dropped. Each row gives the
        parameters of ``sets`` (more assignments) then the key."""
        if status not in STATUSES:
            raise ValueError(f"not a status a held row can go to: {status!r}")
        more = f", {sets}" if sets else ""
        conn.executemany(
            f"UPDATE {self.table} SET status = '{status}', lease_until = NULL{more}"
            f" WHERE {self.key} = ? AND status = 'sending'", rows)
