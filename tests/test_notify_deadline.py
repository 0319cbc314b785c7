"""Every send has a total deadline, and one slow channel never holds back another.

The slow peers here answer the way that defeats per-read timeouts: headers (or an SMTP
greeting) first, then one byte every two seconds, for minutes.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from monitor.models import Category
from monitor.notify import Dispatcher, load_alerts
from monitor.notify.base import Message
from monitor.notify.slack import SlackSender
from monitor.notify.smtp import EmailSender, SmtpSettings
from tests.test_notify_support import (
    T0,
    Clock,
    SlackReceiver,
    change,
    company_db,
    record_changes,
    statuses,
)

DEADLINE = 2.0
GUARD = 60.0  # a hang guard: 30x the deadline; the drip would last ten minutes


@contextmanager
def dripping(first: bytes, every: float = 2.0, total: int = 300) -> Iterator[int]:
    """A TCP peer that sends ``first`` at once, then one byte every ``every`` seconds."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                conn.sendall(first)
                for _ in range(total):
                    if stop.wait(every):
                        return
                    conn.sendall(b"x")
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield int(server.getsockname()[1])
    finally:
        stop.set()
        server.close()


class Timed(SlackSender):
    """A Slack sender that notes when its send gave up."""

    gave_up = float("inf")

    async def send(self, message: Message) -> None:
        try:
            await super().send(message)
        finally:
            self.gave_up = time.monotonic()


SLOW_HEADERS = (b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\n")


async def test_a_dripping_slack_webhook_times_out_and_the_other_channel_still_delivers(
        tmp_path: Path) -> None:
    # "a-slow" sorts first: sent one channel after the other, it would go first and hold "b-fast"
    (tmp_path / "alerts.yaml").write_text(
        "channels:\n  slack:a-slow: {min_interval: 0}\n  slack:b-fast: {min_interval: 0}\n")
    config = load_alerts(tmp_path / "alerts.yaml")
    db = company_db(tmp_path)
    record_changes(db, [change("acme", "email", None, f"s{i}@acme.example", Category.CONTACT)
                        for i in range(30)], T0, config.route)
    with dripping(SLOW_HEADERS) as port, SlackReceiver() as fast:
        slow = Timed("slack:a-slow", f"http://127.0.0.1:{port}/services/T/B/slowtoken",
                     min_interval=0, deadline=DEADLINE)
        senders = {"slack:a-slow": slow, "slack:b-fast": SlackSender(
            "slack:b-fast", fast.url(), min_interval=0, deadline=DEADLINE)}
        started = time.monotonic()
        async with Dispatcher(db, config, clock=Clock(T0), senders=senders) as dispatcher:
            report = await asyncio.wait_for(dispatcher.tick(), GUARD)
        took = time.monotonic() - started
    assert report.sent == 30 and report.retrying == 30
    # the fast channel was served while the slow send was still waiting for its bytes
    assert fast.requests and fast.requests[0].at < slow.gave_up
    assert statuses(db) == {"sent": 30, "pending": 30}
    [error] = {r[0] for r in db.execute(
        "SELECT last_error FROM outbox WHERE channel = 'slack:a-slow'")}
    assert "did not answer within 2 s" in error and "slowtoken" not in error
    assert took < GUARD


async def test_a_dripping_smtp_server_times_out_and_its_worker_thread_ends(tmp_path: Path) -> None:
    (tmp_path / "alerts.yaml").write_text("channels:\n  email:team: {to: [t@example.org]}\n")
    config = load_alerts(tmp_path / "alerts.yaml")
    db = company_db(tmp_path)
    record_changes(db, [change("acme", "phone", None, "+1 555 0100", Category.CONTACT)], T0,
                   config.route)
    before = threading.active_count()
    with dripping(b"220-slow.example greeting", every=1.0) as port:
        settings = SmtpSettings(host="127.0.0.1", port=port, sender="m@example.org", tls="none")
        senders = {"email:team": EmailSender("email:team", settings, ("t@example.org",),
                                             deadline=DEADLINE)}
        async with Dispatcher(db, config, clock=Clock(T0), senders=senders) as dispatcher:
            report = await asyncio.wait_for(dispatcher.tick(), GUARD)
        assert report.retrying == 1
        error = db.execute("SELECT last_error FROM outbox").fetchone()[0]
        assert "did not finish within 2 s" in error
        # The socket was shut, so the blocked smtplib thread returns instead of dripping on.
        for _ in range(int(GUARD * 10)):
            if threading.active_count() <= before + 2:  # the drip server's own threads
                break
            await asyncio.sleep(0.1)
        assert threading.active_count() <= before + 2


async def test_the_dispatcher_bounds_a_sender_that_never_returns(tmp_path: Path) -> None:
    (tmp_path / "alerts.yaml").write_text("channels:\n  slack:team: {min_interval: 0}\n")
    config = load_alerts(tmp_path / "alerts.yaml")
    db = company_db(tmp_path)
    record_changes(db, [change("acme", "phone", None, "+1 555 0100", Category.CONTACT)], T0,
                   config.route)

    class Stuck:
        channel, max_batch, secrets = "slack:team", 10, ()

        async def send(self, message: object) -> None:
            await asyncio.sleep(3600)

        async def aclose(self) -> None:
            pass

    async with Dispatcher(db, config, clock=Clock(T0), senders={"slack:team": Stuck()},
                          send_deadline=DEADLINE) as dispatcher:
        report = await asyncio.wait_for(dispatcher.tick(), GUARD)
    assert report.retrying == 1
    assert "no answer within 2 s" in db.execute("SELECT last_error FROM outbox").fetchone()[0]
