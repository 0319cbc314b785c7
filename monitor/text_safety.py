"""Scraped text is data, never instructions to a terminal, a feed reader or a browser.

Two places, one rule each:

- at extraction, ``clean_observation`` removes ASCII and Latin-1 control characters (ESC starts the
  terminal's title, colour and OSC-8 hyperlink sequences) and the bidirectional overrides and
  isolates that make text read differently from what it is (U+202E); item links and ``link.*``
  facts are kept only when they are http(s) URLs (no ``javascript:`` in a served Atom feed);
- on output, ``for_terminal`` shows whatever such character is left (history recorded before
  this rule, a value from elsewhere) as a visible escape, and can neutralise rich markup.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from monitor.models import Fact, Item, Observation

# Controls but tab and newline, DEL, the Latin-1 controls; LRM/RLM/ALM; embeddings, overrides (U+202A-E); isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WEB = ("http", "https")


def strip_controls(text: str) -> str:
    """``text`` without control characters and bidi overrides (tab and newline kept)."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def web_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (javascript:, data:, mailto:)."""
    if not url:
        return None
    cleaned = strip_controls(url).strip()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    return cleaned if parts.scheme.lower() in _WEB and parts.netloc else None


def clean_observation(obs: Observation) -> Observation:
    """The observation with every text cleaned and only web links kept as links."""
    facts = tuple(f for f in (_fact(f) for f in obs.facts) if f is not None)
    items = tuple(_item(i) for i in obs.items)
    detail = strip_controls(obs.detail) if obs.detail else obs.detail
    return replace(obs, facts=facts, items=items, detail=detail)


def _fact(f: Fact) -> Fact | None:
    value = strip_controls(f.value)
    if f.field.startswith("link."):
        link = web_url(value)
        if link is None:
            return None
        value = link
    return Fact(strip_controls(f.field), value, strip_controls(f.role) if f.role else f.role,
                strip_controls(f.evidence), tuple(strip_controls(w) for w in f.where))


def _item(i: Item) -> Item:
    """The item with every text cleaned and only web links kept; its other fields as they are."""
    links = tuple(u for u in (web_url(link) for link in i.links) if u)
    return replace(
        i, key=strip_controls(i.key), title=strip_controls(i.title), url=web_url(i.url),
        summary=strip_controls(i.summary), links=links, image=web_url(i.image),
        publisher=strip_controls(i.publisher) if i.publisher else i.publisher,
        price=strip_controls(i.price) if i.price else i.price, evidence=strip_controls(i.evidence),
        details=tuple((strip_controls(k), strip_controls(v)) for k, v in i.details))


def for_terminal(text: object, *, markup: bool = False) -> str:
    """``text`` safe to print: controls and bidi overrides shown as ``\\x1b``, ``\\u202e``.

    With ``markup``, rich markup in the text (``[link=...]``) is escaped too, for strings
    printed with ``markup=True`` or put in a rich Table.
    """
    s = str(text)
    if _UNSAFE.search(s):
        s = _UNSAFE.sub(lambda m: _visible(m.group(0)), s)
    if not markup:
        return s
    return _escape_markup(s)


_MARKUP_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")  # a tag rich's markup would read


def _escape_markup(s: str) -> str:
    """``s`` with every markup tag escaped, as ``rich.markup.escape`` does (without importing
    rich: a one-source check prints in a pipe without it)."""
    s = _MARKUP_TAG.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", s)
    if s.endswith("\\") and not s.endswith("\\\\"):
        return s + "\\"
    return s


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
