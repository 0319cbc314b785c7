"""An upgrade of the extractors makes no false change: the stored profile is rebased.

The "old" extractor is the real one with a rule taken out in this test's process (it finds no
people and no list items) and an old extraction version; the upgrade is the real code, run by
the real CLI (parsing in its parser workers). A real server on 127.0.0.1 serves two captures
of the finya.de imprint (corpus/sites_history/finya_de_imprint 006 and 007: 007 adds
kontakt@finya.de, a real change).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from monitor import rebase as rebasing
from monitor.cli import main
from monitor.clock import utcnow
from monitor.config import load_config
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Fetched, Observation, Source
from monitor.pipeline import Context, check, extract_inline
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from monitor.workers.crashpoints import EXIT_CODE
from tests.conftest import CORPUS
from tests.test_serve import rows as served_rows
from tests.test_serve import start_serve, stop_serve
from tests.webserver import serve

HISTORY = CORPUS / "sites_history" / "finya_de_imprint"
BEFORE = next(HISTORY.glob("006_*.html")).read_bytes()
AFTER = next(HISTORY.glob("007_*.html")).read_bytes()
PEOPLE = {"Alexander Gerlach", "Julien Walther"}
LOOPBACK = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=10.0)
ROOT = Path(__file__).resolve().parents[1]


async def old_extractor(source: Source, fetched: Fetched) -> Observation:
    """The extractor before the upgrade: no rule for people, none for lists."""
    obs = await extract_inline(source, fetched)
    return replace(obs, facts=tuple(f for f in obs.facts if f.field != "person"), items=())


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    monkeypatch.setenv("COLUMNS", "220")


def run(tmp: Path, *args: str, db: str = "m.db") -> str:
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def write_sources(tmp: Path, base: str, paths: tuple[str, ...] = ("/impressum",),
                  confirm: int = 1) -> None:
    lines = ["companies:"]
    for n, path in enumerate(paths):
        lines += [f"  - slug: finya{n or ''}", f"    name: Finya {n}", "    sources:",
                  f"      - kind: website\n        url: {base}{path}\n        confirm: {confirm}"]
    (tmp / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


async def checked_by_old_version(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every source's baseline, taken by the old extractor and stamped with its version."""
    config = load_config(tmp / "sources.yaml", allow_private=True)
    db = open_db(tmp / "m.db")
    sync_config(db, config.companies, "2026-11-24T08:00:00Z")
    with monkeypatch.context() as patch:
        patch.setattr(rebasing, "extraction_version", lambda: "0.old")
        async with Fetcher(LOOPBACK) as fetcher:
            ctx = Context(db=db, fetcher=fetcher, clock=utcnow, extractor=old_extractor)
            for source in config.sources:
                await check(source, ctx)
    db.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def people(path: Path) -> set[object]:
    return {r[0] for r in rows(path, "SELECT value FROM facts WHERE field = 'person'")}


def test_an_upgraded_extractor_records_a_rebase_not_a_change_and_real_changes_still_count(
        tmp_path: Path, env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "m.db"
    with serve() as (site, base):
        site.set("/impressum", BEFORE)
        write_sources(tmp_path, base)
        asyncio.run(checked_by_old_version(tmp_path, monkeypatch))
        assert people(db) == set()  # the old extractor found nobody
        site.set("/impressum", AFTER)  # the site adds an e-mail address as the upgrade lands
        out = run(tmp_path, "check")
    assert "email added: kontakt@finya.de" in out and "person" not in out
    assert "2 value(s) read differently by this version: a rebase, not a change" in out
    changes = rows(db, "SELECT field, change, new FROM changes")
    assert ("email", "added", "kontakt@finya.de") in changes
    assert not [c for c in changes if c[0] == "person"]  # no false "person added"
    outbox = rows(db, "SELECT c.field FROM outbox o JOIN changes c ON c.id = o.change_id")
    assert "person" not in {r[0] for r in outbox}
    rebased = rows(db, "SELECT field, key, change, was, page FROM rebases")
    assert {r[1] for r in rebased if r[0] == "person"} == PEOPLE
    assert {(r[2], r[3]) for r in rebased} == {("added", "0.old")}
    assert all(r[4] != rebasing.FRESH for r in rebased)  # the stored page was re-read
    assert people(db) == PEOPLE
    assert rows(db, "SELECT DISTINCT extraction FROM sources") == [
        (rebasing.extraction_version(),)]
    history = run(tmp_path, "history", "finya")
    assert "re-read by a newer extractor" in history and "Alexander Gerlach" in history
    assert "kontakt@finya.de" in history
    proc, url = start_serve(db)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            served = served_rows(client, "/m/rebases.json")
            feed = served_rows(client, "/m/change_feed.json")
    finally:
        stop_serve(proc)
    assert {r["key"] for r in served} == PEOPLE
    assert feed and not [r for r in feed if "Gerlach" in str(r["atom_title"])]


def test_without_a_stored_page_the_fresh_page_stands_in(
        tmp_path: Path, env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "m.db"
    with serve() as (site, base):
        site.set("/impressum", BEFORE)
        write_sources(tmp_path, base)
        asyncio.run(checked_by_old_version(tmp_path, monkeypatch))
        with sqlite3.connect(db) as conn:  # a history from before pages were kept
            conn.execute("UPDATE checks SET snapshot = NULL")
            conn.execute("DELETE FROM snapshots")
        assert "Rebased 0 source(s)" in run(tmp_path, "rebase")  # nothing to re-read alone
        site.set("/impressum", BEFORE.replace(b"</body>", b"<!-- v2 --><p>.</p></body>"))
        run(tmp_path, "check")
    assert not rows(db, "SELECT field FROM changes WHERE field = 'person'")
    assert {r[0] for r in rows(db, "SELECT page FROM rebases")} == {rebasing.FRESH}
    assert people(db) == PEOPLE


def profile(path: Path) -> list[list[tuple[object, ...]]]:
    """What a rebase writes, without its times."""
    return [rows(path, "SELECT source, field, subject, value, role FROM facts ORDER BY 1, 2, 3"),
            rows(path, "SELECT source, field, key, change, old, new, was, page FROM rebases"
                       " ORDER BY source, id"),
            rows(path, "SELECT id, extraction FROM sources ORDER BY id"),
            rows(path, "SELECT source, key, present, position FROM text_lines ORDER BY 1, 2")]


@pytest.fixture
def two_old_sources(tmp_path: Path, env: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with serve() as (site, base):
        site.set("/a", BEFORE)
        site.set("/b", AFTER)
        write_sources(tmp_path, base, ("/a", "/b"))
        asyncio.run(checked_by_old_version(tmp_path, monkeypatch))
    yield tmp_path


def test_monitor_rebase_is_idempotent(two_old_sources: Path) -> None:
    tmp = two_old_sources
    first = run(tmp, "rebase")
    assert "Rebased 2 source(s)" in first
    after = profile(tmp / "m.db")
    assert people(tmp / "m.db") == PEOPLE
    again = run(tmp, "rebase")
    assert "Rebased 0 source(s)" in again and "2 needed nothing" in again
    assert profile(tmp / "m.db") == after
    assert not rows(tmp / "m.db", "SELECT 1 FROM changes WHERE field = 'person'")
    assert "re-read by a newer extractor" in run(tmp, "history", "finya1")


def test_a_crash_in_the_middle_of_monitor_rebase_loses_nothing(two_old_sources: Path) -> None:
    tmp = two_old_sources
    shutil.copy(tmp / "m.db", tmp / "clean.db")
    run(tmp, "rebase", db="clean.db")
    env = {**os.environ, "MONITOR_CRASH_AT": "in_transaction:2",
           "PYTHONPATH": str(ROOT)}
    crashed = subprocess.run(
        [sys.executable, "-m", "monitor", "--sources", str(tmp / "sources.yaml"),
         "--db", str(tmp / "m.db"), "rebase"], env=env, capture_output=True, timeout=300)
    assert crashed.returncode == EXIT_CODE, crashed.stderr
    done = rows(tmp / "m.db", "SELECT DISTINCT source FROM rebases")
    assert len(done) == 1  # the first source is whole, the second not begun
    assert rows(tmp / "m.db", "SELECT count(*) FROM sources WHERE extraction = '0.old'") == [(1,)]
    assert "Rebased 1 source(s)" in run(tmp, "rebase")
    assert profile(tmp / "m.db") == profile(tmp / "clean.db")


def test_a_crash_while_a_check_records_its_rebase_loses_nothing(
        tmp_path: Path, env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "m.db"
    with serve() as (site, base):
        site.set("/impressum", BEFORE)
        write_sources(tmp_path, base)
        asyncio.run(checked_by_old_version(tmp_path, monkeypatch))
        site.set("/impressum", AFTER)
        crashed = subprocess.run(
            [sys.executable, "-m", "monitor", "--sources", str(tmp_path / "sources.yaml"),
             "--db", str(db), "check"], capture_output=True, timeout=300,
            env={**os.environ, "MONITOR_CRASH_AT": "in_transaction", "PYTHONPATH": str(ROOT)})
        assert crashed.returncode == EXIT_CODE, crashed.stderr
        assert rows(db, "SELECT count(*) FROM rebases") == [(0,)]
        assert rows(db, "SELECT extraction FROM sources") == [("0.old",)]
        out = run(tmp_path, "check")
    assert "email added: kontakt@finya.de" in out and "person" not in out
    assert {r[0] for r in rows(db, "SELECT key FROM rebases")} == PEOPLE
    assert not rows(db, "SELECT 1 FROM changes WHERE field = 'person'")


def test_a_stored_page_kept_for_a_value_that_then_vanished_is_not_taken_alone(
        tmp_path: Path, env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last stored page held an e-mail seen once (then gone): ``monitor rebase`` leaves
    the source to its next check, where the fresh page shows what is the extractor's."""
    db = tmp_path / "m.db"
    with serve() as (site, base):
        write_sources(tmp_path, base, confirm=2)
        for page in (BEFORE, AFTER, BEFORE):  # the e-mail shows once: kept, then gone
            site.set("/impressum", page)
            asyncio.run(checked_by_old_version(tmp_path, monkeypatch))
        assert rows(db, "SELECT count(*) FROM changes") == [(0,)]
        assert "1 left for their next check" in run(tmp_path, "rebase")
        assert rows(db, "SELECT count(*) FROM rebases") == [(0,)]
        for n in range(2):  # the page as it is, twice: every value confirmed
            site.set("/impressum", BEFORE.replace(b"</body>", f"<div id=v{n}></div></body>".encode()))
            run(tmp_path, "check")
    assert rows(db, "SELECT field, change FROM changes") == []
    assert {r[0] for r in rows(db, "SELECT key FROM rebases")} == PEOPLE
    assert "kontakt@finya.de" not in {r[0] for r in rows(db, "SELECT value FROM facts")}
