"""Per-host politeness shared by every caller of one Fetcher (R24, R26).

One request at a time per host name, a minimum gap between two requests to the same host
(jittered upwards, lengthened by robots.txt Crawl-delay/Request-rate and by slow or failing
answers, never shortened by errors), a global concurrency cap, and per-host Retry-After
back-off. Waiting for a host's turn does not hold a global slot.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

MAX_HOST_DELAY = 300.0  # a robots.txt Crawl-delay of a day would stall a slot; cap it (policy)
JITTER = 0.5  # each gap is delay * uniform(1, 1 + JITTER): never below the minimum
_SWEEP_EVERY = 1024


@dataclass
class _Slot:
    """The state of one host: its lock, when it may be asked again, and what slows it down."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ready_at: float = 0.0  # monotonic time of the next allowed request start
    robots_delay: float = 0.0
    latency_delay: float = 0.0  # AutoThrottle-style estimate
    not_before: float = 0.0  # wall-clock Retry-After back-off
    users: int = 0


class Politeness:
    """Gatekeeper of requests: per-host turn and gap, global cap, Retry-After back-off."""

    def __init__(
        self,
        *,
        min_delay: float,
        max_concurrency: int,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._min_delay = max(0.0, min_delay)
        self._global = asyncio.Semaphore(max(1, max_concurrency))
        self._slots: dict[str, _Slot] = {}
        self._clock, self._wall, self._rand = clock, wall, rand
        self._releases = 0

    def _slot(self, host: str) -> _Slot:
        """The slot of a host, created on first use."""
        slot = self._slots.get(host)
        if slot is None:
            slot = self._slots[host] = _Slot()
        return slot

    def delay(self, host: str) -> float:
        """The current minimum gap for a host, before jitter."""
        slot = self._slots.get(host)
        if slot is None:
            return self._min_delay
        return min(max(self._min_delay, slot.robots_delay, slot.latency_delay), MAX_HOST_DELAY)

    @asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        """Wait for the host's turn and a global slot; the gap starts when the block ends."""
        slot = self._slot(host)
        slot.users += 1
        try:
            async with slot.lock:
                wait = slot.ready_at - self._clock()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    async with self._global:
                        yield
                finally:
                    gap = self.delay(host) * (1.0 + JITTER * self._rand())
                    slot.ready_at = self._clock() + gap
        finally:
            slot.users -= 1
            self._sweep()

    def observe(self, host: str, latency: float, *, ok: bool) -> None:
        """Learn from one answer's latency: a slow host gets a longer gap (AutoThrottle).

        Error answers come back fast, so they may only lengthen the delay, never shorten it.
        """
        slot = self._slot(host)
        averaged = (slot.latency_delay + latency) / 2.0
        new = averaged if ok else max(slot.latency_delay, averaged)
        slot.latency_delay = min(new, MAX_HOST_DELAY)

    def set_robots_delay(self, host: str, seconds: float | None) -> None:
        """Apply a robots.txt Crawl-delay / Request-rate (seconds between requests)."""
        self._slot(host).robots_delay = min(max(seconds or 0.0, 0.0), MAX_HOST_DELAY)

    def back_off(self, host: str, seconds: float) -> None:
        """Keep away from a host for ``seconds`` (Retry-After); only ever extends."""
        slot = self._slot(host)
        slot.not_before = max(slot.not_before, self._wall() + max(0.0, seconds))

    def not_before(self, host: str) -> float | None:
        """Wall-clock time until which the host backs off, None if it is free."""
        slot = self._slots.get(host)
        if slot is None or slot.not_before <= self._wall():
            return None
        return slot.not_before

    def _sweep(self) -> None:
        """Forget idle hosts now and then so the table does not grow without bound."""
        self._releases += 1
        if self._releases % _SWEEP_EVERY:
            return
        now, wall = self._clock(), self._wall()
        for host in [
            h
            for h, s in self._slots.items()
            if not s.users and s.ready_at <= now and s.not_before <= wall and not s.robots_delay
        ]:
            del self._slots[host]
