"""The scheduler/writer side of the fleet: orders out, answers in, leases in between.

``monitor run`` with ``MONITOR_BROKER_URL`` claims due sources as always, but each check
becomes an order on the broker; answers come back on their own queue and are recorded here,
by the only process that opens the database. An answer is acknowledged to the broker only
after its transaction committed, so a writer killed mid-batch finds its answers waiting.

Every order holds a lease (in memory and in Redis): unanswered when it expires (a lost
message, a Redis restart), the same order, same check id, is sent again; whichever answer
lands first is recorded, the other is recognised by its check id and dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import time
import uuid
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

import dramatiq
import redis

from monitor.clock import iso
from monitor.errors import StoreError
from monitor.fleet import ledger
from monitor.fleet.broker import declare, make_broker, send
from monitor.fleet.codec import Answer, CodecError, Order, decode_answer, decode_order, encode_order
from monitor.fleet.gate import backoffs
from monitor.fleet.observe import Replay, conclude
from monitor.fleet.settings import ANSWER_ACTOR, ANSWERS, CHECK_ACTOR, CHECKS, FleetSettings, client
from monitor.models import CheckResult, Source
from monitor.pipeline import Context, settled, waiting_prose
from monitor.scheduler.reload import ConfigWatcher
from monitor.store.record import record
from monitor.store.state import source_row

log = logging.getLogger("monitor.fleet")

SWEEP_S = 1.0  # how often leases and shared back-offs are looked at
READERS = 4  # broker threads fetching answers: their Redis round trips overlap the recording
STOP_S = 10.0  # how long the answer reader gets to finish the answer in hand at shutdown


@dataclass
class Lease:
    """One order out, and until when its answer is awaited."""

    order: Order
    until: float  # time.time()


class FleetRunner:
    """Runs checks through the fleet: ``Daemon(..., runner=FleetRunner(...))``."""

    def __init__(self, settings: FleetSettings, ctx: Context, watcher: ConfigWatcher) -> None:
        self.settings, self.ctx, self.watcher = settings, ctx, watcher
        self._leases: dict[str, Lease] = {}  # check id → lease
        self._by_source: dict[str, str] = {}  # source id → check id out
        self._waiting: dict[str, asyncio.Future[CheckResult]] = {}
        self._backoff: dict[str, float] = {}
        self._worker: dramatiq.Worker | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self.recorded = self.duplicates = self.resent = 0

    @staticmethod
    def stand_in() -> Replay:
        """The ``Context.fetcher`` of a writer: it never fetches (workers do)."""
        return Replay(())

    async def __aenter__(self) -> FleetRunner:
        """Reach Redis (or fail with one line), adopt open leases, start reading answers."""
        self._loop = asyncio.get_running_loop()
        self.conn = client(self.settings)
        self.broker = make_broker(self.settings, self.conn, time_limit_s=3600.0,
                                  retries=self.settings.result_retries)
        declare(self.broker, self._answer, name=ANSWER_ACTOR, queue=ANSWERS)
        ledger.prepare(self.ctx.db, self.ctx.clock())
        await asyncio.to_thread(self._adopt)
        self._lock = asyncio.Lock()  # one answer recorded at a time, whatever the threads
        self._worker = dramatiq.Worker(self.broker, queues={ANSWERS}, worker_threads=READERS,
                                       worker_timeout=250)
        self._worker.start()
        self._sweeper = asyncio.create_task(self._sweep(), name="fleet leases")
        log.info("fleet: scheduler/writer on %s; %d order(s) still out", self.settings.url,
                 len(self._leases))
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        """Stop reading answers (the one in hand is finished), then let go of Redis."""
        if self._sweeper is not None:
            self._sweeper.cancel()
        if self._worker is not None:
            await asyncio.to_thread(self._worker.stop, int(STOP_S * 1000))
        self.broker.close()
        self.conn.close()

    # ---- orders ---------------------------------------------------------------------------

    async def check(self, source: Source) -> CheckResult:
        """Send an order for ``source`` (or join the one still out) and await its record."""
        check_id = self._by_source.get(source.id)
        order = None
        if check_id is None:
            order = self._order(source)
            check_id = order.check_id
            self._hold(order, time.time() + self.settings.lease_s)
        future = self._waiting.get(check_id)
        if future is None:  # before sending: a quick answer must find someone waiting
            future = self._waiting[check_id] = self._loop.create_future()
        try:
            if order is not None:
                await asyncio.to_thread(self._send, order)
            return await asyncio.shield(future)
        finally:
            if future.done():
                self._waiting.pop(check_id, None)

    def host_waits(self, host: str) -> bool:
        """True while a host asked the whole fleet to wait (Retry-After seen by any worker)."""
        until = self._backoff.get(host)
        return until is not None and until > time.time()

    def _order(self, source: Source) -> Order:
        """Everything a worker needs, read from the database as ``pipeline.check`` reads it."""
        row = source_row(self.ctx.db, source.id, waiting_prose(source, self.ctx.clock()))
        done = settled(row)
        return Order(check_id=uuid.uuid4().hex, source=source,
                     etag=row.etag if row and done else None,
                     last_modified=row.last_modified if row and done else None,
                     settled=done, body_hash=row.body_hash if row else None,
                     raw_hash=row.raw_hash if row else None,
                     sent_at=time.time())

    def _hold(self, order: Order, until: float) -> None:
        self._leases[order.check_id] = Lease(order, until)
        self._by_source[order.source.id] = order.check_id

    def _send(self, order: Order) -> None:
        """Lease in Redis, then the order; Redis down → the sweeper sends it when it is back."""
        argument = encode_order(order)
        lease = self._leases.get(order.check_id)
        until = lease.until if lease else time.time() + self.settings.lease_s
        try:
            self.conn.hset(self.settings.key("leases"), order.check_id,
                           json.dumps({"until": until, "order": argument}))
            send(self.broker, queue=CHECKS, actor=CHECK_ACTOR, argument=argument)
        except redis.RedisError as exc:
            log.warning("%s: cannot send the order (%s); trying again shortly", order.source.id, exc)
            if lease:
                lease.until = time.time() + SWEEP_S

    def _adopt(self) -> None:
        """Orders a previous run left out: awaited again, not sent twice."""
        for check_id, raw in self.conn.hgetall(self.settings.key("leases")).items():
            try:
                saved = json.loads(raw)
                self._hold(decode_order(saved["order"]), float(saved["until"]))
            except (CodecError, KeyError, TypeError, ValueError) as exc:
                log.warning("fleet: dropping an unreadable lease %s: %s", check_id, exc)
                self.conn.hdel(self.settings.key("leases"), check_id)

    def _release(self, check_id: str) -> None:
        """Forget an order; whoever still awaits it (a dropped answer) stops waiting."""
        future = self._waiting.get(check_id)
        if future is not None and not future.done():
            self._loop.call_soon_threadsafe(future.cancel)
        lease = self._leases.pop(check_id, None)
        if lease and self._by_source.get(lease.order.source.id) == check_id:
            del self._by_source[lease.order.source.id]
        with contextlib.suppress(redis.RedisError):  # a stale lease: a later run awaits in vain
            self.conn.hdel(self.settings.key("leases"), check_id)

    async def _sweep(self) -> None:
        """Re-send orders whose lease ran out; keep the shared back-offs at hand; prune."""
        pruned = self.ctx.clock()
        while True:
            await asyncio.sleep(SWEEP_S)
            if self.ctx.clock() - pruned > ledger.PRUNE_EVERY:
                pruned = self.ctx.clock()
                async with self._lock:  # the writer's connection: one user at a time
                    ledger.prune(self.ctx.db, pruned)
            now = time.time()
            expired = [x for x in self._leases.values() if x.until <= now]  # on the loop
            for gone in [x for x in expired if x.order.source.id not in self.watcher.sources]:
                expired.remove(gone)  # removed from sources.yaml: nothing to wait for
                await asyncio.to_thread(self._release, gone.order.check_id)
            for lease in expired:
                lease.until = now + self.settings.lease_s
            try:
                await asyncio.to_thread(self._sweep_once, [x.order for x in expired])
            except redis.RedisError as exc:
                log.warning("fleet: broker unreachable (%s); retrying", exc)

    def _sweep_once(self, expired: list[Order]) -> None:
        for order in expired:
            log.warning("%s: order %s unanswered after %.0f s; sending it again", order.source.id,
                        order.check_id, time.time() - order.sent_at)
            self.resent += 1
            self._send(order)
        self._backoff = backoffs(self.conn, self.settings)

    # ---- answers --------------------------------------------------------------------------

    def _answer(self, argument: Any) -> None:
        """The answers actor (a broker thread): record on the daemon's loop, then acknowledge."""
        asyncio.run_coroutine_threadsafe(self.accept(argument), self._loop).result()

    async def accept(self, argument: Any) -> CheckResult | None:
        """Record one answer, once; returns what was recorded (None: nothing to record)."""
        try:
            answer = decode_answer(argument)
        except CodecError as exc:
            log.error("fleet: dropped an answer: %s", exc)  # its lease sends the order again
            return None
        async with self._lock:
            return await self._accept(answer)

    async def _accept(self, answer: Answer) -> CheckResult | None:
        if ledger.answered(self.ctx.db, answer.check_id):
            self.duplicates += 1
            log.info("%s: answer %s already recorded; dropped", answer.source_id, answer.check_id)
            self._release(answer.check_id)
            return None
        source = self.watcher.sources.get(answer.source_id)
        if source is None:
            log.warning("%s: answer for a source no longer configured; dropped", answer.source_id)
            self._release(answer.check_id)
            return None
        result = await self._record(answer.check_id, await conclude(answer, source, self.ctx))
        future = self._waiting.get(answer.check_id)
        if future is not None and not future.done():
            future.set_result(result)
        self._release(answer.check_id)
        return result

    async def _record(self, check_id: str, result: CheckResult) -> CheckResult:
        now = iso(self.ctx.clock())
        try:
            record(self.ctx.db, result, now, route=self.ctx.route, crash=self.ctx.crash,
                   also=ledger.note(check_id, result.source.id, now))
        except sqlite3.Error as exc:  # the broker keeps the answer and brings it back
            error = StoreError(f"cannot record the check of {result.source.id}: {exc}")
            future = self._waiting.get(check_id)
            if future is not None and not future.done():
                future.set_exception(error)
            raise error from exc
        self.recorded += 1
        self.ctx.crash("after_commit")
        return replace(result, fetched=replace(result.fetched, body=b"", render=None))
