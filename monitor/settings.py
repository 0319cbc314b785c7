"""The process's settings: every ``MONITOR_*`` value, read from the environment once.

A command builds one ``Settings`` at its start (``Settings.from_env()``) and passes it, or the
typed settings made from it, to what it runs: nothing reads the process environment while fetching,
extracting or sending. It reads the environment through ``monitor/environ.py``, the only
module that touches it.

Each typed view is parsed by the module that owns the value (``FetchSettings``,
``BrowserSettings``, ``FleetSettings``, …) from this one snapshot. Secrets (alert webhooks,
SMTP login, tokens, proxy credentials) never show in a ``repr`` or a log line, and
``for_workers`` drops the alert secrets before a fleet worker is given its settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

from monitor.environ import (
    ALERT_SECRETS,
    DATASETTE_URL,
    DEFAULT_DATASETTE,
    PREFIX,
    allow_private,
    process_environ,
)

if TYPE_CHECKING:
    from monitor.fetch.browser import BrowserSettings
    from monitor.fetch.client import FetchSettings
    from monitor.fleet.settings import FleetSettings
    from monitor.workers.crashpoints import CrashPoints

@dataclass(frozen=True)
class Settings:
    """Every ``MONITOR_*`` variable of one process, as read at the command's start."""

    env: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    allow_private: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the environment (or ``environ``) once; a bad switch is a ConfigError."""
        return cls.of({k: v for k, v in process_environ(environ).items() if k.startswith(PREFIX)})

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Settings:
        """Settings from these variables (a frozen copy)."""
        env = MappingProxyType(dict(values))
        return cls(env, allow_private(env))

    def __repr__(self) -> str:
        """Names only: values may be secrets."""
        return f"Settings(allow_private={self.allow_private}, set={sorted(self.env)})"

    def get(self, name: str, default: str = "") -> str:
        """One variable's raw value."""
        return self.env.get(name, default)

    def with_default(self, name: str, value: str) -> Settings:
        """These settings, with ``name`` set to ``value`` unless it is set already."""
        return self if self.env.get(name) else Settings.of({**self.env, name: value})

    def for_workers(self) -> Settings:
        """What a fetch worker may hold: everything but the alert secrets."""
        return Settings.of({k: v for k, v in self.env.items() if not k.startswith(ALERT_SECRETS)})

    @property
    def datasette_url(self) -> str:
        """Where links in alerts point."""
        return self.env.get(DATASETTE_URL) or DEFAULT_DATASETTE

    def fetch(self) -> FetchSettings:
        """The fetch layer's settings (politeness gap, proxies, the X API token)."""
        from monitor.fetch.client import FetchSettings

        return FetchSettings.from_env(self.env)

    def browser(self) -> BrowserSettings | None:
        """The browser's settings, or None when no chromium is installed."""
        from monitor.fetch.browser import BrowserSettings

        return BrowserSettings.from_env(self.env)

    def fleet(self) -> FleetSettings | None:
        """The fleet's settings, or None without ``MONITOR_BROKER_URL``."""
        from monitor.fleet.settings import FleetSettings

        return FleetSettings.from_env(self.env)

    def crash_points(self) -> CrashPoints:
        """The crash points of the crash tests (none in production)."""
        from monitor.workers.crashpoints import crash_hook_from_env

        return crash_hook_from_env(self.env)

    def keep_checks(self) -> timedelta:
        """How long raw checks are kept before they are rolled up."""
        from monitor.store.retention import keep_from_env

        return keep_from_env(self.env)
