"""One repeated block of a list → its link, title, date, price, image and summary. Pure.

The title is, in order: a heading inside the block, a schema.org ``headline``/``name``, an
element whose class names a title, then the longest line of the main link that is not a date.
The main link is the one around or inside the title, else the one with the longest text. A
block that carries several distinct titled links is a container of items, not an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import xxhash
from selectolax.lexbor import LexborNode

from monitor import normalize as nz
from monitor import prices
from monitor.extract import dates
from monitor.models import TITLE_KEY, Category, Item

_TITLE_SELECTOR = "h1,h2,h3,h4,h5,h6,[itemprop=headline],[itemprop=name],[itemprop=title]"
_TITLE_TOKENS = frozenset({"title", "headline", "heading", "name", "titel", "titre", "titulo"})
_PRICE_TOKENS = frozenset({"price", "preis", "prix", "precio", "prezzo", "prijs", "preco",
                           "amount", "pris", "cost"})
_DATE_PROPS = ("[itemprop=datePublished],[itemprop=datePosted],[itemprop=dateCreated],"
               "[itemprop=startDate],[itemprop=validFrom],[itemprop=dateModified]")
_TOKEN = re.compile(r"[a-z]+")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_DATE_WORDS = re.compile(r"[\d.,/\-]+|\b[^\W\d_]{3,9}\.?(?=\s+\d)", re.I)  # numbers, "Aug 23"
_BAD_HREF = ("#", "javascript:", "mailto:", "tel:", "data:")
SUMMARY_LIMIT = 300
TITLE_LIMIT = 300


@dataclass(frozen=True)
class Block:
    """What one block of a list says."""

    url: str
    title: str
    date: str | None
    price: str | None
    image: str | None
    summary: str
    types: tuple[str, ...]
    bare: bool  # nothing but a short link: a menu entry or a tag

    @property
    def linked(self) -> bool:
        """True for a block with a link of its own ("" for an entry with no page: a card)."""
        return bool(self.url)

    def item(self, category: Category, kind: str, evidence: str, unique: bool) -> Item:
        """The block as an item, keyed by its URL when no other block shares it."""
        key = self.url if unique and self.url else (
            TITLE_KEY + xxhash.xxh64_hexdigest(nz.fold(self.title).lower().encode()))
        return Item(key=key, title=self.title, url=self.url or None,
                    published_at=f"{self.date}T00:00:00Z" if self.date else None,
                    summary=self.summary, kind=kind, category=category,
                    price=self.price if category is Category.OFFER else None,
                    image=self.image, evidence=evidence)


# Attributes besides ``class`` in which builders name a part ("product-item-name", "price").
_NAMING_ATTRS = ("class", "itemprop", "data-hook", "data-testid", "data-test", "data-qa",
                 "data-field", "data-role")
_PRICE_MAX = 80  # an element this long or longer is more than a price and its notes
_STRUCK = "del,s,strike"  # a crossed-out former price of a sale


def _tokens(node: LexborNode) -> set[str]:
    attrs = node.attributes
    raw = " ".join(str(attrs.get(a) or "") for a in _NAMING_ATTRS)
    return set(_TOKEN.findall(raw.lower()))


def _text(node: LexborNode) -> str:
    # Whitespace only: nz.text would also close up "Domain .de", which is part of a name.
    return " ".join(node.text(separator=" ").split())


def _links(node: LexborNode, base: str) -> list[tuple[LexborNode, str]]:
    anchors = ([node] if node.tag == "a" else []) + list(node.css("a[href]"))
    out = []
    for a in anchors:
        href = (a.attributes.get("href") or "").strip()
        if href and not href.lower().startswith(_BAD_HREF):
            out.append((a, nz.url(href, base)))
    return out


def _linked(hit: LexborNode) -> bool:
    """True for a heading that holds a link or sits in one (the title, not a kicker above it)."""
    if hit.css_first("a[href]") is not None:
        return True
    parent = hit.parent
    while parent is not None:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _title_node(node: LexborNode) -> LexborNode | None:
    heads = [hit for hit in node.css(_TITLE_SELECTOR) if _text(hit)]
    if heads:  # "Podcast" above "The Incomparable #290": the linked heading is the title
        return next((h for h in heads if _linked(h)), heads[0])
    for hit in node.traverse():
        if hit is not node and _tokens(hit) & _TITLE_TOKENS and _text(hit):
            return hit
    return None


def _contains(outer: LexborNode, inner: LexborNode) -> bool:
    node: LexborNode | None = inner
    while node is not None:
        if node.mem_id == outer.mem_id:
            return True
        node = node.parent
    return False


def _main_link(links: list[tuple[LexborNode, str]],
               title: LexborNode | None) -> tuple[LexborNode, str]:
    if title is not None:
        for a, url in links:
            if _contains(a, title) or _contains(title, a):
                return a, url
    return max(links, key=lambda au: len(_text(au[0])))


def _pieces(node: LexborNode) -> list[str]:
    """The node's text nodes, each whitespace-collapsed (raw newlines inside one are spaces)."""
    return [" ".join(p.split()) for p in node.text(separator="\x1f").split("\x1f")]


def _link_title(a: LexborNode) -> str:
    lines = _pieces(a)
    lines = [line for line in lines if line and not dates.find(line)]
    best = max(lines, key=len, default="")
    return best or nz.text(a.attributes.get("title") or a.attributes.get("aria-label") or "")


def titled(text: str, marked: bool = False, priced: bool = False) -> bool:
    """A title of a few words (or CJK characters), not a label like "More" or "Login", and
    not a bare date ("Aug 23, 2024"). One word will do when the markup marks it as the
    block's title (a heading: "Starter", "Scheepswerktuigkundige"); a short one ("Pro",
    "Max", "Duo") when the block that marks it also holds a price: a plan's or a size's
    name, which says what the price is for."""
    if dates.find(text) and len(_DATE_WORDS.sub(" ", text).split()) < 2:
        return False
    if _CJK.search(text):
        return len(text) >= (2 if marked else 4)
    if marked:
        return len(text) >= 4 or (priced and _plan_name(text))
    return len(text) >= 8 and len(text.split()) >= 2


def _plan_name(text: str) -> bool:
    """Two or three letters that are a name, not a figure or a price ("Pro", "XL", "Duo")."""
    return sum(c.isalpha() for c in text) >= 2 and not prices.find(text) and not any(
        c.isdigit() for c in text)


def _date(node: LexborNode, text: str) -> str | None:
    for hit in node.css("time[datetime]," + _DATE_PROPS):
        value = hit.attributes.get("datetime") or hit.attributes.get("content") or _text(hit)
        found = dates.from_attribute(value or "")
        if found:
            return found
    return dates.find(text)


def _struck(hit: LexborNode, stop: LexborNode) -> bool:
    node: LexborNode | None = hit
    while node is not None and node.mem_id != stop.mem_id:
        if node.tag in ("del", "s", "strike"):
            return True
        node = node.parent
    return False


def _price(node: LexborNode, text: str) -> str | None:
    """The block's price as the page writes it: schema.org ``price``, else the innermost
    element that names a price or holds one with its qualifier and notes ("ab 1.299 €
    inkl. MwSt."), never a crossed-out former price."""
    for hit in node.css("[itemprop=price]"):
        value = hit.attributes.get("content")
        currency = node.css_first("[itemprop=priceCurrency]")
        if value:
            unit = (currency.attributes.get("content") or _text(currency)) if currency else ""
            return f"{value} {unit}".strip()
    if prices.find(text) is None:
        return None
    marked: list[str] = []
    holding: list[str] = []
    for hit in node.traverse():
        if hit is node or not hit.tag or hit.tag.startswith("-") or _struck(hit, node):
            continue
        value = _text(hit)
        if len(value) >= _PRICE_MAX or not prices.find(value) or hit.css_first(_STRUCK):
            continue
        (marked if _tokens(hit) & _PRICE_TOKENS else holding).append(value)
    if marked:  # the outermost part named a price keeps its qualifier and notes with it
        return nz.text(max(marked, key=len))
    if holding:  # else the innermost part that holds one
        return nz.text(min(holding, key=len))
    for struck in node.css(_STRUCK):
        text = text.replace(_text(struck), " ")
    m = prices.find(text)
    return nz.text(m.group(0)) if m else None


def _image(node: LexborNode, base: str) -> str | None:
    for img in node.css("img"):
        src = img.attributes.get("src") or img.attributes.get("data-src") or ""
        if src and not src.startswith("data:"):
            return nz.url(src, base)
    return None


def _types(node: LexborNode) -> tuple[str, ...]:
    found = []
    for hit in [node, *node.css("[itemtype],[typeof]")]:
        raw = hit.attributes.get("itemtype") or hit.attributes.get("typeof") or ""
        found += [t.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in raw.split()]
    return tuple(t for t in found if t)


_SEPARATOR = re.compile(r"\s+[–—|·•-]\s+|,\s+|:\s+")
UNLINKED_LIMIT = 160  # an entry with no link of its own says little: a name and a price or a place


def _unlinked(node: LexborNode) -> Block | None:
    """An entry with no link of its own (a card, a row, a line: "Espresso machine, 1.299 €"):
    its title is its marked title, else its first part, else its text before a separator or
    its price. Whether such entries make items is the list's to judge (``lists``)."""
    text = _text(node)
    if not text or len(text) > UNLINKED_LIMIT:
        return None
    title_node = _title_node(node)
    parts = [p for p in _pieces(node) if p]
    title = _text(title_node) if title_node is not None else parts[0] if len(parts) > 1 else ""
    if not title:
        m = prices.find(text)
        head = text[: m.start()] if m and m.start() else text
        title = _SEPARATOR.split(head, maxsplit=1)[0]
    title = title.strip(" ,;:–—-|·")
    priced = title_node is not None and len(title) < 4 and prices.find(text) is not None
    if not titled(title, marked=True, priced=priced) or (
            title == text and not prices.find(text) and len(parts) < 2):
        return None
    date, price = _date(node, text), _price(node, text)
    summary = " ".join(p for p in parts if p != title and p != price and not dates.find(p))
    summary = summary or text.replace(title, "", 1).strip(" ,;:–—-|·")  # the rest of a line
    return Block(url="", title=nz.clip(title, TITLE_LIMIT), date=date, price=price,
                 image=_image(node, ""), summary=nz.clip(summary, SUMMARY_LIMIT),
                 types=_types(node), bare=False)


def read_block(node: LexborNode, base: str, loose: bool = False) -> Block | None:
    """The block's item fields, or None when it is no item (no link, no title, a container).

    ``loose``: one word will do for a link's title ("Espressomaskin", "Barista"), as in a
    list whose blocks each name a different thing (the caller checks that)."""
    links = _links(node, base)
    if not links:
        return _unlinked(node)
    titled_urls = {url for a, url in links if titled(_text(a))}
    if len(titled_urls) > 2:
        return None  # a row or column holding several items
    title_node = _title_node(node)
    a, url = _main_link(links, title_node)
    title = _text(title_node) if title_node is not None else ""
    text = _text(node)
    priced = 0 < len(title) < 4 and prices.find(text) is not None  # a plan's name: "Pro"
    if not titled(title, marked=True, priced=priced):
        title = _link_title(a)
        if not titled(title, marked=loose):
            return None
    date, price = _date(node, text), _price(node, text)
    rest = _pieces(node)
    summary = " ".join(line for line in rest if line and line not in title and line != price
                       and not dates.find(line))
    # CJK titles have no spaces between words: eight characters say as much as four words
    # A link that holds parts (a title and a place) is a card, however short its title.
    bare = text == _text(a) and len(title.split()) < 4 and not (
        _CJK.search(title) and len(title) >= 8) and sum(1 for p in _pieces(a) if p) < 2
    return Block(url=url, title=nz.clip(title, TITLE_LIMIT), date=date, price=price,
                 image=_image(node, base), summary=nz.clip(summary, SUMMARY_LIMIT),
                 types=_types(node), bare=bare)
