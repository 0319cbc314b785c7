"""Discovery's parsers as worker tasks, so ``monitor add --discover`` parses like ``check``.

The worker registry ``PARSERS`` is the kinds registry plus two tasks that speak the same
wire format (an Observation): ``discover:page`` reads a homepage (``read_page``) into facts,
``discover:feed`` says whether a body is a feed and its title. ``BoundedParsers`` is the
parent's side: the size/depth precheck, the CPU and wall-clock limits and crash isolation of
``ParserPool`` apply to every page discovery reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from monitor.discover.page import PageFindings, read_page
from monitor.models import Fact, Fetched, Observation, Outcome, Source
from monitor.sources import KINDS
from monitor.sources._feeds import parse_feed
from monitor.workers.pool import ParserPool

PAGE, FEED = "discover:page", "discover:feed"


class _PageTask:
    """``read_page`` as facts: name, lang, country, feed (role: title), profile, about."""

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        page = read_page(fetched.body, fetched.headers.get("content-type"),
                         fetched.final_url or fetched.url)
        facts = [Fact(k, v) for k, v in (("name", page.name), ("lang", page.lang),
                                          ("country", page.country)) if v]
        facts += [Fact("feed", url, title) for url, title in page.feeds]
        facts += [Fact("profile", url, network) for network, url in page.profiles]
        facts += [Fact("about", url) for url in page.about]
        return Observation(facts=tuple(facts))


class _FeedTask:
    """Whether the body is a feed: OK with its title, or EXTRACTION_FAILED."""

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        feed = parse_feed(fetched.body, fetched.content_type)
        if feed is None:
            return Observation(Outcome.EXTRACTION_FAILED, detail="not a feed")
        return Observation(facts=(Fact("title", feed.title),))


PARSERS: Mapping[str, Any] = {**KINDS, PAGE: _PageTask(), FEED: _FeedTask()}
REGISTRY = "monitor.workers.tasks:PARSERS"


class BoundedParsers:
    """Discovery's parse hooks, run in a ParserPool started with ``registry=REGISTRY``."""

    def __init__(self, pool: ParserPool) -> None:
        self.pool = pool

    async def page(self, fetched: Fetched) -> PageFindings | str:
        """The page's findings, or why it was not read (refused, crashed, over a limit)."""
        url = fetched.final_url or fetched.url
        obs = await self.pool.extract(_task(PAGE, url), fetched)
        if obs.outcome is not Outcome.OK:
            return obs.detail or obs.outcome.value
        one = {f.field: f.value for f in obs.facts if f.field in ("name", "lang", "country")}
        return PageFindings(
            url=url, name=one.get("name"), lang=one.get("lang"), country=one.get("country"),
            feeds=tuple((f.value, f.role or "") for f in obs.facts if f.field == "feed"),
            profiles=tuple((f.role or "", f.value) for f in obs.facts if f.field == "profile"),
            about=tuple(f.value for f in obs.facts if f.field == "about"))

    async def feed_title(self, fetched: Fetched) -> str | None:
        """The feed's title ("" when it has none), or None when the body is not a feed."""
        obs = await self.pool.extract(_task(FEED, fetched.url), fetched)
        if obs.outcome is not Outcome.OK:
            return None
        return next((f.value for f in obs.facts if f.field == "title"), "")


def _task(kind: str, url: str) -> Source:
    return Source(id=f"{kind}:{url}"[:200], company="discover", kind=kind, url=url, every=0)
