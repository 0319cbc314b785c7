"""Debian's chromium, driven by Playwright: one browser per process, a fresh context per page.

Why Playwright over raw CDP: it is maintained against chromium's protocol changes and gives
request interception (``route``), websocket routing and service-worker blocking as options.
It is launched with ``executable_path`` (the system's chromium); nothing is ever downloaded.

Every request the page makes is fulfilled by ``monitor.fetch.render.Gate`` from our guarded
Fetcher, so the browser itself never talks to the network. As a second wall the browser is
started with a dead proxy and a resolver that knows no name: anything the interception would
miss fails instead of leaving the machine.

Bounds: ``concurrency`` pages at once, a wall-clock ``deadline`` per page, a V8 heap cap per
renderer, and a ceiling on the whole browser's resident memory. A page that overruns its
deadline or a browser that crashed or grew past the ceiling is closed and started afresh on
the next page; the page that hit it costs one check (``render_timeout``/``render_failed``).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.fetch import render
from monitor.fetch.chromium import DEFAULT_CHROMIUM as DEFAULT_CHROMIUM  # where it was
from monitor.fetch.chromium import chromium_path as chromium_path
from monitor.models import Fetched, Outcome

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

log = logging.getLogger(__name__)

# A proxy nobody listens on and a resolver that knows no name: the browser's own network
# stack can reach nothing; only what our route handler fulfils reaches the page.
_ISOLATION = ("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
              "--host-resolver-rules=MAP * ~NOTFOUND")
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--hide-scrollbars")


@dataclass(frozen=True)
class BrowserSettings:
    """Knobs of the browser; the defaults are the production policy."""

    executable: str = DEFAULT_CHROMIUM
    concurrency: int = 2  # pages at once: each renderer takes ~100-200 MB
    deadline: float = 45.0  # wall clock per page, fetches of its resources included
    settle: float = 3.0  # how long to wait for the network to go quiet after "load"
    heap_mb: int = 256  # V8 heap cap per renderer
    memory_mb: int = 1536  # resident memory of the whole browser before it is restarted
    gate: render.GateSettings = field(default_factory=render.GateSettings)
    shot: render.ShotSettings = field(default_factory=render.ShotSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> BrowserSettings | None:
        """The settings, or None when no chromium is installed (rendering then stays off)."""
        path = chromium_path(environ)
        return cls(executable=path) if path else None


class Browser:
    """The process's one chromium: renders fetched pages, restarts itself when it must."""

    def __init__(self, settings: BrowserSettings) -> None:
        self.settings = settings
        self._gate = asyncio.Semaphore(max(1, settings.concurrency))
        self._start = asyncio.Lock()
        self._playwright: Any = None
        self._browser: Any = None
        self._active = 0  # pages being rendered now
        self._idle = asyncio.Condition()
        self._restart_due = False  # over the memory ceiling: restart once no page is open
        self.launches = 0

    async def __aenter__(self) -> Browser:
        """``async with Browser(...)`` closes chromium at the end."""
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Close chromium and the Playwright driver."""
        await self.aclose()

    async def aclose(self) -> None:
        """Stop chromium and the Playwright driver (idempotent)."""
        await self._stop()
        if self._playwright is not None:
            playwright, self._playwright = self._playwright, None
            await _quietly(playwright.stop(), 10.0)

    async def render(self, fetched: Fetched, fetcher: Fetcher) -> Fetched:
        """``fetched`` (an OK HTML answer) as the browser sees it after its scripts ran.

        The body becomes the rendered DOM and ``render`` holds the screenshot; a page the
        browser could not render comes back as an ERROR outcome saying why.
        """
        async with self._gate:
            try:
                browser = await self._ensure()
            except Exception as exc:
                log.warning("chromium did not start: %r", exc)
                return _failed(fetched, "render_failed", f"chromium did not start: {exc}")
            self._active += 1
            try:
                return await self._render(browser, fetched, fetcher)
            finally:
                self._active -= 1
                async with self._idle:
                    self._idle.notify_all()

    async def _render(self, browser: Any, fetched: Fetched, fetcher: Fetcher) -> Fetched:
        """One page in a fresh context of ``browser``, under the deadline."""
        context = None
        try:
            async with asyncio.timeout(self.settings.deadline):
                context = await browser.new_context(**render.CONTEXT_OPTIONS)
                page, gate = await render.open_page(context, fetched, fetcher,
                                                    self.settings.gate,
                                                    settle=self.settings.settle)
                html, shot = await render.capture(page, gate, self.settings.shot)
                body = html.encode("utf-8")
        except TimeoutError:
            await self._discard(context, why="page did not finish in time")
            return _failed(fetched, "render_timeout",
                           f"the page did not render within {self.settings.deadline:g} s")
        except Exception as exc:  # a crashed renderer or browser: this check, not the process
            await self._discard(context, why=f"{type(exc).__name__}: {exc}")
            return _failed(fetched, "render_failed", f"{type(exc).__name__}: {exc}"[:300])
        await _quietly(context.close(), 10.0)
        self._restart_due = self._restart_due or self._over_ceiling()
        headers = {k: v for k, v in fetched.headers.items()
                   if k.lower() not in ("content-length", "transfer-encoding", "content-encoding")}
        headers["content-type"] = "text/html; charset=utf-8"
        # The validators describe the shell, not what its scripts load: forgetting them keeps
        # the next check from being answered "not modified" while the data moved on.
        return replace(fetched, body=body, headers=headers, render=shot, etag=None,
                       last_modified=None)

    async def _ensure(self) -> Any:
        """The running browser, launched (again) when there is none or it died."""
        async with self._start:
            if self._restart_due:  # let the pages still open finish, then start afresh
                async with self._idle:
                    await self._idle.wait_for(lambda: self._active == 0)
                self._restart_due = False
                await self._stop()
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            await self._stop()
            if self._playwright is None:
                from playwright.async_api import async_playwright

                self._playwright = await async_playwright().start()
            s = self.settings
            self._browser = await self._playwright.chromium.launch(
                executable_path=s.executable, headless=True, handle_sigint=False,
                handle_sigterm=False, handle_sighup=False, timeout=30_000,
                args=[*_FLAGS, *_ISOLATION, f"--js-flags=--max-old-space-size={s.heap_mb}"])
            self.launches += 1
            return self._browser

    async def _discard(self, context: Any, *, why: str) -> None:
        """Close a page's context; when even that hangs, restart the browser once no other
        page is open (those pages finish or hit their own deadline first)."""
        log.warning("render failed: %s", why)
        if context is not None and await _quietly(context.close(), 5.0):
            return
        self._restart_due = True

    async def _stop(self) -> None:
        """Close chromium; when it does not answer, its process goes with the driver."""
        if self._browser is not None:
            browser, self._browser = self._browser, None
            await _quietly(browser.close(), 10.0)

    def _over_ceiling(self) -> bool:
        """True once the browser's processes hold more memory than the ceiling."""
        used = browser_memory_mb()
        if used > self.settings.memory_mb:
            log.warning("chromium holds %.0f MB (ceiling %d MB): restarting it", used,
                        self.settings.memory_mb)
            return True
        return False


def render_status(environ: Mapping[str, str] | None = None) -> str:
    """One line for ``monitor status``: whether pages can be rendered, and with what."""
    path = chromium_path(environ)
    if path is None:
        return ("Rendering: off (no chromium; render: auto reads pages as fetched; "
                "run scripts/ensure-chromium to turn it on).")
    return f"Rendering: on (chromium at {path}; render: auto renders JavaScript shells)."


@asynccontextmanager
async def process_browser(settings: BrowserSettings | None) -> AsyncIterator[Browser | None]:
    """The process's browser (launched on first use), or None when chromium is absent
    (``settings`` None: ``Settings.browser()`` found none)."""
    if settings is None:
        yield None
        return
    async with Browser(settings) as browser:
        yield browser


def browser_memory_mb(root: int | None = None) -> float:
    """Proportional memory (PSS, MB) of the chromium processes descending from this process.

    PSS splits pages shared between chromium's processes among them; summing RSS instead
    counts the shared ones once per process, about twice the truth for a few renderers.
    """
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        names[pid] = stat[stat.index("(") + 1: stat.rindex(")")]
        parents[pid] = int(stat[stat.rindex(")") + 2:].split()[1])
    me = os.getpid() if root is None else root
    total = 0
    for pid, name in names.items():
        if "chrom" not in name:
            continue
        up, hops = parents.get(pid, 0), 0
        while up and up != me and hops < 64:
            up, hops = parents.get(up, 0), hops + 1
        if up == me:
            total += _pss_kb(pid)
    return total / 1024


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def _quietly(awaitable: Any, seconds: float) -> bool:
    """Await a clean-up step under a deadline; False when it failed or hung."""
    try:
        async with asyncio.timeout(seconds):
            await awaitable
        return True
    except Exception:
        return False


def _failed(fetched: Fetched, code: str, detail: str) -> Fetched:
    """The answer for a page the browser could not render: an error, never a change."""
    return replace(fetched, outcome=Outcome.ERROR, error=code, detail=detail, body=b"")
