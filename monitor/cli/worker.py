"""``monitor worker``: one fetch worker of a fleet (Dramatiq on Redis)."""

from __future__ import annotations

import signal
import threading

import click

from monitor.cli.app import app_of
from monitor.cli.daemon import _service_logging
from monitor.errors import MonitorError


@click.command("worker")
@click.option("--concurrency", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Checks this worker runs at once.")
@click.option("--parsers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Parser processes (extraction runs isolated in them).")
@click.pass_context
def worker_cmd(ctx: click.Context, concurrency: int, parsers: int) -> None:
    """Fetch and extract checks sent by a `monitor run` with the same MONITOR_BROKER_URL.

    Run any number, on any machine that reaches Redis and the web. A worker never opens the
    database and never needs alert settings. Politeness (MONITOR_MIN_HOST_DELAY, robots.txt
    Crawl-delay, Retry-After) holds across all workers. SIGTERM or Ctrl-C stops it after the
    checks in hand.

    \b
    Example:
        MONITOR_BROKER_URL=redis://10.0.0.5:6379/0 monitor worker --concurrency 16
    """
    from monitor.fleet.worker import FleetWorker, run_worker
    from monitor.workers import PoolSettings

    app = app_of(ctx)
    _service_logging()
    own = app.settings.for_workers()  # a worker never holds the alert secrets
    settings = own.fleet()
    if settings is None:
        raise MonitorError("monitor worker needs MONITOR_BROKER_URL (e.g. redis://host:6379/0), "
                           "the same as the scheduler's")
    worker = FleetWorker(settings, own.fetch(), concurrency=concurrency,
                         pool=PoolSettings(workers=parsers))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    run_worker(worker, stop)
    click.echo(f"worker stopped: {worker.answered} check(s) answered.", err=True)


COMMANDS: tuple[click.Command, ...] = (worker_cmd,)
