"""Social accounts with a public feed of their own: ``mastodon``, ``bluesky``, ``youtube``.

Each is given the profile URL (or the feed URL itself). When the feed URL follows from the
profile URL it is fetched directly; otherwise the profile page is fetched once per check to
find its ``<link rel=alternate>`` feed (YouTube @handles, Bluesky handles).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, urlsplit

from monitor import normalize as nz
from monitor.extract import html as ht
from monitor.extract.walls import blocked, failed, redirected_to_wall
from monitor.models import Category, Fact, Fetched, Item, Observation, Outcome, Source
from monitor.sources._feeds import (
    FEED_ACCEPT,
    ParsedFeed,
    feed_links_in,
    looks_like_feed,
    parse_feed,
)
from monitor.sources.base import Kind

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

_CHANNEL_ID = re.compile(r"^UC[\w-]{10,40}$")


class NativeFeed(Kind):
    """Shared behaviour of the native-feed kinds (not registered itself)."""

    item_category: ClassVar[Category] = Category.POST
    default_every: ClassVar[str] = "6h"
    item_kind: ClassVar[str] = "post"

    def feed_url(self, url: str) -> str | None:
        """The feed of a profile URL when it can be derived without a request."""
        raise NotImplementedError

    async def fetch(self, source: Source, fetcher: Fetcher, etag: str | None,
                    last_modified: str | None) -> Fetched:
        """The feed; through the profile page's feed link when it cannot be derived."""
        direct = self.feed_url(source.url)
        if direct is not None:
            return await fetcher.fetch(direct, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
        page = await fetcher.fetch(source.url)
        if page.outcome is not Outcome.OK or redirected_to_wall(page):
            return page
        links = [u for u, _ in feed_links_in(page.body, page.final_url or source.url)]
        if not links:
            return page  # extract says the page has no feed
        return await fetcher.fetch(links[0], etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Entries of the feed as items; the channel title as the account's display name."""
        wall = redirected_to_wall(fetched)
        if wall:
            return blocked(wall)
        if not looks_like_feed(fetched.body):
            return self._not_a_feed(fetched)
        feed = parse_feed(fetched.body, fetched.content_type)
        if feed is None:
            return failed("the answer looks like a feed but cannot be read")
        facts = [Fact("display_name", nz.clip(feed.title, 200), None, f"feed title: {nz.clip(feed.title, 150)}")
                 ] if feed.title else []
        return Observation(facts=tuple(facts), items=tuple(self.items(feed)))

    def _not_a_feed(self, fetched: Fetched) -> Observation:
        tree = ht.parse(ht.decode(fetched.body, fetched.headers.get("content-type")))
        host = urlsplit(fetched.final_url or fetched.url).hostname or ""
        if host.startswith("consent."):
            return blocked(f"cookie consent wall at {host}")
        title = ht.title(tree)
        return failed(f"no feed: the answer is a page ({nz.clip(title, 80)!r}) without a feed link")

    def items(self, feed: ParsedFeed) -> list[Item]:
        """The feed's items as posts/videos of this account."""
        return [replace(i, kind=self.item_kind, publisher=i.publisher or feed.title or None)
                for i in feed.items]


class Mastodon(NativeFeed):
    """A Mastodon (or other fediverse) account's public posts, from its RSS feed (/@user.rss).

    Extracted: each public post (text, link, time) as an item; the account's display name.
    Not possible: followers-only posts, boosts, replies (not in the feed), follower counts.

    Options: url (https://<instance>/@<user>, or the .rss URL), every, confirm.
    Example:
        - kind: mastodon
          url: https://mastodon.social/@ispace
    """

    kind: ClassVar[str] = "mastodon"

    def feed_url(self, url: str) -> str | None:
        """``https://host/@user`` → ``https://host/@user.rss``."""
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        if path.endswith(".rss"):
            return url
        if re.fullmatch(r"/@[\w.]+", path) or re.fullmatch(r"/users/[\w.]+", path):
            return f"{parts.scheme}://{parts.netloc}{path}.rss"
        return None


class Bluesky(NativeFeed):
    """A Bluesky account's posts, from the RSS feed bsky.app publishes for every profile.

    Extracted: each post (text, link, time) as an item; the profile's display name.
    Not possible: replies and reposts (not in the feed), follower counts, likes.

    Options: url (https://bsky.app/profile/<handle or did>, or its /rss URL), every, confirm.
    Example:
        - kind: bluesky
          url: https://bsky.app/profile/ispace.bsky.social
    """

    kind: ClassVar[str] = "bluesky"

    def feed_url(self, url: str) -> str | None:
        """A DID profile's feed directly; a handle's via its page (which names the DID)."""
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if segments[-1:] == ["rss"]:
            return url
        if len(segments) == 2 and segments[0] == "profile" and segments[1].startswith("did:"):
            return f"{parts.scheme}://{parts.netloc}/profile/{segments[1]}/rss"
        return None


class YouTube(NativeFeed):
    """A YouTube channel's videos, from the channel's Atom feed (feeds/videos.xml).

    Extracted: each video (title, link, publication time) as an item; the
    channel's name. The feed lists the latest 15 videos.
    Not possible: subscriber counts, view counts over time, comments, shorts-only listings.

    Options: url (https://www.youtube.com/channel/UC…, /@handle, or the feed URL), every, confirm.
    Example:
        - kind: youtube
          url: https://www.youtube.com/channel/UCxbT_MqJPKWRTP3dbs0jSLw
    """

    kind: ClassVar[str] = "youtube"
    item_kind: ClassVar[str] = "video"

    def feed_url(self, url: str) -> str | None:
        """``/channel/UC…`` → ``/feeds/videos.xml?channel_id=UC…``; handles need the page."""
        parts = urlsplit(url)
        if parts.path.startswith("/feeds/videos.xml") and parse_qs(parts.query).get("channel_id"):
            return url
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) >= 2 and segments[0] == "channel" and _CHANNEL_ID.match(segments[1]):
            return f"{parts.scheme}://{parts.netloc}/feeds/videos.xml?channel_id={segments[1]}"
        return None
