"""The fleet under faults: real redis-server, real `monitor run` / `monitor worker` processes.

Each test bounds every wait (hang guards well past the short heartbeat the tests configure);
none measures speed. Pages are held open by the test web server so a worker is caught mid-fetch.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.ports import refused_port
from tests.test_fleet_support import (
    HEARTBEAT_S,
    HeldSite,
    RedisServer,
    fleet_env,
    held_site,
    page,
    read,
    redis_server,
    sources_yaml,
    spawn,
    stop,
    wait_for,
)

__all__ = ["held_site", "redis_server"]  # fixtures, imported for pytest

GUARD = 60.0  # seconds: any wait below normally ends in a few


def checks_of(db: Path) -> dict[str, int]:
    """Recorded checks per company."""
    return {str(c): int(n) for c, n in read(db, "SELECT company, count(*) FROM checks GROUP BY company")}


def settle(db: Path, expected: dict[str, int], seconds: float) -> None:
    """Wait for ``expected`` checks per company, then a while longer: nothing more may come."""
    wait_for(lambda: checks_of(db) == expected, GUARD, f"checks {expected}, have {checks_of(db)}")
    time.sleep(seconds)
    assert checks_of(db) == expected, "a check was recorded twice"
    answers = read(db, "SELECT count(*), count(DISTINCT check_id) FROM fleet_answers")
    assert answers[0][0] == answers[0][1] == sum(expected.values())


def test_worker_killed_mid_fetch_is_redelivered_and_recorded_once(
        tmp_path: Path, redis_server: RedisServer, held_site: HeldSite) -> None:
    held_site.pages["/acme"] = page("Acme", "info@acme.example")
    (tmp_path / "sources.yaml").write_text(sources_yaml(held_site.base, ["acme"]))
    env = fleet_env(tmp_path, redis_server.url)
    held_site.hold()
    writer = spawn(env, "run", "--tick", "0.2", log=tmp_path / "writer.log")
    first = spawn(env, "worker", "--concurrency", "1", log=tmp_path / "first.log")
    try:
        wait_for(lambda: held_site.count("/acme") == 1, GUARD, "the first worker to fetch")
        first.send_signal(signal.SIGKILL)  # mid-fetch: the order is taken, not acknowledged
        first.wait(timeout=10)
        held_site.release()
        second = spawn(env, "worker", "--concurrency", "1", log=tmp_path / "second.log")
        try:
            settle(tmp_path / "monitor.db", {"acme": 1}, 3 * HEARTBEAT_S)
            assert held_site.count("/acme") == 2  # fetched again by the second worker
        finally:
            assert stop(second) == 0
    finally:
        assert stop(writer) == 0
    facts = read(tmp_path / "monitor.db", "SELECT value FROM facts WHERE field = 'email'")
    assert facts == [("info@acme.example",)]


def test_redis_restart_mid_run_resends_by_lease_nothing_lost_or_doubled(
        tmp_path: Path, redis_server: RedisServer) -> None:
    names = ["acme", "bolt"]
    sites = {n: HeldSite(f"127.0.0.{i}") for i, n in enumerate(names, start=1)}
    try:
        for n, site in sites.items():
            site.pages[f"/{n}"] = page(n.title(), f"info@{n}.example")
            site.hold()
        (tmp_path / "sources.yaml").write_text(
            sources_yaml({n: s.base for n, s in sites.items()}, names))
        env = fleet_env(tmp_path, redis_server.url, MONITOR_FLEET_LEASE="4")
        writer = spawn(env, "run", "--tick", "0.2", log=tmp_path / "writer.log")
        wait_for(lambda: redis_server.client().hlen("monitor:leases") == 2, GUARD, "2 orders out")
        redis_server.stop()  # no worker yet: both orders are lost with Redis
        redis_server.start()
        worker = spawn(env, "worker", "--concurrency", "4", log=tmp_path / "worker.log")
        try:  # only the lease brings the orders back
            wait_for(lambda: all(s.count(f"/{n}") == 1 for n, s in sites.items()), GUARD,
                     "both pages requested")
            redis_server.stop()  # again, with both orders taken and mid-fetch
            redis_server.start()
            for site in sites.values():  # answers go to an empty Redis, or fail and are retried
                site.release()
            settle(tmp_path / "monitor.db", dict.fromkeys(names, 1), 4 + 2 * HEARTBEAT_S)
        finally:
            assert stop(worker) == 0
            assert stop(writer) == 0
    finally:
        for site in sites.values():
            site.close()
    emails = read(tmp_path / "monitor.db", "SELECT value FROM facts WHERE field = 'email' ORDER BY 1")
    assert emails == [("info@acme.example",), ("info@bolt.example",)]
    assert "sending it again" in (tmp_path / "writer.log").read_text()


def test_writer_killed_mid_batch_records_waiting_answers_after_restart_no_alert_lost(
        tmp_path: Path, redis_server: RedisServer) -> None:
    names = ["acme", "bolt", "cosy"]
    # Three hosts (loopback aliases): politeness lets their fetches run at once, one batch.
    sites = {n: HeldSite(f"127.0.0.{i}") for i, n in enumerate(names, start=1)}
    try:
        _writer_killed_mid_batch(tmp_path, redis_server, sites)
    finally:
        for site in sites.values():
            site.close()


def _writer_killed_mid_batch(tmp_path: Path, redis_server: RedisServer,
                             sites: dict[str, HeldSite]) -> None:
    names = list(sites)
    for n, site in sites.items():
        site.pages[f"/{n}"] = page(n.title(), f"info@{n}.example")
    (tmp_path / "sources.yaml").write_text(
        sources_yaml({n: s.base for n, s in sites.items()}, names))
    (tmp_path / "alerts.yaml").write_text("channels:\n  slack:team: {}\n")  # no webhook: alerts wait
    db = tmp_path / "monitor.db"
    env = fleet_env(tmp_path, redis_server.url)
    worker = spawn(env, "worker", "--concurrency", "4", log=tmp_path / "worker.log")
    try:
        baseline = spawn(env, "run", "--once", "--tick", "0.2", log=tmp_path / "baseline.log")
        assert baseline.wait(timeout=GUARD) == 0
        assert checks_of(db) == dict.fromkeys(names, 1)
        for n, site in sites.items():  # every page changes its address: one contact change each
            site.pages[f"/{n}"] = page(n.title(), f"sales@{n}.example")
            site.hold()  # the three answers arrive together: one batch
        _make_due(db)
        crashing = dict(env, MONITOR_CRASH_AT="in_transaction:2")
        writer = spawn(crashing, "run", "--tick", "0.2", log=tmp_path / "crash.log")
        wait_for(lambda: all(s.count(f"/{n}") == 2 for n, s in sites.items()), GUARD, "3 fetches")
        for site in sites.values():
            site.release()
        assert writer.wait(timeout=GUARD) == 137  # died inside its second transaction
        assert sum(checks_of(db).values()) - 3 == 1  # one recorded; two wait in Redis
        writer = spawn(env, "run", "--tick", "0.2", log=tmp_path / "writer.log")
        try:
            settle(db, dict.fromkeys(names, 2), 2 * HEARTBEAT_S)
        finally:
            assert stop(writer) == 0
    finally:
        assert stop(worker) == 0
    assert all(s.count(f"/{n}") == 2 for n, s in sites.items())  # waiting answers, no refetch
    changes = read(db, "SELECT company, new FROM changes WHERE field = 'email'"
                       " ORDER BY 1")
    assert changes == [(n, f"sales@{n}.example") for n in names]
    alerts = read(db, "SELECT c.company, o.status FROM outbox o JOIN changes c ON c.id = o.change_id"
                      " WHERE c.field = 'email' ORDER BY 1")
    assert alerts == [(n, "pending") for n in names]  # each change has its alert, once


def _make_due(db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db, timeout=10)
    try:
        with conn:
            conn.execute("UPDATE sources SET next_due_at = '2000-01-01T00:00:00Z'")
    finally:
        conn.close()


def test_unreachable_redis_at_start_is_one_clear_line_and_a_failure(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(sources_yaml("http://127.0.0.1:9", ["acme"]))
    with refused_port() as nobody:
        env = fleet_env(tmp_path, f"redis://127.0.0.1:{nobody.port}/0")
        for command in (["run"], ["worker"]):
            done = subprocess.run([sys.executable, "-m", "monitor", *command], env=env,
                                  capture_output=True, text=True, timeout=GUARD)
            assert done.returncode != 0
            assert "Traceback" not in done.stderr
            errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
            assert len(errors) == 1 and "cannot reach the broker at redis://127.0.0.1:" in errors[0]
