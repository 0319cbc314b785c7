"""alerts.yaml: defaults, filters, validation messages, secrets refused; modes and digest slots."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from monitor.errors import ConfigError
from monitor.models import Category
from monitor.notify import AlertConfig, ChannelConfig, load_alerts
from monitor.notify.modes import next_slot, parse_mode
from monitor.notify.routing import CHANNEL_TYPES
from monitor.notify.senders import SENDERS, build_senders, secret_env
from monitor.notify.smtp import SmtpSettings
from tests.conftest import ROOT
from tests.test_notify_support import change


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alerts.yaml"
    path.write_text(text)
    path.chmod(0o644)
    return path


def test_missing_file_routes_nothing(tmp_path: Path) -> None:
    config = load_alerts(tmp_path / "absent.yaml")
    assert config.channels == {}
    assert config.route(change("ispace", "person", None, "CEO", Category.LEADERSHIP, "X")) == []
    assert config.route(change("ispace", "status", "ok", "error", Category.HEALTH)) == []


def test_default_routes_important_at_once_rest_daily_health_to_operator(tmp_path: Path) -> None:
    config = load_alerts(write(tmp_path, """
operator: slack:ops
channels:
  slack:bizdev: {}
  slack:ops:
  email:team: {to: [team@example.com]}
"""))
    lead = change("ispace", "person", None, "CEO", Category.LEADERSHIP, "Jane Doe")
    news = change("ispace", "news", None, "Lander update", Category.NEWS, "k1")
    health = change("ispace", "status", "ok", "error: timeout", Category.HEALTH)
    assert config.route(lead) == [("slack:bizdev", "immediate"), ("email:team", "immediate")]
    assert config.route(news) == [("slack:bizdev", "digest:daily@08:00"),
                                  ("email:team", "digest:daily@08:00")]
    assert config.route(health) == [("slack:ops", "immediate")]


def test_company_and_category_filters_first_route_wins(tmp_path: Path) -> None:
    config = load_alerts(write(tmp_path, """
channels:
  slack:bizdev: {}
routes:
  - channels: slack:bizdev
    companies: [ispace]
    categories: [news]
    mode: hourly
  - channels: [slack:bizdev]
    mode: weekly@fri 17:30
"""))
    assert config.route(change("ispace", "news", None, "t", Category.NEWS, "k")) == [
        ("slack:bizdev", "digest:hourly")]
    assert config.route(change("acme", "news", None, "t", Category.NEWS, "k")) == [
        ("slack:bizdev", "digest:weekly@fri 17:30")]
    # a route without categories never takes health: that is the operator's
    assert config.route(change("acme", "status", "ok", "error", Category.HEALTH)) == []


@pytest.mark.parametrize(("text", "message"), [
    ("channels: {slack:x: {too: 1}}", "channels.slack:x.too: unknown option; known: min_interval, to"),
    ("channels: {slack:x: {}}\nroutes: [{channels: [slack:x], mode: dayly}]",
     "routes[0].mode: unknown delivery mode 'dayly'; valid: immediate, hourly, daily"),
    ("channels: {slack:x: {}}\nroutes: [{channels: [slack:x], categories: [people]}]",
     "routes[0].categories: unknown category 'people'; known: leadership, contact"),
    ("channels: {slack:x: {}}\nroutes: [{channels: [slack:y]}]",
     "routes[0].channels: 'slack:y' is not declared under channels; known: slack:x"),
    ("channels: {teams:x: {}}", "a channel is named type:name"),
    ("channels: {email:x: {}}", "channels.email:x.to: an email channel needs recipients"),
    ('channels: {email:x: {to: ["a@b.c\\nBcc: e@f.g"]}}', "not one email address"),
    ("operator: slack:ops\nchannels: {slack:x: {}}", "operator: 'slack:ops' is not a channel"),
    ("timezone: Mars/Olympus", "timezone: unknown time zone"),
    ("storm: {window: soon}", "storm.window: 'soon' is not a duration"),
    ("routs: []", "routs: unknown option; known: channels, max_attempts, operator, routes"),
])
def test_errors_name_the_path_and_the_choices(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as exc:
        load_alerts(write(tmp_path, text))
    assert message in str(exc.value)
    assert str(tmp_path) in str(exc.value)


@pytest.mark.parametrize("text", [
    "channels: {slack:x: {webhook: 'https://hooks.slack.com/services/T/B/C'}}",
    "channels: {slack:x: {}}\nnote: https://hooks.slack.com/services/T1/B1/abc",
    "password: hunter22",
])
def test_R39_secrets_are_refused_in_the_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError) as exc:
        load_alerts(write(tmp_path, text))
    assert "environment" in str(exc.value)
    assert "hooks.slack.com/services/T" not in str(exc.value)


def test_R44_file_writable_by_others_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "channels: {}")
    path.chmod(0o666)
    with pytest.raises(ConfigError, match="writable by other users"):
        load_alerts(path)


def test_example_file_in_the_repository_loads_and_routes() -> None:
    config = load_alerts(ROOT / "alerts.example.yaml")
    assert config.operator == "slack:ops"
    assert config.timezone == ZoneInfo("Europe/Berlin")
    lead = change("ispace", "person", None, "CEO", Category.LEADERSHIP, "Jane Doe")
    assert ("email:analysts", "immediate") in config.route(lead)
    assert ("slack:bizdev", "digest:hourly") in config.route(
        change("ispace", "news", None, "t", Category.NEWS, "k"))


@pytest.mark.parametrize(("text", "canonical"), [
    ("immediate", "immediate"), ("hourly", "digest:hourly"), ("daily", "digest:daily@08:00"),
    ("digest:daily@7:05", "digest:daily@07:05"), ("weekly", "digest:weekly@mon 08:00"),
    ("Weekly@FRI  17:30", "digest:weekly@fri 17:30"), ("weekly@sun", "digest:weekly@sun 08:00"),
])
def test_modes_parse_to_canonical_spellings(text: str, canonical: str) -> None:
    assert parse_mode(text).canonical == canonical
    assert parse_mode(canonical).canonical == canonical


@pytest.mark.parametrize("text", ["dayly", "hourly@08:00", "daily@mon", "daily@25:00", "weekly@xyz"])
def test_bad_modes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_mode(text)


def test_digest_slots_in_local_time() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    at = datetime(2026, 11, 24, 6, 59, tzinfo=UTC)  # 07:59 in Berlin (CET, UTC+1)
    assert next_slot(parse_mode("daily@08:00"), at, berlin) == datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    assert next_slot(parse_mode("daily@08:00"), at.replace(minute=0, hour=7), berlin) == \
        datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # exactly at the slot: the next one
    assert next_slot(parse_mode("hourly"), at, UTC) == datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    # 2026-11-24 is a Tuesday: the next Monday 08:00 Berlin is 2026-11-30 07:00 UTC
    assert next_slot(parse_mode("weekly"), at, berlin) == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 5, 0, tzinfo=UTC)  # CEST, UTC+2
    assert next_slot(parse_mode("daily@08:00"), summer, berlin) == datetime(2026, 7, 1, 6, 0, tzinfo=UTC)


def test_channels_without_secrets_stay_off_and_say_why(tmp_path: Path) -> None:
    config = load_alerts(write(tmp_path, """
channels:
  slack:biz-dev: {}
  slack:fake: {}
  email:team: {to: [t@example.com]}
"""))
    env = {"MONITOR_SLACK_WEBHOOK_FAKE": "https://evil.example/services/T1/B1/token123"}
    senders, off = build_senders(config, env)
    assert senders == {}
    assert off["slack:biz-dev"] == "set MONITOR_SLACK_WEBHOOK_BIZ_DEV"
    assert "MONITOR_SLACK_WEBHOOK_FAKE is not a Slack incoming webhook" in off["slack:fake"]
    assert "token123" not in off["slack:fake"]  # the refused URL is a secret too
    assert "MONITOR_SMTP_HOST" in off["email:team"]


@pytest.mark.parametrize(("env", "message"), [
    ({"MONITOR_SMTP_HOST": "smtp.example.com", "MONITOR_SMTP_FROM": "m@example.com",
      "MONITOR_SMTP_TLS": "none"}, "only allowed for a relay on 127.0.0.1"),
    ({"MONITOR_SMTP_HOST": "smtp.example.com", "MONITOR_SMTP_FROM": "m@example.com",
      "MONITOR_SMTP_TLS": "ssl"}, "valid: starttls, tls, none"),
    ({"MONITOR_SMTP_HOST": "smtp.example.com", "MONITOR_SMTP_FROM": "m@example.com\r\nBcc: x@y"},
     "not an email address"),
    ({"MONITOR_SMTP_HOST": "h", "MONITOR_SMTP_FROM": "m@e.com", "MONITOR_SMTP_USER": "u"},
     "both MONITOR_SMTP_USER and MONITOR_SMTP_PASSWORD"),
])
def test_R41_smtp_settings_are_checked(env: dict[str, str], message: str) -> None:
    from monitor.errors import NotConfigured

    with pytest.raises(NotConfigured, match=message):
        SmtpSettings.from_env(env)


def test_smtp_defaults_to_starttls_on_587() -> None:
    s = SmtpSettings.from_env({"MONITOR_SMTP_HOST": "smtp.example.com",
                               "MONITOR_SMTP_FROM": "m@example.com"})
    assert (s.tls, s.port) == ("starttls", 587)
    assert AlertConfig().route(change("a", "email", None, "x@y.z", Category.CONTACT)) == []


def test_every_channel_type_has_one_sender_factory_in_the_registry() -> None:
    assert set(SENDERS) == set(CHANNEL_TYPES)
    assert secret_env(ChannelConfig("slack:biz-dev")) == "MONITOR_SLACK_WEBHOOK_BIZ_DEV"
    assert secret_env(ChannelConfig("apprise:ops")) == "MONITOR_APPRISE_URL_OPS"
    assert secret_env(ChannelConfig("email:team")) is None
