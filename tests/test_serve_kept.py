"""Schema answers kept per schema version (``monitor.datasette.kept``): a page asks SQLite for its
data only, and a schema changed while Datasette serves is seen on the next page."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from datasette.database import Database

from monitor.datasette.kept import KeptSchemaDatabase
from monitor.datasette.serve import MonitorDatasette, make_datasette
from monitor.store.db import open_db

Visit = Callable[[str], Awaitable[Any]]


def _served(path: Path, ds: Datasette | None = None) -> tuple[Datasette, Visit]:
    ds = ds or make_datasette(path)

    async def visit(url: str) -> Any:
        await ds.invoke_startup()
        return await ds.client.get(url)

    return ds, visit


def _trips(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the database's round trips to its reader threads."""
    trips: list[int] = []
    stock = Database.execute_fn

    async def counted(self: Database, fn: Callable[[Any], Any]) -> Any:
        trips.append(1)
        return await stock(self, fn)

    monkeypatch.setattr(Database, "execute_fn", counted)
    return trips


def test_every_database_keeps_its_schema_answers(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    open_db(path).close()
    ds = make_datasette(path)
    assert all(isinstance(db, KeptSchemaDatabase) for db in ds.databases.values())


def test_a_page_asks_for_its_data_not_the_schema(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The home page asked SQLite about every table and view on each visit (~235 round trips
    at 40 tables); now a visit after the first reads the versions and its data."""
    path = tmp_path / "monitor.db"
    open_db(path).close()
    trips = _trips(monkeypatch)
    _, visit = _served(path)

    async def pages() -> list[tuple[int, int]]:
        seen = []
        for url in ("/", "/", "/monitor/source_days", "/monitor/source_days",
                    "/monitor/search_news?q=orbit", "/monitor/search_news?q=orbit"):
            trips.clear()
            seen.append(((await visit(url)).status_code, len(trips)))
        return seen

    first_home, home, first_days, days, first_search, search = asyncio.run(pages())
    assert {first_home[0], home[0], days[0], search[0]} == {200}
    # A file this small has its tables counted on the home page (one query a table, data):
    # the questions about each table's columns, keys, index and spelling are gone.
    tables = len(sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall())
    assert first_home[1] > 3 * tables and home[1] <= tables + 8
    # then: each database's schema version (the app's and Datasette's own), and the page's
    # queries (a view or a query: its rows)
    assert days[1] <= 4 and search[1] <= 4
    assert first_days[1] > days[1] and first_search[1] >= search[1]


def test_a_schema_changed_while_serving_shows_on_the_next_page(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    open_db(path).close()
    _, visit = _served(path)

    async def pages() -> None:
        assert "notes" not in (await visit("/monitor.json")).text
        assert (await visit("/monitor/notes")).status_code == 404
        writer = sqlite3.connect(path)
        writer.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        writer.execute("INSERT INTO notes (body) VALUES ('first')")
        writer.commit()
        tables = {t["name"]: t for t in (await visit("/monitor.json")).json()["tables"]}
        assert tables["notes"]["columns"] == ["id", "body"]
        page = await visit("/monitor/notes.json?_shape=array")
        assert page.status_code == 200 and page.json() == [{"id": 1, "body": "first"}]
        writer.execute("ALTER TABLE notes ADD COLUMN at TEXT")
        writer.execute("DROP VIEW source_days")
        writer.commit()
        writer.close()
        assert (await visit("/monitor/notes.json?_shape=array")).json() == [
            {"id": 1, "body": "first", "at": None}]
        assert (await visit("/monitor/source_days")).status_code == 404
        assert "source_days" not in (await visit("/")).text

    asyncio.run(pages())


def test_a_closed_table_stays_closed_in_any_spelling(tmp_path: Path) -> None:
    """Datasette 0.65.5 checks a table's permission under its spelling in the schema (the
    lookup is kept): ``/monitor/CHANGES`` is not a way around a closed ``changes``."""
    path = tmp_path / "monitor.db"
    open_db(path).close()
    closed = MonitorDatasette([str(path)], metadata={
        "databases": {"monitor": {"tables": {"changes": {"allow": False}}}}})
    _, visit = _served(path, closed)

    async def pages() -> list[int]:
        return [(await visit(url)).status_code for url in (
            "/monitor/changes", "/monitor/CHANGES", "/monitor/Changes.json", "/monitor/changes",
            "/monitor/CHANGES", "/monitor/items")]

    codes = asyncio.run(pages())
    assert 200 not in codes[:5] and codes[-1] == 200


def test_answers_handed_out_are_copies(tmp_path: Path) -> None:
    """A caller that changes a list it was given does not change what the next caller gets."""
    path = tmp_path / "monitor.db"
    open_db(path).close()
    ds, visit = _served(path)

    async def asked() -> tuple[list[str], list[str]]:
        await visit("/")  # the versions are read
        db = ds.get_database("monitor")
        first = await db.table_names()
        first.append("invented")
        return first, await db.table_names()

    first, again = asyncio.run(asked())
    assert "invented" in first and "invented" not in again and "changes" in again


def test_names_nobody_has_are_not_kept_without_end(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Anyone can ask for /monitor/ANY-NAME: past a bound, answers are asked, not kept."""
    from monitor.datasette import kept

    monkeypatch.setattr(kept, "KEPT_AT_MOST", 50)
    path = tmp_path / "monitor.db"
    open_db(path).close()
    ds, visit = _served(path)

    async def pages() -> list[int]:
        return [(await visit(f"/monitor/nothing{n}")).status_code for n in range(80)]

    assert set(asyncio.run(pages())) == {404}
    db = ds.get_database("monitor")
    assert len(db.__dict__["_monitor_answers"]) <= 50
