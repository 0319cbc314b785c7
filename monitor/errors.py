"""The exception hierarchy of monitor.

    MonitorError            base of everything raised on purpose
    ├── ConfigError         sources.yaml or settings are invalid (names file, line and key)
    ├── NotConfigured       an optional part lacks its settings; it stays off, nothing breaks
    ├── UnsafeURL           a URL is refused by the fetch policy (scheme, address, port)
    ├── StoreError          the database cannot be opened, migrated, or is locked by another run
    └── DeliveryError       an alert channel refused a message (``permanent`` says whether to retry)

Fetch failures, "not modified", "unchanged" and "blocked" are *not* exceptions: they are
values (`monitor.models.Fetched`, `monitor.models.Outcome`). No exception crosses ``check()``.
"""

from __future__ import annotations


class MonitorError(Exception):
    """Base class of the errors monitor raises on purpose."""


class ConfigError(MonitorError):
    """Invalid configuration; the message names the file, line and key."""


class NotConfigured(MonitorError):
    """An optional component has no settings and switches itself off."""


class UnsafeURL(MonitorError):
    """A URL the fetch policy refuses (scheme, credentials, private address, port)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason


class StoreError(MonitorError):
    """The database cannot be used (corrupt, locked by another scheduler, unmigratable)."""


class DeliveryError(MonitorError):
    """An alert could not be delivered; ``permanent`` failures go to the dead state."""

    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
