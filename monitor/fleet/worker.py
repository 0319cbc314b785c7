"""``monitor worker``: fetch and extract orders from the broker, send the answers back.

A worker holds a guarded Fetcher (SSRF guard, robots.txt, size and time caps, politeness made
fleet-wide by ``gate``), one more per named proxy (its URL and credentials from the worker's own
environment, never from a message; its politeness fleet-wide too), the machine's chromium when
installed (started on the first page that needs it) and its own parser pool (a page that kills a
parser costs that check). It never opens SQLite and never reads alert settings: everything else
it needs is in the order.
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
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import Future
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import replace
from typing import Any

import dramatiq

from monitor.environ import process_environ
from monitor.fetch.browser import BrowserSettings, process_browser
from monitor.fetch.client import Fetcher, FetchSettings, Resolver
from monitor.fetch.proxies import ProxyFetchers
from monitor.fetch.proxy import from_env
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


class FleetProxies(ProxyFetchers):
    """The Fetchers of named proxies, each with the fleet-wide politeness of ``make``."""

    def __init__(self, settings: FetchSettings, environ: Mapping[str, str],
                 make: Callable[[FetchSettings], Fetcher]) -> None:
        super().__init__(settings, environ)
        self._make_fetcher = make

    def for_source(self, options: Mapping[str, object], default: Fetcher) -> Fetcher:
        """The Fetcher for a source's ``proxy`` option (``default`` when it has none);
        ConfigError when this worker's environment lacks that proxy's URL."""
        name = options.get("proxy")
        if not isinstance(name, str):
            return default
        if name not in self._made:
            proxy = from_env(self._environ, name)
            self._made[name] = self._make_fetcher(replace(self._settings, proxy=proxy))
        return self._made[name]


class FleetWorker:
    """One worker process's machinery: ``start()``, then ``stop()``; tests run it in-process."""

    def __init__(self, settings: FleetSettings, fetch: FetchSettings, *, concurrency: int = 8,
                 pool: PoolSettings | None = None, kinds: Mapping[str, Kind] = KINDS,
                 name: str | None = None, resolver: Resolver | None = None,
                 browser: BrowserSettings | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.settings, self.fetch_settings, self.concurrency = settings, fetch, concurrency
        self.environ = process_environ(environ)  # this machine's: proxy URLs live here
        # chromium as this machine has it (MONITOR_CHROMIUM, Debian's), or no rendering
        self.browser_settings = browser or BrowserSettings.from_env(self.environ)
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
        self._stack = AsyncExitStack()
        self.fetcher = await self._stack.enter_async_context(self._fetcher(self.fetch_settings))
        self.proxies = await self._stack.enter_async_context(
            FleetProxies(self.fetch_settings, self.environ, self._fetcher))
        self.browser = await self._stack.enter_async_context(
            process_browser(self.browser_settings) if self.browser_settings
            else _no_browser())
        self.pool = ParserPool(self.pool_settings)
        await self.pool.start()
        self._stack.push_async_callback(self.pool.aclose)

    def _fetcher(self, s: FetchSettings) -> FleetFetcher:
        """A guarded Fetcher whose politeness is the fleet's (one per proxy, all sharing it)."""
        polite = SharedPoliteness(self.settings, self.conn, min_delay=s.min_host_delay,
                                  max_concurrency=s.max_concurrency)
        return FleetFetcher(s, polite, resolver=self.resolver)

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
        await self._stack.aclose()  # the pool, chromium, the proxies' and our own Fetcher

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
                                    self.name, browser=self.browser,
                                    proxies=self.proxies)).result()
        send(self.broker, queue=ANSWERS, actor=ANSWER_ACTOR, argument=encode_answer(answer))
        self.answered += 1


@asynccontextmanager
async def _no_browser() -> AsyncIterator[None]:
    """No chromium on this machine: pages are read as fetched."""
    yield None


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
