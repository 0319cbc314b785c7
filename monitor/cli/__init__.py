"""The ``monitor`` command line: thin click commands over the Python API.

Global options come first: ``monitor --sources PATH --db PATH COMMAND``. Expected user errors
print one line and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import click

from monitor import __version__
from monitor.cli.app import App
from monitor.errors import MonitorError


class Group(click.Group):
    """A click group that turns MonitorError into a one-line message."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; our own errors become ``Error: ...`` and exit status 1."""
        try:
            return super().invoke(ctx)
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="monitor")
@click.option("--sources", "sources_path", envvar="MONITOR_SOURCES", default="sources.yaml",
              show_default=True, type=click.Path(path_type=Path),
              help="The companies and their sources (env MONITOR_SOURCES).")
@click.option("--db", "db_path", envvar="MONITOR_DB", default="db/monitor.db", show_default=True,
              type=click.Path(path_type=Path), help="The SQLite history (env MONITOR_DB).")
@click.option("--alerts", "alerts_path", envvar="MONITOR_ALERTS", default="alerts.yaml",
              show_default=True, type=click.Path(path_type=Path),
              help="Alert routing: channels, categories, digests (env MONITOR_ALERTS).")
@click.option("-v", "--verbose", count=True, help="Log each check (-v) or debug (-vv).")
@click.pass_context
def main(ctx: click.Context, sources_path: Path, db_path: Path, alerts_path: Path,
         verbose: int) -> None:
    """Track companies' websites, feeds, social accounts and news; keep every change.

    \b
    Example:
        monitor add acme --name "ACME Corp" --website https://acme.example/
        monitor check acme
        monitor history acme
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    allow_private = os.environ.get("MONITOR_ALLOW_PRIVATE", "") == "1"
    ctx.obj = App(sources_path=sources_path, db_path=db_path, alerts_path=alerts_path,
                  allow_private=allow_private)
    if allow_private:
        click.echo("note: MONITOR_ALLOW_PRIVATE=1: private and loopback addresses are allowed",
                   err=True)


def _register() -> None:
    from monitor.cli import alerts, cards, checking, companies, daemon, reading, worker

    for module in (companies, checking, reading, daemon, worker, alerts, cards):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
