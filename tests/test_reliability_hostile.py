"""Hostile pages through every command that parses: one status line each, nothing leaks.

The same bounded path (size/depth precheck, then a worker under CPU and time limits) serves
``check``, ``extract`` and ``add --discover``; one absurd JSON-LD block costs that block, not
the page; terminal escapes and bidi overrides never reach the terminal or the database; only
http(s) links are kept as links.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from monitor.cli import main
from tests.webserver import serve

DEEP = b"<html><body>" + b"<div>" * 200_000 + b"x" + b"</div>" * 200_000 + b"</body></html>"
ORG = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization",'
       '"name":"ACME Corp","email":"info@acme.example","url":"https://acme.example/"}</script>')
BOMB = '<script type="application/ld+json">' + "[" * 500_000 + "</script>"
ESC = "\x1b]0;owned\x07\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
TRICKY_ORG = ('<script type="application/ld+json">' + json.dumps(
    {"@type": "Organization", "name": f"ACME {ESC} \u202eevil", "email": "info@acme.example",
     "description": f"We make things.{ESC} \u202eReally \x9b31m"}) + "</script>")
JS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ACME news</title><id>urn:acme</id>
<updated>2026-11-20T00:00:00Z</updated>
<entry><title>Hello\x1b[2J world</title><id>urn:acme:1</id><updated>2026-11-20T00:00:00Z</updated>
<link href="javascript:alert(3)"/></entry>
<entry><title>Second</title><id>urn:acme:2</id><updated>2026-11-21T00:00:00Z</updated>
<link href="https://acme.example/news/2"/></entry>
</feed>"""
UNSAFE = ("\x1b", "\x07", "\u202e", "\x9b")


def page(head: str) -> str:
    return f"<html><head><title>ACME</title>{head}</head><body><p>ACME Corp</p></body></html>"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    monkeypatch.setenv("COLUMNS", "220")


def run(tmp: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), *args])


def lines(result: Result) -> list[str]:
    """Output lines, without the note that private addresses are allowed (for the test server)."""
    return [line for line in result.output.strip().splitlines()
            if not line.startswith("note: MONITOR_ALLOW_PRIVATE")]


def clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    # (the test server's own threads may print a traceback when a client hangs up: not ours)
    assert not re.search(r'File "[^"]*/monitor/', result.output), result.output
    assert "RecursionError" not in result.output
    assert not any(ch in result.output for ch in UNSAFE), repr(result.output)


def test_extract_refuses_deep_markup_with_one_status_line(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/deep", DEEP)
        result = run(tmp_path, "extract", f"{base}/deep")
    clean(result)
    assert result.exit_code == 1  # not read as that kind: the exit status says so
    assert lines(result)[0] == \
        "status: extraction_failed (markup nested deeper than 5000 levels: not parsed)"
    assert len(lines(result)) == 2 and lines(result)[1].startswith("Error: ")


def test_discover_refuses_deep_markup_with_one_line(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/", DEEP)
        result = run(tmp_path, "add", "acme", "--discover", f"{base}/", "--yes")
    clean(result)
    assert result.exit_code == 1
    [line] = lines(result)
    assert "not read: markup nested deeper than 5000 levels" in line
    assert not (tmp_path / "sources.yaml").exists()


@pytest.mark.parametrize("command", ["extract", "check"])
def test_one_absurd_json_ld_block_costs_that_block_not_the_page(
        tmp_path: Path, env: None, command: str) -> None:
    with serve() as (site, base):
        site.set("/", page(BOMB + ORG))
        (tmp_path / "sources.yaml").write_text(
            f"companies:\n  - slug: acme\n    name: ACME\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        confirm: 1\n")
        result = run(tmp_path, "extract", f"{base}/", "--json") if command == "extract" \
            else run(tmp_path, "check")
    clean(result)
    assert result.exit_code == 0
    if command == "extract":
        data = json.loads(result.output[result.output.index("{"):])
        assert data["status"] == "ok"
        assert {"field": "email", "value": "info@acme.example"}.items() <= next(
            f for f in data["facts"] if f["field"] == "email").items()
    else:
        assert "1 ok" in result.output
        facts = sqlite3.connect(tmp_path / "m.db").execute(
            "SELECT value FROM facts WHERE field = 'email'").fetchall()
        assert facts == [("info@acme.example",)]


def test_discover_reads_a_page_with_an_absurd_json_ld_block(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/", page(BOMB + ORG))
        result = run(tmp_path, "add", "acme", "--discover", f"{base}/", "--yes")
    clean(result)
    assert result.exit_code == 0, result.output
    assert "ACME Corp" in (tmp_path / "sources.yaml").read_text()


def test_terminal_escapes_never_reach_the_terminal_or_the_database(
        tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/", page(ORG))
        (tmp_path / "sources.yaml").write_text(
            f"companies:\n  - slug: acme\n    name: ACME\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        confirm: 1\n")
        clean(run(tmp_path, "check"))  # the baseline
        site.set("/", page(TRICKY_ORG))
        outputs = [run(tmp_path, "extract", f"{base}/"), run(tmp_path, "check"),
                   run(tmp_path, "history", "acme"), run(tmp_path, "show", "acme")]
    for result in outputs:
        clean(result)
        assert result.exit_code == 0, result.output
    assert "owned" in outputs[0].output  # the text stays, its control characters go
    db = sqlite3.connect(tmp_path / "m.db")
    stored = [v for (v,) in db.execute("SELECT value FROM facts UNION ALL SELECT new FROM changes"
                                       " WHERE new IS NOT NULL")]
    assert any("owned" in v for v in stored)
    assert not any(ch in v for v in stored for ch in UNSAFE)


def test_only_web_links_are_kept_as_item_links(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/feed.xml", JS_FEED, content_type="application/atom+xml")
        result = run(tmp_path, "extract", f"{base}/feed.xml", "--kind", "feed", "--json")
    clean(result)
    data = json.loads(result.output[result.output.index("{"):])
    urls = {i["title"]: i["url"] for i in data["items"]}
    assert urls == {"Hello[2J world": None, "Second": "https://acme.example/news/2"}


def test_a_json_feed_nested_past_the_decoder_is_one_status(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/feed.json", '{"a":' * 100_000, content_type="application/feed+json")
        result = run(tmp_path, "extract", f"{base}/feed.json", "--kind", "feed")
    clean(result)
    assert result.exit_code == 1
    assert lines(result)[0] == "status: extraction_failed (invalid JSON: nested too deeply)"


def test_discovery_does_not_take_a_huge_title_for_the_company_name(
        tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/", "<html><head><title>" + "A" * 3_000_000 + "</title></head><body>x</body>"
                 "</html>")
        result = run(tmp_path, "add", "acme", "--discover", f"{base}/", "--yes")
    clean(result)
    assert result.exit_code == 0, result.output
    assert "AAAA" not in (tmp_path / "sources.yaml").read_text()
