"""What ``monitor rebase`` costs: CPU and peak memory over N sources whose profiles an older
extractor read (it found no people), re-read from their stored pages.

    .venv/bin/python bench/rebase.py --sources 200

The old profiles are taken through the real pipeline (a local server, the real Fetcher, the
real store) by the current extractor with its people rule taken out, stamped ``0.old``; then
``monitor rebase`` runs twice in a process of its own (the second finds nothing to do). CPU is
user + system of the command and its parser worker; memory is the larger peak RSS of the two.
Prints one JSON line per run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor import rebase as rebasing  # noqa: E402
from monitor.clock import utcnow  # noqa: E402
from monitor.config import load_config  # noqa: E402
from monitor.fetch.client import Fetcher, FetchSettings  # noqa: E402
from monitor.models import Fetched, Observation, Source  # noqa: E402
from monitor.pipeline import Context, check, extract_inline  # noqa: E402
from monitor.store.db import open_db  # noqa: E402
from monitor.store.sync import sync_config  # noqa: E402
from tests.webserver import serve  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = sorted((CORPUS / "sites_history" / "finya_de_imprint").glob("*.html"))


async def old(source: Source, fetched: Fetched) -> Observation:
    """The extractor before the upgrade: no rule for people."""
    obs = await extract_inline(source, fetched)
    return replace(obs, facts=tuple(f for f in obs.facts if f.field != "person"))


async def baseline(tmp: Path) -> None:
    config = load_config(tmp / "sources.yaml", allow_private=True)
    db = open_db(tmp / "m.db")
    sync_config(db, config.companies, "2026-11-24T08:00:00Z")
    rebasing.extraction_version = lambda: "0.old"  # type: ignore[assignment]
    async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0, robots=False)) as f:
        ctx = Context(db=db, fetcher=f, clock=utcnow, extractor=old)
        for source in config.sources:
            await check(source, ctx)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name, serve() as (site, base):
        tmp = Path(name)
        lines = ["companies:"]
        for i in range(args.sources):
            site.set(f"/p{i}", PAGES[i % len(PAGES)].read_bytes())
            lines += [f"  - slug: c{i}", f"    name: C {i}", "    sources:",
                      f"      - {{kind: website, url: '{base}/p{i}'}}"]
        (tmp / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        asyncio.run(baseline(tmp))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MONITOR_ALLOW_PRIVATE": "1"}
        for run in ("rebase", "again"):
            start, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "monitor", "--sources",
                                  str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), "rebase"],
                                 env=env, capture_output=True, text=True, check=True)
            end = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = end.ru_utime - start.ru_utime + end.ru_stime - start.ru_stime
            print(json.dumps({"run": run, "sources": args.sources, "cpu_s": round(cpu, 2),
                              "wall_s": round(time.perf_counter() - t0, 2),
                              "peak_rss_mib": round(end.ru_maxrss / 1024),
                              "said": out.stdout.strip().splitlines()[-1]}))


if __name__ == "__main__":
    main()
