"""Feeds → items: a lean, hardened lxml walk first, feedparser and JSON Feed as fallbacks.

The lxml path parses RSS 0.9x/1.0/2.0 and Atom in about 2 ms per 50 entries (feedparser
takes 30–60 ms). It never resolves entities or fetches anything: the DOCTYPE (with any
``<!ENTITY>`` declarations, the billion-laughs vector) is cut off the bytes before parsing,
HTML named entities (``&nbsp;``) are rewritten to numeric ones, UTF-16/32 input is re-encoded
as UTF-8 first so nothing hides in the encoding. Anything lxml rejects goes to
``feed_fallback`` (feedparser, given the bytes as a stream, never a URL or a path).

Item identity: GUID/id, else the canonical link, else ``xxh:`` + a hash of title and date.
"""

from __future__ import annotations

import codecs
import html as htmllib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.entities import name2codepoint

from dateutil import parser as dateparser
from lxml import etree

from monitor import normalize as nz
from monitor.extract import dates
from monitor.models import Item

TITLE_LIMIT = 500
SUMMARY_LIMIT = 2000
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.S | re.I)
_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z][A-Za-z0-9]{1,31});")
_XML_DECL_ENCODING = re.compile(r"^(<\?xml[^>]*?encoding\s*=\s*)[\"'][\w.:-]+[\"']")
_GNEWS_FONT = re.compile(r'<font color="#6f6f6f">([^<]{1,200})</font>')
_DATE_TAGS = ("pubDate", "published", "date", "issued", "updated", "modified", "created")
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[a-zA-Z/!?][^>]*>", re.S | re.I)
_OPEN_TAG_TAIL = re.compile(r"<[a-zA-Z/!?][^>]*$")  # a tag cut in half by the length limit
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip


class NotAFeed(ValueError):
    """The bytes are XML but not RSS/Atom (or not XML at all)."""


@dataclass(frozen=True)
class Entry:
    """One feed entry as read, before normalisation into an Item."""

    guid: str = ""
    link: str = ""
    title: str = ""
    published: str = ""
    summary: str = ""
    publisher: str = ""


def harden(body: bytes) -> bytes:
    """UTF-8 bytes without a DOCTYPE and with HTML named entities made numeric."""
    for bom, encoding in _WIDE_BOMS:
        if body.startswith(bom):
            text = body.decode(encoding, errors="replace")
            body = _XML_DECL_ENCODING.sub(r'\1"utf-8"', text).encode("utf-8")
            break
    else:
        if body[:2] in (b"<\x00", b"\x00<"):
            text = body.decode("utf-16-le" if body[:1] == b"<" else "utf-16-be", errors="replace")
            body = _XML_DECL_ENCODING.sub(r'\1"utf-8"', text).encode("utf-8")
    body = _DOCTYPE.sub(b"", body, count=1)
    return _ENTITY.sub(_numeric_entity, body)


def _numeric_entity(m: re.Match[bytes]) -> bytes:
    code = name2codepoint.get(m.group(1).decode("ascii"))
    return f"&#{code};".encode() if code else m.group(0)


def strip_html(raw: str, limit: int | None = None) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, whitespace folded.

    With ``limit``, only enough of the markup to give ``limit`` characters of text is read
    (a 30 KB CDATA body costs as much as its first few KB).
    """
    if limit is not None and len(raw) > 4 * limit:
        raw = raw[: 4 * limit]
    if "<" in raw:
        raw = _OPEN_TAG_TAIL.sub("", _TAGS.sub(" ", raw))
    if "&" in raw:
        raw = htmllib.unescape(raw)
    return nz.text(raw)


def _quick_date(raw: str) -> datetime | None:
    """ISO 8601 (Atom) or RFC 822 (RSS) by the standard library; dateutil is 50x slower."""
    try:
        if raw[:4].isdigit():
            return datetime.fromisoformat(raw)
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def iso_utc(raw: str) -> str | None:
    """A feed date (RFC 822, ISO 8601, or anything dateutil reads) as ISO 8601 UTC."""
    raw = raw.strip()
    if not raw:
        return None
    moment = _quick_date(raw)
    if moment is None:
        try:
            moment = dateparser.parse(raw[:100])
        except (ValueError, OverflowError, TypeError):
            return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")  # no zone given: read as UTC
    try:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: etree._Element) -> str:
    return "".join(el.itertext()) if len(el) else (el.text or "")


def _entry(el: etree._Element) -> Entry:
    found: dict[str, str] = {}
    alternate = other = publisher = ""
    for child in el:
        name = _local(child.tag)
        href = child.get("href") if name == "link" else None
        if href:
            if (child.get("rel") or "alternate") == "alternate":
                alternate = alternate or href
            else:
                other = other or href
            continue
        if name == "source":
            publisher = (child.text or "").strip()
        if name == "group":  # media:group (YouTube) holds the only description there is
            found.setdefault(
                "media", next((_text(g) for g in child if _local(g.tag) == "description"), "")
            )
        if name not in found:
            found[name] = _text(child)
    link = alternate or found.get("link", "").strip() or other
    guid = found.get("guid") or found.get("id") or ""
    date = next((found[k] for k in _DATE_TAGS if found.get(k)), "")
    summary = next(
        (
            found[k]
            for k in ("description", "summary", "encoded", "content", "media")
            if found.get(k)
        ),
        "",
    )
    return Entry(guid.strip(), link, found.get("title", ""), date, summary, publisher)


def parse_xml(body: bytes) -> list[Entry]:
    """Entries of an RSS/Atom document via lxml; raises on anything else (then fall back)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        remove_comments=True, remove_pis=True, recover=False,
    )  # fmt: skip
    try:
        root = etree.fromstring(harden(body), parser)
    except etree.XMLSyntaxError as exc:
        raise NotAFeed(str(exc)) from exc
    kind = _local(root.tag)
    if kind == "rss":
        channel = next((c for c in root if _local(c.tag) == "channel"), root)
        elements = [e for e in channel if _local(e.tag) == "item"] or [
            e for e in root if _local(e.tag) == "item"
        ]
    elif kind == "RDF":
        elements = [e for e in root if _local(e.tag) == "item"]
    elif kind == "feed":
        elements = [e for e in root if _local(e.tag) == "entry"]
    else:
        raise NotAFeed(f"root element <{kind}> is not rss, RDF or feed")
    return [_entry(e) for e in elements]


def _gnews_publisher(summary: str) -> str:
    """Google News clusters name the first story's publisher in a grey <font> (no <source>)."""
    m = _GNEWS_FONT.search(summary[:3000])
    return htmllib.unescape(m.group(1)) if m else ""


def _leading_date(text: str) -> str | None:
    found = dates.leading(text)
    return f"{found}T00:00:00Z" if found else None


def to_items(entries: Iterable[Entry], base_url: str | None) -> list[Item]:
    """Normalised, capped, de-duplicated items (the first entry with a key wins)."""
    items: dict[str, Item] = {}
    for entry in entries:
        title = strip_html(entry.title, TITLE_LIMIT)
        summary = nz.clip(strip_html(entry.summary, SUMMARY_LIMIT), SUMMARY_LIMIT)
        publisher = nz.text(entry.publisher or _gnews_publisher(entry.summary)) or None
        if publisher and title.endswith(f" - {publisher}"):
            title = title[: -len(publisher) - 3].rstrip()  # Google News appends " - Publisher"
        title = nz.clip(title or summary[:100], TITLE_LIMIT)
        link = nz.url(entry.link, base_url) if entry.link.strip() else None
        # RSS built from HTML pages often carries the date only as the content's first line.
        published = iso_utc(entry.published) or _leading_date(summary)
        key = (
            entry.guid or link or "xxh:" + nz.fingerprint(f"{title}\x00{published or ''}".encode())
        )
        key = nz.clip(key, 1000)
        if key not in items:
            items[key] = Item(
                key=key,
                title=title,
                url=link,
                published_at=published,
                summary=summary,
                publisher=publisher,
            )
    return list(items.values())
