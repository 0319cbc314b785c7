"""Discovery itself: fetch a homepage and the pages it links to, propose sources.

What it finds and proposes is described in the package's docstring (``monitor.discover``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urljoin

from ruamel.yaml import YAML

from monitor import normalize as nz
from monitor.discover import boards
from monitor.discover.page import PageFindings, read_page
from monitor.errors import MonitorError
from monitor.models import Fetched, Outcome
from monitor.sources._feeds import FEED_ACCEPT, parse_feed
from monitor.sources.news import GOOGLE_NEWS, google_url

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

PROBE_PATHS = ("/feed/", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/news/feed/", "/blog/feed/")
MAX_DECLARED = 5  # feeds checked per page; sites that declare more are rare and repetitive
SOURCE_NETWORKS = ("linkedin", "x", "mastodon", "bluesky", "youtube")
_REFUSED = frozenset({"ssrf_blocked", "unsafe_url", "redirect_blocked"})
_COUNTRY_OF = {"en": "US", "ja": "JP", "ko": "KR", "zh": "CN", "sv": "SE", "da": "DK", "cs": "CZ",
               "el": "GR", "uk": "UA", "he": "IL", "hi": "IN", "vi": "VN", "nb": "NO", "pt": "BR"}


class DiscoveryFailed(MonitorError):
    """The homepage could not be fetched or is not an HTML page."""


@dataclass(frozen=True)
class FoundFeed:
    """A feed discovery found, and whether fetching it showed a real feed."""

    url: str
    title: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Proposal:
    """What discovery found on a site."""

    homepage: str
    name: str | None
    lang: str
    country: str
    feeds: tuple[FoundFeed, ...] = ()
    profiles: tuple[tuple[str, str], ...] = ()  # (network, canonical URL)
    pages: tuple[str, ...] = ()  # website pages worth tracking (homepage, about page)
    boards: tuple[str, ...] = ()  # public job boards (careers kind)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def links_only(self) -> list[tuple[str, str]]:
        """Accounts recorded as links by the website kind rather than checked as sources."""
        return [(n, u) for n, u in self.profiles if n not in SOURCE_NETWORKS]

    def sources(self, terms: list[str]) -> list[dict[str, object]]:
        """Source mappings for sources.yaml; ``terms`` are the names the news search uses."""
        out: list[dict[str, object]] = [{"kind": "website", "url": u} for u in self.pages]
        out += [{"kind": "feed", "url": f.url} for f in self.feeds]
        out += [{"kind": "careers", "url": u} for u in self.boards]
        out += [{"kind": n, "url": u} for n, u in self.profiles if n in SOURCE_NETWORKS]
        if terms:
            url = google_url(GOOGLE_NEWS, terms, [], self.lang, self.country)
            out.append({"kind": "news", "url": url, "query": terms})
        return out

    def company(self, slug: str, name: str | None = None, aliases: tuple[str, ...] = (),
                tags: tuple[str, ...] = ()) -> dict[str, object]:
        """The company mapping ``add_company`` writes."""
        display = name or self.name or slug
        terms = list({nz.fold(t): t for t in (display, *aliases) if nz.text(t)}.values())
        block: dict[str, object] = {"slug": slug, "name": display}
        if aliases:
            block["aliases"] = list(aliases)
        if tags:
            block["tags"] = list(tags)
        block["sources"] = self.sources(terms)
        return block


async def _get(fetcher: Fetcher, url: str, accept: str | None = None) -> Fetched:
    return await fetcher.fetch(url, accept=accept)


class Parsers(Protocol):
    """How discovery parses what it fetched (``monitor.workers.tasks.BoundedParsers`` in the CLI)."""

    async def page(self, fetched: Fetched) -> PageFindings | str:
        """A page's findings, or why it was not read."""
        ...

    async def feed_title(self, fetched: Fetched) -> str | None:
        """The feed's title, or None when the body is not a feed."""
        ...


class InProcess:
    """Parsing in this process: for tests and trusted input only (no size, depth or CPU limit)."""

    async def page(self, fetched: Fetched) -> PageFindings | str:
        """``read_page`` of the fetched body."""
        return read_page(fetched.body, fetched.headers.get("content-type"),
                         fetched.final_url or fetched.url)

    async def feed_title(self, fetched: Fetched) -> str | None:
        """``parse_feed``'s title."""
        feed = parse_feed(fetched.body, fetched.content_type)
        return None if feed is None else feed.title


async def _verify(fetcher: Fetcher, parsers: Parsers, url: str, title: str,
                  note: str = "") -> FoundFeed | None:
    """Fetch a feed candidate: a feed → verified; unreachable → unverified; else None."""
    answer = await _get(fetcher, url, FEED_ACCEPT)
    if answer.outcome is Outcome.OK:
        feed_title = await parsers.feed_title(answer)
        if feed_title is None:
            return None
        return FoundFeed(answer.final_url or url, title or feed_title, True, note)
    if answer.outcome in (Outcome.GONE, Outcome.NOT_MODIFIED) or answer.error in _REFUSED:
        return None  # gone, or an address the fetch policy will never allow
    return FoundFeed(url, title, False, f"not verified: {answer.error or answer.outcome.value}")


async def _feeds(fetcher: Fetcher, parsers: Parsers, pages: list[PageFindings],
                 homepage: str) -> list[FoundFeed]:
    declared: list[tuple[str, str]] = []
    for page in pages:
        declared += [f for f in page.feeds if f[0] not in (u for u, _ in declared)]
    found: list[FoundFeed] = []
    for url, title in declared[:MAX_DECLARED]:
        feed = await _verify(fetcher, parsers, url, title)
        if feed is not None and feed.url not in (f.url for f in found):
            found.append(feed)
    if declared:
        return found
    for path in PROBE_PATHS:
        feed = await _verify(fetcher, parsers, urljoin(homepage, path), "",
                             "found at a common path")
        if feed is not None and feed.verified:
            return [feed]
    return []


async def discover(url: str, fetcher: Fetcher, parsers: Parsers | None = None) -> Proposal:
    """Fetch a homepage (and one about page) and propose sources (see the module docs)."""
    parsers = parsers or InProcess()
    home = await _get(fetcher, url)
    if home.outcome is not Outcome.OK:
        raise DiscoveryFailed(f"cannot fetch {url}: {home.outcome.value}: {home.detail or home.error}")
    if "html" not in home.content_type and b"<html" not in home.body[:4096].lower():
        raise DiscoveryFailed(f"{url} is not an HTML page ({home.content_type or 'no content type'})")
    homepage = home.final_url or url
    first = await parsers.page(home)
    if isinstance(first, str):
        raise DiscoveryFailed(f"{url}: the page was not read: {first}")
    pages, notes, tracked = [first], [], [homepage]
    for about in first.about[:1]:
        answer = await _get(fetcher, about)
        read = await parsers.page(answer) if answer.outcome is Outcome.OK \
            and "html" in answer.content_type else None
        if isinstance(read, PageFindings):
            pages.append(read)
            tracked.append(answer.final_url or about)
        elif isinstance(read, str):
            notes.append(f"about page {about}: not read: {read}")
        else:
            notes.append(f"about page {about}: {answer.outcome.value} {answer.error or ''}".strip())
    profiles: list[tuple[str, str]] = []
    for page in pages:
        profiles += [p for p in page.profiles if p not in profiles]
    found_boards, careers_pages = await _boards(fetcher, home, homepage)
    tracked += [u for u in careers_pages if u not in tracked]
    lang = first.lang or "en"
    return Proposal(
        homepage=homepage,
        name=next((p.name for p in pages if p.name), None),
        lang=lang,
        country=first.country or _COUNTRY_OF.get(lang, lang.upper()),
        feeds=tuple(await _feeds(fetcher, parsers, pages, homepage)),
        profiles=tuple(profiles),
        pages=tuple(tracked),
        boards=tuple(found_boards),
        notes=tuple(notes),
    )


async def _boards(fetcher: Fetcher, home: Fetched, homepage: str) -> tuple[list[str], list[str]]:
    """Job boards linked from the homepage or from its careers page; a careers page without
    a board is proposed as a website source (its job rows and JobPosting data are items)."""
    found, careers = boards.find(home.body, home.headers.get("content-type"), homepage)
    if found or not careers:
        return found, []
    answer = await _get(fetcher, careers[0])
    if answer.outcome is not Outcome.OK:
        return [], []
    page = answer.final_url or careers[0]
    found, _ = boards.find(answer.body, answer.headers.get("content-type"), page)
    return found, [] if found else [page]


def render(block: dict[str, object]) -> str:
    """A company mapping as the YAML lines ``monitor add`` would append."""
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096  # long URLs stay on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump([block], out)
    return out.getvalue()

__all__ = ["DiscoveryFailed", "FoundFeed", "InProcess", "Parsers", "Proposal", "discover", "render"]
