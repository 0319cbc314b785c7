"""Both ends of one remote check: the worker observes, the writer replays and concludes.

The worker runs the kind's own ``fetch`` through a ``Recorder`` (every request and its answer,
in order), then extracts in its parser pool unless the body is unchanged. The writer runs the
ordinary ``pipeline.check`` with a ``Replay`` in place of the HTTP client and the worker's
observation in place of the parser: diff, health, backoff and scheduling are the embedded
code, not a second copy of it.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fleet.codec import Answer, Order
from monitor.models import CheckResult, Fetched, Observation, Outcome, Source
from monitor.normalize import fingerprint, strip_volatile
from monitor.pipeline import Context, Extractor, check, cut_short
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


async def observe(order: Order, fetcher: Fetcher, extractor: Extractor,
                  kinds: Mapping[str, Kind], worker: str) -> Answer:
    """Fetch and extract one order on a worker; nothing raises (errors are values)."""
    t0 = time.perf_counter()
    source = order.source
    recorder = Recorder(fetcher)
    observation: Observation | None = None
    fetched: Fetched | None = None
    try:
        fetched = await kinds[source.kind].fetch(source, recorder, order.etag, order.last_modified)
        if _worth_extracting(order, fetched):
            observation = await extractor(source, fetched)
    except Exception as exc:  # a kind's bug costs this check, never the worker
        log.exception("%s: observing failed", source.id)
        observation = Observation(outcome=Outcome.EXTRACTION_FAILED,
                                  detail=f"worker error: {exc!r}"[:300])
    return Answer(check_id=order.check_id, source_id=source.id,
                  exchanges=tuple(recorder.exchanges), final=fetched, observation=observation,
                  ms=(time.perf_counter() - t0) * 1000, worker=worker)


def _worth_extracting(order: Order, fetched: Fetched) -> bool:
    """The writer's own test (pipeline.check): an OK, whole body that differs from the last."""
    if fetched.outcome is not Outcome.OK or cut_short(fetched):
        return False
    return not (order.settled and fingerprint(strip_volatile(fetched.body)) == order.body_hash)


async def conclude(answer: Answer, source: Source, ctx: Context) -> CheckResult:
    """The CheckResult of a remote check, computed by the embedded pipeline (not recorded)."""
    async def given(_: Source, __: Fetched) -> Observation:
        if answer.observation is None:
            return Observation(outcome=Outcome.EXTRACTION_FAILED,
                               detail="the worker judged the page unchanged; checked again later")
        return answer.observation

    local = replace(ctx, fetcher=Replay(answer.exchanges, answer.final), extractor=given)
    result = await check(source, local, dry_run=True)
    return replace(result, ms=result.ms + answer.ms)
