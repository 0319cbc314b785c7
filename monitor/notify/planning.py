"""Turning the alerts claimed in one pass into messages. Pure.

Per channel: alerts that waited past the stale limit fold into one catch-up message; due
digests become one message per digest mode; immediate alerts go out in batches, unless more
than the storm threshold arrived within the storm window: then one summary, and later
arrivals in the same window wait for the next summary instead of flooding the channel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.clock import iso, parse_iso
from monitor.notify.base import Alert, Links, Message, MessageKind, message_id
from monitor.notify.modes import IMMEDIATE, parse_mode
from monitor.notify.outbox import StormState


@dataclass(frozen=True)
class Policy:
    """The limits planning applies."""

    storm_threshold: int = 20
    storm_window: timedelta = timedelta(minutes=10)
    stale_before: str | None = None  # alerts first due before this fold into a catch-up


@dataclass(frozen=True)
class Plan:
    """What one pass sends, and which claimed alerts wait (``until`` per alert id)."""

    messages: tuple[Message, ...] = ()
    deferred: tuple[tuple[str, str], ...] = ()

    @property
    def folded(self) -> int:
        """Alerts folded into catch-up messages."""
        return sum(len(m.alerts) for m in self.messages if m.kind is MessageKind.CATCHUP)


def plan(alerts: Sequence[Alert], policy: Policy, storms: Mapping[str, StormState],
         max_batch: Mapping[str, int], links: Links) -> Plan:
    """Group claimed alerts into messages per channel, applying stale and storm rules."""
    messages: list[Message] = []
    deferred: list[tuple[str, str]] = []
    for channel in sorted({a.channel for a in alerts}):
        mine = [a for a in alerts if a.channel == channel]
        stale = [a for a in mine if policy.stale_before and a.due_at < policy.stale_before]
        if stale:
            messages.append(_message(channel, MessageKind.CATCHUP, stale, "Catch-up", links))
        folded = {a.alert_id for a in stale}
        rest = [a for a in mine if a.alert_id not in folded]
        for mode in sorted({a.mode for a in rest if a.mode != IMMEDIATE}):
            group = [a for a in rest if a.mode == mode]
            messages.append(_message(channel, MessageKind.DIGEST, group, _label(mode), links))
        now_due = sorted((a for a in rest if a.mode == IMMEDIATE),
                         key=lambda a: (a.company, a.source, a.change_id))
        sent, wait = _immediates(channel, now_due, policy, storms.get(channel, StormState()),
                                 max_batch.get(channel, 10), links)
        messages.extend(sent)
        deferred.extend(wait)
    return Plan(tuple(messages), tuple(deferred))


def _immediates(channel: str, alerts: list[Alert], policy: Policy, storm: StormState,
                batch: int, links: Links) -> tuple[list[Message], list[tuple[str, str]]]:
    if not alerts:
        return [], []
    if storm.last_summary_at:  # a storm is on: hold everything until its window closes
        until = iso(parse_iso(storm.last_summary_at) + policy.storm_window)
        return [], [(a.alert_id, until) for a in alerts]
    if len(alerts) + storm.recent > policy.storm_threshold:
        return [_message(channel, MessageKind.SUMMARY, alerts, "Many changes at once", links)], []
    chunks = [alerts[i:i + max(batch, 1)] for i in range(0, len(alerts), max(batch, 1))]
    return [_message(channel, MessageKind.SINGLE if len(c) == 1 else MessageKind.BATCH, c, "",
                     links) for c in chunks], []


def _message(channel: str, kind: MessageKind, alerts: list[Alert], title: str,
             links: Links) -> Message:
    return Message(id=message_id(kind, (a.alert_id for a in alerts)), channel=channel, kind=kind,
                   alerts=tuple(alerts), title=title, links=links)


def _label(mode: str) -> str:
    try:
        return parse_mode(mode).label
    except ValueError:
        return "Digest"


def stale_cutoff(now: datetime, stale_after: timedelta) -> str:
    """Alerts first due before this are stale."""
    return iso(now - stale_after)
