"""The dispatcher: one pass over the outbox (claim, plan, send, mark), at-least-once (R36).

Every database step is a short ``BEGIN IMMEDIATE`` transaction with no ``await`` inside, so
the daemon's checks can share the connection. A crash at any point loses nothing: claimed rows
come back when their lease expires; a message is re-sent only if the crash fell between its
send and the commit marking it sent (its id lets readers spot the duplicate).
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from monitor.clock import iso
from monitor.environ import DATASETTE_URL, DEFAULT_DATASETTE
from monitor.errors import DeliveryError
from monitor.notify import notices, outbox
from monitor.notify.base import (
    SEND_DEADLINE,
    Links,
    Message,
    MessageKind,
    Sender,
    backoff,
    clean_line,
    redact,
)
from monitor.notify.planning import Plan, Policy, plan, stale_cutoff
from monitor.notify.routing import AlertConfig
from monitor.notify.senders import build_senders, env_secrets
from monitor.settings import Settings
from monitor.store import queue
from monitor.store.db import write

log = logging.getLogger("monitor.notify")
LEASE = timedelta(minutes=5)
MAX_PACING = 35.0  # a sender may wait out a short rate limit before it sends


@dataclass(frozen=True)
class DispatchReport:
    """What one pass did."""

    requeued: int = 0  # rows whose lease had expired (a dispatcher died)
    claimed: int = 0
    messages: int = 0  # messages delivered
    sent: int = 0  # alerts delivered
    retrying: int = 0
    dead: int = 0
    deferred: int = 0  # held back by a storm
    folded: int = 0  # stale alerts folded into catch-up messages
    notices: int = 0
    waiting: Mapping[str, int] = field(default_factory=dict)  # due alerts of channels that are off

    def __str__(self) -> str:
        parts = [f"sent {self.sent} alert(s) in {self.messages} message(s)"]
        parts += [f"{n} {what}" for n, what in (
            (self.retrying, "to retry"), (self.dead, "dead"), (self.deferred, "held back"),
            (self.folded, "folded into a catch-up"), (self.requeued, "requeued after a crash"),
            (self.notices, "operator notice(s)")) if n]
        parts += [f"{n} waiting for {ch} (off)" for ch, n in sorted(self.waiting.items())]
        return "; ".join(parts)


class Dispatcher:
    """Sends what the outbox holds; ``tick`` is one pass (the daemon calls it every ~30 s)."""

    def __init__(self, db: Database, config: AlertConfig, *, clock: Callable[[], datetime],
                 senders: Mapping[str, Sender] | None = None,
                 crash: Callable[[str], None] | None = None,
                 env: Mapping[str, str] | None = None, rng: random.Random | None = None,
                 send_deadline: float = SEND_DEADLINE + MAX_PACING) -> None:
        env = Settings.from_env().env if env is None else env  # the command passes its own
        self.off: dict[str, str] = {}
        if senders is None:
            senders, self.off = build_senders(config, env)
        self.db, self.config, self.senders = db, config, dict(senders)
        self._clock, self._crash_hook, self._rng = clock, crash, rng or random.Random()
        self._secrets = (*env_secrets(env), *(s for x in self.senders.values() for s in x.secrets))
        self._links = Links(env.get(DATASETTE_URL) or DEFAULT_DATASETTE, _db_name(db))
        self._slot = outbox.slot_function(config.timezone)
        self._first = True
        self.send_deadline = send_deadline
        self._warned: set[str] = set()

    async def tick(self) -> DispatchReport:
        """One pass: requeue expired leases, claim due rows, send, mark sent, retry or dead."""
        now = self._clock()
        with write(self.db) as conn:
            if self.config.configured:  # changes recorded while no routing was in force
                queue.route_waiting(conn, self.config.route, iso(now))
            requeued, dead = outbox.requeue_expired(conn, iso(now), self.config.max_attempts)
            notices.requeue_expired(conn, iso(now))
            outbox.schedule(conn, self._slot)
        self._crash("after_requeue")
        work, claimed = self._claim(now)
        self._crash("after_claim")
        counts: Counter[str] = Counter(dead=dead)
        by_channel: dict[str, list[Message]] = {}
        for message in work.messages:
            by_channel.setdefault(message.channel, []).append(message)
        # Channels in parallel: one slow channel never holds back the others.
        started = time.monotonic()
        await asyncio.gather(*(self._deliver_channel(messages, counts, started, now)
                               for messages in by_channel.values()))
        await self._send_notices(counts)
        self._first = False
        return DispatchReport(
            requeued=requeued, claimed=claimed, messages=counts["messages"], sent=counts["sent"],
            retrying=counts["retrying"], dead=counts["dead"],
            deferred=len(work.deferred) + counts["released"],
            folded=work.folded, notices=counts["notices"], waiting=self._waiting(now))

    def _claim(self, now: datetime) -> tuple[Plan, int]:
        window = self.config.storm_window
        stale = stale_cutoff(now, self.config.stale_after) if self._first else None
        policy = Policy(self.config.storm_threshold, window, stale)
        with write(self.db) as conn:
            alerts = outbox.claim(conn, self.senders, iso(now), iso(now + LEASE))
            storms = {ch: outbox.storm_state(conn, ch, iso(now - window))
                      for ch in {a.channel for a in alerts}}
            batches = {name: sender.max_batch for name, sender in self.senders.items()}
            work = plan(alerts, policy, storms, batches, self._links)
            outbox.defer(conn, work.deferred)
        return work, len(alerts)

    async def _deliver_channel(self, messages: list[Message], counts: Counter[str],
                               started: float, now: datetime) -> None:
        """One channel's messages in order; after a failure the rest wait for its retry time."""
        retry_at: str | None = None
        for message in messages:
            if retry_at is not None:  # failed already in this pass: do not hammer it
                self._release(message, retry_at, counts)
            elif time.monotonic() - started > LEASE.total_seconds() / 2:
                self._release(message, iso(now), counts)  # finish well inside the lease
            else:
                retry_at = await self._deliver(message, counts)

    async def _send(self, message: Message) -> None:
        """One send, bounded whatever the sender does (its own deadline plus pacing)."""
        try:
            async with asyncio.timeout(self.send_deadline):
                await self.senders[message.channel].send(message)
        except TimeoutError:
            raise DeliveryError(f"no answer within {self.send_deadline:.0f} s (timeout)") from None

    async def _deliver(self, message: Message, counts: Counter[str]) -> str | None:
        """Send one message; on failure, the time its channel may be tried again."""
        try:
            await self._send(message)
        except DeliveryError as exc:
            return self._failed(message, exc, counts)
        except Exception as exc:  # a sender bug costs a retry, never the dispatcher
            log.exception("alert channel %s: sender failed", message.channel)
            return self._failed(message, DeliveryError(f"internal error: {type(exc).__name__}"),
                                counts)
        self._crash("after_send")
        with write(self.db) as conn:
            outbox.mark_sent(conn, message.alert_ids, message.id, message.kind.value,
                             iso(self._clock()))
            self._crash("before_mark")
        self._crash("after_mark")
        counts.update(messages=1, sent=len(message.alerts))
        return None

    def _release(self, message: Message, until: str, counts: Counter[str]) -> None:
        """Hand a message's alerts back unsent; no attempt is counted."""
        with write(self.db) as conn:
            outbox.defer(conn, [(a, until) for a in message.alert_ids])
        counts.update(released=len(message.alerts))

    def _failed(self, message: Message, exc: DeliveryError, counts: Counter[str]) -> str:
        error = clean_line(redact(str(exc), self._secrets), 300)
        now = self._clock()
        used_up = [a for a in message.alerts if exc.permanent or a.attempts >= self.config.max_attempts]
        dead_ids = {a.alert_id for a in used_up}
        # one delay for the whole message, so its alerts stay together on the next try
        attempts = max((a.attempts for a in message.alerts), default=1)
        wait = max(backoff(attempts, self._rng), timedelta(seconds=exc.retry_after or 0))
        retries = [(a.alert_id, iso(now + wait)) for a in message.alerts
                   if a.alert_id not in dead_ids]
        reason = error if exc.permanent else f"gave up after {self.config.max_attempts} attempts: {error}"
        with write(self.db) as conn:
            outbox.mark_retry(conn, retries, error)
            outbox.mark_dead(conn, dead_ids, reason)
            if dead_ids:
                self._notify_operator(conn, message.channel, len(dead_ids), reason, iso(now))
        log.warning("alert channel %s: %s (%d to retry, %d dead)", message.channel, error,
                    len(retries), len(dead_ids))
        counts.update(retrying=len(retries), dead=len(dead_ids))
        return iso(now + wait)

    def _notify_operator(self, conn: sqlite3.Connection, channel: str, n: int, reason: str,
                         now: str) -> None:
        operator = self.config.operator
        if not operator or operator == channel:
            log.error("alert channel %s: %d alert(s) set aside as dead: %s", channel, n, reason)
            return
        subject = f"{n} alert(s) to {channel} could not be delivered"
        body = (f"{n} alert(s) to {channel} were set aside: {reason}\nFix the channel, then run:"
                f" monitor notify --retry-dead {channel}")
        notices.add(conn, operator, subject, body, now)

    async def _send_notices(self, counts: Counter[str]) -> None:
        now = self._clock()
        with write(self.db) as conn:
            due = notices.claim(conn, sorted(self.senders), iso(now), iso(now + LEASE))
        for notice in due:
            message = Message(id=f"n-{notice.id}", channel=notice.channel, kind=MessageKind.NOTICE,
                              title=notice.subject, text=notice.body, links=self._links)
            status, error, next_at = "sent", None, None
            try:
                await self._send(message)
                counts.update(notices=1)
            except DeliveryError as exc:
                error = clean_line(redact(str(exc), self._secrets), 300)
                give_up = exc.permanent or notice.attempts >= self.config.max_attempts
                status = "dead" if give_up else "pending"
                next_at = iso(self._clock() + backoff(notice.attempts, self._rng))
                log.error("operator channel %s: notice not delivered: %s", notice.channel, error)
            with write(self.db) as conn:
                notices.finish(conn, notice.id, status, iso(self._clock()), error, next_at)

    def _waiting(self, now: datetime) -> dict[str, int]:
        held = {ch: n for ch, n in outbox.waiting(self.db.conn, iso(now)).items()
                if ch not in self.senders}
        for channel in held.keys() - self._warned:
            why = self.off.get(channel, "not in alerts.yaml")
            log.warning("%d alert(s) wait for channel %s, which is off: %s", held[channel], channel, why)
        self._warned |= held.keys()
        return held

    def _crash(self, point: str) -> None:
        if self._crash_hook:
            self._crash_hook(point)

    async def aclose(self) -> None:
        """Close the senders' connections."""
        for sender in self.senders.values():
            await sender.aclose()

    async def __aenter__(self) -> Dispatcher:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()


def _db_name(db: Database) -> str:
    """Datasette names a database after its file: ``db/monitor.db`` → ``monitor``."""
    for _, name, path in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and path:
            return Path(path).stem
    return "monitor"
