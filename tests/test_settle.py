"""The settle window for prose: new page text is a change only once it has held.

Unit level through ``diff`` (with its rotation memory) and the config loader, and end to end
through a real HTTP server, the pipeline and the SQLite store, across a restart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.diff import diff
from monitor.errors import ConfigError
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Category, Change, Company, Fact, Outcome, Source, State
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from tests.webserver import serve

DAY = 86400.0
SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=43200, confirm=2, settle=DAY)
TOP, BOTTOM = "Acme builds boats in Kiel.", "Visit our yard any weekday."
START = datetime(2026, 1, 1, tzinfo=UTC)


def _at(hours: float) -> str:
    return (START + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _observe(state: State, facts: list[Fact], now: str, source: Source = SRC) -> tuple[list[Change], State]:
    result = diff(source, state, facts, [], [], now=now, item_category=Category.NEWS)
    return list(result.changes), State(
        facts=result.facts, pending=result.pending, baseline=False,
        lines={**state.lines, **result.lines}, slots={**state.slots, **result.slots})


def _page(middle: str) -> list[Fact]:
    return [Fact("text", f"{TOP}\n{middle}\n{BOTTOM}")]


def _twice_a_day(middles: list[str], source: Source = SRC) -> list[tuple[float, list[Change]]]:
    """A page checked at 06:00 and 18:00 whose middle line is ``middles[day]``; the checks that
    reported changes, by hour since the start."""
    state, found = State(), []
    for day, middle in enumerate(middles):
        for hour in (6, 18):
            changes, state = _observe(state, _page(middle), _at(24 * day + hour), source)
            if changes:
                found.append((24 * day + hour, changes))
    return found


def test_an_edit_is_reported_once_it_has_held_for_the_settle_period() -> None:
    """Seen on two checks the same day it is still pending; the first check a day after it
    appeared reports it, once."""
    found = _twice_a_day(["We build boats."] * 2 + ["We build ships."] * 4)
    assert [(hour, [(c.old, c.new) for c in changes]) for hour, changes in found] == [
        (3 * 24 + 6, [("We build boats.", "We build ships.")])]


def test_a_daily_slogan_makes_no_change_at_all() -> None:
    """Its first replacement waits; the second, within the window, makes the slot volatile
    and drops the pending change (without the window it was one false change)."""
    slogans = [f"Slogan number {n}: sailing on." for n in range(10)]
    assert _twice_a_day(slogans) == []
    assert [h for h, _ in _twice_a_day(slogans, Source(**{**SRC.__dict__, "settle": 0.0}))] == [42]


def test_a_per_visit_quote_makes_no_change_at_all() -> None:
    state, found = State(), []
    for visit in range(20):
        changes, state = _observe(state, _page(f"Quote {visit % 7}: the best yard."), _at(12 * visit))
        found += changes
    assert found == []


def test_a_daily_slogan_right_above_a_per_visit_quote_makes_no_change() -> None:
    """Two rotating blocks with nothing between: the slogan serves as the quote's neighbour
    until it is known to rotate, so its replacements fall in slots of different names; they
    are one place, replaced twice, so the baseline's slogan leaving is no change either."""
    slogans = [f"Slogan {n}: sailing on." for n in range(5)]
    quotes = [f"“Quote {n}, the best yard.”" for n in range(4)]
    shown = [0, 1, 1, 2, 0, 2, 1, 1, 3, 0, 0, 2, 1, 3, 3, 0, 2, 1, 0, 0, 3, 2, 1, 1]  # per visit
    state, found = State(), []
    for day in range(12):
        for hour in (6, 18):
            visit = 2 * day + (hour == 18)
            text = f"{TOP}\n{slogans[day % 5]}\n{quotes[shown[visit]]}\n{BOTTOM}"
            changes, state = _observe(state, [Fact("text", text)], _at(24 * day + hour))
            found += [(day, c.old, c.new) for c in changes]
    assert found == []


def test_a_text_that_stays_a_week_is_reported_after_a_day() -> None:
    """The cost stays for slow rotations: a weekly text holds past the window, so its first
    replacement is one change, a day late; its second replacement is rotation."""
    weeks = [f"Featured this week: hull {n}." for n in range(3)]
    found = _twice_a_day([weeks[day // 7] for day in range(21)])
    assert [hour for hour, _ in found] == [8 * 24 + 6]


def test_facts_are_not_held_back() -> None:
    """A phone number is a fact: two checks in a row are enough, settle or not."""
    state = State()
    phones = ["+4943112345"] * 2 + ["+4943154321"] * 2
    found = []
    for n, phone in enumerate(phones):
        changes, state = _observe(state, [Fact("phone", phone)], _at(n))
        found += [(c.field, c.new, n) for c in changes]
    assert found == [("phone", "+4943154321", 3)]


def test_a_second_edit_before_the_first_settled_restarts_the_wait() -> None:
    """Another line edited before the first edit settled: the page's new text is reported
    once, both edits together, a day after the last of them."""
    state, found = State(), []
    pages = [("boats", "weekday")] * 4 + [("ships", "weekday")] + [("ships", "weekend")] * 5
    for n, (what, when) in enumerate(pages):
        text = f"{TOP}\nWe build {what}.\nStable middle line.\nOpen every {when}."
        changes, state = _observe(state, [Fact("text", text)], _at(12 * n))
        found += [(12 * n, c.old, c.new) for c in changes]
    assert found == [(12 * 7, "We build boats.\nOpen every weekday.",
                      "We build ships.\nOpen every weekend.")]


def test_an_edit_corrected_before_it_settled_is_taken_for_a_rotation() -> None:
    """The cost, stated: one slot replaced twice within a day (an edit and its quick
    correction) looks like a rotation starting, so neither replacement is reported."""
    assert _twice_a_day(["v1 of our story."] * 2 + ["v2 of our story."] + ["v3 of our story."] * 3) == []


# --- config ---------------------------------------------------------------------------------


def _config(tmp_path: Path, settle: str | None) -> Path:
    path = tmp_path / "sources.yaml"
    line = f"        settle: {settle}\n" if settle is not None else ""
    path.write_text("companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
                    f"      - kind: website\n        url: https://acme.example/\n{line}")
    path.chmod(0o600)
    return path


@pytest.mark.parametrize(("text", "seconds"), [(None, DAY), ("0", 0.0), ("12h", 43200.0),
                                                ("2d", 2 * DAY)])
def test_settle_is_read_from_sources_yaml_with_a_one_day_default(
        tmp_path: Path, text: str | None, seconds: float) -> None:
    config = load_config(_config(tmp_path, text))
    assert [s.settle for c in config.companies for s in c.sources] == [seconds]


@pytest.mark.parametrize(("text", "message"), [
    ("2x", "settle: bad interval '2x'"),
    ("40d", "settle: interval '40d' is longer than 30d"),
    ("-1", "settle: expected 0 or an interval such as 12h or 1d, got -1"),
    ("true", "settle: expected 0 or an interval such as 12h or 1d, got True"),
])
def test_a_bad_settle_is_one_line_naming_file_line_and_key(
        tmp_path: Path, text: str, message: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:7: companies[0].sources[0].{message}")


@pytest.mark.parametrize(("default", "own", "seconds"), [
    ("0", None, 0.0), ("6h", None, 21600.0), ("6h", "2d", 2 * DAY), ("6h", "0", 0.0)])
def test_defaults_settle_applies_to_every_source_that_names_none(
        tmp_path: Path, default: str, own: str | None, seconds: float) -> None:
    """``defaults: settle:`` sets the whole fleet's wait; a source's own ``settle:`` wins."""
    path = _config(tmp_path, own)
    path.write_text(f"defaults:\n  settle: {default}\n" + path.read_text())
    config = load_config(path)
    assert [s.settle for c in config.companies for s in c.sources] == [seconds]


def test_a_bad_default_settle_is_one_line_naming_file_line_and_key(tmp_path: Path) -> None:
    path = _config(tmp_path, None)
    path.write_text("defaults:\n  settle: 45d\n" + path.read_text())
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).splitlines() == [
        f"{path}:2: defaults.settle: interval '45d' is longer than 30d"]


# --- end to end: a pending change survives a restart -----------------------------------------


def _html(middle: str) -> bytes:
    return (f"<!doctype html><html lang=en><head><title>Acme</title></head><body><main>"
            f"<h1>{TOP}</h1><p>{middle}</p><p>{BOTTOM}</p></main></body></html>").encode()


async def _check_at(db_path: Path, source: Source, hours: float) -> list[Change]:
    """One check at a given time, by a fresh process's worth of state: the database is
    opened for it and closed after, so nothing survives in memory."""
    db = open_db(db_path)
    try:
        sync_config(db, [Company("acme", "Acme", sources=(source,))], _at(0))
        async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0)) as fetcher:
            ctx = Context(db=db, fetcher=fetcher, clock=lambda: START + timedelta(hours=hours))
            return list((await check(source, ctx)).changes)
    finally:
        db.conn.close()


def test_a_pending_edit_survives_a_restart_and_is_reported_after_the_window(tmp_path: Path) -> None:
    """Through a real server, the pipeline and SQLite: an edit seen twice is pending (kept in
    the database); after a restart, the first check past the settle period reports it, though
    the page has not changed since; the check after that reports nothing."""
    db_path = tmp_path / "monitor.db"
    with serve() as (site, base):
        source = Source(id="acme:website:e2e", company="acme", kind="website", url=f"{base}/",
                        every=3600, confirm=2, settle=DAY)
        site.set("/", _html("We build boats."))
        assert asyncio.run(_check_at(db_path, source, 0)) == []  # baseline
        site.set("/", _html("We build ships."))
        assert asyncio.run(_check_at(db_path, source, 1)) == []
        assert asyncio.run(_check_at(db_path, source, 2)) == []  # seen twice, not yet settled
        db = open_db(db_path)
        pending = db.execute("SELECT field, value FROM pending WHERE source = ?", [source.id]).fetchall()
        db.conn.close()
        assert [(f, "We build ships." in (v or "")) for f, v in pending] == [("text", True)]
        assert asyncio.run(_check_at(db_path, source, 20)) == []  # restarted, still inside
        found = asyncio.run(_check_at(db_path, source, 25))
        assert [(c.field, c.old, c.new) for c in found] == [("text", "We build boats.", "We build ships.")]
        assert asyncio.run(_check_at(db_path, source, 26)) == []


async def _outcome_at(db_path: Path, source: Source, hours: float) -> tuple[Outcome, list[Change]]:
    db = open_db(db_path)
    try:
        async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0)) as fetcher:
            ctx = Context(db=db, fetcher=fetcher, clock=lambda: START + timedelta(hours=hours))
            result = await check(source, ctx)
            return result.outcome, list(result.changes)
    finally:
        db.conn.close()


def test_an_unchanged_page_is_not_read_again_while_its_prose_only_waits(tmp_path: Path) -> None:
    """Once the new prose has been seen ``confirm`` times, only time can settle it: an
    unchanged page inside the window is asked for with its validators and recorded unchanged
    without extraction (as any steady source's is), and the first check past the window reads it and reports the edit."""
    db_path = tmp_path / "monitor.db"
    with serve() as (site, base):
        source = Source(id="acme:website:wait", company="acme", kind="website", url=f"{base}/",
                        every=3600, confirm=2, settle=DAY)
        site.set("/", _html("We build boats."))
        assert asyncio.run(_check_at(db_path, source, 0)) == []  # baseline
        site.set("/", _html("We build ships."))
        assert asyncio.run(_outcome_at(db_path, source, 1)) == (Outcome.OK, [])  # seen once
        assert asyncio.run(_outcome_at(db_path, source, 2)) == (Outcome.OK, [])  # seen twice
        for hours in (3, 20):  # not read: a 304 to the validators, or the same body unparsed
            outcome, found = asyncio.run(_outcome_at(db_path, source, hours))
            assert outcome in (Outcome.NOT_MODIFIED, Outcome.UNCHANGED) and found == []
        outcome, found = asyncio.run(_outcome_at(db_path, source, 25))
        assert outcome is Outcome.OK
        assert [(c.field, c.old, c.new) for c in found] == [("text", "We build boats.", "We build ships.")]


def test_a_dry_run_shows_new_prose_that_a_check_still_holds_back(
        tmp_path: Path, monitor_cli: Callable[..., str]) -> None:
    """``check --dry-run`` shows what differs now (as it ignores ``confirm``); a real check
    keeps the new prose pending through its settle period."""
    run = monitor_cli
    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n")
        site.set("/", _html("We build boats."))
        run("check")
        site.set("/", _html("We build ships."))
        assert "We build ships." in run("check", "--dry-run")
        assert "text: " not in run("check") + run("check")
