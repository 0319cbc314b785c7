"""What one fetched homepage (or about page) tells discovery: pure, no network.

Name (JSON-LD, og:site_name, the title's site part), language, declared feeds (comment feeds
left out), the site's own social accounts (``monitor.extract.own_links``) and links to its
about/company/contact/imprint pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import html as ht
from monitor.extract import meta, organization
from monitor.extract.own_links import own_profiles
from monitor.extract.structured import jsonld, microdata
from monitor.sources._feeds import feed_links

_ABOUT = re.compile(r"/(about(?:-us)?|company|unternehmen|ueber-uns|uber-uns|über-uns|who-we-are|team"
                    r"|contact(?:-us)?|kontakt|impressum|imprint)(?:/|\.html?|\.php)?$", re.I)
_ABOUT_ORDER = ("about", "company", "unternehmen", "ueber", "uber", "über", "who", "team",
                "contact", "kontakt", "impressum", "imprint")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•»]\s+")
_GENERIC_TITLES = frozenset({"home", "homepage", "start", "startseite", "index", "welcome", "willkommen",
                             "accueil", "bienvenue", "übersicht", "overview", "inicio"})
MAX_NAME = 200  # characters; longer "names" are page junk, not a company's name
_COMMENTS_FEED = re.compile(r"comments", re.I)


@dataclass(frozen=True)
class PageFindings:
    """Everything discovery reads from one page."""

    url: str
    name: str | None
    lang: str | None  # "de" from <html lang="de-DE">
    country: str | None  # "DE" from the same
    feeds: tuple[tuple[str, str], ...]  # (url, title) of declared feeds, comment feeds dropped
    profiles: tuple[tuple[str, str], ...]  # (network, canonical URL) of the site's own accounts
    about: tuple[str, ...]  # same-site about/company/contact/imprint pages, best first


def about_links(tree: LexborHTMLParser, base: str) -> list[str]:
    """Same-site links to about/company/contact/imprint pages, in a sensible order."""
    host = (urlsplit(base).hostname or "").removeprefix("www.")
    seen: list[str] = []
    for node in tree.css("a[href]"):
        url = nz.url(node.attributes.get("href") or "", base)
        parts = urlsplit(url)
        if (parts.hostname or "").removeprefix("www.") != host or not _ABOUT.search(parts.path.rstrip("/") or "/"):
            continue
        if url not in seen and url.rstrip("/") != base.rstrip("/"):
            seen.append(url)

    def rank(url: str) -> int:
        path = urlsplit(url).path.lower()
        return next((i for i, word in enumerate(_ABOUT_ORDER) if word in path), len(_ABOUT_ORDER))

    return sorted(seen, key=rank)


def site_name(tree: LexborHTMLParser, org: dict[str, object] | None) -> str | None:
    """The organisation's name: JSON-LD, else og:site_name, else the title's site part."""
    for raw in organization.strings((org or {}).get("name"))[:1]:
        if nz.text(raw) and len(raw) <= MAX_NAME:
            return nz.text(raw)
    tags = meta.tags(tree)
    for key in ("og:site_name", "application-name"):
        if nz.text(tags.get(key, "")) and len(tags[key]) <= MAX_NAME:
            return nz.text(tags[key])
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(ht.title(tree)) if p.strip()]
    if len(parts) > 1:
        parts = [parts[-1] if len(parts[-1]) <= 40 else parts[0]]
    name = parts[0].split(": ")[0].strip() if parts else ""
    if len(name) > MAX_NAME:  # a 3 MB <title> is not a company's name
        return None
    return name if name and name.casefold() not in _GENERIC_TITLES else None


def read_page(body: bytes, content_type: str | None, url: str) -> PageFindings:
    """Analyse one HTML page for discovery."""
    tree = ht.parse(ht.decode(body, content_type))
    nodes = jsonld(tree) + microdata(tree)
    org = organization.pick(nodes, url)
    same_as = organization.strings((org or {}).get("sameAs"))
    html_node = tree.css_first("html")
    lang_attr = (html_node.attributes.get("lang") or "") if html_node is not None else ""
    m = re.fullmatch(r"([a-z]{2})(?:[-_]([A-Za-z]{2}))?", lang_attr.strip().lower())
    feeds = tuple((u, t) for u, t in feed_links(tree, url) if not _COMMENTS_FEED.search(f"{u} {t}"))
    return PageFindings(
        url=url,
        name=site_name(tree, org),
        lang=m.group(1) if m else None,
        country=(m.group(2) or "").upper() or None if m else None,
        feeds=feeds,
        profiles=tuple(own_profiles(tree, url, same_as)),
        about=tuple(about_links(tree, url)),
    )
