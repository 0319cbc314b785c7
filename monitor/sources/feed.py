"""The ``feed`` kind: RSS, Atom and JSON Feed."""

from __future__ import annotations

from typing import ClassVar

from monitor.models import Category, Fetched, Observation, Source
from monitor.sources.base import Kind


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
        raise NotImplementedError
