"""What rendering costs: CPU and wall per rendered check vs a plain one, and browser memory.

    .venv/bin/python bench/render.py [--checks 20] [--concurrent 4] [--rounds 5]

A loopback site serves the same company page twice: server-rendered (``/ssr``) and as a
JavaScript shell that builds it from a JSON API (``/spa``: the shell, one script, one API
call). Both change on every request (a counter in the text), so every check goes the whole
way: fetch, (render,) extract, diff, record with a change (and, rendered, a screenshot).

1. Sequential checks of each kind through ``monitor.pipeline.check`` with a real SQLite file
   and the real Fetcher (politeness gap ``--gap``, 0 by default, robots on; production's 1 s
   also spaces the page's own requests to its host): wall per check, and CPU per check of
   this process plus every process below it (Playwright's driver, chromium and its
   renderers, counting children they reaped), from /proc.
2. ``--concurrent`` renders at once (BrowserSettings.concurrency set to match), ``--rounds``
   times, while a sampler reads every 50 ms the resident and proportional memory of the
   browser's processes: the peaks are the figures (RSS counts shared pages once per process;
   PSS splits them, so it is the truer total).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.procstat import descendants, pss_mb
from monitor.fetch.browser import Browser, BrowserSettings
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Company, Outcome, Source
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.store.sync import sync_config

ABOUT = "Acme Orbital builds lunar landers and delivers payloads to the surface of the Moon. " * 3
PEOPLE = [("Jane Doe", "Chief Executive Officer"), ("Ann Lee", "CFO"), ("Raj Patel", "CTO")]
SHELL = ("<!doctype html><html><head><title>Acme</title><link rel=stylesheet href=/s.css></head>"
         "<body><div id=root></div><script src=/app.js></script></body></html>")
APP = """fetch('/api.json').then(r => r.json()).then(c => { document.getElementById('root')
  .innerHTML = '<main><h1>Acme Orbital</h1><p>' + c.about + '</p><p>Visitors: ' + c.n +
  '</p><p>Contact: info@acme-orbital.example</p><ul>' +
  c.people.map(p => '<li>' + p[0] + ', ' + p[1] + '</li>').join('') + '</ul></main>'; });"""
TICK = os.sysconf("SC_CLK_TCK")


def _ssr(n: int) -> str:
    people = "".join(f"<li>{name}, {role}</li>" for name, role in PEOPLE)
    return (f"<!doctype html><html><head><title>Acme</title></head><body><main><h1>Acme Orbital"
            f"</h1><p>{ABOUT}</p><p>Visitors: {n}</p><p>Contact: info@acme-orbital.example</p>"
            f"<ul>{people}</ul></main></body></html>")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    counter = 0

    def do_GET(self) -> None:
        _Handler.counter += 1
        n = _Handler.counter
        path = self.path.split("?")[0]
        pages = {"/ssr": ("text/html", _ssr(n)), "/spa": ("text/html", SHELL),
                 "/app.js": ("text/javascript", APP), "/s.css": ("text/css", "h1{color:#246}"),
                 "/api.json": ("application/json",
                               json.dumps({"about": ABOUT, "n": n, "people": PEOPLE})),
                 "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n")}
        kind, body = pages.get(path, ("text/plain", "not found"))
        data = body.encode()
        self.send_response(200 if path in pages else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def _cpu_tree() -> float:
    """CPU seconds of this process and every live process below it, reaped children included."""
    total = time.process_time()
    for pid in descendants(os.getpid()):
        try:
            raw = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rfind(")") + 2:].split()
        total += sum(int(f) for f in fields[11:15]) / TICK
    return total


def _browser_memory() -> tuple[float, float]:
    """(RSS sum, PSS sum) in MiB of the Playwright driver and chromium processes below us."""
    rss = pss = 0.0
    for pid in descendants(os.getpid()):
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if "chrom" not in name and "node" not in name:
            continue
        rss += next((int(line.split()[1]) for line in status.splitlines()
                     if line.startswith("VmRSS:")), 0) / 1024
        pss += pss_mb(pid)
    return rss, pss


async def _checks(base: str, path: str, n: int, browser: Browser | None, tmp: Path,
                  gap: float) -> dict[str, float]:
    db = open_db(tmp / f"{path.strip('/')}.db")
    source = Source(id=f"acme:website:{path}", company="acme", kind="website", url=base + path,
                    every=3600.0, confirm=1, options={"render": "browser"} if browser else {})
    sync_config(db, [Company(slug="acme", name="ACME", sources=(source,))], "2026-01-01T00:00:00Z")
    settings = FetchSettings(allow_private=True, min_host_delay=gap)
    outcomes: dict[str, int] = {}
    async with Fetcher(settings) as fetcher:
        ctx = Context(db=db, fetcher=fetcher, clock=_Clock(), browser=browser)
        await check(source, ctx)  # baseline, and the browser's launch, outside the figures
        cpu, wall = _cpu_tree(), time.perf_counter()
        for _ in range(n):
            result = await check(source, ctx)
            outcomes[result.outcome.value] = outcomes.get(result.outcome.value, 0) + 1
        wall, cpu = time.perf_counter() - wall, _cpu_tree() - cpu
    db.close()
    assert outcomes.get(Outcome.OK.value) == n, outcomes
    return {"wall_ms": 1000 * wall / n, "cpu_ms": 1000 * cpu / n}


class _Clock:
    """An hour later at every reading, like a daily schedule compressed."""

    def __init__(self) -> None:
        from datetime import UTC, datetime
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> object:
        from datetime import timedelta
        self.now += timedelta(hours=1)
        return self.now


async def _memory(base: str, concurrent: int, rounds: int) -> dict[str, float]:
    settings = BrowserSettings(concurrency=concurrent)
    peak = {"rss_mb": 0.0, "pss_mb": 0.0}
    done = asyncio.Event()

    async def sample() -> None:
        while not done.is_set():
            rss, pss = await asyncio.to_thread(_browser_memory)
            peak["rss_mb"], peak["pss_mb"] = max(peak["rss_mb"], rss), max(peak["pss_mb"], pss)
            await asyncio.sleep(0.05)

    async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0.0)) as fetcher, \
            Browser(settings) as browser:
        page = await fetcher.fetch(base + "/spa")
        sampler = asyncio.create_task(sample())
        for _ in range(rounds):
            results = await asyncio.gather(*(browser.render(page, fetcher) for _ in range(concurrent)))
            assert all(r.outcome is Outcome.OK for r in results), [r.detail for r in results]
        done.set()
        await sampler
    return peak


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=20)
    parser.add_argument("--concurrent", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gap", type=float, default=0.0,
                        help="politeness gap between two requests to one host (production: 1.0)")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        plain = await _checks(base, "/ssr", args.checks, None, Path(tmp), args.gap)
        async with Browser(BrowserSettings()) as browser:
            rendered = await _checks(base, "/spa", args.checks, browser, Path(tmp), args.gap)
    memory = await _memory(base, args.concurrent, args.rounds)
    server.shutdown()
    print(f"plain check:    {plain['wall_ms']:7.1f} ms wall, {plain['cpu_ms']:7.1f} ms CPU "
          f"(mean of {args.checks}, politeness gap {args.gap:g} s)")
    print(f"rendered check: {rendered['wall_ms']:7.1f} ms wall, {rendered['cpu_ms']:7.1f} ms CPU "
          f"(this process + driver + chromium)")
    print(f"ratio:          {rendered['wall_ms'] / plain['wall_ms']:7.1f}x wall, "
          f"{rendered['cpu_ms'] / plain['cpu_ms']:7.1f}x CPU")
    print(f"{args.concurrent} concurrent renders x {args.rounds}: peak RSS {memory['rss_mb']:.0f} MiB"
          f" (sum), peak PSS {memory['pss_mb']:.0f} MiB (driver + chromium processes)")


if __name__ == "__main__":
    asyncio.run(main())
