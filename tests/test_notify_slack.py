"""Slack delivery end to end: changes recorded for real, a dispatcher, a local webhook receiver."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from monitor.clock import parse_iso
from monitor.diff import diff
from monitor.models import Category, Change, Fact, State
from monitor.notify import AlertConfig, Dispatcher, load_alerts
from monitor.notify.slack import SlackSender
from tests.test_notify_support import (
    T0,
    TOKEN,
    Clock,
    SlackReceiver,
    change,
    company_db,
    record_changes,
    source_of,
    statuses,
)

ALERTS = """
operator: slack:ops
channels:
  slack:team: {min_interval: %s}
  slack:ops: {min_interval: 0}
"""


def setup(tmp_path: Path, receiver: SlackReceiver, interval: float = 0,
          extra: str = "") -> tuple[Database, AlertConfig, dict[str, str]]:
    path = tmp_path / "alerts.yaml"
    path.write_text(ALERTS % interval + extra)
    env = {"MONITOR_SLACK_WEBHOOK_TEAM": receiver.url(),
           "MONITOR_SLACK_WEBHOOK_OPS": receiver.url("OPS/B9/opsSecretToken"),
           "MONITOR_ALLOW_PRIVATE": "1"}
    return company_db(tmp_path), load_alerts(path), env


def links(n: int, slug: str = "acme") -> list[Change]:
    return [change(slug, "link.x", f"https://x.com/old{i}", f"https://x.com/new{i}", Category.LINKS)
            for i in range(n)]


async def test_an_immediate_alert_reads_well_and_carries_its_ids(tmp_path: Path) -> None:
    with SlackReceiver() as receiver:
        db, config, env = setup(tmp_path, receiver)
        found = diff(source_of("ispace"),
                     State(facts=(Fact("person", "Takeshi Hakamada", "CEO"),), baseline=False),
                     [Fact("person", "Jane Doe", "CEO")], [], [], now="2026-11-24T09:30:00Z",
                     item_category=Category.NEWS).changes
        record_changes(db, found, T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert (report.sent, report.messages) == (2, 1)
    [got] = receiver.requests
    assert got.path == f"/services/{TOKEN}"
    section = got.body["blocks"][0]["text"]["text"]
    assert section == ("*ispace* — CEO: Takeshi Hakamada → Jane Doe\nfrom "
                       "<https://www.ispace-inc.com/en/company/|ispace-inc.com/en/company>, 2026-11-24")
    assert "<http://127.0.0.1:8001/company/ispace|ispace in Datasette>" in got.text
    ids = {r[0] for r in db.execute("SELECT alert_id FROM outbox")}
    assert got.alert_ids == ids and len(ids) == 2
    assert statuses(db) == {"sent": 2}
    assert db.execute("SELECT DISTINCT sent_as FROM outbox").fetchall() == [("batch",)]


async def test_G4_retry_after_is_honoured_then_one_message_per_second(tmp_path: Path) -> None:
    script = [(429, {"Retry-After": "1"}, "rate_limited")]
    with SlackReceiver(script=script) as receiver:
        db, config, env = setup(tmp_path, receiver, interval=1.0)
        record_changes(db, links(12), T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    times = [r.at for r in receiver.requests]
    assert len(times) == 3  # 429, the same batch again, then the second batch
    assert times[1] - times[0] >= 1.0  # Retry-After: 1 was waited out
    assert times[2] - times[1] >= 1.0  # and at most one message per second afterwards
    assert receiver.requests[0].body == receiver.requests[1].body
    delivered = receiver.requests[1].alert_ids | receiver.requests[2].alert_ids
    assert len(delivered) == 12 and report.sent == 12
    assert statuses(db) == {"sent": 12}
    assert db.execute("SELECT max(attempts) FROM outbox").fetchone()[0] == 1


async def test_G4_a_long_retry_after_reschedules_instead_of_blocking(tmp_path: Path) -> None:
    with SlackReceiver(script=[(429, {"Retry-After": "120"}, "rate_limited")]) as receiver:
        db, config, _ = setup(tmp_path, receiver)
        record_changes(db, links(1), T0, config.route)
        clock = Clock(T0)
        sender = SlackSender("slack:team", receiver.url(), min_interval=0,
                             monotonic=lambda: (clock.now - T0).total_seconds())
        async with Dispatcher(db, config, clock=clock, senders={"slack:team": sender}) as dispatcher:
            first = await dispatcher.tick()
            due = parse_iso(db.execute("SELECT next_attempt_at FROM outbox").fetchone()[0])
            clock.now = T0 + timedelta(seconds=90)
            early = await dispatcher.tick()
            clock.now = T0 + timedelta(seconds=125)
            late = await dispatcher.tick()
    assert (first.retrying, early.claimed, late.sent) == (1, 0, 1)
    assert due >= T0 + timedelta(seconds=120)
    assert len(receiver.requests) == 2 and statuses(db) == {"sent": 1}


@pytest.mark.parametrize(("status", "body"), [(403, "invalid_token"), (404, "no_service")])
async def test_G5_revoked_webhook_is_dead_at_once_with_a_redacted_error(
        tmp_path: Path, status: int, body: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with SlackReceiver(script=[(status, {}, f"{body} {TOKEN}")]) as receiver:
        db, config, env = setup(tmp_path, receiver)
        record_changes(db, links(3), T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert (report.dead, report.retrying, report.notices) == (3, 0, 1)
    assert statuses(db) == {"dead": 3}
    errors = {r[0] for r in db.execute("SELECT last_error FROM outbox")}
    assert errors == {f"Slack refused the message: HTTP {status} {body} ***"}
    notice = receiver.requests[-1]
    assert notice.path == "/services/OPS/B9/opsSecretToken"
    assert "3 alert(s) to slack:team were set aside" in notice.text
    assert "monitor notify --retry-dead slack:team" in notice.text
    assert len(receiver.requests) == 2  # dead after the first permanent error: no retry
    db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    files = [p.read_bytes() for p in tmp_path.glob("monitor.db*")]
    for secret in (TOKEN.encode(), b"opsSecretToken", b"/services/"):  # R40
        assert not any(secret in data for data in files)
        assert secret.decode() not in caplog.text


async def test_5xx_and_timeouts_are_retried_with_backoff(tmp_path: Path) -> None:
    with SlackReceiver(script=[(500, {}, "internal_error")]) as receiver:
        db, config, env = setup(tmp_path, receiver)
        record_changes(db, links(1), T0, config.route)
        clock = Clock(T0)
        async with Dispatcher(db, config, clock=clock, env=env) as dispatcher:
            assert (await dispatcher.tick()).retrying == 1
            row = db.execute("SELECT status, attempts, next_attempt_at, last_error FROM outbox").fetchone()
            clock.now = T0 + timedelta(minutes=2)
            assert (await dispatcher.tick()).sent == 1
    assert row[:2] == ("pending", 1) and row[3] == "Slack HTTP 500 internal_error"
    assert T0 + timedelta(seconds=47) <= parse_iso(row[2]) <= T0 + timedelta(seconds=73)
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/services/{TOKEN}"
        record_changes(db, links(1, "ispace"), T0, config.route)
        sender = SlackSender("slack:team", url, min_interval=0, timeout=0.3)
        async with Dispatcher(db, config, clock=clock, senders={"slack:team": sender}) as d:
            report = await d.tick()
    assert report.retrying == 1
    assert db.execute("SELECT last_error FROM outbox WHERE status = 'pending'").fetchone()[0] == \
        "Slack did not answer in time (timeout)"


async def test_G7_a_storm_becomes_one_summary_and_later_arrivals_wait(tmp_path: Path) -> None:
    with SlackReceiver() as receiver:
        db, config, env = setup(tmp_path, receiver)
        record_changes(db, links(30) + links(5, "ispace"), T0, config.route)
        clock = Clock(T0)
        async with Dispatcher(db, config, clock=clock, env=env) as dispatcher:
            storm = await dispatcher.tick()
            clock.now = T0 + timedelta(minutes=2)
            record_changes(db, links(3, "ispace"), clock.now, config.route)
            held = await dispatcher.tick()
            clock.now = T0 + timedelta(minutes=11)
            after = await dispatcher.tick()
    assert (storm.messages, storm.sent) == (1, 35)
    assert (held.messages, held.deferred) == (0, 3)
    assert (after.messages, after.sent) == (1, 3)
    assert len(receiver.requests) == 2
    summary = receiver.requests[0]
    assert summary.body["blocks"][0]["text"]["text"] == "Many changes at once — 35 changes"
    assert "*Links* (30)" in summary.text and "*Links* (5)" in summary.text
    assert statuses(db) == {"sent": 38}


async def test_stale_alerts_fold_into_one_catch_up(tmp_path: Path) -> None:
    with SlackReceiver() as receiver:
        db, config, env = setup(tmp_path, receiver)
        record_changes(db, links(6), T0 - timedelta(days=2), config.route)
        record_changes(db, links(1, "ispace"), T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert (report.folded, report.messages, report.sent) == (6, 2, 7)
    kinds = sorted(r.body["blocks"][-1]["elements"][0]["text"].split()[2] for r in receiver.requests)
    assert kinds == ["alert", "catchup"]


async def test_digests_wait_for_their_slot(tmp_path: Path) -> None:
    with SlackReceiver() as receiver:
        db, config, env = setup(tmp_path, receiver)
        early = T0.replace(hour=7, minute=30)
        news = [change(s, "news", None, f"{s} raises $10M", Category.NEWS, key=s) for s in
                ("ispace", "acme")]
        lead = [change("acme", "person", None, "CEO", Category.LEADERSHIP, key="Ann Lee")]
        record_changes(db, news + lead, early, config.route)
        clock = Clock(early + timedelta(minutes=15))
        async with Dispatcher(db, config, clock=clock, env=env) as dispatcher:
            before = await dispatcher.tick()
            clock.now = early.replace(hour=8, minute=0)
            at_eight = await dispatcher.tick()
    assert (before.sent, at_eight.sent, at_eight.messages) == (1, 2, 1)
    digest = receiver.requests[1]
    assert digest.body["blocks"][0]["text"]["text"] == "Daily digest — 2 changes"
    assert "acme raises $10M" in digest.text and "ispace raises $10M" in digest.text


async def test_a_channel_without_its_secret_keeps_its_alerts_waiting(tmp_path: Path) -> None:
    with SlackReceiver() as receiver:
        db, config, env = setup(tmp_path, receiver, extra="  slack:other: {}\n")
        record_changes(db, links(2), T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert dispatcher.off == {"slack:other": "set MONITOR_SLACK_WEBHOOK_OTHER"}
    assert report.waiting == {"slack:other": 2} and report.sent == 2
    assert dict(db.execute("SELECT channel, status FROM outbox WHERE channel = 'slack:other'"
                           " GROUP BY channel").fetchall()) == {"slack:other": "pending"}


async def test_apprise_channel_posts_through_an_apprise_url(tmp_path: Path) -> None:
    pytest.importorskip("apprise", reason="the optional 'apprise' extra is not installed")
    with SlackReceiver() as receiver:
        path = tmp_path / "alerts.yaml"
        path.write_text("channels:\n  apprise:hook: {}\n")
        config, db = load_alerts(path), company_db(tmp_path)
        port = receiver.url().split(":")[2].split("/")[0]
        env = {"MONITOR_APPRISE_URL_HOOK": f"json://127.0.0.1:{port}/notify/hookSecret123"}
        record_changes(db, links(1), T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert report.sent == 1
    [got] = receiver.requests
    assert got.path == "/notify/hookSecret123"
    assert got.body["title"] == "ACME Corp — X link: https://x.com/old0 → https://x.com/new0"
    assert db.execute("SELECT alert_id FROM outbox").fetchone()[0] in got.body["message"]


def test_apprise_channel_is_off_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from monitor.errors import NotConfigured
    from monitor.notify.apprise_sender import AppriseSender

    monkeypatch.setitem(sys.modules, "apprise", None)  # as if not installed
    with pytest.raises(NotConfigured, match=r"pip install 'monitor\[apprise\]'"):
        AppriseSender("apprise:hook", "json://127.0.0.1/x")


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), ("0", 1.0), ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0), ("soon", 30.0),
    (None, 30.0), ("999999", 6 * 3600.0)])
def test_retry_after_header_forms(header: str | None, seconds: float) -> None:
    from email.utils import parsedate_to_datetime

    from monitor.notify.slack import retry_after

    now = parsedate_to_datetime("Wed, 21 Oct 2015 07:28:00 GMT").timestamp()
    assert retry_after(header, now) == seconds


async def test_a_failing_channel_is_tried_once_per_pass(tmp_path: Path) -> None:
    with SlackReceiver(script=[(503, {}, "service_unavailable")]) as receiver:
        db, config, env = setup(tmp_path, receiver)
        record_changes(db, links(12), T0, config.route)  # two batches: 10 + 2
        clock = Clock(T0)
        async with Dispatcher(db, config, clock=clock, env=env) as dispatcher:
            failed = await dispatcher.tick()
            due = {r[0] for r in db.execute("SELECT DISTINCT next_attempt_at FROM outbox")}
            clock.now = T0 + timedelta(minutes=2)
            later = await dispatcher.tick()
    assert (failed.retrying, failed.deferred, len(due)) == (10, 2, 1)  # one schedule for all
    assert db.execute("SELECT max(attempts) FROM outbox").fetchone()[0] == 2
    assert (later.sent, later.messages) == (12, 2) and len(receiver.requests) == 3
