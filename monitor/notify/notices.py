"""Notes to the operator (alerts that went dead), queued in ``notices`` like alerts in the outbox.

A notice that fails for good is only logged: no notice about a notice, so no loop.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """One queued note to the operator channel."""

    id: int
    channel: str
    subject: str
    body: str
    attempts: int


def add(conn: sqlite3.Connection, channel: str, subject: str, body: str, now: str) -> None:
    """Queue a note for the operator channel."""
    conn.execute(
        "INSERT INTO notices (channel, subject, body, next_attempt_at, created_at)"
        " VALUES (?, ?, ?, ?, ?)", (channel, subject, body, now, now))


def requeue_expired(conn: sqlite3.Connection, now: str) -> int:
    """Notices left ``sending`` by a dead dispatcher go back to pending."""
    return conn.execute("UPDATE notices SET status = 'pending', lease_until = NULL"
                        " WHERE status = 'sending' AND lease_until <= ?", (now,)).rowcount


def claim(conn: sqlite3.Connection, channels: list[str], now: str, lease_until: str,
          limit: int = 20) -> list[Notice]:
    """Take due notices for channels that can send."""
    if not channels:
        return []
    marks = ", ".join("?" * len(channels))
    rows = conn.execute(
        f"SELECT id, channel, subject, body, attempts + 1 FROM notices WHERE status = 'pending'"
        f" AND next_attempt_at <= ? AND channel IN ({marks}) ORDER BY id LIMIT ?",
        (now, *channels, limit)).fetchall()
    conn.executemany("UPDATE notices SET status = 'sending', lease_until = ?,"
                     " attempts = attempts + 1 WHERE id = ?", [(lease_until, r[0]) for r in rows])
    return [Notice(*r) for r in rows]


def finish(conn: sqlite3.Connection, notice_id: int, status: str, now: str,
           error: str | None = None, next_at: str | None = None) -> None:
    """Record the outcome of one try: sent, pending again (with a time) or dead."""
    conn.execute(
        "UPDATE notices SET status = ?, lease_until = NULL, last_error = ?,"
        " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,"
        " next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
        (status, error, status, now, next_at, notice_id))
