"""``monitor worker``: fetch and extract orders from the broker, send the answers back.

A worker holds a guarded Fetcher (SSRF guard, robots.txt, size and time caps, politeness made
fleet-wide by ``gate``) and its own parser pool (a page that kills a parser costs that check).
It never opens SQLite and never reads alert settings: everything it needs is in the order.
Orders are acknowledged only after the answer is on the broker, so a worker killed mid-fetch
leaves its orders to be handed to another once its heartbeat stops.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future
from typing import Any

import dramatiq

from monitor.fetch.client import Fetcher, FetchSettings, Resolver
from monitor.fleet.broker import declare, make_broker, send
from monitor.fleet.codec import CodecError, decode_order, encode_answer
from monitor.fleet.gate import SharedPoliteness
from monitor.fleet.observe import observe
from monitor.fleet.settings import ANSWER_ACTOR, ANSWERS, CHECK_ACTOR, CHECKS, FleetSettings, client
from monitor.sources import KINDS
from monitor.sources.base import Kind
from monitor.workers import ParserPool, PoolSettings

log = logging.getLogger("monitor.fleet")

BEAT_S = 10.0  # how often a worker says it is alive (``monitor status`` counts the last minute)


class FleetFetcher(Fetcher):
    """The guarded Fetcher, with politeness shared by the whole fleet."""

    def __init__(self, settings: FetchSettings, politeness: SharedPoliteness, *,
                 resolver: Resolver | None = None) -> None:
        super().__init__(settings, resolver=resolver)
        self._polite = politeness

    async def aclose(self) -> None:
        """Close the HTTP client and the gate's connection."""
        await super().aclose()
        assert isinstance(self._polite, SharedPoliteness)
        await self._polite.aclose()


class FleetWorker:
    """One worker process's machinery: ``start()``, then ``stop()``; tests run it in-process."""

    def __init__(self, settings: FleetSettings, fetch: FetchSettings, *, concurrency: int = 8,
                 pool: PoolSettings | None = None, kinds: Mapping[str, Kind] = KINDS,
                 name: str | None = None, resolver: Resolver | None = None) -> None:
        self.settings, self.fetch_settings, self.concurrency = settings, fetch, concurrency
        self.resolver = resolver  # the system's by default (the benchmark maps its hosts)
        self.pool_settings = pool or PoolSettings()
        self.kinds = kinds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.answered = self.refused = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fleet loop",
                                        daemon=True)

    def start(self) -> None:
        """Reach Redis (or raise BrokerError), start the parser pool, take orders."""
        self.conn = client(self.settings)
        self._thread.start()
        self._call(self._open()).result()
        # A check's own deadlines (fetch 60 s per request, parse 20 s) end it long before this.
        limit = 10 * (self.fetch_settings.deadline + self.pool_settings.wall_seconds)
        self.broker = make_broker(self.settings, self.conn, time_limit_s=limit, retries=3)
        declare(self.broker, self._handle, name=CHECK_ACTOR, queue=CHECKS)
        self.worker = dramatiq.Worker(self.broker, queues={CHECKS},
                                      worker_threads=self.concurrency, worker_timeout=250)
        self.worker.start()
        self.beat()
        log.info("fleet worker %s: %d at once, on %s", self.name, self.concurrency,
                 self.settings.url)

    async def _open(self) -> None:
        s = self.fetch_settings
        polite = SharedPoliteness(self.settings, self.conn, min_delay=s.min_host_delay,
                                  max_concurrency=s.max_concurrency)
        self.fetcher = FleetFetcher(s, polite, resolver=self.resolver)
        self.pool = ParserPool(self.pool_settings)
        await self.pool.start()

    def beat(self) -> None:
        """Say this worker is alive (``monitor status`` counts workers seen in the last minute)."""
        self.conn.hset(self.settings.key("workers"), self.name, f"{time.time():.3f}")

    def stop(self) -> None:
        """Finish the orders in hand (up to the broker's grace), then close everything."""
        self.worker.stop(timeout=int(self.fetch_settings.deadline * 1000))
        self._call(self._close()).result(timeout=60)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()
        self.conn.hdel(self.settings.key("workers"), self.name)
        self.broker.close()
        self.conn.close()

    async def _close(self) -> None:
        await self.pool.aclose()
        await self.fetcher.aclose()

    def _call(self, coro: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def _handle(self, argument: Any) -> None:
        """The check actor: observe the order, put the answer on the broker, then ack."""
        try:
            order = decode_order(argument)
        except CodecError as exc:  # another release's order: refuse it, stay up
            self.refused += 1
            log.error("refused an order: %s", exc)
            return
        answer = self._call(observe(order, self.fetcher, self.pool.extract, self.kinds,
                                    self.name)).result()
        send(self.broker, queue=ANSWERS, actor=ANSWER_ACTOR, argument=encode_answer(answer))
        self.answered += 1


def run_worker(worker: FleetWorker, stop: threading.Event) -> None:
    """Run until ``stop`` is set (the CLI sets it on SIGTERM/SIGINT), beating meanwhile."""
    worker.start()
    try:
        while not stop.wait(BEAT_S):
            try:
                worker.beat()
            except Exception as exc:  # Redis away for a moment: the broker reconnects by itself
                log.warning("fleet worker: cannot reach the broker (%s)", exc)
    finally:
        worker.stop()
