"""Source kinds: one small class per kind, one explicit registry."""

from __future__ import annotations

from monitor.sources.base import Kind, SourceOptions
from monitor.sources.careers import Careers
from monitor.sources.feed import Feed
from monitor.sources.linkedin import LinkedIn
from monitor.sources.native import Bluesky, Mastodon, YouTube
from monitor.sources.news import News
from monitor.sources.website import Website
from monitor.sources.x import X

KINDS: dict[str, Kind] = {
    "website": Website(),
    "feed": Feed(),
    "news": News(),
    "linkedin": LinkedIn(),
    "x": X(),
    "mastodon": Mastodon(),
    "bluesky": Bluesky(),
    "youtube": YouTube(),
    "careers": Careers(),
}

__all__ = ["KINDS", "Kind", "SourceOptions"]
