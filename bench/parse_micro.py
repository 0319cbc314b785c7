"""Micro-benchmark of two per-fetch costs that used to be asserted as speed in the tests.

    .venv/bin/python bench/parse_micro.py [--rounds 20]

- ``feed``: a 50-item, 74 KB RSS feed (corpus feeds/rsparser/scriptingNews.rss) read by the
  lean lxml path against feedparser; the lxml path exists because it is several times cheaper.
- ``strip``: ``normalize.strip_volatile`` on 100 KB of a real imprint page (corpus
  sites_history/adopteunmec_imprint), run on every fetch: a few milliseconds at most.

Figures are the minimum over ``--rounds`` runs (what the code costs on a shared machine) and
the median (what it got), in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def measure(run: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Minimum and median wall milliseconds of ``run`` over ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    sys.path.insert(0, str(ROOT))
    import feedparser

    from monitor import normalize
    from monitor.extract.feed import parse_xml, to_items

    feed = (CORPUS / "feeds/rsparser/scriptingNews.rss").read_bytes()
    page = (CORPUS / "sites_history/adopteunmec_imprint/004_2022-08-11T123104.html").read_bytes()
    page = page[:100_000]
    rows = [
        ("feed: lxml path", measure(lambda: to_items(parse_xml(feed), None), rounds)),
        ("feed: feedparser", measure(lambda: feedparser.parse(io.BytesIO(feed)), rounds)),
        ("strip_volatile 100 KB", measure(lambda: normalize.strip_volatile(page), rounds)),
    ]
    for name, (low, median) in rows:
        print(f"{name:24} min {low:8.2f} ms   median {median:8.2f} ms")
    lean, full = rows[0][1][0], rows[1][1][0]
    print(f"feedparser / lxml path: {full / lean:.1f}x")


if __name__ == "__main__":
    main()
