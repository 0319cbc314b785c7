"""Building each configured channel's sender from the environment; a channel lacking its
secret raises NotConfigured, is logged once, and stays off while the others work.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from monitor.errors import NotConfigured
from monitor.notify.apprise_sender import AppriseSender
from monitor.notify.base import Sender
from monitor.notify.routing import AlertConfig, ChannelConfig
from monitor.notify.slack import SlackSender, check_webhook
from monitor.notify.smtp import EmailSender, SmtpSettings
from monitor.settings import allow_private

log = logging.getLogger("monitor.notify")


def secret_env(channel: ChannelConfig) -> str | None:
    """The environment variable holding a channel's secret (email shares MONITOR_SMTP_*)."""
    if channel.type == "slack":
        return f"MONITOR_SLACK_WEBHOOK_{channel.env_suffix}"
    if channel.type == "apprise":
        return f"MONITOR_APPRISE_URL_{channel.env_suffix}"
    return None


def make_sender(channel: ChannelConfig, env: Mapping[str, str]) -> Sender:
    """The sender of one channel; NotConfigured says which setting is missing."""
    private = allow_private(env)
    name = secret_env(channel)
    if channel.type == "email":
        return EmailSender(channel.name, SmtpSettings.from_env(env), channel.to)
    assert name is not None
    secret = env.get(name, "").strip()
    if not secret:
        raise NotConfigured(f"set {name}")
    if channel.type == "slack":
        check_webhook(secret, name, allow_private=private)
        return SlackSender(channel.name, secret, min_interval=channel.min_interval)
    return AppriseSender(channel.name, secret)


def build_senders(config: AlertConfig, env: Mapping[str, str]) -> tuple[dict[str, Sender], dict[str, str]]:
    """Senders of every channel that can work, and why each other one is off."""
    senders: dict[str, Sender] = {}
    off: dict[str, str] = {}
    for channel in config.channels.values():
        try:
            senders[channel.name] = make_sender(channel, env)
        except NotConfigured as exc:
            off[channel.name] = str(exc)
            log.warning("alert channel %s is off: %s", channel.name, exc)
    return senders, off


def env_secrets(env: Mapping[str, str]) -> tuple[str, ...]:
    """Every secret value in the environment, for redaction of error texts."""
    return tuple(value for key, value in env.items()
                 if value and (key.startswith(("MONITOR_SLACK_WEBHOOK_", "MONITOR_APPRISE_URL_"))
                               or key == "MONITOR_SMTP_PASSWORD"))
