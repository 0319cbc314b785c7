"""HTML helpers: deterministic decoding, lexbor parsing, removal of code, hidden parts and banners.

Decoding follows R30: BOM → Content-Type charset → ``<meta charset>`` prescan of
the first 1 KiB → UTF-8 with ``errors="replace"``, so the same bytes always give the same text.
Reading the text as lines (every block element and ``<br>`` ends a line, inline tags do not) is
``layout``'s job.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor.normalize import text as norm_text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# WHATWG's label table in miniature: browsers read these labels as their supersets.
_SUPERSETS = {
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
    "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "sjis": "cp932",
    "x-sjis": "cp932", "euc-kr": "cp949", "tis-620": "cp874", "iso-8859-9": "cp1254",
}  # fmt: skip
_CODE_TAGS = [
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "video", "audio", "select", "textarea", "input", "map",
]  # fmt: skip
# A hidden tab panel or a closed accordion item is a click away (a board's second tab, the
# supervisory board under its toggle), not hidden content.
_FOLDED = ":not([class*=toggle]):not([class*=accordion]):not([class*=collapse])"
_HIDDEN = (
    f'[hidden]:not([role=tabpanel]),[style*="display:none"]{_FOLDED},[style*="display: none"]{_FOLDED},'
    '[style*="visibility:hidden"]'
)
# Consent platforms by their own names, not the bare "cmp-" prefix: Adobe AEM's core components
# ("cmp-teaser", "cmp-title", "cmp-text") hold a page's whole content under that prefix.
_BANNERS = (
    "[id*=cookie],[class*=cookie],[id*=consent],[class*=consent],[id*=gdpr],[class*=gdpr],"
    "[id*=onetrust],[id*=didomi],[class*=qc-cmp],[class*=cmpbox],[id*=cmpbox],[class*=cmp-banner],"
    "[class*=cmp-consent],[id*=usercentrics],[class*=cc-window],"
    "[role=dialog],[aria-modal=true],[class*=modal],[id*=modal],[class*=popup]"
)
_KEEP = frozenset({"html", "body", "main", "article"})


def _codec(label: str) -> str | None:
    name = _SUPERSETS.get(label.lower(), label.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(body: bytes, content_type: str | None = None) -> str:
    """Bytes → str by BOM, then Content-Type charset, then <meta> prescan, then UTF-8."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    candidates: list[str] = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        candidates.append(m.group(1))
    if m2 := _META_CHARSET.search(body[:1024]):
        candidates.append(m2.group(1).decode("ascii", "replace"))
    for label in candidates:
        codec = _codec(label)
        # A page that declares UTF-16 in ASCII-compatible bytes is lying (WHATWG says UTF-8).
        if codec and not codec.startswith("utf-16") and not codec.startswith("utf-32"):
            return body.decode(codec, errors="replace")
    return body.decode("utf-8", errors="replace")


def parse(html: str) -> LexborHTMLParser:
    """A lexbor tree (the parser R20 says to use)."""
    return LexborHTMLParser(html)


def _decompose(nodes: Iterable[LexborNode], max_text: int | None = None) -> None:
    for node in nodes:
        if node.tag in _KEEP:
            continue
        # Wrapper classes such as "has-cookie-banner" must not take the page with them.
        if max_text is not None and len(node.text(deep=True)) > max_text:
            continue
        node.decompose()


def drop(tree: LexborHTMLParser, selectors: Iterable[str]) -> None:
    """Remove every node matching any of the CSS selectors (user ``exclude`` option)."""
    for selector in selectors:
        _decompose(tree.css(selector))


def drop_noise(tree: LexborHTMLParser) -> None:
    """Remove code, hidden elements, cookie/consent banners and modal dialogs."""
    tree.strip_tags(_CODE_TAGS, recursive=True)  # by tag name in C: faster than a selector
    _decompose(tree.css(_HIDDEN), max_text=20000)
    _decompose(tree.css(_BANNERS), max_text=5000)


def visible_text(tree: LexborHTMLParser) -> str:
    """The body's text with whitespace collapsed (after ``drop_noise``: what a visitor reads)."""
    body = tree.body
    return " ".join(body.text(deep=True).split()) if body is not None else ""


def title(tree: LexborHTMLParser) -> str:
    """The <title> text, normalised ("" when absent)."""
    node = tree.css_first("title")
    return norm_text(node.text()) if node is not None else ""


def element_count(tree: LexborHTMLParser) -> int:
    """Number of elements (a cheap size signal for truncation checks)."""
    return len(tree.css("*"))
