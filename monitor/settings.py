"""Switches read from the environment: one parser for every ``MONITOR_*`` on/off setting.

``1/true/yes/on`` switch on, ``0/false/no/off`` or unset switch off (any case, spaces
ignored); anything else is a ConfigError naming the variable, so a typo never silently
means "off" in one place and "on" in another.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from monitor.errors import ConfigError

ALLOW_PRIVATE = "MONITOR_ALLOW_PRIVATE"
_ON = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"", "0", "false", "no", "off"})


def env_flag(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """The boolean value of the environment variable ``name`` (unset: False)."""
    raw = (os.environ if environ is None else environ).get(name, "")
    value = raw.strip().lower()
    if value in _ON:
        return True
    if value in _OFF:
        return False
    raise ConfigError(f"{name}={raw!r}: expected 1, true, yes, on (or 0, false, no, off)")


def allow_private(environ: Mapping[str, str] | None = None) -> bool:
    """``MONITOR_ALLOW_PRIVATE``: fetch from private and loopback addresses (tests, intranets)."""
    return env_flag(ALLOW_PRIVATE, environ)
