"""Pages of a long history that read only what they show: the m017 views (the same rows as the
views they replace, read newest first through indexes), Datasette's table search bounded to the
newest matches, and growing tables shown without a total count.

Pages are read from ``monitor serve`` over HTTP on a real SQLite file.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlite_utils import Database

from monitor.clock import iso
from monitor.datasette import metadata
from monitor.datasette.bounded import NEWEST
from monitor.store.db import open_db
from monitor.store.schema import migrations

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
VIEWS = ("source_days", "company_timeline", "weekly_changes", "fact_events")
CATEGORIES = ("leadership", "contact", "links", "identity", "content", "news", "post", "metric",
              "health")
COMMON, RARE = "orbit", "zeppelin"


def _fill(conn: sqlite3.Connection) -> None:
    """A small history with every shape the views tell apart: several checks a day and ties on
    a stamp, failures and empty sizes, rolled-up days next to kept baselines, changes of every
    category and kind (people too), items with and without a publication time, and items that
    a change added (the timeline shows those once)."""
    rng = random.Random(5)
    start = NOW - timedelta(days=60)
    conn.executemany("INSERT INTO companies (slug, name, added_at) VALUES (?, ?, ?)",
                     [(f"c{i}", f"Company {i}", iso(start)) for i in range(4)])
    sources = [(f"c{i}:{k}", f"c{i}", k) for i in range(4) for k in ("website", "feed")]
    conn.executemany(
        "INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
        " VALUES (?, ?, ?, ?, 'h.example', 3600, 1, ?)",
        [(s, c, k, f"https://h.example/{s}", iso(start)) for s, c, k in sources])
    for source, company, _ in sources:
        for day in range(20, 60):  # rolled-up days, then raw checks for the last ten days
            at = start + timedelta(days=day)
            if day < 50:
                conn.execute(
                    "INSERT INTO check_days VALUES (?, ?, ?, 24, 20, 3, 1, 9000, 120.5, 40.0)",
                    [source, company, at.date().isoformat()])
                continue
            for hour in [*sorted(rng.sample(range(23), 4)), 23, 23]:  # 23 twice: a tie
                conn.execute(
                    "INSERT INTO checks (source, company, started_at, outcome, http_status, bytes,"
                    " ms) VALUES (?, ?, ?, ?, 200, ?, ?)",
                    [source, company, iso(at + timedelta(hours=hour)),
                     rng.choice(["ok", "unchanged", "not_modified", "error", "blocked"]),
                     rng.choice([None, 100, 2500]), rng.choice([None, 12.5, 30.0])])
        conn.execute(  # a baseline older than the window stays raw beside its rolled-up day
            "INSERT INTO checks (source, company, started_at, outcome, bytes, ms)"
            " VALUES (?, ?, ?, 'ok', 10, 1.0)", [source, company, iso(start + timedelta(days=21))])
    for n in range(400):
        source, company, _ = rng.choice(sources)
        category = rng.choice(CATEGORIES)
        change = "modified" if n == 3 else rng.choice(["added", "removed", "modified"])
        field = "person" if category == "leadership" and n % 2 else f"f{category}"
        key = rng.choice([None, f"k{n % 7}", "Ada Lovelace"])
        conn.execute(
            "INSERT INTO changes (company, source, field, key, change, old, new, category,"
            " detected_at, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [company, source, field, key, change, None if change == "added" else f"Old {n}",
             None if change == "removed" else f"New {n} {RARE if n == 3 else ''}", category,
             iso(start + timedelta(minutes=rng.randrange(60 * 24 * 60))),
             rng.choice([None, "https://h.example/x"])])
    for n in range(120):
        source, company, _ = rng.choice(sources)
        at = iso(start + timedelta(minutes=rng.randrange(60 * 24 * 60)))
        conn.execute(
            "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
            " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, 's', ?, ?)",
            [company, source, f"k{n % 9}" if n < 9 else f"item{n}",
             rng.choice(["news", "post", "video"]), f"Item {n}", f"https://h.example/i{n}",
             None if n % 4 == 0 else at, at, at])


def _reference(conn: sqlite3.Connection) -> dict[str, str]:
    """Each view's query as it was before m017: the plain reference the new views must match."""
    return {name: sql.split(" AS", 1)[1] for name, sql in conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE name IN ({', '.join('?' * len(VIEWS))})",
        VIEWS)}


def _same(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows in one order, numbers as numbers (a sum of no milliseconds is 0 or 0.0)."""
    normal = [tuple(float(v) if isinstance(v, int | float) else v for v in row) for row in rows]
    return sorted(normal, key=repr)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple[object, ...]]],
                                                               dict[str, str]]:
    """A database filled under the schema before m017, the rows of its views then, and the
    views' SQL then; the file is migrated (m017) afterwards."""
    path = tmp_path_factory.mktemp("pages") / "monitor.db"
    old = Database(path)
    migrations.apply(old, stop_before="m017_history_pages")
    _fill(old.conn)
    old.conn.commit()
    before = {v: old.conn.execute(f"SELECT * FROM {v}").fetchall() for v in VIEWS}
    reference = _reference(old.conn)
    old.close()
    open_db(path).close()
    return path, before, reference


def test_m017_views_keep_their_columns_and_rows(history: tuple[Path, dict[str, list[tuple[object, ...]]],
                                                                dict[str, str]]) -> None:
    path, before, _ = history
    conn = sqlite3.connect(path)
    for view in VIEWS:
        assert before[view], view  # the data exercises every view
        after = conn.execute(f"SELECT * FROM {view}").fetchall()
        assert _same(after) == _same(before[view]), view


def test_m017_indexes_exist_and_first_pages_read_in_order(
        history: tuple[Path, dict[str, list[tuple[object, ...]]], dict[str, str]]) -> None:
    path, _, _ = history
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"checks_day", "items_at", "changes_week", "changes_category_change",
            "items_newest"} <= names
    later = " ".join(r[3] for r in conn.execute(  # the items table's pages after the first
        "EXPLAIN QUERY PLAN SELECT * FROM items ORDER BY published_at DESC, id LIMIT 51"))
    assert "TEMP B-TREE" not in later
    tables = metadata("monitor")["databases"]["monitor"]["tables"]
    for view in VIEWS:
        column = tables[view]["sort_desc"]
        plan = " ".join(r[3] for r in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM {view} ORDER BY {column} DESC LIMIT 51"))
        assert "TEMP B-TREE" not in plan and "CO-ROUTINE" not in plan, (view, plan)
    one = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM source_days WHERE company = 'c1' ORDER BY day DESC"))
    assert "sources_company" in one  # one company's days from its sources, not every check


@pytest.fixture(scope="module")
def served(history: tuple[Path, dict[str, list[tuple[object, ...]]], dict[str, str]]
           ) -> Iterator[tuple[httpx.Client, Path, dict[str, str]]]:
    from tests.test_serve import start_serve, stop_serve

    path, _, reference = history
    db = open_db(path)
    at = NOW - timedelta(days=30)
    db.conn.executemany(  # more matches of one word than a table search reads
        "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
        " first_seen, last_seen) VALUES ('c2', 'c2:feed', ?, 'news', ?, NULL, ?, 'x', ?, ?)",
        [(f"many{n}", f"{COMMON} {n}" + (f" {RARE}" if n == 0 else ""),
          iso(at + timedelta(minutes=n)), iso(at), iso(at)) for n in range(NEWEST + 200)])
    db.conn.commit()
    db.close()
    proc, base = start_serve(path)
    try:
        with httpx.Client(base_url=base, timeout=60, trust_env=False) as client:
            yield client, path, reference
    finally:
        stop_serve(proc)


def _json(client: httpx.Client, path: str, **params: str) -> dict[str, object]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    data: dict[str, object] = response.json()
    return data


@pytest.mark.parametrize("view", VIEWS)
def test_view_pages_show_the_reference_rows_newest_first(
        served: tuple[httpx.Client, Path, dict[str, str]], view: str) -> None:
    client, path, reference = served
    expected = sqlite3.connect(path).execute(reference[view]).fetchall()
    column = metadata("monitor")["databases"]["monitor"]["tables"][view]["sort_desc"]
    shown: list[dict[str, object]] = []
    page: dict[str, str] = {"_shape": "objects", "_size": "max"}
    while True:  # every page, as a person following "next" would
        data = _json(client, f"/monitor/{view}.json", **page)
        assert isinstance(data["rows"], list)
        shown += data["rows"]
        if not data.get("next"):
            break
        page["_next"] = str(data["next"])
    assert _same([tuple(r.values()) for r in shown]) == _same(expected)
    order = [str(r[column]) for r in shown]
    assert order == sorted(order, reverse=True)  # newest first


def test_table_search_finds_a_rare_term_anywhere(
        served: tuple[httpx.Client, Path, dict[str, str]]) -> None:
    client, _, _ = served
    changes = _json(client, "/monitor/changes.json", _search=RARE, _shape="objects")["rows"]
    assert isinstance(changes, list) and [r["new"].split()[:2] for r in changes] == [["New", "3"]]
    words = _json(client, "/monitor/recent_changes.json", _search=RARE, _shape="objects")["rows"]
    assert isinstance(words, list) and len(words) == 1
    # The oldest item with the common word holds the rare one too: found by the rare word.
    items = _json(client, "/monitor/items.json", _search=RARE, _shape="objects")["rows"]
    assert isinstance(items, list) and [r["key"] for r in items] == ["many0"]
    titled = _json(client, "/monitor/items.json", _search_title=RARE, _shape="objects")["rows"]
    assert titled == items
    page = client.get("/monitor/items", params={"_search": RARE}).text
    assert f'value="{RARE}"' in page  # the search box shows what was searched


def test_table_search_of_a_common_word_reads_its_newest_matches(
        served: tuple[httpx.Client, Path, dict[str, str]]) -> None:
    client, _, _ = served
    data = _json(client, "/monitor/items.json", _search=COMMON, _shape="objects",
                 _sort="id", _size="max")
    assert data["filtered_table_rows_count"] == NEWEST  # a bounded search is still counted
    rows = data["rows"]
    assert isinstance(rows, list)
    numbers = sorted(int(r["title"].split()[1]) for r in rows)
    assert numbers[0] == 200 and numbers[-1] == NEWEST + 199  # the newest 1,000 of 1,200


@pytest.mark.parametrize("table", ["check_days", "source_days", "changes", "fact_events"])
def test_growing_tables_show_no_total_count(
        served: tuple[httpx.Client, Path, dict[str, str]], table: str) -> None:
    client, _, _ = served
    data = _json(client, f"/monitor/{table}.json", _shape="objects")
    assert data["filtered_table_rows_count"] is None and data["rows"]
    counted = _json(client, "/monitor/companies.json", _shape="objects")
    assert counted["filtered_table_rows_count"] == 4  # a table that does not grow is counted


def test_charts_page_draws_what_weekly_changes_holds(tmp_path: Path) -> None:
    """The charts, counted from the weeks' index, are the charts drawn from weekly_changes:
    per category, and per company for the nine busiest with the rest as "others"."""
    from monitor.datasette import pages
    from tests.test_serve import start_serve, stop_serve

    path = tmp_path / "monitor.db"
    db = open_db(path)
    now = datetime.now(UTC)
    db.conn.executemany("INSERT INTO companies (slug, name, added_at) VALUES (?, ?, ?)",
                        [(f"c{i:02d}", f"Company {i}", iso(now)) for i in range(13)])
    rows = []
    for i in range(13):  # company i: 3 * i + 1 changes, spread over weeks and categories
        for n in range(3 * i + 1):
            category = CATEGORIES[(i + n) % 4]
            at = now - timedelta(days=(7 * n + i) % 150, hours=1)
            rows.append((f"c{i:02d}", f"c{i:02d}:website", "f", "modified", category, iso(at)))
    rows.append(("c12", "c12:website", "f", "modified", "news", iso(now - timedelta(days=400))))
    db.conn.executemany(
        "INSERT INTO changes (company, source, field, change, category, detected_at, new)"
        " VALUES (?, ?, ?, ?, ?, ?, 'x')", rows)
    db.conn.commit()
    weekly = [dict(zip(("week", "company", "company_name", "category", "changes"), r, strict=True))
              for r in db.conn.execute(
                  "SELECT w.week, w.company, coalesce(c.name, w.company), w.category, w.changes"
                  " FROM weekly_changes w LEFT JOIN companies c ON c.slug = w.company"
                  " WHERE w.week >= ?", [pages._week_start(pages.WEEKS)])]
    db.close()
    busiest = sorted({r["company_name"] for r in weekly},
                     key=lambda n: -sum(r["changes"] for r in weekly if r["company_name"] == n))[:9]
    by_company = [r if r["company_name"] in busiest else {**r, "company_name": "others"}
                  for r in weekly]
    proc, base = start_serve(path)
    try:
        html = httpx.get(f"{base}/charts", timeout=60).text
    finally:
        stop_serve(proc)
    assert f"{sum(r['changes'] for r in weekly)} changes in the last" in html
    assert str(pages._weekly_chart(weekly, "category", "Changes per week by category")) in html
    assert str(pages._weekly_chart(by_company, "company_name", "Changes per week by company")) in html
    assert ">others<" in html and ">Company 12<" in html and ">Company 3<" not in html


def test_permission_rules_are_read_once_per_table_and_still_deny(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Datasette deep-copies all metadata per table it checks: the app reads each table's rules
    once; a table the metadata closes stays closed, on every visit."""
    import asyncio

    from datasette.app import Datasette

    from monitor.datasette.serve import MonitorDatasette, make_datasette

    path = tmp_path / "monitor.db"
    open_db(path).close()
    reads: list[tuple[str, str]] = []
    stock = Datasette._table_permission_allows

    def counted(self: Datasette, database: str, table: str) -> object:
        reads.append((database, table))
        return stock(self, database, table)

    monkeypatch.setattr(Datasette, "_table_permission_allows", counted)

    async def visit(ds: Datasette, *urls: str) -> list[int]:
        await ds.invoke_startup()
        return [(await ds.client.get(url)).status_code for url in urls]

    assert asyncio.run(visit(make_datasette(path), "/", "/", "/monitor/changes")) == [200] * 3
    assert reads and len(reads) == len(set(reads))  # each table's rules computed once
    closed = MonitorDatasette([str(path)], metadata={
        "databases": {"monitor": {"tables": {"changes": {"allow": False}}}}})
    assert asyncio.run(visit(closed, "/monitor/changes", "/monitor/changes",
                             "/monitor/items")) == [403, 403, 200]


def _pages(client: httpx.Client, table: str) -> list[dict[str, object]]:
    """Every page of a table's JSON, following "next" as a person would."""
    pages = []
    page: dict[str, str] = {"_shape": "objects", "_size": "100"}
    while True:
        data = _json(client, f"/monitor/{table}.json", **page)
        pages.append(data)
        if not data.get("next"):
            return pages
        page["_next"] = str(data["next"])


def test_items_pages_show_every_item_once_newest_first(
        served: tuple[httpx.Client, Path, dict[str, str]]) -> None:
    client, path, _ = served
    expected = [r[0] for r in sqlite3.connect(path).execute(
        "SELECT id FROM items ORDER BY published_at DESC, id")]
    shown = [r["id"] for p in _pages(client, "items") for r in p["rows"]]  # type: ignore[attr-defined]
    assert shown == expected  # the first page's ties broken as the later pages break them


def test_items_later_pages_seek_unless_a_null_time_may_be_on_them(
        served: tuple[httpx.Client, Path, dict[str, str]]) -> None:
    """Items without a publication time come after every dated one: a later page seeks to its
    place when a whole page of dated items lies below its token, and is read as Datasette
    reads it otherwise (at the end of the dated items, or filtered); both show the same rows."""
    client, path, _ = served
    conn = sqlite3.connect(path)
    for filters in ({}, {"kind": "news"}):
        expected = [r[0] for r in conn.execute(
            "SELECT id FROM items WHERE kind = ? OR ? ORDER BY published_at DESC, id",
            [filters.get("kind"), not filters])]
        shown, seeks, page = [], [], {"_shape": "objects", "_size": "100", **filters}
        while True:
            data = _json(client, "/monitor/items.json", **page)
            shown += [r["id"] for r in data["rows"]]  # type: ignore[attr-defined]
            if "_next" in page:
                value = page["_next"].split(",")[0].replace("~3A", ":")
                below = conn.execute("SELECT count(*) FROM items WHERE published_at < ?"
                                     " AND (kind = ? OR ?)", [value, filters.get("kind"),
                                                               not filters]).fetchone()[0]
                sought = ":_seek" in str(data["query"]["sql"])  # type: ignore[index]
                seeks.append(sought)
                assert sought == (below > 100 and not filters), (value, below)
            if not data.get("next"):
                break
            page["_next"] = str(data["next"])
        assert shown == expected
        assert any(seeks) != bool(filters) and not seeks[-1]  # the last pages hold the undated


def test_items_later_pages_all_seek_when_every_item_is_dated(tmp_path: Path) -> None:
    """With no undated item, no NULL can be on a page: every later page seeks, the last one
    (fewer rows below its place than a page) too, and the pages show every item once."""
    import asyncio

    from monitor.datasette.serve import make_datasette

    path = tmp_path / "monitor.db"
    db = open_db(path)
    _fill(db.conn)
    db.conn.execute("DELETE FROM items")
    db.conn.executemany(
        "INSERT INTO items (company, source, key, kind, title, published_at, first_seen,"
        " last_seen) VALUES ('c1', 'c1:feed', ?, 'news', 't', ?, ?, ?)",
        [(f"k{n}", at, at, at) for n in range(95)
         for at in [iso(NOW - timedelta(hours=n // 3))]])  # three items to an hour: ties
    db.conn.commit()
    expected = [r[0] for r in db.conn.execute("SELECT id FROM items ORDER BY published_at DESC, id")]
    db.close()

    async def pages() -> tuple[list[int], list[bool]]:
        ds = make_datasette(path)
        await ds.invoke_startup()
        shown, seeks, url = [], [], "/monitor/items.json?_shape=objects&_size=10"
        while url:
            data = (await ds.client.get(url)).json()
            shown += [r["id"] for r in data["rows"]]
            if "_next=" in url:
                seeks.append(":_seek" in data["query"]["sql"])
            url = data["next_url"] and data["next_url"].split("localhost", 1)[-1]
        return shown, seeks

    shown, seeks = asyncio.run(pages())
    assert shown == expected
    assert len(seeks) == 9 and all(seeks)


# What Datasette selects for a page after the first (its own condition, no seek): the reference.
_AFTER = {
    "check_days": ("(day < :v OR (day = :v AND (source > :k1 OR (source = :k1 AND day > :k2))))",
                   "day DESC, source, day", ("source", "day")),
    "checks": ("(started_at < :v OR (started_at = :v AND id > :k1))", "started_at DESC, id",
               ("id",)),
}


@pytest.mark.parametrize("table", sorted(_AFTER))
def test_later_pages_start_at_their_place_and_show_the_reference_rows(
        served: tuple[httpx.Client, Path, dict[str, str]], table: str) -> None:
    client, path, _ = served
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    where, order, keys = _AFTER[table]
    pages = _pages(client, table)
    assert len(pages) > 2
    column = order.split()[0]
    for before, page in itertools.pairwise(pages):
        last = before["rows"][-1]  # type: ignore[index]
        params = {"v": last[column], **{f"k{n + 1}": last[k] for n, k in enumerate(keys)}}
        reference = [dict(r) for r in conn.execute(
            f"SELECT * FROM {table} WHERE {where} ORDER BY {order} LIMIT 100", params)]
        assert page["rows"] == reference
        assert ":_seek" in str(page["query"]["sql"])  # type: ignore[index]




def test_check_days_pages_read_the_day_and_key_index_in_order(
        history: tuple[Path, dict[str, list[tuple[object, ...]]], dict[str, str]]) -> None:
    """m022: the first page (by day alone) and the later pages (by day, then the key) of
    check_days both read check_days_newest in its order; nothing sorts a day's rows (the key's
    last column, the day again, is "sorted" in groups of one row)."""
    path, _, _ = history
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "check_days_newest" in names and "check_days_day" not in names
    where, order, _ = _AFTER["check_days"]
    for sql in ("SELECT * FROM check_days ORDER BY day DESC LIMIT 101",
                f"SELECT * FROM check_days WHERE day <= :v AND {where} ORDER BY {order} LIMIT 101"):
        plan = " ".join(r[3] for r in conn.execute(
            f"EXPLAIN QUERY PLAN {sql}", {"v": "2026-05-01", "k1": "c1:feed", "k2": "x"}))
        assert "check_days_newest" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_check_days_pages_show_every_row_once_newest_first(
        served: tuple[httpx.Client, Path, dict[str, str]]) -> None:
    """Every source shares each day: the pages break those ties one way, first page included
    (a page of 100 ends inside a day), so following "next" shows each row once."""
    client, path, _ = served
    expected = [tuple(r) for r in sqlite3.connect(path).execute(
        "SELECT day, source FROM check_days ORDER BY day DESC, source")]
    shown = [(r["day"], r["source"]) for p in _pages(client, "check_days")
             for r in p["rows"]]  # type: ignore[attr-defined]
    assert shown == expected
