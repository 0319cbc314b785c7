"""Pictures of changed pages come after their checks: recorded first, pictured by the run's end.

Real chromium, a real server on 127.0.0.1, the real ``pipeline.checking`` wiring.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.fetch.browser import chromium_path
from monitor.fetch.client import FetchSettings
from monitor.pipeline import check, checking
from monitor.settings import Settings
from tests.reliability_harness import Monitor, route_all
from tests.webserver import Site, serve

pytestmark = pytest.mark.browser

LOOPBACK = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=10.0)
PAGE = ("<html><body><main><h1>Acme Orbital</h1><p>Acme Orbital builds lunar landers and "
        "delivers payloads to the surface of the Moon for agencies and companies.</p>"
        "<p>Contact: {email}</p></main></body></html>")


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    assert chromium_path() is not None, "chromium is missing: run scripts/ensure-chromium"
    with serve() as running:
        running[0].set("/about", PAGE.format(email="info@acme-orbital.example"))
        yield running


def shots_of_email_changes(mon: Monitor) -> list[tuple[str | None, str | None]]:
    return mon.db.execute("SELECT s.before, s.after FROM changes c LEFT JOIN change_shots s"
                          " ON s.change_id = c.id WHERE c.field = 'email' ORDER BY c.id").fetchall()


async def test_a_change_is_recorded_before_its_picture_and_pictured_by_the_end_of_the_run(
        site: tuple[Site, str], tmp_path: Path) -> None:
    """The check returns with its change recorded and no picture yet; the run ends with every
    change pictured, each "before" being the previous change's picture."""
    pages, base = site
    mon = Monitor(tmp_path, base + "/about", confirm=1)
    async with checking(mon.db, LOOPBACK, route=route_all, clock=mon.clock,
                        settings=Settings()) as ctx:
        await check(mon.source, ctx)  # the baseline
        for email in ("press@acme-orbital.example", "hello@acme-orbital.example"):
            pages.set("/about", PAGE.format(email=email))
            assert (await check(mon.source, ctx)).changes
            assert shots_of_email_changes(mon)[-1] == (None, None)  # recorded, not pictured yet
        browser = ctx.browser
    rows = shots_of_email_changes(mon)
    assert len(rows) == 2 and all(after for _, after in rows)
    assert rows[0][0] is None and rows[1][0] == rows[0][1] != rows[1][1]
    assert browser is not None and browser.launches == 1  # one browser for the run's pictures


async def test_runs_with_nothing_to_picture_never_start_chromium(
        site: tuple[Site, str], tmp_path: Path) -> None:
    """A baseline, an unchanged page and a dry run of a changed one: no picture, no chromium."""
    pages, base = site
    mon = Monitor(tmp_path, base + "/about", confirm=1)
    async with checking(mon.db, LOOPBACK, route=route_all, clock=mon.clock,
                        settings=Settings()) as ctx:
        await check(mon.source, ctx)
        assert not (await check(mon.source, ctx)).changes
        pages.set("/about", PAGE.format(email="press@acme-orbital.example"))
        assert (await check(mon.source, ctx, dry_run=True)).changes
        browser = ctx.browser
    assert browser is not None and browser.launches == 0
    assert mon.db.execute("SELECT count(*) FROM screenshots").fetchone()[0] == 0
