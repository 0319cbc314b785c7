"""``monitor serve``: Datasette on the live database, read-only, with the shipped metadata.

Datasette opens the live file ``mode=ro`` (never ``-i``: immutable mode disables locking while
``monitor run`` writes, docs/reliability.md, H4), with an explicit SQL time limit so no reader
holds a snapshot long enough to starve WAL checkpoints. A published snapshot
(``monitor publish``) is the file to serve immutable.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from monitor import datasette as shipped
from monitor.datasette import bounded, plugin
from monitor.datasette.kept import KeptSchemaDatabase
from monitor.errors import MonitorError, StoreError
from monitor.store.db import open_db

log = logging.getLogger("monitor.datasette.serve")

SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 1000,  # R33: kill long queries; keep reader snapshots short
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 200,
    "default_page_size": 50,
    "suggest_facets": False,  # suggestion queries on every table page cost more than they help
    "truncate_cells_html": 400,
}
STOCK_ERROR_HANDLER = "datasette.handle_exception"
FEED_ESCAPED_BY = "m011_history_reads"  # the migration whose change_feed escapes every value


class MonitorDatasette(Datasette):  # type: ignore[misc]
    """Datasette with each table's permission rules read once, and its schema answers kept
    per schema version (``monitor.datasette.kept``).

    Datasette 0.65.5 deep-copies the whole metadata for every table it checks a permission
    on, and its home page checks every table and view twice: with the shipped metadata (a
    description per column) that copying was most of the home page's time. The metadata is
    fixed for the life of the app, so each (database, table) answer is kept.
    """

    def add_database(self, db: Database, name: str | None = None, route: str | None = None
                     ) -> Database:
        """Every database Datasette opens keeps its schema answers (same object, same state:
        only its schema questions are answered differently)."""
        if type(db) is Database:
            db.__class__ = KeptSchemaDatabase
        return super().add_database(db, name=name, route=route)

    async def _refresh_schemas(self) -> None:
        # Datasette reads each database's schema_version at the start of every page and
        # compares it with its internal catalogue (one more round trip): the versions are
        # kept here, and the catalogue is rebuilt by Datasette only when one moved.
        seen = {name: (await db.execute("PRAGMA schema_version")).first()[0]
                for name, db in self.databases.items()}
        known: dict[str, int] = self.__dict__.setdefault("_monitor_versions", {})
        if seen != known or not self.internal_db_created:
            await super()._refresh_schemas()
            known.clear()
            known.update(seen)
        for name, db in self.databases.items():
            if isinstance(db, KeptSchemaDatabase):
                db.schema_version = seen.get(name)

    def _table_permission_allows(self, database: str, table: str) -> Any:
        kept: dict[tuple[str, str], Any] = self.__dict__.setdefault("_monitor_allows", {})
        if (database, table) not in kept:
            kept[(database, table)] = super()._table_permission_allows(database, table)
        return kept[(database, table)]


def make_datasette(db_path: Path, *, immutable: bool = False,
                   settings: dict[str, Any] | None = None) -> Datasette:
    """A Datasette instance for one monitor database, with the monitor plugin registered."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="monitor")
    # Table search bounded to the newest matches: Datasette's own filters give way to ours.
    stock_filters = pm.get_plugin(bounded.REPLACED)
    if stock_filters is not None:
        pm.unregister(stock_filters)
    if not pm.is_registered(bounded):
        pm.register(bounded, name="monitor.bounded")
    # Every handle_exception hook runs, and the stock one fails under rich 13+ (see
    # monitor.datasette.errors): ours replaces it.
    stock = pm.get_plugin(STOCK_ERROR_HANDLER)
    if stock is not None:
        pm.unregister(stock)
    name = db_path.stem
    files = [] if immutable else [str(db_path)]
    metadata = shipped.metadata(name)
    if not escapes_feed_html(db_path):
        # A snapshot published before m011 has a change_feed view that leaves some values raw:
        # its feeds keep datasette-atom's sanitizer.
        metadata["plugins"]["datasette-atom"]["allow_unsafe_html_in_canned_queries"] = {}
    return MonitorDatasette(
        files,
        immutables=[str(db_path)] if immutable else [],
        metadata=metadata,
        template_dir=str(shipped.TEMPLATES),
        static_mounts=[("monitor-static", str(shipped.STATIC))],
        # The live file is never offered for download; a published snapshot is public anyway.
        settings={**SETTINGS, "allow_download": immutable, **(settings or {})},
        secret=os.environ.get("DATASETTE_SECRET") or None,
        cors=False,
    )


def escapes_feed_html(db_path: Path) -> bool:
    """True when the file's change_feed view escapes every value of its entry HTML (m011)."""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'monitor'"
                            " AND name = ?", [FEED_ESCAPED_BY]).fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or one clear line: "port 8011 is in use".

    The server is handed this socket, so nothing is announced before the port is ours and no
    other process can take it in between.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as exc:
        raise MonitorError(f"cannot listen on {host}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    # As uvicorn does: a restart may reuse a port in TIME_WAIT; a live listener still refuses.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise MonitorError(f"port {port} is in use (on {host}); choose another with --port "
                               "or PORT") from None
        raise MonitorError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


def serve(db_path: Path, *, host: str, port: int, immutable: bool = False,
          announce: Callable[[], None] | None = None) -> None:
    """Run Datasette in this process until interrupted; ``announce`` is called once the
    database is readable and the port is bound, just before serving starts."""
    import uvicorn

    if immutable:
        if not db_path.exists():
            raise StoreError(f"{db_path}: no such database file")
    else:
        open_db(db_path).conn.close()  # views exist before Datasette reads the file
    if not os.environ.get("DATASETTE_SECRET"):
        log.info("DATASETTE_SECRET is not set: sign-ins last until the next restart")
    ds = make_datasette(db_path, immutable=immutable)
    sock = listen(host, port)
    if announce:
        announce()
    config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on", workers=1)
    uvicorn.Server(config).run(sockets=[sock])
