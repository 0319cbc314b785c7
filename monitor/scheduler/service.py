"""Putting the daemon together: lock, database, config, fetcher, alerts, then the loop."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from monitor.clock import utcnow
from monitor.fetch.client import FetchSettings
from monitor.notify import Dispatcher, load_alerts
from monitor.pipeline import checking
from monitor.scheduler.daemon import Daemon, DaemonSettings
from monitor.scheduler.lock import RunLock
from monitor.scheduler.reload import ConfigWatcher
from monitor.scheduler.upkeep import Stats
from monitor.store.db import check_integrity, open_db
from monitor.workers.crashpoints import crash_hook_from_env

log = logging.getLogger("monitor.scheduler")


@dataclass(frozen=True)
class RunOptions:
    """Everything ``monitor run`` was asked to do."""

    db_path: Path
    sources_path: Path
    alerts_path: Path
    fetch: FetchSettings
    settings: DaemonSettings = field(default_factory=DaemonSettings)
    once: bool = False
    alerts_required: bool = False  # named explicitly: a missing file is an error


async def run(opts: RunOptions) -> Stats:
    """Hold the lock and run the daemon until a signal (or one round with ``once``)."""
    with RunLock(opts.db_path):
        db = open_db(opts.db_path)
        try:
            check_integrity(db)
            watcher = ConfigWatcher(opts.sources_path, db, utcnow,
                                    allow_private=opts.fetch.allow_private)
            watcher.load()
            alerts = load_alerts(opts.alerts_path, required=opts.alerts_required)
            crash = crash_hook_from_env()
            async with checking(db, opts.fetch, route=alerts.router, crash=crash) as ctx, \
                    Dispatcher(db, alerts, clock=utcnow, crash=crash) as dispatcher:
                daemon = Daemon(ctx, watcher, opts.db_path, opts.settings, alerts=dispatcher.tick)
                stats = await daemon.run(once=opts.once)
        finally:
            db.close()
    log.info("stopped after %d checks (%.1f per minute), %d changes, %d abandoned",
             stats.checks, stats.per_minute(), stats.changes, stats.abandoned)
    return stats
