"""Feeds for the social kinds and discovery: sniffing, reading, finding them in pages.

Entries are read by the shared, hardened feed reader (``monitor.extract.feed`` via the feed
kind's ``read_entries``); this module adds what the social kinds need besides: a cheap
"is this a feed?" sniff, the channel's own title, and the feed links a page declares.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract.feed import NotAFeed, harden, to_items
from monitor.extract.html import decode, parse
from monitor.models import Item
from monitor.sources.feed import read_entries

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/feed+json", "application/json+feed", "application/x.atom+xml",
                        "application/x-rss+xml"})
_XML_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*\?>\s*)*"
                       rb"<(?:[\w-]+:)?(rss|feed|RDF)\b", re.S)


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its channel title and its entries as items (``monitor.extract.feed``)."""

    title: str
    items: tuple[Item, ...]


def looks_like_feed(body: bytes) -> bool:
    """True when the body starts like RSS, RDF, Atom or a JSON Feed."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if _XML_ROOT.match(head):
        return True
    return head.lstrip().startswith(b"{") and b"jsonfeed.org" in body[:65536].replace(b"\\/", b"/")


def channel_title(body: bytes) -> str:
    """The feed's own title (RSS channel, Atom feed, JSON Feed), "" when there is none."""
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        try:
            doc = json.loads(body.decode("utf-8", errors="replace"))
        except (ValueError, RecursionError):
            return ""
        return nz.text(str(doc.get("title") or "")) if isinstance(doc, dict) else ""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    try:
        root = etree.fromstring(harden(body), parser)
    except etree.XMLSyntaxError:
        return ""
    if root is None:
        return ""
    for path in ("channel/title", "{*}channel/{*}title", "{*}title"):
        node = root.find(path)
        if node is not None and node.text:
            return nz.text(node.text)
    return ""


def parse_feed(body: bytes, content_type: str = "") -> ParsedFeed | None:
    """The feed in ``body``, or None when it is not one (HTML, garbage, empty)."""
    if not looks_like_feed(body):
        return None
    try:
        entries = read_entries(body, content_type)
    except NotAFeed:
        return None
    return ParsedFeed(channel_title(body), tuple(to_items(entries, None)))


def feed_links(tree: LexborHTMLParser, base: str) -> list[tuple[str, str]]:
    """``(absolute URL, title)`` of every ``<link rel=alternate>`` feed the page declares."""
    found: list[tuple[str, str]] = []
    for node in tree.css("link[href]"):
        attrs = node.attributes
        rels = (attrs.get("rel") or "").lower().split()
        kind = (attrs.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_TYPES:
            continue
        url = nz.url(attrs.get("href") or "", base)
        if url.startswith(("http://", "https://")) and url not in (u for u, _ in found):
            found.append((url, nz.text(attrs.get("title") or "")))
    return found


def feed_links_in(body: bytes, base: str) -> list[tuple[str, str]]:
    """``feed_links`` of an HTML body."""
    return feed_links(parse(decode(body)), base)
