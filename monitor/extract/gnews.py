"""Google News RSS: stories with the publisher split off the title, clusters, decodable links.

Facts about the format (seen in real answers): a title is "Headline - Publisher" and the
``<source>`` element names the publisher, so the suffix is removed by that name (headlines
contain " - " themselves); a clustered story's ``<description>`` is an ``<ol>`` of related
articles from other publishers; a link is ``news.google.com/rss/articles/<token>`` where older
tokens carry the publisher's URL (or a YouTube id) in a small protobuf and newer ones do not.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz

_TOKEN = re.compile(r"/rss/articles/([A-Za-z0-9_-]{8,4000})")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")


@dataclass(frozen=True)
class Story:
    """One article as a provider lists it, before stories are merged into items."""

    title: str
    publisher: str  # display name ("ET Manufacturing"); the domain for GDELT
    domain: str  # the publisher's host without www: its identity
    link: str  # the article's own URL when known, else the provider's redirect link
    published: str | None  # ISO 8601 UTC
    provider: str
    related: tuple[tuple[str, str, str], ...] = ()  # (title, publisher, link) in the cluster


def domain_of(url: str) -> str:
    """Host of a URL without a leading www., lower-cased ("" when there is none)."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def phrase(term: str) -> str:
    """A search term as an exact phrase (inner quotes dropped)."""
    return '"' + nz.text(term).replace('"', "") + '"'


def phrase_query(terms: list[str], exclude: list[str]) -> str:
    """A Google News query: the names as OR-ed phrases, the excluded terms negated."""
    query = " OR ".join(phrase(t) for t in terms if nz.text(t))
    return query + "".join(f" -{phrase(t)}" for t in exclude if nz.text(t))


def split_title(title: str, publisher: str) -> str:
    """The headline without its " - Publisher" suffix (matched by the publisher's name)."""
    title, publisher = nz.text(title), nz.text(publisher)
    for sep in (" - ", " – ", " — "):
        if publisher and title.casefold().endswith((sep + publisher).casefold()):
            return title[: -len(sep + publisher)].strip()
    return title


def _varint(raw: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while at < len(raw) and shift < 35:
        byte = raw[at]
        value |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            return value, at
        shift += 7
    raise ValueError("bad varint")


def decode_link(link: str, publisher_url: str = "") -> str | None:
    """The publisher's URL inside an old-style Google News token, or None when opaque."""
    m = _TOKEN.search(link)
    if not m:
        return None
    token = m.group(1)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        if not raw or raw[0] != 0x08:
            return None
        _, at = _varint(raw, 1)
        if at >= len(raw) or raw[at] != 0x22:
            return None
        size, at = _varint(raw, at + 1)
        text = raw[at : at + size].decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if text.startswith(("https://", "http://")) and len(text) == size:
        return text
    if domain_of(publisher_url) in ("youtube.com", "m.youtube.com") and _YOUTUBE_ID.fullmatch(text):
        return f"https://www.youtube.com/watch?v={text}"
    return None


def rfc822_iso(value: str) -> str | None:
    """An RSS pubDate as ISO 8601 UTC, None when unreadable."""
    try:
        moment = parsedate_to_datetime(nz.text(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cluster(description: str) -> list[tuple[str, str, str]]:
    """(headline, publisher, link) of each article listed in an item's description."""
    if "<a" not in description:
        return []
    tree = LexborHTMLParser(description)
    rows = tree.css("li")
    if not rows and tree.body is not None:
        rows = [tree.body]
    out: list[tuple[str, str, str]] = []
    for row in rows:
        anchor, font = row.css_first("a[href]"), row.css_first("font")
        if anchor is None:
            continue
        publisher = nz.text(font.text()) if font is not None else ""
        out.append((split_title(anchor.text(), publisher), publisher, anchor.attributes.get("href") or ""))
    return out


def _text(item: etree._Element, tag: str) -> str:
    node = item.find(tag)
    return nz.text(node.text or "") if node is not None and node.text else ""


def parse_google(body: bytes) -> list[Story] | None:
    """Stories of a Google News RSS answer; None when the body is not RSS."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return None
    if root is None or root.tag != "rss" or root.find("channel") is None:
        return None
    stories: list[Story] = []
    for item in root.iter("item"):
        source = item.find("source")
        publisher = nz.text(source.text or "") if source is not None and source.text else ""
        source_url = nz.text(source.get("url", "")) if source is not None else ""
        google_link = _text(item, "link")
        title = split_title(_text(item, "title"), publisher)
        if not title:
            continue
        members = _cluster(_text(item, "description"))
        related = tuple(m for m in members if nz.fold(m[0]) != nz.fold(title) or m[1] != publisher)
        stories.append(Story(
            title=title, publisher=publisher or domain_of(source_url),
            domain=domain_of(source_url) or nz.fold(publisher),
            link=decode_link(google_link, source_url) or google_link,
            published=rfc822_iso(_text(item, "pubDate")), provider="google",
            related=tuple((t, p, decode_link(u) or u) for t, p, u in related),
        ))
    return stories
