"""Storage faults under real checks (F1 disk full, F2 a long reader in WAL mode)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from monitor.errors import StoreError
from monitor.models import Outcome
from tests.reliability_harness import Monitor, Pages, page_a, page_b

STATE = "SELECT status, etag, body_hash, next_due_at, baseline_at, last_checked_at FROM sources"


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` through a connection of its own."""
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def counts(mon: Monitor) -> tuple[int, ...]:
    return tuple(mon.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("checks", "changes", "outbox", "snapshots", "facts"))


async def test_F1_disk_full_fails_the_check_cleanly_and_the_retry_records_it(
        tmp_path: Path, site: Pages) -> None:
    """SQLITE_FULL mid-commit: nothing half-written, the database intact, the redo complete."""
    pages = site
    pages.set(page_a())
    mon = Monitor(tmp_path, pages.url, confirm=1)
    await mon.check()
    before, state, facts = counts(mon), mon.db.execute(STATE).fetchone(), mon.facts()
    pages.set(page_b())
    pages_now = mon.db.execute("PRAGMA page_count").fetchone()[0]
    mon.db.execute(f"PRAGMA max_page_count = {pages_now}")  # the disk is full from here on
    with pytest.raises((sqlite3.OperationalError, StoreError), match="full"):
        await mon.check()
    assert not mon.db.conn.in_transaction
    assert integrity(mon.db_path) == "ok"
    assert counts(mon) == before and mon.db.execute(STATE).fetchone() == state
    assert mon.facts() == facts
    mon.db.execute("PRAGMA max_page_count = 1073741823")  # space again
    assert (await mon.check()).outcome is Outcome.OK
    changes = mon.profile_changes()
    assert ("email", "modified", "support@adopte.app", "help@adopte.app") in changes
    assert mon.orphans() == 0 and integrity(mon.db_path) == "ok"


async def test_F2_long_reader_does_not_block_the_writer(
        tmp_path: Path, site: Pages) -> None:
    """A reader holding a snapshot (a long Datasette query) while checks write: WAL keeps both
    going; the reader sees its snapshot; after it ends, the WAL is checkpointed to nothing."""
    pages = site
    pages.set(page_a())
    mon = Monitor(tmp_path, pages.url, confirm=1)
    await mon.check()
    reader = sqlite3.connect(mon.db_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        seen = reader.execute("SELECT count(*) FROM checks").fetchone()[0]
        for body in (page_b(), page_a(), page_b()):
            pages.set(body)
            assert (await mon.check()).outcome is Outcome.OK  # a blocked writer fails at busy_timeout
        assert len(mon.profile_changes()) >= 3
        assert reader.execute("SELECT count(*) FROM checks").fetchone()[0] == seen
        _busy, log, done = mon.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert log > 0 and done < log  # the reader pins frames: the WAL cannot be emptied yet
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert mon.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone() == (0, 0, 0)
    assert Path(f"{mon.db_path}-wal").stat().st_size == 0
    assert integrity(mon.db_path) == "ok" and mon.orphans() == 0
