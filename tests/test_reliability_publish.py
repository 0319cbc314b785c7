"""``monitor publish`` never copies credentials that sit in source URLs into the public file."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.redact import is_secret_param, redact_url
from tests.test_notify_support import company_db
from tests.webserver import serve

SECRETS = ("S3CRETKEY1", "S3CRETKEY2", "S3CRETSIG3", "S3CRETCUST4", "S3CRETPW5")


def live_db(tmp_path: Path) -> Path:
    db = company_db(tmp_path, {"acme": "ACME Corp"})
    with db.conn:
        db.conn.execute(
            "UPDATE sources SET url = ?, options = ?",
            ["https://api.example/feed?q=acme&api_key=S3CRETKEY1&customer=S3CRETCUST4",
             json.dumps({"bridge": "https://bridge.example/x?key=S3CRETKEY2&user=acme"})])
        db.conn.execute(
            "INSERT INTO changes (company, source, field, change, old, new, category, detected_at,"
            " url) VALUES ('acme', 'acme:website:1', 'link.website', 'added', NULL, ?, 'links',"
            " '2026-01-01T00:00:00Z', ?)",
            ["see https://u:S3CRETPW5@cdn.example/a?Signature=S3CRETSIG3&v=1",
             "https://cdn.example/a?X-Amz-Signature=S3CRETSIG3"])
    db.close()
    return tmp_path / "monitor.db"


def test_publish_redacts_credential_like_query_parameters(tmp_path: Path) -> None:
    live = live_db(tmp_path)
    out = tmp_path / "public.db"
    result = CliRunner().invoke(main, ["--db", str(live), "publish", "--out", str(out),
                                       "--redact", "customer"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in data, secret  # not in rows, indexes or free pages
        assert secret not in result.output
    conn = sqlite3.connect(out)
    url, options = conn.execute("SELECT url, options FROM sources").fetchone()
    assert url == "https://api.example/feed?q=acme&api_key=REDACTED&customer=REDACTED"
    assert json.loads(options) == {"bridge": "https://bridge.example/x?key=REDACTED&user=acme"}
    assert conn.execute("SELECT url FROM changes").fetchone()[0] == \
        "https://cdn.example/a?X-Amz-Signature=REDACTED"
    live_url = sqlite3.connect(live).execute("SELECT url FROM sources").fetchone()[0]
    assert "S3CRETKEY1" in live_url  # the live database keeps what the fetch needs


def test_names_that_carry_credentials() -> None:
    for name in ("api_key", "apiKey", "key", "token", "access_token", "secret", "client_secret",
                 "sig", "Signature", "password", "X-Amz-Credential", "my-auth-token"):
        assert is_secret_param(name), name
    for name in ("q", "page", "lang", "user", "id", "format", "hl", "gl", "ceid"):
        assert not is_secret_param(name), name
    assert is_secret_param("customer", ["customer"])
    assert redact_url("https://news.example/rss?hl=en&q=acme") == \
        "https://news.example/rss?hl=en&q=acme"


async def test_fetch_logs_never_show_a_key_in_a_url(caplog: pytest.LogCaptureFixture) -> None:
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0)
    with serve() as (site, base):
        site.set("/feed", "<rss/>", content_type="application/rss+xml")
        with caplog.at_level(logging.DEBUG):
            async with Fetcher(settings) as fetcher:
                await fetcher.fetch(f"{base}/feed?api_key=S3CRETKEY9&q=acme")
    assert "/feed?api_key=REDACTED&q=acme" in caplog.text
    assert "S3CRETKEY9" not in caplog.text
