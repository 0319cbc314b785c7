"""``monitor notify``: test messages, one pass by hand, dead alerts back in the queue."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from monitor.cli import main
from monitor.clock import utcnow
from monitor.models import Category
from monitor.notify import load_alerts
from tests.test_notify_support import (
    SlackReceiver,
    SmtpSink,
    change,
    company_db,
    record_changes,
    smtp_env,
)

ALERTS = """
channels:
  slack:team: {min_interval: 0}
  email:team: {to: [team@example.org]}
"""


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    alerts = tmp_path / "alerts.yaml"
    if not alerts.exists():
        alerts.write_text(ALERTS)
    return CliRunner().invoke(main, ["--db", str(tmp_path / "monitor.db"), "--alerts", str(alerts),
                                     "--sources", str(tmp_path / "sources.yaml"), "notify", *args],
                              env=env or {})


def test_notify_test_slack_sends_a_sample_through_the_channel(tmp_path: Path) -> None:
    with SlackReceiver() as receiver:
        result = run(tmp_path, "--test", "slack", env={
            "MONITOR_SLACK_WEBHOOK_TEAM": receiver.url(), "MONITOR_ALLOW_PRIVATE": "1"})
    assert result.exit_code == 0, result.output
    assert "Sent a test message to slack:team." in result.stdout
    [got] = receiver.requests
    assert "This is a test from monitor notify --test" in got.text
    assert "*Example Corp* — Ada Lovelace: CFO → CEO" in got.text


def test_notify_test_email_says_in_one_line_what_is_missing(tmp_path: Path) -> None:
    result = run(tmp_path, "--test", "email")
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: email:team is not configured: set MONITOR_SMTP_HOST"
                                     " and MONITOR_SMTP_FROM")


def test_notify_test_of_a_missing_channel_type(tmp_path: Path) -> None:
    (tmp_path / "alerts.yaml").write_text("channels:\n  email:team: {to: [t@example.org]}\n")
    result = run(tmp_path, "--test", "slack")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "no slack channel in" in result.output and "channels: email:team" in result.output


def test_notify_test_delivery_failure_is_one_redacted_line(tmp_path: Path) -> None:
    with SlackReceiver(script=[(404, {}, "no_service")]) as receiver:
        result = run(tmp_path, "--test", "slack:team", env={
            "MONITOR_SLACK_WEBHOOK_TEAM": receiver.url(), "MONITOR_ALLOW_PRIVATE": "1"})
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: slack:team: test message not delivered: Slack refused the message: HTTP 404"
        " no_service")
    assert "/services/" not in result.output


def test_notify_one_pass_then_dead_alerts_back_in_the_queue(tmp_path: Path) -> None:
    (tmp_path / "alerts.yaml").write_text("channels:\n  email:team: {to: [t@example.org]}\n")
    db = company_db(tmp_path)
    config = load_alerts(tmp_path / "alerts.yaml")
    record_changes(db, [change("acme", "email", None, f"s{i}@acme.example", Category.CONTACT)
                        for i in range(2)], utcnow(), config.route)  # the CLI runs on real time
    with SmtpSink(reply="550 5.1.1 No such mailbox") as bad:
        refused = run(tmp_path, env=smtp_env(bad.port))
    status = run(tmp_path, "--status")
    revived = run(tmp_path, "--retry-dead", "email:team")
    with SmtpSink() as good:
        sent = run(tmp_path, env=smtp_env(good.port))
        again = run(tmp_path, env=smtp_env(good.port))
    assert refused.exit_code == 0 and "sent 0 alert(s) in 0 message(s); 2 dead" in refused.stdout
    assert "email:team  dead  2  (SMTP 550 5.1.1 No such mailbox)" in status.stdout
    assert "2 dead alert(s) back in the queue" in revived.stdout
    assert sent.stdout.strip() == "sent 2 alert(s) in 1 message(s)"
    assert again.stdout.strip() == "sent 0 alert(s) in 0 message(s)"
    assert len(good.messages) == 1


def test_notify_without_channels_says_so(tmp_path: Path) -> None:
    (tmp_path / "alerts.yaml").write_text("channels: {}\n")
    result = run(tmp_path)
    assert result.exit_code == 0
    assert "No alert channels" in result.stdout


def test_notify_help_has_an_example(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["notify", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "monitor notify --test slack" in result.output
