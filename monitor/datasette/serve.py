"""``monitor serve``: Datasette on the live database, read-only, with the shipped metadata.

Datasette opens the live file ``mode=ro`` (never ``-i``: immutable mode disables locking while
``monitor run`` writes, docs/reliability.md, H4), with an explicit SQL time limit so no reader
holds a snapshot long enough to starve WAL checkpoints. A published snapshot
(``monitor publish``) is the file to serve immutable.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from monitor import datasette as shipped
from monitor.datasette import plugin
from monitor.errors import StoreError
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
def make_datasette(db_path: Path, *, immutable: bool = False,
                   settings: dict[str, Any] | None = None) -> Datasette:
    """A Datasette instance for one monitor database, with the monitor plugin registered."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="monitor")
    name = db_path.stem
    files = [] if immutable else [str(db_path)]
    return Datasette(
        files,
        immutables=[str(db_path)] if immutable else [],
        metadata=shipped.metadata(name),
        template_dir=str(shipped.TEMPLATES),
        static_mounts=[("monitor-static", str(shipped.STATIC))],
        # The live file is never offered for download; a published snapshot is public anyway.
        settings={**SETTINGS, "allow_download": immutable, **(settings or {})},
        secret=os.environ.get("DATASETTE_SECRET") or None,
        cors=False,
    )


def serve(db_path: Path, *, host: str, port: int, immutable: bool = False) -> None:
    """Run Datasette in this process until interrupted."""
    import uvicorn

    if immutable:
        if not db_path.exists():
            raise StoreError(f"{db_path}: no such database file")
    else:
        open_db(db_path).conn.close()  # views exist before Datasette reads the file
    if not os.environ.get("DATASETTE_SECRET"):
        log.info("DATASETTE_SECRET is not set: sign-ins last until the next restart")
    ds = make_datasette(db_path, immutable=immutable)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
