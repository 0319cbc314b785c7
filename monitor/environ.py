"""Reading the process environment: the one place that touches ``os.environ``.

Modules low in the house (the fetcher, the browser, the config loader, crash points) take an
``environ`` mapping from their caller, and fall back to the process environment through
``process_environ`` only when a library caller gives none. Commands build one ``Settings``
(``monitor/settings.py``) at their start and pass that instead.

Switches: ``1/true/yes/on`` switch on, ``0/false/no/off`` or unset switch off (any case, spaces
ignored); anything else is a ConfigError naming the variable, so a typo never silently
means "off" in one place and "on" in another.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from monitor.errors import ConfigError

PREFIX = "MONITOR_"
ALLOW_PRIVATE = "MONITOR_ALLOW_PRIVATE"
DATASETTE_URL = "MONITOR_DATASETTE_URL"
DEFAULT_DATASETTE = "http://127.0.0.1:8001"
# Alert delivery secrets: the scheduler's business only, never a fetch worker's.
ALERT_SECRETS = ("MONITOR_SLACK_WEBHOOK_", "MONITOR_APPRISE_URL_", "MONITOR_SMTP_")
_ON = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"", "0", "false", "no", "off"})


def process_environ(environ: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """``environ``, or the process environment when None: the one read of ``os.environ``."""
    return os.environ if environ is None else environ


def env_flag(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """The boolean value of the environment variable ``name`` (unset: False)."""
    raw = process_environ(environ).get(name, "")
    value = raw.strip().lower()
    if value in _ON:
        return True
    if value in _OFF:
        return False
    raise ConfigError(f"{name}={raw!r}: expected 1, true, yes, on (or 0, false, no, off)")


def allow_private(environ: Mapping[str, str] | None = None) -> bool:
    """``MONITOR_ALLOW_PRIVATE``: fetch from private and loopback addresses (tests, intranets)."""
    return env_flag(ALLOW_PRIVATE, environ)
