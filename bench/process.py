"""Whole ``monitor`` processes on simweb: ``check`` rounds, one-source check, daemon start-up.

    .venv/bin/python bench/process.py --companies 1000            # prints one JSON line
    .venv/bin/python bench/process.py --companies 10000 --daemon-seconds 40

What ``bench/run.py`` measures in-process leaves out what a user pays per command: imports,
config loading, process and worker start-up, robots.txt. Here each round is a real
``monitor check`` process (``bench/cli_sim.py``), CPU counted for it and every process it
started: this process is a child subreaper (prctl), so the parser workers are
reaped here and land in ``RUSAGE_CHILDREN`` too. simweb's CPU is never counted. Rounds: cold,
unchanged (validators 0.5: 304s and unchanged 200s), changed (after one simweb epoch), then a
one-source ``monitor check SLUG``. With ``--daemon-seconds``: ``monitor run`` on the same
database with every source due (after the rounds: a backlog of known sources, as after an
outage; with ``--no-rounds``: a fresh database, every source new), timed from launch to the
first recorded check, its checks per second after that (the drain rate), and its summed RSS
(main + workers) at the end. ``--one-source RUNS``: the one-source check alone (its first run
sets the database up), the median of RUNS runs after it.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import procstat, sites  # noqa: E402
from bench.simctl import SimWeb  # noqa: E402
from monitor.fetch.browser import chromium_path  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36


def children_cpu() -> tuple[float, float]:
    """CPU seconds and peak RSS (MiB) of every reaped descendant so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def reap_orphans(keep: int, timeout: float = 15.0) -> None:
    """Wait for the descendants the CLI left behind (parser workers), not for simweb."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        if not [p for p in procstat.descendants(os.getpid(), frozenset({keep})) if p != keep]:
            return
        time.sleep(0.05)


def run_cli(argv: list[str], env: dict[str, str], keep: int) -> dict[str, float]:
    """One ``monitor`` command; its wall time, CPU (with descendants) and the peak RSS of the
    command's own process (``RUSAGE_CHILDREN``'s peak would be the largest of every process
    reaped so far, the cold round's for a one-source check that follows it)."""
    cpu0, _ = children_cpu()
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "cli_sim.py"), *argv],
                                env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        reap_orphans(keep)
        cpu1, _ = children_cpu()
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"monitor {' '.join(argv)} failed: {err.read()[-2000:].decode()}")
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu1 - cpu0, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def median_run(argv: list[str], env: dict[str, str], keep: int, runs: int) -> dict[str, float]:
    """The run of median CPU among ``runs`` runs of a command that changes nothing."""
    done = sorted((run_cli(argv, env, keep) for _ in range(runs)), key=lambda r: r["cpu_s"])
    return {**done[len(done) // 2], "runs": runs}


def daemon(env: dict[str, str], db: Path, seconds: float) -> dict[str, float]:
    """``monitor run`` with everything due: start-up to first check, then checks per second."""
    if db.exists():
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE sources SET next_due_at = '2000-01-01T00:00:00Z'")
    before = _checks(db) if db.exists() else 0
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "cli_sim.py"), "run",
                             "--max-running", "50"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    first = t_first = t_last = None
    counted = done = 0
    rss = 0.0
    try:
        while time.perf_counter() - t0 < seconds and proc.poll() is None:
            time.sleep(0.2)
            now = _checks(db) if db.exists() else 0
            if first is None and now > before:
                first, t_first, counted = time.perf_counter() - t0, time.perf_counter(), now
            elif first is not None and now > done:
                t_last = time.perf_counter()  # the rate counts the busy time only
            done = max(done, now)
        rss = sum(procstat.peak_rss_mb(p) for p in [proc.pid, *procstat.descendants(proc.pid)])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(120)
    rate = (done - counted) / (t_last - t_first) if t_first and t_last else 0.0
    return {"start_to_first_check_s": round(first or -1.0, 2), "drain_checks_per_s": round(rate, 1),
            "summed_peak_rss_mb": round(rss, 1)}


def _pictures(db: Path) -> int:
    """Pictures of changes filed so far (chromium's: none where it is not installed)."""
    with sqlite3.connect(db, timeout=30) as conn:
        return int(conn.execute("SELECT count(*) FROM change_shots").fetchone()[0])


def _checks(db: Path) -> int:
    """Checks recorded so far (none while the daemon is still creating the schema)."""
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM checks").fetchone()[0])
    except sqlite3.OperationalError:  # the file exists, its tables not yet
        return 0


def main() -> None:
    """Run the rounds, print one JSON line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--companies", "-n", type=int, default=1000)
    p.add_argument("--simulated", type=int, default=1000, help="companies simweb serves")
    p.add_argument("--validators", type=float, default=0.5)
    p.add_argument("--daemon-seconds", type=float, default=0.0)
    p.add_argument("--no-rounds", action="store_true", help="only the daemon, on a fresh database")
    p.add_argument("--one-source", type=int, default=0, metavar="RUNS",
                   help="only the one-source check: once to set up, then the median of RUNS")
    p.add_argument("--unchanged-runs", type=int, default=1,
                   help="unchanged rounds to run; the one of median CPU is reported")
    p.add_argument("--no-changed", action="store_true",
                   help="stop after the unchanged round (no changed round, no one-source check)")
    p.add_argument("--no-browser", action="store_true",
                   help="as without chromium: no pictures of changed pages (MONITOR_CHROMIUM)")
    p.add_argument("--out", default=str(ROOT / "bench" / "out" / "process"))
    args = p.parse_args()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db, config = out / "monitor.db", out / "sources.yaml"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    simulated = min(args.simulated, args.companies)
    result: dict[str, object] = {"companies": args.companies}
    with SimWeb(simulated, validators=args.validators, log=out / "simweb.log") as sim:
        sites.write_sources_yaml(config, args.companies, sim.port, simulated)
        # No alerts file: changes are queued unrouted, as with a fresh install.
        env = {**os.environ, "MONITOR_DB": str(db), "MONITOR_SOURCES": str(config),
               "MONITOR_ALLOW_PRIVATE": "1",
               "MONITOR_MIN_HOST_DELAY": "0.05", "NO_COLOR": "1"}
        if args.no_browser:
            env["MONITOR_CHROMIUM"] = str(out / "no-chromium")
        result["chromium"] = not args.no_browser and chromium_path(env) is not None
        keep = sim.pid
        check = ["check", "--concurrency", "50"]
        if args.one_source:
            result["one_source_first"] = run_cli(["check", "c00001"], env, keep)
            result["one_source"] = median_run(["check", "c00001"], env, keep, args.one_source)
        elif not args.no_rounds:
            result["cold"] = run_cli(check, env, keep)
            result["unchanged"] = median_run(check, env, keep, runs=args.unchanged_runs)
            if not args.no_changed:
                sim.advance()
                shots = _pictures(db)
                result["changed"] = run_cli(check, env, keep)
                result["changed"]["pictures"] = _pictures(db) - shots
                result["one_source"] = median_run(["check", "c00001"], env, keep, runs=5)
        if args.daemon_seconds:  # after the rounds: a backlog of known sources after an outage
            key = "daemon_cold" if args.no_rounds else "daemon_outage"
            result[key] = daemon(env, db, args.daemon_seconds)
    for name in ("cold", "unchanged", "changed"):
        figures = result.get(name)
        if figures is None:
            continue
        assert isinstance(figures, dict)
        figures["cpu_ms_per_check"] = round(figures["cpu_s"] * 1000 / args.companies, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
