"""The whole card story through the real pipeline: import, check a website, review, export.

The card is ../shared/examples/ispace.md. The website is tests/data/ispace_site, served on
127.0.0.1: ``2020/`` is the site as the card saw it, ``now/`` the site after a new CFO, Kazuya
Yoshida leaving the management list, a new press e-mail, a move to Nihonbashi Hamacho, a third
X account, and three press releases after the card's date. ``monitor check`` runs for real
(fetcher, website and feed kinds, differ with confirm=2, store); ``review`` must list exactly
those differences and ``export`` must write them into the card (tests/data/cards/ispace_updated.md).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result

from monitor.cli import main
from monitor.cli.app import App
from monitor.fetch.client import FetchSettings
from monitor.sources import KINDS
from monitor.store.db import open_db
from tests.conftest import EXAMPLES
from tests.test_cards_review import ISPACE_DIFFERENCES
from tests.webserver import serve

DATA = Path(__file__).parent / "data"
SITE = DATA / "ispace_site"
CARD = EXAMPLES / "ispace.md"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}


class Site(ThreadingHTTPServer):
    """A local copy of the ispace website; ``root`` picks the version served."""

    root: Path = SITE / "2020"


class Handler(BaseHTTPRequestHandler):
    """Serves files of the current root; no validators, so every check reads the page."""

    server: Site

    def do_GET(self) -> None:
        path = urlsplit(self.path).path.lstrip("/")
        target = (self.server.root / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.server.root.resolve() not in target.parents or not target.is_file():
            self.send_error(404)
            return
        body = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(target.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The local ispace website; the politeness gap is off, the rest of fetching is as shipped."""
    monkeypatch.setattr(App, "fetch_settings", lambda self: FetchSettings(
        allow_private=self.allow_private, min_host_delay=0.0))
    server = Site(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run(tmp: Path, *args: str, sources: str = "sources.yaml") -> Result:
    """``monitor`` with this test's files, private addresses allowed, a wide terminal."""
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / sources), "--db", str(tmp / "monitor.db"), *args],
        env={"MONITOR_ALLOW_PRIVATE": "1", "COLUMNS": "250"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def write_sources(tmp: Path, base: str) -> None:
    """sources.yaml pointing the ispace company at the local site (confirm stays 2; no settle
    period, so the second check of a change reports it, as the card's review is tested here)."""
    path = tmp / "sources.yaml"
    path.write_text(
        "defaults:\n  settle: 0\n"
        "companies:\n  - slug: ispace\n    name: ispace\n    sources:\n"
        f"      - kind: website\n        url: {base}/company/\n"
        f"      - kind: website\n        url: {base}/contact/\n"
        f"      - kind: feed\n        url: {base}/news/feed.xml\n", encoding="utf-8")
    os.chmod(path, 0o644)


def review_rows(tmp: Path) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """What ``monitor review`` stored for Datasette."""
    db = open_db(tmp / "monitor.db")
    try:
        return db.execute("SELECT field, kind, subject, card_value, world_value FROM card_review"
                          " WHERE company = 'ispace' ORDER BY id").fetchall()
    finally:
        db.conn.close()


def test_import_creates_sources_once(tmp_path: Path) -> None:
    first = run(tmp_path, "import", "--no-fetch", str(CARD), sources="imported.yaml").stdout
    assert "ispace: card of 2020-07-04 imported (29 facts, 6 people)" in first
    written = (tmp_path / "imported.yaml").read_bytes()
    assert b"url: http://ispace-inc.com/" in written
    for kind, url in (("x", b"https://x.com/HAKUTO_Reboot"), ("news", b"news.google.com/rss/search")):
        assert (url in written) == (kind in KINDS), kind
    assert b"linkedin.com" not in written and b"twitter.com" not in written  # the source policy
    assert "skipped: facebook https://www.facebook.com/ispace.technologies.inc/" in first
    again = run(tmp_path, "import", "--no-fetch", str(CARD), sources="imported.yaml").stdout
    assert "already imported, unchanged" in again and "nothing to add" in again
    assert (tmp_path / "imported.yaml").read_bytes() == written


def test_review_and_export_follow_the_website(tmp_path: Path, site: Site) -> None:
    write_sources(tmp_path, f"http://127.0.0.1:{site.server_address[1]}")
    run(tmp_path, "import", "--no-sources", str(CARD))
    original = CARD.read_bytes()

    run(tmp_path, "check")  # the site as the card saw it: the baseline
    assert run(tmp_path, "review").stdout.strip() == "ispace: no differences with the card of 2020-07-04"
    run(tmp_path, "export", "ispace", "--out", str(tmp_path / "same.md"))
    assert (tmp_path / "same.md").read_bytes() == original  # round trip of an unchanged company

    site.root = SITE / "now"
    run(tmp_path, "check")  # news counts at once; changed values wait for confirmation
    assert "3 difference(s)" in run(tmp_path, "review").stdout
    assert [r[0] for r in review_rows(tmp_path)] == ["news"] * 3
    run(tmp_path, "check")  # confirmed: Jane Doe arrives, Kazuya Yoshida's absence waits for her
    run(tmp_path, "check")  # the arrival has settled: the departure counts
    output = run(tmp_path, "review").stdout
    assert review_rows(tmp_path) == ISPACE_DIFFERENCES
    assert "ispace: 9 difference(s) with the card of 2020-07-04" in output
    for needle in ("pr@ispace-inc.com", "Kazuya Yoshida", "Jane Doe", "ispace_europe",
                   "/contact/", "/company/", "2022-12-11"):
        assert needle in output
    (tmp_path / "review.txt").write_text(output, encoding="utf-8")  # shown in the note

    today = datetime.now(UTC).strftime("%Y.%m.%d")
    run(tmp_path, "export", "ispace", "--out", str(tmp_path / "updated.md"))
    expected = (DATA / "cards" / "ispace_updated.md").read_bytes().decode("utf-8")
    expected = re.sub(r"(?m)^> 2024\.05\.01", f"> {today}", expected)
    assert (tmp_path / "updated.md").read_bytes().decode("utf-8") == expected

    run(tmp_path, "import", "--no-sources", str(tmp_path / "updated.md"))
    assert run(tmp_path, "review").stdout.strip() == (
        f"ispace: no differences with the card of {today.replace('.', '-')}")


def test_export_keeps_what_the_sources_never_showed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A page without the Facebook link, naming two of the six managers, contradicts nothing."""
    monkeypatch.setattr(App, "fetch_settings", lambda self: FetchSettings(
        allow_private=self.allow_private, min_host_delay=0.0))
    page = (SITE / "2020" / "company" / "index.html").read_text(encoding="utf-8")
    page = re.sub(r'\s*"https://www\.facebook\.com/[^"]*",|\s*<li><a href="https://www\.facebook[^\n]*',
                  "", page)
    page = re.sub(r'\s*<li class="member">\s*<p><strong class="member-name">'
                  r'(?:Jumpei|Kazuya|Hideki|Nozomu)[^\n]*\s*</li>', "", page)
    assert "facebook" not in page and "Kazuya" not in page and "Takahiro Nakamura" in page
    with serve() as (web, base):
        web.set("/company/", page)
        write_sources(tmp_path, base)
        (tmp_path / "sources.yaml").write_text(
            f"companies:\n  - slug: ispace\n    name: ispace\n    sources:\n"
            f"      - kind: website\n        url: {base}/company/\n", encoding="utf-8")
        run(tmp_path, "import", "--no-sources", str(CARD))
        run(tmp_path, "check")
        run(tmp_path, "check")
    assert run(tmp_path, "review").stdout.strip() == (
        "ispace: no differences with the card of 2020-07-04")
    run(tmp_path, "export", "ispace", "--out", str(tmp_path / "kept.md"))
    assert (tmp_path / "kept.md").read_bytes() == CARD.read_bytes()
