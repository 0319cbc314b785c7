"""``monitor add`` and ``monitor remove`` on a real sources.yaml and database, through the CLI."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner, Result

from monitor.cli import main
from monitor.clock import iso, utcnow
from monitor.config import load_config
from monitor.store.db import open_db
from monitor.store.sync import sync_config

ACME = ("companies:\n  - slug: acme  # the first one\n    name: ACME\n    sources:\n"
        "      - kind: website\n        url: https://acme.example/\n"
        "      - kind: feed\n        url: https://acme.example/feed.xml\n")


def run(tmp: Path, *args: str, code: int = 0, stdin: str | None = None) -> Result:
    """``monitor`` on this test's sources.yaml and database, expecting an exit status."""
    result = CliRunner().invoke(main, ["--sources", str(tmp / "sources.yaml"),
                                       "--db", str(tmp / "monitor.db"), *args], input=stdin)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def sources_file(tmp: Path, text: str = ACME) -> Path:
    path = tmp / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o644)
    return path


def urls(path: Path, slug: str = "acme") -> list[str]:
    return [f"{s.kind} {s.url}" for s in load_config(path).company(slug).sources]


def test_add_on_an_existing_company_adds_the_sources_it_lacks(tmp_path: Path) -> None:
    path = sources_file(tmp_path)
    out = run(tmp_path, "add", "acme", "--website", "https://acme.example/about",
              "--feed", "https://acme.example/feed.xml").stdout
    assert "Added 1 source(s) to acme" in out and "(1 it had already)" in out
    assert urls(path) == ["website https://acme.example/", "feed https://acme.example/feed.xml",
                          "website https://acme.example/about"]
    assert path.read_text(encoding="utf-8").startswith(ACME)  # the rest is untouched
    named = run(tmp_path, "add", "acme", "--name", "Other", "--source",
                "feed=https://acme.example/news.xml").stdout
    assert "its name, aliases and tags are left as they are" in named
    assert load_config(path).company("acme").name == "ACME"


def test_add_on_an_existing_company_without_sources_says_what_to_give(tmp_path: Path) -> None:
    path = sources_file(tmp_path)
    result = run(tmp_path, "add", "acme", code=1)
    assert "acme exists already; give the sources to add" in result.output
    assert path.read_text(encoding="utf-8") == ACME


def test_remove_one_source_keeps_the_company_and_retires_the_source(tmp_path: Path) -> None:
    path = sources_file(tmp_path)
    db = open_db(tmp_path / "monitor.db")
    sync_config(db, load_config(path).companies, iso(utcnow()))
    db.conn.close()
    out = run(tmp_path, "remove", "acme", "--source", "https://acme.example/feed.xml", "--yes").stdout
    assert "Removed from acme: feed https://acme.example/feed.xml" in out
    assert urls(path) == ["website https://acme.example/"]
    db = open_db(tmp_path / "monitor.db")
    try:
        rows = db.execute("SELECT kind, removed_at IS NOT NULL FROM sources ORDER BY kind").fetchall()
    finally:
        db.conn.close()
    assert rows == [("feed", 1), ("website", 0)]
    wrong = run(tmp_path, "remove", "acme", "--source", "https://nope.example/", "--yes", code=1)
    assert "acme has no source https://nope.example/; its sources: website https://acme.example/" \
        in wrong.output


def test_remove_asks_unless_yes(tmp_path: Path) -> None:
    path = sources_file(tmp_path)
    kept = run(tmp_path, "remove", "acme", stdin="n\n").stdout
    assert "Remove acme and its sources from" in kept and "Nothing removed." in kept
    assert path.read_text(encoding="utf-8") == ACME
    run(tmp_path, "remove", "acme", "--source", "feed=https://acme.example/feed.xml", stdin="y\n")
    assert urls(path) == ["website https://acme.example/"]
    out = run(tmp_path, "remove", "acme", "--yes").stdout
    assert "Removed acme from" in out and "?" not in out
    assert load_config(path).companies == ()
