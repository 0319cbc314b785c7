"""Mirroring sources.yaml into SQLite writes only what changed: an unchanged config writes no row."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from monitor.models import Company, Source
from monitor.store.db import open_db
from monitor.store.sync import sync_config

NOW, LATER = "2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"


def fleet(count: int) -> list[Company]:
    return [Company(slug=f"c{i}", name=f"Company {i}", aliases=(f"C{i} Inc",), tags=("t",),
                    sources=(Source(id=f"c{i}:website:1", company=f"c{i}", kind="website",
                                    url=f"https://c{i}.example.com/", every=3600, confirm=2,
                                    options={"ignore": ["Ünïcode"]}),))
            for i in range(count)]


def rows_written(db_path: Path, companies: list[Company]) -> int:
    db = open_db(db_path)
    before = db.conn.total_changes
    sync_config(db, companies, LATER)
    return int(db.conn.total_changes - before)


def test_an_unchanged_config_writes_no_row(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    companies = fleet(50)
    sync_config(open_db(path), companies, NOW)
    assert rows_written(path, companies) == 0
    added = open_db(path).execute("SELECT DISTINCT added_at FROM companies").fetchall()
    assert added == [(NOW,)]


def test_only_the_changed_company_and_source_are_written(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    companies = fleet(50)
    sync_config(open_db(path), companies, NOW)
    renamed = replace(companies[3], name="Renamed")
    slower = replace(companies[7], sources=(replace(companies[7].sources[0], every=7200),))
    assert rows_written(path, [*companies[:3], renamed, *companies[4:7], slower, *companies[8:]]) == 2
    db = open_db(path)
    assert db.execute("SELECT name FROM companies WHERE slug = 'c3'").fetchone() == ("Renamed",)
    assert db.execute("SELECT every_s FROM sources WHERE company = 'c7'").fetchone() == (7200,)


def test_companies_gone_are_retired_once_and_revived_when_back(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    companies = fleet(5)
    sync_config(open_db(path), companies, NOW)
    assert rows_written(path, companies[:4]) == 2  # the company and its source
    assert rows_written(path, companies[:4]) == 0  # already retired: not written again
    db = open_db(path)
    assert db.execute("SELECT removed_at FROM companies WHERE slug = 'c4'").fetchone() == (LATER,)
    assert rows_written(path, companies) == 2
    assert db.execute("SELECT count(*) FROM companies WHERE removed_at IS NOT NULL").fetchone() == (0,)
