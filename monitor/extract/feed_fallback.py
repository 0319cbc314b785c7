"""Feed readers for what the lean lxml path refuses: JSON Feed, and ill-formed XML.

feedparser is handed the body as a *stream*: given bytes or a str it may treat them as a URL
or a file name and open it (feedparser ``api._open_resource``; R19). Author
and e-mail fields are cut short first, because feedparser's author-email regex is quadratic
(feedparser#562: ``"a@" + "a." * 16000`` costs seconds).
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import feedparser

from monitor.extract.feed import Entry, NotAFeed, harden

_LONG_PEOPLE = re.compile(
    rb"(<(?:[\w]+:)?(?:author|managingEditor|webMaster|creator|email|name|contributor)\b[^>]{0,200}>)"
    rb"([^<]{200})[^<]*",
    re.I,
)


def parse_json(body: bytes) -> list[Entry]:
    """Entries of a JSON Feed (version 1 or 1.1); raises NotAFeed for other JSON."""
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except RecursionError:  # "{"a":{"a":…" nested past the decoder's depth
        raise NotAFeed("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise NotAFeed(f"invalid JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("rss"), dict):
        return _rss_in_json(data["rss"])
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise NotAFeed("JSON but not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise NotAFeed("JSON Feed without an items list")
    return [_json_entry(item) for item in items if isinstance(item, dict)]


def _rss_in_json(rss: dict[str, Any]) -> list[Entry]:
    """Dave Winer's RSS-in-JSON (``{"rss": {"channel": {"item": [...]}}}``), as Scripting News serves."""
    channel = rss.get("channel")
    items = channel.get("item") if isinstance(channel, dict) else None
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise NotAFeed("RSS-in-JSON without items")
    return [
        Entry(
            guid=str(i.get("guid") or "")
            if not isinstance(i.get("guid"), dict)
            else str(i["guid"].get("value", "")),
            link=str(i.get("link") or ""),
            title=str(i.get("title") or ""),
            published=str(i.get("pubDate") or ""),
            summary=str(i.get("description") or ""),
        )
        for i in items
        if isinstance(i, dict)
    ]


def _json_entry(item: dict[str, Any]) -> Entry:
    def field(*keys: str) -> str:
        return next((str(item[k]) for k in keys if item.get(k) not in (None, "")), "")

    return Entry(
        guid=field("id"),
        link=field("url", "external_url"),
        title=field("title"),
        published=field("date_published", "date_modified"),
        summary=field("summary", "content_text", "content_html"),
    )


def parse_loose(body: bytes, content_type: str = "") -> tuple[list[Entry], str | None]:
    """Entries via feedparser's lenient parser, and its ``bozo`` complaint if it had one."""
    safe = _LONG_PEOPLE.sub(rb"\1\2", harden(body))
    result = feedparser.parse(
        io.BytesIO(safe),
        response_headers={"content-type": content_type or "application/xml"},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    if not result.get("version") and not result.entries:
        raise NotAFeed(f"not a feed: {result.get('bozo_exception', 'no feed elements found')}")
    bozo = str(result.get("bozo_exception")) if result.get("bozo") else None
    return [_fp_entry(e) for e in result.entries], bozo


def _fp_entry(e: Any) -> Entry:
    summary = e.get("summary") or ""
    if not summary and e.get("content"):
        summary = e["content"][0].get("value", "")
    source = e.get("source") or {}
    return Entry(
        guid=str(e.get("id") or ""),
        link=str(e.get("link") or ""),
        title=str(e.get("title") or ""),
        published=str(e.get("published") or e.get("updated") or e.get("created") or ""),
        summary=str(summary),
        publisher=str(source.get("title") or "") if isinstance(source, dict) else "",
    )
