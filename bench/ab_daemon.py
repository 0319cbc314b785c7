"""Two commits' ``monitor run`` at N sources, alternated on one simweb: start-up and drain.

    .venv/bin/python bench/ab_daemon.py 3d75969                     # fresh database, 2 pairs
    .venv/bin/python bench/ab_daemon.py 3d75969 --outage --pairs 4  # known sources, all due

Each commit is a ``git archive`` (``bench/ab.py``'s ``checkout``), run with its own
``bench/cli_sim.py`` and ``PYTHONPATH``. ``--outage``: one ``monitor check`` round of the newer
commit first checks every source once; each run then starts on a copy of that database with
every source due, after one unrecorded run per commit that fills its config cache (the cache is
keyed by the code). Per run: seconds from launch to "scheduler started" and to the first
recorded check (the log), CPU of the daemon and its children at those moments (/proc), checks
per second after the first, the load average. One JSON line per run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import sites  # noqa: E402
from bench.ab import checkout  # noqa: E402
from bench.simctl import SimWeb  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` (with its reaped children) and of its live children."""
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            pids += [int(x) for x in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    except OSError:
        pass
    total = 0.0
    for n, p in enumerate(pids):
        try:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(f[11]) + int(f[12]) + (int(f[13]) + int(f[14]) if n == 0 else 0)) / TICK
    return round(total, 2)


def one(tree: Path, env: dict[str, str], seconds: float) -> dict[str, object]:
    """One ``monitor run`` for ``seconds``, then SIGTERM."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(tree / "bench" / "cli_sim.py"), "run",
                             "--max-running", "50"], env={**env, "PYTHONPATH": str(tree)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    checks: list[float] = []
    marks: dict[str, float] = {}

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            now = time.perf_counter() - t0
            if "scheduler started" in line and "started" not in marks:
                marks["started"], marks["cpu_started"] = now, tree_cpu(proc.pid)
            if "monitor.check:" in line:
                if not checks:
                    marks["cpu_first"] = tree_cpu(proc.pid)
                checks.append(now)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(seconds)
    proc.send_signal(signal.SIGTERM)
    proc.wait(120)
    reader.join(5)
    rate = (len(checks) - 1) / (checks[-1] - checks[0]) if len(checks) > 10 else 0.0
    return {"tree": tree.name, "load": round(os.getloadavg()[0], 1),
            "started_s": round(marks.get("started", -1.0), 2),
            "first_check_s": round(checks[0], 2) if checks else None,
            "cpu_started_s": marks.get("cpu_started"), "cpu_first_s": marks.get("cpu_first"),
            "checks": len(checks), "checks_per_s": round(rate, 1)}


def main() -> None:
    """Alternate the two commits' daemons; print one JSON line per run."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("base", help="the commit to compare with")
    p.add_argument("new", nargs="?", default="HEAD")
    p.add_argument("--companies", "-n", type=int, default=10000)
    p.add_argument("--pairs", type=int, default=2)
    p.add_argument("--seconds", type=float, default=40.0, help="each daemon runs this long")
    p.add_argument("--outage", action="store_true", help="known sources, all due")
    args = p.parse_args()
    out = ROOT / "bench" / "out" / "ab-daemon"
    trees = [checkout(args.base, out / "trees"), checkout(args.new, out / "trees")]
    config, seed = out / "sources.yaml", out / "seed.db"
    with SimWeb(min(1000, args.companies), validators=0.5, log=out / "simweb.log") as sim:
        sites.write_sources_yaml(config, args.companies, sim.port, min(1000, args.companies))
        env = {**os.environ, "MONITOR_SOURCES": str(config), "MONITOR_ALLOW_PRIVATE": "1",
               "MONITOR_MIN_HOST_DELAY": "0.05", "NO_COLOR": "1"}
        if args.outage:
            for suffix in ("", "-wal", "-shm", ".config-cache"):
                Path(f"{seed}{suffix}").unlink(missing_ok=True)
            subprocess.run([sys.executable, str(trees[1] / "bench" / "cli_sim.py"), "check",
                            "--concurrency", "50"], env={**env, "MONITOR_DB": str(seed),
                                                         "PYTHONPATH": str(trees[1])},
                           stdout=subprocess.DEVNULL, check=True)
        for k in range(-1 if args.outage else 0, args.pairs):
            for tree in trees if k % 2 == 0 else trees[::-1]:
                db = out / f"{tree.name}.db"
                for suffix in ("", "-wal", "-shm") + (() if args.outage else (".config-cache",)):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
                if args.outage:
                    shutil.copy(seed, db)
                    with sqlite3.connect(db) as conn:
                        conn.execute("UPDATE sources SET next_due_at = '2000-01-01T00:00:00Z'")
                figures = one(tree, {**env, "MONITOR_DB": str(db)}, args.seconds)
                print(json.dumps({"pair": k, **figures} if k >= 0 else {"cache_fill": figures}),
                      flush=True)


if __name__ == "__main__":
    main()
