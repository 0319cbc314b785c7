"""A long history: 3 years for N companies (default 10,000), then how fast people read it.

    .venv/bin/python bench/history.py                   # 10,000 companies × 3 sources, 3 years
    .venv/bin/python bench/history.py --companies 1000  # a quick look

Builds ``bench/out/history.db`` through the real migrations: each company has a website (daily),
a feed (6-hourly) and a news source (hourly); raw checks are kept for the last 90 days and the
rest are rolled up per source and day, as ``store/retention.py`` leaves them; each company has
about 40 changes a year and 60 items a year (with full-text search). Then it measures p95 and
median latency, in process, of the pages analysts use (the company page, recent changes,
search, the Atom feed, through Datasette's ASGI app with the shipped metadata and plugin), of
``monitor history`` whole-process, and of one roll-up pass over a day of new old checks; and
prints DB bytes per source-year. Writes nothing to RESULTS.md; paste the table there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.clock import iso  # noqa: E402
from monitor.datasette.serve import make_datasette  # noqa: E402
from monitor.store.db import open_db  # noqa: E402
from monitor.store.retention import roll_up  # noqa: E402

OUT = ROOT / "bench" / "out"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
YEARS = 3
KINDS = (("website", 86400), ("feed", 21600), ("news", 3600))
CATEGORIES = ("leadership", "contact", "links", "identity", "content", "news", "post")
# A vocabulary with a long tail, as headlines have: word n is drawn with weight 1/(n+1)
# (Zipf), so a search for a drawn word matches as many items as real searches tend to.
_SYLLABLES = ["ka", "lu", "na", "ro", "ve", "mi", "so", "ta", "pe", "ri", "do", "gu", "ze", "fa"]
WORDS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES][:2500]
_WEIGHTS = [1 / (n + 1) for n in range(len(WORDS))]


def words(rng: random.Random, k: int) -> list[str]:
    """``k`` words of the vocabulary, Zipf-distributed."""
    return rng.choices(WORDS, weights=_WEIGHTS, k=k)


def arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--companies", "-n", type=int, default=10_000)
    p.add_argument("--samples", type=int, default=40, help="requests per measured page")
    p.add_argument("--keep-days", type=int, default=90)
    p.add_argument("--reuse", action="store_true", help="measure an existing bench/out/history.db")
    return p.parse_args()


def build(path: Path, companies: int, keep_days: int) -> float:
    """The database, filled; returns seconds spent."""
    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_db(path)
    conn = db.conn
    rng = random.Random(7)
    start = NOW - timedelta(days=365 * YEARS)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO companies (slug, name, added_at) VALUES (?, ?, ?)",
                     [(f"c{i:05d}", f"Company {i}", iso(start)) for i in range(companies)])
    conn.executemany(
        "INSERT INTO sources (id, company, kind, url, host, every_s, confirm, status, added_at,"
        " baseline_at, last_checked_at) VALUES (?, ?, ?, ?, ?, ?, 2, 'ok', ?, ?, ?)",
        [(f"c{i:05d}:{k}", f"c{i:05d}", k, f"https://c{i:05d}.example/{k}", f"c{i:05d}.example",
          every, iso(start), iso(start), iso(NOW)) for i in range(companies) for k, every in KINDS])
    days = 365 * YEARS
    old_days = days - keep_days
    # Rolled-up days: one row per source and day before the window.
    conn.execute(
        "WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < ?)"
        " INSERT INTO check_days (source, company, day, checks, ok, unchanged, failed, bytes,"
        " ms_total, ms_max) SELECT s.id, s.company, date(?, '+' || d.n || ' days'),"
        " 86400 / s.every_s, 0, 86400 / s.every_s - 1, 1, 50000, 900, 80 FROM sources s, d",
        [old_days - 1, start.date().isoformat()])
    # Raw checks in the window.
    conn.execute(
        "WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < ?)"
        " INSERT INTO checks (source, company, started_at, outcome, http_status, bytes, ms)"
        " SELECT s.id, s.company, strftime('%Y-%m-%dT%H:%M:%SZ', ?, '+' || (d.n * 3600) || ' seconds'),"
        " 'unchanged', 200, 40000, 30.0 FROM sources s, d WHERE (d.n * 3600) % s.every_s = 0",
        [keep_days * 24 - 1, iso(NOW - timedelta(days=keep_days))])
    changes, items = [], []
    for i in range(companies):
        slug = f"c{i:05d}"
        for _ in range(40 * YEARS):
            at = start + timedelta(seconds=rng.randrange(days * 86400))
            cat = rng.choice(CATEGORIES)
            text = " ".join(words(rng, 8))
            changes.append((slug, f"{slug}:website", cat if cat != "leadership" else "person",
                            None, "modified", text[:30], text, cat, iso(at), f"https://{slug}.example/"))
        for n in range(60 * YEARS):
            at = start + timedelta(seconds=rng.randrange(days * 86400))
            title = " ".join(words(rng, 7)).capitalize()
            items.append((slug, f"{slug}:feed", f"k{n}", "news", title,
                          f"https://{slug}.example/news/{n}", iso(at), title, iso(at), iso(at)))
    conn.executemany(
        "INSERT INTO changes (company, source, field, key, change, old, new, category,"
        " detected_at, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", changes)
    conn.executemany(
        "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
        " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
    conn.execute("COMMIT")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("ANALYZE")
    db.close()
    return time.perf_counter() - t0


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


async def pages(path: Path, companies: int, samples: int) -> dict[str, list[float]]:
    ds = make_datasette(path)
    await ds.invoke_startup()
    name = path.stem
    rng = random.Random(3)
    urls = {
        "company page": lambda: f"/company/c{rng.randrange(companies):05d}",
        "recent changes": lambda: "/changes",
        "search (items)": lambda: f"/{name}/items?_search={words(rng, 1)[0]}",
        "search (changes)": lambda: f"/{name}/changes?_search={words(rng, 1)[0]}",
        "Atom feed (company)": lambda: f"/{name}/feed.atom?company=c{rng.randrange(companies):05d}&category=",
        "Atom feed (all)": lambda: f"/{name}/feed.atom?company=&category=",
    }
    out: dict[str, list[float]] = {}
    for label, make in urls.items():
        times = []
        for _ in range(samples):
            url = make()
            t0 = time.perf_counter()
            response = await ds.client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        out[label] = times
    return out


def history_cli(path: Path, companies: int, samples: int) -> tuple[list[float], list[float]]:
    """``monitor history`` whole-process, and the same query in process."""
    from monitor.store import queries
    env = {**os.environ, "MONITOR_DB": str(path)}
    sources = OUT / "history-sources.yaml"
    sources.write_text("companies: []\n")
    sources.chmod(0o600)
    rng = random.Random(5)
    whole, inproc = [], []
    for _ in range(max(5, samples // 4)):
        slug = f"c{rng.randrange(companies):05d}"
        t0 = time.perf_counter()
        subprocess.run([str(ROOT / ".venv/bin/monitor"), "--sources", str(sources), "history", slug],
                       env=env, check=True, capture_output=True)
        whole.append((time.perf_counter() - t0) * 1000)
    db = open_db(path)
    for _ in range(samples):
        slug = f"c{rng.randrange(companies):05d}"
        t0 = time.perf_counter()
        queries.history(db, slug, limit=50)
        inproc.append((time.perf_counter() - t0) * 1000)
    return whole, inproc


def main() -> None:
    args = arguments()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "history.db"
    if not args.reuse:
        seconds = build(path, args.companies, args.keep_days)
        print(f"built {path.name}: {args.companies} companies × {len(KINDS)} sources × {YEARS} years "
              f"in {seconds:.0f} s")
    size = sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists())
    source_years = args.companies * len(KINDS) * YEARS
    print(f"DB {size / 2**20:.0f} MiB: {size / source_years / 1024:.1f} KiB per source-year")
    results = asyncio.run(pages(path, args.companies, args.samples))
    whole, inproc = history_cli(path, args.companies, args.samples)
    results["monitor history (in process)"] = inproc
    results["monitor history (whole process)"] = whole
    db = open_db(path)  # a day of checks falls out of the window: what one daily pass costs
    t0 = time.perf_counter()
    done = roll_up(db, NOW + timedelta(days=1), timedelta(days=args.keep_days))
    results["daily roll-up pass"] = [(time.perf_counter() - t0) * 1000]
    print(f"roll-up of one day: {done}")
    print("\n| page | median ms | p95 ms | samples |\n|---|---|---|---|")
    for label, times in results.items():
        med, p95 = quantiles(times)
        print(f"| {label} | {med:.1f} | {p95:.1f} | {len(times)} |")


if __name__ == "__main__":
    main()
