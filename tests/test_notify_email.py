"""Email delivery end to end through a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import ssl
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlite_utils import Database

from monitor.models import Category, Change
from monitor.notify import AlertConfig, Dispatcher, load_alerts
from tests.ports import refused_port
from tests.test_notify_support import (
    T0,
    Clock,
    SmtpSink,
    change,
    company_db,
    counts,
    record_changes,
    self_signed,
    smtp_env,
    statuses,
)

ALERTS = """
channels:
  email:team: {to: [team@example.org, boss@example.org]}
"""


def setup(tmp_path: Path) -> tuple[Database, AlertConfig]:
    path = tmp_path / "alerts.yaml"
    path.write_text(ALERTS)
    return company_db(tmp_path), load_alerts(path)


def body(msg: EmailMessage, kind: str) -> str:
    part = msg.get_body((kind,))
    assert part is not None
    return str(part.get_content())


def contacts(n: int, slug: str = "acme") -> list[Change]:
    return [change(slug, "email", None, f"sales{i}@{slug}.example", Category.CONTACT)
            for i in range(n)]


async def test_an_alert_email_has_both_parts_and_its_id(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    record_changes(db, [change("ispace", "phone", "+81 3 0000 0000", "+81 3 1111 1111",
                               Category.CONTACT)], T0, config.route)
    with SmtpSink() as sink:
        async with Dispatcher(db, config, clock=Clock(T0), env=smtp_env(sink.port)) as dispatcher:
            report = await dispatcher.tick()
    assert report.sent == 1
    [msg] = sink.messages
    alert_id = db.execute("SELECT alert_id FROM outbox").fetchone()[0]
    assert msg["Message-ID"] == f"<{alert_id}@monitor>"
    assert msg["Subject"] == "[monitor] ispace — phone: +81 3 0000 0000 → +81 3 1111 1111"
    assert msg["From"] == "monitor@example.org"
    assert sink.envelopes == [("monitor@example.org", ["team@example.org", "boss@example.org"])]
    text = body(msg, "plain")
    html = body(msg, "html")
    assert "phone: +81 3 0000 0000 → +81 3 1111 1111" in text
    assert "from ispace-inc.com/en/company, 2026-11-24" in text and alert_id in text
    assert 'href="http://127.0.0.1:8001/company/ispace"' in html
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]


async def test_G1_smtp_down_for_a_while_then_every_alert_arrives_once(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    record_changes(db, contacts(6) + contacts(4, "ispace"), T0, config.route)
    generated = [r[0] for r in db.execute("SELECT alert_id FROM outbox")]
    clock = Clock(T0)
    with refused_port() as relay:  # nothing listens yet: connection refused
        async with Dispatcher(db, config, clock=clock, env=smtp_env(relay.port)) as dispatcher:
            down = []
            for minutes in (0, 2, 8, 30):  # retries while the relay is down, each after its backoff
                clock.now = T0 + timedelta(minutes=minutes)
                down.append(await dispatcher.tick())
            error = db.execute("SELECT DISTINCT last_error FROM outbox").fetchall()
            with SmtpSink(relay.release()) as sink:  # the relay comes up on that port
                clock.now = T0 + timedelta(hours=2)
                up = await dispatcher.tick()
                again = await dispatcher.tick()
    assert [r.retrying for r in down] == [10, 10, 10, 10]
    assert db.execute("SELECT max(attempts) FROM outbox").fetchone()[0] == 5
    assert len(error) == 1 and "cannot reach the SMTP server: ConnectionRefusedError" in error[0][0]
    assert (up.sent, again.claimed) == (10, 0)
    figures = counts(generated, sink.delivered())
    print(f"G1 SMTP down then up: {figures}")
    assert figures == {"generated": 10, "delivered": 10, "duplicated": 0, "lost": 0}
    assert statuses(db) == {"sent": 10}


@pytest.mark.parametrize(("reply", "status", "error"), [
    ("451 4.3.0 Try again later", "pending", "SMTP 451 4.3.0 Try again later"),
    ("554 5.7.1 Message rejected", "dead", "SMTP 554 5.7.1 Message rejected"),
])
async def test_G2_smtp_4xx_is_retried_and_5xx_is_dead(tmp_path: Path, reply: str, status: str,
                                                      error: str) -> None:
    db, config = setup(tmp_path)
    record_changes(db, contacts(2), T0, config.route)
    with SmtpSink(reply=reply) as sink:
        async with Dispatcher(db, config, clock=Clock(T0), env=smtp_env(sink.port)) as dispatcher:
            report = await dispatcher.tick()
    assert statuses(db) == {status: 2}
    assert db.execute("SELECT DISTINCT last_error FROM outbox").fetchall() == [(error,)]
    assert (report.retrying, report.dead) == ((2, 0) if status == "pending" else (0, 2))


def tls_context(tmp_path: Path) -> tuple[ssl.SSLContext, Path]:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context, cert


async def test_starttls_with_a_trusted_ca_logs_in_and_delivers(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    context, cert = tls_context(tmp_path)
    record_changes(db, contacts(1), T0, config.route)
    with SmtpSink(users={"monitor": "pa55word!"}, tls_context=context, require_starttls=True,
                  auth_required=True) as sink:
        env = smtp_env(sink.port, MONITOR_SMTP_TLS="starttls", MONITOR_SMTP_USER="monitor",
                       MONITOR_SMTP_PASSWORD="pa55word!", MONITOR_SMTP_CAFILE=str(cert))
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert report.sent == 1 and len(sink.messages) == 1
    assert sink.logins == [("monitor", True)]


async def test_G2_a_refused_login_is_dead_and_the_password_never_stored(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    context, cert = tls_context(tmp_path)
    record_changes(db, contacts(1), T0, config.route)
    with SmtpSink(users={"monitor": "right"}, tls_context=context, require_starttls=True) as sink:
        env = smtp_env(sink.port, MONITOR_SMTP_TLS="starttls", MONITOR_SMTP_USER="monitor",
                       MONITOR_SMTP_PASSWORD="wrong-pass-123", MONITOR_SMTP_CAFILE=str(cert))
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert report.dead == 1 and sink.messages == []
    assert sink.logins and not any(ok for _, ok in sink.logins)  # smtplib tries PLAIN, then LOGIN
    assert db.execute("SELECT last_error FROM outbox").fetchone()[0] == "SMTP login refused (535)"
    db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    assert not any(b"wrong-pass-123" in p.read_bytes() for p in tmp_path.glob("monitor.db*"))


async def test_G3_an_untrusted_certificate_stops_before_the_password(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    context, _ = tls_context(tmp_path)
    record_changes(db, contacts(1), T0, config.route)
    with SmtpSink(users={"monitor": "pw-123456"}, tls_context=context, require_starttls=True) as sink:
        env = smtp_env(sink.port, MONITOR_SMTP_TLS="starttls", MONITOR_SMTP_USER="monitor",
                       MONITOR_SMTP_PASSWORD="pw-123456")  # no CA file: the self-signed cert fails
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert report.retrying == 1 and sink.messages == [] and sink.logins == []
    error = db.execute("SELECT last_error FROM outbox").fetchone()[0]
    assert error.startswith("TLS failed:") and "CERTIFICATE_VERIFY_FAILED" in error


async def test_G3_a_server_without_starttls_gets_no_plain_text(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    record_changes(db, contacts(1), T0, config.route)
    with SmtpSink() as sink:  # offers no STARTTLS at all (a downgrade)
        env = {**smtp_env(sink.port), "MONITOR_SMTP_TLS": "starttls"}
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            report = await dispatcher.tick()
    assert report.retrying == 1 and sink.messages == []
    assert "does not offer STARTTLS; refusing to send in plain text" in \
        db.execute("SELECT last_error FROM outbox").fetchone()[0]


async def test_G8_subject_injection_end_to_end(tmp_path: Path) -> None:
    db = company_db(tmp_path, {"acme": "ACME\r\nBcc: victim@example.com =?UTF-8?Q?=0A?=X-Evil: 1"})
    path = tmp_path / "alerts.yaml"
    path.write_text(ALERTS)
    config = load_alerts(path)
    record_changes(db, [change("acme", "name", "ACME", "ACME\nBcc: victim2@example.com",
                               Category.IDENTITY)], T0, config.route)
    with SmtpSink() as sink:
        async with Dispatcher(db, config, clock=Clock(T0), env=smtp_env(sink.port)) as dispatcher:
            await dispatcher.tick()
    [msg] = sink.messages
    assert len(msg.get_all("Subject") or []) == 1
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    assert sink.envelopes[0][1] == ["team@example.org", "boss@example.org"]
    assert "Bcc: victim" in str(msg["Subject"])  # still there, harmless, as text on one line


async def test_a_digest_email_groups_by_company_then_category(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    early = T0.replace(hour=7, minute=0)
    news = [change(s, "news", None, f"{s} headline {i}", Category.NEWS, key=f"{s}{i}")
            for s in ("ispace", "acme") for i in range(3)]
    metric = [change("acme", "metric.followers", "100", "900", Category.METRIC)]
    record_changes(db, news + metric, early, config.route)
    with SmtpSink() as sink:
        clock = Clock(early.replace(hour=8))
        async with Dispatcher(db, config, clock=clock, env=smtp_env(sink.port)) as dispatcher:
            report = await dispatcher.tick()
    assert (report.messages, report.sent) == (1, 7)
    [msg] = sink.messages
    assert msg["Subject"] == "[monitor] Daily digest: 7 changes at ACME Corp, ispace"
    rows = body(msg, "plain").splitlines()
    assert rows.index("ACME Corp") < rows.index("News (3)") < rows.index("Metrics (1)") \
        < rows.index("ispace") < rows.index("  - ispace headline 0")
    assert msg["Message-ID"].startswith("<d-") and len(sink.delivered()) == 7


async def test_G2_eight_transient_failures_then_dead_with_the_reason(tmp_path: Path) -> None:
    db, config = setup(tmp_path)
    record_changes(db, contacts(2), T0, config.route)
    clock = Clock(T0)
    tries = []
    with refused_port() as relay:
        async with Dispatcher(db, config, clock=clock, env=smtp_env(relay.port)) as dispatcher:
            for day in range(10):
                clock.now = T0 + timedelta(days=day)
                report = await dispatcher.tick()
                tries.append((report.retrying, report.dead))
    assert tries[:8] == [(2, 0)] * 7 + [(0, 2)] and tries[8:] == [(0, 0)] * 2
    row = db.execute("SELECT status, attempts, last_error FROM outbox").fetchone()
    assert row[:2] == ("dead", 8)
    assert row[2].startswith("gave up after 8 attempts: cannot reach the SMTP server")
