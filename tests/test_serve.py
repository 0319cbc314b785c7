"""`monitor serve` as a real process: JSON, Atom feeds, people pages and the safety settings.

The database is the sample history of tests/test_serve_sample.py (ispace from
../shared/examples/ispace.md, news from corpus/feeds/rsparser/cloudblog.rss).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import httpx
from lxml import etree

from tests.ports import ATTEMPTS, free_port


def start_serve(db: Path, *args: str, port_flag: bool = False) -> tuple[subprocess.Popen[str], str]:
    """`monitor serve` in a child process; returns it and its base URL once it answers.

    The port comes from $PORT, or with ``port_flag`` from --port (which beats $PORT). It is
    told before the server starts: another port is tried when one was taken meanwhile.
    """
    for _ in range(ATTEMPTS):
        started = _start_serve(db, args, free_port(), port_flag)
        if started is not None:
            return started
    raise AssertionError(f"monitor serve found no free port in {ATTEMPTS} tries")


def _start_serve(db: Path, args: tuple[str, ...], port: int, port_flag: bool
                 ) -> tuple[subprocess.Popen[str], str] | None:
    """One start on ``port``: the child and its base URL, None when the port was taken."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(MONITOR_DB=str(db), PORT=str(free_port() if port_flag else port))
    if port_flag:
        args = (*args, "--port", str(port))
    path = db.parent / f"serve-{port}.log"
    log = path.open("w")  # a file: a full pipe would block it
    proc = subprocess.Popen([sys.executable, "-m", "monitor", "serve", *args], env=env,
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # Datasette's start-up, on a loaded machine
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = path.read_text()[-3000:]
            if f"port {port} is in use" in text:
                return None
            raise AssertionError(f"monitor serve exited: {text}")
        try:  # "Serving": the port is the child's, not another process's that took it
            if "Serving " in path.read_text() \
                    and httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("monitor serve did not answer within 60 s")


def stop_serve(proc: subprocess.Popen[str]) -> None:
    """Stop the child and reap it."""
    proc.terminate()
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def rows(client: httpx.Client, path: str, **params: str) -> list[dict[str, object]]:
    """A Datasette JSON endpoint as a list of row objects."""
    response = client.get(path, params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text[:500]
    data = response.json()
    assert isinstance(data, list)
    return data


def test_json_endpoints_answer_the_analysts_questions(served: tuple[httpx.Client, Path]) -> None:
    client, _ = served
    changes = rows(client, "/monitor/recent_changes.json", company="ispace", _size="100")
    whats = [c["what"] for c in changes]
    assert "Jumpei Nozaki: Director & CFO → Director & COO" in whats
    assert changes[0]["detected_at"] >= changes[-1]["detected_at"]  # newest first by default
    ceos = rows(client, "/monitor/who_holds.json", role="CEO")
    assert [(r["person"], r["company_name"]) for r in ceos] == [("Takeshi Hakamada", "ispace")]
    month_ago = (datetime.now(UTC) - timedelta(days=30)).date().isoformat()
    past = rows(client, "/monitor/profile_as_of.json", company="ispace", date=month_ago)
    assert {"field": "person", "value": "Takahiro Nakamura", "role": "Director & COO"}.items() <= {
        k: v for r in past if r["value"] == "Takahiro Nakamura" for k, v in r.items()}.items()
    found = rows(client, "/monitor/search_news.json", q="BigQuery")
    assert len(found) >= 2 and all("BigQuery" in str(r["title"]) + str(r["summary"]) for r in found)
    recent = rows(client, "/monitor/latest_changes.json", company="ispace", days="5")
    # a departure beside an arrival waits until the arrival has settled: the order of these
    # three within the days depends on the checks, their set does not
    assert {r["what"] for r in recent} == {
        "link.x: https://twitter.com/HAKUTO_Reboot → https://x.com/HAKUTO_R",
        "person added: Jane Doe (CFO)", "person removed: Nozomu Iwata (VP & Technology)"}
    assert [r["detected_at"] for r in recent] == sorted((r["detected_at"] for r in recent), reverse=True)
    assert len(rows(client, "/monitor/changes.json", category="news")) == 6
    timeline = rows(client, "/monitor/timeline.json", company="gcloud")
    assert len(timeline) == 20
    settings = client.get("/-/settings.json").json()
    assert settings["sql_time_limit_ms"] == 1000 and settings["allow_download"] is False
    assert client.get("/-/metadata.json").json()["title"] == "Company monitor"


def test_atom_feeds_for_all_a_company_and_a_category(served: tuple[httpx.Client, Path]) -> None:
    client, _ = served
    everything = feedparser.parse(client.get("/monitor/feed.atom").content)
    assert everything.bozo == 0 and everything.feed.title == "Company monitor changes"
    titles = [e.title for e in everything.entries]
    assert "ispace — Jumpei Nozaki: Director & CFO → Director & COO" in titles
    entry = next(e for e in everything.entries if e.title.startswith("ispace — Jumpei"))
    assert "Before: Director &amp; CFO" in entry.content[0].value  # readable in a feed reader
    assert "After: Director &amp; COO" in entry.content[0].value
    gcloud = feedparser.parse(client.get("/monitor/feed.atom", params={"company": "gcloud"}).content)
    assert len(gcloud.entries) == 6 and {e.author for e in gcloud.entries} == {"Google Cloud"}
    leaders = feedparser.parse(client.get("/monitor/feed.atom", params={"category": "leadership"}).content)
    assert len(leaders.entries) == 4
    assert all(e.title.startswith("ispace — ") for e in leaders.entries)
    quiet = client.get("/monitor/feed.atom", params={"company": "acme", "category": "news"})
    assert quiet.status_code == 200 and feedparser.parse(quiet.content).entries == []
    raw = client.get("/monitor/feed.atom", params={"company": "acme"}).content
    ns = {"a": "http://www.w3.org/2005/Atom"}
    tree = etree.fromstring(raw)
    for entry_xml in tree.findall("a:entry", ns):
        title = entry_xml.find("a:title", ns)
        assert title.get("type", "text") == "text"  # titles are plain text to every reader
        html = entry_xml.find("a:content", ns).text  # the HTML a feed reader renders
        assert "<script" not in html and "<img" not in html


def test_pages_escape_scraped_text(served: tuple[httpx.Client, Path]) -> None:
    client, _ = served
    page = client.get("/company/acme")
    assert page.status_code == 200
    assert "<script>document.title" not in page.text
    assert "&lt;script&gt;document.title" in page.text
    assert 'href="javascript:' not in page.text
    assert "ACME &lt;Anvils&gt; &amp; Co" in page.text
    assert client.get("/company/no-such-company").status_code == 404
    table = client.get("/monitor/recent_changes", params={"company": "acme"}).text
    assert "<script>document.title" not in table and "&lt;script&gt;" in table


def test_live_file_is_read_only_time_limited_and_live(served: tuple[httpx.Client, Path]) -> None:
    """H4, docs/reliability.md, H4: no writes, long queries killed, the writer's rows show at once."""
    client, db = served
    refused = client.get("/monitor.json", params={"sql": "delete from changes"})
    assert refused.status_code == 400
    slow = client.get("/monitor.json", params={  # never ends unless the time limit kills it
        "sql": "with recursive n(x) as (select 1 union all select x + 1 from n) select count(*) from n"})
    assert slow.status_code == 400 and "too long" in slow.text
    assert client.get("/monitor.db").status_code in (403, 404)  # the live file is not offered
    conn = sqlite3.connect(db, timeout=10)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO changes (company, source, field, change, new, category, detected_at)"
                 " VALUES ('acme', 'acme:website:1', 'phone', 'added', '+1 555 0100', 'contact', ?)",
                 [datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")])
    conn.execute("COMMIT")
    conn.close()
    latest = rows(client, "/monitor/recent_changes.json", company="acme", _size="1")
    assert latest[0]["what"] == "phone added: +1 555 0100"


def test_no_open_redirect(served: tuple[httpx.Client, Path]) -> None:
    """H3: //host and /\\host paths never send the browser elsewhere."""
    client, _ = served
    for path in ("//evil.example/", "/\\evil.example/", "/monitor/\\evil.example/"):
        response = client.get(path)
        location = response.headers.get("location", "")
        assert not location.startswith(("//", "/\\")) and "\\" not in location, (path, location)
