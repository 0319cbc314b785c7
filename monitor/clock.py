"""Time stamps as the store keeps them, and the one real clock.

Everything else receives the time (or a clock) as an argument, so the pure stages and the tests
never read the wall clock themselves.
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime) -> str:
    """A UTC time stamp as stored everywhere: ``2026-11-24T09:30:00Z`` (sorts as text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    """The inverse of ``iso``."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The real clock; everything else receives a clock as an argument."""
    return datetime.now(UTC)
