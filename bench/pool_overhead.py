"""What isolation costs: the parser pool against in-process extraction, on simweb pages.

    .venv/bin/python bench/pool_overhead.py [--pages 300] [--workers 2]

Prints, per page kind, the parent's CPU per task through the pool (pickle out, socket, JSON
back, rebuild), the workers' CPU per task, and in-process extraction CPU for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import procstat, sites
from bench.simctl import PAGES, simweb
from monitor.models import Fetched, Outcome, Source
from monitor.pipeline import extract_inline
from monitor.workers import ParserPool, PoolSettings


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tasks(count: int, page: str) -> list[tuple[Source, Fetched]]:
    """``count`` rendered pages of one kind, as the pipeline would hand them over."""
    web = simweb.SimWeb(companies=count)
    kind = sites.kind_of(page)
    out = []
    for i in range(count):
        url = f"https://c{i:05d}.example/{page}"
        src = Source(id=f"c{i}:{kind}:1", company=f"c{i}", kind=kind, url=url, every=3600.0)
        ctype = "application/rss+xml" if kind == "feed" else "text/html; charset=utf-8"
        out.append((src, Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                                 headers={"content-type": ctype}, body=web.render(i, page))))
    return out


async def measure(count: int, workers: int) -> None:
    """Print one line per page kind."""
    print(f"{'page':<8} {'KiB':>5} {'inline ms':>10} {'parent ms':>10} {'workers ms':>11} {'wall/task':>10}")
    async with ParserPool(PoolSettings(workers=workers)) as pool:
        for page in PAGES:
            jobs = tasks(count, page)
            await asyncio.gather(*(pool.extract(s, f) for s, f in jobs[:20]))  # warm up
            c0, w0, t0 = _cpu(), sum(procstat.cpu_seconds(p) for p in pool.pids()), time.perf_counter()
            await asyncio.gather(*(pool.extract(s, f) for s, f in jobs))
            parent, wall = _cpu() - c0, time.perf_counter() - t0
            helpers = sum(procstat.cpu_seconds(p) for p in pool.pids()) - w0
            c0 = _cpu()
            for s, f in jobs:
                await extract_inline(s, f)
            inline = _cpu() - c0
            kib = sum(len(f.body) for _, f in jobs) / count / 1024
            print(f"{page:<8} {kib:5.0f} {inline * 1000 / count:10.2f} {parent * 1000 / count:10.2f}"
                  f" {helpers * 1000 / count:11.2f} {wall * 1000 / count:10.2f}")


def main() -> None:
    """Parse the arguments and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(measure(args.pages, args.workers))


if __name__ == "__main__":
    main()
