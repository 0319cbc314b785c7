"""Opening the database: pragmas, migrations, explicit write transactions, time stamps."""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.errors import StoreError

# sqlite-utils and the schema are imported by the functions that use them: a command reading a
# few rows through ``read_connection`` loads neither (about 50 ms of each such process).
if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000
SYNC_NORMAL = 1  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def open_db(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the SQLite file in WAL mode with a busy timeout, migrated."""
    from monitor.store.schema import migrations
    from monitor.store.scripts import ScriptDatabase

    path = Path(path)
    try:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = ScriptDatabase(conn, execute_plugins=False)
        if migrate:
            with _migration_lock(path):
                migrations.apply(db)
    except (sqlite3.DatabaseError, OSError) as exc:
        raise StoreError(f"{path}: cannot open the database for writing: {_why(path, exc)}") from exc
    return db


def statements(sql: str) -> Iterator[str]:
    """The complete statements of a script, in order (a ``;`` inside a string, comment or
    trigger body does not end one: ``sqlite3.complete_statement`` decides)."""
    start = 0
    end = sql.find(";")
    while end >= 0:
        if sqlite3.complete_statement(sql[start:end + 1]):
            if statement := sql[start:end + 1].strip():
                yield statement
            start = end + 1
        end = sql.find(";", end + 1)
    if rest := sql[start:].strip():
        yield rest


def open_reader(path: Path | str) -> Database:
    """Open an existing database for reading only: works on a read-only disk or mount.

    A file that does not exist yet, or still lacks migrations while it can be written, is
    opened as a writer would (created, migrated) so a first ``monitor list`` just works.
    """
    from monitor.store.schema import migrations

    path = Path(path)
    if str(path) == ":memory:" or not path.exists():
        return open_db(path)
    try:
        db = _read_only(path)
        pending = migrations.pending(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot read the database: {_why(path, exc)}") from exc
    if pending and _writable(path):
        db.close()
        return open_db(path)
    return db


def read_connection(path: Path | str) -> sqlite3.Connection | None:
    """An existing file opened read-only as a bare connection, without sqlite-utils or the
    schema, for a command that reads a few rows; None when there is no file to read, or it
    cannot be opened (then ``open_reader`` says why). Its migrations are not checked: a query
    that meets an older schema raises ``sqlite3.OperationalError``, and the caller reads again
    through ``open_reader``, which migrates a file it can write."""
    path = Path(path)
    if str(path) == ":memory:" or not path.exists():
        return None
    try:
        return _read_only_connection(path)
    except sqlite3.DatabaseError:
        return None


def _read_only(path: Path) -> Database:
    """The file read-only, as sqlite-utils' ``Database`` (no plugins: monitor's SQL uses none,
    and looking them up scans every installed package's metadata)."""
    from sqlite_utils import Database

    return Database(_read_only_connection(path), execute_plugins=False)


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """``mode=ro``; where even the WAL index cannot be created (read-only mount), immutable."""
    uri = path.resolve().as_uri()
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(f"{uri}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA query_only = ON")
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if flags.endswith("immutable=1"):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _why(path: Path, exc: BaseException) -> str:
    """What is wrong, in words that lead to the fix (a damaged file is only one cause)."""
    text = str(exc)
    denied = isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    if denied or "readonly" in text or "read-only" in text or (path.exists() and not _writable(path)):
        return (f"{text}; the file or its directory is read-only. Readers (list, status, "
                "history, show) still work; to record, make it writable or use --db elsewhere")
    if isinstance(exc, OSError) or "unable to open" in text:
        return f"{text}; check that the path exists and that this user may use it"
    if "locked" in text or "busy" in text:
        return f"{text}; another process holds the database; try again when it is done"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{text}; the file is damaged: restore the latest backup"
    return text


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
def write(db: Database, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` write transaction: all of it lands, or none of it.

    ``durable=False`` is for bookkeeping that a power loss may take back without harm (a
    check's claim mark, a robots.txt answer kept as a cache): its commit skips the fsync
    (``synchronous = NORMAL`` for that transaction; in WAL mode a process crash still loses
    nothing), and the next durable commit syncs it along with its own pages.
    """
    conn = db.conn
    level = _relaxed(conn) if not durable else None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")  # inside the guard: a COMMIT that fails must not leave it open
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        if level is not None:
            conn.execute(f"PRAGMA synchronous = {level}")


def _relaxed(conn: sqlite3.Connection) -> int | None:
    """Commit without fsync from now on; the level to restore (None: it syncs no more anyway)."""
    level = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    if level <= SYNC_NORMAL:
        return None
    conn.execute(f"PRAGMA synchronous = {SYNC_NORMAL}")
    return level
