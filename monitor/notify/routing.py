"""Which changes go to which channel, and when: the validated alerts.yaml as values. Pure.

A change goes to a channel through the first route that names the channel and matches the
change's company and category; health changes always go to the operator channel at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta, tzinfo
from types import MappingProxyType

from monitor.models import Category, Change
from monitor.notify.modes import IMMEDIATE

CHANNEL_TYPES = ("slack", "email", "apprise")
CHANNEL_NAME = re.compile(rf"^({'|'.join(CHANNEL_TYPES)}):[a-z0-9][a-z0-9_-]{{0,39}}$")
AT_ONCE = frozenset({Category.LEADERSHIP, Category.CONTACT, Category.LINKS, Category.IDENTITY})
IN_DIGEST = frozenset({Category.NEWS, Category.POST, Category.CONTENT, Category.METRIC,
                       Category.OFFER, Category.HIRING})
DEFAULT_DIGEST = "digest:daily@08:00"


@dataclass(frozen=True)
class ChannelConfig:
    """One named channel; its secret (webhook, password) comes from the environment."""

    name: str
    to: tuple[str, ...] = ()  # email recipients
    min_interval: float = 1.0  # seconds between messages (Slack allows one per second)

    @property
    def type(self) -> str:
        """``slack``, ``email`` or ``apprise``."""
        return self.name.split(":", 1)[0]

    @property
    def env_suffix(self) -> str:
        """``slack:biz-dev`` → ``BIZ_DEV`` (for ``MONITOR_SLACK_WEBHOOK_BIZ_DEV``)."""
        return re.sub(r"[^A-Z0-9]", "_", self.name.split(":", 1)[1].upper())


@dataclass(frozen=True)
class Route:
    """Changes of some companies and categories, to some channels, in one mode."""

    channels: tuple[str, ...]
    mode: str = IMMEDIATE
    categories: frozenset[Category] | None = None  # None: every category but health
    companies: frozenset[str] | None = None  # None: every company

    def matches(self, change: Change) -> bool:
        """True when this route takes the change."""
        if self.companies is not None and change.company not in self.companies:
            return False
        if self.categories is None:
            return change.category is not Category.HEALTH
        return change.category in self.categories


def default_routes(channels: Mapping[str, ChannelConfig], operator: str | None) -> tuple[Route, ...]:
    """Important changes at once, the rest in a daily digest, to every subscriber channel."""
    subscribers = tuple(name for name in channels if name != operator)
    if not subscribers:
        return ()
    return (Route(subscribers, IMMEDIATE, AT_ONCE), Route(subscribers, DEFAULT_DIGEST, IN_DIGEST))


@dataclass(frozen=True)
class AlertConfig:
    """Validated alert routing; ``route`` plugs into the pipeline as its Router."""

    channels: Mapping[str, ChannelConfig] = field(default_factory=lambda: MappingProxyType({}))
    routes: tuple[Route, ...] = ()
    operator: str | None = None
    timezone: tzinfo = UTC
    storm_threshold: int = 20
    storm_window: timedelta = timedelta(minutes=10)
    stale_after: timedelta = timedelta(hours=24)
    max_attempts: int = 8
    configured: bool = True  # False: no alerts file, so no routing decision can be made yet

    @property
    def router(self) -> Callable[[Change], list[tuple[str, str]]] | None:
        """The pipeline's Router; None without a file, so changes wait to be routed later."""
        return self.route if self.configured else None

    def route(self, change: Change) -> list[tuple[str, str]]:
        """The (channel, mode) pairs one change is alerted on."""
        chosen: dict[str, str] = {}
        if change.category is Category.HEALTH and self.operator:
            chosen[self.operator] = IMMEDIATE
        for route in self.routes:
            if route.matches(change):
                for channel in route.channels:
                    chosen.setdefault(channel, route.mode)
        return list(chosen.items())
