"""What the alert modules share: alerts, messages, the sender protocol, redaction, backoff."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Protocol
from urllib.parse import quote

from monitor.environ import DEFAULT_DATASETTE
from monitor.models import Category, ChangeKind

MAX_ATTEMPTS = 8
# Roughly exponential, ~21 h in total: an outage of a day is ridden out, a hiccup costs a minute.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15),
                timedelta(hours=1), timedelta(hours=2), timedelta(hours=6), timedelta(hours=12))
_SLACK_HOOK = re.compile(r"hooks\.slack(?:-gov)?\.com/\S*", re.IGNORECASE)


class MessageKind(StrEnum):
    """How the alerts of one message were put together."""

    SINGLE = "single"  # one immediate alert
    BATCH = "batch"  # several immediate alerts due at once
    DIGEST = "digest"  # an hourly, daily or weekly digest
    SUMMARY = "summary"  # a storm: too many alerts at once, counted instead of listed
    CATCHUP = "catchup"  # alerts that waited longer than the stale limit, folded together
    NOTICE = "notice"  # a note to the operator (dead alerts)
    TEST = "test"  # ``monitor notify --test``


@dataclass(frozen=True)
class Alert:
    """One outbox row joined with its change: what a message tells its reader."""

    alert_id: str
    channel: str
    mode: str
    change_id: int
    company: str
    company_name: str
    source: str
    source_url: str
    field: str
    change: ChangeKind
    category: Category
    old: str | None
    new: str | None
    key: str | None
    url: str | None
    detected_at: str
    due_at: str
    attempts: int = 0
    evidence: str | None = None  # for page text: the changed words, marked [-old-] {+new+}


@dataclass(frozen=True)
class Links:
    """Where readers find the full record: the Datasette instance serving the database."""

    base: str = DEFAULT_DATASETTE
    database: str = "monitor"

    def company(self, slug: str) -> str:
        """The company's page (profile, timeline), served by monitor's Datasette plugin."""
        return f"{self.base.rstrip('/')}/company/{quote(slug, safe='')}"

    def change(self, change_id: int) -> str:
        """One change's row page."""
        return f"{self.base.rstrip('/')}/{quote(self.database)}/changes/{change_id}"

    def recent(self) -> str:
        """The page of recent changes."""
        return f"{self.base.rstrip('/')}/changes"


@dataclass(frozen=True)
class Message:
    """One message to one channel: some alerts, or a plain note (notices, tests)."""

    id: str
    channel: str
    kind: MessageKind
    alerts: tuple[Alert, ...] = ()
    title: str = ""
    text: str = ""
    links: Links = Links()

    @property
    def alert_ids(self) -> tuple[str, ...]:
        """The ids of the alerts this message carries."""
        return tuple(a.alert_id for a in self.alerts)


# Connect + write + read of one message, however the other side drips its answer: one slow
# channel must not hold the outbox's lease (five minutes) or the other channels.
SEND_DEADLINE = 30.0


class Sender(Protocol):
    """A channel's transport. ``send`` returns when delivered, else raises DeliveryError."""

    channel: str
    max_batch: int  # immediate alerts per message
    secrets: tuple[str, ...]  # values to redact from every error text

    async def send(self, message: Message) -> None:
        """Deliver one message."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


def message_id(kind: MessageKind, alert_ids: Iterable[str]) -> str:
    """A stable id for a message: the same alerts retried give the same id (dedup by clients)."""
    ids = sorted(alert_ids)
    if kind is MessageKind.SINGLE and len(ids) == 1:
        return ids[0]
    digest = hashlib.sha256("|".join(ids).encode()).hexdigest()[:16]
    return f"{kind.value[0]}-{digest}"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Remove webhook URLs and every configured secret value from an error text (R40)."""
    for secret in sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, "***")
    return _SLACK_HOOK.sub("hooks.slack.com/***", text)


def backoff(attempts: int, rng: random.Random) -> timedelta:
    """The wait before the next try after ``attempts`` failed ones, jittered by ±20 %."""
    base = RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]
    return base * (0.8 + 0.4 * rng.random())


def clean_line(text: str | None, limit: int = 300) -> str:
    """Scraped text as one line: whitespace and control characters collapsed, length capped."""
    if not text:
        return ""
    flat = " ".join(re.sub(r"[\x00-\x1f\x7f\u0085\u2028\u2029]", " ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
