"""One page in the browser: every request it makes answered by our guarded Fetcher.

``Gate`` is the route handler of a page's context. The document itself is the answer the
plain fetch already got (robots, SSRF and size checks done once, no second request); each
further request is fetched by the same ``Fetcher`` as any source, so the SSRF gate judges the
address actually connected to, robots.txt and politeness hold, and bodies are size-capped.
Only GET is carried out (a monitor reads, it never submits); images, media and fonts are not
loaded; websockets are closed unopened and service workers blocked by the context options.
A page's requests and bytes have budgets of their own, so a script cannot make it fetch the
web: what passes the budget is refused like any other guarded request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from monitor.models import Fetched, Outcome, Render

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

SKIPPED_TYPES = frozenset({"image", "media", "font", "manifest", "texttrack", "eventsource",
                           "websocket", "ping", "beacon", "csp_report"})
# Response headers a page may see; cookies are never stored, so neither is Set-Cookie.
_PASSED_HEADERS = ("content-type", "content-language", "last-modified", "cache-control")
CONTEXT_OPTIONS: dict[str, Any] = {
    "service_workers": "block", "accept_downloads": False, "java_script_enabled": True,
    "viewport": {"width": 1280, "height": 800}, "locale": "en-US", "reduced_motion": "reduce",
    "bypass_csp": False, "ignore_https_errors": False,
}
# Text blocks with their place on the page, for marking a changed value on the screenshot.
_BOXES_JS = """(limit) => {
  const out = [];
  const walker = document.createTreeWalker(document.body || document, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el && out.length < limit; el = walker.nextNode()) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3)
      .map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();
    if (!own || own.length > 300) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    out.push([Math.round(r.left + scrollX), Math.round(r.top + scrollY),
              Math.round(r.width), Math.round(r.height), own]);
  }
  return out;
}"""


@dataclass(frozen=True)
class GateSettings:
    """Budgets of one page's own requests."""

    max_requests: int = 120
    max_bytes: int = 20 * 1024 * 1024  # all bodies of one page together


@dataclass(frozen=True)
class ShotSettings:
    """The screenshot's bounds: PNG, one viewport wide, at most ``max_height`` tall."""

    max_height: int = 4000
    max_bytes: int = 1_500_000
    max_boxes: int = 400


@dataclass
class Gate:
    """The route handler of one page: the document from ``document``, the rest via ``fetcher``."""

    document: Fetched
    fetcher: Fetcher
    settings: GateSettings
    requests: int = 0
    bytes: int = 0
    refused: list[str] = field(default_factory=list)
    _served: bool = False

    async def handle(self, route: Any, request: Any) -> None:
        """Answer one request of the page, or refuse it."""
        url = request.url
        if request.is_navigation_request() and not self._served:
            self._served = True
            await route.fulfill(status=self.document.status or 200,
                                headers=_headers(self.document), body=self.document.body)
            return
        if request.resource_type in SKIPPED_TYPES:
            await route.abort("blockedbyclient")
            return
        reason = self._refusal(request)
        if reason is None:
            self.requests += 1
            answer = await self.fetcher.fetch(url, accept=request.headers.get("accept"))
            self.bytes += len(answer.body)
            if answer.status and answer.outcome is not Outcome.ERROR:
                await route.fulfill(status=answer.status, headers=_headers(answer),
                                    body=answer.body)
                return
            reason = answer.error or answer.outcome.value
        self.refused.append(f"{url[:200]}: {reason}")
        await route.abort("blockedbyclient")

    def _refusal(self, request: Any) -> str | None:
        """Why a request is not carried out at all, or None."""
        if request.method != "GET":
            return f"method {request.method} not carried out"
        if not request.url.startswith(("http://", "https://")):
            return "scheme not allowed"
        if self.requests >= self.settings.max_requests:
            return f"more than {self.settings.max_requests} requests"
        if self.bytes >= self.settings.max_bytes:
            return f"more than {self.settings.max_bytes} bytes"
        return None


def _headers(fetched: Fetched) -> dict[str, str]:
    """The response headers the page sees."""
    found = {k.lower(): v for k, v in fetched.headers.items()}
    return {k: found[k] for k in _PASSED_HEADERS if k in found}


async def _refuse_socket(socket: Any) -> None:
    """A websocket is closed without ever being opened to its server."""
    await socket.close(code=1008, reason="websockets are not carried out")


async def open_page(context: Any, fetched: Fetched, fetcher: Fetcher, settings: GateSettings,
                    *, settle: float) -> tuple[Any, Gate]:
    """A page of ``context`` showing ``fetched``, after its scripts ran and its network settled.

    A page that never settles (polling, long-lived requests) is read as it is once ``settle``
    seconds passed after its load event; the caller's deadline bounds everything else.
    """
    gate = Gate(fetched, fetcher, settings)
    await context.route("**/*", gate.handle)
    await context.route_web_socket("**/*", _refuse_socket)
    page = await context.new_page()
    page.set_default_timeout(settle * 1000 + 1)
    await page.goto(fetched.final_url or fetched.url, wait_until="commit", timeout=0)
    for state in ("load", "networkidle"):
        try:
            await page.wait_for_load_state(state, timeout=settle * 1000)
        except Exception as exc:  # Playwright's TimeoutError: read the page as it is
            if type(exc).__name__ != "TimeoutError":
                raise
    return page, gate


async def capture(page: Any, gate: Gate, settings: ShotSettings) -> tuple[str, Render]:
    """The rendered DOM and a Render (screenshot, text boxes, the gate's refusals).

    ``<noscript>`` goes first: a browser that ran the scripts never shows it, and its
    "enable JavaScript" notice would read as a wall.
    """
    await page.evaluate("() => document.querySelectorAll('noscript').forEach(n => n.remove())")
    html = await page.content()
    height = int(await page.evaluate("() => document.documentElement.scrollHeight") or 0)
    height = max(1, min(height, settings.max_height))
    clip = {"x": 0, "y": 0, "width": 1280, "height": height}
    shot = await page.screenshot(type="png", full_page=True, clip=clip, animations="disabled",
                                 caret="hide", timeout=10_000)
    if len(shot) > settings.max_bytes:  # a very busy page: keep the first screen only
        height = 800
        shot = await page.screenshot(type="png", timeout=10_000)
    if len(shot) > settings.max_bytes:
        shot, height = b"", 0
    boxes = await page.evaluate(_BOXES_JS, settings.max_boxes) if shot else []
    kept = [b for b in boxes if b[1] < height]
    return html, Render(screenshot=shot, width=1280 if shot else 0, height=height,
                        boxes=json.dumps(kept, ensure_ascii=False, separators=(",", ":")),
                        requests=gate.requests, refused=tuple(gate.refused[:50]))
