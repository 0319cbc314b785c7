"""Putting the daemon together: lock, database, config, fetcher, alerts, then the loop."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from monitor import startup
from monitor.clock import utcnow
from monitor.config.cache import cache_path
from monitor.fetch.client import FetchSettings
from monitor.fleet.settings import FleetSettings
from monitor.notify import AlertConfig, Dispatcher, load_alerts
from monitor.pipeline import Context, checking
from monitor.scheduler.daemon import Daemon, DaemonSettings
from monitor.scheduler.loading import Preload
from monitor.scheduler.lock import RunLock
from monitor.scheduler.reload import ConfigWatcher
from monitor.scheduler.upkeep import Stats
from monitor.settings import Settings
from monitor.store.db import check_integrity, open_db
from monitor.store.record import CrashHook

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
    fleet: FleetSettings | None = None  # MONITOR_BROKER_URL: checks go to `monitor worker`s
    environment: Settings = field(default_factory=Settings.from_env)  # the command's settings
    config: Preload | None = None  # the load of sources.yaml, begun before the imports


async def run(opts: RunOptions) -> Stats:
    """Hold the lock and run the daemon until a signal (or one round with ``once``)."""
    with RunLock(opts.db_path):
        db = open_db(opts.db_path)
        try:
            check_integrity(db)
            watcher = ConfigWatcher(opts.sources_path, db, utcnow,
                                    allow_private=opts.fetch.allow_private,
                                    env=opts.environment.env, cache=cache_path(opts.db_path))
            alerts = load_alerts(opts.alerts_path, required=opts.alerts_required)
            crash = opts.environment.crash_points()
            if opts.fleet is not None:  # scheduler + only writer; workers fetch (monitor.fleet)
                watcher.load(opts.config)
                startup.settled(collect=True)  # the config and the alerts are loaded
                return await _run_fleet(opts, db, watcher, alerts, crash)
            # Parser workers start beside a load that takes seconds; else with the first page
            # (after an outage most pages are 304s and unchanged: nothing to parse at first).
            warm = opts.config is not None and opts.config.in_child
            async with checking(db, opts.fetch, route=alerts.router, crash=crash,
                                settings=opts.environment, warm=warm) as ctx, \
                    Dispatcher(db, alerts, clock=utcnow, crash=crash,
                               env=opts.environment.env) as dispatcher:
                await asyncio.to_thread(watcher.load, opts.config)
                startup.settled(collect=True)  # the config and the alerts are loaded
                daemon = Daemon(ctx, watcher, opts.db_path, opts.settings, alerts=dispatcher.tick)
                stats = await daemon.run(once=opts.once)
        finally:
            db.close()
    _stopped(stats)
    return stats


async def _run_fleet(opts: RunOptions, db: Database, watcher: ConfigWatcher, alerts: AlertConfig,
                     crash: CrashHook) -> Stats:
    """The daemon as the fleet's scheduler and only writer."""
    from monitor.fleet.writer import FleetRunner

    assert opts.fleet is not None
    ctx = Context(db=db, fetcher=FleetRunner.stand_in(), clock=utcnow, route=alerts.router,
                  crash=crash)
    async with FleetRunner(opts.fleet, ctx, watcher) as runner, \
            Dispatcher(db, alerts, clock=utcnow, crash=crash,
                       env=opts.environment.env) as dispatcher:
        daemon = Daemon(ctx, watcher, opts.db_path, opts.settings, alerts=dispatcher.tick,
                        runner=runner)
        stats = await daemon.run(once=opts.once)
    _stopped(stats)
    return stats


def _stopped(stats: Stats) -> None:
    log.info("stopped after %d checks (%.1f per minute), %d changes, %d abandoned",
             stats.checks, stats.per_minute(), stats.changes, stats.abandoned)
