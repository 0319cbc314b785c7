"""Two commits' whole ``monitor`` processes, alternated on one simweb, with urlwatch between.

    .venv/bin/python bench/ab.py 0f780ab                 # that commit against HEAD, 4 pairs
    .venv/bin/python bench/ab.py 0f780ab --pairs 6 --no-urlwatch

On a shared machine a figure moves with the load; two runs of two commits minutes apart
compare the load as much as the code. Here each commit is a ``git archive`` under
``bench/out/ab/`` (its own ``bench/cli_sim.py``, and ``PYTHONPATH`` so that its parser workers
import it too), both on one database and one simweb: a cold round (the newer commit), then
pairs of unchanged rounds, base first, each pair after one urlwatch run over the same pages;
then pairs of ``monitor check SLUG`` (one source), ``monitor kinds`` and ``monitor status``.
CPU is the process's with its children (``RUSAGE_CHILDREN``); the load average (1 min) is
printed with each run. The two commits must share the database schema (no migration between
them). One JSON line at the end: the median and every run of each series.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import sites  # noqa: E402
from bench.peers import Urlwatch  # noqa: E402
from bench.simctl import SimWeb  # noqa: E402


def checkout(rev: str, out: Path) -> Path:
    """The tree of ``rev`` under ``out`` (made once per commit)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    tree = out / sha
    if not (tree / "bench" / "cli_sim.py").exists():
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha], check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    return tree


def cpu_of(argv: list[str], env: dict[str, str]) -> float:
    """CPU seconds of one command and every process it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr[-2000:].decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3)


def main() -> None:
    """Run the pairs, print each run as it ends and one JSON line at the end."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("base", help="the commit to compare with")
    p.add_argument("new", nargs="?", default="HEAD")
    p.add_argument("--companies", "-n", type=int, default=1000)
    p.add_argument("--pairs", type=int, default=4)
    p.add_argument("--no-urlwatch", action="store_true")
    args = p.parse_args()
    out = ROOT / "bench" / "out" / "ab"
    trees = {"base": checkout(args.base, out), "new": checkout(args.new, out)}
    db = out / "monitor.db"
    for suffix in ("", "-wal", "-shm", ".config-cache"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    series: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        series.setdefault(name, []).append(value)
        print(name, value, f"load {os.getloadavg()[0]:.1f}", flush=True)

    simulated = min(args.companies, 1000)
    with SimWeb(simulated, validators=0.5, log=out / "simweb.log") as sim:
        sites.write_sources_yaml(out / "sources.yaml", args.companies, sim.port, simulated)
        common = {**os.environ, "MONITOR_DB": str(db), "MONITOR_SOURCES": str(out / "sources.yaml"),
                  "MONITOR_ALLOW_PRIVATE": "1", "MONITOR_MIN_HOST_DELAY": "0.05", "NO_COLOR": "1"}
        env = {side: {**common, "PYTHONPATH": str(tree)} for side, tree in trees.items()}

        def monitor(side: str, *argv: str) -> float:
            return cpu_of([sys.executable, str(trees[side] / "bench" / "cli_sim.py"), *argv],
                          env[side])

        peer = None if args.no_urlwatch else Urlwatch(ROOT / "bench" / "out", sim, args.companies)
        if peer is not None:
            note("urlwatch cold", round(peer.run("cold", 1800).cpu, 3))
        note("new cold", monitor("new", "check", "--concurrency", "50"))
        for _ in range(args.pairs):
            if peer is not None:
                note("urlwatch unchanged", round(peer.run("unchanged", 1800).cpu, 3))
            for side in ("base", "new"):
                note(f"{side} unchanged", monitor(side, "check", "--concurrency", "50"))
        for argv in (["check", "c00001"], ["kinds"], ["status"]):
            for _ in range(args.pairs + 2):
                for side in ("base", "new"):
                    note(f"{side} {' '.join(argv)}", monitor(side, *argv))
    print(json.dumps({name: {"median": statistics.median(runs), "runs": runs}
                      for name, runs in series.items()}))


if __name__ == "__main__":
    main()
