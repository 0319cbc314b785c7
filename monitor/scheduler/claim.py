"""Which sources to check now: claimed from the database by ``next_due_at``.

The schedule lives in ``sources.next_due_at`` (written with jitter and backoff by each check's
own transaction), so restarts, reloads and CLI edits never lose it. A claim takes the most
overdue sources the free slots have room for, never two of one host and never a host that is
busy or backing off: after downtime every overdue source runs once, oldest first (R37, R38;
F7, F9). This is also the seam for remote fetch workers: claim, report.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlite_utils import Database

from monitor.store.db import write

SCAN_LIMIT = 5000  # rows looked at per tick: bounds the tick when one host owns the backlog


@dataclass(frozen=True)
class Due:
    """A source whose time has come."""

    id: str
    host: str
    next_due_at: str | None


def due(db: Database, now: str, *, limit: int, busy_ids: Collection[str] = (),
        busy_hosts: Collection[str] = (), host_waits: Callable[[str], bool] = lambda h: False,
        scan: int = SCAN_LIMIT) -> list[Due]:
    """Up to ``limit`` due sources, most overdue first, at most one per host."""
    if limit <= 0:
        return []
    # A plain range on the partial index sources_due: the tick stays cheap with many sources.
    # Read row by row and stop once the slots are filled: a claim after each finished check
    # must not fetch thousands of overdue rows to start one.
    rows = db.execute(
        "SELECT id, host, next_due_at FROM sources WHERE removed_at IS NULL"
        " AND next_due_at <= ? ORDER BY next_due_at LIMIT ?", [now, scan])
    picked: list[Due] = []
    hosts = set(busy_hosts)
    try:
        for sid, host, next_due_at in rows:
            if sid in busy_ids or host in hosts or host_waits(host):
                continue
            hosts.add(host)
            picked.append(Due(sid, host, next_due_at))
            if len(picked) >= limit:
                break
    finally:
        rows.close()
    return picked


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


S = TypeVar("S", bound=_HasId)


def by_due_time(db: Database, sources: Sequence[S]) -> list[S]:
    """Sources in the order a run should take them: never checked first, then oldest due.

    A run that is interrupted (Ctrl-C, a kill, a deadline) has then done the sources that
    waited longest; the next run starts with the ones it did not reach, so a long list is
    never starved at its tail. Ties keep the configured order.
    """
    known = dict(db.execute(
        "SELECT id, COALESCE(next_due_at, '') || '|' || COALESCE(last_checked_at, '')"
        " FROM sources").fetchall()) if "sources" in db.table_names() else {}
    order = {id(s): n for n, s in enumerate(sources)}
    return sorted(sources, key=lambda s: (known.get(s.id, ""), order[id(s)]))


def count_due(db: Database, now: str) -> int:
    """How many sources are due now (for the log and ``monitor status``)."""
    row = db.execute("SELECT count(*) FROM sources WHERE removed_at IS NULL"
                     " AND next_due_at <= ?", [now]).fetchone()
    return int(row[0])


def mark_claimed(db: Database, ids: Sequence[str], now: str) -> None:
    """Note that checks of these sources started (``monitor status`` shows them as running)."""
    if ids:  # what status shows: a power loss may take it back (the check did not run either)
        with write(db, durable=False) as conn:
            conn.executemany("UPDATE sources SET claimed_at = ? WHERE id = ?",
                             [(now, sid) for sid in ids])
