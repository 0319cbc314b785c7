"""A page's text as lines, with the block elements they came from, in one walk of the tree.

Every block element, and every region that matters (boilerplate, the main content, navigation),
gets an open and a close marker: one private-use character each, carrying its number. The text
of the body is then read once, and from that one string come the lines of the whole body
(contacts, people, legal ids read these), the lines of the main content without navigation,
share widgets and, when there is no ``<main>``, header and footer (the ``text`` fact), and the
block tree, so that people on team pages are paired within their own card. Reading the tree
once, instead of marking lines, reading, decomposing boilerplate and reading again, is most of
what makes a 100 KB page cheap.

Markers are checked as they come (numbers in sequence, each close matching the innermost open),
so the page's own private-use characters stay text and cannot forge structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor.extract.lines import Lines
from monitor.normalize import wordset

MAX_LINES = 20_000  # bounds for hostile pages (D5)
MAX_CHARS = 1_000_000
BLOCK_TAGS = wordset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table thead tbody tfoot caption section "
    "article header footer nav aside main address blockquote pre form fieldset legend figure "
    "figcaption hr br button label option details summary center menu"
)
BOILERPLATE = (
    "nav,aside,form,[role=navigation],[role=banner],[role=contentinfo],[role=complementary],"
    "[role=search],.breadcrumb,.breadcrumbs,[class*=share],[class*=social]"
)
_NAVIGATION = "nav,[role=navigation],[role=search]"  # not forms: ASP.NET wraps pages in one
# Supplementary private-use planes: icon fonts use the BMP private-use area, nothing uses these.
_OPEN = 0xF0000
_CLOSE = 0x100000
_MAX_MARKED = 0xFFFE
_BREAK = "\u2029"
_RUNS = re.compile("([\U000f0000-\U0010ffff\u2029]+)")
# What a numbered node is: a block (ends lines, part of the tree) and/or a region.
BLOCK, SKIP, MAIN, NAV, SPLIT = 1, 2, 4, 8, 16  # SPLIT: an inline title that starts its own line


@dataclass(frozen=True)
class PageText:
    """Lines of the body and of the main content, and the block elements the lines sit in.

    Block ``k`` (document order) has tag ``tags[k]``, sits in block ``parents[k]`` (-1: none)
    and holds lines ``starts[k]`` to ``ends[k]`` (exclusive); ``line_block[i]`` is the
    innermost block of line ``i`` and ``chrome[i]`` says whether the line is navigation (``<nav>``,
    ``role=navigation``, ``role=search``). Numbers of regions that are not blocks have the
    tag "".
    """

    lines: tuple[str, ...]
    main: tuple[str, ...]
    tags: tuple[str, ...] = ()
    parents: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    line_block: tuple[int, ...] = ()
    chrome: tuple[bool, ...] = ()


def body_nodes(tree: LexborHTMLParser, include: Iterable[str] = ()) -> list[LexborNode]:
    """The nodes the page's text is read from: the ``include`` matches, else the body."""
    selected = [node for selector in include for node in tree.css(selector)]
    if selected:
        return selected
    root = tree.body or tree.root
    return [root] if root is not None else []


def _regions(
    tree: LexborHTMLParser, roots: list[LexborNode], included: bool
) -> tuple[dict[int, int], set[str]]:
    """mem_id → region bits (the main content, none meaning all of the roots; boilerplate;
    navigation), and the tags of those nodes."""
    found: list[tuple[LexborNode, int]] = []
    main: list[LexborNode] = []
    if not included:
        main = tree.css("main,[role=main]")[:1]
        if not main:
            articles = tree.css("article")
            main = articles if len(articles) == 1 else []
        if not main:
            found += [(node, SKIP) for node in tree.css("header,footer")]
    found += [(node, MAIN) for node in main]
    for node in main or roots:  # inside the main content only: a wrapper may hold all of it
        # Wrapper classes such as "has-share-bar" must not take the page with them.
        for j in node.css(BOILERPLATE):
            titles = _org_chart(j) if j.tag == "nav" or j.attributes.get("role") == "navigation" else []
            found += [(title, SPLIT) for title in titles] if titles else [(j, SKIP)] if len(j.text(deep=True)) <= 20000 else []
    for root in roots:
        for menu in root.css(_NAVIGATION):
            titles = _org_chart(menu)
            found += [(title, SPLIT) for title in titles] if titles else [(menu, NAV)]
    regions: dict[int, int] = {}
    for node, bit in found:
        regions[node.mem_id] = regions.get(node.mem_id, 0) | bit
    return regions, {node.tag or "" for node, _ in found}


_ORG_ITEMS = 3  # list items of names with titles before a <nav> is an organisation chart


def _org_chart(node: LexborNode) -> list[LexborNode]:
    """Whether a navigation element is an organisation chart, not a menu: most of its list
    items open with a person's name (a known first name, then a capitalised word) followed by
    more words, and some of those words are job titles ("Gareth Pryce Managing Director").
    A menu's items are a page's names ("About us", "Max Power Tools"), not people with titles.
    The chart's title elements (``<a>Name</a> <em>Title</em>``) are returned, to be read on
    lines of their own (or the chart, when its titles are text); an empty list says the
    element is navigation."""
    items = node.css("li")
    if len(items) < _ORG_ITEMS:
        return []
    from monitor.extract.given import is_given  # given reads its list through normalize
    from monitor.extract.roles import ROLE_WORD, is_role_line

    people = titled = 0
    titles: list[LexborNode] = []
    for item in items[:60]:
        run = _leading_run(item)
        if len(run) == 1 and run[0].tag not in _NOT_ELEMENT:  # a wrapper: <span class=node>…</span>
            run = _leading_run(run[0])
        words = " ".join(kid.text(deep=True) for kid in run).split()
        if not 3 <= len(words) <= 12 or not is_given(words[0]) or not words[1][:1].isupper():
            continue
        people += 1
        titled += is_role_line(" ".join(words[2:])) or ROLE_WORD.search(" ".join(words[2:])) is not None
        if len(run) >= 2 and run[-1].tag not in _NOT_ELEMENT:
            titles.append(run[-1])
    if 3 * people < 2 * len(items[:60]) or titled < 2:
        return []
    return titles or [node]  # a chart whose titles are text: the chart itself, read as a block


def _leading_run(node: LexborNode) -> list[LexborNode]:
    """The children of ``node`` before its first block child, less blank text and comments."""
    out: list[LexborNode] = []
    kid = node.child
    while kid is not None and kid.tag not in BLOCK_TAGS:
        blank = kid.tag in ("-text", "_text") and not (kid.text_content or "").strip()
        if not blank and kid.tag not in ("-comment", "_comment"):
            out.append(kid)
        kid = kid.next
    return out


def _mark(
    roots: list[LexborNode], regions: dict[int, int], region_tags: set[str]
) -> tuple[list[str], list[int]]:
    """Insert the markers; the tag ("" for a region that is no block) and bits of each number."""
    tags: list[str] = []
    kinds: list[int] = []
    for root in roots:
        nodes = root.css("*")
        if nodes and nodes[0].mem_id == root.mem_id:
            nodes = nodes[1:]  # markers around a root would fall outside its text
        for node in nodes:
            tag = node.tag or ""
            kind = BLOCK if tag in BLOCK_TAGS else 0
            if tag in region_tags:
                kind |= regions.get(node.mem_id, 0)
            if not kind:
                _keep_apart(node)
                continue
            if kind == SPLIT:  # an organisation chart's title beside its name
                node.insert_before(_BREAK)
                continue
            if tag == "br" or tag == "hr" or len(tags) >= _MAX_MARKED:
                node.insert_before(_BREAK)  # past the budget a block still ends its line
                continue
            node.insert_before(chr(_OPEN + len(tags)))
            node.insert_after(chr(_CLOSE + len(tags)))
            tags.append(tag if kind & BLOCK else "")
            kinds.append(kind)
    return tags, kinds


_NOT_ELEMENT = frozenset({"-text", "-comment", "_text", "_comment", "", None})


def _keep_apart(node: LexborNode) -> None:
    """A space between two inline elements that touch: ``<span>Events</span><a>Atlas</a>``.

    Browsers glue them, but side by side they are almost always two words (a menu's label and
    its link, a name and its title); an element touching a text node ("<b>W</b>ord") is one word.
    """
    prev = node.prev
    if prev is not None and prev.tag not in _NOT_ELEMENT and prev.tag not in BLOCK_TAGS:
        node.insert_before(" ")


class _Tree:
    """The numbered nodes as their markers go by: nesting, line ranges, region depths."""

    def __init__(self, tags: list[str], kinds: list[int], all_main: bool) -> None:
        count = len(tags)
        self.kinds = kinds
        self.parents = [-1] * count
        self.starts = [0] * count
        self.ends = [0] * count
        self.stack = [-1]  # every open number
        self.blocks = [-1]  # the open blocks
        self.next_open = 0
        self.depth = {SKIP: 0, MAIN: 1 if all_main else 0, NAV: 0}

    def region(self, kind: int, step: int) -> None:
        """Enter (step 1) or leave (-1) the regions of a number."""
        for bit in (SKIP, MAIN, NAV):
            if kind & bit:
                self.depth[bit] += step

    @property
    def take_main(self) -> bool:
        """Whether text here is main content."""
        return self.depth[MAIN] > 0 and self.depth[SKIP] == 0


def _feed(raw: str, out: Lines, tree: _Tree) -> None:
    """Read one root's marked text into lines and block nesting.

    The text splits into text and runs of markers; most text between markers is layout
    whitespace. A marker out of sequence is the page's own character and stays text. (Hot
    loop: state lives in locals.)
    """
    pieces: list[str] = []
    main_pieces: list[str] = []
    take_main = tree.take_main
    kinds, stack, blocks, lines = tree.kinds, tree.stack, tree.blocks, out.lines
    parents, starts, ends = tree.parents, tree.starts, tree.ends
    next_open, count = tree.next_open, len(kinds)
    parts = _RUNS.split(raw)
    last = len(parts) - 1
    for at in range(0, len(parts), 2):
        text = parts[at]
        if text and (pieces or not text.isspace()):  # layout whitespace cannot start a line
            pieces.append(text)
            if take_main:
                main_pieces.append(text)
        for mark in parts[at + 1] if at < last else "":
            code = ord(mark)
            if code >= _CLOSE:
                k = code - _CLOSE
                kind = kinds[k] if k == stack[-1] else -1
            elif code >= _OPEN:
                k = code - _OPEN
                kind = kinds[k] if k == next_open < count else -1
            else:  # a <br>
                k, kind = -1, BLOCK
            if kind < 0:
                pieces.append(mark)  # not ours: the page's own character
                if take_main:
                    main_pieces.append(mark)
                continue
            if pieces and kind & BLOCK:  # a block boundary or a <br> ends the line
                out.end(pieces, main_pieces, blocks[-1], tree.depth[NAV] > 0)
                pieces, main_pieces = [], []
            if k < 0:
                continue
            if code < _CLOSE:
                next_open = k + 1
                stack.append(k)
                if kind & BLOCK:
                    parents[k], starts[k] = blocks[-1], len(lines)
                    blocks.append(k)
            else:
                stack.pop()
                if kind & BLOCK:
                    ends[blocks.pop()] = len(lines)
            if kind != BLOCK:
                tree.region(kind, 1 if code < _CLOSE else -1)
                take_main = tree.take_main
    tree.next_open = next_open
    if pieces:
        out.end(pieces, main_pieces, blocks[-1], tree.depth[NAV] > 0)


def read(
    tree: LexborHTMLParser, include: Iterable[str] = (), ignore: Sequence[re.Pattern[str]] = ()
) -> PageText:
    """The page's lines, main lines and blocks (see the module docs); marks the tree's text.

    Call it after everything that reads node text or attributes: the markers stay in the tree.
    """
    selected = _outermost([node for selector in include for node in tree.css(selector)])
    roots = selected or body_nodes(tree)
    if not roots:
        return PageText((), ())
    regions, region_tags = _regions(tree, roots, bool(selected))
    tags, kinds = _mark(roots, regions, region_tags)
    all_main = not any(kind & MAIN for kind in kinds)
    out = Lines(ignore)
    nesting = _Tree(tags, kinds, all_main)
    for root in roots:
        _feed(root.text(deep=True), out, nesting)
    for k in nesting.blocks[1:]:  # a block left open (its marker lost to a hostile page)
        nesting.ends[k] = len(out.lines)
    return _bounded(out, nesting, tags)


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The nodes not inside another of them (each is read once), in their order, no repeats."""
    inner = {d.mem_id for node in nodes for d in node.css("*")[1:]} if len(nodes) > 1 else set()
    seen: set[int] = set()
    out = []
    for node in nodes:
        if node.mem_id not in inner and node.mem_id not in seen:
            seen.add(node.mem_id)
            out.append(node)
    return out


def _bounded(out: Lines, nesting: _Tree, tags: list[str]) -> PageText:
    lines = out.lines
    cut = min(len(lines), MAX_LINES)
    if sum(map(len, lines[:cut])) > MAX_CHARS:
        total = 0
        for i in range(cut):
            total += len(lines[i])
            if total > MAX_CHARS:
                cut = i
                break
    starts, ends = nesting.starts, nesting.ends
    if cut < len(lines):
        starts, ends = [min(s, cut) for s in starts], [min(e, cut) for e in ends]
    return PageText(
        tuple(lines[:cut]), tuple(out.main), tuple(tags), tuple(nesting.parents),
        tuple(starts), tuple(ends), tuple(out.line_block[:cut]), tuple(out.chrome[:cut]),
    )  # fmt: skip
