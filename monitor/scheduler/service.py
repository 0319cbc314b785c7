"""Putting the daemon together: lock, database, config, fetcher, alerts, then the loop."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.http import Fetcher, FetchSettings
from monitor.notify import Dispatcher, load_alerts
from monitor.pipeline import Context
from monitor.scheduler.daemon import Daemon, DaemonSettings
from monitor.scheduler.lock import RunLock
from monitor.scheduler.reload import ConfigWatcher
from monitor.scheduler.upkeep import Stats
from monitor.store.db import check_integrity, open_db, utcnow

log = logging.getLogger("monitor.scheduler")

MIGRATE_WAIT_S = 15.0


@dataclass(frozen=True)
class RunOptions:
    """Everything ``monitor run`` was asked to do."""

    db_path: Path
    sources_path: Path
    alerts_path: Path
    fetch: FetchSettings
    settings: DaemonSettings = field(default_factory=DaemonSettings)
    once: bool = False


def open_waiting(db_path: Path, *, wait_s: float = MIGRATE_WAIT_S) -> Database:
    """Open and migrate the database, retrying while another process migrates a new file.

    ``honcho start`` launches the scheduler and Datasette together; on a fresh file both
    migrate, and the one that loses the race sees "table already exists" until the other is
    done. Anything else (a damaged file, say) is reported at once.
    """
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return open_db(db_path)
        except StoreError as exc:
            racing = any(s in str(exc) for s in ("already exists", "database is locked"))
            if not racing or time.monotonic() >= deadline:
                raise
            time.sleep(0.3)


async def run(opts: RunOptions) -> Stats:
    """Hold the lock and run the daemon until a signal (or one round with ``once``)."""
    with RunLock(opts.db_path):
        db = open_waiting(opts.db_path)
        try:
            check_integrity(db)
            watcher = ConfigWatcher(opts.sources_path, db, utcnow,
                                    allow_private=opts.fetch.allow_private)
            watcher.load()
            alerts = load_alerts(opts.alerts_path)
            async with Fetcher(opts.fetch) as fetcher, \
                    Dispatcher(db, alerts, clock=utcnow) as dispatcher:
                ctx = Context(db=db, fetcher=fetcher, clock=utcnow, route=alerts.route)
                daemon = Daemon(ctx, watcher, opts.db_path, opts.settings, alerts=dispatcher.tick)
                stats = await daemon.run(once=opts.once)
        finally:
            db.close()
    log.info("stopped after %d checks (%.1f per minute), %d changes, %d abandoned",
             stats.checks, stats.per_minute(), stats.changes, stats.abandoned)
    return stats
