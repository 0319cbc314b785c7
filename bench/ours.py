"""Our side of the benchmark: rounds of real checks through ``monitor.pipeline.check_many``.

Wired as ``monitor.pipeline.checking`` wires production: real SQLite file (WAL,
synchronous=FULL), the real Fetcher (robots.txt on and kept in the database, per-host
politeness, SSRF gate with ``allow_private`` since simweb is on loopback), the parser worker
pool started by the first page to parse, and the batching writer (``--no-batch``: one
transaction per check). CPU is this process plus its parser workers, never simweb.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench import procstat, sites
from bench.simctl import SimWeb
from monitor.clock import utcnow
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Category, CheckResult, Company, Source
from monitor.pipeline import Context, check_many
from monitor.store.batch import BatchWriter
from monitor.store.db import open_db
from monitor.store.robots import SqliteRobots
from monitor.store.sync import sync_config
from monitor.workers import ParserPool, PoolSettings

FETCH = FetchSettings(allow_private=True, robots=True, min_host_delay=0.05, max_concurrency=50)


@dataclass(frozen=True)
class Round:
    """What one round of N checks cost and found."""

    name: str
    checks: int
    wall: float
    cpu_own: float
    cpu_workers: float
    outcomes: dict[str, int]
    statuses: dict[int, int]
    changed: frozenset[tuple[str, str]] = frozenset()  # (slug, page) with a profile change
    parsed: int = 0  # bodies handed to the parser pool

    @property
    def per_second(self) -> float:
        """Checks per wall-clock second."""
        return self.checks / self.wall if self.wall else 0.0

    @property
    def cpu_ms(self) -> float:
        """CPU milliseconds per check, ours and the parser workers' together."""
        return (self.cpu_own + self.cpu_workers) * 1000 / self.checks if self.checks else 0.0


@dataclass
class Ours:
    """The in-process monitor under test."""

    sim: SimWeb
    out: Path
    count: int
    concurrency: int = 50
    workers: int = 2
    profile: set[str] = field(default_factory=set)
    fetch: FetchSettings = FETCH
    synchronous: str = "FULL"  # production's setting; NORMAL only to measure what FULL costs
    batch: bool = True  # production's batching writer; False to measure one commit per check
    rounds: list[Round] = field(default_factory=list)
    peak_own_mb: float = 0.0
    peak_workers_mb: float = 0.0
    db_mb: float = 0.0

    def __post_init__(self) -> None:
        self.companies: tuple[Company, ...] = sites.companies(self.count, self.sim.port,
                                                              self.sim.companies)
        self.page = {c.sources[0].id: (c.slug, sites.page_of(i))
                     for i, c in enumerate(self.companies)}

    async def run(self, steps: list[tuple[str, Callable[[], object] | None]]) -> None:
        """Run the named rounds in order, each after its hook (if any) has run."""
        db_path = self.out / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        db = open_db(db_path)
        db.execute(f"PRAGMA synchronous = {self.synchronous}")
        sync_config(db, self.companies, "2026-01-01T00:00:00Z")
        exclude = frozenset({self.sim.pid})
        settings = PoolSettings(workers=self.workers, max_tasks=1_000_000, lazy=True)
        writer = BatchWriter(db) if self.batch else None
        async with Fetcher(self.fetch, resolver=sites.resolver,
                           robots_store=SqliteRobots(db)) as fetcher, \
                ParserPool(settings) as pool:
            route = lambda change: [("bench", "immediate")]  # noqa: E731  every change → outbox
            ctx = Context(db=db, fetcher=fetcher, clock=utcnow, extractor=pool.extract, route=route,
                          writer=writer)
            sources = [c.sources[0] for c in self.companies]
            for name, hook in steps:
                if hook is not None:
                    hook()
                self.rounds.append(await self._round(name, sources, ctx, pool, exclude))
            self.peak_own_mb, self.peak_workers_mb = procstat.peak_memory(exclude)
        db.close()
        self.db_mb = db_path.stat().st_size / 2**20

    async def _round(self, name: str, sources: list[Source], ctx: Context, pool: ParserPool,
                     exclude: frozenset[int]) -> Round:
        parsed = pool.stats.tasks
        profiler = cProfile.Profile() if name in self.profile else None
        before, t0 = procstat.sample(exclude), time.perf_counter()
        if profiler:
            profiler.enable()
        results = await check_many(sources, ctx, concurrency=self.concurrency)
        if profiler:
            profiler.disable()
        wall, after = time.perf_counter() - t0, procstat.sample(exclude)
        if profiler:
            self._dump(profiler, name)
        return Round(name=name, checks=len(results), wall=wall, cpu_own=after.own - before.own,
                     cpu_workers=after.helpers - before.helpers,
                     outcomes=dict(Counter(r.outcome.value for r in results)),
                     statuses=dict(Counter(r.fetched.status for r in results)),
                     changed=frozenset(self.page[r.source.id] for r in results if _changed(r)),
                     parsed=pool.stats.tasks - parsed)

    def _dump(self, profiler: cProfile.Profile, name: str) -> None:
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text).strip_dirs()
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)
        path = self.out / f"profile-{name}.txt"
        path.write_text(text.getvalue())
        print(f"profile of round {name!r} (main process only): {path}")


def _changed(result: CheckResult) -> bool:
    return any(c.category is not Category.HEALTH for c in result.changes)


def run(sim: SimWeb, out: Path, count: int, *, workers: int, concurrency: int,
        profile: set[str], limit: float, between: Callable[[], object],
        connections: int = 0, synchronous: str = "FULL", batch: bool = True) -> Ours:
    """Cold round, unchanged round, ``between()`` (which advances simweb), changed round.

    ``connections`` > 0 raises the fetch layer's connection-pool size (it is 2 × its
    ``max_concurrency``, at least 100) to measure connection churn; 0 keeps the default.
    """
    fetch = replace(FETCH, max_concurrency=connections // 2) if connections else FETCH
    ours = Ours(sim, out, count, concurrency=concurrency, workers=workers, profile=profile,
                fetch=fetch, synchronous=synchronous, batch=batch)
    steps: list[tuple[str, Callable[[], object] | None]] = [
        ("cold", None), ("unchanged", None), ("changed", between)]
    asyncio.run(asyncio.wait_for(ours.run(steps), limit))
    return ours
