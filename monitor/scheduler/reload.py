"""Following sources.yaml while the daemon runs: reload when it changes, keep the last good one.

A company added with ``monitor add`` (which edits the file) is picked up by the next poll and
mirrored into the database, where the scheduler finds it due at once. A file that does not
validate is reported once and ignored; the previous companies keep being checked. Every file
the config includes is watched, and the folders its globs read (a file added there shows).
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from monitor.clock import iso
from monitor.config import Config
from monitor.config.include import FilesError
from monitor.config.stamps import Stamp, stamp_of
from monitor.errors import ConfigError
from monitor.models import Source
from monitor.scheduler.loading import Preload, dumps, load
from monitor.store.sync import SyncReport, sync_config

log = logging.getLogger("monitor.scheduler")

Stamps = tuple[tuple[Path, Stamp], ...]  # every file (and globbed folder) the config read


def stamps_now(seen: Stamps) -> Stamps:
    """The same paths' stamps as they are now."""
    return tuple((path, stamp_of(path)) for path, _ in seen)


class Shelf(Mapping[str, Source]):
    """Sources by id, each kept pickled until asked for: the daemon holds about 350 bytes per
    source instead of its objects (a kilobyte and more), and builds a ``Source`` only for a
    check that starts. ``in`` and ``len`` never unpickle."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._blobs = {s.id: dumps(s) for s in sources}

    def __getitem__(self, source_id: str) -> Source:
        source: Source = pickle.loads(self._blobs[source_id])
        return source

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)


class ConfigWatcher:
    """Holds the sources of the current config by id; ``poll`` reloads on change."""

    def __init__(self, path: Path, db: Database, clock: Callable[[], datetime], *,
                 allow_private: bool, env: Mapping[str, str] | None = None,
                 cache: Path | None = None) -> None:
        self.path, self.db, self.clock, self.allow_private = path, db, clock, allow_private
        self.env = env  # the command's settings; None: the process environment
        self.cache = cache  # the validated config beside the database (monitor.config.cache)
        self.sources: Mapping[str, Source] = Shelf()
        self._seen: Stamps = ((path, None),)

    def load(self, begun: Preload | None = None) -> Config:
        """The first load: a bad file is an error here (the daemon cannot start without one).
        ``begun``: the same load started earlier (``monitor run`` starts it before its imports)."""
        if begun is not None and begun.serves(self.path, allow_private=self.allow_private,
                                              env=self.env, cache=self.cache):
            config = begun.result()
        else:
            config = load(self.path, allow_private=self.allow_private, env=self.env,
                          cache=self.cache)
        self._seen = config.stamps  # taken as each file was read: a save during the load shows
        self._apply(config)
        return config

    def poll(self) -> bool:
        """Reload if the file changed; True when a new config is in use."""
        found = self.read_changed()
        return found is not None and self.adopt(*found)

    def read_changed(self) -> tuple[Config, Stamps] | None:
        """The new config if a file changed and validates (no database: fine in a thread)."""
        current = stamps_now(self._seen)
        if current == self._seen:
            return None
        try:
            config = load(self.path, allow_private=self.allow_private, env=self.env,
                      cache=self.cache)
        except ConfigError as exc:
            read = exc.stamps if isinstance(exc, FilesError) else ()
            self._seen = tuple({**dict(current), **dict(read)}.items())  # said once; the next
            log.error("%s changed but does not load; still using the previous config: %s",
                      self.path, exc)  # edit of any file it read is tried again
            return None
        return config, config.stamps

    def adopt(self, config: Config, stamp: Stamps) -> bool:
        """Mirror a newly read config into the database and use it from now on."""
        report = self._apply(config)
        self._seen = stamp
        log.info("%s reloaded: %d companies, %d sources (%d new, %d updated, %d retired)",
                 self.path, len(config.companies), len(self.sources), len(report.added),
                 len(report.updated), len(report.retired))
        return True

    def _apply(self, config: Config) -> SyncReport:
        report = sync_config(self.db, config.companies, iso(self.clock()))
        self.sources = Shelf(config.sources)  # the config itself is not kept
        return report
