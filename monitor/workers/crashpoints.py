"""Named crash points for the crash-test harness (F4), switched on from the environment.

``MONITOR_CRASH_AT=in_transaction`` makes the process die with ``os._exit(137)`` (what a
``kill -9`` looks like to the database: no cleanup, no rollback, no flush) the first time the
pipeline reaches that point; ``MONITOR_CRASH_AT=after_commit:3`` on the third time. Several
points may be listed, comma-separated. Unset, the hook is a no-op. One hook object serves both
the checks and the alert dispatcher (their points have distinct names)::

    crash = crash_hook_from_env()
    ctx = Context(db=db, fetcher=fetcher, clock=utcnow, crash=crash)
    dispatcher = Dispatcher(db, alerts, clock=utcnow, crash=crash)

Production code calls ``crash("after_commit")`` unconditionally; only this object decides.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from monitor.environ import process_environ
from monitor.errors import ConfigError

ENV = "MONITOR_CRASH_AT"
EXIT_CODE = 137  # 128 + SIGKILL, as a shell reports a kill -9
CHECK_POINTS = ("after_fetch", "after_parse", "in_transaction", "after_commit")  # pipeline, record
DISPATCH_POINTS = ("after_requeue", "after_claim", "after_send", "before_mark", "after_mark")
POINTS = CHECK_POINTS + DISPATCH_POINTS


def parse_points(spec: str) -> dict[str, int]:
    """``"after_fetch,after_commit:3"`` → ``{"after_fetch": 1, "after_commit": 3}``."""
    points: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, nth = part.partition(":")
        if name not in POINTS:
            raise ConfigError(f"{ENV}: unknown crash point {name!r}; known: {', '.join(POINTS)}")
        if nth and not (nth.isdigit() and int(nth) >= 1):
            raise ConfigError(f"{ENV}: {part!r}: the count after ':' must be a positive integer")
        points[name] = int(nth or 1)
    return points


class CrashPoints:
    """The crash hook: called with a point's name, dies like a kill -9 at the asked-for sighting."""

    def __init__(self, points: Mapping[str, int] | None = None) -> None:
        self._points = dict(points or {})
        self._reached = dict.fromkeys(self._points, 0)

    def __bool__(self) -> bool:
        """True when any point is armed."""
        return bool(self._points)

    def __call__(self, point: str) -> None:
        if point not in self._points:
            return
        self._reached[point] += 1
        if self._reached[point] == self._points[point]:
            sys.stderr.write(f"{ENV}: crashing at {point}\n")
            sys.stderr.flush()
            os._exit(EXIT_CODE)


def crash_hook_from_env(environ: Mapping[str, str] | None = None) -> CrashPoints:
    """The crash points ``MONITOR_CRASH_AT`` asks for (none, a no-op, when it is unset)."""
    spec = process_environ(environ).get(ENV, "")
    return CrashPoints(parse_points(spec))
