"""The store: migrations, config mirroring, one-transaction recording, outbox rows."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.diff import diff
from monitor.errors import StoreError
from monitor.models import (
    Category,
    CheckResult,
    Company,
    Fact,
    Fetched,
    Item,
    ItemState,
    Outcome,
    Rebase,
    Source,
    State,
)
from monitor.store.db import check_integrity, open_db, write
from monitor.store.record import record
from monitor.store.state import item_states, load_state, source_row
from monitor.store.sync import sync_config

NOW = "2026-11-24T10:00:00Z"
LATER = "2026-11-24T11:00:00Z"
SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=3600, confirm=1)
ACME = Company(slug="acme", name="ACME", sources=(SRC,))


def result_for(db_path: Path, facts: list[Fact], items: list[Item] = (), now: str = NOW) -> CheckResult:  # type: ignore[assignment]
    db = open_db(db_path)
    row = source_row(db, SRC.id)
    assert row is not None
    state = load_state(db, SRC.id, baseline=row.baseline_at is None)
    d = diff(SRC, state, facts, items, [], now=now, item_category=Category.NEWS)
    fetched = Fetched(url=SRC.url, final_url=SRC.url, outcome=Outcome.OK, status=200,
                      body=b"<html>" + repr(facts).encode() + b"</html>", etag='"e1"')
    return CheckResult(source=SRC, fetched=fetched, outcome=Outcome.OK, started_at=now, ms=5.0,
                       next_due_at=LATER, body_hash=f"h{len(facts)}", diff=d,
                       stored_items=state.items)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "monitor.db"
    sync_config(open_db(path), [ACME], NOW)
    return path


def test_baseline_then_change_with_outbox_rows(db_path: Path) -> None:
    db = open_db(db_path)
    record(db, result_for(db_path, [Fact("email", "a@acme.example")]), NOW)
    assert db.execute("SELECT count(*) FROM changes").fetchone()[0] == 0
    assert source_row(db, SRC.id).baseline_at == NOW  # type: ignore[union-attr]
    route = lambda change: [("slack:team", "immediate"), ("email:ops", "digest:daily")]  # noqa: E731
    record(db, result_for(db_path, [Fact("email", "b@acme.example")], now=LATER), LATER, route=route)
    changes = db.execute("SELECT id, field, change, old, new, category FROM changes").fetchall()
    assert [c[1:] for c in changes] == [("email", "modified", "a@acme.example", "b@acme.example", "contact")]
    outbox = db.execute("SELECT change_id, channel, mode, status FROM outbox ORDER BY channel").fetchall()
    assert outbox == [(changes[0][0], "email:ops", "digest:daily", "pending"),
                      (changes[0][0], "slack:team", "immediate", "pending")]
    facts = db.execute("SELECT value, first_seen, last_seen FROM facts").fetchall()
    assert facts == [("b@acme.example", LATER, LATER)]


def test_crash_inside_transaction_leaves_nothing(db_path: Path) -> None:
    """F4 (in_transaction): a kill mid-write loses the check, never half of it."""
    db = open_db(db_path)

    def crash(point: str) -> None:
        if point == "in_transaction":
            raise KeyboardInterrupt(point)

    with pytest.raises(KeyboardInterrupt):
        record(db, result_for(db_path, [Fact("email", "a@acme.example")]), NOW, crash=crash)
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
    assert other.execute("SELECT count(*) FROM facts").fetchone()[0] == 0
    assert other.execute("SELECT baseline_at FROM sources").fetchone()[0] is None
    check_integrity(db)


def test_write_visible_to_second_connection(db_path: Path) -> None:
    db = open_db(db_path)
    record(db, result_for(db_path, [Fact("phone", "+4940123456")]), NOW)
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT value FROM facts").fetchall() == [("+4940123456",)]
    assert other.execute("SELECT etag, status FROM sources").fetchone() == ('"e1"', "ok")


def test_items_and_full_text_search(db_path: Path) -> None:
    db = open_db(db_path)
    first = [Item(key="1", title="ispace lands on the Moon", url="https://acme.example/1")]
    record(db, result_for(db_path, [Fact("name", "ACME")], first), NOW)
    second = [*first, Item(key="2", title="New CFO appointed", url="https://acme.example/2")]
    record(db, result_for(db_path, [Fact("name", "ACME")], second, now=LATER), LATER)
    hits = db.execute("SELECT title FROM items WHERE rowid IN "
                      "(SELECT rowid FROM items_fts WHERE items_fts MATCH 'CFO')").fetchall()
    assert hits == [("New CFO appointed",)]
    changes = db.execute("SELECT rowid FROM changes_fts WHERE changes_fts MATCH 'CFO'").fetchall()
    assert len(changes) == 1


def test_a_check_with_a_rebase_writes_its_items_from_the_rebased_rows(db_path: Path) -> None:
    """A check that carries a rebase writes its items from what the rebase left in the store
    (read back in the transaction), not from the items the check loaded before it: an item the
    rebase retired stays retired, a rebased title stays, a column the rebase does not touch
    (``returns``) is kept."""
    db = open_db(db_path)
    listed = [Item(key=k, title=f"Launch {k}", url=f"https://acme.example/{k}") for k in "123"]
    record(db, result_for(db_path, [Fact("name", "ACME")], listed), NOW)
    db.execute("UPDATE items SET returns = 2 WHERE key = '1'")
    moved = State(items={"1": ItemState("1", None, None, position=0),
                         "3": ItemState("3", None, None, position=1),
                         "4": ItemState("4", None, None, position=2)})
    rebase = Rebase(version="2.new", was="1.old", state=moved, page="h1",
                    items=(Item(key="1", title="Launch one", url="https://acme.example/1"),
                           Item(key="4", title="Launch 4", url="https://acme.example/4",
                                category=Category.NEWS)),
                    retired=("2", "gone"))
    now_listed = [Item(key="1", title="Launch one", url="https://acme.example/1"), listed[2],
                  Item(key="4", title="Launch 4", url="https://acme.example/4")]
    result = result_for(db_path, [Fact("name", "ACME")], now_listed, now=LATER)
    assert "4" not in (result.stored_items or {})  # loaded before the rebase
    record(db, replace(result, rebase=rebase), LATER)
    after = item_states(db.conn, SRC.id)
    assert after["2"].retired and after["2"].removed and "gone" not in after
    assert after["1"].returns == 2 and after["1"].title == "Launch one"
    assert after["4"].first_seen == LATER and not after["4"].removed
    assert db.execute("SELECT extraction FROM sources WHERE id = ?", [SRC.id]).fetchone()[0] == "2.new"


def test_a_check_with_a_diff_that_lacks_its_stored_items_is_refused(db_path: Path) -> None:
    db = open_db(db_path)
    result = result_for(db_path, [Fact("name", "ACME")])
    with pytest.raises(ValueError, match="stored_items"):
        record(db, replace(result, stored_items=None), NOW)
    assert db.execute("SELECT count(*) FROM checks").fetchone()[0] == 0


def test_sync_adds_updates_and_retires_keeping_history(db_path: Path) -> None:
    db = open_db(db_path)
    record(db, result_for(db_path, [Fact("email", "a@acme.example")]), NOW)
    feed = Source(id="acme:feed:2", company="acme", kind="feed", url="https://acme.example/feed",
                  every=600, confirm=2)
    report = sync_config(db, [replace(ACME, sources=(replace(SRC, every=7200), feed))], LATER)
    assert report.added == ("acme:feed:2",) and report.updated == (SRC.id,)
    report = sync_config(db, [], LATER)
    assert set(report.retired) == {SRC.id, "acme:feed:2"}
    assert db.execute("SELECT removed_at FROM companies").fetchone()[0] == LATER
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == 1  # history kept


def test_damaged_database_is_refused(tmp_path: Path) -> None:
    """F11: a corrupt file gets a clear error, never a silent repair."""
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError, match=r"cannot open database|damaged"):
        check_integrity(open_db(path))


def test_a_commit_that_fails_rolls_back_and_leaves_no_transaction_open(db_path: Path) -> None:
    db = open_db(db_path)
    before = db.execute("SELECT count(*) FROM sources").fetchone()[0]
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA defer_foreign_keys = ON")  # the violation surfaces at COMMIT
    with pytest.raises(sqlite3.IntegrityError), write(db) as conn:
        conn.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
                     " VALUES ('x:website:1', 'nobody', 'website', 'https://x.example/',"
                     " 'x.example', 60, 2, '2026-01-01T00:00:00Z')")
    assert not db.conn.in_transaction
    with write(db) as conn:  # the next writer is not stuck behind a half-open transaction
        conn.execute("INSERT INTO companies (slug, name, added_at) VALUES ('x', 'X', '2026')")
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == before


def test_the_people_a_source_showed_are_kept_between_checks(db_path: Path) -> None:
    db = open_db(db_path)
    both = [Fact("person", "Jane Doe", "CFO"), Fact("person", "Kim Lee", "CEO")]
    record(db, result_for(db_path, both), NOW)
    record(db, result_for(db_path, both[1:], now=LATER), LATER)
    seen = load_state(db, SRC.id, baseline=False).people
    assert seen["jane doe"].name == "Jane Doe" and not seen["jane doe"].present
    assert seen["jane doe"].left == LATER and seen["jane doe"].since == NOW
    assert seen["kim lee"].present and seen["kim lee"].last_seen == LATER
