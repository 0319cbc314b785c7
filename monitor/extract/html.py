"""HTML helpers: deterministic decoding, lexbor parsing, boilerplate removal, text as lines.

Decoding follows RELIABILITY.md R30: BOM → Content-Type charset → ``<meta charset>`` prescan of
the first 1 KiB → UTF-8 with ``errors="replace"``, so the same bytes always give the same text.
Text is read as *lines*: every block element and ``<br>`` ends a line, inline tags do not, so
"Monsieur <strong>Florent Steiner</strong>." stays one sentence whatever the markup.
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
LINE_LIMIT = 5000  # longer "lines" are blobs; every pattern downstream is linear in line length
_MARK = "\u2029"  # line marker; NFKC in normalize.text turns stray ones into spaces
BLOCK_TAGS = (
    "p,div,li,ul,ol,dl,dt,dd,h1,h2,h3,h4,h5,h6,tr,td,th,table,thead,tbody,tfoot,caption,section,"
    "article,header,footer,nav,aside,main,address,blockquote,pre,form,fieldset,legend,figure,"
    "figcaption,hr,br,button,label,option,details,summary,center,menu"
)
_CODE = "script,style,noscript,template,svg,iframe,object,embed,canvas,video,audio,select,textarea,input,map"
_HIDDEN = '[hidden],[style*="display:none"],[style*="display: none"],[style*="visibility:hidden"]'
_BANNERS = (
    "[id*=cookie],[class*=cookie],[id*=consent],[class*=consent],[id*=gdpr],[class*=gdpr],"
    "[id*=onetrust],[id*=didomi],[class*=cmp-],[id*=usercentrics],[class*=cc-window],"
    "[role=dialog],[aria-modal=true],[class*=modal],[id*=modal],[class*=popup]"
)
_KEEP = frozenset({"html", "body", "main", "article"})
_BOILERPLATE = (
    "nav,aside,form,[role=navigation],[role=banner],[role=contentinfo],[role=complementary],"
    "[role=search],.breadcrumb,.breadcrumbs,[class*=share],[class*=social]"
)


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
    """A lexbor tree (the parser RELIABILITY.md R20 says to use)."""
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
    _decompose(tree.css(_CODE))
    _decompose(tree.css(_HIDDEN), max_text=20000)
    _decompose(tree.css(_BANNERS), max_text=5000)


def mark_blocks(tree: LexborHTMLParser) -> None:
    """Insert line markers around block elements and at <br> so text splits into lines."""
    for node in tree.css(BLOCK_TAGS):
        node.insert_before(_MARK)
        if node.tag not in ("br", "hr"):
            node.insert_after(_MARK)


def node_lines(nodes: Iterable[LexborNode]) -> list[str]:
    """Normalised non-empty lines of the nodes' text (call ``mark_blocks`` first)."""
    out: list[str] = []
    for node in nodes:
        for raw in node.text(deep=True).split(_MARK):
            line = norm_text(raw)
            if not line or not any(c.isalnum() for c in line):
                continue
            if line[0] in "{[" and line[-1] in "}]" and len(line) > 200:
                continue  # JSON state shipped in <code> or text nodes: data for scripts, not prose
            out += [line] if len(line) <= LINE_LIMIT else _pieces(line)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _pieces(line: str) -> list[str]:
    """An overlong line (a page of inline spans) as sentence-aligned pieces under LINE_LIMIT."""
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(line):
        while len(sentence) > LINE_LIMIT:
            pieces.append(sentence[:LINE_LIMIT])
            sentence = sentence[LINE_LIMIT:]
        if current and len(current) + 1 + len(sentence) > LINE_LIMIT:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    return [*pieces, current] if current else pieces


def body_nodes(tree: LexborHTMLParser, include: Iterable[str] = ()) -> list[LexborNode]:
    """The nodes the page's text is read from: the ``include`` matches, else the body."""
    selected = [node for selector in include for node in tree.css(selector)]
    if selected:
        return selected
    root = tree.body or tree.root
    return [root] if root is not None else []


def main_nodes(tree: LexborHTMLParser, include: Iterable[str] = ()) -> list[LexborNode]:
    """The main content: include matches, else <main>/[role=main]/one <article>, else body.

    Navigation, asides, forms, share widgets and (outside <main>) header and footer are
    removed from the tree as a side effect: call it after everything else has read the body.
    """
    nodes = [node for selector in include for node in tree.css(selector)]
    if not nodes:
        nodes = tree.css("main,[role=main]")[:1] or (
            tree.css("article") if len(tree.css("article")) == 1 else []
        )
    if not nodes:
        _decompose(tree.css("header,footer"))
        nodes = body_nodes(tree)
    for node in nodes:
        _decompose(node.css(_BOILERPLATE), max_text=20000)
    return nodes


def title(tree: LexborHTMLParser) -> str:
    """The <title> text, normalised ("" when absent)."""
    node = tree.css_first("title")
    return norm_text(node.text()) if node is not None else ""


def element_count(tree: LexborHTMLParser) -> int:
    """Number of elements (a cheap size signal for truncation checks)."""
    return len(tree.css("*"))
