"""Micro-benchmark of list extraction on list-heavy pages: milliseconds of CPU per page.

    .venv/bin/python bench/extract_lists.py [--runs 7]
    .venv/bin/python bench/extract_lists.py --repo /tmp/old-checkout     # the same, other code

The pages are the list cases' (``tests/listcases``: offers, openings and posts in many builder
styles and languages) and the short list cases' (pricing tables, careers sections, blocks of
three that are no list), read from this checkout; the code measured is ``--repo``'s. Each
pass extracts every page once; the figures are the minimum and the median over ``--runs``
passes of this process's CPU time, for the whole extraction and for ``lists.take`` alone.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _pages() -> list[tuple[bytes, str]]:
    sys.path.insert(0, str(ROOT))
    from tests.listcases import short_working
    from tests.listcases.run import cases

    pages = [(c.page(0, 0), c.url) for c in cases(False)][::2]
    pages += [(c.page(0), c.url) for c in short_working.CASES]
    sys.path.remove(str(ROOT))
    for name in [m for m in sys.modules if m == "monitor" or m.startswith("monitor.")]:
        del sys.modules[name]  # the pages were made with this checkout's code; measure --repo's
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args()
    pages = _pages()
    sys.path.insert(0, str(args.repo.resolve()))
    page: Any = importlib.import_module("monitor.extract.page")
    lists: Any = importlib.import_module("monitor.extract.lists")
    assert Path(page.__file__ or "").is_relative_to(args.repo.resolve()), "monitor not from --repo"
    spent = [0.0]
    take = lists.take

    def timed(tree: Any, url: str) -> Any:
        t = time.process_time()
        try:
            return take(tree, url)
        finally:
            spent[0] += time.process_time() - t

    lists.take = timed
    whole, listed = [], []
    for _ in range(args.runs):
        spent[0] = 0.0
        t = time.process_time()
        for body, url in pages:
            page.extract_page(body, url, "text/html")
        whole.append((time.process_time() - t) / len(pages) * 1000)
        listed.append(spent[0] / len(pages) * 1000)
    print(
        f"{args.repo}: {len(pages)} list-heavy pages, CPU ms per page, min (median) of "
        f"{args.runs} passes"
    )
    print(f"  extract_page {min(whole):6.2f} ({statistics.median(whole):6.2f})")
    print(f"  lists.take   {min(listed):6.2f} ({statistics.median(listed):6.2f})")


if __name__ == "__main__":
    main()
