"""A kinds registry whose extractors misbehave on purpose, for the parser-pool tests.

Loaded inside parser workers as ``PoolSettings(registry="tests.crashy_kinds:KINDS")``; the real
kinds stay available under their own names, so one pool serves good and bad tasks together.
"""

from __future__ import annotations

import ctypes
import io
import os
import sys
import time
from typing import ClassVar

import feedparser

from monitor.models import Fact, Fetched, Observation, Outcome, Source
from monitor.sources import KINDS as REAL
from monitor.sources.base import Kind


class Segfault(Kind):
    """Dereferences NULL, as a lexbor bug would (selectolax#217)."""

    kind: ClassVar[str] = "segfault"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Crash the process."""
        ctypes.string_at(0)
        raise AssertionError("unreachable")


class Hang(Kind):
    """Sleeps without using CPU: only the wall-clock timeout can end it."""

    kind: ClassVar[str] = "hang"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Never answer in time."""
        time.sleep(120)
        return Observation()


class Hog(Kind):
    """Allocates far more than the worker's memory limit."""

    kind: ClassVar[str] = "hog"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Ask for 4 GiB."""
        hog = bytearray(4 * 1024**3)
        return Observation(facts=(Fact("text", str(len(hog))),))


class Raises(Kind):
    """A plain parser bug."""

    kind: ClassVar[str] = "raises"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Raise."""
        raise ValueError("bad markup")


class Environment(Kind):
    """Reports what the worker's environment holds (it should hold nothing)."""

    kind: ClassVar[str] = "environment"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """One fact per environment variable name (the extraction layer must see none)."""
        names = sorted(os.environ) or ["<empty>"]
        return Observation(Outcome.OK, facts=tuple(Fact("env", n) for n in names))


class Modules(Kind):
    """Reports the modules the worker has imported (parsing needs the parsers, nothing else)."""

    kind: ClassVar[str] = "modules"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """One fact per imported module."""
        return Observation(Outcome.OK, facts=tuple(Fact("module", m) for m in sorted(sys.modules)))


class RawFeedparser(Kind):
    """feedparser on the raw bytes, without the pre-truncation the feed kind applies (D9)."""

    kind: ClassVar[str] = "rawfeedparser"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Parse with feedparser and return the authors."""
        parsed = feedparser.parse(io.BytesIO(fetched.body))
        return Observation(facts=tuple(Fact("author", str(e.get("author", "")))
                                       for e in parsed.entries))


KINDS: dict[str, Kind] = {
    **REAL,
    **{k.kind: k for k in (Segfault(), Hang(), Hog(), Raises(), Environment(), Modules(),
                            RawFeedparser())},
}
