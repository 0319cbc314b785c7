"""Politeness held across every worker on every machine, in Redis.

Dramatiq's rate limiters count requests per window or bucket; none promises a *minimum gap*
between two requests (two may fall either side of a bucket edge). So a host's turn is two Redis
keys driven by two short Lua scripts, with Redis's own clock so machines' clocks never matter:
``gate:<host>`` (who is talking to the host now; expires if that worker dies) and
``next:<host>`` (when the next request may start). The gate lives as long as the worker's
heartbeat says it is alive: the holder renews it while its request runs, so a killed worker
blocks the host for one heartbeat, not for a whole fetch deadline. A request takes the gate only once
``next`` has passed; on release ``next`` = now + the gap (the largest of ours, the host's
robots.txt Crawl-delay seen by any worker). Retry-After back-offs live in one hash that the
scheduler also reads, so it stops sending orders for a host that asked everyone to wait.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis
import redis.asyncio as aioredis

from monitor.fetch.politeness import JITTER, MAX_HOST_DELAY, Politeness
from monitor.fleet.settings import FleetSettings

POLL_S = 0.05  # how often a waiting worker looks again while another holds the host

_NOW = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000) "
ACQUIRE = _NOW + """
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nxt > now then return nxt - now end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return -math.max(redis.call('PTTL', KEYS[1]), 1)
"""
RELEASE = _NOW + """
local gap = tonumber(ARGV[2])
local crawl = tonumber(redis.call('HGET', KEYS[3], ARGV[3]) or '0') * 1000
if crawl > gap then gap = crawl end
redis.call('SET', KEYS[2], now + gap, 'PX', math.floor(gap) + 60000)
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return gap
"""
KEEP = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
EXTEND = """
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > cur then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
"""


class SharedPoliteness(Politeness):
    """The local politeness of one Fetcher, plus the fleet-wide turn, gap and back-off."""

    def __init__(self, settings: FleetSettings, sync: redis.Redis, *, min_delay: float,
                 max_concurrency: int) -> None:
        super().__init__(min_delay=min_delay, max_concurrency=max_concurrency)
        self.fleet = settings
        self._sync = sync
        self._async = aioredis.Redis.from_url(settings.url, socket_timeout=30)
        self._acquire = self._async.register_script(ACQUIRE)
        self._release = self._async.register_script(RELEASE)
        self._keep = self._async.register_script(KEEP)
        self._extend = sync.register_script(EXTEND)
        self._hold_ms = int(settings.heartbeat_s * 1000)  # a dead worker's gate frees itself

    @asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        """This process's turn for the host, then the fleet's; the gap starts when it ends."""
        # Inside the local turn: the fleet gate is rarely contended, since the scheduler
        # sends at most one order per host at a time; the wait is mostly the gap itself.
        async with super().turn(host):
            token = uuid.uuid4().hex
            keys = [self.fleet.key("gate", host), self.fleet.key("next", host)]
            while True:
                wait = int(await self._acquire(keys=keys, args=[token, self._hold_ms]))
                if wait == 0:
                    break
                await asyncio.sleep(min(abs(wait) / 1000, POLL_S) if wait < 0 else wait / 1000)
            keeper = asyncio.create_task(self._renew(keys[0], token))
            try:
                yield
            finally:
                keeper.cancel()
                gap = self.delay(host) * (1.0 + JITTER * self._rand())
                await self._release(keys=[*keys, self.fleet.key("crawl_delay")],
                                    args=[token, int(gap * 1000), host])

    async def _renew(self, key: str, token: str) -> None:
        """Keep our gate while the request runs (it expires one heartbeat after we die)."""
        while True:
            await asyncio.sleep(self._hold_ms / 3000)
            await self._keep(keys=[key], args=[token, self._hold_ms])

    def set_robots_delay(self, host: str, seconds: float | None) -> None:
        """A Crawl-delay read by this worker holds for every worker."""
        super().set_robots_delay(host, seconds)
        if seconds:
            self._sync.hset(self.fleet.key("crawl_delay"), host, min(seconds, MAX_HOST_DELAY))

    def back_off(self, host: str, seconds: float) -> None:
        """A Retry-After seen by this worker keeps every worker (and the scheduler) away."""
        super().back_off(host, seconds)
        until = time.time() + max(0.0, seconds)
        self._extend(keys=[self.fleet.key("backoff")], args=[host, f"{until:.3f}"])

    def not_before(self, host: str) -> float | None:
        """Until when the host backs off, as any worker learned it; None if it is free."""
        local = super().not_before(host)
        shared = backoff_until(self._sync, self.fleet, host)
        return max(local or 0.0, shared or 0.0) or None

    async def aclose(self) -> None:
        """Close the async connection."""
        await self._async.aclose()


def backoff_until(conn: redis.Redis, settings: FleetSettings, host: str) -> float | None:
    """The shared Retry-After of one host (time.time()), None when over or unknown."""
    raw = conn.hget(settings.key("backoff"), host)
    until = float(raw) if raw else 0.0
    return until if until > time.time() else None


def backoffs(conn: redis.Redis, settings: FleetSettings) -> dict[str, float]:
    """Every host that asked the fleet to wait, with until when; expired entries are dropped."""
    now, key = time.time(), settings.key("backoff")
    found = {_text(k): float(v) for k, v in conn.hgetall(key).items()}
    over = [h for h, until in found.items() if until <= now]
    if over:
        conn.hdel(key, *over)
    return {h: until for h, until in found.items() if until > now}


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
