"""Screenshots in the store: a window per source, pictures of changes kept, the rest deleted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from monitor.models import Category, Change, ChangeKind, Fact, Outcome, Render
from monitor.store.db import open_db
from monitor.store.record import record
from monitor.store.sync import sync_config
from tests.test_store import ACME, SRC, result_for


def picture(n: int) -> Render:
    return Render(screenshot=b"\x89PNG\r\n\x1a\n" + bytes([n]) * 64, width=1280, height=800)


def test_rendered_checks_keep_a_window_and_the_pictures_of_changes(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    db = open_db(path)
    sync_config(db, [ACME], "2026-11-24T00:00:00Z")
    source = replace(SRC, confirm=2)  # a window of confirm + 1 = 3 pictures
    email = [Fact("email", "info@acme.example")]
    for hour in range(6):
        now = f"2026-11-24T{hour + 1:02d}:00:00Z"
        result = result_for(path, email, now=now)
        result = replace(result, source=source,
                         fetched=replace(result.fetched, render=picture(hour)))
        if hour == 4:  # a change confirmed now: after = this picture, before = 2 checks back
            change = Change("acme", source.id, "email", ChangeKind.ADDED, Category.CONTACT,
                            new="press@acme.example")
            assert result.diff is not None
            result = replace(result, diff=replace(result.diff, changes=(change,)))
        record(db, result, now)
    kept = db.execute("SELECT hash FROM source_shots ORDER BY taken_at").fetchall()
    pictured = db.execute("SELECT before, after FROM change_shots").fetchall()
    images = {h for (h,) in db.execute("SELECT hash FROM screenshots")}
    assert len(kept) == 3
    assert len(pictured) == 1 and None not in pictured[0]
    assert images == {h for (h,) in kept} | set(pictured[0])  # nothing else survives
    before = db.execute("SELECT image FROM screenshots WHERE hash = ?", [pictured[0][0]]).fetchone()
    assert before[0] == picture(2).screenshot


def test_a_wall_keeps_no_picture(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    db = open_db(path)
    sync_config(db, [ACME], "2026-11-24T00:00:00Z")
    result = result_for(path, [])
    blocked = replace(result, outcome=Outcome.BLOCKED, diff=None,
                      fetched=replace(result.fetched, render=picture(1)))
    record(db, blocked, "2026-11-24T01:00:00Z")
    assert db.execute("SELECT count(*) FROM screenshots").fetchone()[0] == 0
