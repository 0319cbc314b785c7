"""The ``x`` kind: an X (Twitter) account: its profile card and, where possible, its posts."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from monitor import normalize as nz
from monitor.extract import html as ht
from monitor.extract import meta
from monitor.extract.metrics import check_thresholds, thresholds_field
from monitor.extract.own_links import own_profiles_in
from monitor.extract.structured import jsonld
from monitor.extract.walls import blocked, failed, redirected_to_wall, x_wall
from monitor.extract.x_page import from_jsonld, from_og
from monitor.models import Category, Fact, Fetched, Item, Observation, Outcome, Source
from monitor.sources._bundle import Part, bundle, is_bundle, unbundle
from monitor.sources._feeds import FEED_ACCEPT, ParsedFeed, looks_like_feed, parse_feed
from monitor.sources._x_api import (
    API_BASE,
    api_error,
    fetch_api,
    json_object,
    post_items,
    user_facts,
)
from monitor.sources.base import Kind, SourceOptions

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

METRICS = ("followers", "following", "posts")
AUTO = "auto"
_HANDLE = re.compile(r"^@?[A-Za-z0-9_]{1,15}$")
_STATUS = re.compile(r"/status(?:es)?/(\d{5,25})")
_NITTER_TITLE = re.compile(r"^(?P<name>.+?)\s*/\s*@\w{1,15}$")


class XOptions(SourceOptions):
    """Options of the x kind."""

    handle: str | None = Field(
        None, description="The account's handle (default: from the url), or auto: the X account "
                          "the web page at url links to, followed when it changes.")
    bridge: str | None = Field(
        None, description="A feed bridge URL template with {handle}, e.g. "
                          "https://rsshub.example/twitter/user/{handle} (RSSHub, Nitter).")
    api_base: str = Field(API_BASE, pattern=r"^https?://", description="X API v2 base URL.")
    max_posts: int = Field(10, ge=5, le=100, description="Posts read per check through the API.")
    thresholds: dict[str, float] = thresholds_field(METRICS)  # type: ignore[assignment]

    @field_validator("handle")
    @classmethod
    def _handle(cls, value: str | None) -> str | None:
        if value is not None and value != AUTO and not _HANDLE.fullmatch(value):
            raise ValueError("a handle is 1-15 letters, digits or _ (e.g. ispace_inc), or auto")
        return value.lstrip("@") if value else value

    @field_validator("bridge")
    @classmethod
    def _bridge(cls, value: str | None) -> str | None:
        if value is not None and ("{handle}" not in value or not value.startswith(("http://", "https://"))):
            raise ValueError("expected an http(s) URL template containing {handle}")
        return value

    @field_validator("thresholds")
    @classmethod
    def _known(cls, value: dict[str, float]) -> dict[str, float]:
        return check_thresholds(value, METRICS)


def handle_of(options: XOptions) -> str:
    """The account handle: the option, else the first path segment of the url."""
    if options.handle:
        return options.handle
    segments = [s for s in urlsplit(options.url).path.split("/") if s]
    return segments[0].lstrip("@") if segments else ""


class X(Kind):
    """An X (Twitter) account: the profile card, and posts through the API or a feed bridge.

    One route per check, in this order:
    1. the official X API v2, when MONITOR_X_BEARER_TOKEN is set in the environment: name,
       bio (links expanded), location, website, avatar; followers, following and post counts
       (metrics); the latest posts (items). Rate limits (x-rate-limit-*) are honoured: the
       next check waits for the reset.
    2. a feed bridge you run or trust (`bridge`: an RSSHub or Nitter URL template): posts.
    3. the public profile page: name, bio, location, website, avatar from its JSON-LD when
       served, else only name, bio and avatar from its OpenGraph tags; counts when present.
    Not possible without login or a token: posts from x.com itself, replies, followers lists.
    A login page or the empty "JavaScript is not available" shell is status `blocked`.
    With `handle: auto` the url is the company's web page instead: each check reads the X
    account it links to (header, footer, rel=me, JSON-LD sameAs) and follows it, recording it
    as the fact link.x, so a move from @a to @b is one `links` change and the posts that follow
    come from @b.

    Options: url (https://x.com/<handle>, or a web page with handle: auto), handle, bridge,
    api_base, max_posts, thresholds (followers, following, posts).
    Example:
        - kind: x
          url: https://x.com/ispace_inc
          bridge: https://rsshub.example/twitter/user/{handle}
          thresholds: {followers: 500}
        - kind: x
          url: https://ispace-inc.com/
          handle: auto
    """

    kind: ClassVar[str] = "x"
    Options: ClassVar[type[SourceOptions]] = XOptions
    item_category: ClassVar[Category] = Category.POST
    default_every: ClassVar[str] = "6h"

    def _opts(self, source: Source) -> XOptions:
        opts = self.options(source)
        assert isinstance(opts, XOptions)
        return opts

    async def fetch(self, source: Source, fetcher: Fetcher, etag: str | None,
                    last_modified: str | None) -> Fetched:
        """The API when a token is set, else the bridge, else the profile page.

        With ``handle: auto`` the url (the company's website) is fetched first and the X
        account it links to is the one read; both answers travel in one bundle.
        """
        opts = self._opts(source)
        handle, site = handle_of(opts), []
        if handle == AUTO:
            page = await fetcher.fetch(source.url)
            if page.outcome is not Outcome.OK:
                return replace(page, detail=f"website: {page.detail or page.error or page.outcome.value}")
            site = [("site", page)]
            found = linked_handle(page.body, page.headers.get("content-type"), page.final_url or source.url)
            if found is None:
                return bundle(source.url, site)  # extract says the site links to no X account
            handle, etag, last_modified = found, None, None
        routed = await self._route(opts, fetcher, handle, source.url, etag, last_modified)
        if isinstance(routed, Fetched):
            return routed
        if not site and len(routed) == 1 and routed[0][0] != "user":
            return routed[0][1]  # one plain answer: keeps conditional GET and a readable snapshot
        return bundle(source.url, site + routed)

    async def _route(self, opts: XOptions, fetcher: Fetcher, handle: str, url: str,
                     etag: str | None, last_modified: str | None) -> list[tuple[str, Fetched]] | Fetched:
        token = fetcher.settings.x_token  # read with the settings, at the command's start
        if token:
            return await fetch_api(fetcher, opts.api_base, handle, token, opts.max_posts)
        if opts.bridge:
            answer = await fetcher.fetch(opts.bridge.replace("{handle}", handle), etag=etag,
                                         last_modified=last_modified, accept=FEED_ACCEPT)
            name = "feed"
        else:
            profile = f"https://x.com/{handle}" if opts.handle == AUTO else url
            answer = await fetcher.fetch(profile, etag=etag, last_modified=last_modified)
            name = "page"
        return [(name, answer)] if answer.outcome is Outcome.OK else answer

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Read whichever route answered: API bundle, bridge feed or profile page."""
        handle = handle_of(self._opts(source))
        if not is_bundle(fetched):
            return _read(fetched, handle)
        parts = unbundle(fetched)
        if parts is None:
            return failed("damaged bundle of X answers")
        followed: list[Fact] = []
        if handle == AUTO:
            site = parts.get("site")
            found = linked_handle(site.body, site.content_type, site.url) if site else None
            if site is None or found is None:
                return failed("the website links to no X account (handle: auto)")
            handle = found
            followed = [Fact("link.x", f"https://x.com/{handle}", None, f"X link on {site.url}")]
        if "user" in parts:
            obs = _from_api(parts, handle)
        elif (answer := parts.get("feed") or parts.get("page")) is not None:
            obs = _read(Fetched(url=answer.url, final_url=answer.url, outcome=Outcome.OK,
                                status=answer.status, body=answer.body,
                                headers={"content-type": answer.content_type}), handle)
        else:
            return failed("no X answer in the bundle")
        return replace(obs, facts=obs.facts + tuple(followed)) if obs.outcome is Outcome.OK else obs


def linked_handle(body: bytes, content_type: str | None, url: str) -> str | None:
    """The X handle a web page presents as its own account (its first), None without one."""
    for network, link in own_profiles_in(body, content_type, url):
        if network == "x":
            return link.rsplit("/", 1)[-1]
    return None


def _read(fetched: Fetched, handle: str) -> Observation:
    """A bridge feed or a profile page, told apart by its content."""
    if looks_like_feed(fetched.body):
        feed = parse_feed(fetched.body, fetched.content_type)
        return _from_bridge(feed, handle) if feed else failed("bridge answer is not a feed")
    return _from_page(fetched)


def _from_api(parts: dict[str, Part], handle: str) -> Observation:
    user = json_object(parts["user"].body)
    problem = api_error(user)
    if problem is not None:
        return Observation(outcome=problem[0], detail=problem[1])
    facts, metrics = user_facts(user)
    items = post_items(json_object(parts["tweets"].body), handle) if "tweets" in parts else []
    if not facts:
        return failed("X API answer without a user")
    return Observation(facts=tuple(facts), metrics=tuple(metrics), items=tuple(items))


def _from_bridge(feed: ParsedFeed, handle: str) -> Observation:
    items: list[Item] = []
    for item in feed.items:
        m = _STATUS.search(item.url or item.key)
        key = f"x:{m.group(1)}" if m else f"x:{item.key}"
        url = f"https://x.com/{handle}/status/{m.group(1)}" if m else item.url
        items.append(replace(item, key=key, url=url, title=nz.clip(item.title, 140),
                             publisher=f"@{handle}", kind="post"))
    facts: list[Fact] = []
    if m2 := _NITTER_TITLE.match(feed.title):
        facts.append(Fact("display_name", m2.group("name"), None, f"bridge feed title: {feed.title}"))
    return Observation(facts=tuple(facts), items=tuple(items))


def _from_page(fetched: Fetched) -> Observation:
    wall = redirected_to_wall(fetched)
    if wall:
        return blocked(wall)
    page = ht.decode(fetched.body, fetched.headers.get("content-type"))
    tree = ht.parse(page)
    card = from_jsonld(jsonld(tree))
    if card is not None and card[0]:
        return Observation(facts=tuple(card[0]), metrics=tuple(card[1]))
    og = from_og(meta.tags(tree))
    if og is not None and og[0]:
        return Observation(facts=tuple(og[0]))
    wall = x_wall(ht.title(tree), page[:300_000])
    if wall:
        return blocked(wall)
    return Observation(outcome=Outcome.EXTRACTION_FAILED, detail="no X profile data in the page")
