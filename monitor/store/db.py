"""Opening the database: pragmas, migrations, explicit write transactions, time stamps."""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.store.schema import migrations

BUSY_TIMEOUT_MS = 10_000


def open_db(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the SQLite file in WAL mode with a busy timeout, migrated."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        if migrate:
            with _migration_lock(path):
                migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open database: {exc}; if the file is damaged, "
                         "restore the latest backup") from exc
    return db


@contextmanager
def _migration_lock(path: Path) -> Iterator[None]:
    """Two processes opening a new file at once (honcho starts both) migrate one after the other."""
    if str(path) == ":memory:":
        yield
        return
    with open(f"{path}.migrate.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_integrity(db: Database) -> None:
    """Refuse a damaged database with a clear error instead of repairing it silently (F11)."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"database is damaged: {exc}; restore the latest backup") from exc
    if rows != [("ok",)]:
        raise StoreError(f"database is damaged: {rows[0][0]}; restore the latest backup")


@contextmanager
def write(db: Database) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` write transaction: all of it lands, or none of it."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # inside the guard: a COMMIT that fails must not leave it open
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
