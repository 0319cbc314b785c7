"""Named crash points for the crash-test harness (F4), switched on from the environment.

``MONITOR_CRASH_AT=in_transaction`` makes the process die with ``os._exit(137)`` (what a
``kill -9`` looks like to the database: no cleanup, no rollback, no flush) the first time the
pipeline reaches that point; ``MONITOR_CRASH_AT=after_commit:3`` on the third time. Several
points may be listed, comma-separated. Unset, no hook is installed and nothing is slowed down.
One hook serves both the checks and the alert dispatcher (their points have distinct names)::

    crash = crash_hook_from_env()
    ctx = Context(db=db, fetcher=fetcher, clock=utcnow, crash=crash)
    dispatcher = Dispatcher(db, alerts, clock=utcnow, crash=crash)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from monitor.errors import ConfigError
from monitor.store.record import CrashHook

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


def crash_hook_from_env(environ: Mapping[str, str] | None = None) -> CrashHook | None:
    """The crash hook ``MONITOR_CRASH_AT`` asks for, or None when it is unset or empty."""
    spec = (os.environ if environ is None else environ).get(ENV, "")
    points = parse_points(spec)
    if not points:
        return None
    reached: dict[str, int] = dict.fromkeys(points, 0)

    def crash(point: str) -> None:
        """Die like a kill -9 when ``point`` is reached for the configured time."""
        if point not in points:
            return
        reached[point] += 1
        if reached[point] == points[point]:
            sys.stderr.write(f"{ENV}: crashing at {point}\n")
            sys.stderr.flush()
            os._exit(EXIT_CODE)

    return crash
