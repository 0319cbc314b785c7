"""The social accounts a web page presents as its own, told apart from the ones it cites.

A page links to many social profiles: its own, and the people and companies its articles
cite. Only the site's own count: rel=me links, the JSON-LD Organization's sameAs, and profile
links in the page's chrome (header, footer, navigation, sidebars, social widgets), or links in
the content that are plainly icons or say which network they lead to ("Twitter",
"Follow us on LinkedIn"). Links in articles and quotes with a person's name are citations.
Used by discovery and by the x kind's ``handle: auto``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract import html as ht
from monitor.extract import organization, social
from monitor.extract.structured import jsonld, microdata

_CHROME_TAGS = frozenset({"header", "footer", "nav", "aside"})
_CONTENT_TAGS = frozenset({"article", "main", "blockquote", "q", "cite"})
_CHROME_WORDS = frozenset({"sidebar", "footer", "header", "social", "socials", "follow", "widget",
                           "widgets", "navbar", "nav", "menu", "masthead", "contact", "connect", "topbar"})
_CONTENT_WORDS = frozenset({"post", "posts", "entry", "article", "hentry", "story", "comment", "comments"})
_PARTS = re.compile(r"[-_]+")
_NETWORK_WORDS = re.compile(r"twitter|\bx\b|linkedin|facebook|instagram|youtube|mastodon|bluesky|github"
                            r"|tiktok|follow|folge|suivez|síg|social", re.I)


def _tokens(node: LexborNode) -> list[str]:
    attrs = node.attributes
    return f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower().split()


def zone(anchor: LexborNode) -> str:
    """"chrome", "content" or "" for the nearest ancestor that says which it is."""
    node = anchor.parent
    while node is not None and node.tag not in ("body", "html", "-document"):
        tokens = _tokens(node)
        parts = {p for t in tokens for p in _PARTS.split(t) if p}
        if node.tag in _CONTENT_TAGS or parts & _CONTENT_WORDS:
            return "content"
        if node.tag in _CHROME_TAGS or parts & _CHROME_WORDS:
            return "chrome"
        if "main" in tokens:
            return "content"
        node = node.parent
    return ""


def _names_network(anchor: LexborNode) -> bool:
    attrs = anchor.attributes
    label = " ".join([anchor.text(), attrs.get("aria-label") or "", attrs.get("title") or ""])
    return not nz.text(label) or bool(_NETWORK_WORDS.search(label))


def unwrap(href: str) -> str:
    """The profile behind a LinkedIn /authwall?sessionRedirect=… link; other links unchanged."""
    parts = urlsplit(href.strip())
    if (parts.hostname or "").endswith("linkedin.com") and parts.path.startswith("/authwall"):
        target = parse_qs(parts.query).get("sessionRedirect", [""])[0]
        return target or href
    return href


def own_profiles(tree: LexborHTMLParser, base: str, same_as: list[str]) -> list[tuple[str, str]]:
    """(network, canonical URL) of the site's own accounts (see the module docs)."""
    found: list[tuple[str, str]] = []

    def add(href: str) -> None:
        hit = social.classify(unwrap(href), base)
        if hit is not None and hit not in found:
            found.append(hit)

    for raw in same_as:
        add(raw)
    for node in tree.css("a[href],link[href]"):
        href = node.attributes.get("href") or ""
        if node.tag == "link":
            if "me" in (node.attributes.get("rel") or "").lower().split():
                add(href)
            continue
        where = zone(node)
        if where != "content" or _names_network(node):
            add(href)
    return found


def own_profiles_in(body: bytes, content_type: str | None, url: str) -> list[tuple[str, str]]:
    """``own_profiles`` of an HTML body, with its Organization's sameAs."""
    tree = ht.parse(ht.decode(body, content_type))
    org = organization.pick(jsonld(tree) + microdata(tree), url)
    return own_profiles(tree, url, organization.strings((org or {}).get("sameAs")))
