"""Keeping screenshots of rendered pages: the latest few per source, and those of changes.

A screenshot is stored once per content hash, like a snapshot. Each rendered check files its
picture under the source; when the check records changes, each change gets the picture of
now ("after") and that of the last check before the new value was first seen ("before":
``confirm`` checks back, since a value is recorded on its ``confirm``-th sighting). A page
read without the browser is pictured only when it records a change: its "before" is then
the picture of its previous change, the page as it stood since. Such a picture may be taken
after its check was recorded (``monitor.pictures``) and filed then, under that check's time.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence

from monitor.models import Category, Change, CheckResult, Outcome, Render, Source

MEDIA_TYPE = "image/png"


def keep(conn: sqlite3.Connection, result: CheckResult, changes: Sequence[tuple[int, Change]],
         now: str) -> None:
    """File the check's screenshot (if any) and pair it with its changes, in the caller's
    transaction."""
    shot = result.fetched.render
    if shot is None or not shot.screenshot or result.outcome not in (Outcome.OK, Outcome.UNCHANGED):
        return  # a wall or a failed page is no picture of the company's page
    ids = [cid for cid, change in changes if change.category is not Category.HEALTH]
    _file(conn, result.source, shot, ids, now)


def keep_later(conn: sqlite3.Connection, source: Source, shot: Render, check_id: int,
               now: str) -> bool:
    """File the picture of a page whose check was recorded before it was taken (``now``: that
    check's time) and pair it with that check's changes; False when there is nothing to file."""
    ids = [r[0] for r in conn.execute("SELECT id FROM changes WHERE check_id = ? AND category != ?",
                                      (check_id, Category.HEALTH.value))]
    if not shot.screenshot or not ids:
        return False
    _file(conn, source, shot, ids, now)
    return True


def _file(conn: sqlite3.Connection, source: Source, shot: Render, change_ids: Sequence[int],
          now: str) -> None:
    sid, confirm = source.id, max(1, source.confirm)
    digest = hashlib.sha256(shot.screenshot).hexdigest()
    conn.execute(
        "INSERT OR IGNORE INTO screenshots (hash, image, media_type, width, height, bytes, boxes,"
        " first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (digest, shot.screenshot, MEDIA_TYPE, shot.width, shot.height, len(shot.screenshot),
         shot.boxes, now))
    before = conn.execute(
        "SELECT hash FROM source_shots WHERE source = ? AND taken_at < ?"
        " ORDER BY taken_at DESC LIMIT 1 OFFSET ?",
        (sid, now, 0 if shot.on_change else confirm - 1)).fetchone()
    conn.execute("INSERT OR REPLACE INTO source_shots (source, taken_at, hash) VALUES (?, ?, ?)",
                 (sid, now, digest))
    conn.executemany(
        "INSERT OR REPLACE INTO change_shots (change_id, before, after) VALUES (?, ?, ?)",
        [(cid, before[0] if before else None, digest) for cid in change_ids])
    _prune(conn, sid, keep_last=confirm + 1)


def _prune(conn: sqlite3.Connection, source: str, *, keep_last: int) -> None:
    """Drop the source's pictures past its window, and images nothing refers to any more."""
    old = [r[0] for r in conn.execute(
        "SELECT hash FROM source_shots WHERE source = ? ORDER BY taken_at DESC LIMIT -1 OFFSET ?",
        (source, keep_last))]
    if not old:
        return
    conn.execute(
        "DELETE FROM source_shots WHERE source = ? AND taken_at NOT IN (SELECT taken_at FROM"
        " source_shots WHERE source = ? ORDER BY taken_at DESC LIMIT ?)",
        (source, source, keep_last))
    conn.executemany(
        "DELETE FROM screenshots WHERE hash = ?"
        " AND NOT EXISTS (SELECT 1 FROM source_shots WHERE hash = ?1)"
        " AND NOT EXISTS (SELECT 1 FROM change_shots WHERE before = ?1 OR after = ?1)",
        [(h,) for h in set(old)])
