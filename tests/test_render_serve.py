"""Screenshots of a change, as an analyst sees them in Datasette (real chromium both ways).

A client-rendered page changes its e-mail by script; two rendered checks record the change
with before/after pictures; ``monitor serve`` then shows them on the company timeline, the
recent-changes page and the change's own page, with the changed value marked. The pages
are opened in chromium and photographed into test-artifacts/.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from playwright.async_api import async_playwright

from monitor.datasette.publish import publish
from monitor.fetch.browser import DEFAULT_CHROMIUM, Browser
from monitor.fetch.client import Fetcher
from monitor.pipeline import Context, check
from tests.conftest import ROOT
from tests.reliability_harness import Monitor, route_all
from tests.test_render import APP_JS, FAST, LOOPBACK, SHELL, company
from tests.test_serve import start_serve, stop_serve
from tests.webserver import loopback, serve

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"


async def record_a_rendered_change(tmp: Path) -> Path:
    """Two rendered checks of a page whose script changes the e-mail: one change, pictured."""
    with serve() as (site, base):
        site.set("/", SHELL)
        site.set("/app.js", APP_JS, content_type="text/javascript")
        site.set("/api/company.json", company("info@acme-orbital.example", "Jane Doe"),
                 content_type="application/json")
        mon = Monitor(tmp, base + "/", confirm=1)
        async with Fetcher(LOOPBACK, resolver=loopback) as fetcher, Browser(FAST) as browser:
            ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all,
                          browser=browser)
            await check(mon.source, ctx)
            site.set("/api/company.json", company("press@acme-orbital.example", "Jane Doe"),
                     content_type="application/json")
            await check(mon.source, ctx)
    assert mon.db.execute("SELECT count(*) FROM change_shots").fetchone()[0] >= 1
    mon.db.close()
    return mon.db_path


async def test_datasette_shows_before_and_after_with_the_value_marked(tmp_path: Path) -> None:
    db = await record_a_rendered_change(tmp_path)
    proc, base = start_serve(db, port_flag=True)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        change_id = httpx.get(base + "/monitor/change_shots.json?_shape=array").json()[0]["change_id"]
        async with async_playwright() as p:
            chromium = await p.chromium.launch(executable_path=DEFAULT_CHROMIUM,
                                               args=["--no-sandbox", "--disable-gpu"])
            page = await chromium.new_page(viewport={"width": 1280, "height": 900})
            seen, marks = {}, []
            for name, path in (("timeline", "/company/acme"), ("changes", "/changes"),
                               ("change", f"/change/{change_id}/screenshots"),
                               ("table", "/monitor/change_screenshots")):
                await page.goto(base + path, wait_until="networkidle")
                await page.screenshot(path=str(ARTIFACTS / f"render-{name}.png"), full_page=True)
                seen[name] = await page.evaluate(
                    "() => Array.from(document.images).filter(i => i.src.includes('/-/screenshot/'))"
                    ".map(i => [i.alt, i.naturalWidth])")
                if name == "change":
                    marks = await page.evaluate(
                        "() => Array.from(document.querySelectorAll('figure.after .mark'))"
                        ".map(m => m.getBoundingClientRect().width)")
            await chromium.close()
    finally:
        stop_serve(proc)
    for name in ("timeline", "changes", "change", "table"):
        alts = [alt for alt, _ in seen[name]]
        assert alts and alts.count("before") == alts.count("after"), (name, seen[name])
        assert all(width == 1280 for _, width in seen[name]), seen[name]  # the PNGs loaded
    assert marks and all(width > 0 for width in marks)  # the new e-mail is marked on "after"
    assert_published_only_when_asked(db, tmp_path)


def assert_published_only_when_asked(db: Path, tmp: Path) -> None:
    """``monitor publish`` leaves screenshots out unless asked; asked, only the changes' ones."""
    plain = publish(db, tmp / "public.db")
    assert "screenshots" in plain.dropped and "change_shots" in plain.dropped
    asked = publish(db, tmp / "public-shots.db", screenshots=True)
    assert "source_shots" in asked.dropped and asked.tables["change_shots"] >= 1
    conn = sqlite3.connect(tmp / "public-shots.db")
    kept = {h for (h,) in conn.execute("SELECT hash FROM screenshots")}
    pictured = {h for row in conn.execute("SELECT before, after FROM change_shots") for h in row}
    conn.close()
    assert kept and kept == pictured
