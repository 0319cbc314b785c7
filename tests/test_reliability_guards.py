"""Guards that had no test of their own: health alerts only after repeated failures, an honest
and stable User-Agent, and the Datasette settings the project chose on purpose.
"""

from __future__ import annotations

import sqlite3
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.datasette.serve import make_datasette
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.pipeline import FAILURES_BEFORE_ALERT
from monitor.store.db import open_db
from tests.webserver import serve

PAGE = "<html><body><h1>ACME</h1><p>Contact: info@acme.example</p></body></html>"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")


def test_a_failing_source_alerts_once_after_repeated_failures_and_once_on_recovery(
        tmp_path: Path, env: None) -> None:
    args = ["--sources", str(tmp_path / "sources.yaml"), "--db", str(tmp_path / "m.db"), "check"]
    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: ACME\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n")
        site.set("/", PAGE)
        assert CliRunner().invoke(main, args).exit_code == 0
        site.set("/", "down for maintenance", status=503)
        health = []
        for _ in range(FAILURES_BEFORE_ALERT + 2):
            assert CliRunner().invoke(main, args).exit_code == 0
            health.append(_health(tmp_path))
        site.set("/", PAGE)
        assert CliRunner().invoke(main, args).exit_code == 0
        recovered = _health(tmp_path)
    # one error is not news: the change comes with the Nth failure in a row, and only once
    assert health == [0] * (FAILURES_BEFORE_ALERT - 1) + [1] * 3
    assert recovered == 2


def _health(tmp_path: Path) -> int:
    conn = sqlite3.connect(tmp_path / "m.db")
    try:
        return int(conn.execute("SELECT count(*) FROM changes WHERE category = 'health'")
                   .fetchone()[0])
    finally:
        conn.close()


async def test_every_request_carries_one_honest_user_agent_with_a_contact() -> None:
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=5.0)
    with serve() as (site, base):
        site.set("/a", PAGE)
        site.set("/b", PAGE)
        async with Fetcher(settings) as fetcher:
            await fetcher.fetch(f"{base}/a")
            await fetcher.fetch(f"{base}/b", headers={"User-Agent": "Mozilla/5.0 (pretend)"})
        agents = {v for h in site.hits() for k, v in h.headers.items() if k.lower() == "user-agent"}
    assert site.hits()[0].path == "/robots.txt"  # robots.txt is asked as ourselves
    assert agents == {settings.user_agent}  # one identity, never rotated or overridden
    assert "+http" in settings.user_agent and settings.robots_token == "monitor"


def test_datasette_settings_are_chosen_on_purpose(tmp_path: Path) -> None:
    live = tmp_path / "monitor.db"
    open_db(live).close()
    served = make_datasette(live)
    snapshot = make_datasette(live, immutable=True)
    assert served.setting("sql_time_limit_ms") <= 1000  # long readers would starve checkpoints
    assert served.setting("max_returned_rows") <= 1000
    assert served.setting("allow_download") is False  # the live file is never downloadable
    assert snapshot.setting("allow_download") is True  # the public snapshot may be
    installed = {d.metadata["Name"].lower() for d in metadata.distributions()}
    assert not installed & {"datasette-render-html", "datasette-render-markdown"}
    major, minor, patch = (int(x) for x in metadata.version("datasette").split(".")[:3])
    assert (major, minor, patch) >= (0, 65, 2)  # the open-redirect fix
