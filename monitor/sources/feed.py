"""The ``feed`` kind: RSS, Atom and JSON Feed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from monitor.models import Category, Fetched, Item, Observation, Outcome, Source
from monitor.sources.base import Kind

if TYPE_CHECKING:
    from monitor.extract.feed import Entry

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)(?=[\s>])", re.I | re.S
)


class Feed(Kind):
    """A news or press-release feed: RSS 0.9x/1.0/2.0, Atom or JSON Feed.

    Every entry becomes an item keyed by its GUID, else its canonical link, else a hash of
    its content; new items are ``news`` changes, reordering is never a change.

    Options: url, every, confirm, ignore (regexes over titles).
    Example:
        - kind: feed
          url: https://ispace-inc.com/news/feed/
          every: 1h
    """

    kind: ClassVar[str] = "feed"
    item_category: ClassVar[Category] = Category.NEWS
    default_every: ClassVar[str] = "1h"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Items of the feed."""
        # The parsers load here, in the parser workers: a process that only fetches and
        # compares (an unchanged feed) never imports them.
        from monitor.extract.feed import NotAFeed, to_items

        opts = self.options(source)
        content_type = (
            fetched.headers.get("content-type") or fetched.headers.get("Content-Type") or ""
        )
        base = fetched.final_url or fetched.url
        try:
            items = to_items(read_entries(fetched.body, content_type), base)
        except NotAFeed as exc:
            return Observation(Outcome.EXTRACTION_FAILED, detail=str(exc)[:300])
        items = _without_ignored(items, opts.ignore)
        if not items:
            # An empty feed must read as "nothing to compare", never as "every item removed".
            return Observation(Outcome.EXTRACTION_FAILED, detail="feed has no entries")
        return Observation(Outcome.OK, items=tuple(sorted(items, key=lambda i: i.key)))


def read_entries(body: bytes, content_type: str = "") -> list[Entry]:
    """Entries of a feed body: JSON Feed, then the lean lxml path, then feedparser."""
    from monitor.extract.feed import NotAFeed, parse_xml
    from monitor.extract.feed_fallback import parse_json, parse_loose

    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NotAFeed("empty body")
    if head[:1] in (b"{", b"["):
        return parse_json(body)
    if _HTML_START.match(head):
        raise NotAFeed("expected a feed, got HTML")
    try:
        return parse_xml(body)
    except NotAFeed:
        return parse_loose(body, content_type)[0]


def _without_ignored(items: list[Item], patterns: list[str]) -> list[Item]:
    from monitor.extract.page import compile_patterns

    compiled = compile_patterns(patterns)
    return [i for i in items if not any(rx.search(i.title) for rx in compiled)]
