"""Lists on a page → items, with no configuration: article cards, list rows, offer tiles, job rows.

A list is a parent whose children repeat one structure (same tag, same first class) at least
``MIN_BLOCKS`` times, where most children carry a link to a page of their own and a title of a
few words. Navigation, headers, footers, asides, and blocks marked as menus, tags, sharing,
pagination or related links are never lists; nor are lists under a "Related" heading, or
rows of bare short links (menus, tag clouds). What a list lists (news, offer, hiring) comes from
``listkind``; a list with no evidence of either stays page content.

``take`` detaches the blocks it read from the tree, so the page's text (the ``content`` diff)
never reports an item's text a second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor import prices
from monitor.extract import jobboards, jobfields, listkind, listown
from monitor.extract.listblock import Block, read_block
from monitor.extract.structured import Node
from monitor.models import Category, Item

MIN_BLOCKS = 3
# Two entries make a short list only when each says what it is: a price in every one (two
# plans), a date in every one, a job title or an address under a careers path in every one.
MIN_SHORT = 2
ITEM_SHARE = 0.7  # of the repeated blocks that must read as items
MAX_ITEMS = 200
_SKIP_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu", "select", "head"})
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu", "menubar",
                         "tablist", "search"})
_CHROME_WORDS = (
    "nav navbar navigation menu menubar submenu megamenu breadcrumb breadcrumbs footer header "
    "tags tag tagcloud share sharing social related pagination pager sidebar toolbar "
    "language languages lang locale skip")
_SKIP_TOKENS = frozenset(_CHROME_WORDS.split())
_TOKEN = re.compile(r"[a-z]+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_KIND = {Category.NEWS: "news", Category.OFFER: "offer", Category.HIRING: "job"}


def _tokens(node: LexborNode) -> set[str]:
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return set(_TOKEN.findall(raw))


def _skipped(node: LexborNode) -> bool:
    """True for navigation, page chrome and widgets, judged on the node itself."""
    if node.tag in _SKIP_TAGS:
        return True
    if (node.attributes.get("role") or "").lower() in _SKIP_ROLES:
        return True
    return bool(_tokens(node) & _SKIP_TOKENS)


def _signature(node: LexborNode) -> tuple[str, str]:
    classes = (node.attributes.get("class") or "").split()
    return node.tag or "", re.sub(r"\d+", "", classes[0]) if classes else ""


def _elements(node: LexborNode) -> Iterable[LexborNode]:
    child = node.child
    while child is not None:
        if child.tag and not child.tag.startswith("-"):
            yield child
        child = child.next


def _groups(root: LexborNode) -> Iterable[tuple[LexborNode, list[LexborNode]]]:
    """(parent, repeated children) for every parent outside page chrome, in document order."""
    stack = [root]
    while stack:
        node = stack.pop()
        kids = list(_elements(node))
        by_sig: dict[tuple[str, str], list[LexborNode]] = {}
        for kid in kids:
            by_sig.setdefault(_signature(kid), []).append(kid)
        for same in by_sig.values():
            if len(same) >= MIN_SHORT:
                yield node, same
        stack.extend(k for k in reversed(kids) if not _skipped(k))


def _heading(first: LexborNode) -> str:
    """The heading of a list, wherever the page's structure puts it, nearest first: before the
    first item inside the container (``<section><h2>Blog</h2><article>…``), the name the
    container declares (``aria-labelledby``, ``aria-label``), then above the container, on
    the way up: a previous sibling (or a heading inside one), an ancestor's declared name."""
    node: LexborNode | None = first
    for level in range(5):
        if node is None or node.tag in ("body", "html"):
            break
        if level:
            label = _label(node)
            if label:
                return label
        prev = node.prev
        while prev is not None:
            if prev.tag in _HEADINGS:
                return nz.text(prev.text(separator=" "))
            if prev.tag and not prev.tag.startswith("-"):
                inner = prev.css_first(",".join(_HEADINGS))
                if inner is not None:
                    return nz.text(inner.text(separator=" "))
            prev = prev.prev
        node = node.parent
    return ""


def _label(node: LexborNode) -> str:
    """The accessible name an element declares: the text of the elements ``aria-labelledby``
    points to, or ``aria-label`` itself."""
    attrs = node.attributes
    ids = [i for i in (attrs.get("aria-labelledby") or "").split() if '"' not in i]
    if ids:
        root = node
        while root.parent is not None:
            root = root.parent
        named = [root.css_first(f'[id="{i}"]') for i in ids]
        text = nz.text(" ".join(n.text(separator=" ") for n in named if n is not None))
        if text:
            return text
    return nz.text(attrs.get("aria-label") or "")


def _list_items(first: LexborNode, blocks: list[Block], page_url: str) -> list[Item]:
    heading = _heading(first)
    if heading and listkind.is_widget_heading(heading):
        return []
    signals = listkind.Signals(
        schema_types=[t for b in blocks for t in b.types], item_urls=[b.url for b in blocks],
        heading=heading, page_url=page_url,
        priced=sum(1 for b in blocks if b.price) / len(blocks),
        dated=sum(1 for b in blocks if b.date) / len(blocks), titles=[b.title for b in blocks])
    judged = listkind.judge(signals)
    if judged is None:
        return []
    category, evidence = judged
    if not all(b.linked for b in blocks):
        if not _unlinked_ok(category, evidence):
            return []
        evidence += "; entries with no link of their own"
    if listown.foreign(category, [b.url for b in blocks if b.linked], page_url):
        return []
    plain = all(not (b.date or b.price or b.image or b.summary) for b in blocks)
    if plain and "heading" not in evidence and "schema.org" not in evidence:
        return []  # bare rows of links need a heading or markup to say what they list
    urls = [b.url for b in blocks]
    return [b.item(category, _KIND[category], evidence, unique=urls.count(b.url) == 1
                   and b.url.rstrip("/") != page_url.rstrip("/")) for b in blocks]


def _read(same: list[LexborNode], page_url: str) -> list[tuple[LexborNode, Block]]:
    """The blocks that read as items. Where some do not, one-word titles are tried too
    ("Espressomaskin", "Barista"): taken when the blocks then name different things."""
    good = [(node, b) for node in same if (b := read_block(node, page_url)) is not None]
    if len(good) == len(same):
        return good
    loose = [(node, b) for node in same if (b := read_block(node, page_url, loose=True)) is not None]
    return loose if len(loose) > len(good) and _distinct([b for _, b in loose]) else good


def _distinct(blocks: list[Block]) -> bool:
    """Whether one-word titles name different things: every title differs, or every block
    links a page of its own and most titles differ (two openings of one trade in two towns,
    "Barista" in Malmö and in Lund); a label repeated on every block ("More") never does."""
    titles = [nz.fold(b.title).lower() for b in blocks]
    if len(set(titles)) == len(titles):
        return True
    urls = [b.url.rstrip("/") for b in blocks]
    return all(urls) and len(set(urls)) == len(urls) and len(set(titles)) * 3 >= len(titles) * 2


def _terms(root: LexborNode) -> list[tuple[LexborNode, str]]:
    """Groups each term of a description list with its descriptions (``<dt>`` name, ``<dd>``
    price or place), so that a pair reads as one block; (list, its markup before) each."""
    out = []
    for dl in root.css("dl"):
        groups: list[list[LexborNode]] = []
        for kid in _elements(dl):
            if kid.tag == "dt" and (not groups or any(k.tag == "dd" for k in groups[-1])):
                groups.append([])
            if groups and kid.tag in ("dt", "dd"):
                groups[-1].append(kid)
        if len(groups) < MIN_BLOCKS or not all(any(k.tag == "dd" for k in g) for g in groups):
            continue
        before = dl.inner_html or ""
        dl.inner_html = "".join("<div>" + "".join(k.html or "" for k in g) + "</div>" for g in groups)
        out.append((dl, before))
    return out


def _unlinked_ok(category: Category, evidence: str) -> bool:
    """Entries with no link of their own make items only when the list says plainly what they
    are: offers with prices in most entries, openings under a careers heading whose titles
    read as jobs (a team's names and roles, a list of features, prose stay page content)."""
    if category is Category.OFFER:
        return "prices in most blocks" in evidence
    if category is Category.HIRING:
        return "heading" in evidence and "job titles" in evidence
    return False


def take(tree: LexborHTMLParser, page_url: str) -> tuple[Item, ...]:
    """The items of every list on the page; their blocks are removed from the tree."""
    root = tree.body
    if root is None:
        return ()
    found: list[tuple[list[LexborNode], list[Item]]] = []
    claimed: set[int] = set()
    grouped = _terms(root)
    for parent, same in _groups(root):
        if any(_inside(parent, blocks) for blocks, _ in found):
            continue
        if len(same) < MIN_BLOCKS and not all(map(_may_say, same)):
            continue
        good = _read(same, page_url)
        short = len(good) < MIN_BLOCKS
        if len(good) < ITEM_SHARE * len(same) or (short and len(good) < len(same)):
            continue
        if all(b.bare for _, b in good):
            continue  # rows of bare links: menus and tag clouds
        items = _list_items(good[0][0], [b for _, b in good], page_url)
        if short and not _short_ok([b for _, b in good], items):
            continue
        if items and items[0].category is Category.HIRING:
            items = [replace(i, details=jobfields.read(n, i.title))
                     for (n, _), i in zip(good, items, strict=True)]
        if items:
            found.append(([n for n, _ in good], items))
            claimed.update(id(n) for n, _ in good)
    taken = {n.mem_id for nodes, _ in found for n in nodes}
    for dl, before in grouped:  # a description list read as no list stays as it was
        if not any(k.mem_id in taken for k in _elements(dl)):
            dl.inner_html = before
    out: dict[str, Item] = {}
    for nodes, items in found:
        for node, item in zip(nodes, items, strict=True):
            out.setdefault(item.key, item)
            node.decompose()
    return tuple(list(out.values())[:MAX_ITEMS])


_SHORT_TEXT = 1200  # an entry of a short list is a card, not a section of prose
_SHORT_NODES = 120  # nor a column of the page's layout: counted no further than this
_SAYS = "a[href],h1,h2,h3,h4,h5,h6,time,[itemprop]"


def _may_say(node: LexborNode) -> bool:
    """A cheap look before an entry of two is read: a card of a card's size with a link,
    a heading, a date, a marked field or a price; most pairs of siblings on a page are not
    (two columns of a layout are counted only up to ``_SHORT_NODES``, never read whole)."""
    for n, _ in enumerate(node.traverse(include_text=True)):
        if n > _SHORT_NODES:
            return False
    text = node.text()
    return len(text) <= _SHORT_TEXT and (
        node.css_first(_SAYS) is not None or prices.find(text) is not None)


def _short_ok(blocks: list[Block], items: list[Item]) -> bool:
    """Whether two entries of one shape are a list of what they were judged to be: each has
    what says so on its own (every plan a price, every story a date, every opening a job
    title or an address under a careers path) and the heading or the addresses named the
    list, not the page's own address alone."""
    if not items:
        return False
    category, evidence = items[0].category, items[0].evidence
    if category is Category.OFFER:
        return all(b.price for b in blocks)
    named = "heading" in evidence or "item URLs" in evidence or "schema.org" in evidence
    if category is Category.NEWS:
        return named and all(b.date for b in blocks)
    return named and all(
        listkind.job_title(b.title) or listkind.path_category(b.url) is Category.HIRING
        for b in blocks)


def _inside(node: LexborNode, blocks: list[LexborNode]) -> bool:
    """True when ``node`` lies within one of ``blocks`` (a list nested in an item)."""
    parent: LexborNode | None = node
    while parent is not None:
        if any(parent.mem_id == b.mem_id for b in blocks):
            return True
        parent = parent.parent
    return False


def postings(nodes: Iterable[Node], page_url: str) -> tuple[Item, ...]:
    """Job openings a page declares as schema.org ``JobPosting`` (plain careers pages)."""
    return jobboards.postings(nodes, page_url)
