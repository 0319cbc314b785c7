"""Micro-benchmark of website extraction: milliseconds per page, decode + parse + extract.

    .venv/bin/python bench/extract_micro.py [--runs 50] [--company 3] [--count 1] [--warm]
    .venv/bin/python bench/extract_micro.py --repo /tmp/old-checkout     # the same, other code
    .venv/bin/python bench/extract_micro.py --profile home              # cProfile, top 25

Pages are simweb's (``../shared/bench/simweb.py``, rendered in-process at epoch 0): home
(team, news, contact, JSON-LD, inline CSS/JS; company 3's is 108 KB), team, contact, about,
news. Each page is extracted ``--runs`` times; the figures are the median and the minimum of
those runs, as wall time and as this process's CPU time (on a shared machine the minimum shows
what the code costs, the median what it got). Caches that outlive a call (phone numbers, URLs
and folded names in ``monitor.normalize``) are cleared before every run unless ``--warm``: a
page is then measured as if nothing had been seen before.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIMWEB = ROOT.parent / "shared" / "bench"
PAGES = ("home", "team", "contact", "about", "news")


def _load(repo: Path) -> tuple[Callable[..., Any], Callable[[], None]]:
    """extract_page from the checkout at ``repo``, and a function clearing its caches."""
    sys.path.insert(0, str(repo))
    page = importlib.import_module("monitor.extract.page")
    normalize = importlib.import_module("monitor.normalize")
    assert Path(page.__file__ or "").is_relative_to(repo), f"monitor not imported from {repo}"
    cached = [f for f in (getattr(normalize, n, None) for n in ("phone", "url", "fold")) if f is not None]

    def clear() -> None:
        for function in cached:
            if hasattr(function, "cache_clear"):
                function.cache_clear()

    return page.extract_page, clear


def _bodies(first: int, count: int) -> list[tuple[str, int, str, bytes]]:
    """(kind, company, url, body) of every page kind of the companies."""
    sys.path.insert(0, str(SIMWEB))
    simweb = importlib.import_module("simweb")
    web = simweb.SimWeb(companies=first + count)
    out = []
    for i in range(first, first + count):
        url = f"http://127.0.0.1/c/{web.base(i)['slug']}/"
        out += [(kind, i, url, web.render(i, kind, epoch=0)) for kind in PAGES]
    return out


def measure(
    extract: Callable[..., Any], clear: Callable[[], None], url: str, body: bytes, runs: int,
    warm: bool,
) -> dict[str, float]:
    """Median and minimum wall and CPU milliseconds of one page."""
    wall: list[float] = []
    cpu: list[float] = []
    extract(body, url, "text/html; charset=utf-8")  # imports, regex compilation
    for _ in range(runs):
        if not warm:
            clear()
        w0, c0 = time.perf_counter(), time.process_time()
        extract(body, url, "text/html; charset=utf-8")
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return {
        "wall": statistics.median(wall) * 1000, "wall_min": min(wall) * 1000,
        "cpu": statistics.median(cpu) * 1000, "cpu_min": min(cpu) * 1000,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Print one line per page kind (see the module docs)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="extractions per page (default 50)")
    parser.add_argument("--company", type=int, default=3, help="first simweb company (default 3)")
    parser.add_argument("--count", type=int, default=1, help="companies from there (default 1)")
    parser.add_argument("--warm", action="store_true", help="keep caches between runs")
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout to import monitor from")
    parser.add_argument("--profile", choices=PAGES, help="cProfile one page kind instead")
    args = parser.parse_args(argv)
    extract, clear = _load(args.repo.resolve())
    pages = _bodies(args.company, args.count)
    if args.profile:
        profiler = cProfile.Profile()
        for kind, _, url, body in pages:
            if kind == args.profile:
                profiler.runcall(measure, extract, clear, url, body, args.runs, args.warm)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    print(f"{args.repo}: ms per extraction, median (min) of {args.runs} runs"
          f"{', warm caches' if args.warm else ''}")  # fmt: skip
    for kind, company, url, body in pages:
        m = measure(extract, clear, url, body, args.runs, args.warm)
        print(f"  c{company:05d} {kind:8s} {len(body) / 1024:6.1f} KB   wall {m['wall']:6.2f}"
              f" ({m['wall_min']:5.2f})   cpu {m['cpu']:6.2f} ({m['cpu_min']:5.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
