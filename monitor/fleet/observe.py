"""Both ends of one remote check: the worker observes, the writer replays and concludes.

The worker runs the kind's own ``fetch`` through a ``Recorder`` (every request and its answer,
in order, through the source's proxy when it names one), renders the page in its browser when
the source asks for that (the pipeline's own ``rendered``), then extracts in its parser pool
unless the body is unchanged. The writer runs the ordinary ``pipeline.check`` with a ``Replay``
in place of the HTTP client, a ``Shown`` in place of the browser and the worker's observation
in place of the parser: diff, health, backoff and scheduling are the embedded code, not a
second copy of it.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from monitor.errors import ConfigError
from monitor.fetch.browser import Browser
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.proxies import ProxyFetchers
from monitor.fleet.codec import Answer, Order
from monitor.models import CheckResult, Fetched, Observation, Outcome, Render, Source
from monitor.pipeline import (
    Context,
    Extractor,
    body_hashes,
    check,
    cut_short,
    pictured,
    render_mode,
    rendered,
)
from monitor.sources.base import Kind

log = logging.getLogger("monitor.fleet")


class _Stand(Fetcher):
    """Something kinds can fetch through that is not the HTTP client itself."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        # no client of its own: it stands in for one. Kinds read their credentials (the X
        # token) from the settings; the writer's stand-ins hold none.
        self.settings = settings or FetchSettings()

    async def aclose(self) -> None:
        """Nothing to close."""

    def not_before(self, host: str) -> float | None:
        """No back-off of its own."""
        return None


class Recorder(_Stand):
    """The worker's Fetcher, noting every exchange for the answer."""

    def __init__(self, fetcher: Fetcher) -> None:
        super().__init__(fetcher.settings)
        self.fetcher = fetcher
        self.exchanges: list[tuple[str, Fetched]] = []

    def not_before(self, host: str) -> float | None:
        """The real client's back-off."""
        return self.fetcher.not_before(host)

    async def fetch(self, url: str, **options: Any) -> Fetched:
        """Fetch for real and note it."""
        fetched = await self.fetcher.fetch(url, **options)
        self.exchanges.append((url, fetched))
        return fetched


class Replay(_Stand):
    """The writer's Fetcher: gives back what the worker got for each URL, in order.

    A kind whose route depends on its process (an API token in the worker's environment only)
    may ask the writer's replay for a URL the worker never fetched: it then gets what the
    worker's kind made of its own exchanges, the value the observation was extracted from.
    """

    def __init__(self, exchanges: tuple[tuple[str, Fetched], ...],
                 final: Fetched | None = None) -> None:
        super().__init__()
        self._answers: dict[str, deque[Fetched]] = defaultdict(deque)
        for url, fetched in exchanges:
            self._answers[url].append(fetched)
        self._outcome = final

    async def fetch(self, url: str, **options: Any) -> Fetched:
        """The worker's answer for ``url``, else its final answer, else an internal error."""
        queue = self._answers.get(url)
        if queue:
            return queue.popleft()
        if self._outcome is not None:
            return self._outcome
        return Fetched(url=url, final_url=url, outcome=Outcome.ERROR, error="internal",
                       detail="the worker's answer holds no response for this URL")


class Shown(Browser):
    """The writer's browser: gives back what the worker's browser made of the page.

    The pipeline asks it exactly where it would ask a real browser (the same test on the
    same answer), so a page the worker rendered is recorded as rendered, and the worker's
    picture of a changed page is kept only when the diff records a change.
    """

    def __init__(self, page: Fetched | None = None, picture: Render | None = None) -> None:
        self._page, self._picture = page, picture  # no chromium of its own

    async def aclose(self) -> None:
        """Nothing to close."""

    async def render(self, fetched: Fetched, fetcher: Fetcher) -> Fetched:
        """The worker's rendered page, else ``fetched`` with its picture, else ``fetched``."""
        if self._page is not None:
            page, self._page = self._page, None
            return page
        return fetched if self._picture is None else replace(fetched, render=self._picture)


async def observe(order: Order, fetcher: Fetcher, extractor: Extractor,
                  kinds: Mapping[str, Kind], worker: str, *, browser: Browser | None = None,
                  proxies: ProxyFetchers | None = None) -> Answer:
    """Fetch, render and extract one order on a worker; nothing raises (errors are values)."""
    t0 = time.perf_counter()
    source = order.source
    observation: Observation | None = None
    fetched = shown = None
    picture: Render | None = None
    try:
        own = proxies.for_source(source.options, fetcher) if proxies else fetcher
    except ConfigError as exc:  # the proxy's URL lives in each worker's own environment
        own, fetched = fetcher, Fetched(url=source.url, final_url=source.url,
                                        outcome=Outcome.ERROR, error="proxy",
                                        detail=f"on worker {worker}: {exc}"[:300])
    recorder = Recorder(own)
    try:
        if fetched is None:
            # A page always rendered is asked for in full (as ``pipeline.check`` asks).
            full = render_mode(source, browser) == "browser"
            fetched = await kinds[source.kind].fetch(source, recorder,
                                                     None if full else order.etag,
                                                     None if full else order.last_modified)
            shown = await rendered(source, fetched, browser, own)
            if _worth_extracting(order, shown):
                observation = await extractor(source, replace(shown, render=None))
                if shown.render is None and observation.outcome is Outcome.OK:
                    picture = (await pictured(source, shown, browser, own)).render
    except Exception as exc:  # a kind's bug costs this check, never the worker
        log.exception("%s: observing failed", source.id)
        observation = Observation(outcome=Outcome.EXTRACTION_FAILED,
                                  detail=f"worker error: {exc!r}"[:300])
    return Answer(check_id=order.check_id, source_id=source.id,
                  exchanges=tuple(recorder.exchanges), final=fetched, observation=observation,
                  ms=(time.perf_counter() - t0) * 1000, worker=worker,
                  rendered=None if shown is fetched else shown, picture=picture)


def _worth_extracting(order: Order, fetched: Fetched) -> bool:
    """The writer's own test (pipeline.check): an OK, whole body that differs from the last.
    The same bytes as last time are known unchanged by their raw hash, without stripping."""
    if fetched.outcome is not Outcome.OK or cut_short(fetched):
        return False
    if not order.settled:
        return True
    return body_hashes(fetched.body, order.raw_hash, order.body_hash).page != order.body_hash


async def conclude(answer: Answer, source: Source, ctx: Context) -> CheckResult:
    """The CheckResult of a remote check, computed by the embedded pipeline (not recorded)."""
    async def given(_: Source, __: Fetched) -> Observation:
        if answer.observation is None:
            return Observation(outcome=Outcome.EXTRACTION_FAILED,
                               detail="the worker judged the page unchanged; checked again later")
        return answer.observation

    local = replace(ctx, fetcher=Replay(answer.exchanges, answer.final), extractor=given,
                    browser=Shown(answer.rendered, answer.picture))
    result = await check(source, local, dry_run=True)
    return replace(result, ms=result.ms + answer.ms)
