"""What an analyst meets in `monitor serve`: search, health kept apart, navigation, errors, port.

A real `monitor serve` process over HTTP on the sample history of tests/test_serve_sample.py
(ispace from examples/ispace.md, news from corpus/feeds/rsparser/cloudblog.rss, and an ACME
feed that stopped answering: one health change).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import feedparser
import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from monitor.datasette import metadata
from monitor.datasette.search import NOTHING, fts_query
from monitor.store.db import open_db
from tests.test_serve import rows, start_serve, stop_serve
from tests.test_serve_sample import ACME_FEED_DOWN, build_sample

# What people type into search boxes that FTS5 would read as its own syntax.
HOSTILE_SEARCHES = ['"', 'CFO"', '"Jane', 'a"b"c"', "NOT", "AND OR", "*", "^x", "key:Jane",
                    "NEAR(", "(", "-", "'", "Jane -Doe", '""', "+"]


def test_no_canned_query_takes_a_table_or_view_name(tmp_path: Path) -> None:
    """A canned query named like a table hides that table's page, its search and facets."""
    db = open_db(tmp_path / "monitor.db")
    names = {r[0] for r in db.conn.execute("select name from sqlite_master where type in"
                                           " ('table', 'view')")}
    db.close()
    queries = set(metadata("monitor")["databases"]["monitor"]["queries"])
    assert "changes" in names and queries and not queries & names, queries & names


def test_full_text_search_on_the_changes_table_with_facets(served: tuple[httpx.Client, Path]) -> None:
    client, _ = served
    page = client.get("/monitor/changes.json", params={
        "_search": "Nozaki", "_facet": "category", "_shape": "objects"})
    assert page.status_code == 200, page.text[:300]
    data = page.json()
    assert data["rows"] and {r["key"] for r in data["rows"]} == {"Jumpei Nozaki"}
    assert {f["value"] for f in data["facet_results"]["category"]["results"]} == {"leadership"}
    html = client.get("/monitor/changes", params={"_search": "Nozaki"}).text
    assert 'name="_search"' in html and "Jumpei Nozaki" in html and "HAKUTO" not in html


@pytest.mark.parametrize("text", HOSTILE_SEARCHES)
def test_search_boxes_read_user_text_as_text(served: tuple[httpx.Client, Path], text: str) -> None:
    """A lone quote or FTS5 operators are words to look for, never "fts5: syntax error"."""
    client, _ = served
    for path, key in (("/monitor/changes", "_search"), ("/monitor/recent_changes", "_search"),
                      ("/monitor/items", "_search"), ("/monitor/search_news", "q")):
        for suffix in ("", ".json"):
            answer = client.get(path + suffix, params={key: text})
            assert answer.status_code == 200, (path, text, answer.text[:300])
            assert "syntax error" not in answer.text and "fts5" not in answer.text, (path, text)


def test_a_stray_quote_still_finds_the_words(served: tuple[httpx.Client, Path]) -> None:
    client, _ = served
    found = rows(client, "/monitor/changes.json", _search='Nozaki"')
    assert found and all(r["key"] == "Jumpei Nozaki" for r in found)
    news = rows(client, "/monitor/search_news.json", q='"BigQuery')
    assert news and all("BigQuery" in str(r["title"]) + str(r["summary"]) for r in news)


def test_fts_query_quotes_every_word_and_keeps_phrases() -> None:
    assert fts_query('"') == fts_query("") == fts_query("- ( )") == NOTHING
    assert fts_query('Jane "chief financial" NOT') == '"Jane" "chief financial" "NOT"'
    assert fts_query('a"b"c"') == '"a" "b" "c"'
    assert fts_query("info@acme.example key:x") == '"info@acme.example" "key:x"'


def test_health_events_are_kept_apart_from_company_news(served: tuple[httpx.Client, Path]) -> None:
    """Their own page and feed; left out of /changes and the main feed; filterable back in."""
    client, _ = served
    news = client.get("/changes").text
    assert "did not answer in time" not in news and "Jumpei Nozaki" in news
    assert "1 source event not shown" in news
    alone = HTMLParser(client.get("/changes", params={"category": "health"}).text)
    assert [h.text() for h in alone.css("h1")] == ["Source events"]
    entries = [li.text() for li in alone.css("li.entry")]
    assert len(entries) == 1 and "did not answer in time" in entries[0]
    everything = client.get("/changes", params={"category": "all"}).text
    assert "did not answer in time" in everything and "Jumpei Nozaki" in everything

    def titles(**params: str) -> list[str]:
        feed = feedparser.parse(client.get("/monitor/feed.atom", params=params).content)
        assert feed.bozo == 0
        return [e.title for e in feed.entries]

    assert titles() and not [t for t in titles() if ACME_FEED_DOWN in t]
    assert [t for t in titles(category="health") if ACME_FEED_DOWN in t] == [
        f"ACME <Anvils> & Co — status: new → {ACME_FEED_DOWN}"] == titles(category="health")
    assert len(titles(category="all")) == len(titles()) + 1
    listed = rows(client, "/monitor/latest_changes.json", company="acme", days="30")
    assert listed and all(r["category"] != "health" for r in listed)


@pytest.mark.parametrize("path", ["/mon/nope/x/y", "/-/changes/category/identity.atom",
                                  "/monitor/nope", "/monitor/nope.json", "/nope"])
def test_unknown_paths_answer_404_not_500(served: tuple[httpx.Client, Path], path: str) -> None:
    client, _ = served
    answer = client.get(path)
    assert answer.status_code == 404, answer.text[:300]
    if not path.endswith(".json"):
        assert 'class="monitor-nav"' in answer.text  # the app's layout, not a bare error


@pytest.mark.parametrize("path", [
    "/", "/monitor", "/monitor/changes", "/monitor/changes/1", "/monitor/recent_changes",
    "/monitor/latest_changes", "/monitor/search_news?q=cloud", "/monitor/who_holds?role=CEO",
    "/monitor/feed", "/changes", "/companies", "/company/ispace", "/charts", "/company/nobody"])
def test_every_page_keeps_the_app_navigation(served: tuple[httpx.Client, Path], path: str) -> None:
    client, _ = served
    dom = HTMLParser(client.get(path).text)
    nav = dom.css_first("header p.monitor-nav")
    assert nav is not None, path
    assert [a.attributes["href"] for a in nav.css("a")][:4] == [
        "/", "/changes", "/companies", "/charts"], path
    assert "Source events" in nav.text()


def test_serve_on_a_busy_port_says_so_and_fails(tmp_path: Path) -> None:
    db = build_sample(tmp_path / "monitor.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        done = subprocess.run([sys.executable, "-m", "monitor", "--db", str(db), "serve", "--port",
                               str(port)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"port {port} is in use" in done.stderr
    assert "Serving" not in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_home_page_says_when_no_source_could_be_reached(tmp_path: Path) -> None:
    """Every source's last check failed before a host answered: the machine has no network."""
    db = build_sample(tmp_path / "monitor.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE sources SET status = 'error', error = 'dns', failures = 1")
    conn.close()
    proc, base = start_serve(db)
    try:
        home = httpx.get(base + "/", timeout=60).text
        changes = httpx.get(base + "/changes", timeout=60).text
    finally:
        stop_serve(proc)
    assert "no network: 5 of 5 sources unreachable, DNS failed" in home
    assert "no network" not in changes  # said where people start, once


def test_home_page_is_quiet_when_sources_answer(served: tuple[httpx.Client, Path]) -> None:
    client, _ = served
    home = client.get("/").text
    assert "Company monitor" in home and "no network" not in home
