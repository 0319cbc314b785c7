"""A long history: 3 years for N companies (default 10,000), then how fast people read it.

    .venv/bin/python bench/history.py                   # 10,000 companies × 3 sources, 3 years
    .venv/bin/python bench/history.py --companies 1000  # a quick look
    .venv/bin/python bench/history.py --only view,search # only the pages so labelled

Builds a database through the real migrations: each company has a website (daily),
a feed (6-hourly) and a news source (hourly); raw checks are kept for the last 90 days and the
rest are rolled up per source and day, as ``store/retention.py`` leaves them (each source's
baseline check, the first, keeps its capture and stays raw); each company has
about 40 changes a year and 60 items a year (with full-text search). Then it measures p95 and
median latency, in process, of the pages analysts use (the company page, recent changes,
search, the Atom feed, the charts, the first page of each growing table and history view,
through Datasette's ASGI app with the shipped metadata and plugin, after one visit of the home
page that reads the schema; with the process CPU time per request, which the machine's load
does not change), of
``monitor history`` whole-process, and of one roll-up pass over a day of new old checks; and
prints DB bytes per source-year. Writes nothing to RESULTS.md; paste the table there.

The build bulk-loads: the indexes and full-text triggers of the growing tables are made once
the rows are in; the checks are generated in SQL, the changes and items in Python by a second
thread into a file of their own (copied in, in the order drawn), so both cores work.
The generated file is cached outside the repository (``$TMPDIR/monitor-bench-history``, named by
size and a hash of the generator) and reused by later runs; migrations newer than the file are
applied to it on open, as they would be to a real database. ``--rebuild`` generates it again.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import inspect
import itertools
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.clock import iso  # noqa: E402
from monitor.datasette.serve import make_datasette  # noqa: E402
from monitor.store import weeks  # noqa: E402
from monitor.store.db import open_db  # noqa: E402
from monitor.store.retention import roll_up  # noqa: E402

OUT = ROOT / "bench" / "out"
CACHE = Path(os.environ.get("TMPDIR", "/tmp")) / "monitor-bench-history"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
YEARS = 3
KINDS = (("website", 86400), ("feed", 21600), ("news", 3600))
CATEGORIES = ("leadership", "contact", "links", "identity", "content", "news", "post")
# A vocabulary with a long tail, as headlines have: word n is drawn with weight 1/(n+1)
# (Zipf), so a search for a drawn word matches as many items as real searches tend to.
_SYLLABLES = ["ka", "lu", "na", "ro", "ve", "mi", "so", "ta", "pe", "ri", "do", "gu", "ze", "fa"]
WORDS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES][:2500]
_WEIGHTS = [1 / (n + 1) for n in range(len(WORDS))]


FAILED: dict[str, int] = {}  # page → requests answered with an error status
# page → process CPU ms per request: requests run one at a time, so the process's CPU time
# across one (its reader threads' SQL included) is that request's, whatever the machine's load
CPU: dict[str, list[float]] = {}
_CUM = list(itertools.accumulate(_WEIGHTS))
_TOTAL = _CUM[-1] + 0.0
_LAST = len(WORDS) - 1


def words(rng: random.Random, k: int) -> list[str]:
    """``k`` words of the vocabulary, Zipf-distributed: the words
    ``rng.choices(WORDS, cum_weights=_CUM, k=k)`` draws, by the same calls to ``rng.random``
    (its own loop, without its checks of the weights on each of 3 million calls)."""
    draw = rng.random
    return [WORDS[bisect_right(_CUM, draw() * _TOTAL, 0, _LAST)] for _ in range(k)]


def stamps(start: datetime) -> Callable[[int], str]:
    """``iso(start + timedelta(seconds=s))`` for whole seconds ``s``, each day's date made once
    (a datetime, a time zone conversion and a strftime per row were a tenth of the build)."""
    base = start.astimezone(UTC)
    assert base.microsecond == 0
    midnight = base.replace(hour=0, minute=0, second=0)
    offset = base.hour * 3600 + base.minute * 60 + base.second
    days: dict[int, str] = {}

    def stamp(seconds: int) -> str:
        day, rest = divmod(seconds + offset, 86400)
        date = days.get(day)
        if date is None:
            date = days[day] = (midnight + timedelta(days=day)).strftime("%Y-%m-%d")
        hour, rest = divmod(rest, 3600)
        minute, second = divmod(rest, 60)
        return f"{date}T{hour:02d}:{minute:02d}:{second:02d}Z"

    return stamp


def arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--companies", "-n", type=int, default=10_000)
    p.add_argument("--samples", type=int, default=40, help="requests per measured page")
    p.add_argument("--keep-days", type=int, default=90)
    p.add_argument("--cache", type=Path, default=CACHE,
                   help="where generated databases are kept between runs (outside the repository)")
    p.add_argument("--rebuild", action="store_true", help="generate again even if cached")
    p.add_argument("--only", default="",
                   help="measure only the pages whose label contains one of these comma-separated "
                        "words (skips the CLI and the roll-up pass unless named)")
    return p.parse_args()


def cached_path(cache: Path, companies: int, keep_days: int) -> Path:
    """The cached database for this size, named by what generated it: a changed generator
    makes a new file, while a newer schema is applied to the old file by its migrations."""
    recipe = "".join(inspect.getsource(f) for f in (build, _checks, _changes, _items))
    tag = hashlib.sha256(recipe.encode()).hexdigest()[:10]
    return cache / f"history-{companies}-{keep_days}d-{tag}.db"


# Bulk loading: the indexes and FTS triggers the migrations made are dropped, the rows go in
# unindexed, then the same SQL builds them again (a sorted build beats 50 million random
# B-tree inserts) and each FTS index is rebuilt once from its table.
_LOADED = ("checks", "check_days", "changes", "items")


def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        f" AND sql IS NOT NULL AND tbl_name IN ({', '.join('?' * len(_LOADED))})",
        _LOADED).fetchall()
    for kind, name, _ in rows:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in rows]


def _changes(companies: int, start: datetime, seconds: int) -> Iterator[tuple[object, ...]]:
    rng = random.Random(7)
    stamp = stamps(start)
    for i in range(companies):
        slug = f"c{i:05d}"
        for _ in range(40 * YEARS):
            at = stamp(rng.randrange(seconds))
            cat = rng.choice(CATEGORIES)
            text = " ".join(words(rng, 8))
            yield (slug, f"{slug}:website", cat if cat != "leadership" else "person",
                   None, "modified", text[:30], text, cat, at, f"https://{slug}.example/")


def _items(companies: int, start: datetime, seconds: int) -> Iterator[tuple[object, ...]]:
    rng = random.Random(11)
    stamp = stamps(start)
    for i in range(companies):
        slug = f"c{i:05d}"
        for n in range(60 * YEARS):
            at = stamp(rng.randrange(seconds))
            title = " ".join(words(rng, 7)).capitalize()
            yield (slug, f"{slug}:feed", f"k{n}", "news", title,
                   f"https://{slug}.example/news/{n}", at, title, at, at)


_CHANGE_COLUMNS = "company, source, field, key, change, old, new, category, detected_at, url"
_ITEM_COLUMNS = "company, source, key, kind, title, url, published_at, summary, first_seen, last_seen"


def _throwaway(conn: sqlite3.Connection) -> None:
    """For a file being built only: nothing to recover if the build is interrupted."""
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")


def _side(side: Path, companies: int, start: datetime, seconds: int) -> None:
    """The changes and items, drawn in Python, into a file of their own: written by a second
    thread while the first writes and indexes the checks (sqlite3 lets go of the GIL while
    a statement runs, so the rows' Python and the checks' SQL use both cores)."""
    conn = sqlite3.connect(side, isolation_level=None)
    try:
        _throwaway(conn)
        conn.execute("BEGIN")
        for table, columns, rows in (("changes", _CHANGE_COLUMNS, _changes),
                                     ("items", _ITEM_COLUMNS, _items)):
            conn.execute(f"CREATE TABLE {table} ({columns})")
            marks = ", ".join("?" * len(columns.split(", ")))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows(companies, start, seconds))
        conn.execute("COMMIT")
    finally:
        conn.close()


def build(path: Path, companies: int, keep_days: int) -> float:
    """The database, filled; returns seconds spent."""
    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    building = path.with_name(path.name + ".building")
    side = path.with_name(path.name + ".side")
    for stale in (building, side):
        stale.unlink(missing_ok=True)
    open_db(building).close()  # the real migrations
    start = NOW - timedelta(days=365 * YEARS)
    days = 365 * YEARS
    with ThreadPoolExecutor(1) as pool:
        drawn = pool.submit(_side, side, companies, start, days * 86400)
        conn = sqlite3.connect(building, isolation_level=None)
        _throwaway(conn)
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA threads=2")  # the index builds' sorts, where a second core is free
        conn.execute("ATTACH ? AS side", [str(side)])  # read once the second thread is done
        conn.execute("BEGIN")
        rebuild = _drop_indexes(conn)
        _checks(conn, companies, keep_days, start)
        # The checks' indexes now, while the second thread still draws changes and items.
        later = [sql for sql in rebuild if not _on_checks(sql)]
        for sql in rebuild:
            if _on_checks(sql):
                conn.execute(sql)
        drawn.result()
    # In the order drawn: the same ids as inserting them here one by one.
    conn.execute(f"INSERT INTO changes ({_CHANGE_COLUMNS}) SELECT {_CHANGE_COLUMNS}"
                 " FROM side.changes ORDER BY rowid")
    conn.execute(f"INSERT INTO items ({_ITEM_COLUMNS}) SELECT {_ITEM_COLUMNS}"
                 " FROM side.items ORDER BY rowid")
    for sql in later:
        conn.execute(sql)
    for fts in ("changes_fts", "items_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    conn.execute("COMMIT")
    conn.execute("DETACH side")
    side.unlink()
    # No ANALYZE: monitor never runs it, so its databases have no sqlite_stat1 and SQLite plans
    # every query without statistics; the pages are measured with the plans people get.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    building.rename(path)
    return time.perf_counter() - t0


def _on_checks(sql: str) -> bool:
    """Whether an index or trigger of the bulk-loaded tables is one of the checks' tables."""
    return re.search(r"\bON\s+\"?(checks|check_days)\"?\s*\(", sql, re.IGNORECASE) is not None


def _checks(conn: sqlite3.Connection, companies: int, keep_days: int, start: datetime) -> None:
    """Companies, sources, each source's baseline, its rolled-up days and its raw checks."""
    conn.executemany("INSERT INTO companies (slug, name, added_at) VALUES (?, ?, ?)",
                     [(f"c{i:05d}", f"Company {i}", iso(start)) for i in range(companies)])
    conn.executemany(
        "INSERT INTO sources (id, company, kind, url, host, every_s, confirm, status, added_at,"
        " baseline_at, last_checked_at) VALUES (?, ?, ?, ?, ?, ?, 2, 'ok', ?, ?, ?)",
        sorted((f"c{i:05d}:{k}", f"c{i:05d}", k, f"https://c{i:05d}.example/{k}", f"c{i:05d}.example",
                every, iso(start), iso(start), iso(NOW)) for i in range(companies) for k, every in KINDS))
    # Each source's baseline: its first check, which kept its capture; the roll-up keeps it
    # raw for ever (store/retention.py) and folds every other check of its day.
    ids = sorted(f"c{i:05d}:{k}" for i in range(companies) for k, _ in KINDS)
    bodies = {source: f"<html><body><h1>{source}</h1></body></html>".encode() for source in ids}
    digests = {source: hashlib.sha256(page).hexdigest() for source, page in bodies.items()}
    conn.executemany(
        "INSERT INTO snapshots (hash, content, content_type, bytes, first_seen)"
        " VALUES (?, ?, 'text/html', ?, ?)",
        [(digests[source], page, len(page), iso(start)) for source, page in bodies.items()])
    conn.executemany(
        "INSERT INTO checks (source, company, started_at, outcome, http_status, bytes, ms, snapshot)"
        " VALUES (?, ?, ?, 'ok', 200, 40000, 30.0, ?)",
        [(source, source.split(":")[0], iso(start), digests[source]) for source in ids])
    old_days = 365 * YEARS - keep_days
    # Rolled-up days: one row per source and day before the window, written in the order of
    # their primary key (sources by id, outer; days, inner), so its 30 million entries at
    # 10,000 companies are appended to the key's B-tree, not inserted at random places in it
    # (days outer took most of the build: the key outgrew the page cache).
    # Each day's and hour's stamp is made once (MATERIALIZED), not once per source.
    conn.execute(
        "WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < ?),"
        " t(day) AS MATERIALIZED (SELECT date(?, '+' || n || ' days') FROM d)"
        " INSERT INTO check_days (source, company, day, checks, ok, unchanged, failed, bytes,"
        " ms_total, ms_max) SELECT s.id, s.company, t.day,"
        " 86400 / s.every_s, 0, 86400 / s.every_s - 1, 1, 50000, 900, 80 FROM sources s CROSS JOIN t",
        [old_days - 1, start.date().isoformat()])
    # Raw checks in the window, hour by hour as a scheduler records them.
    conn.execute(
        "WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < ?),"
        " t(n, at) AS MATERIALIZED (SELECT n, strftime('%Y-%m-%dT%H:%M:%SZ', ?,"
        " '+' || (n * 3600) || ' seconds') FROM d)"
        " INSERT INTO checks (source, company, started_at, outcome, http_status, bytes, ms)"
        " SELECT s.id, s.company, t.at, 'unchanged', 200, 40000, 30.0"
        " FROM t CROSS JOIN sources s WHERE (t.n * 3600) % s.every_s = 0",
        [keep_days * 24 - 1, iso(NOW - timedelta(days=keep_days))])


def fill_roll_ups(path: Path) -> float:
    """The weekly roll-ups of changes (``monitor.store.weeks``), which the bulk load left empty
    (their triggers were dropped with the others); returns seconds spent. Kept out of ``build``
    so files cached before the roll-ups existed keep their name (their migration fills them)."""
    t0 = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    weeks.fill(conn)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t0


def in_use(path: Path) -> int:
    """Bytes of the database's pages that hold data (the file less its free pages)."""
    conn = sqlite3.connect(path)
    pages, free, size = (conn.execute(f"PRAGMA {p}").fetchone()[0]
                         for p in ("page_count", "freelist_count", "page_size"))
    conn.close()
    return int((pages - free) * size)


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _day(rng: random.Random) -> str:
    """A day of the three years, where a person paging back through a table might be."""
    return (NOW - timedelta(days=rng.randrange(1, 365 * YEARS))).date().isoformat()


def wanted(label: str, only: str) -> bool:
    """Whether ``--only`` asks for this page (everything when it is empty)."""
    return not only or any(word.strip() in label for word in only.split(",") if word.strip())


async def pages(path: Path, companies: int, samples: int, only: str = ""
                ) -> dict[str, list[float]]:
    ds = make_datasette(path)
    await ds.invoke_startup()
    # Once per process (and per schema change), not per page: Datasette reads the schema, the
    # app its permission rules. Measured pages are the pages of a server already running.
    await ds.client.get("/")
    name = path.stem
    rng = random.Random(3)
    urls: dict[str, Callable[[], str]] = {
        "home page": lambda: "/",
        "company page": lambda: f"/company/c{rng.randrange(companies):05d}",
        "recent changes": lambda: "/changes",
        "companies": lambda: "/companies",
        "charts page": lambda: "/charts",
        "search news (canned query)": lambda: f"/{name}/search_news?q={words(rng, 1)[0]}",
        "search changes (canned query)": lambda: f"/{name}/search_changes?q={words(rng, 1)[0]}",
        "search (items)": lambda: f"/{name}/items?_search={words(rng, 1)[0]}",
        "search (changes)": lambda: f"/{name}/changes?_search={words(rng, 1)[0]}",
        "items table (newest first)": lambda: f"/{name}/items",
        "check_days table (newest first)": lambda: f"/{name}/check_days",
        "check_days table (a later page)": lambda: f"/{name}/check_days?_next={_day(rng)},c00000~3Afeed,x",
        "items table (a later page)": lambda: f"/{name}/items?_next={_day(rng)}T12~3A00~3A00Z,1",
        "changes table (a later page)": lambda: f"/{name}/changes?_next={_day(rng)}T12~3A00~3A00Z,1",
        "source_days view (newest first)": lambda: f"/{name}/source_days",
        "company_timeline view (newest first)": lambda: f"/{name}/company_timeline",
        "weekly_changes view (newest first)": lambda: f"/{name}/weekly_changes",
        "fact_events view (newest first)": lambda: f"/{name}/fact_events",
        "recent_changes view (newest first)": lambda: f"/{name}/recent_changes",
        "source_days view (a company)": lambda: f"/{name}/source_days?company=c{rng.randrange(companies):05d}",
        "Atom feed (company)": lambda: f"/{name}/feed.atom?company=c{rng.randrange(companies):05d}&category=",
        "Atom feed (all)": lambda: f"/{name}/feed.atom?company=&category=",
    }
    out: dict[str, list[float]] = {}
    for label, make in urls.items():
        if not wanted(label, only):
            continue
        times, cpu = [], []
        for _ in range(samples):
            url = make()
            c0, t0 = time.process_time(), time.perf_counter()
            response = await ds.client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if response.status_code != 200:  # counted and shown: an error page is no answer
                FAILED[label] = FAILED.get(label, 0) + 1
                print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
        out[label] = times
        CPU[label] = cpu
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


def daily_roll_up(path: Path, keep_days: int) -> float:
    """Milliseconds of one daily pass: the next day of checks falls out of the window. The
    cached file remembers how many passes ran, so each run folds a day not folded before."""
    db = open_db(path)
    row = db.execute("SELECT value FROM monitor_meta WHERE key = 'bench_roll_ups'").fetchone()
    passes = int(row[0]) if row else 0
    t0 = time.perf_counter()
    done = roll_up(db, NOW + timedelta(days=passes + 1), timedelta(days=keep_days))
    ms = (time.perf_counter() - t0) * 1000
    db.execute("INSERT OR REPLACE INTO monitor_meta (key, value) VALUES ('bench_roll_ups', ?)",
               [str(passes + 1)])
    db.conn.commit()
    db.close()
    print(f"roll-up of one day: {done}")
    return ms


def main() -> None:
    args = arguments()
    OUT.mkdir(parents=True, exist_ok=True)
    args.cache.mkdir(parents=True, exist_ok=True)
    path = cached_path(args.cache, args.companies, args.keep_days)
    if args.rebuild or not path.exists():
        seconds = build(path, args.companies, args.keep_days)
        seconds += fill_roll_ups(path)
        path.with_name(path.name + ".building.migrate.lock").unlink(missing_ok=True)
        print(f"built {path}: {args.companies} companies × {len(KINDS)} sources × {YEARS} years "
              f"in {seconds:.0f} s")
    else:
        print(f"reusing {path}")
    t0 = time.perf_counter()
    open_db(path).close()  # migrations newer than the cached file apply here, as on a real one
    print(f"opened and migrated in {time.perf_counter() - t0:.1f} s")
    size = sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists())
    source_years = args.companies * len(KINDS) * YEARS
    print(f"DB {size / 2**20:.0f} MiB: {size / source_years / 1024:.1f} KiB per source-year")
    used = in_use(path)  # a migration that dropped an index leaves its pages free in the file
    print(f"in use {used / 2**20:.0f} MiB: {used / source_years / 1024:.1f} KiB per source-year")
    load = os.getloadavg()[0]
    results = asyncio.run(pages(path, args.companies, args.samples, args.only))
    if wanted("monitor history", args.only):
        whole, inproc = history_cli(path, args.companies, args.samples)
        results["monitor history (in process)"] = inproc
        results["monitor history (whole process)"] = whole
    if wanted("daily roll-up pass", args.only):
        results["daily roll-up pass"] = [daily_roll_up(path, args.keep_days)]
    print(f"\nload average {load:.1f} → {os.getloadavg()[0]:.1f}; CPU ms: process time per request"
          " (median)")
    print("\n| page | median ms | p95 ms | CPU ms | samples | failed |\n|---|---|---|---|---|---|")
    for label, times in results.items():
        med, p95 = quantiles(times)
        cpu = f"{statistics.median(CPU[label]):.1f}" if label in CPU else "-"
        print(f"| {label} | {med:.1f} | {p95:.1f} | {cpu} | {len(times)} | {FAILED.get(label, 0)} |")


if __name__ == "__main__":
    main()
