"""An unchanged page costs a fetch and a hash: no shell test, no browser, no parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.extract import shell
from monitor.fetch.browser import Browser, BrowserSettings
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Fetched, Outcome
from monitor.pipeline import Context, check
from tests.reliability_harness import Monitor, page_a, route_all
from tests.webserver import serve

LOOPBACK = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=10.0)


async def test_an_unchanged_page_is_not_tested_for_a_shell_when_a_browser_is_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's hash is the one last recorded: it was read as fetched then, so it is now."""
    tested: list[str] = []
    real = shell.needs_browser

    def counted(fetched: Fetched) -> bool:
        tested.append(fetched.url)
        return real(fetched)

    monkeypatch.setattr(shell, "needs_browser", counted)  # imported by each shell test
    browser = Browser(BrowserSettings(executable="/nonexistent/chromium"))  # never started
    with serve() as (site, base):
        site.set("/about", page_a(), validators=False)  # a 200 each time, never a 304
        mon = Monitor(tmp_path, base + "/about", confirm=1)
        async with Fetcher(LOOPBACK) as fetcher:
            ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all,
                          browser=browser)
            assert (await check(mon.source, ctx)).outcome is Outcome.OK
            assert len(tested) == 1  # the first reading asks whether the page is a shell
            again = await check(mon.source, ctx)
    assert again.outcome is Outcome.UNCHANGED and len(tested) == 1
    assert browser.launches == 0
