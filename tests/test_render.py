"""Rendering pages with Debian's chromium: loopback fixture apps, real browser, real fetcher.

The apps: a company page built by its script from a JSON API, a page whose text a script
changes after load, a hostile page reaching for private addresses, and pages that never
settle. Every browser test is bounded by a render deadline (a hang guard of 20 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.procstat import descendants
from monitor.extract.shell import needs_browser
from monitor.fetch import netguard
from monitor.fetch.browser import Browser, BrowserSettings, chromium_path
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Fetched, Outcome
from monitor.pipeline import Context, check
from tests.reliability_harness import Monitor, route_all
from tests.webserver import Site, loopback, serve

pytestmark = pytest.mark.browser

LOOPBACK = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=10.0)
# The page deadline is a hang guard: chromium on a loaded machine (two suites on two cores) took
# more than 6 s for a plain page, so it is generous; only the hung page waits it out.
FAST = BrowserSettings(deadline=20.0, settle=1.0)
SHELL = ("<!doctype html><html><head><title>Acme</title></head><body><div id=root></div>"
         "<noscript>You need to enable JavaScript to run this app.</noscript>"
         "<script src='/app.js'></script></body></html>")
APP_JS = """fetch('/api/company.json').then(r => r.json()).then(c => {
  document.getElementById('root').innerHTML =
    '<main><h1>' + c.name + '</h1><p>' + c.about + '</p>' +
    '<p>Contact: <a href="mailto:' + c.email + '">' + c.email + '</a></p>' +
    '<h2>Management</h2><ul>' + c.people.map(p => '<li>' + p[0] + ', ' + p[1] + '</li>').join('') +
    '</ul></main>';
});"""
ABOUT = ("Acme Orbital builds lunar landers and delivers payloads to the surface of the Moon "
         "for space agencies and companies around the world.")


def company(email: str, ceo: str) -> str:
    return json.dumps({"name": "Acme Orbital", "about": ABOUT, "email": email,
                       "people": [[ceo, "Chief Executive Officer"], ["Ann Lee", "CFO"]]})


@pytest.fixture
def app() -> Iterator[tuple[Site, str]]:
    with serve() as (site, base):
        site.set("/", SHELL)
        site.set("/app.js", APP_JS, content_type="text/javascript")
        site.set("/api/company.json", company("info@acme-orbital.example", "Jane Doe"),
                 content_type="application/json")
        yield site, base


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    assert chromium_path() is not None, "chromium is missing: run scripts/ensure-chromium"
    async with Browser(FAST) as b:
        yield b


def plain(body: str, content_type: str = "text/html") -> Fetched:
    return Fetched(url="https://acme.example/", final_url="https://acme.example/",
                   outcome=Outcome.OK, status=200, headers={"content-type": content_type},
                   body=body.encode())


def test_shells_and_noscript_walls_need_the_browser_server_pages_do_not() -> None:
    assert needs_browser(plain(SHELL))
    wall = ("<html><body><header><a href=/>Acme</a></header><noscript><p>Bitte aktivieren Sie "
            "JavaScript.</p></noscript><p>Bitte aktivieren Sie JavaScript.</p>"
            "<script src=a.js></script></body></html>")
    assert needs_browser(plain(wall))
    own_text = f"<html><body><p>{ABOUT * 5}</p><noscript>JavaScript is required</noscript>" \
               "<script src=a.js></script></body></html>"
    assert not needs_browser(plain(own_text))  # it has its text already
    served = f"<html><body><main><p>{ABOUT}</p><p>{ABOUT}</p></main><script>x()</script></body></html>"
    assert not needs_browser(plain(served))
    assert not needs_browser(plain("<html><body><p>short, no scripts</p></body></html>"))
    assert not needs_browser(plain("%PDF-1.7 <script>", "application/pdf"))


async def test_client_rendered_company_page_yields_facts_marked_rendered(
        app: tuple[Site, str], tmp_path: Path, browser: Browser) -> None:
    site, base = app
    mon = Monitor(tmp_path, base + "/", confirm=1)
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all, browser=browser)
        result = await check(mon.source, ctx)
    assert result.outcome is Outcome.OK, result.detail
    facts = mon.facts()
    assert ("email", "info@acme-orbital.example", None) in facts
    assert ("person", "Jane Doe", "CEO") in facts
    evidence = mon.db.execute("SELECT evidence FROM facts WHERE field = 'email'").fetchone()[0]
    assert evidence.startswith("rendered")
    assert [h.path for h in site.hits() if h.path != "/robots.txt"].count("/") == 1  # no refetch


async def test_without_a_browser_the_shell_stays_a_wall(app: tuple[Site, str], tmp_path: Path) -> None:
    _, base = app
    mon = Monitor(tmp_path, base + "/", confirm=1)
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all)
        result = await check(mon.source, ctx)
    assert result.outcome is Outcome.BLOCKED and not mon.facts()


async def test_a_change_made_only_by_script_is_recorded(
        app: tuple[Site, str], tmp_path: Path, browser: Browser) -> None:
    site, base = app
    mon = Monitor(tmp_path, base + "/", confirm=1)
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all, browser=browser)
        assert (await check(mon.source, ctx)).outcome is Outcome.OK
        site.set("/api/company.json", company("press@acme-orbital.example", "John Roe"),
                 content_type="application/json")
        second = await check(mon.source, ctx)
    changes = {(c.field, c.change.value, c.new) for c in second.changes}
    assert ("email", "modified", "press@acme-orbital.example") in changes, changes
    assert ("person", "added", "CEO") in changes
    shots = mon.db.execute("SELECT before, after FROM change_shots").fetchall()
    assert len(shots) == len(second.changes) and all(b and a and b != a for b, a in shots)
    images = mon.db.execute("SELECT hash, substr(image, 1, 8), boxes FROM screenshots").fetchall()
    assert {h for h, _, _ in images} == {shots[0][0], shots[0][1]}  # deduplicated by hash
    assert all(head == b"\x89PNG\r\n\x1a\n" for _, head, _ in images)
    boxes = {h: b for h, _, b in images}
    assert "info@acme-orbital.example" in boxes[shots[0][0]]  # where the old value sat
    assert "press@acme-orbital.example" in boxes[shots[0][1]]


async def test_hostile_page_cannot_reach_private_addresses(
        monkeypatch: pytest.MonkeyPatch, browser: Browser) -> None:
    """127.0.0.2 plays the public site; 127.0.0.1 is private and must never be reached."""
    real = netguard.is_public_address
    monkeypatch.setattr(netguard, "is_public_address", lambda a: a == "127.0.0.2" or real(a))
    with serve(address="127.0.0.2") as (public, base), serve() as (private, inside):
        port = base.rsplit(":", 1)[1]
        monkeypatch.setattr(netguard, "ALLOWED_PORTS", frozenset({80, 443, int(port)}))
        private.set("/secret", "<p id=s>SECRET-TOKEN</p>")
        private.set("/secret.js", "document.title = 'SECRET-TOKEN'", content_type="text/javascript")
        hostile = f"""<html><body><h1>Hello</h1><div id=out></div>
<script src="http://rebind.example:{port}/a.js"></script>
<script src="http://rebind.example:{port}/b.js"></script>
<script src="{inside}/secret.js"></script>
<img src="{inside}/secret"><iframe src="{inside}/secret"></iframe>
<script>
fetch('{inside}/secret').then(r => r.text()).then(t => out.textContent += t).catch(() => 0);
fetch('/post', {{method: 'POST', body: 'x'}}).catch(() => 0);
try {{ new WebSocket('ws://127.0.0.1:{inside.rsplit(":", 1)[1]}/'); }} catch (e) {{}}
if (navigator.serviceWorker) navigator.serviceWorker.register('/sw.js').catch(() => 0);
</script></body></html>"""
        public.set("/", hostile)
        public.set("/a.js", "out.textContent += 'A';", content_type="text/javascript")
        public.set("/b.js", "out.textContent += 'B';", content_type="text/javascript")
        answers = iter(["127.0.0.2", "127.0.0.1"] * 10)  # DNS rebinding: public, then private

        async def rebinding(host: str, port: int) -> list[str]:
            return [next(answers)] if host == "rebind.example" else ["127.0.0.2"]

        strict = FetchSettings(allow_private=False, min_host_delay=0.0, deadline=5.0)
        async with Fetcher(strict, resolver=rebinding) as fetcher:
            page = await fetcher.fetch(base + "/")
            assert page.outcome is Outcome.OK
            rendered = await browser.render(page, fetcher)
    assert rendered.outcome is Outcome.OK and rendered.render is not None
    assert private.hits() == [], private.hits()
    assert b"SECRET-TOKEN" not in rendered.body
    refused = "\n".join(rendered.render.refused)
    assert "ssrf_blocked" in refused and "method POST" in refused
    assert rendered.body.count(b"A") + rendered.body.count(b"B") >= 1  # one pinned to public


async def test_page_that_never_settles_is_read_and_a_hung_page_costs_one_check(
        app: tuple[Site, str], browser: Browser) -> None:
    site, base = app
    site.set("/poll", "<html><body><p id=n>0</p><script>let n = 0; setInterval(() => "
             "fetch('/api/company.json?' + n).then(() => { n++; "
             "document.getElementById('n').textContent = 'polled ' + n; }), 50);"
             "</script></body></html>")
    site.set("/hang", "<html><body><p>before</p><script>setTimeout(() => { for (;;) {} }, 0);"
             "</script></body></html>")
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        polling = await browser.render(await fetcher.fetch(base + "/poll"), fetcher)
        assert polling.outcome is Outcome.OK and b"polled" in polling.body
        hung = await browser.render(await fetcher.fetch(base + "/hang"), fetcher)
        assert (hung.outcome, hung.error) == (Outcome.ERROR, "render_timeout")
        again = await browser.render(await fetcher.fetch(base + "/"), fetcher)
    assert again.outcome is Outcome.OK and b"Jane Doe" in again.body


async def test_render_never_needs_chromium_for_pages_that_do_not_ask(
        app: tuple[Site, str], tmp_path: Path) -> None:
    """render: never keeps the shell as fetched even when a browser is at hand."""
    _, base = app
    mon = Monitor(tmp_path, base + "/", confirm=1)
    mon.source = replace(mon.source, options={"render": "never"})
    broken = Browser(replace(FAST, executable="/nonexistent/chromium"))
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all, browser=broken)
        result = await check(mon.source, ctx)
    await broken.aclose()
    assert result.outcome is Outcome.BLOCKED and broken.launches == 0


def test_extract_render_shows_what_the_browser_sees(
        app: tuple[Site, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from monitor.cli import main

    _, base = app
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    args = ["--sources", str(tmp_path / "none.yaml"), "--db", str(tmp_path / "m.db"),
            "extract", base + "/", "--json"]
    plain_run = CliRunner().invoke(main, args)
    rendered_run = CliRunner().invoke(main, [*args, "--render"])
    assert plain_run.exit_code == 1 and rendered_run.exit_code == 0, rendered_run.output
    def data(output: str) -> dict[str, Any]:
        found, _ = json.JSONDecoder().raw_decode(output[output.index("{"):])
        return dict(found)  # the JSON object, without the lines around it

    assert data(plain_run.output)["status"] == "blocked"
    seen = data(rendered_run.output)
    emails = [f for f in seen["facts"] if f["field"] == "email"]
    assert seen["status"] == "ok" and emails[0]["value"] == "info@acme-orbital.example"
    assert emails[0]["evidence"].startswith("rendered")


async def test_memory_ceiling_restarts_between_pages_never_under_one(app: tuple[Site, str]) -> None:
    """Over the ceiling, the browser is restarted once the pages still open are done."""
    _, base = app
    # Six pages in three at a time on a loaded machine: the page deadline is the default's
    # hang guard, not FAST's 6 s (what is asserted is the restart, not the speed).
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher, \
            Browser(replace(FAST, memory_mb=1, concurrency=3, deadline=45.0)) as browser:
        page = await fetcher.fetch(base + "/")
        first = await asyncio.gather(*(browser.render(page, fetcher) for _ in range(3)))
        second = await asyncio.gather(*(browser.render(page, fetcher) for _ in range(3)))
    assert all(r.outcome is Outcome.OK for r in (*first, *second)), [r.detail for r in second]
    assert browser.launches == 2


async def test_a_crashed_browser_costs_at_most_one_check(app: tuple[Site, str]) -> None:
    _, base = app
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher, Browser(FAST) as browser:
        page = await fetcher.fetch(base + "/")
        assert (await browser.render(page, fetcher)).outcome is Outcome.OK
        for pid in descendants(os.getpid()):  # chromium's processes, all started by this test
            with contextlib.suppress(OSError):  # one killed before may have taken this one along
                if "chrom" in Path(f"/proc/{pid}/comm").read_text():
                    os.kill(pid, signal.SIGKILL)
        after = [await browser.render(page, fetcher) for _ in range(2)]
    assert after[-1].outcome is Outcome.OK and b"Jane Doe" in after[-1].body
    assert [r.error for r in after].count(None) >= 1 and browser.launches == 2


async def test_a_server_rendered_page_is_pictured_when_it_changes(
        app: tuple[Site, str], tmp_path: Path, browser: Browser) -> None:
    """Not rendered to be read, but pictured on each change: before = the previous change's."""
    site, base = app
    page = "<html><body><main><h1>Acme Orbital</h1><p>{about}</p><p>Contact: {email}</p></main></body></html>"
    site.set("/about", page.format(about=ABOUT * 4, email="info@acme-orbital.example"))
    mon = Monitor(tmp_path, base + "/about", confirm=1)
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all, browser=browser)
        await check(mon.source, ctx)
        for email in ("press@acme-orbital.example", "hello@acme-orbital.example"):
            site.set("/about", page.format(about=ABOUT * 4, email=email))
            result = await check(mon.source, ctx)
            assert result.changes
    rows = mon.db.execute("SELECT s.before, s.after, c.new FROM change_shots s JOIN changes c"
                          " ON c.id = s.change_id WHERE c.field = 'email' ORDER BY c.id").fetchall()
    assert [new for _, _, new in rows] == ["press@acme-orbital.example", "hello@acme-orbital.example"]
    assert rows[0][0] is None and rows[1][0] == rows[0][1] != rows[1][1]
    evidence = mon.db.execute("SELECT evidence FROM facts WHERE field = 'email'").fetchone()[0]
    assert not evidence.startswith("rendered")


async def test_a_page_the_parser_pool_refuses_is_not_parsed_for_the_shell_test(
        app: tuple[Site, str], tmp_path: Path) -> None:
    """Markup nested past the pool's limit is refused unparsed, never tested for a shell."""
    site, base = app
    site.set("/deep", "<html><body>" + "<div>" * 6000 + "x<script src=a.js></script></body></html>")
    mon = Monitor(tmp_path, base + "/deep", confirm=1)
    broken = Browser(replace(FAST, executable="/nonexistent/chromium"))
    async with Fetcher(LOOPBACK, resolver=loopback) as fetcher:
        ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, route=route_all, browser=broken)
        await check(mon.source, ctx)
    await broken.aclose()
    assert broken.launches == 0
