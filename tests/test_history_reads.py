"""Reading a long history: the m011 migration on a database that already holds rows, Atom
entries whose HTML carries every value as text, news search that ranks a bounded set, and the
recent-changes page of a deployment with more companies than a drop-down can hold.

Pages are read from ``monitor serve`` over HTTP, as analysts read them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from lxml import etree
from sqlite_utils import Database

from monitor.clock import iso
from monitor.datasette import metadata
from monitor.datasette.search import fts_query
from monitor.store.db import open_db
from monitor.store.schema import migrations

NOW = datetime.now(UTC)
ODD_KIND = "<i>odd</i> & kind"
CROWD = 1001  # companies: one more than /changes lists in a drop-down


def _fill(conn: sqlite3.Connection) -> None:
    """Companies, sources and changes, written as any version of monitor would."""
    at = iso(NOW - timedelta(days=400))
    conn.executemany("INSERT INTO companies (slug, name, added_at) VALUES (?, ?, ?)",
                     [(f"c{i:04d}", f"Company {i}", at) for i in range(CROWD)])
    conn.executemany(
        "INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
        " VALUES (?, ?, ?, ?, ?, 3600, 1, ?)",
        [(f"c{i:04d}:website", f"c{i:04d}", "website", f"https://c{i:04d}.example/",
          f"c{i:04d}.example", at) for i in range(CROWD)]
        + [("c0001:odd", "c0001", ODD_KIND, "https://c0001.example/odd", "c0001.example", at)])
    conn.executemany(
        "INSERT INTO changes (company, source, field, key, change, old, new, category,"
        " detected_at, url) VALUES (?, ?, ?, NULL, 'modified', ?, ?, ?, ?, ?)",
        [("c0001", "c0001:odd", "email", "a@c0001.example", "<b>b</b>@c0001.example",
          "contact", iso(NOW - timedelta(hours=2)), "https://c0001.example/?a=1&b=2"),
         ("c0005", "c0005:website", "phone", "+1 555 0100", "+1 555 0199", "contact",
          iso(NOW - timedelta(hours=3)), None)])


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return conn.execute(sql).fetchall()


def test_m011_applies_to_a_database_with_rows_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    old = Database(path)
    migrations.apply(old, stop_before="m011_history_reads")
    _fill(old.conn)
    old.conn.commit()
    tables = ("companies", "sources", "changes", "changes_fts")
    before = {t: _rows(old.conn, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}
    # The columns m011 found: later migrations may add columns, never lose a row or a value.
    columns = {t: ", ".join(f'"{c.name}"' for c in old[t].columns) for t in tables}
    feed_before = _rows(old.conn, "SELECT * FROM change_feed ORDER BY id")
    old.close()

    db = open_db(path)
    after = {t: _rows(db.conn, f"SELECT {columns[t]} FROM {t} ORDER BY rowid") for t in tables}
    feed_after = _rows(db.conn, "SELECT * FROM change_feed ORDER BY id")
    assert after == before
    # The same entries; only the values the old view left raw (here: the source kind) change.
    assert [r[:9] for r in feed_after] == [r[:9] for r in feed_before]
    ordinary = [r for r in feed_after if r[1] == "c0005"]
    assert ordinary == [r for r in feed_before if r[1] == "c0005"]
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM source_health WHERE company = 'c0001'"))
    assert "sources_company" in plan  # a company's sources by index, not a scan of all


@pytest.mark.parametrize("table", ["checks", "check_days", "changes", "items", "metrics",
                                   "text_lines"])
def test_growing_tables_open_in_their_shipped_order_by_index(tmp_path: Path, table: str) -> None:
    db = open_db(tmp_path / "monitor.db")
    shipped = metadata("monitor")["databases"]["monitor"]["tables"][table]
    column = shipped.get("sort_desc") or shipped["sort"]
    plan = " ".join(r[3] for r in db.execute(
        f"EXPLAIN QUERY PLAN SELECT * FROM {table} ORDER BY {column} DESC LIMIT 51"))
    assert "TEMP B-TREE" not in plan  # the first page reads 51 rows, never sorts them all


@pytest.fixture(scope="module")
def served_crowd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    """``monitor serve`` over a database of 1,001 companies, with news items to search."""
    from tests.test_serve import start_serve, stop_serve

    path = tmp_path_factory.mktemp("reads") / "monitor.db"
    db = open_db(path)
    _fill(db.conn)
    db.conn.executemany(
        "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
        " first_seen, last_seen) VALUES ('c0002', 'c0002:website', ?, 'news', ?, ?, ?, ?, ?, ?)",
        [(f"k{n}", title, f"https://c0002.example/{n}", at, summary, at, at)
         for n, (title, summary, at) in enumerate(_news())])
    db.conn.commit()
    db.close()
    proc, base = start_serve(path)
    try:
        with httpx.Client(base_url=base, timeout=60, trust_env=False) as client:
            yield client, path
    finally:
        stop_serve(proc)


def _news() -> Iterator[tuple[str, str, str]]:
    """5,300 items say "orbit": the 300 found first say it most often, so a ranking of every
    match would put them first; 40 items say "lander", each a different number of times."""
    for n in range(5300):
        loud = n < 300
        yield (("orbit " * 6 if loud else "orbit") + f" report {n}", "summary text",
               iso(NOW - timedelta(days=900 - n / 10)))
    for n in range(40):
        yield (f"lander {n}", "lander " * (n % 13 + 1) + "filler " * (n % 7),
               iso(NOW - timedelta(days=n)))


def _search(client: httpx.Client, q: str) -> list[dict[str, object]]:
    response = client.get("/monitor/search_news.json", params={"q": q, "_shape": "array"})
    assert response.status_code == 200, response.text[:300]
    found: list[dict[str, object]] = response.json()
    return found


def test_news_search_gives_the_full_ranking_for_a_selective_word(
        served_crowd: tuple[httpx.Client, Path]) -> None:
    client, path = served_crowd
    found = _search(client, "lander")
    conn = sqlite3.connect(path)
    conn.create_function("escape_fts", 1, fts_query)
    every_match_ranked = conn.execute(
        "SELECT i.title FROM items_fts JOIN items i ON i.id = items_fts.rowid"
        " WHERE items_fts MATCH escape_fts('lander') ORDER BY rank LIMIT 200").fetchall()
    assert [r["title"] for r in found] == [r[0] for r in every_match_ranked]
    assert all("lander" in str(r["summary"]) for r in found)  # snippets still come with rows


def test_news_search_lists_the_newest_matches_of_a_common_word(
        served_crowd: tuple[httpx.Client, Path]) -> None:
    client, _ = served_crowd
    found = _search(client, "orbit")
    numbers = [int(str(r["title"]).rsplit(" ", 1)[1]) for r in found]
    # 5,300 matches: past 5,000 the answer is the 200 found last, newest first, not a ranking
    # (whose first step counts every match of the word over the years); the 300 loudest,
    # found first, are not among them.
    assert numbers == list(range(5299, 5099, -1))
    assert all(r["summary"] == "summary text" for r in found)  # each row keeps its snippet


def test_news_search_of_two_words_ranks_their_common_matches(
        served_crowd: tuple[httpx.Client, Path]) -> None:
    client, path = served_crowd
    found = _search(client, "orbit report")  # 5,300 matches: the newest 200
    assert [str(r["title"]).rsplit(" ", 1)[1] for r in found][:2] == ["5299", "5298"]
    found = _search(client, "lander filler")  # 34 matches, all ranked
    conn = sqlite3.connect(path)
    conn.create_function("escape_fts", 1, fts_query)
    ranked = conn.execute(
        "SELECT i.title FROM items_fts JOIN items i ON i.id = items_fts.rowid"
        " WHERE items_fts MATCH escape_fts('lander filler') ORDER BY rank").fetchall()
    assert len(found) == len(ranked) > 0
    assert [r["title"] for r in found] == [r[0] for r in ranked]


def test_feed_entry_html_carries_every_value_as_text(
        served_crowd: tuple[httpx.Client, Path]) -> None:
    client, _ = served_crowd
    raw = client.get("/monitor/feed.atom", params={"company": "c0001"}).content
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = etree.fromstring(raw).findall("a:entry", ns)
    assert len(entries) == 1
    html = entries[0].find("a:content", ns).text
    assert "<i>" not in html and "<b>" not in html  # markup in values is never markup
    assert "Seen on &lt;i&gt;odd&lt;/i&gt; &amp; kind" in html
    assert "After: &lt;b&gt;b&lt;/b&gt;@c0001.example" in html
    assert "https://c0001.example/?a=1&amp;b=2" in html


def test_recent_changes_past_a_thousand_companies_asks_for_a_slug(
        served_crowd: tuple[httpx.Client, Path]) -> None:
    client, _ = served_crowd
    page = client.get("/changes").text
    assert '<select name="company">' not in page  # no 1,001-entry drop-down
    assert '<input type="text" name="company"' in page
    assert "+1 555 0199" in page and "c0001.example" in page
    one = client.get("/changes", params={"company": "c0005"}).text
    assert 'name="company" value="c0005"' in one
    assert "+1 555 0199" in one and "&lt;b&gt;b&lt;/b&gt;@c0001.example" not in one


def test_companies_page_lists_every_company_once_a_page_at_a_time(
        served_crowd: tuple[httpx.Client, Path]) -> None:
    client, _ = served_crowd
    seen: list[str] = []
    page = 1
    while True:
        html = client.get("/companies", params={"page": str(page)}).text
        shown = re.findall(r'href="/company/(c\d{4})"', html)
        assert 0 < len(shown) <= 200  # a page a person can read, and that renders fast
        seen += shown
        if 'rel="next"' not in html:
            break
        page += 1
    assert len(seen) == CROWD and set(seen) == {f"c{i:04d}" for i in range(CROWD)}
    assert seen == sorted(seen, key=lambda s: f"Company {int(s[1:])}".lower())  # by name
    first = client.get("/companies").text
    assert f"Companies 1–200 of {CROWD}" in first


def test_change_search_answers_newest_first(served_crowd: tuple[httpx.Client, Path]) -> None:
    client, _ = served_crowd
    response = client.get("/monitor/search_changes.json", params={"q": "c0001.example", "_shape": "array"})
    assert response.status_code == 200, response.text[:300]
    assert [(r["company"], r["category"]) for r in response.json()] == [("c0001", "contact")]
    both = client.get("/monitor/search_changes.json", params={"q": "555 0199", "_shape": "array"})
    assert [r["what"] for r in both.json()] == ["phone: +1 555 0100 → +1 555 0199"]
    neither = client.get("/monitor/search_changes.json", params={"q": "555 c0001", "_shape": "array"})
    assert neither.json() == []  # every word is required
    assert client.get("/").text.count("/monitor/search_changes") == 1  # offered on the home page


@pytest.mark.parametrize("table", ["changes", "items", "checks", "recent_changes", "metrics"])
def test_growing_tables_facet_on_demand_only(served_crowd: tuple[httpx.Client, Path],
                                              table: str) -> None:
    client, _ = served_crowd
    plain = client.get(f"/monitor/{table}.json", params={"_shape": "objects"})
    assert plain.status_code == 200, plain.text[:300]
    assert plain.json()["facet_results"] == {}  # no GROUP BY over the whole history per visit
    column = "company"
    asked = client.get(f"/monitor/{table}.json", params={"_shape": "objects", "_facet": column})
    assert column in asked.json()["facet_results"]


def test_a_snapshot_from_before_m011_keeps_its_feeds_sanitized(tmp_path: Path) -> None:
    """Its change_feed view left the source kind raw: the feed sanitizer still runs on it."""
    from tests.test_serve import start_serve, stop_serve

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m011_history_reads")
    _fill(old.conn)
    old.conn.execute("UPDATE sources SET kind = '<script>alert(1)</script>' WHERE id = 'c0001:odd'")
    old.conn.commit()
    old.close()
    proc, base = start_serve(tmp_path / "unused.db", "--snapshot", str(path))
    try:
        raw = httpx.get(f"{base}/old/feed.atom", params={"company": "c0001"}, timeout=60).content
    finally:
        stop_serve(proc)
    html = etree.fromstring(raw).find("a:entry/a:content", {"a": "http://www.w3.org/2005/Atom"}).text
    assert "<script" not in html and "After: &lt;b&gt;b&lt;/b&gt;@c0001.example" in html
