"""``show``, ``history``, ``status`` and ``list``: ``--json``, and plain unclipped lines in a pipe.

A real server on 127.0.0.1 serves a company page under a long URL and an RSS feed; the CLI
runs through click's runner, whose stdout is not a terminal (as in ``monitor show x | grep``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.cli.app import App
from tests.conftest import CORPUS
from tests.webserver import serve

PAGE = next((CORPUS / "sites_history" / "finya_de_imprint").glob("007_*.html")).read_bytes()
LONG = "/" + "/".join(["a-rather-long-path-segment"] * 6) + "/impressum"
GUID = "urn:internal:item:7f3c9a"


def feed(*titles: str) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>https://acme.example/news/{i}</link>"
        f"<guid isPermaLink=\"false\">{GUID}{i}</guid>"
        f"<pubDate>Mon, 0{i + 1} Dec 2026 10:00:00 GMT</pubDate></item>"
        for i, t in enumerate(titles))
    return (f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Acme news</title>"
            f"<link>https://acme.example/</link>{entries}</channel></rss>").encode()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    monkeypatch.delenv("COLUMNS", raising=False)  # the pipe's width must not matter


def run(tmp: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def checked(tmp_path: Path, env: None) -> tuple[Path, str]:
    """A database with one company checked: a baseline, then a new feed item."""
    with serve() as (site, base):
        site.set(LONG, PAGE)
        site.set("/feed", feed("First launch"), content_type="application/rss+xml")
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}{LONG}\n"
            f"      - kind: feed\n        url: {base}/feed\n")
        run(tmp_path, "check")
        site.set("/feed", feed("First launch", "Second launch"), content_type="application/rss+xml")
        checks = [run(tmp_path, "check") for _ in range(2)]
    assert any("news added: Second launch" in out or "added: Second launch" in out for out in checks)
    assert all(GUID not in out for out in checks)  # an item's internal key is never shown
    return tmp_path, f"{base}{LONG}"


def test_piped_output_is_plain_lines_with_full_urls(checked: tuple[Path, str]) -> None:
    tmp, url = checked
    for args in (["show", "acme"], ["history", "acme"], ["status"], ["list"]):
        out = run(tmp, *args)
        assert not any(ch in out for ch in "│┃━─"), (args, out)  # no table drawing in a pipe
        if args[0] in ("show", "status"):
            assert any(url in line for line in out.splitlines()), (args, out)
    history = run(tmp, "history", "acme")
    assert "Second launch" in history and GUID not in history


def test_json_output_of_the_read_commands(checked: tuple[Path, str]) -> None:
    tmp, url = checked
    shown = json.loads(run(tmp, "show", "acme", "--json"))
    assert shown["slug"] == "acme" and url in [s["url"] for s in shown["sources"]]
    assert any(f["field"] == "email" for f in shown["facts"])
    changes = json.loads(run(tmp, "history", "acme", "--json"))
    assert any(c["new"] == "Second launch" for c in changes)
    status = json.loads(run(tmp, "status", "--json"))
    assert status["daemon"]["running"] is False
    assert {s["url"] for s in status["sources"]} >= {url}
    listed = json.loads(run(tmp, "list", "--json"))
    assert listed[0]["slug"] == "acme" and len(listed[0]["sources"]) == 2
    assert "new" not in {s["status"] for s in listed[0]["sources"]}  # both were checked


def test_a_terminal_still_gets_tables(checked: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    tmp, _ = checked
    monkeypatch.setattr(App, "plain", property(lambda self: False))
    for args in (["show", "acme"], ["history", "acme"], ["status"], ["list"]):
        assert "│" in run(tmp, *args), args
