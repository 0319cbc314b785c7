"""`monitor publish` (H1, H2) and `monitor status`, through the CLI.

Data: the sample history of tests/test_serve_sample.py, plus an alert in the outbox and
operational error text that must never reach the public file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
from click.testing import CliRunner

from monitor.cli import main
from monitor.store.db import open_db, write
from tests.test_serve import start_serve, stop_serve
from tests.test_serve_sample import build_sample

SECRET = "internal-host-10.1.2.3-error"


def live_db(tmp: Path) -> Path:
    """The sample history with private operational data in the tables that must not ship."""
    path = build_sample(tmp / "monitor.db")
    db = open_db(path)
    with write(db) as conn:
        conn.execute("UPDATE sources SET error = 'ssrf_blocked', detail = ? WHERE company = 'acme'",
                     [SECRET])
        conn.execute("UPDATE checks SET error = 'timeout', detail = ?", [SECRET])
        change = conn.execute("SELECT max(id) FROM changes").fetchone()[0]
        conn.execute("INSERT INTO outbox (alert_id, change_id, channel, next_attempt_at,"
                     " created_at, last_error) VALUES ('a1', ?, 'slack', 'x', 'x', ?)",
                     [change, SECRET])
        conn.execute("INSERT INTO changes (company, source, field, change, old, new, category,"
                     " detected_at) VALUES ('acme', 'acme:website:1', 'status', 'modified', 'ok',"
                     " ?, 'health', '2026-01-01T00:00:00Z')", [SECRET])
    db.close()
    return path


def test_publish_keeps_only_public_tables(tmp_path: Path) -> None:
    live = live_db(tmp_path)
    out = tmp_path / "public" / "public.db"
    result = CliRunner().invoke(main, ["--db", str(live), "publish", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Left out: " in result.output and "outbox" in result.output
    conn = sqlite3.connect(out)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"companies", "sources", "facts", "items", "changes", "metrics"} <= tables
    for private in ("outbox", "pending", "snapshots", "checks", "metric_marks",
                    "_sqlite_migrations", "card_sources"):
        assert private not in tables
    assert not conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    assert conn.execute("SELECT count(*) FROM changes WHERE category = 'health'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sources WHERE error IS NOT NULL"
                        " OR detail IS NOT NULL").fetchone()[0] == 0
    whats = [r[0] for r in conn.execute("SELECT what FROM recent_changes WHERE company = 'ispace'")]
    assert "person added: Jane Doe (CFO)" in whats  # the views for people came along
    found = conn.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'BigQuery'").fetchone()
    assert found[0] >= 2  # full-text search still works
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert SECRET.encode() not in out.read_bytes()  # not even in free pages
    assert SECRET.encode() in live.read_bytes() + Path(f"{live}-wal").read_bytes()


def test_published_snapshot_serves_immutable_and_downloads(tmp_path: Path) -> None:
    """H2: the public file may be downloaded whole, and holds only public tables."""
    live = live_db(tmp_path)
    out = tmp_path / "public.db"
    assert CliRunner().invoke(main, ["--db", str(live), "publish", "--out", str(out)]).exit_code == 0
    proc, base = start_serve(tmp_path / "unused.db", "--snapshot", str(out))
    try:
        assert httpx.get(f"{base}/public/outbox.json").status_code == 404
        shown = httpx.get(f"{base}/public/recent_changes.json", params={"_shape": "array"}).json()
        assert len(shown) == 19
        download = httpx.get(f"{base}/public.db")
        assert download.status_code == 200 and download.content == out.read_bytes()
    finally:
        stop_serve(proc)
    assert not (tmp_path / "unused.db").exists()  # the snapshot was served, nothing created


def test_publish_refuses_to_overwrite_the_live_file(tmp_path: Path) -> None:
    live = live_db(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(live), "publish", "--out", str(live)])
    assert result.exit_code == 1
    assert "refusing to overwrite the live database" in result.output


def test_status_lists_failing_sources_first(tmp_path: Path) -> None:
    live = live_db(tmp_path)
    db = open_db(live)
    with write(db) as conn:
        conn.execute("UPDATE sources SET next_due_at = '2999-01-01T00:00:00Z'")
        conn.execute("UPDATE sources SET status = 'error', failures = 4 WHERE company = 'acme'")
        conn.execute("UPDATE sources SET next_due_at = '2000-01-01T00:00:00Z'"
                     " WHERE company = 'gcloud'")
    db.close()
    result = CliRunner().invoke(main, ["--db", str(live), "status"], terminal_width=200)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "monitor run: not running. Sources: 1 due, 2 failing, 2 ok."  # acme's two
    rows = [line for line in lines if "\t" in line and ("acme" in line or "gcloud" in line
                                                      or "ispace" in line)]
    assert all("failing" in row and "acme" in row and "4" in row for row in rows[:2])
    assert "due" in rows[2] and "gcloud" in rows[2]
    assert SECRET[:20] in result.output  # the operator sees the error text


def test_publish_carries_the_rebases_that_explain_the_profile(tmp_path: Path) -> None:
    """A rebase moved the published profile without a change row: the snapshot keeps it, its
    URLs redacted like the changes', and without its links into the check log and the stored
    pages, which are not published."""
    live = live_db(tmp_path)
    db = open_db(live)
    with write(db) as conn:
        source = conn.execute("SELECT id FROM sources WHERE company = 'acme'").fetchone()[0]
        conn.execute(
            "INSERT INTO rebases (company, source, field, key, change, old, new, category,"
            " evidence, rebased_at, version, was, page, check_id) VALUES ('acme', ?, 'email',"
            " NULL, 'added', NULL, 'press@acme.example', 'contact',"
            " 'see https://acme.example/p?api_key=S3CRETREBASE', '2026-02-01T00:00:00Z', 'v2',"
            " 'v1', 'pagehash123', 7)", [source])
    db.close()
    out = tmp_path / "public.db"
    result = CliRunner().invoke(main, ["--db", str(live), "publish", "--out", str(out)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(out)
    rows = conn.execute("SELECT company, field, new, evidence, version, was, page, check_id"
                        " FROM rebases").fetchall()
    conn.close()
    assert len(rows) == 1
    company, field, new, evidence, version, was, page, check_id = rows[0]
    assert (company, field, new, version, was) == ("acme", "email", "press@acme.example", "v2", "v1")
    assert "S3CRETREBASE" not in evidence and evidence.startswith("see https://acme.example/p?")
    assert (page, check_id) == ("", None)
    assert b"S3CRETREBASE" not in out.read_bytes() and b"pagehash123" not in out.read_bytes()
