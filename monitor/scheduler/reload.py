"""Following sources.yaml while the daemon runs: reload when it changes, keep the last good one.

A company added with ``monitor add`` (which edits the file) is picked up by the next poll and
mirrored into the database, where the scheduler finds it due at once. A file that does not
validate is reported once and ignored; the previous companies keep being checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from monitor.clock import iso
from monitor.config import Config
from monitor.errors import ConfigError
from monitor.models import Source
from monitor.scheduler.loading import load
from monitor.store.sync import SyncReport, sync_config

log = logging.getLogger("monitor.scheduler")

Stamp = tuple[int, int] | None  # (mtime_ns, size) of the file, None when it is missing


def stamp_of(path: Path) -> Stamp:
    """What tells us the file changed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class ConfigWatcher:
    """Holds the current config and the sources by id; ``poll`` reloads on change."""

    def __init__(self, path: Path, db: Database, clock: Callable[[], datetime], *,
                 allow_private: bool, env: Mapping[str, str] | None = None) -> None:
        self.path, self.db, self.clock, self.allow_private = path, db, clock, allow_private
        self.env = env  # the command's settings; None: the process environment
        self.config: Config | None = None
        self.sources: dict[str, Source] = {}
        self._seen: Stamp = None

    def load(self) -> Config:
        """The first load: a bad file is an error here (the daemon cannot start without one)."""
        self._seen = stamp_of(self.path)
        config = load(self.path, allow_private=self.allow_private, env=self.env)
        self._apply(config)
        return config

    def poll(self) -> bool:
        """Reload if the file changed; True when a new config is in use."""
        found = self.read_changed()
        return found is not None and self.adopt(*found)

    def read_changed(self) -> tuple[Config, Stamp] | None:
        """The new config if the file changed and validates (no database: fine in a thread)."""
        current = stamp_of(self.path)
        if current == self._seen:
            return None
        try:
            config = load(self.path, allow_private=self.allow_private, env=self.env)
        except ConfigError as exc:
            self._seen = current  # said once; the next edit of the file is tried again
            log.error("%s changed but does not load; still using the previous config: %s",
                      self.path, exc)
            return None
        return config, current

    def adopt(self, config: Config, stamp: Stamp) -> bool:
        """Mirror a newly read config into the database and use it from now on."""
        report = self._apply(config)
        self._seen = stamp
        log.info("%s reloaded: %d companies, %d sources (%d new, %d updated, %d retired)",
                 self.path, len(config.companies), len(self.sources), len(report.added),
                 len(report.updated), len(report.retired))
        return True

    def _apply(self, config: Config) -> SyncReport:
        report = sync_config(self.db, config.companies, iso(self.clock()))
        self.config = config
        self.sources = {s.id: s for s in config.sources}
        return report
