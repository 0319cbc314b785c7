"""The fleet on simweb: embedded ``monitor run`` against a scheduler/writer with 1, 2, 4 workers.

    .venv/bin/python bench/fleet.py                          # 2,000 sources on 100 hosts
    .venv/bin/python bench/fleet.py --sources 500 --modes embedded,2   # quick look

Each mode starts from an empty database and an empty Redis (a redis-server of its own on a free
loopback port) and does one cold round: every source checked once. Processes are real: the
scheduler (``monitor.scheduler.service.run``, embedded or with ``MONITOR_BROKER_URL``) and each
worker (``monitor.fleet.worker.FleetWorker``) run as children of this script; the only bench
twist is the resolver that maps ``*.simweb.test`` to 127.0.0.1, so 100 host names stay 100
politeness keys. Measured from the first recorded check to the last: checks/s, CPU ms per check
(scheduler + workers + their parser pools; simweb never, Redis apart), the writer's transactions/s,
answers waiting (the writer's lag), and, with 4 workers, the gap between two request starts on
one host, taken where the fleet gate grants a turn.

    .venv/bin/python bench/fleet.py --render 20              # a rendered check: worker vs embedded

``--render N`` measures instead what one rendered check costs (bench/render.py's script-built
page, ``render: browser``, changed at every request so each check records a change and its
screenshot): N sequential checks embedded (``pipeline.check`` with a browser) and N through a
scheduler/writer and one worker in this process (real Redis, the worker's own chromium): wall and
CPU ms per check (this process, Redis, driver and chromium) and the size of the answer message.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import itertools
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import procstat, sites  # noqa: E402
from bench.simctl import PAGE_PATH, SimWeb  # noqa: E402

OUT = ROOT / "bench" / "out" / "fleet"
SIMULATED = 500  # simweb companies behind the sources (rendering 2,000 would only cost start-up)


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sources", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=100)
    ap.add_argument("--modes", default="embedded,1,2,4", help="embedded and/or worker counts")
    ap.add_argument("--delay", type=float, default=0.25, help="MONITOR_MIN_HOST_DELAY, seconds")
    ap.add_argument("--concurrency", type=int, default=16, help="checks per worker at once")
    ap.add_argument("--render", type=int, default=0, metavar="N",
                    help="only compare N rendered checks: through a worker vs embedded")
    ap.add_argument("--role", choices=("scheduler", "worker"), help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    return ap.parse_args()


# ---- the child processes --------------------------------------------------------------------

def scheduler_role(args: argparse.Namespace) -> None:
    """``monitor run`` (embedded, or the fleet's writer when MONITOR_BROKER_URL is set)."""
    from monitor.fetch.client import Fetcher, FetchSettings
    from monitor.fleet import FleetSettings
    from monitor.scheduler import DaemonSettings, RunOptions, service

    service.Fetcher = functools.partial(Fetcher, resolver=sites.resolver)  # type: ignore[misc]
    d: Path = args.dir
    opts = RunOptions(db_path=d / "monitor.db", sources_path=d / "sources.yaml",
                      alerts_path=d / "alerts.yaml",
                      fetch=FetchSettings(allow_private=True, min_host_delay=args.delay),
                      settings=DaemonSettings(tick=0.05, max_in_flight=200, grace=5),
                      fleet=FleetSettings.from_env())
    asyncio.run(service.run(opts))


def worker_role(args: argparse.Namespace) -> None:
    """One ``monitor worker``, noting when each request to a host got its turn."""
    import threading

    from monitor.fetch.client import FetchSettings
    from monitor.fleet import FleetSettings, gate
    from monitor.fleet.worker import FleetWorker, run_worker

    starts: list[tuple[str, float]] = []
    original = gate.SharedPoliteness.turn

    @asynccontextmanager
    async def timed(self: gate.SharedPoliteness, host: str) -> Any:
        async with original(self, host):
            starts.append((host, time.time()))  # one clock for every process of this machine
            yield

    gate.SharedPoliteness.turn = timed  # type: ignore[method-assign]
    settings = FleetSettings.from_env()
    assert settings is not None
    worker = FleetWorker(settings, FetchSettings(allow_private=True, min_host_delay=args.delay),
                         concurrency=args.concurrency, resolver=sites.resolver)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    run_worker(worker, stop)
    (args.dir / f"starts-{os.getpid()}.json").write_text(json.dumps(starts))


# ---- the conductor --------------------------------------------------------------------------

def sources_yaml(path: Path, count: int, hosts: int, port: int) -> None:
    """``count`` companies, one source each, spread over ``hosts`` host names."""
    lines = ["defaults:\n  every: 1h\n  confirm: 1\ncompanies:\n"]
    for i in range(count):
        page = sites.page_of(i)
        url = (f"http://h{i % hosts:03d}.{sites.DOMAIN}:{port}/c/c{i % SIMULATED:05d}/"
               f"{PAGE_PATH[page]}")
        lines.append(f"  - {{slug: c{i:05d}, name: Company {i}, sources: "
                     f"[{{kind: {sites.kind_of(page)}, url: '{url}'}}]}}\n")
    path.write_text("".join(lines))


def child(role: str, d: Path, env: dict[str, str], args: argparse.Namespace,
          name: str) -> subprocess.Popen[bytes]:
    log = (d / f"{name}.log").open("ab")
    return subprocess.Popen([sys.executable, str(Path(__file__)), "--role", role, "--dir", str(d),
                             "--delay", str(args.delay), "--concurrency", str(args.concurrency)],
                            env=env, stdout=log, stderr=log)


def tree_cpu(pids: list[int], exclude: frozenset[int]) -> float:
    """CPU seconds of these processes and everything below them."""
    every = set(pids)
    for pid in pids:
        every.update(procstat.descendants(pid, exclude))
    return sum(procstat.cpu_seconds(p) for p in every)


def recorded(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM checks").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def run_mode(mode: str, args: argparse.Namespace, sim: SimWeb, redis_url: str,
             redis_pid: int) -> dict[str, Any]:
    import redis as redis_client

    from monitor.fleet.broker import depth
    from monitor.fleet.settings import ANSWERS, FleetSettings

    d = OUT / f"mode-{mode}"
    subprocess.run(["rm", "-rf", str(d)], check=True)
    d.mkdir(parents=True)
    sources_yaml(d / "sources.yaml", args.sources, args.hosts, sim.port)
    conn = redis_client.Redis.from_url(redis_url)
    conn.flushall()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(MONITOR_ALLOW_PRIVATE="1", PYTHONPATH=str(ROOT))
    workers: list[subprocess.Popen[bytes]] = []
    if mode != "embedded":
        env["MONITOR_BROKER_URL"] = redis_url
        workers = [child("worker", d, env, args, f"worker{i}") for i in range(int(mode))]
        deadline = time.monotonic() + 120
        while conn.hlen("monitor:workers") < len(workers) and time.monotonic() < deadline:
            time.sleep(0.1)
    scheduler = child("scheduler", d, env, args, "scheduler")
    pids = [scheduler.pid, *(w.pid for w in workers)]
    exclude = frozenset({sim.pid, redis_pid})
    fleet = FleetSettings(url=redis_url) if workers else None
    db, n = d / "monitor.db", args.sources
    first = cpu0 = redis0 = t0 = writer0 = 0.0
    waiting: list[int] = []
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        done = recorded(db)
        if done and not t0:
            t0, cpu0, redis0 = time.monotonic(), tree_cpu(pids, exclude), procstat.cpu_seconds(redis_pid)
            writer0 = tree_cpu([scheduler.pid], exclude)
            first = done
        if fleet is not None and t0:
            waiting.append(sum(depth(conn, fleet, ANSWERS)))
        if done >= n:
            break
        time.sleep(0.1)
    wall = time.monotonic() - t0
    cpu = tree_cpu(pids, exclude) - cpu0
    writer_cpu = tree_cpu([scheduler.pid], exclude) - writer0  # with its parsers, if embedded
    redis_cpu = procstat.cpu_seconds(redis_pid) - redis0
    for proc in (scheduler, *workers):
        proc.send_signal(signal.SIGTERM)
    for proc in (scheduler, *workers):
        try:
            proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    counted = recorded(db) - first
    rate = counted / wall if wall else 0.0
    mean_wait = statistics.fmean(waiting) if waiting else 0.0
    result: dict[str, Any] = {
        "mode": mode, "checks": counted, "wall_s": wall, "checks_per_s": rate,
        "cpu_ms_per_check": cpu * 1000 / counted if counted else 0.0,
        "writer_cpu_ms_per_check": writer_cpu * 1000 / max(counted, 1), "redis_cpu_ms_per_check": redis_cpu * 1000 / max(counted, 1),
        "writer_tx_per_s": rate, "answers_waiting_max": max(waiting, default=0),
        "lag_s": mean_wait / rate if rate else 0.0,
        "db_bytes_per_check": db.stat().st_size / max(recorded(db), 1),
    }
    result.update(host_gaps(d))
    conn.close()
    return result


def host_gaps(d: Path) -> dict[str, Any]:
    """Minimum and median gap between two request starts on one host, over all workers."""
    per_host: dict[str, list[float]] = {}
    for f in d.glob("starts-*.json"):
        for host, at in json.loads(f.read_text()):
            per_host.setdefault(host, []).append(at)
    gaps = [b - a for times in per_host.values() for a, b in itertools.pairwise(sorted(times))]
    if not gaps:
        return {}
    return {"gap_min_s": min(gaps), "gap_median_s": statistics.median(gaps), "gaps": len(gaps)}


def start_redis() -> tuple[subprocess.Popen[bytes], str]:
    import socket

    import redis as redis_client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save",
                             "", "--appendonly", "no", "--dir", str(OUT)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            redis_client.Redis(port=port).ping()
            break
        except redis_client.ConnectionError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


def table(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    head = ("| mode | checks | wall s | checks/s | CPU ms/check | writer CPU ms/check | Redis CPU ms/check"
            " | writer tx/s | answers waiting max | lag s | gap min / median s |")
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        gap = (f"{r['gap_min_s']:.3f} / {r['gap_median_s']:.3f}" if "gap_min_s" in r else "-")
        lines.append(
            f"| {r['mode']} | {r['checks']} | {r['wall_s']:.1f} | {r['checks_per_s']:.1f} | "
            f"{r['cpu_ms_per_check']:.1f} | {r['writer_cpu_ms_per_check']:.1f} | "
            f"{r['redis_cpu_ms_per_check']:.2f} | {r['writer_tx_per_s']:.1f} | "
            f"{r['answers_waiting_max']} | {r['lag_s']:.2f} | {gap} |")
    lines.append(f"\n{args.sources} sources on {args.hosts} hosts, MONITOR_MIN_HOST_DELAY="
                 f"{args.delay} s, {args.concurrency} checks per worker, {os.cpu_count()} cores.")
    return "\n".join(lines)


# ---- a rendered check: worker vs embedded ----------------------------------------------------

async def rendered_cost(n: int, redis_url: str) -> dict[str, dict[str, float]]:
    """N rendered checks embedded, then N through the fleet, on the same loopback page."""
    import tempfile
    import threading
    from http.server import ThreadingHTTPServer

    from bench.render import _checks, _Handler
    from monitor.fetch.browser import Browser, BrowserSettings

    settings = BrowserSettings.from_env()
    assert settings is not None, "chromium is missing: run scripts/ensure-chromium"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with Browser(settings) as browser:
                embedded = await _checks(base, "/spa", n, browser, Path(tmp), 0.0)
            fleet = await _fleet_checks(base, n, redis_url, Path(tmp))
    finally:
        server.shutdown()
    return {"embedded": embedded, "worker": fleet}


async def _fleet_checks(base: str, n: int, redis_url: str, tmp: Path) -> dict[str, float]:
    from bench.render import _Clock, _cpu_tree
    from monitor.fetch.client import FetchSettings
    from monitor.fleet import FleetSettings
    from monitor.fleet import worker as worker_module
    from monitor.fleet.worker import FleetWorker
    from monitor.fleet.writer import FleetRunner
    from monitor.models import Outcome
    from monitor.pipeline import Context
    from monitor.scheduler.reload import ConfigWatcher
    from monitor.store.db import open_db

    (tmp / "sources.yaml").write_text(
        "companies:\n  - slug: acme\n    name: ACME\n    sources:\n      - kind: website\n"
        f"        url: {base}/spa\n        every: 1h\n        confirm: 1\n        render: browser\n")
    db = open_db(tmp / "fleet.db")
    clock = _Clock()
    watcher = ConfigWatcher(tmp / "sources.yaml", db, clock, allow_private=True)  # type: ignore[arg-type]
    watcher.load()
    sizes: list[int] = []
    sent = worker_module.send

    def noted(broker: Any, *, queue: str, actor: str, argument: Any) -> None:
        sizes.append(len(json.dumps(argument)))
        sent(broker, queue=queue, actor=actor, argument=argument)

    worker_module.send = noted  # type: ignore[assignment]
    fleet = FleetSettings(url=redis_url)
    worker = FleetWorker(fleet, FetchSettings(allow_private=True, min_host_delay=0.0),
                         concurrency=2, name="bench")
    await asyncio.to_thread(worker.start)
    try:
        ctx = Context(db=db, fetcher=FleetRunner.stand_in(), clock=clock)  # type: ignore[arg-type]
        async with FleetRunner(fleet, ctx, watcher) as runner:
            (source,) = watcher.sources.values()
            await runner.check(source)  # baseline, and the browser's launch, outside the figures
            sizes.clear()
            cpu, wall, ok = _cpu_tree(), time.perf_counter(), 0
            for _ in range(n):
                ok += (await runner.check(source)).outcome is Outcome.OK
            wall, cpu = time.perf_counter() - wall, _cpu_tree() - cpu
    finally:
        await asyncio.to_thread(worker.stop)
        worker_module.send = sent  # type: ignore[assignment]
        db.close()
    assert ok == n, f"{ok} of {n} rendered checks OK"
    return {"wall_ms": 1000 * wall / n, "cpu_ms": 1000 * cpu / n,
            "answer_kb": statistics.fmean(sizes) / 1024}


def render_table(found: dict[str, dict[str, float]], n: int) -> str:
    e, w = found["embedded"], found["worker"]
    return "\n".join([
        "| rendered check | wall ms | CPU ms | answer KiB |", "|---|---|---|---|",
        f"| embedded | {e['wall_ms']:.0f} | {e['cpu_ms']:.0f} | - |",
        f"| through a worker | {w['wall_ms']:.0f} | {w['cpu_ms']:.0f} | {w['answer_kb']:.0f} |",
        f"\nmean of {n} sequential checks, each recording a change and its screenshot; CPU of this"
        f" process, Redis, the Playwright driver and chromium; {os.cpu_count()} cores."])


def main() -> None:
    args = arguments()
    if args.role == "scheduler":
        return scheduler_role(args)
    if args.role == "worker":
        return worker_role(args)
    OUT.mkdir(parents=True, exist_ok=True)
    redis_proc, url = start_redis()
    if args.render:
        try:
            found = asyncio.run(rendered_cost(args.render, url))
        finally:
            redis_proc.terminate()
            redis_proc.wait(timeout=10)
        print(render_table(found, args.render))
        (OUT / "render.json").write_text(json.dumps(found, indent=1))
        return
    rows = []
    try:
        with SimWeb(SIMULATED, validators=0.5, log=OUT / "simweb.log") as sim:
            for mode in args.modes.split(","):
                print(f"mode {mode} ...", file=sys.stderr, flush=True)
                rows.append(run_mode(mode, args, sim, url, redis_proc.pid))
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    finally:
        redis_proc.terminate()
        redis_proc.wait(timeout=10)
    print(table(rows, args))
    (OUT / "results.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
