"""The one lease queue under the outbox and the operator notices: claim, requeue, finish."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.notify import notices, outbox
from monitor.notify.lease import LeaseQueue
from monitor.store.db import write
from tests.test_notify_support import company_db

NOW, LATER, MUCH_LATER = "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z"


def test_outbox_and_notices_share_one_lease_queue() -> None:
    assert isinstance(outbox.QUEUE, LeaseQueue) and isinstance(notices.QUEUE, LeaseQueue)
    assert (outbox.QUEUE.table, notices.QUEUE.table) == ("outbox", "notices")


def test_a_notice_whose_lease_expired_comes_back_and_a_late_finish_is_ignored(tmp_path: Path) -> None:
    db = company_db(tmp_path)
    with write(db) as conn:
        notices.add(conn, "slack:ops", "s", "b", NOW)
        first = notices.claim(conn, ["slack:ops"], NOW, LATER)
        assert [n.attempts for n in first] == [1]
        assert notices.claim(conn, ["slack:ops"], NOW, LATER) == []  # held
        assert notices.requeue_expired(conn, MUCH_LATER) == 1
        again = notices.claim(conn, ["slack:ops"], MUCH_LATER, "2026-01-01T00:15:00Z")
        assert [n.attempts for n in again] == [2]
        notices.finish(conn, again[0].id, "sent", MUCH_LATER)
        notices.finish(conn, first[0].id, "pending", MUCH_LATER, "late", NOW)  # not held: no effect
        row = conn.execute("SELECT status, sent_at, last_error, lease_until FROM notices").fetchone()
    assert row == ("sent", MUCH_LATER, None, None)


def test_a_held_row_only_goes_to_a_known_status(tmp_path: Path) -> None:
    db = company_db(tmp_path)
    with write(db) as conn, pytest.raises(ValueError, match="status"):
        notices.QUEUE.finish(conn, "sending'; DROP TABLE notices; --", [(1,)])
