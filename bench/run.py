"""The benchmark: our monitor against simweb and against urlwatch. ``make bench`` runs it.

    .venv/bin/python bench/run.py                      # N=1000, validators 0.5, ~2-4 min
    .venv/bin/python bench/run.py --companies 200 --no-memory --no-urlwatch   # quick
    .venv/bin/python bench/run.py --profile unchanged  # cProfile of that round's main process

Starts ../shared/bench/simweb.py (a process of its own, CPU not counted), runs a cold round, an
unchanged round and, after simweb advanced one epoch, a changed round of N checks through
``monitor.pipeline.check_many``; compares the changes recorded with simweb's ground truth; runs
urlwatch on the same pages; measures a daemon holding 10,000 sources; prints a table and
appends a row to bench/RESULTS.md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import ours as ours_mod  # noqa: E402
from bench import report, sites  # noqa: E402
from bench.peers import PeerRun, Urlwatch  # noqa: E402
from bench.simctl import SimWeb  # noqa: E402
from monitor.workers.pool import default_workers  # noqa: E402

OUT = ROOT / "bench" / "out"


def arguments() -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--companies", "-n", type=int, default=1000, help="sources (one per company)")
    p.add_argument("--validators", type=float, default=0.5,
                   help="share of sites sending ETag/Last-Modified (simweb --validators)")
    p.add_argument("--workers", type=int, default=default_workers(),
                   help="parser worker processes (default: what production uses here)")
    p.add_argument("--concurrency", type=int, default=50, help="checks in flight")
    p.add_argument("--memory-sources", type=int, default=10_000)
    p.add_argument("--memory-checks", type=int, default=2000)
    p.add_argument("--no-memory", action="store_true", help="skip the 10,000-source daemon")
    p.add_argument("--no-urlwatch", action="store_true")
    p.add_argument("--no-process", action="store_true",
                   help="skip the whole-process rounds and the daemon start-up (bench/process.py)")
    p.add_argument("--urlwatch-nofilters", action="store_true",
                   help="also run urlwatch with its filters off")
    p.add_argument("--profile", action="append", default=[], metavar="ROUND",
                   choices=["cold", "unchanged", "changed"])
    p.add_argument("--connections", type=int, default=0,
                   help="experiment: fetch connection-pool size (default: the fetch layer's, 100)")
    p.add_argument("--synchronous", choices=["FULL", "NORMAL"], default="FULL",
                   help="experiment: SQLite synchronous mode of the benchmark database")
    p.add_argument("--no-batch", action="store_true",
                   help="experiment: one transaction per check instead of the batching writer")
    p.add_argument("--max-seconds", type=float, default=1800, help="cap on the whole run")
    p.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    return p.parse_args()


def peer_runs(sim: SimWeb, args: argparse.Namespace, deadline: float,
              watchers: list[tuple[str, Urlwatch]], phase: list[str]) -> list[tuple[str, PeerRun]]:
    """urlwatch runs for the given phases, each bounded by what is left of the deadline."""
    runs = []
    for label, watcher in watchers:
        for name in phase:
            left = max(30.0, deadline - time.monotonic())
            runs.append((label, watcher.run(name, left)))
    return runs


def memory_run(sim: SimWeb, args: argparse.Namespace, limit: float) -> list[dict[str, Any]]:
    """The 10,000-source daemon in a process of its own: with sources.yaml, then without."""
    if args.no_memory:
        return []
    runs = []
    for config in ("yaml", "direct"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "memory.py"), "--sources",
             str(args.memory_sources), "--checks", str(args.memory_checks), "--port", str(sim.port),
             "--simulated", str(sim.companies), "--workers", str(args.workers), "--out", str(OUT),
             "--config", config], capture_output=True, text=True, timeout=limit / 2, check=False)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            continue
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return runs


def process_run(args: argparse.Namespace, limit: float) -> dict[str, Any]:
    """bench/process.py: whole ``monitor check`` rounds at N, then a daemon at --memory-sources."""
    if args.no_process:
        return {}
    figures: dict[str, Any] = {}
    runs = [["--companies", str(args.companies), "--validators", str(args.validators),
             "--daemon-seconds", "30"]]
    if not args.no_memory:
        runs.append(["--companies", str(args.memory_sources), "--no-rounds", "--daemon-seconds",
                     "60"])
    for extra in runs:
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "process.py"), *extra],
                              capture_output=True, text=True, timeout=limit / 2, check=False)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            continue
        figures.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return figures


def main() -> None:
    """Run everything, print the table, record the row."""
    args = arguments()
    # A SIGTERM (timeout, kill) unwinds the context managers, so simweb never outlives us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = time.monotonic() + args.max_seconds
    OUT.mkdir(parents=True, exist_ok=True)
    with SimWeb(args.companies, validators=args.validators, log=OUT / "simweb.log") as sim:
        start = sim.epoch()
        watchers: list[tuple[str, Urlwatch]] = []
        if not args.no_urlwatch:
            watchers.append(("urlwatch", Urlwatch(OUT, sim, args.companies)))
            if args.urlwatch_nofilters:
                watchers.append(("urlwatch, filters off",
                                 Urlwatch(OUT, sim, args.companies, filters=False)))
        peers: list[tuple[str, PeerRun]] = []

        def between() -> None:
            peers.extend(peer_runs(sim, args, deadline, watchers, ["cold", "unchanged"]))
            sim.advance()

        ours = ours_mod.run(sim, OUT, args.companies, workers=args.workers,
                            concurrency=args.concurrency, profile=set(args.profile),
                            limit=max(60.0, deadline - time.monotonic()), between=between,
                            connections=args.connections, synchronous=args.synchronous,
                            batch=not args.no_batch)
        peers.extend(peer_runs(sim, args, deadline, watchers, ["changed"]))
        truth = {(slug, page) for slug, page in sim.changed(start, start + 1)
                 if sites.page_of(int(slug[1:])) == page}
        invisible = sim.invisible(truth, start, start + 1)
        memory = memory_run(sim, args, max(60.0, deadline - time.monotonic()))
    process = process_run(args, max(120.0, deadline - time.monotonic()))
    result = report.Result(args=vars(args), ours=ours, peers=peers, truth=truth - invisible,
                           invisible=invisible, memory=memory, process=process)
    print(report.table(result))
    if not args.no_record:
        report.record(result, ROOT / "bench" / "RESULTS.md")
        print(f"recorded in {ROOT / 'bench' / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
