"""The read-only commands load no part of the fetch layer: ``monitor history`` and
``monitor list`` of a checked company import neither the HTTP clients (aiohttp, httpx) nor the
phone-number library, so a whole read process costs only the database and the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.webserver import serve

# Runs one command of the real CLI and prints the modules the process imported.
PROBE = """
import json, sys
from monitor.cli import main
try:
    main(sys.argv[1:], prog_name="monitor")
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

HEAVY = ("aiohttp", "httpx", "phonenumbers")


def run(env: dict[str, str], *args: str) -> tuple[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return done.stdout, modules


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a fleet whose one company has been checked, with a change."""
    tmp = tmp_path_factory.mktemp("read")
    sources = tmp / "sources.yaml"
    env = {**os.environ, "MONITOR_ALLOW_PRIVATE": "1", "MONITOR_MIN_HOST_DELAY": "0",
           "MONITOR_SOURCES": str(sources), "MONITOR_DB": str(tmp / "monitor.db")}
    with serve() as (site, base):
        sources.write_text("companies:\n  - slug: acme\n    name: ACME\n    sources:\n"
                           f"      - {{kind: website, url: '{base}/about'}}\n")
        sources.chmod(0o600)
        for email in ("hello@acme.example",) * 2 + ("sales@acme.example",) * 2:  # seen twice
            site.set("/about", "<html><body><h1>ACME</h1><p>Write to "
                     f"<a href='mailto:{email}'>{email}</a>.</p></body></html>")
            run(env, "check", "acme")
    return env


def test_history_imports_no_fetch_layer(checked: dict[str, str]) -> None:
    """``monitor history`` reads the database only: no HTTP client, no phone library."""
    out, modules = run(checked, "history", "acme")
    assert "sales@acme.example" in out
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
    # Nor what only other commands need: the cards (``show``), nor the installed packages'
    # metadata, nor sqlite-utils and the schema (a few rows read on a bare connection).
    assert [m for m in modules if m.startswith(("monitor.cards", "importlib.metadata",
                                                "sqlite_utils", "monitor.store.schema"))] == []


def test_history_of_an_older_schema_reads_it_migrated(tmp_path: Path) -> None:
    """A file whose schema predates a column the history reads: the bare read fails, and the
    command reads again through the store's reader, which migrates a file it can write."""
    from click.testing import CliRunner
    from sqlite_utils import Database

    from monitor.cli import main
    from monitor.store.schema import migrations

    path = tmp_path / "monitor.db"
    old = Database(path)
    migrations.apply(old, stop_before="m019_change_rotation")  # no changes.rotation_at yet
    old.execute("INSERT INTO companies (slug, name, added_at) VALUES ('acme', 'ACME', 'now')")
    old.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
                " VALUES ('acme:website', 'acme', 'website', 'https://acme.example/',"
                " 'acme.example', 3600, 1, 'now')")
    old.execute("INSERT INTO changes (company, source, field, change, new, category,"
                " detected_at) VALUES ('acme', 'acme:website', 'email', 'added',"
                " 'hello@acme.example', 'contact', '2026-01-02T00:00:00Z')")
    old.conn.commit()
    old.close()
    sources = tmp_path / "sources.yaml"
    sources.write_text("companies: []\n")
    sources.chmod(0o600)
    result = CliRunner().invoke(main, ["--db", str(path), "--sources", str(sources), "history",
                                       "acme"])
    assert result.exit_code == 0, result.output
    assert "hello@acme.example" in result.output
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(changes)")}
    assert "rotation_at" in columns


def test_list_imports_no_fetch_layer(checked: dict[str, str]) -> None:
    """``monitor list`` reads the config and the sources' health: no HTTP client either."""
    out, modules = run(checked, "list")
    assert "acme" in out
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
