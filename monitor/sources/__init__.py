"""Source kinds: one small class per kind, one explicit registry."""

from __future__ import annotations

from monitor.sources.base import Kind, SourceOptions
from monitor.sources.feed import Feed
from monitor.sources.website import Website

KINDS: dict[str, Kind] = {
    "website": Website(),
    "feed": Feed(),
}

__all__ = ["KINDS", "Kind", "SourceOptions"]
