"""The read (and small bookkeeping) queries behind the CLI: ``history``, ``show``, ``list``,
``status``, ``alerts``, ``import`` and ``remove``.

The CLI parses, calls one of these and prints; it never writes SQL itself. Each query returns
plain tuples or small records, so the printers (table, plain lines, JSON) share one answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from monitor.store.db import write
from monitor.store.queue import waiting_for_route

if TYPE_CHECKING:
    import sqlite3
    from typing import TypeAlias

    from sqlite_utils import Database

    # What the read queries of ``monitor history`` take: the store's reader, or a bare
    # read-only connection (``db.read_connection``); both answer ``execute``.
    Reader: TypeAlias = Database | sqlite3.Connection


@dataclass(frozen=True)
class ChangeRow:
    """One recorded change as ``monitor history`` shows it; ``rebase`` marks a difference an
    upgraded extractor read on a stored page (``monitor.store.rebases.history``), which is not a
    change on the site, and its ``detected_at`` is when it was rebased."""

    detected_at: str
    category: str
    field: str
    key: str | None
    change: str
    old: str | None
    new: str | None
    kind: str
    url: str | None
    evidence: str | None = None  # for page text: the changed words, marked ([-old-] {+new+})
    rotation_at: str | None = None  # when this prose change was found to be rotation
    rebase: bool = False


@dataclass(frozen=True)
class FactRow:
    """One current fact of a company's profile."""

    field: str
    value: str
    role: str | None
    first_seen: str
    source_url: str
    evidence: str | None


@dataclass(frozen=True)
class ItemRow:
    """One current (not removed) item."""

    published_at: str | None
    title: str
    url: str | None


@dataclass(frozen=True)
class SourceRow:
    """One source's health as ``monitor show`` lists it."""

    kind: str
    url: str
    status: str
    last_checked_at: str | None
    error: str | None


def company_known(db: Reader, slug: str) -> bool:
    """True when the company has a row (it was checked, imported or added)."""
    return db.execute("SELECT 1 FROM companies WHERE slug = ?", [slug]).fetchone() is not None


def company_name(db: Database, slug: str) -> str:
    """The company's display name."""
    row = db.execute("SELECT name FROM companies WHERE slug = ?", [slug]).fetchone()
    return str(row[0]) if row else slug


def history(db: Reader, slug: str, *, category: str | None = None,
            limit: int = 50) -> list[ChangeRow]:
    """A company's changes, newest first."""
    sql = ("SELECT c.detected_at, c.category, c.field, c.key, c.change, c.old, c.new, s.kind, c.url,"
           " c.evidence, c.rotation_at FROM changes c JOIN sources s ON s.id = c.source WHERE c.company = ?")
    params: list[object] = [slug]
    if category:
        sql += " AND c.category = ?"
        params.append(category)
    rows = db.execute(sql + " ORDER BY c.id DESC LIMIT ?", [*params, limit]).fetchall()
    return [ChangeRow(*row) for row in rows]


def current_facts(db: Database, slug: str) -> list[FactRow]:
    """The company's facts now (page text left out), with source and evidence."""
    rows = db.execute(
        "SELECT f.field, f.value, f.role, f.first_seen, s.url, f.evidence FROM facts f"
        " JOIN sources s ON s.id = f.source WHERE f.company = ? AND f.field != 'text'"
        " ORDER BY f.field, f.value", [slug]).fetchall()
    return [FactRow(*row) for row in rows]


def latest_items(db: Database, slug: str, limit: int) -> list[ItemRow]:
    """The company's newest items still present."""
    rows = db.execute(
        "SELECT published_at, title, url FROM items WHERE company = ? AND removed_at IS NULL"
        " ORDER BY COALESCE(published_at, first_seen) DESC LIMIT ?", [slug, limit]).fetchall()
    return [ItemRow(*row) for row in rows]


def company_sources(db: Database, slug: str) -> list[SourceRow]:
    """The company's live sources with their last status."""
    rows = db.execute(
        "SELECT kind, url, status, last_checked_at, error FROM sources WHERE company = ?"
        " AND removed_at IS NULL ORDER BY kind, url", [slug]).fetchall()
    return [SourceRow(*row) for row in rows]


def source_statuses(db: Database) -> dict[str, str]:
    """Source id → last status, for every source the database knows."""
    return {str(r[0]): str(r[1]) for r in db.execute("SELECT id, status FROM sources")}


def outbox_summary(db: Database) -> list[tuple[str, str, int, str | None]]:
    """(channel, state, count, last error) per channel and state of the alert outbox."""
    rows = db.execute(
        "SELECT channel, status, count(*), max(last_error) FROM outbox GROUP BY channel, status"
        " ORDER BY channel, status").fetchall()
    return [(str(c), str(s), int(n), e) for c, s, n, e in rows]


def unrouted_changes(db: Database) -> int:
    """Changes recorded while no alert routing was in force, still waiting for it."""
    return waiting_for_route(db.conn)


def card_origin(db: Database, company: str) -> tuple[str | None, str | None] | None:
    """(as_of, path) of the card last imported for a company, if any."""
    row = db.execute("SELECT as_of, path FROM card_sources WHERE company = ?",
                     [company]).fetchone()
    return (row[0], row[1]) if row else None


def retire_company(db: Database, slug: str, now: str) -> None:
    """Mark a company and its sources removed; their history is kept."""
    with write(db) as conn:
        conn.execute("UPDATE companies SET removed_at = ? WHERE slug = ?", (now, slug))
        conn.execute("UPDATE sources SET removed_at = ? WHERE company = ? AND removed_at IS NULL",
                     (now, slug))


def retire_sources(db: Database, ids: list[str], now: str) -> None:
    """Mark these sources removed; their history is kept."""
    with write(db) as conn:
        conn.executemany("UPDATE sources SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                         [(now, source_id) for source_id in ids])


def rotating_lines(db: Database, slug: str) -> list[tuple[str, str, int]]:
    """(source URL, text, times it came back) of the text a company's sources rotate: lines
    that came back, and lines seen in a rotating slot."""
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT s.url, t.text, t.returns FROM text_lines t JOIN sources s ON s.id = t.source"
        " LEFT JOIN text_slots p ON p.source = t.source AND p.key = t.slot"
        " WHERE s.company = ? AND (t.volatile OR p.volatile)"
        " ORDER BY s.url, t.returns DESC, t.text", [slug])]


def rotating_slots(db: Database, slug: str) -> list[tuple[str, str, str, int, str]]:
    """(source URL, line above, line below, times replaced, when last) of the places on a
    company's pages whose text rotates."""
    return [(r[0], r[1], r[2], r[3], r[4]) for r in db.execute(
        "SELECT s.url, p.before, p.after, p.changes, p.changed_at FROM text_slots p"
        " JOIN sources s ON s.id = p.source WHERE s.company = ? AND p.volatile"
        " ORDER BY s.url, p.changes DESC, p.before", [slug])]


def reset_rotation(db: Database, slug: str) -> tuple[int, int]:
    """Forget what a company's sources learned to rotate (and which people they sample);
    returns how many lines and slots were volatile."""
    within = " AND source IN (SELECT id FROM sources WHERE company = ?)"
    with write(db) as conn:
        lines = conn.execute(
            "UPDATE text_lines SET volatile = 0, returns = 0 WHERE volatile" + within, [slug])
        slots = conn.execute(
            "DELETE FROM text_slots WHERE volatile" + within, [slug])
        conn.execute("UPDATE people_seen SET returns = 0 WHERE returns" + within, [slug])
    return lines.rowcount, slots.rowcount
