"""The outbox as a state machine (Hypothesis): changes, passes, failures, crashes, restarts.

Invariants: every change has one outbox row per routed channel; nothing is marked sent without
having been sent; an alert is delivered more than once only when a crash fell between a send of
it and the commit; once the channels work again, everything not dead gets delivered.
The transport here is an in-memory sender: the real ones are tested against real servers.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from monitor.errors import DeliveryError
from monitor.models import Category
from monitor.notify import AlertConfig, ChannelConfig, Dispatcher, Message
from monitor.notify.routing import default_routes
from tests.test_notify_support import T0, Clock, change, company_db, record_changes

CHANNELS = {name: ChannelConfig(name) for name in ("slack:a", "slack:b")}
CONFIG = AlertConfig(channels=MappingProxyType(CHANNELS), routes=default_routes(CHANNELS, None),
                     storm_threshold=6)
POINTS = ("after_requeue", "after_claim", "after_send", "before_mark", "after_mark")


class Crash(BaseException):
    """A simulated process death (BaseException: nothing in the dispatcher may catch it)."""


class MemorySender:
    """Records every delivered message; fails on command."""

    max_batch = 3
    secrets: tuple[str, ...] = ()

    def __init__(self, channel: str, machine: OutboxMachine) -> None:
        self.channel = channel
        self.machine = machine

    async def send(self, message: Message) -> None:
        mode = self.machine.failure
        if mode == "transient":
            raise DeliveryError("HTTP 503")
        if mode == "permanent":
            self.machine.permanent_seen.update(message.alert_ids)
            raise DeliveryError("HTTP 404 no_service", permanent=True)
        if mode == "retry_after":
            raise DeliveryError("HTTP 429", retry_after=90)
        self.machine.deliveries.update(message.alert_ids)
        self.machine.last_sent = message.alert_ids

    async def aclose(self) -> None:
        pass


class OutboxMachine(RuleBasedStateMachine):
    """Random interleavings of recording, dispatching, failing and crashing."""

    def __init__(self) -> None:
        super().__init__()
        shm = Path("/dev/shm")
        self.dir = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
        self.db = company_db(self.dir)
        self.clock = Clock(T0)
        self.failure = "ok"
        self.deliveries: Counter[str] = Counter()
        self.at_risk: Counter[str] = Counter()  # alerts sent just before a crash, not yet marked
        self.permanent_seen: set[str] = set()
        self.last_sent: tuple[str, ...] = ()
        self.serial = 0

    def teardown(self) -> None:
        try:
            self.recover_and_drain()  # every run ends with working channels: nothing may be left
        finally:
            self.db.conn.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    def dispatcher(self, crash: object = None) -> Dispatcher:
        senders = {name: MemorySender(name, self) for name in CHANNELS}
        return Dispatcher(self.db, CONFIG, clock=self.clock, senders=senders, crash=crash)  # type: ignore[arg-type]

    @initialize()
    def start(self) -> None:
        self.clock.now = T0

    @rule(n=st.integers(1, 5), digest=st.booleans(), slug=st.sampled_from(["acme", "ispace"]))
    def record(self, n: int, digest: bool, slug: str) -> None:
        self.serial += 1
        category = Category.NEWS if digest else Category.CONTACT
        found = [change(slug, "news" if digest else "email", None, f"v{self.serial}-{i}",
                        category, key=f"k{self.serial}-{i}") for i in range(n)]
        record_changes(self.db, found, self.clock.now, CONFIG.route)

    @rule(minutes=st.sampled_from([1, 3, 6, 30, 180, 1440]))
    def advance(self, minutes: int) -> None:
        self.clock.now += timedelta(minutes=minutes)

    @rule(mode=st.sampled_from(["ok", "ok", "transient", "permanent", "retry_after"]))
    def set_failure(self, mode: str) -> None:
        self.failure = mode

    @rule()
    def dispatch(self) -> None:
        asyncio.run(self._tick(self.dispatcher()))

    @rule(point=st.sampled_from(POINTS), nth=st.integers(1, 3))
    def crash_and_restart(self, point: str, nth: int) -> None:
        seen = Counter[str]()

        def crash(name: str) -> None:
            seen[name] += 1
            if name == point and seen[name] == nth:
                if name in ("after_send", "before_mark"):
                    self.at_risk.update(self.last_sent)
                raise Crash(name)

        with contextlib.suppress(Crash):
            asyncio.run(self._tick(self.dispatcher(crash)))

    @rule()
    def recover_and_drain(self) -> None:
        self.failure = "ok"
        for _ in range(3):
            self.clock.now += timedelta(days=2)
            asyncio.run(self._tick(self.dispatcher()))
        rows = self.db.execute("SELECT alert_id, status FROM outbox").fetchall()
        assert all(status in ("sent", "dead") for _, status in rows), rows
        assert all(self.deliveries[a] >= 1 for a, status in rows if status == "sent")

    async def _tick(self, dispatcher: Dispatcher) -> None:
        async with dispatcher:
            await dispatcher.tick()

    @invariant()
    def every_change_has_its_alerts(self) -> None:
        missing = self.db.execute(
            "SELECT count(*) FROM changes c WHERE (SELECT count(*) FROM outbox o"
            " WHERE o.change_id = c.id) != 2").fetchone()[0]
        assert missing == 0

    @invariant()
    def nothing_sent_without_a_send(self) -> None:
        for (alert_id,) in self.db.execute("SELECT alert_id FROM outbox WHERE status = 'sent'"):
            assert self.deliveries[alert_id] >= 1

    @invariant()
    def duplicates_only_after_a_crash_in_the_send_window(self) -> None:
        for alert_id, n in self.deliveries.items():
            assert n - 1 <= self.at_risk[alert_id], (alert_id, n, self.at_risk[alert_id])

    @invariant()
    def dead_only_for_a_reason(self) -> None:
        for alert_id, attempts in self.db.execute(
                "SELECT alert_id, attempts FROM outbox WHERE status = 'dead'"):
            assert alert_id in self.permanent_seen or attempts >= CONFIG.max_attempts


OutboxMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_outbox_state_machine = OutboxMachine.TestCase
