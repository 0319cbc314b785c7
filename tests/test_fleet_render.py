"""What the embedded path guards, held on a fleet worker: rendering and named proxies.

A real redis-server, the writer and a worker in-process (the worker on its own thread and
loop, as in ``monitor worker``), loopback web apps, and Debian's chromium where a page is
rendered. Every wait is bounded well past the short render deadline used here.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from monitor.clock import utcnow
from monitor.fetch.browser import Browser, BrowserSettings, chromium_path
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fleet.codec import MAX_SHOT, Answer, CodecError, Order, decode_answer, encode_answer
from monitor.fleet.observe import observe
from monitor.fleet.settings import FleetSettings
from monitor.fleet.worker import FleetWorker
from monitor.fleet.writer import FleetRunner
from monitor.models import CheckResult, Fetched, Outcome, Render, Source
from monitor.pipeline import Context, extract_inline
from monitor.scheduler.reload import ConfigWatcher
from monitor.sources import KINDS
from monitor.store.db import open_db
from tests.test_fleet_support import HEARTBEAT_S, RedisServer, redis_server
from tests.test_proxy import PASSWORD, USER, ProxyLog, socks5
from tests.test_render import APP_JS, SHELL, company
from tests.webserver import serve

__all__ = ["redis_server"]  # a fixture, imported for pytest

GUARD = 60.0  # seconds for one check through the fleet; each normally takes one or two
NO_CHROMIUM = {"MONITOR_CHROMIUM": "/nonexistent/chromium"}
# The script also posts: the page's gate refuses it, and the refusal travels in the answer.
POSTING_JS = APP_JS + "\nfetch('/api/track', {method: 'POST', body: 'x'});"
SERVER_PAGE = ("<html><body><main><h1>Acme Orbital</h1><p>Acme Orbital builds lunar landers."
               "</p><p>Contact: <a href='mailto:{0}'>{0}</a></p></main></body></html>")


def yaml(base: str, sources: Mapping[str, str]) -> str:
    """One company per path, each a website source with extra option lines."""
    rows = "".join(f"""\
  - slug: {slug}
    name: {slug.title()}
    sources:
      - kind: website
        url: {base}/{slug}
        every: 1h
        confirm: 1
{extra}""" for slug, extra in sources.items())
    return f"companies:\n{rows}"


@asynccontextmanager
async def fleet(tmp: Path, server: RedisServer, text: str, *, fetch: FetchSettings,
                environ: Mapping[str, str],
                browser: BrowserSettings | None = None) -> AsyncIterator[tuple[FleetRunner, Database]]:
    """A writer on the test's loop and one worker on its own thread, sharing the server."""
    (tmp / "sources.yaml").write_text(text)
    db = open_db(tmp / "monitor.db")
    watcher = ConfigWatcher(tmp / "sources.yaml", db, utcnow, allow_private=True)
    watcher.load()
    settings = FleetSettings(url=server.url, heartbeat_s=HEARTBEAT_S,
                             maintenance_per_million=1_000_000)
    worker = FleetWorker(settings, fetch, concurrency=2, browser=browser, environ=environ,
                         name="w1")
    await asyncio.to_thread(worker.start)
    try:
        ctx = Context(db=db, fetcher=FleetRunner.stand_in(), clock=utcnow)
        async with FleetRunner(settings, ctx, watcher) as runner:
            yield runner, db
    finally:
        await asyncio.to_thread(worker.stop)
        db.close()


async def through(runner: FleetRunner, source_id: str) -> CheckResult:
    """One check of a configured source, sent to the worker and recorded by the writer."""
    return await asyncio.wait_for(runner.check(runner.watcher.sources[source_id]), GUARD)


def test_the_rendered_page_travels_in_the_answer_and_is_checked_on_decode() -> None:
    shot = Render(screenshot=b"\x89PNG-bytes", width=1280, height=40, boxes="[[0,0,9,9,\"a\"]]",
                  requests=3, refused=("http://x/api: method POST not carried out",))
    page = Fetched(url="u", final_url="u", outcome=Outcome.OK, status=200, body=b"<html>dom",
                   render=shot)
    answer = Answer(check_id="c", source_id="s", exchanges=(), final=None, observation=None,
                    ms=1.0, worker="w", rendered=page, picture=replace(shot, on_change=True))
    back = decode_answer(encode_answer(answer))
    assert back.rendered == page and back.picture == answer.picture
    huge = replace(answer, picture=replace(shot, screenshot=b"\0" * (MAX_SHOT + 1)))
    with pytest.raises(CodecError, match="screenshot larger than the browser keeps"):
        decode_answer(encode_answer(huge))


@pytest.mark.browser
async def test_a_worker_renders_script_built_pages_and_pictures_changed_ones(
        tmp_path: Path, redis_server: RedisServer) -> None:
    """The shell page is read as its script builds it (facts marked rendered, its POST kept
    from the site); a changed server-rendered page is pictured, as when embedded."""
    path = chromium_path()
    assert path is not None, "chromium is missing: run scripts/ensure-chromium"
    browser = BrowserSettings(executable=path, deadline=10.0, settle=1.0)
    fetch = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=10.0)
    with serve() as (site, base):
        site.set("/app", SHELL)
        site.set("/app.js", POSTING_JS, content_type="text/javascript")
        site.set("/api/company.json", company("info@acme-orbital.example", "Jane Doe"),
                 content_type="application/json")
        site.set("/about", SERVER_PAGE.format("info@about.example"))
        text = yaml(base, {"app": "        render: auto\n", "about": ""})
        async with fleet(tmp_path, redis_server, text, fetch=fetch, environ={},
                         browser=browser) as (runner, db):
            (app_id,) = [s for s in runner.watcher.sources if s.startswith("app:")]
            (about_id,) = [s for s in runner.watcher.sources if s.startswith("about:")]
            first = await through(runner, app_id)
            assert first.outcome is Outcome.OK, first.detail
            await through(runner, about_id)
            site.set("/api/company.json", company("press@acme-orbital.example", "Jane Doe"),
                     content_type="application/json")
            site.set("/about", SERVER_PAGE.format("press@about.example"))
            app, about = await through(runner, app_id), await through(runner, about_id)
            evidence = dict(db.execute("SELECT source, evidence FROM facts"
                                       " WHERE field = 'email'").fetchall())
            shots = db.execute("SELECT c.source, s.after FROM change_shots s JOIN changes c"
                               " ON c.id = s.change_id WHERE c.field = 'email'").fetchall()
    assert ("email", "press@acme-orbital.example") in {(c.field, c.new) for c in app.changes}
    assert evidence[app_id].startswith("rendered") and not evidence[about_id].startswith("rendered")
    assert ("email", "press@about.example") in {(c.field, c.new) for c in about.changes}
    assert {sid for sid, after in shots if after} == {app_id, about_id}  # both pictured
    assert first.fetched.render is None  # the body is dropped once recorded, as embedded
    refused = [h for h in site.hits() if h.path == "/api/track"]
    assert not refused  # the POST never left the browser


@pytest.mark.browser
async def test_a_render_refusal_reaches_the_writer_in_the_answer() -> None:
    """The answer the writer decodes holds the worker's DOM, screenshot and refusals."""
    path = chromium_path()
    assert path is not None, "chromium is missing: run scripts/ensure-chromium"
    with serve() as (site, base):
        site.set("/", SHELL)
        site.set("/app.js", POSTING_JS, content_type="text/javascript")
        site.set("/api/company.json", company("info@acme-orbital.example", "Jane Doe"),
                 content_type="application/json")
        source = Source("a:website:1", "a", "website", f"{base}/", 3600)
        async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0)) as fetcher, \
                Browser(BrowserSettings(executable=path, deadline=10.0, settle=1.0)) as browser:
            answer = await observe(Order(check_id="c", source=source), fetcher, extract_inline,
                                   KINDS, "w", browser=browser)
    back = decode_answer(encode_answer(answer))
    assert back.rendered is not None and back.rendered.render is not None
    assert b"info@acme-orbital.example" in back.rendered.body
    assert back.rendered.render.screenshot.startswith(b"\x89PNG")
    assert any("POST not carried out" in r for r in back.rendered.render.refused)


async def test_a_worker_fetches_through_its_own_proxy_and_the_fleet_gate(
        tmp_path: Path, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The proxy's URL and password live in the worker's environment only; its fetches keep
    the fleet-wide gap; a proxy the worker does not know costs that check in one line."""
    log = ProxyLog()
    proxy = await asyncio.start_server(lambda r, w: socks5(log, r, w), "127.0.0.1", 0)
    url = f"socks5://{USER}:{PASSWORD}@127.0.0.1:{proxy.sockets[0].getsockname()[1]}"
    # The scheduler's configuration only checks that the name is known there.
    monkeypatch.setenv("MONITOR_PROXY_URL_CORP", "socks5://127.0.0.1:9")
    monkeypatch.setenv("MONITOR_PROXY_URL_ELSEWHERE", "socks5://127.0.0.1:9")
    delay = 0.3
    fetch = FetchSettings(allow_private=True, min_host_delay=delay, robots=False)
    try:
        with serve() as (site, base):
            for slug in ("one", "two", "far"):
                site.set(f"/{slug}", SERVER_PAGE.format(f"info@{slug}.example"))
            text = yaml(base, {"one": "        proxy: corp\n", "two": "        proxy: corp\n",
                               "far": "        proxy: elsewhere\n"})
            env = dict(NO_CHROMIUM, MONITOR_PROXY_URL_CORP=url)
            async with fleet(tmp_path, redis_server, text, fetch=fetch,
                             environ=env) as (runner, _):
                ids = sorted(runner.watcher.sources)
                results = await asyncio.gather(*(through(runner, i) for i in ids))
            starts = sorted(h.at for h in site.hits() if h.path in ("/one", "/two"))
        stored = redis_server.client().get("monitor:next:127.0.0.1")
    finally:
        proxy.close()
    by_slug = {r.source.company: r for r in results}
    assert by_slug["one"].outcome is Outcome.OK and by_slug["two"].outcome is Outcome.OK
    assert {"/one", "/two"} <= set(log.requests) and "/far" not in log.requests
    assert stored is not None  # the proxied requests took the fleet's turn for the host
    assert all(b - a >= delay * 0.95 for a, b in itertools.pairwise(starts)), starts
    far = by_slug["far"]
    assert far.outcome is Outcome.ERROR and far.fetched.error == "proxy"
    assert "MONITOR_PROXY_URL_ELSEWHERE" in (far.detail or "") and PASSWORD not in repr(results)
