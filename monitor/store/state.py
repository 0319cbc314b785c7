"""Reading a source's stored state: validators and health for the fetch, facts for the differ."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from monitor.models import Fact, ItemState, Pending, PersonSeen, SeenLine, Slot, State


@dataclass(frozen=True)
class SourceRow:
    """The scheduling and health state of a source, as stored in ``sources``."""

    id: str
    status: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    failures: int
    health_alerted: bool
    baseline_at: str | None
    # A value awaits confirmation or an item is missing: answering "not modified" is then wrong.
    unsettled: bool = False
    raw_hash: str | None = None  # the raw bytes' hash of the body that hashed to body_hash


_NEVER = (1 << 62, "")  # no page text only waits for time


def source_row(db: Database, source_id: str,
               prose: tuple[int, str] | None = None) -> SourceRow | None:
    """The stored state of one source (one read per check), or None before it is synced.

    ``prose`` is (the source's confirm, the start of its settle window): a page text already
    seen that many times and first seen inside the window waits only for time, and an
    unchanged page can neither end nor break that wait, so it leaves the source settled (an
    unchanged body skips extraction until the window ends)."""
    confirm, window_start = prose or _NEVER
    row = db.execute(
        "SELECT id, status, etag, last_modified, body_hash, failures, health_alerted, baseline_at,"
        " EXISTS (SELECT 1 FROM pending WHERE source = s.id"
        " AND NOT (field = 'text' AND seen >= ? AND first_seen > ?))"
        " OR EXISTS (SELECT 1 FROM items WHERE source = s.id AND (misses > 0 AND removed_at IS NULL"
        " OR pending OR candidate != '')), raw_hash"
        " FROM sources s WHERE id = ?", [confirm, window_start, source_id]).fetchone()
    if row is None:
        return None
    return SourceRow(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7],
                     bool(row[8]), row[9])


def item_states(conn: sqlite3.Connection, source_id: str) -> dict[str, ItemState]:
    """A source's items as the item differ remembers them, by key."""
    return {
        r[0]: ItemState(r[0], r[1], r[2], removed=r[3] is not None, misses=r[4], title=r[5],
                        price=r[6], pending=int(r[7]), retired=bool(r[8]), position=r[9],
                        candidate=r[10], kind=r[11], category=r[12], last_seen=r[13], returns=r[14],
                        first_seen=r[15])
        for r in conn.execute(
            "SELECT key, url, published_at, removed_at, misses, title, price, pending, retired,"
            " position, candidate, kind, category, last_seen, returns, first_seen FROM items"
            " WHERE source = ?",
            [source_id])}


def load_state(db: Database, source_id: str, baseline: bool) -> State:
    """Everything the differ needs about one source's past."""
    facts = tuple(
        Fact(field=r[0], value=r[1], role=r[2], evidence=r[3] or "")
        for r in db.execute(
            "SELECT field, value, role, evidence FROM facts WHERE source = ? ORDER BY id", [source_id]))
    pending = tuple(
        Pending(r[0], r[1], Fact(r[0], r[3], r[4], r[5] or "") if r[2] else None, r[6], r[7])
        for r in db.execute(
            "SELECT field, subject, present, value, role, evidence, seen, first_seen"
            " FROM pending WHERE source = ?", [source_id]))
    items = item_states(db.conn, source_id)
    marks = {r[0]: r[1] for r in db.execute(
        "SELECT name, value FROM metric_marks WHERE source = ?", [source_id])}
    lines, slots = text_memory(db.conn, source_id)
    return State(facts=facts, pending=pending, items=items, metrics=marks, baseline=baseline,
                 lines=lines, slots=slots, people=people_memory(db.conn, source_id))


def people_memory(conn: sqlite3.Connection, source_id: str) -> dict[str, PersonSeen]:
    """The people a source has shown (what ``roster`` learned of them)."""
    return {r[0]: PersonSeen(r[1], since=r[2], last_seen=r[3], present=bool(r[4]), returns=r[5],
                             left=r[6], gone_at=r[7], where=_split(r[8]), alone=_split(r[9]))
            for r in conn.execute(
        "SELECT key, name, since, last_seen, present, returns, left_at, gone_at, where_seen, alone"
        " FROM people_seen WHERE source = ?", [source_id])}


def _split(joined: str) -> tuple[str, ...]:
    """A newline-joined column's values."""
    return tuple(joined.split("\n")) if joined else ()


def text_memory(conn: sqlite3.Connection, source_id: str
                ) -> tuple[dict[str, SeenLine], dict[str, Slot]]:
    """The text lines and slots a source has shown (what ``rotation`` learned of its page)."""
    lines = {r[0]: SeenLine(r[1], r[2], bool(r[3]), bool(r[4]), r[5], r[6], r[7]) for r in conn.execute(
        "SELECT key, text, returns, present, volatile, position, slot, since FROM text_lines"
        " WHERE source = ?", [source_id])}
    slots = {r[0]: Slot(r[1], r[2], r[3], r[4], bool(r[5])) for r in conn.execute(
        "SELECT key, before, after, changes, changed_at, volatile FROM text_slots WHERE source = ?",
        [source_id])}
    return lines, slots
