"""``monitor publish``: a public snapshot holding only the publishable tables (H1).

``VACUUM INTO`` copies a consistent snapshot of the live file without stopping the writer.
The copy then loses every table not on the allowlist (outbox, pending, snapshots, checks,
metric marks, migration bookkeeping, and any table added later until someone decides it is
public), the operational text of sources and the monitor's own health changes; a final
VACUUM rewrites the file so nothing dropped survives in free pages. Datasette's ``allow``
blocks do not stop SQL, so what must stay private must not be in the file at all.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from monitor.errors import StoreError
from monitor.redact import redact_urls
from monitor.store import weeks

# ``rebases``: what an upgraded extractor read differently on a stored page, and so moved the
# published profile without a change row; values of the same public pages as ``changes``, so
# the snapshot's facts and items are accounted for by its own history. The week tables count
# the public changes.
PUBLIC_TABLES = ("companies", "sources", "facts", "items", "changes", "metrics", "rebases",
                 "change_weeks", "company_weeks", "company_changes")
# Pictures of the companies' pages: public pages, but heavy; kept only when asked for.
SCREENSHOT_TABLES = ("change_shots", "screenshots")
FTS_TABLES = ("items_fts", "changes_fts")
# Columns of kept tables that hold operational detail (errors can name internal addresses).
SCRUB = {"sources": ("error", "detail", "etag", "last_modified", "body_hash", "raw_hash",
                     "claimed_at"),
         "rebases": ("check_id",)}


@dataclass(frozen=True)
class PublishReport:
    """What the snapshot holds."""

    path: Path
    tables: dict[str, int]  # table → rows
    views: tuple[str, ...]
    dropped: tuple[str, ...]
    bytes: int


def publish(live: Path, out: Path, *, screenshots: bool = False,
            redact: Iterable[str] = ()) -> PublishReport:
    """Write the public snapshot of ``live`` to ``out`` (replaced atomically); the before/after
    screenshots of changes only with ``screenshots``.

    Credential-like query parameters in every text of the copy are redacted (``api_key``,
    ``token``, ``sig``, … and the names in ``redact``).
    """
    if not live.exists():
        raise StoreError(f"{live}: no such database file")
    if out.resolve() == live.resolve():
        raise StoreError(f"{out}: refusing to overwrite the live database")
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{live}?mode=ro", uri=True, timeout=10)
    try:
        src.execute("VACUUM INTO ?", [str(tmp)])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{live}: cannot copy: {exc}") from exc
    finally:
        src.close()
    try:
        report = _strip(tmp, PUBLIC_TABLES + (SCREENSHOT_TABLES if screenshots else ()),
                        tuple(redact))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, out)
    return PublishReport(out, report[0], report[1], report[2], out.stat().st_size)


def _strip(path: Path, public: tuple[str, ...], redact: tuple[str, ...]
           ) -> tuple[dict[str, int], tuple[str, ...], tuple[str, ...]]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, servable with -i
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN")
        for name in _names(conn, "trigger"):
            conn.execute(f'DROP TRIGGER "{name}"')  # a read-only snapshot needs none
        dropped = [n for n in _names(conn, "table") if not _public(n, public)]
        for name in sorted(dropped, key=lambda n: "_fts_" in n):  # FTS parents drop shadows
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        _redact(conn, redact)  # before _scrub, which rebuilds the full-text indexes
        _scrub(conn)
        if "screenshots" in public and "screenshots" in _names(conn, "table"):
            conn.execute("DELETE FROM screenshots WHERE hash NOT IN (SELECT after FROM"
                         " change_shots UNION SELECT before FROM change_shots)")
        views = _working_views(conn)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise StoreError(f"{path}: snapshot failed its integrity check: {check}")
        tables = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for t in public if t in _names(conn, "table")}
        return tables, tuple(views), tuple(sorted(dropped))
    finally:
        conn.close()


def _public(name: str, public: tuple[str, ...]) -> bool:
    return name in public or any(name == f or name.startswith(f + "_") for f in FTS_TABLES)


def _names(conn: sqlite3.Connection, kind: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", [kind])]


def _scrub(conn: sqlite3.Connection) -> None:
    tables = _names(conn, "table")
    for table, columns in SCRUB.items():
        if table in tables:  # a database from before a table was added
            sets = ", ".join(f'"{c}" = NULL' for c in columns)
            conn.execute(f'UPDATE "{table}" SET {sets}')
    if "rebases" in tables:
        conn.execute("UPDATE rebases SET page = ''")  # the hash of a stored page, not published
    conn.execute("DELETE FROM changes WHERE category = 'health'")  # our monitoring, not theirs
    if set(weeks.TABLES) <= set(tables):
        weeks.fill(conn)  # the triggers that would have counted them out are gone
    for fts in FTS_TABLES:
        if fts in _names(conn, "table"):
            conn.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


def _redact(conn: sqlite3.Connection, extra: tuple[str, ...]) -> None:
    """Credentials in URLs (a feed's ``?api_key=``, a bridge option's ``?key=``) never publish."""
    conn.create_function("redact_urls", 1, lambda t: redact_urls(t, extra) if isinstance(t, str)
                         else t, deterministic=True)
    for table in PUBLIC_TABLES:
        if table not in _names(conn, "table"):
            continue
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                   if (r[2] or "").upper() == "TEXT"]
        for column in columns:
            conn.execute(f'UPDATE "{table}" SET "{column}" = redact_urls("{column}")'
                         f' WHERE "{column}" LIKE ?', ["%://%"])


def _working_views(conn: sqlite3.Connection) -> Iterable[str]:
    """Keep the views that still work; drop any that read a table that is gone."""
    kept = []
    for name in _names(conn, "view"):
        try:
            conn.execute(f'SELECT * FROM "{name}" LIMIT 0').fetchall()
            kept.append(name)
        except sqlite3.OperationalError:
            conn.execute(f'DROP VIEW "{name}"')
    return kept
