"""Commands of the service: ``run`` (the scheduler), ``serve`` (Datasette), ``status``, ``publish``."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import click

from monitor.cli.app import App, app_of
from monitor.clock import utcnow
from monitor.environ import ALLOW_PRIVATE, DATASETTE_URL

DEFAULT_PORT = 8001


def _service_logging() -> None:
    """A daemon speaks at INFO (one line per check) unless -v asked for more."""
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        logging.getLogger("monitor").setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


@click.command("run")
@click.option("--once", is_flag=True, help="Check every source due now, once, then exit.")
@click.option("--serve", "with_web", is_flag=True, help="Also run `monitor serve` (Datasette).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Host for --serve.")
@click.option("--port", default=DEFAULT_PORT, envvar="PORT", show_default=True,
              help="Port for --serve (env PORT).")
@click.option("--tick", default=5.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds between looks for due sources.")
@click.option("--max-running", default=50, show_default=True, type=click.IntRange(1, 1000),
              help="Checks running at once at most.")
@click.option("--host-delay", type=click.FloatRange(0.1, 300), default=None,
              help="Seconds between two requests to one host [default: 1].")
@click.option("--grace", default=20.0, show_default=True, type=click.FloatRange(0, 600),
              help="Seconds running checks get to finish on SIGTERM/SIGINT.")
@click.pass_context
def run_cmd(ctx: click.Context, once: bool, with_web: bool, host: str, port: int, tick: float,
            max_running: int, host_delay: float | None, grace: float) -> None:
    """Run the scheduler: check each source when it is due, record changes, send alerts.

    Reloads sources.yaml when it changes. One `monitor run` per database: a second one
    exits with an error. SIGTERM or Ctrl-C stops it cleanly (twice: at once).

    \b
    Example:
        monitor run
        monitor run --serve --port 8001
        monitor run --once
    """
    from monitor.config.cache import cache_path
    from monitor.scheduler.loading import Preload

    app = app_of(ctx)
    _service_logging()
    fetch = app.fetch_settings()
    environment = app.settings
    if with_web:  # alert links point at the Datasette started here, unless set otherwise
        environment = environment.with_default(DATASETTE_URL, f"http://{host}:{port}/")
    # A big sources.yaml validates in a child process: begun first, it runs while the
    # daemon's own modules are imported and the database opened.
    with Preload(app.sources_path, allow_private=fetch.allow_private, env=environment.env,
                 cache=cache_path(app.db_path)) as config:
        from monitor.scheduler import DaemonSettings, RunOptions, run

        if host_delay is not None:
            fetch = replace(fetch, min_host_delay=host_delay)
        settings = DaemonSettings(tick=tick, max_in_flight=max_running, grace=grace,
                                  keep_checks=app.settings.keep_checks())
        opts = RunOptions(db_path=app.db_path, sources_path=app.sources_path,
                          alerts_path=app.alerts_file, fetch=fetch, settings=settings, once=once,
                          alerts_required=app.alerts_path is not None, fleet=environment.fleet(),
                          environment=environment, config=config)
        web = _start_web(app.db_path, host, port) if with_web else None
        try:
            stats = asyncio.run(run(opts))
        finally:
            if web is not None:
                _stop_web(web)
    if once:
        app.console.print(f"{stats.checks} source(s) checked, {stats.changes} change(s) recorded.")


def _start_web(db_path: Path, host: str, port: int) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "monitor", "--db", str(db_path), "serve", "--host", host,
            "--port", str(port)]
    click.echo(f"Datasette: http://{host}:{port}/", err=True)
    # Datasette fetches nothing: the switch stays with this process, announced once.
    env = {k: v for k, v in os.environ.items() if k != ALLOW_PRIVATE}
    return subprocess.Popen(argv, env=env)


def _stop_web(web: subprocess.Popen[bytes]) -> None:
    if web.poll() is None:
        web.send_signal(signal.SIGTERM)
        try:
            web.wait(timeout=10)
        except subprocess.TimeoutExpired:
            web.kill()
            web.wait()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=DEFAULT_PORT, envvar="PORT", show_default=True,
              help="Port to listen on (env PORT).")
@click.option("--snapshot", type=click.Path(path_type=Path, dir_okay=False),
              help="Serve a file written by `monitor publish` (immutable) instead of the live one.")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, snapshot: Path | None) -> None:
    """Browse the history in Datasette: changes, profiles, timelines, charts, Atom feeds.

    The live database is opened read-only next to a running `monitor run`.

    \b
    Example:
        monitor serve --port 8001
        monitor serve --snapshot public.db
    """
    from monitor.datasette.serve import serve

    app = app_of(ctx)
    path = snapshot or app.db_path
    serve(path, host=host, port=port, immutable=snapshot is not None, announce=lambda: click.echo(
        f"Serving {path} at http://{host}:{port}/  (Ctrl-C to stop)", err=True))


@click.command("status")
@click.option("--company", help="Only this company's sources.")
@click.option("--limit", default=40, show_default=True, help="Rows to show, most urgent first.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (every source).")
@click.pass_context
def status_cmd(ctx: click.Context, company: str | None, limit: int, as_json: bool) -> None:
    """Source health: running, failing, blocked, due; last check and last change.

    \b
    Example:
        monitor status
        monitor status --company ispace --json
    """
    from monitor.cli.output import print_json, print_rows, say
    from monitor.fetch.browser import render_status
    from monitor.scheduler import holder
    from monitor.scheduler.status import counts, relative, source_states

    app = app_of(ctx)
    pid = holder(app.db_path)
    now = utcnow()
    states = source_states(app.reader(), now, daemon_running=pid is not None, company=company)
    if as_json:
        print_json({"daemon": {"running": pid is not None, "pid": pid if pid and pid > 0 else None},
                    "counts": dict(counts(states)), "rendering": render_status(app.settings.env),
                    "fleet": _fleet_line(app),
                    "sources": [asdict(s) for s in states]})
        return
    running = f"running (pid {pid})" if pid and pid > 0 else "running" if pid else "not running"
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts(states).items())) or "no sources"
    say(app, f"monitor run: {running}. Sources: {summary}.")
    say(app, render_status(app.settings.env))
    from monitor.store import queries

    if waiting := queries.unrouted_changes(app.reader()):
        say(app, f"{waiting} change(s) have no alert route yet: no alerts file was in force when"
                 f" they were recorded ({app.alerts_file}); they are queued when `monitor notify`"
                 " or `monitor run` runs with one.")
    fleet = _fleet_line(app)
    if fleet:
        say(app, fleet)
    if not states:
        return
    rows = [(s.company, s.kind, s.state, relative(s.next_due_at, now),
             relative(s.last_checked_at, now), relative(s.last_change_at, now),
             str(s.failures or ""), s.url if not s.error or s.state == "ok" else f"{s.url} {s.error}")
            for s in states[:limit]]
    print_rows(app, ("company", "kind", "state", "next check", "last check", "last change",
                     "fails", "url / error"), rows)
    if len(states) > limit:
        say(app, f"… and {len(states) - limit} more (--limit).")


def _fleet_line(app: App) -> str | None:
    """With MONITOR_BROKER_URL: queue depth, live workers, answers waiting."""
    fleet = app.settings.fleet()
    if fleet is None:
        return None
    from monitor.fleet import BrokerError
    from monitor.fleet.status import fleet_status  # the redis client: only with a broker

    try:
        return fleet_status(fleet).line()
    except BrokerError as exc:  # the sources' health is still worth showing
        return f"Fleet: {exc}."


@click.command("publish")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the public snapshot.")
@click.option("--screenshots", is_flag=True,
              help="Include the before/after screenshots of changes on rendered pages.")
@click.option("--redact", "redact", multiple=True, metavar="PARAM",
              envvar="MONITOR_PUBLISH_REDACT",
              help="Another URL query parameter to redact (api_key, key, token, sig, password"
                   " and the like always are); env MONITOR_PUBLISH_REDACT, space-separated.")
@click.pass_context
def publish_cmd(ctx: click.Context, out: Path, screenshots: bool, redact: tuple[str, ...]) -> None:
    """Write a public snapshot: only publishable tables, ready for `datasette -i` or publish.

    Alerts, pending values, raw captures, check errors and bookkeeping are left out, and
    screenshots unless --screenshots asks for them.

    \b
    Example:
        monitor publish --out public.db
        datasette -i public.db
    """
    from monitor.datasette.publish import publish

    app = app_of(ctx)
    app.db()  # migrated, so the views exist in the copy
    report = publish(app.db_path, out, screenshots=screenshots, redact=redact)
    rows = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    app.console.print(f"Wrote {report.path} ({report.bytes / 1e6:.1f} MB): {rows}; "
                      f"{len(report.views)} views.", markup=False)
    app.console.print(f"Left out: {', '.join(report.dropped)}.", markup=False)


COMMANDS: tuple[click.Command, ...] = (run_cmd, serve_cmd, status_cmd, publish_cmd)
