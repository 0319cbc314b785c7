"""The garbage collector across a command's start-up: collections wait until it is over.

Start-up (imports, pydantic's models, the config, the schema) builds tens of thousands of
objects that live as long as the process, and nothing it builds is garbage worth finding. With
the collector's default thresholds a one-source ``monitor check`` ran about 140 collections
before its first request, each generation-2 one walking the whole heap again (about 5 % of its
CPU). ``begin`` raises the first threshold when the CLI starts; ``settled`` (called once a
command has loaded what it needs) moves everything alive into the permanent generation, which
no later collection walks, and restores the thresholds, so a long run collects as before.
"""

from __future__ import annotations

import gc

# Allocations between two young collections while starting: rare enough that the few
# collections left find the heap grown, not walk it again; bounded, so a command that never
# says it has settled still collects.
STARTUP_THRESHOLD = 100_000

_default: tuple[int, int, int] | None = None


def begin() -> None:
    """Collect rarely until ``settled``: the objects made now are the process's own."""
    global _default
    if _default is None:
        _default = gc.get_threshold()
        gc.set_threshold(max(STARTUP_THRESHOLD, _default[0]), *_default[1:])


def settled(*, collect: bool = False) -> None:
    """Start-up is over: what it built is kept out of every later collection, and the
    collector runs at its usual thresholds. ``collect``: first free start-up's own garbage
    (one full collection; worth it in a process that runs for days, not in a one-off)."""
    global _default
    if collect:
        gc.collect()
    gc.freeze()
    if _default is not None:
        gc.set_threshold(*_default)
        _default = None


__all__ = ["STARTUP_THRESHOLD", "begin", "settled"]
