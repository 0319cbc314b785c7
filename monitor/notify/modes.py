"""Delivery modes: ``immediate`` or a digest (hourly, daily at a time, weekly on a day). Pure.

Canonical spellings, as stored in ``outbox.mode``::

    immediate
    digest:hourly
    digest:daily@08:00
    digest:weekly@mon 08:00

Digest times are wall-clock times in the configured time zone (default UTC).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

IMMEDIATE = "immediate"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MODE = re.compile(
    r"^(?:digest:)?(?P<every>hourly|daily|weekly)"
    r"(?:@(?:(?P<day>[a-z]{3})\b)?\s*(?:(?P<hh>\d{1,2}):(?P<mm>\d{2}))?)?$"
)
CHOICES = "immediate, hourly, daily, daily@HH:MM, weekly, weekly@mon HH:MM"


@dataclass(frozen=True)
class Mode:
    """A parsed delivery mode."""

    every: str  # immediate | hourly | daily | weekly
    at: time = time(8, 0)
    day: int = 0  # Monday

    @property
    def canonical(self) -> str:
        """The stored spelling."""
        if self.every == IMMEDIATE:
            return IMMEDIATE
        if self.every == "hourly":
            return "digest:hourly"
        at = self.at.strftime("%H:%M")
        if self.every == "daily":
            return f"digest:daily@{at}"
        return f"digest:weekly@{DAYS[self.day]} {at}"

    @property
    def label(self) -> str:
        """How a reader names it: "Daily digest"."""
        return {"immediate": "Alert", "hourly": "Hourly digest", "daily": "Daily digest",
                "weekly": "Weekly digest"}[self.every]


def parse_mode(text: str) -> Mode:
    """Parse a mode as written in alerts.yaml or stored in the outbox; ValueError if invalid."""
    spelled = " ".join(str(text).strip().lower().split())
    if spelled == IMMEDIATE:
        return Mode(IMMEDIATE)
    match = _MODE.match(spelled)
    if not match:
        raise ValueError(f"unknown delivery mode {text!r}; valid: {CHOICES}")
    every, day, hh, mm = match["every"], match["day"], match["hh"], match["mm"]
    if every == "hourly" and (day or hh):
        raise ValueError(f"{text!r}: an hourly digest takes no time; valid: {CHOICES}")
    if day and every != "weekly":
        raise ValueError(f"{text!r}: only a weekly digest takes a day; valid: {CHOICES}")
    if day and day not in DAYS:
        raise ValueError(f"{text!r}: unknown day {day!r}; valid: {', '.join(DAYS)}")
    at = time(8, 0)
    if hh is not None:
        if int(hh) > 23 or int(mm) > 59:
            raise ValueError(f"{text!r}: invalid time {hh}:{mm}")
        at = time(int(hh), int(mm))
    return Mode(every, at, DAYS.index(day) if day else 0)


def next_slot(mode: Mode, after: datetime, tz: tzinfo) -> datetime:
    """The first digest time strictly after ``after`` (an aware datetime); immediate: ``after``."""
    if mode.every == IMMEDIATE:
        return after
    local = after.astimezone(tz)
    if mode.every == "hourly":
        return (local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)).astimezone(after.tzinfo)
    step = 1 if mode.every == "daily" else 7
    day = local.date()
    if mode.every == "weekly":
        day = day - timedelta(days=(day.weekday() - mode.day) % 7)
    for _ in range(3):  # this period, the next, and one spare for DST edges
        slot = datetime.combine(day, mode.at, tzinfo=tz)
        if slot > local:
            return slot.astimezone(after.tzinfo)
        day += timedelta(days=step)
    raise AssertionError("unreachable: a later slot always exists")
