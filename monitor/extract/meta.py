"""OpenGraph and ``<meta>`` tags: fallbacks for the name and description of a company.

Used only when the page has no schema.org Organization saying the same. ``og:title`` is
accepted as a name only when it has no separator: "Impressum — Finya" names a page, not a firm.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.models import Fact

_SEPARATOR = re.compile(r"\s[|\-–—:·•»]\s|\s::\s")


def tags(tree: LexborHTMLParser) -> dict[str, str]:
    """``property``/``name`` (lower-case) → content of the first such <meta> tag."""
    found: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").strip().lower()
        content = node.attributes.get("content") or ""
        if key and content.strip() and key not in found:
            found[key] = content
    return found


def facts(tree: LexborHTMLParser, home: bool = True) -> list[Fact]:
    """Name and description from og:site_name, application-name, og:title, description.

    ``og:title`` names the company only on a home page (``home``); elsewhere it names the page.
    """
    meta = tags(tree)
    out: list[Fact] = []
    for key in ("og:site_name", "application-name", "og:title")[: 3 if home else 2]:
        raw = meta.get(key, "")
        name = nz.text(raw)
        if name and not (key == "og:title" and _SEPARATOR.search(name)):
            out.append(
                Fact("name", nz.clip(name, 500), None, nz.clip(f'<meta {key}="{name}">', 200))
            )
            break
    for key in ("og:description", "description", "twitter:description"):
        raw = meta.get(key, "")
        if nz.text(raw):
            value = nz.clip(nz.mask_volatile(nz.text(raw)), 2000)
            out.append(
                Fact("description", value, None, nz.clip(f'<meta {key}="{nz.text(raw)}">', 200))
            )
            break
    return out
