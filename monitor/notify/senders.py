"""Building each configured channel's sender from the environment; a channel lacking its
secret raises NotConfigured, is logged once, and stays off while the others work.

``SENDERS`` is the one registry of channel types (like the kinds' ``KINDS``): a new type is
one factory and one entry, never another branch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from monitor.environ import allow_private
from monitor.errors import NotConfigured
from monitor.notify.apprise_sender import AppriseSender
from monitor.notify.base import Sender
from monitor.notify.routing import AlertConfig, ChannelConfig
from monitor.notify.slack import SlackSender, check_webhook
from monitor.notify.smtp import EmailSender, SmtpSettings

log = logging.getLogger("monitor.notify")


@dataclass(frozen=True)
class SenderType:
    """How one channel type is built: the variable prefix of its per-channel secret (none for
    e-mail, which shares ``MONITOR_SMTP_*``) and a factory from channel, secret, environment."""

    secret_prefix: str | None
    build: Callable[[ChannelConfig, str, Mapping[str, str]], Sender]


def _slack(channel: ChannelConfig, secret: str, env: Mapping[str, str]) -> Sender:
    check_webhook(secret, secret_env(channel) or "", allow_private=allow_private(env))
    return SlackSender(channel.name, secret, min_interval=channel.min_interval)


def _email(channel: ChannelConfig, secret: str, env: Mapping[str, str]) -> Sender:
    return EmailSender(channel.name, SmtpSettings.from_env(env), channel.to)


def _apprise(channel: ChannelConfig, secret: str, env: Mapping[str, str]) -> Sender:
    return AppriseSender(channel.name, secret)


SENDERS: Mapping[str, SenderType] = {
    "slack": SenderType("MONITOR_SLACK_WEBHOOK_", _slack),
    "email": SenderType(None, _email),
    "apprise": SenderType("MONITOR_APPRISE_URL_", _apprise),
}


def secret_env(channel: ChannelConfig) -> str | None:
    """The environment variable holding a channel's secret (email shares MONITOR_SMTP_*)."""
    prefix = SENDERS[channel.type].secret_prefix
    return None if prefix is None else f"{prefix}{channel.env_suffix}"


def make_sender(channel: ChannelConfig, env: Mapping[str, str]) -> Sender:
    """The sender of one channel; NotConfigured says which setting is missing."""
    kind = SENDERS[channel.type]
    name = secret_env(channel)
    secret = "" if name is None else env.get(name, "").strip()
    if name is not None and not secret:
        raise NotConfigured(f"set {name}")
    return kind.build(channel, secret, env)


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
    prefixes = tuple(t.secret_prefix for t in SENDERS.values() if t.secret_prefix)
    return tuple(value for key, value in env.items()
                 if value and (key.startswith(prefixes) or key == "MONITOR_SMTP_PASSWORD"))
