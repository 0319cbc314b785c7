"""What every command shares: paths, the settings, the loaded config, the database.

Heavy modules (the config schema, the fetch stack, sqlite-utils, rich) are imported when a
command first asks for them, so ``monitor --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from monitor import startup
from monitor.settings import Settings

if TYPE_CHECKING:
    import sqlite3

    from rich.console import Console
    from sqlite_utils import Database

    from monitor.cli.plain import PlainConsole
    from monitor.config import Config
    from monitor.fetch.client import FetchSettings
    from monitor.notify import AlertConfig

startup.begin()  # every command starts here: collections wait until it has settled


@dataclass
class App:
    """The CLI's shared state, built once from the global options."""

    sources_path: Path
    db_path: Path
    alerts_path: Path | None = None  # None: alerts.yaml next to sources.yaml, if it exists
    settings: Settings = field(default_factory=Settings)  # read once, at the command's start
    _console: Console | PlainConsole | None = None
    _config: Config | None = None
    _db: Database | None = None
    _reader: Database | None = None  # read-only; never handed out as the writer

    @property
    def console(self) -> Console:
        """Where commands print: rich on a terminal, plain unwrapped lines in a pipe."""
        if self._console is None:
            from monitor.cli.plain import PlainConsole, plain_stdout

            if plain_stdout():  # rich prints no styles here: plain lines, rich loaded on need
                self._console = PlainConsole(highlight=False, soft_wrap=True)
            else:
                from rich.console import Console

                self._console = Console(highlight=False, soft_wrap=True)
        return self._console  # type: ignore[return-value]  # PlainConsole: Console's subset, rich for the rest

    @property
    def allow_private(self) -> bool:
        """``MONITOR_ALLOW_PRIVATE``: private and loopback addresses may be fetched."""
        return self.settings.allow_private

    @property
    def plain(self) -> bool:
        """True when stdout is not a terminal: print lines a script can read, never tables."""
        return not sys.stdout.isatty()

    def config(self) -> Config:
        """The validated sources.yaml (loaded once; from the cache beside the database while
        none of its files changed)."""
        if self._config is None:
            from monitor.config.cache import cache_path, load_cached

            self._config = load_cached(self.sources_path, cache=cache_path(self.db_path),
                                       allow_private=self.allow_private, env=self.settings.env)
        return self._config

    def config_for_edit(self) -> Config | None:
        """The config, for an editing command to look companies up in (saving a validation
        of the whole fleet); None when it does not load: the editor then says what is wrong."""
        from monitor.errors import ConfigError

        if not self.sources_path.exists():
            return None
        try:
            return self.config()
        except ConfigError:
            return None

    @property
    def alerts_file(self) -> Path:
        """The alerts file: the one named (--alerts), else alerts.yaml beside sources.yaml."""
        return self.alerts_path or self.sources_path.parent / "alerts.yaml"

    def alerts(self) -> AlertConfig:
        """The alert routing; a file named explicitly must exist."""
        from monitor.notify import load_alerts

        return load_alerts(self.alerts_file, required=self.alerts_path is not None)

    def db(self) -> Database:
        """The migrated database (opened once)."""
        if self._db is None:
            from monitor.store.db import open_db

            self._db = open_db(self.db_path)
        return self._db

    def reader(self) -> Database:
        """The database for commands that only read: opened read-only, so a read-only disk works."""
        if self._db is not None:  # already open for writing: that serves reads too
            return self._db
        if self._reader is None:
            from monitor.store.db import open_reader

            self._reader = open_reader(self.db_path)
        return self._reader

    def bare_reader(self) -> sqlite3.Connection | None:
        """The database as a bare read-only connection (no sqlite-utils, no migrations checked),
        for a command that reads a few rows and reads again through ``reader`` if its query
        meets an older schema; None when there is no file yet or it does not open."""
        if self._db is not None:
            return None  # already open for writing: ``reader`` serves
        from monitor.store.db import read_connection

        return read_connection(self.db_path)

    def fetch_settings(self) -> FetchSettings:
        """Fetch settings for this run (MONITOR_MIN_HOST_DELAY tunes the politeness gap)."""
        return self.settings.fetch()


def app_of(ctx: click.Context) -> App:
    """The App of the running command."""
    obj = ctx.find_root().obj
    assert isinstance(obj, App)
    return obj
