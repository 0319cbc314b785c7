"""Kills while no alerts file is in force lose no alert: the changes wait, then go out once.

``monitor check`` runs without alerts.yaml and dies (``os._exit``) at each crash point of a
check; a clean run follows; then alerts.yaml appears and ``monitor notify`` delivers. Every
contact change reaches the channel exactly once, whatever point the kill hit.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.workers.crashpoints import CHECK_POINTS, EXIT_CODE
from tests.test_notify_support import SlackReceiver
from tests.webserver import serve

SOURCES = 3


def page(version: int, i: int) -> str:
    return (f"<html><body><h1>ACME {i}</h1><p>Contact: v{version}-{i}@acme{i}.example</p>"
            "</body></html>")


@pytest.mark.parametrize("point", CHECK_POINTS)
def test_a_kill_before_routing_exists_loses_no_alert(tmp_path: Path, point: str) -> None:
    with serve() as (site, base), SlackReceiver() as slack:
        for i in range(SOURCES):
            site.set(f"/p{i}", page(0, i))
        (tmp_path / "sources.yaml").write_text("companies:\n" + "".join(
            f"  - slug: c{i}\n    name: C{i}\n    sources:\n      - kind: website\n"
            f"        url: {base}/p{i}\n        confirm: 1\n" for i in range(SOURCES)))
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env.update(MONITOR_ALLOW_PRIVATE="1", MONITOR_MIN_HOST_DELAY="0",
                   MONITOR_DB=str(tmp_path / "m.db"), MONITOR_SOURCES=str(tmp_path / "sources.yaml"),
                   MONITOR_SLACK_WEBHOOK_TEAM=slack.url())
        check = [sys.executable, "-m", "monitor", "check", "--concurrency", "1"]
        assert subprocess.run(check, env=env, capture_output=True, timeout=120).returncode == 0
        for i in range(SOURCES):
            site.set(f"/p{i}", page(1, i))
        killed = subprocess.run(check, env={**env, "MONITOR_CRASH_AT": f"{point}:2"},
                                capture_output=True, text=True, timeout=120)
        assert killed.returncode == EXIT_CODE, killed.stderr
        assert subprocess.run(check, env=env, capture_output=True, timeout=120).returncode == 0
        (tmp_path / "alerts.yaml").write_text("channels:\n  slack:team: {min_interval: 0}\n")
        sent = subprocess.run([sys.executable, "-m", "monitor", "notify"], env=env,
                              capture_output=True, text=True, timeout=120)
        assert sent.returncode == 0, sent.stderr
        delivered = slack.delivered()
    conn = sqlite3.connect(tmp_path / "m.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    contact = {r[0] for r in conn.execute("SELECT new FROM changes WHERE category = 'contact'"
                                          " AND new IS NOT NULL")}
    assert contact == {f"v1-{i}@acme{i}.example" for i in range(SOURCES)}  # none lost, none twice
    ids = [r[0] for r in conn.execute(
        "SELECT o.alert_id FROM outbox o JOIN changes c ON c.id = o.change_id"
        " WHERE c.category = 'contact'")]
    assert sorted(delivered) == sorted(ids) and len(ids) == SOURCES
    assert conn.execute("SELECT count(*) FROM unrouted").fetchone()[0] == 0
