"""The outbox table's state machine, in SQL (R36). Every function runs inside a ``write`` block.

    pending ──claim──▶ sending ──sent──▶ sent
       ▲                 │ transient failure (attempts < max)
       └─────────────────┤ lease expired (crash)
                         └─ permanent failure / attempts used up ──▶ dead (reason kept)

A row is claimed with a lease; a dispatcher that dies leaves it ``sending`` until the lease
expires, then it goes back to ``pending``: at-least-once, never lost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from monitor.clock import iso, parse_iso
from monitor.models import Category, ChangeKind
from monitor.notify.base import Alert
from monitor.notify.modes import IMMEDIATE, Mode, next_slot, parse_mode

_SELECT = """
SELECT o.alert_id, o.channel, o.mode, o.change_id, c.company, COALESCE(co.name, c.company),
       c.source, COALESCE(s.url, c.url, ''), c.field, c.change, c.category, c.old, c.new, c.key,
       c.url, c.detected_at, COALESCE(o.due_at, o.created_at), o.attempts, c.evidence
FROM outbox o JOIN changes c ON c.id = o.change_id
LEFT JOIN companies co ON co.slug = c.company
LEFT JOIN sources s ON s.id = c.source
"""


@dataclass(frozen=True)
class StormState:
    """What a channel received lately: immediate alerts sent, and the last storm summary."""

    recent: int = 0
    last_summary_at: str | None = None


def requeue_expired(conn: sqlite3.Connection, now: str, max_attempts: int) -> tuple[int, int]:
    """Rows left ``sending`` by a dead dispatcher go back to pending (or dead if used up)."""
    dead = conn.execute(
        "UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = COALESCE(last_error"
        " || '; ', '') || 'gave up: the dispatcher stopped while sending, ' || attempts || ' times'"
        " WHERE status = 'sending' AND lease_until <= ? AND attempts >= ?",
        (now, max_attempts)).rowcount
    back = conn.execute(
        "UPDATE outbox SET status = 'pending', lease_until = NULL"
        " WHERE status = 'sending' AND lease_until <= ?", (now,)).rowcount
    return back, dead


def schedule(conn: sqlite3.Connection, slot: Callable[[str, datetime], datetime]) -> int:
    """Give new rows their first due time: now for immediates, the digest's next slot else."""
    rows = conn.execute(
        "SELECT alert_id, mode, created_at, next_attempt_at FROM outbox"
        " WHERE due_at IS NULL AND status = 'pending'").fetchall()
    updates = []
    for alert_id, mode, created_at, next_attempt_at in rows:
        due = iso(slot(mode, parse_iso(created_at)))
        updates.append((due, max(due, next_attempt_at), alert_id))
    conn.executemany("UPDATE outbox SET due_at = ?, next_attempt_at = ? WHERE alert_id = ?", updates)
    return len(updates)


def claim(conn: sqlite3.Connection, channels: Iterable[str], now: str, lease_until: str,
          limit: int = 5000) -> list[Alert]:
    """Take due pending rows of these channels: ``sending`` with a lease, one more attempt."""
    names = sorted(channels)
    if not names:
        return []
    marks = ", ".join("?" * len(names))
    rows = conn.execute(
        f"{_SELECT} WHERE o.status = 'pending' AND o.due_at IS NOT NULL AND o.next_attempt_at <= ?"
        f" AND o.channel IN ({marks}) ORDER BY o.next_attempt_at, o.created_at, o.change_id LIMIT ?",
        (now, *names, limit)).fetchall()
    conn.executemany(
        "UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1"
        " WHERE alert_id = ?", [(lease_until, r[0]) for r in rows])
    return [_alert(r, attempts=r[17] + 1) for r in rows]


def _alert(r: Sequence[Any], attempts: int) -> Alert:
    return Alert(
        alert_id=str(r[0]), channel=str(r[1]), mode=str(r[2]), change_id=int(r[3]),
        company=str(r[4]), company_name=str(r[5]), source=str(r[6]), source_url=str(r[7]),
        field=str(r[8]), change=ChangeKind(r[9]), category=Category(r[10]),
        old=_opt(r[11]), new=_opt(r[12]), key=_opt(r[13]), url=_opt(r[14]),
        detected_at=str(r[15]), due_at=str(r[16]), attempts=attempts,
        evidence=_opt(r[18]))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def storm_state(conn: sqlite3.Connection, channel: str, since: str) -> StormState:
    """Immediate alerts sent on a channel since a time, and its latest storm summary."""
    recent = conn.execute(
        "SELECT count(*) FROM outbox WHERE channel = ? AND status = 'sent' AND sent_at > ?"
        " AND sent_as IN ('single', 'batch')", (channel, since)).fetchone()[0]
    last = conn.execute(
        "SELECT max(sent_at) FROM outbox WHERE channel = ? AND sent_as = 'summary' AND sent_at > ?",
        (channel, since)).fetchone()[0]
    return StormState(int(recent), last)


def waiting(conn: sqlite3.Connection, now: str) -> dict[str, int]:
    """Due pending alerts per channel (to report channels that are off)."""
    return dict(conn.execute(
        "SELECT channel, count(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
        " GROUP BY channel", (now,)).fetchall())


def defer(conn: sqlite3.Connection, deferred: Iterable[tuple[str, str]]) -> None:
    """Hand claimed rows back, due at a later time, without counting an attempt."""
    conn.executemany(
        "UPDATE outbox SET status = 'pending', lease_until = NULL, attempts = attempts - 1,"
        " next_attempt_at = ? WHERE alert_id = ? AND status = 'sending'",
        [(until, a) for a, until in deferred])


def mark_sent(conn: sqlite3.Connection, alert_ids: Iterable[str], message_id: str, sent_as: str,
              now: str) -> None:
    """Delivered: record when and in which message."""
    conn.executemany(
        "UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = NULL, message_id = ?,"
        " sent_as = ?, last_error = NULL WHERE alert_id = ? AND status = 'sending'",
        [(now, message_id, sent_as, a) for a in alert_ids])


def mark_retry(conn: sqlite3.Connection, retries: Iterable[tuple[str, str]], error: str) -> None:
    """Transient failure: back to pending, due again at the given time."""
    conn.executemany(
        "UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = ?,"
        " last_error = ? WHERE alert_id = ? AND status = 'sending'",
        [(at, error, a) for a, at in retries])


def mark_dead(conn: sqlite3.Connection, alert_ids: Iterable[str], reason: str) -> None:
    """Permanent failure: keep the row, with the reason, out of the queue."""
    conn.executemany(
        "UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = ?"
        " WHERE alert_id = ? AND status = 'sending'", [(reason, a) for a in alert_ids])


def revive(conn: sqlite3.Connection, channel: str | None, now: str) -> int:
    """Dead rows of a channel (or all) back to pending, with fresh attempts."""
    where, args = ("AND channel = ?", [channel]) if channel else ("", [])
    return conn.execute(
        f"UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?,"
        f" lease_until = NULL WHERE status = 'dead' {where}", [now, *args]).rowcount


def slot_function(tz: tzinfo) -> Callable[[str, datetime], datetime]:
    """``(mode, created) → first due time`` for ``schedule``; unknown modes are immediate."""

    def slot(mode: str, created: datetime) -> datetime:
        try:
            parsed = parse_mode(mode)
        except ValueError:  # a router other than ours may name modes we do not know
            parsed = Mode(IMMEDIATE)
        return next_slot(parsed, created, tz)

    return slot
