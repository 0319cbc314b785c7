"""The scheduler loop: APScheduler ticks, due sources claimed from SQLite, checks on asyncio.

APScheduler 3.x with a MemoryJobStore drives a few interval jobs (tick, config reload, alert
dispatch, summary) with ``coalesce``, ``max_instances=1`` and no misfire limit, so a slow tick
is skipped rather than stacked and missed ticks are never replayed (R37). No job state is
persisted or pickled: the schedule of every source is ``sources.next_due_at`` in our database.

Every free slot is filled: a tick claims as many due sources as ``max_in_flight`` leaves room
for, at most one per host (the Fetcher also spaces requests per host across all companies), and
each finished check wakes a claim a moment later (``REFILL_S``, so checks ending together share
one query) instead of leaving its slot empty until the next tick. A backlog after downtime thus
drains at the rate the hosts' politeness and the concurrency limit allow, not 20 per tick; the
limit on running checks is what keeps it from being a stampede (R38). SIGTERM/SIGINT stop the
claiming, give running checks ``grace`` seconds, then abandon the rest: a check's results are
one transaction, so an abandoned check simply runs again after a restart.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from monitor.clock import iso
from monitor.errors import StoreError
from monitor.fetch.classify import NETWORK_FAILURES
from monitor.fetch.reach import no_network
from monitor.models import CheckResult, Source
from monitor.notify import DispatchReport
from monitor.pipeline import Context, check
from monitor.scheduler import claim
from monitor.scheduler.reload import ConfigWatcher
from monitor.scheduler.upkeep import Stats, checkpoint, wal_bytes
from monitor.store.retention import DEFAULT_KEEP, Pruned, roll_up_steps

STORE_BACKOFF_S = 60.0  # pause after the database refused a write
OFFLINE_REPEAT_S = 600.0  # an outage is said when it starts, then at most this often
REFILL_S = 0.02  # a freed slot is claimed again this soon: checks ending together share a query

log = logging.getLogger("monitor.scheduler")

AlertTick = Callable[[], Awaitable[DispatchReport]]


class Runner(Protocol):
    """Who runs a claimed check when it is not this process (the fleet: ``monitor.fleet``)."""

    async def check(self, source: Source) -> CheckResult:
        """Run one check to its recorded result."""

    def host_waits(self, host: str) -> bool:
        """True while the host asked to be left alone."""


@dataclass(frozen=True)
class DaemonSettings:
    """How the daemon paces itself."""

    tick: float = 5.0  # seconds between claims of due sources
    max_in_flight: int = 50
    reload_every: float = 10.0  # seconds between looks at sources.yaml
    alerts_every: float = 30.0
    grace: float = 20.0  # seconds running checks get to finish after SIGTERM
    summary_every: float = 60.0
    prune_every: float = 86400.0  # roll old checks up once a day
    keep_checks: timedelta = DEFAULT_KEEP  # raw checks kept this long (MONITOR_KEEP_CHECKS)


class Daemon:
    """Checks due sources until stopped; ``run(once=True)`` does one round and returns."""

    def __init__(self, ctx: Context, watcher: ConfigWatcher, db_path: Path,
                 settings: DaemonSettings = DaemonSettings(), *,
                 alerts: AlertTick | None = None, runner: Runner | None = None) -> None:
        self.ctx, self.watcher, self.db_path, self.settings = ctx, watcher, db_path, settings
        self.alerts_tick = alerts
        self.runner = runner
        self.stats = Stats()
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._hosts: dict[str, str] = {}  # host → source id in flight
        self._unsaved = 0  # checks finished since the last checkpoint
        self._stop = asyncio.Event()
        self._stopping = False
        self._last_wall: datetime | None = None
        self._last_summary = time.monotonic()
        self._unknown: set[str] = set()
        self._held_until = 0.0  # monotonic: no new checks while the database refuses writes
        # (url, error) of the checks since the last idle moment while every one of them failed
        # for want of network; None once one did not (the round's verdict is then known).
        self._round: list[tuple[str, str | None]] | None = []
        self._offline_said: float | None = None  # monotonic: when the outage was last said
        self._refill: asyncio.TimerHandle | None = None
        self._refills = False  # on in the long-running mode: a finished check wakes a claim

    # ---- claiming -------------------------------------------------------------------------

    async def tick(self, cutoff: datetime | None = None) -> int:
        """Claim due sources (due by ``cutoff``, default now) and start their checks."""
        started = self._claim(cutoff)
        if self._unsaved:
            self._unsaved = 0
            checkpoint(self.ctx.db, self.db_path, quiet=not self._tasks)
        return started

    def _claim(self, cutoff: datetime | None = None) -> int:
        """Fill every free slot with a due source of a host that is free."""
        if self._stopping or time.monotonic() < self._held_until:
            return 0
        room = self.settings.max_in_flight - len(self._tasks)
        if room <= 0:
            return 0
        now = self.ctx.clock()
        self._watch_clock(now)
        picked = claim.due(self.ctx.db, iso(cutoff or now), limit=room, busy_ids=self._tasks,
                           busy_hosts=self._hosts, host_waits=self._host_waits)
        sources = [s for s in (self._source(d.id) for d in picked) if s is not None]
        claim.mark_claimed(self.ctx.db, [s.id for s in sources], iso(now))
        for source in sources:
            self._start(source)
        return len(sources)

    def _wake(self) -> None:
        """A slot came free: claim again shortly (one claim for the checks ending meanwhile)."""
        if self._refills and self._refill is None and not self._stopping:
            self._refill = asyncio.get_running_loop().call_later(REFILL_S, self._refilled)

    def _refilled(self) -> None:
        self._refill = None
        try:
            self._claim()
        except (StoreError, sqlite3.Error) as exc:  # the next tick tries again
            log.warning("claiming due sources failed: %s", exc)

    def _source(self, source_id: str) -> Source | None:
        source = self.watcher.sources.get(source_id)
        if source is None and source_id not in self._unknown:
            self._unknown.add(source_id)
            log.warning("%s is due but not in the loaded config; skipped", source_id)
        return source

    def _host_waits(self, host: str) -> bool:
        if self.runner is not None:
            return self.runner.host_waits(host)
        until = self.ctx.fetcher.not_before(host)
        return until is not None and until > time.time()

    def _watch_clock(self, now: datetime) -> None:
        """A wall clock that jumps back only delays checks (R38); say so once per jump."""
        if self._last_wall is not None and now < self._last_wall - timedelta(seconds=1):
            log.warning("clock_skew: the wall clock went back %.0f s",
                        (self._last_wall - now).total_seconds())
        self._last_wall = now

    def _start(self, source: Source) -> None:
        task = asyncio.create_task(self._check(source), name=f"check {source.id}")
        self._tasks[source.id] = task
        self._hosts[source.host] = source.id

    async def _check(self, source: Source) -> None:
        try:
            if self.runner is not None:
                result = await self.runner.check(source)
            else:
                result = await check(source, self.ctx)
            self.stats.add(result)
            self._unsaved += 1
            self._note(source.url, None if result.outcome.healthy else result.fetched.error)
        except StoreError as exc:  # disk full, I/O error: hold back new checks (R35)
            self._held_until = time.monotonic() + STORE_BACKOFF_S
            log.error("%s; no new checks for %.0f s (the check runs again when due)", exc,
                      STORE_BACKOFF_S)
        except Exception:  # a bug must not stop the daemon; the check runs again when due
            log.exception("%s: check failed", source.id)
        finally:
            self._tasks.pop(source.id, None)
            if self._hosts.get(source.host) == source.id:
                del self._hosts[source.host]
            if not self._tasks:
                self._end_round()
            self._wake()

    def _note(self, url: str, error: str | None) -> None:
        """Remember a finished check for the round's verdict only while the verdict is open:
        a busy daemon may never be idle, and must not hold every check it ever ran."""
        if self._round is None:
            return
        if error in NETWORK_FAILURES:
            self._round.append((url, error))
        else:
            self._round = None

    def _end_round(self) -> None:
        """Nothing in flight: if every check of the round failed for want of network, say it,
        once per outage (offline, checks fail at once and rounds end every few milliseconds:
        again only every ``OFFLINE_REPEAT_S``), and say when a check is answered again."""
        answered = self._round is None
        verdict = no_network(self._round) if self._round is not None else None
        self._round = []
        now = time.monotonic()
        if verdict and (self._offline_said is None or now - self._offline_said >= OFFLINE_REPEAT_S):
            log.warning("%s", verdict)
            self._offline_said = now
        elif answered and self._offline_said is not None:
            log.warning("network back: sources answer again")
            self._offline_said = None

    # ---- the other jobs -------------------------------------------------------------------

    async def reload(self) -> None:
        """Pick up an edited sources.yaml (a bad edit keeps the previous config)."""
        if self._stopping:
            return
        # Parsing a big file takes seconds: do it off the loop so running checks go on.
        found = await asyncio.to_thread(self.watcher.read_changed)
        if found is not None and not self._stopping:
            self.watcher.adopt(*found)

    async def alerts(self) -> None:
        """One pass of the alert dispatcher."""
        if self.alerts_tick is not None:
            report = await self.alerts_tick()
            busy = report.claimed or report.requeued or report.dead or report.notices
            log.log(logging.INFO if busy else logging.DEBUG, "alerts: %s", report)

    async def prune(self) -> None:
        """Roll checks older than the retention window up per source and day, off the loop."""
        if self._stopping:
            return
        done = Pruned()
        try:  # a day of old checks per transaction; running checks write in between
            for _ in roll_up_steps(self.ctx.db, self.ctx.clock(), self.settings.keep_checks, done):
                if self._stopping:
                    return
                await asyncio.sleep(0)
        except (StoreError, sqlite3.Error) as exc:
            log.warning("history roll-up failed (tried again tomorrow): %s", exc)
            return
        if done.checks:
            log.info("history: %s", done)

    async def summary(self) -> None:
        """The periodic one-line account of what the daemon did."""
        now = time.monotonic()
        seconds, self._last_summary = now - self._last_summary, now
        due = claim.count_due(self.ctx.db, iso(self.ctx.clock()))
        log.info("%s", self.stats.summary(running=len(self._tasks), due=due,
                                          wal=wal_bytes(self.db_path), seconds=seconds))

    # ---- running and stopping -------------------------------------------------------------

    def stop(self) -> None:
        """Stop claiming; a second call abandons the running checks at once."""
        if self._stopping:
            log.warning("second stop signal: abandoning %d running check(s)", len(self._tasks))
            for task in self._tasks.values():
                task.cancel()
        self._stopping = True
        self._stop.set()

    async def run(self, *, once: bool = False) -> Stats:
        """Run until ``stop()`` (signals call it), or one round with ``once``."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        try:
            if once:
                await self._one_round()
            else:
                await self._forever()
            await self._drain()
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
            checkpoint(self.ctx.db, self.db_path, quiet=True)
        return self.stats

    async def _forever(self) -> None:
        s = self.settings
        scheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()}, executors={"default": AsyncIOExecutor()},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC)
        now = datetime.now(UTC)
        scheduler.add_job(self.tick, "interval", seconds=s.tick, id="tick", next_run_time=now)
        scheduler.add_job(self.reload, "interval", seconds=s.reload_every, id="reload")
        scheduler.add_job(self.summary, "interval", seconds=s.summary_every, id="summary")
        scheduler.add_job(self.prune, "interval", seconds=s.prune_every, id="prune",
                          next_run_time=now + timedelta(seconds=s.tick * 3))
        if self.alerts_tick is not None:
            scheduler.add_job(self.alerts, "interval", seconds=s.alerts_every, id="alerts",
                              next_run_time=now)
        scheduler.start()
        self._refills = True
        log.info("scheduler started: %d sources; tick %gs, at most %d running",
                 len(self.watcher.sources), s.tick, s.max_in_flight)
        try:
            await self._stop.wait()
        finally:
            self._refills = False
            if self._refill is not None:
                self._refill.cancel()
            scheduler.shutdown(wait=False)

    async def _one_round(self) -> None:
        """Every source due now, once (slot limit and one per host still hold), then alerts."""
        cutoff = self.ctx.clock()
        while not self._stopping:
            started = await self.tick(cutoff)
            if not started and not self._tasks:
                break
            stop = asyncio.ensure_future(self._stop.wait())
            await asyncio.wait([*self._tasks.values(), stop], timeout=self.settings.tick,
                               return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
        await self.alerts()

    async def _drain(self) -> None:
        """Let running checks finish within the grace period, then abandon the rest."""
        if not self._tasks:
            return
        log.info("stopping: waiting up to %gs for %d running check(s)", self.settings.grace,
                 len(self._tasks))
        _, pending = await asyncio.wait(list(self._tasks.values()), timeout=self.settings.grace)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
            self.stats.abandoned += len(pending)
            log.warning("abandoned %d check(s); they run again after a restart", len(pending))
