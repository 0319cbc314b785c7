"""Measure `monitor run` on a local replay: sources scheduled, checks per minute, peak memory.

Runs the shared simulated web (../shared/bench/simweb.py), one server per loopback address
127.0.0.1 .. 127.0.0.H so politeness (per host) spreads as it would over real sites, writes a
sources.yaml with one source per company (page kinds cycling home/about/team/contact/news/feed,
``every: 1m`` so demand exceeds what the daemon may do and the rate measured is its ceiling),
runs `monitor run` as a real process for a bounded time, samples the RSS of it and of its
children (parser workers, a config loader) from /proc every second, then stops it with SIGTERM. Everything stays on this machine.

    .venv/bin/python bench/daemon_rss.py --companies 1000 --hosts 10 --seconds 120
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.procstat import descendants  # noqa: E402

SIMWEB = ROOT.parent / "shared" / "bench" / "simweb.py"
PAGES = (("website", ""), ("website", "about"), ("website", "team"), ("website", "contact"),
         ("website", "news"), ("feed", "feed.xml"))


def start_simweb(host: str, companies: int, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    """One simweb server on ``host``; its process and port."""
    out = log.open("wb")
    proc = subprocess.Popen([sys.executable, str(SIMWEB), "--companies", str(companies),
                             "--host", host, "--port", "0", "--auto-epoch", "50"],
                            stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(rb"http://[0-9.]+:(\d+)/", log.read_bytes())
        if found:
            return proc, int(found.group(1))
        if proc.poll() is not None:
            raise RuntimeError(f"simweb exited: {log.read_text()[-2000:]}")
        time.sleep(0.1)
    raise RuntimeError("simweb did not start")


def write_sources(path: Path, companies: int, hosts: list[tuple[str, int]]) -> None:
    """One source per company, spread over the hosts."""
    lines = ["companies:"]
    for i in range(companies):
        host, port = hosts[i % len(hosts)]
        kind, page = PAGES[i % len(PAGES)]
        lines += [f"  - slug: c{i:05d}", f"    name: Company {i}", "    sources:",
                  f"      - kind: {kind}", f"        url: http://{host}:{port}/c/c{i:05d}/{page}",
                  "        every: 1m", "        confirm: 1"]
    path.write_text("\n".join(lines) + "\n")


def proc_kib(pid: int, field: str) -> int:
    """VmRSS / VmHWM of a process in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    """A read-only query on the live file."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def run(args: argparse.Namespace) -> dict[str, object]:
    """Start everything, watch for ``args.seconds``, stop, and gather the figures."""
    work = ROOT / "bench" / "out" / "daemon_rss"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    webs = [start_simweb(f"127.0.0.{h + 1}", args.companies, work / f"simweb{h}.log")
            for h in range(args.hosts)]
    db = work / "monitor.db"
    try:
        write_sources(work / "sources.yaml", args.companies,
                      [(f"127.0.0.{h + 1}", port) for h, (_, port) in enumerate(webs)])
        env = {**os.environ, "MONITOR_ALLOW_PRIVATE": "1", "MONITOR_DB": str(db),
               "MONITOR_SOURCES": str(work / "sources.yaml")}  # alerts.yaml beside it
        argv = [sys.executable, "-m", "monitor", "run", "--tick", str(args.tick),
                "--max-running", str(args.max_running), "--host-delay",
                str(args.host_delay)]
        log = (work / "monitor-run.log").open("wb")
        started = time.monotonic()
        daemon = subprocess.Popen(argv, env=env, stdout=log, stderr=log)
        peaks: dict[int, int] = {}  # pid → VmHWM KiB (the main process and its children)
        summed = 0  # the largest sum of current RSS seen at one sample
        while time.monotonic() - started < args.seconds and daemon.poll() is None:
            time.sleep(1.0)
            pids = [daemon.pid, *descendants(daemon.pid)]
            for pid in pids:
                peaks[pid] = max(peaks.get(pid, 0), proc_kib(pid, "VmHWM"))
            summed = max(summed, sum(proc_kib(pid, "VmRSS") for pid in pids))
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(60)
        elapsed = time.monotonic() - started
    finally:
        for proc, _ in webs:
            proc.terminate()
            proc.wait(10)
    memory = {"peak_rss_mib": round(peaks.get(daemon.pid, 0) / 1024, 1),
              "peak_rss_children_mib": [round(kib / 1024, 1) for pid, kib in peaks.items()
                                        if pid != daemon.pid],
              "peak_summed_rss_mib": round(sum(peaks.values()) / 1024, 1),
              "max_summed_current_rss_mib": round(summed / 1024, 1)}
    return {**figures(db, args, elapsed, code), **memory}


def figures(db: Path, args: argparse.Namespace, elapsed: float, code: int) -> dict[str, object]:
    """What the run did, read back from its database."""
    sources = query(db, "SELECT count(*) FROM sources")[0][0]
    checked = query(db, "SELECT count(DISTINCT source) FROM checks")[0][0]
    checks = query(db, "SELECT count(*) FROM checks")[0][0]
    first, last = query(db, "SELECT min(started_at), max(started_at) FROM checks")[0]
    per_minute = query(db, "SELECT substr(started_at, 1, 16) AS minute, count(*) FROM checks"
                           " GROUP BY minute ORDER BY minute")
    full = [n for _, n in per_minute[1:-1]]  # whole minutes only
    outcomes = dict(query(db, "SELECT outcome, count(*) FROM checks GROUP BY outcome"))
    changes = query(db, "SELECT count(*) FROM changes")[0][0]
    return {
        "companies": args.companies, "hosts": args.hosts, "seconds": round(elapsed, 1),
        "settings": {"tick": args.tick, "max_running": args.max_running,
                     "host_delay": args.host_delay},
        "sources_scheduled": sources, "sources_checked": checked, "checks": checks,
        "first_check": first, "last_check": last,
        "checks_per_minute_overall": round(checks / elapsed * 60, 1),
        "checks_per_minute_sustained": round(sum(full) / len(full), 1) if full else None,
        "checks_per_whole_minute": full, "outcomes": outcomes, "changes": changes,
        "exit_status": code,
        "db_mib": round(db.stat().st_size / 2**20, 1),
    }


def main() -> None:
    """Parse the options, run, print and save the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--companies", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=120.0, help="how long to run (bounded)")
    ap.add_argument("--tick", type=float, default=1.0)
    ap.add_argument("--max-running", type=int, default=50)
    ap.add_argument("--host-delay", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "daemon_rss.json")
    args = ap.parse_args()
    if not 1 <= args.hosts <= 250 or args.seconds > 3600:
        ap.error("--hosts must be 1..250 and --seconds at most 3600")
    result = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
