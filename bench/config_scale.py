"""Config at scale: loading 10,000 companies as one file or as includes, and an unchanged sync.

    .venv/bin/python bench/config_scale.py --companies 10000 --parts 10 --runs 5

Three figures, CPU seconds of this process (median of ``--runs``):

- ``load one``: ``load_config`` of one sources.yaml holding every company;
- ``load parts``: the same companies split over ``--parts`` files, which the main file
  includes with one glob;
- ``load cached``: the same file through the config cache beside the database
  (``monitor.config.cache``), unchanged since the cache was written: what a command pays;
- ``sync unchanged``: ``sync_config`` of the same companies into a database that already holds
  them (the daemon does this on every reload), and the rows it changed (``total_changes``);
- with ``--errors``, once each: the time to report a mistake in the last company, which makes
  the loader parse the file at fault again with the round-trip parser (the whole fleet in one
  file, a tenth of it in parts);
- with ``--edits``, once each: ``SourcesEdit.add_source`` to the last company and the write, as
  ``monitor add SLUG --feed URL`` does it (the round-trip parser reads the file that holds it).

Prints one JSON line; ``--record`` appends a row to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.config import SourcesEdit, load_config
from monitor.config.cache import load_cached
from monitor.errors import ConfigError
from monitor.store.db import open_db
from monitor.store.sync import sync_config

HEADING = "## bench/config_scale.py (sources.yaml at scale: includes, unchanged sync)"
NOW = "2026-12-07T00:00:00Z"


def company_line(i: int, extra: str = "") -> str:
    return (f"  - {{slug: c{i:05d}, name: Company {i}, sources: [{{kind: website,"
            f" url: 'https://c{i:05d}.example.com/about'{extra}}}]}}\n")


def spoil(path: Path, i: int) -> None:
    """A typo in company ``i``'s source (an unknown option), as a user would make it."""
    write(path, path.read_text().replace(company_line(i), company_line(i, ", evry: 2h")))


def edit_time(path: Path, slug: str) -> float:
    start = time.process_time()
    edit = SourcesEdit(path)
    edit.add_source(slug, {"kind": "feed", "url": f"https://{slug}.example.com/feed.xml"})
    edit.write()
    return time.process_time() - start


def error_time(path: Path) -> float:
    start = time.process_time()
    try:
        load_config(path)
    except ConfigError:
        return time.process_time() - start
    raise AssertionError("the spoiled config loaded")


def write(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o600)


def one_file(folder: Path, count: int) -> Path:
    path = folder / "one" / "sources.yaml"
    path.parent.mkdir(parents=True)
    write(path, "defaults:\n  every: 1h\ncompanies:\n" + "".join(map(company_line, range(count))))
    return path


def split_files(folder: Path, count: int, parts: int) -> Path:
    main = folder / "parts" / "sources.yaml"
    (main.parent / "companies.d").mkdir(parents=True)
    write(main, "defaults:\n  every: 1h\ninclude: ['companies.d/*.yaml']\n")
    size = -(-count // parts)
    for part in range(parts):
        lines = map(company_line, range(part * size, min(count, (part + 1) * size)))
        write(main.parent / "companies.d" / f"part{part:02d}.yaml", "companies:\n" + "".join(lines))
    return main


def cpu(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def measure(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one, parts = one_file(folder, args.companies), split_files(folder, args.companies, args.parts)
        config = load_config(one)
        load_cached(one, cache=folder / "monitor.db.config-cache")  # written here, read below
        assert len(load_config(parts).companies) == len(config.companies) == args.companies
        db = open_db(folder / "monitor.db")
        sync_config(db, config.companies, NOW)
        before = db.conn.total_changes
        sync_config(db, config.companies, NOW)
        changed = db.conn.total_changes - before
        result: dict[str, object] = {
            "companies": args.companies, "parts": args.parts,
            "load_one_s": cpu(lambda: load_config(one), args.runs),
            "load_parts_s": cpu(lambda: load_config(parts), args.runs),
            "load_cached_s": cpu(lambda: load_cached(one, cache=folder / "monitor.db.config-cache"),
                                 args.runs),
            "sync_unchanged_s": cpu(lambda: sync_config(db, config.companies, NOW), args.runs),
            "sync_rows_changed": changed,
        }
        if args.edits:  # on copies: the errors below spoil the originals
            slug, copies = f"c{args.companies - 1:05d}", folder / "edits"
            result["edit_one_s"] = edit_time(one_file(copies, args.companies), slug)
            result["edit_parts_s"] = edit_time(split_files(copies, args.companies, args.parts), slug)
        if args.errors:
            last = args.companies - 1
            spoil(one, last)
            spoil(sorted((parts.parent / "companies.d").glob("*.yaml"))[-1], last)
            result["error_one_s"] = error_time(one)
            result["error_parts_s"] = error_time(parts)
        return result


def record(result: dict[str, object]) -> None:
    results = Path(__file__).with_name("RESULTS.md")
    text = results.read_text()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    if HEADING not in text:
        text += (f"\n{HEADING}\n\nCPU seconds, median of 5; one file vs the same companies in "
                 "N included files; an unchanged `sync_config` and the rows it wrote.\n\n"
                 "| date (UTC) | commit | companies | files | load one s | load parts s "
                 "| sync unchanged s | rows written | error one s | error parts s | edit one s "
                 "| edit parts s | load cached s |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
    errors = " | ".join(f"{result[k]:.2f}" if k in result else "-"
                        for k in ("error_one_s", "error_parts_s", "edit_one_s", "edit_parts_s"))
    text += (f"| {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} | {commit} | "
             f"{result['companies']} | {result['parts']} | {result['load_one_s']:.2f} | "
             f"{result['load_parts_s']:.2f} | {result['sync_unchanged_s']:.3f} | "
             f"{result['sync_rows_changed']} | {errors} | {result['load_cached_s']:.3f} |\n")
    results.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--parts", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--errors", action="store_true", help="also time reporting a mistake")
    parser.add_argument("--edits", action="store_true", help="also time adding a source")
    parser.add_argument("--record", action="store_true", help="append a row to bench/RESULTS.md")
    args = parser.parse_args()
    result = measure(args)
    print(json.dumps(result))
    if args.record:
        record(result)


if __name__ == "__main__":
    main()
