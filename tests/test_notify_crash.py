"""F4: the dispatcher killed (os._exit) at each step, in a real subprocess, then restarted.

Nothing is lost; a message is sent twice only when the kill fell between its send and the
commit that marks it sent: at most one message per channel (channels send side by side).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.clock import iso
from monitor.models import Category
from monitor.notify import Dispatcher, load_alerts
from tests.test_notify_support import (
    T0,
    Clock,
    SlackReceiver,
    SmtpSink,
    change,
    company_db,
    counts,
    record_changes,
    smtp_env,
)

CHILD = """
import asyncio, os, sys
from pathlib import Path
from monitor.notify import Dispatcher, load_alerts
from monitor.store.db import open_db
from monitor.clock import parse_iso

db_path, alerts_path, now, point, nth = sys.argv[1:6]
seen = 0

def crash(name):
    global seen
    if name == point:
        seen += 1
        if seen == int(nth):
            os._exit(137)

async def main():
    config = load_alerts(Path(alerts_path))
    async with Dispatcher(open_db(db_path), config, clock=lambda: parse_iso(now), crash=crash) as d:
        await d.tick()

asyncio.run(main())
sys.exit(3)  # the crash point was never reached
"""

ALERTS = """
channels:
  slack:team: {min_interval: 0}
  email:team: {to: [team@example.org]}
storm: {threshold: 100}
"""
# Email (one batch of 25) and Slack (batches of 10, 10, 5) go out side by side; the kill comes
# at the second occurrence of its point: after one message, on either channel, was sent.
POINTS = {"after_requeue": 0, "after_claim": 0, "after_send": 1, "before_mark": 1, "after_mark": 0}
# (the least number of duplicated messages; a kill duplicates at most one per channel)


@pytest.mark.parametrize("point", list(POINTS))
async def test_F4_dispatcher_crash_points_lose_nothing(tmp_path: Path, point: str) -> None:
    db = company_db(tmp_path)
    alerts_path = tmp_path / "alerts.yaml"
    alerts_path.write_text(ALERTS)
    config = load_alerts(alerts_path)
    record_changes(db, [change(s, "link.x", f"https://x.com/{s}{i}", f"https://x.com/{s}{i}b",
                               Category.LINKS) for s in ("acme", "ispace") for i in range(13)][:25],
                   T0, config.route)
    generated = {ch: [r[0] for r in db.execute("SELECT alert_id FROM outbox WHERE channel = ?", [ch])]
                 for ch in ("slack:team", "email:team")}
    nth = "1" if point in ("after_requeue", "after_claim") else "2"
    with SlackReceiver() as slack, SmtpSink() as smtp:
        env = {**smtp_env(smtp.port), "MONITOR_SLACK_WEBHOOK_TEAM": slack.url(),
               "MONITOR_ALLOW_PRIVATE": "1"}
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(tmp_path / "monitor.db"), str(alerts_path), iso(T0),
             point, nth], env={**os.environ, **env}, capture_output=True, timeout=60)
        assert child.returncode == 137, child.stderr.decode()[-2000:]
        after_crash = len(slack.requests) + len(smtp.messages)
        left_sending = db.execute(  # back in the queue at restart
            "SELECT count(*) FROM outbox WHERE status = 'sending'").fetchone()[0]
        clock = Clock(T0 + timedelta(minutes=10))  # past the 5-minute lease
        async with Dispatcher(db, config, clock=clock, env=env) as restarted:
            first = await restarted.tick()
            again = await restarted.tick()
    messages = [r.body["blocks"][-1]["elements"][0]["text"] for r in slack.requests]
    messages += [str(m["Message-ID"]) for m in smtp.messages]
    duplicate_messages = sum(n - 1 for n in Counter(messages).values())
    figures = {"point": point, "sent_before_kill": after_crash, "requeued": first.requeued,
               **{f"slack_{k}": v for k, v in counts(generated["slack:team"], slack.delivered()).items()},
               **{f"email_{k}": v for k, v in counts(generated["email:team"], smtp.delivered()).items()},
               "duplicate_messages": duplicate_messages}
    print(f"F4 {figures}")
    assert figures["slack_lost"] == figures["email_lost"] == 0
    assert figures["slack_delivered"] == figures["email_delivered"] == 25
    # only a kill between a send and its mark duplicates: the message of each channel in flight
    assert POINTS[point] <= duplicate_messages <= (0 if point in ("after_requeue", "after_claim") else 2)
    assert figures["email_duplicated"] in (0, 25) and figures["slack_duplicated"] in (0, 5, 10)
    assert first.requeued == left_sending and again.claimed == 0
    if point == "after_claim":
        assert left_sending == 50
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall() == [("sent", 50)]
    assert db.execute("SELECT count(*) FROM changes c WHERE (SELECT count(*) FROM outbox o"
                      " WHERE o.change_id = c.id) != 2").fetchone()[0] == 0
