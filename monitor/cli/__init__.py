"""The ``monitor`` command line: thin click commands over the Python API.

Global options come first: ``monitor --sources PATH --db PATH COMMAND``. Expected user errors
print one line and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import click

from monitor import __version__
from monitor.cli.app import App
from monitor.environ import ALLOW_PRIVATE
from monitor.errors import MonitorError
from monitor.settings import Settings


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
@click.option("--alerts", "alerts_path", envvar="MONITOR_ALERTS", default=None,
              type=click.Path(path_type=Path),
              help="Alert routing: channels, categories, digests (env MONITOR_ALERTS;"
                   " default: alerts.yaml next to sources.yaml).")
@click.option("-v", "--verbose", count=True, help="Log each check (-v) or debug (-vv).")
@click.pass_context
def main(ctx: click.Context, sources_path: Path, db_path: Path, alerts_path: Path | None,
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
    settings = Settings.from_env()  # the one read of the environment
    ctx.obj = App(sources_path=sources_path, db_path=db_path, alerts_path=alerts_path,
                  settings=settings)
    if settings.allow_private:  # the one announcement of the command
        click.echo(f"note: {ALLOW_PRIVATE} is on: private and loopback addresses are allowed",
                   err=True)


# Which module holds each command: a command's module is imported only when it runs (or
# when --help lists them), so `monitor --version` loads neither httpx nor rich nor the schema.
COMMAND_MODULES: dict[str, str] = {
    "list": "reading", "kinds": "companies", "add": "companies", "remove": "companies",
    "check": "checking", "extract": "checking",
    "history": "reading", "show": "reading",
    "run": "daemon", "serve": "daemon", "status": "daemon", "publish": "daemon",
    "worker": "worker",
    "notify": "alerts",
    "import": "cards", "review": "cards", "export": "cards",
    "prune": "history",
    "rebase": "rebasing",
}


class LazyCommands(MutableMapping[str, click.Command]):
    """``Group.commands`` that imports a command's module the first time it is looked up."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module = importlib.import_module(f"monitor.cli.{self._modules[name]}")
            for command in module.COMMANDS:
                self._loaded.setdefault(command.name, command)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._modules.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


main.commands = LazyCommands(COMMAND_MODULES)

__all__ = ["main"]
