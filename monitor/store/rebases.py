"""Storing rebases: the extraction version of each source's profile, its last stored page,
and the rebase itself (rows in ``rebases``, the profile it moved to), see ``monitor.rebase``.

A rebase is written in the transaction of the check it came with (``record_in``) or in one of
its own (``monitor rebase``): its rows, the profile and the version stamp land together, so a
crash leaves the old version stamped and the next run rebases again from the same page.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from monitor.models import Fetched, Outcome, Rebase, Source
from monitor.store.queries import ChangeRow

if TYPE_CHECKING:
    from sqlite_utils import Database

    from monitor.store.queries import Reader


@dataclass(frozen=True)
class StoredPage:
    """A source's last stored page (its snapshot) and whether it shows the stored profile.

    ``settled`` is False when that page held a value seen once that vanished on a later check
    (a page kept only for a pending value, followed by a check that extracted): re-read alone,
    it would take that value for the extractor's.
    """

    hash: str
    body: bytes
    content_type: str | None
    settled: bool = True

    def fetched(self, url: str) -> Fetched:
        """The page as an extractor takes it (its redirects were not stored: ``url`` stands in)."""
        headers = {"content-type": self.content_type} if self.content_type else {}
        return Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200, headers=headers,
                       body=self.body)


def stored_version(db: Database, source_id: str) -> str | None:
    """The extraction version the source's profile was read with (None: not known)."""
    row = db.execute("SELECT extraction FROM sources WHERE id = ?", [source_id]).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def last_page(db: Database, source_id: str) -> StoredPage | None:
    """The newest stored page of the source, or None when none is kept."""
    row = db.execute(
        "SELECT c.id, c.changes, s.hash, s.content, s.content_type FROM checks c"
        " JOIN snapshots s ON s.hash = c.snapshot WHERE c.source = ? ORDER BY c.id DESC LIMIT 1",
        [source_id]).fetchone()
    if row is None:
        return None
    check_id, changes, digest, content, content_type = row
    first = db.execute("SELECT min(id) FROM checks WHERE source = ? AND snapshot IS NOT NULL",
                       [source_id]).fetchone()[0]
    later = db.execute("SELECT EXISTS (SELECT 1 FROM checks WHERE source = ? AND id > ?"
                       " AND outcome = 'ok')", [source_id, check_id]).fetchone()[0]
    settled = bool(changes) or check_id == first or not later
    return StoredPage(digest, zlib.decompress(content), content_type, settled)


def due(db: Database, version: str, ids: Sequence[str]) -> list[str]:
    """Of these sources, those with a profile read by another extraction version."""
    stale = {r[0] for r in db.execute(
        "SELECT id FROM sources WHERE baseline_at IS NOT NULL"
        " AND (extraction IS NULL OR extraction != ?)", [version])}
    return [i for i in ids if i in stale]


def write(conn: sqlite3.Connection, source: Source, rebase: Rebase, now: str,
          check_id: int | None = None) -> None:
    """The rebase inside the caller's transaction: its rows, the profile it moved to, the
    version stamp. A stamp alone (``rebase.page`` None) writes only the version."""
    conn.execute("UPDATE sources SET extraction = ? WHERE id = ?", [rebase.version, source.id])
    if rebase.page is None:
        return
    conn.executemany(
        "INSERT INTO rebases (company, source, field, key, change, old, new, category, evidence,"
        " rebased_at, version, was, page, check_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(c.company, c.source, c.field, c.key, c.change.value, c.old, c.new, c.category.value,
          c.evidence or None, now, rebase.version, rebase.was, rebase.page, check_id)
         for c in rebase.changes])
    _facts(conn, source, rebase, now)
    _items(conn, source, rebase, now)
    conn.executemany(
        "INSERT INTO text_lines (source, key, text, returns, present, volatile, position, slot,"
        " since, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(source, key) DO UPDATE SET present = excluded.present,"
        " position = excluded.position, since = excluded.since, last_seen = excluded.last_seen",
        [(source.id, key, line.text, line.returns, line.present, line.volatile, line.position,
          line.slot, line.since, now, now) for key, line in rebase.lines.items()])


def _facts(conn: sqlite3.Connection, source: Source, rebase: Rebase, now: str) -> None:
    from monitor.normalize import identity  # its phone and URL libraries: not for ``history``

    keep = {identity(f) for f in rebase.facts}
    stored = conn.execute("SELECT id, field, subject FROM facts WHERE source = ?",
                          [source.id]).fetchall()
    conn.executemany("DELETE FROM facts WHERE id = ?",
                     [(r[0],) for r in stored if (r[1], r[2]) not in keep])
    conn.executemany(
        "INSERT INTO facts (company, source, field, subject, value, role, first_seen, last_seen,"
        " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, field, subject)"
        " DO UPDATE SET value = excluded.value, role = excluded.role, evidence = excluded.evidence",
        [(source.company, source.id, f.field, identity(f)[1], f.value, f.role, now, now,
          f.evidence) for f in rebase.facts])


def _items(conn: sqlite3.Connection, source: Source, rebase: Rebase, now: str) -> None:
    """Items read anew are kept as seen (never pending: they were on the page already);
    items no longer found are retired quietly, so they would return quietly."""
    positions = {k: s.position for k, s in rebase.state.items.items()}
    conn.executemany(
        "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
        " publisher, links, first_seen, last_seen, category, price, image, details, evidence,"
        " pending, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"
        " ON CONFLICT(source, key) DO UPDATE SET title = excluded.title, url = excluded.url,"
        " price = excluded.price, summary = excluded.summary, position = excluded.position,"
        " removed_at = NULL, retired = 0, misses = 0, pending = 0, candidate = ''",
        [(source.company, source.id, i.key, i.kind, i.title, i.url, i.published_at, i.summary,
          i.publisher, json.dumps(list(i.links)), now, now,
          i.category.value if i.category else None, i.price, i.image,
          json.dumps(dict(i.details), ensure_ascii=False), i.evidence, positions.get(i.key))
         for i in rebase.items])
    conn.executemany(
        "UPDATE items SET removed_at = ?, retired = 1, misses = 0 WHERE source = ? AND key = ?",
        [(now, source.id, key) for key in rebase.retired])


def history(db: Reader, slug: str, *, limit: int = 50) -> list[ChangeRow]:
    """A company's rebase differences, newest first, as change rows marked ``rebase``."""
    rows = db.execute(
        "SELECT r.rebased_at, r.category, r.field, r.key, r.change, r.old, r.new, s.kind, s.url,"
        " r.evidence FROM rebases r JOIN sources s ON s.id = r.source WHERE r.company = ?"
        " ORDER BY r.id DESC LIMIT ?", [slug, limit]).fetchall()
    return [replace(ChangeRow(*row), rebase=True) for row in rows]


__all__ = ["StoredPage", "due", "history", "last_page", "stored_version", "write"]
