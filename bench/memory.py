"""Peak memory of a daemon holding many sources: the real ``Daemon`` on a generated sources.yaml.

Run by ``bench/run.py`` in a process of its own, so its peak RSS is the daemon's alone:

    .venv/bin/python bench/memory.py --sources 10000 --checks 2000 --port 8800 --simulated 1000

The config goes through ``load_config`` (ConfigWatcher; ``--config direct`` builds the same
companies in Python instead, to separate the loader's cost), is mirrored into a fresh SQLite file,
and one ``Daemon.run(once=True)`` round checks ``--checks`` of the sources (the others are
scheduled an hour ahead: held, not checked) through the real Fetcher and the parser pool.
Memory is reported as peak RSS per process (VmHWM; summed, fork-shared pages count once per
process) and as PSS (shared pages split between the processes sharing them), sampled twice a
second. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import procstat, sites
from bench.ours import FETCH
from monitor.clock import iso, utcnow
from monitor.fetch.client import Fetcher
from monitor.pipeline import Context
from monitor.scheduler.daemon import Daemon, DaemonSettings
from monitor.scheduler.reload import ConfigWatcher
from monitor.store.batch import BatchWriter
from monitor.store.db import open_db
from monitor.store.robots import SqliteRobots
from monitor.store.sync import sync_config
from monitor.workers import ParserPool, PoolSettings
from monitor.workers.pool import default_workers


async def measure(args: argparse.Namespace) -> dict[str, object]:
    """Load, sync, check; the figures as a dict."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    yaml_path, db_path = out / "sources-memory.yaml", out / "memory.db"
    size = sites.write_sources_yaml(yaml_path, args.sources, args.port, args.simulated)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = open_db(db_path)
    t0 = time.perf_counter()
    watcher = ConfigWatcher(yaml_path, db, utcnow, allow_private=True)
    if args.config == "yaml":
        watcher.load()
    else:  # the same companies built in Python: what holding them costs without the loader
        companies = sites.companies(args.sources, args.port, args.simulated)
        sync_config(db, companies, iso(utcnow()))
        watcher.sources = {c.sources[0].id: c.sources[0] for c in companies}
    load_s = time.perf_counter() - t0
    held = sorted(watcher.sources)[args.checks:]
    db.conn.executemany("UPDATE sources SET next_due_at = '2999-01-01T00:00:00Z' WHERE id = ?",
                        [(sid,) for sid in held])
    db.conn.commit()
    rss_loaded = procstat.peak_rss_mb(os.getpid())
    settings = DaemonSettings(tick=0.05, max_in_flight=50)
    t0 = time.perf_counter()
    # Wired as monitor.pipeline.checking wires production (robots in the DB, lazy pool, batches).
    async with Fetcher(FETCH, resolver=sites.resolver, robots_store=SqliteRobots(db)) as fetcher, \
            ParserPool(PoolSettings(workers=args.workers, lazy=True)) as pool:
        ctx = Context(db=db, fetcher=fetcher, clock=utcnow, extractor=pool.extract,
                      writer=BatchWriter(db))
        peak_pss = [procstat.pss_total(frozenset())]
        peaks: dict[int, float] = {}  # pid → VmHWM MiB, kept for workers retired meanwhile
        sampler = asyncio.create_task(_sample_pss(peak_pss, peaks))
        stats = await Daemon(ctx, watcher, db_path, settings).run(once=True)
        sampler.cancel()
        own, workers = procstat.peak_memory(frozenset())
        pss = procstat.pss_total(frozenset())
        per_worker = max((procstat.peak_rss_mb(p) for p in pool.pids()), default=0.0)
        processes = per_process(pool.pids(), peaks)
    return {"config": args.config, "sources": len(watcher.sources), "checks": stats.checks,
            "yaml_kib": size / 1024,
            "config_load_s": round(load_s, 2), "round_s": round(time.perf_counter() - t0, 1),
            "rss_after_load_mb": round(rss_loaded, 1), "peak_main_mb": round(own, 1),
            "peak_workers_mb": round(workers, 1), "peak_per_worker_mb": round(per_worker, 1),
            "peak_total_mb": round(own + workers, 1), "pss_end_mb": round(pss, 1),
            "peak_pss_mb": round(max(peak_pss), 1), "processes": processes,
            "main_top_allocations": top_allocations(args.tracemalloc)}


def per_process(workers: list[int], sampled: dict[int, float]) -> dict[str, list[float]]:
    """Peak RSS and current PSS (MiB) of the main process, each worker and any other helper;
    processes gone by the end (a worker retired after ``max_tasks``) with their sampled peak."""
    roles = {os.getpid(): "main"}
    for pid in procstat.descendants(os.getpid()):
        roles[pid] = "worker" if pid in workers else "helper"
    out = {f"{role} {pid}": [round(procstat.peak_rss_mb(pid), 1), round(procstat.pss_mb(pid), 1)]
           for pid, role in roles.items()}
    out.update({f"gone {pid}": [round(mb, 1), 0.0] for pid, mb in sampled.items()
                if pid not in roles})
    return out


def top_allocations(count: int) -> list[str]:
    """The main process's largest live allocations by source line (with ``--tracemalloc``)."""
    if not count or not tracemalloc.is_tracing():
        return []
    stats = tracemalloc.take_snapshot().statistics("lineno")[:count]
    return [f"{s.size / 2**20:.1f} MiB {s.count} {s.traceback[0]}" for s in stats]


async def _sample_pss(peak: list[float], peaks: dict[int, float]) -> None:
    """Sample the PSS of the daemon and its workers twice a second (the kernel keeps no peak
    PSS), and each helper's peak RSS (a retired worker's is gone with it)."""
    while True:
        await asyncio.sleep(0.5)
        peak.append(await asyncio.to_thread(procstat.pss_total, frozenset()))
        for pid in procstat.descendants(os.getpid()):
            peaks[pid] = max(peaks.get(pid, 0.0), procstat.peak_rss_mb(pid))


def main() -> None:
    """Parse the arguments, measure, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--checks", type=int, default=2000)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--simulated", type=int, required=True, help="companies simweb serves")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="parser workers (default: what production uses on this machine)")
    parser.add_argument("--config", choices=["yaml", "direct"], default="yaml",
                        help="load sources.yaml (default), or build the same sources in Python")
    parser.add_argument("--tracemalloc", type=int, default=0, metavar="N",
                        help="trace the main process's allocations and report the N largest")
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"))
    args = parser.parse_args()
    if args.tracemalloc:
        tracemalloc.start()
    print(json.dumps(asyncio.run(measure(args))))


if __name__ == "__main__":
    main()
