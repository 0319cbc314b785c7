"""A check run takes sources oldest-due first, so interrupted runs never starve the late ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.store.db import open_db
from tests.webserver import serve

PAGE = "<html><body><h1>ACME</h1><p>Contact: info@acme.example</p></body></html>"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")


def run(tmp: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_check_run_takes_the_longest_waiting_sources_first(tmp_path: Path, env: None) -> None:
    names = [f"p{i}" for i in range(6)]
    with serve() as (site, base):
        for name in names:
            site.set(f"/{name}", PAGE)
        (tmp_path / "sources.yaml").write_text("companies:\n  - slug: acme\n    name: ACME\n"
                                               "    sources:\n" + "".join(
            f"      - kind: website\n        url: {base}/{name}\n" for name in names))
        run(tmp_path, "check", "--concurrency", "1")  # the baseline, in configured order
        first = [h.path for h in site.hits() if h.path != "/robots.txt"]
        # As if earlier runs were interrupted: the last configured sources waited longest.
        db = open_db(tmp_path / "m.db")
        for n, name in enumerate(names):
            db.execute("UPDATE sources SET next_due_at = ? WHERE url = ?",
                       [f"2026-01-0{9 - n}T00:00:00Z", f"{base}/{name}"])
        db.conn.commit()
        db.close()
        site.log.clear()
        run(tmp_path, "check", "--concurrency", "1")
        second = [h.path for h in site.hits() if h.path != "/robots.txt"]
    assert first == [f"/{n}" for n in names]
    assert second == [f"/{n}" for n in reversed(names)]
