"""CPU and memory of processes from /proc (Linux): ours, our parser workers, never simweb's.

The parser workers are our children but live as long as we do, and ``RUSAGE_CHILDREN`` counts
only children already reaped; they are found as descendants of this process instead.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rfind(")") + 2:].split()  # fields after "(comm)", starting with state


def descendants(root: int, exclude: frozenset[int] = frozenset()) -> list[int]:
    """Every live process below ``root``, skipping ``exclude`` and everything below them."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            parent[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for child, ppid in parent.items():
            if ppid == pid and child not in exclude:
                found.append(child)
                frontier.append(child)
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a live process has used (0 when it is gone)."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / TICK if fields else 0.0


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pss_mb(pid: int) -> float:
    """The process's current proportional set size in MiB: shared pages split among sharers."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass(frozen=True)
class Sample:
    """CPU seconds at one moment: this process, and its helper processes (parser workers)."""

    own: float
    helpers: float

    @property
    def total(self) -> float:
        """Both together."""
        return self.own + self.helpers


def sample(exclude: frozenset[int]) -> Sample:
    """CPU used so far by this process and its live descendants outside ``exclude``."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    helpers = sum(cpu_seconds(pid) for pid in descendants(os.getpid(), exclude))
    return Sample(usage.ru_utime + usage.ru_stime, helpers)


def peak_memory(exclude: frozenset[int]) -> tuple[float, float]:
    """(peak RSS of this process, sum of the peak RSS of its helpers), MiB.

    VmHWM, not ``ru_maxrss``: Linux carries ``ru_maxrss`` over an exec, so a process started
    by a 180 MB parent would report the parent's size as its own peak.
    """
    own = peak_rss_mb(os.getpid())
    return own, sum(peak_rss_mb(pid) for pid in descendants(os.getpid(), exclude))


def pss_total(exclude: frozenset[int]) -> float:
    """Current PSS of this process and its helpers together, MiB (fork-shared pages once)."""
    return sum(pss_mb(pid) for pid in (os.getpid(), *descendants(os.getpid(), exclude)))
