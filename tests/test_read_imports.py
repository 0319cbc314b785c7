"""The read-only commands load no part of the fetch layer: ``monitor history`` and
``monitor list`` of a checked company import neither the HTTP clients (aiohttp, httpx) nor the
phone-number library, so a whole read process costs only the database and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
    # metadata (sqlite-utils looks its plugins up there unless told not to).
    assert [m for m in modules if m.startswith(("monitor.cards", "importlib.metadata"))] == []


def test_list_imports_no_fetch_layer(checked: dict[str, str]) -> None:
    """``monitor list`` reads the config and the sources' health: no HTTP client either."""
    out, modules = run(checked, "list")
    assert "acme" in out
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
