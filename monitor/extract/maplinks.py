"""Addresses in the query of a map link ("Find us" → Google, Apple, Bing, OpenStreetMap maps).

A site that writes its address nowhere in its text often links it to a map: the link's query
or place name holds the address as written ("Musterstraße 5, 10115 Berlin"). The query is
read with the postal reader, so a link to a town or a business name alone gives nothing.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote_plus, urlsplit

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import postal
from monitor.extract.address import digits_as_written
from monitor.models import Fact

_MAP_HOST = re.compile(
    r"(?:^|\.)(?:maps\.google\.[a-z.]+|google\.[a-z.]+|maps\.apple\.com|bing\.com|openstreetmap\.org"
    r"|yandex\.[a-z]+|here\.com|mapy\.cz|2gis\.[a-z]+)$"
)
_QUERY_KEYS = ("q", "query", "daddr", "address", "text", "destination", "where")
_PLACE_PATH = re.compile(r"/maps/(?:place|search|dir/[^/]*)/([^/@]+)")
_MAX = 3


def _query(href: str) -> str | None:
    """The place a map link asks for, as written, or None when the link is no map's."""
    parts = urlsplit(href.strip())
    host = (parts.hostname or "").lower()
    if not _MAP_HOST.search(host) or (
        host.startswith(("google.", "www.google.", "bing.", "www.bing."))
        and "/maps" not in parts.path
    ):
        return None
    args = parse_qs(parts.query)
    for key in _QUERY_KEYS:
        if args.get(key):
            return args[key][0]
    m = _PLACE_PATH.search(parts.path)
    return unquote_plus(m.group(1)) if m else None


def find(tree: LexborHTMLParser) -> list[Fact]:
    """Address facts of the page's map links (at most three distinct ones)."""
    out: list[Fact] = []
    seen: set[str] = set()
    for node in tree.css("a[href], iframe[src]"):
        query = _query(node.attributes.get("href") or node.attributes.get("src") or "")
        if not query or len(query) > 300:
            continue
        line = nz.text(query)
        read = nz.ascii_digits(line)  # "۱۲" read as "12", the address kept as written
        back = digits_as_written([line], [read])
        for value, _, _ in ((back(v), f, last) for v, f, last in postal.find([read], [0])):
            if value not in seen and len(out) < _MAX:
                seen.add(value)
                out.append(
                    Fact("address", nz.clip(value, 300), None, nz.clip(f"map link: {line}", 200))
                )
    return out
