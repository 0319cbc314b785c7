"""Notes to the operator (alerts that went dead), queued in ``notices`` like alerts in the outbox.

A notice that fails for good is only logged: no notice about a notice, so no loop.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from monitor.notify.lease import LeaseQueue

QUEUE = LeaseQueue("notices", "id")


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
    return QUEUE.requeue_expired(conn, now)[0]


def claim(conn: sqlite3.Connection, channels: list[str], now: str, lease_until: str,
          limit: int = 20) -> list[Notice]:
    """Take due notices for channels that can send."""
    rows = QUEUE.claim(conn, "SELECT id, channel, subject, body, attempts + 1 FROM notices",
                       channels, now, lease_until, order="id", limit=limit)
    return [Notice(*r) for r in rows]


def finish(conn: sqlite3.Connection, notice_id: int, status: str, now: str,
           error: str | None = None, next_at: str | None = None) -> None:
    """Record the outcome of one try: sent, pending again (with a time) or dead."""
    QUEUE.finish(conn, status, [(error, status == "sent", now, next_at, notice_id)],
                 "last_error = ?, sent_at = CASE WHEN ? THEN ? ELSE sent_at END,"
                 " next_attempt_at = COALESCE(?, next_attempt_at)")
