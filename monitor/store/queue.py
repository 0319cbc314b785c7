"""Queueing a recorded change for alerting: outbox rows now, or a wait for routing.

A change is always queued in the transaction that records it. With routing in force it gets
one outbox row per (channel, mode) the routing picks; without (no alerts file) it waits in
``unrouted``, and the first dispatcher that has routing turns it into outbox rows. A missing
or misplaced alerts file so delays alerts; it never loses them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable

from monitor.models import Category, Change, ChangeKind

Router = Callable[[Change], Iterable[tuple[str, str]]]  # change → (channel, mode) pairs


def queue(conn: sqlite3.Connection, change_id: int, change: Change, route: Router | None,
          now: str) -> None:
    """Outbox rows for a change, or, without routing, a place in ``unrouted``."""
    if route is None:
        conn.execute("INSERT OR IGNORE INTO unrouted (change_id, recorded_at) VALUES (?, ?)",
                     (change_id, now))
        return
    db_id = database_id(conn)
    conn.executemany(
        "INSERT OR IGNORE INTO outbox (alert_id, change_id, channel, mode, next_attempt_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [(alert_id(db_id, change_id, change, channel), change_id, channel, mode, now, now)
         for channel, mode in route(change)])


def route_waiting(conn: sqlite3.Connection, route: Router, now: str, limit: int = 5000) -> int:
    """Route changes recorded while no routing was in force; returns how many."""
    rows = conn.execute(
        "SELECT c.id, c.company, c.source, c.field, c.change, c.category, c.old, c.new, c.key,"
        " c.evidence, c.url FROM unrouted u JOIN changes c ON c.id = u.change_id"
        " ORDER BY u.change_id LIMIT ?", (limit,)).fetchall()
    for r in rows:
        change = Change(company=r[1], source=r[2], field=r[3], change=ChangeKind(r[4]),
                        category=Category(r[5]), old=r[6], new=r[7], key=r[8],
                        evidence=r[9] or "", url=r[10])
        queue(conn, int(r[0]), change, route, now)
    conn.executemany("DELETE FROM unrouted WHERE change_id = ?", [(r[0],) for r in rows])
    return len(rows)


def waiting_for_route(conn: sqlite3.Connection) -> int:
    """Changes recorded without routing that no dispatcher has routed yet."""
    return int(conn.execute("SELECT count(*) FROM unrouted").fetchone()[0])


def database_id(conn: sqlite3.Connection) -> str:
    """The random id this database got when it was created."""
    row = conn.execute("SELECT value FROM monitor_meta WHERE key = 'database_id'").fetchone()
    return str(row[0]) if row else ""


def alert_id(db_id: str, change_id: int, change: Change, channel: str) -> str:
    """A stable short id for one alert, unique across databases.

    The database's id keeps a rebuilt database (or staging beside production) from reusing
    the ids of another; the change's content keeps a reused row id from matching.
    """
    parts = (db_id, str(change_id), channel, change.company, change.source, change.field,
             change.key or "", change.change.value, change.old or "", change.new or "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
