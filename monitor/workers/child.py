"""The parser worker process: receive a task, run the kind's pure ``extract``, answer, repeat.

Started by the pool as ``python -m monitor.workers.child FD REGISTRY PRELOAD CPU_SECONDS
MEMORY_MB``: a fresh interpreter that imports this module, then (once confined) the kinds
registry and the module that imports every kind's parsers.

It runs under ``RLIMIT_AS`` (memory) and a per-task ``RLIMIT_CPU`` (the kernel sends SIGXCPU and
the process dies, even inside C code where no Python handler could run), with core dumps off,
an empty environment (the extraction layer must not reach secrets: changedetection.io
CVE-2026-33981) and SIGINT ignored, so only its parent decides when it stops.
"""

from __future__ import annotations

import importlib
import math
import os
import pickle
import resource
import signal
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from monitor import startup
from monitor.models import Observation, Outcome
from monitor.text_safety import clean_observation
from monitor.workers.protocol import encode

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one worker may use: CPU seconds per task, address space in MiB."""

    cpu_seconds: float
    memory_mb: int


def load_registry(spec: str) -> Mapping[str, Any]:
    """The kinds registry named ``"module:ATTRIBUTE"`` (``monitor.sources:KINDS`` in production)."""
    module, _, attribute = spec.partition(":")
    registry = getattr(importlib.import_module(module), attribute or "KINDS")
    if not isinstance(registry, Mapping):
        raise TypeError(f"{spec} is not a mapping of kinds")
    return registry


def _confine(limits: Limits) -> None:
    os.environ.clear()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limits.memory_mb * MiB
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _arm_cpu(seconds: float) -> None:
    """Let the next task use ``seconds`` of CPU on top of what this process used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _extract(registry: Mapping[str, Any], data: bytes, limits: Limits) -> tuple[Observation, bool]:
    """The task's Observation, and whether this worker should retire afterwards."""
    try:
        kind, fetched, source = pickle.loads(data)
        return clean_observation(registry[kind].extract(fetched, source)), False
    except MemoryError:
        # The heap may be fragmented past use: answer, then let the pool start a fresh worker.
        detail = f"parser crashed: out of memory (limit {limits.memory_mb} MiB)"
        return Observation(Outcome.EXTRACTION_FAILED, detail=detail), True
    except Exception as exc:  # a parser bug costs one check, as with extract_inline
        return Observation(Outcome.EXTRACTION_FAILED, detail=f"parser error: {exc!r}"[:300]), False


def serve(conn: Connection, registry_spec: str, limits: Limits, preload: str = "") -> None:
    """The worker's main loop; returns (and the process ends) when the parent hangs up."""
    _confine(limits)
    registry = load_registry(registry_spec)
    if preload:  # every kind's parsers, so the first page pays for no import
        importlib.import_module(preload)
    startup.settled()  # the parsers' modules are never garbage: no collection walks them again
    conn.send_bytes(b"ready")
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        _arm_cpu(limits.cpu_seconds)
        answer, retire = _extract(registry, data, limits)
        conn.send_bytes(encode(answer))
        if retire:
            return


def main(argv: Sequence[str]) -> None:
    """Serve on the socket whose descriptor the pool passed, within the limits it names."""
    startup.begin()
    fd, registry, preload, cpu_seconds, memory_mb = argv
    serve(Connection(int(fd)), registry, Limits(float(cpu_seconds), int(memory_mb)), preload)


if __name__ == "__main__":
    main(sys.argv[1:])
