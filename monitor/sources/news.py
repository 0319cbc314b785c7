"""The ``news`` kind: a news search for the company's names, from Google News and GDELT."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar, Literal
from urllib.parse import parse_qs, quote_plus, urlsplit

from pydantic import Field

from monitor.extract.gdelt import GDELT_URL, gdelt_url, parse_gdelt
from monitor.extract.gnews import Story, parse_google, phrase_query
from monitor.extract.stories import merge
from monitor.extract.walls import blocked, failed
from monitor.models import Category, Fetched, Observation, Outcome, Source
from monitor.sources._bundle import bundle, is_bundle, unbundle
from monitor.sources._feeds import FEED_ACCEPT
from monitor.sources.base import Kind, SourceOptions

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

GOOGLE_NEWS = "https://news.google.com"
Provider = Literal["google", "gdelt"]


def _all_providers() -> list[Provider]:
    return ["google", "gdelt"]


class NewsOptions(SourceOptions):
    """Options of the news kind."""

    query: list[str] = Field(
        default_factory=list,
        description="Names to search for (the company's name and aliases), OR-ed as exact phrases; "
                    "empty: the q= of the url.")
    exclude: list[str] = Field(
        default_factory=list,
        description="Words or phrases: stories whose headline or publisher has one are dropped.")
    providers: list[Provider] = Field(
        default_factory=_all_providers, min_length=1,
        description="Where to search: google (Google News RSS) and/or gdelt (GDELT DOC API).")
    lang: str = Field("en", pattern=r"^[a-z]{2}$", description="Language, ISO 639-1 (en, de, ja).")
    country: str = Field("US", pattern=r"^[A-Z]{2}$", description="Google News edition, ISO 3166 (US, DE, JP).")
    gdelt_url: str = Field(GDELT_URL, pattern=r"^https?://", description="GDELT DOC API endpoint.")


def google_url(base: str, terms: list[str], exclude: list[str], lang: str, country: str) -> str:
    """The Google News RSS search URL for these names, e.g. for ``sources.yaml``."""
    q = phrase_query(terms, exclude)
    return (f"{base.rstrip('/')}/rss/search?q={quote_plus(q)}"
            f"&hl={lang}-{country}&gl={country}&ceid={country}:{lang}")


def query_terms(options: NewsOptions) -> list[str]:
    """The names searched for: the ``query`` option, else the url's q= as one phrase."""
    if options.query:
        return list(options.query)
    q = parse_qs(urlsplit(options.url).query).get("q", [""])[0]
    return [q] if q.strip() else []


class News(Kind):
    """News coverage of the company: a search for its names in Google News and GDELT.

    Extracted: one item per story, with headline, publisher, publication time and link.
    Google News titles read "Headline - Publisher"; the publisher (the feed's <source>) is
    split off. The same story from several publishers (a Google cluster, syndicated copies
    with the same headline) or from both providers is one item with several links, keyed by
    the normalised headline and its first publisher. Old-style Google links are decoded to
    the publisher's URL; newer ones cannot be decoded offline and stay Google links.
    Stories whose headline or publisher contains an `exclude` term are dropped.
    Not possible: full article text, paywalled content. Note that the Google News feed's own
    terms allow personal, non-commercial use only. If any configured provider fails or rate
    limits, the whole check is recorded as failed (nothing is mistaken for removed).

    Options: url (the Google News RSS search URL; `monitor add --discover` writes it),
    query (names), exclude, providers [google, gdelt], lang, country, gdelt_url.
    Example:
        - kind: news
          url: https://news.google.com/rss/search?q=%22ispace%22&hl=en-US&gl=US&ceid=US:en
          query: [ispace, ispace inc]
          exclude: [ispace.com.br]
          every: 1h
    """

    kind: ClassVar[str] = "news"
    Options: ClassVar[type[SourceOptions]] = NewsOptions
    item_category: ClassVar[Category] = Category.NEWS
    reports_removed_items: ClassVar[bool] = False
    empty_is_normal: ClassVar[bool] = True
    default_every: ClassVar[str] = "1h"

    def urls(self, source: Source) -> dict[str, str]:
        """Provider name → the URL fetched for it."""
        opts = self.options(source)
        assert isinstance(opts, NewsOptions)
        terms = query_terms(opts)
        parts = urlsplit(source.url)
        out: dict[str, str] = {}
        if "google" in opts.providers:
            base = f"{parts.scheme}://{parts.netloc}"
            out["google"] = (google_url(base, terms, opts.exclude, opts.lang, opts.country)
                             if opts.query else source.url)
        if "gdelt" in opts.providers and terms:
            out["gdelt"] = gdelt_url(opts.gdelt_url, terms, opts.exclude, opts.lang)
        return out

    async def fetch(self, source: Source, fetcher: Fetcher, etag: str | None,
                    last_modified: str | None) -> Fetched:
        """Every provider at once (they are different hosts); one bundle, all or nothing."""
        urls = self.urls(source)
        if list(urls) == ["google"]:
            return await fetcher.fetch(urls["google"], etag=etag, last_modified=last_modified,
                                       accept=FEED_ACCEPT)
        answers = await asyncio.gather(*(fetcher.fetch(u, accept=FEED_ACCEPT if n == "google"
                                                       else "application/json") for n, u in urls.items()))
        return bundle(source.url, list(zip(urls, answers, strict=True)))

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Items of every provider's answer, merged (see the class docs)."""
        opts = self.options(source)
        assert isinstance(opts, NewsOptions)
        if is_bundle(fetched):
            parts = unbundle(fetched)
            if parts is None:
                return failed("damaged bundle of provider answers")
            bodies = {name: (p.body, p.url) for name, p in parts.items()}
        else:
            bodies = {"google": (fetched.body, fetched.final_url or fetched.url)}
        stories: list[Story] = []
        for name, (body, url) in bodies.items():
            found = parse_google(body) if name == "google" else parse_gdelt(body)
            problem = _problem(name, found, url)
            if problem is not None:
                return problem
            assert isinstance(found, list)
            stories += found
        return Observation(outcome=Outcome.OK, items=merge(stories, opts.exclude))


def _problem(name: str, found: list[Story] | str | None, url: str) -> Observation | None:
    """Why a provider's answer is unusable, as an Observation; None when it is fine."""
    host = urlsplit(url).hostname or ""
    if host.startswith("consent.") or "/sorry/" in url:
        return blocked(f"{name}: consent or 'unusual traffic' wall at {url[:120]}")
    if found is None:
        return failed(f"{name}: the answer is not an RSS feed")
    if isinstance(found, str):
        if "limit requests" in found.lower():
            return blocked(f"{name}: rate limited: {found}")
        return failed(f"{name}: {found}")
    return None
