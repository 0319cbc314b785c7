"""Person cards vouched for by cues that hold in any language.

A team is a group of sibling elements of one kind (one tag, one class vocabulary), each holding
a person's name on a short line and a title on another. Whether such a group is people, and not
products, posts or logos, is told by evidence that no language's lexicon has to know:

- the class vocabulary site builders use for people (``team-member``, ``staff-card``,
  ``person-title``, ``job_title``, ``designation``, ``equipo``…), read as words of class names;
- a portrait whose ``alt`` (or ``title``, or file name) repeats the card's name;
- an e-mail address whose local part spells the name (``j.casals@``, ``jordi.casals@``);
- h-card markup (``p-name``, ``p-job-title``, ``p-role``; ``fn``, ``title``, ``role``);
- titles the role patterns or the multilingual lexicon know, and known first names;
- the repetition itself: three cards or more of one shape.

A group counts when enough independent cues agree (``_ENOUGH``); the class words of other
people's blocks (testimonials, authors, speakers, investors, partners, products, posts) or a
heading that names them keep a group out, as does a title held at another firm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract import repeats, sections
from monitor.extract.given import ends_with_given, is_cjk, starts_with_given
from monitor.extract.layout import BLOCK_TAGS
from monitor.extract.people import firm_after
from monitor.extract.roles import is_role_line, role
from monitor.models import Fact

RULE = "cues"
_HCARD = "h-card"
_MAX_GROUPS = 200
_MAX_CARD_CHARS = 800
_MAX_LINES = 10
_FIRST = 4  # the name opens its card: one of its first lines
_ENOUGH = 3  # independent cues a group needs
_CLASS_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_DIGITS = re.compile(r"\d+")
# Words of class names that mark a firm's people, in the languages builders name classes in.
_PEOPLE = frozenset(
    [
        "team",
        "teams",
        "member",
        "members",
        "person",
        "persons",
        "people",
        "staff",
        "employee",
        "employees",
        "profile",
        "profiles",
        "bio",
        "bios",
        "board",
        "leadership",
        "executive",
        "executives",
        "management",
        "position",
        "jobtitle",
        "job",
        "role",
        "designation",
        "personnel",
        "equipo",
        "equipe",
        "equip",
        "mitarbeiter",
        "medewerker",
        "medewerkers",
        "medarbetare",
        "ansatte",
        "crew",
        "doctor",
        "doctors",
        "faculty",
        "committee",
        "founder",
        "founders",
        "director",
        "directors",
        "vcard",
    ]
)
# Words of class names that mark other people's blocks, or things that are not people.
_OTHERS = frozenset(
    [
        "testimonial",
        "testimonials",
        "review",
        "reviews",
        "quote",
        "quotes",
        "author",
        "authors",
        "byline",
        "speaker",
        "speakers",
        "investor",
        "investors",
        "partner",
        "partners",
        "client",
        "clients",
        "customer",
        "customers",
        "product",
        "products",
        "post",
        "posts",
        "blog",
        "article",
        "articles",
        "news",
        "event",
        "events",
        "sponsor",
        "sponsors",
        "logo",
        "logos",
        "price",
        "cart",
        "shop",
        "comment",
        "comments",
        "portfolio",
        "project",
        "projects",
        "case",
        "award",
        "awards",
    ]
)
# Words of class names that mark a card's parts: each is a line of its own, inline or not.
_PART_WORDS = frozenset(
    ["name", "fullname", "title", "jobtitle", "job", "role", "position", "designation", "fn"]
)
_HEADINGS = "h1,h2,h3,h4,h5,h6"
_MAILTO = re.compile(r"^mailto:([^@?]+)@", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Card:
    name: str
    title: str
    node: LexborNode | None  # read for a portrait or a mail only when the other cues fall short
    hcard: bool = False

    def pictured(self) -> bool:
        return self.node is not None and _pictured(self.node, self.name)

    def mailed(self) -> bool:
        return self.node is not None and _mailed(self.node, self.name)


def _class_words(node: LexborNode) -> frozenset[str]:
    return _words_of(node.attributes.get("class") or "")


@lru_cache(maxsize=4096)
def _words_of(raw: str) -> frozenset[str]:
    """The words of a class attribute: "et_pb_team_member_0 staffCard" → team, member, staff, card."""
    return frozenset(w.lower() for w in _CLASS_SPLIT.split(_DIGITS.sub("", raw)) if w)


def _lines(node: LexborNode) -> list[str]:
    """A card's lines, as a browser breaks them: at block elements and ``<br>``, not at inline
    ones (a name in ``<b>`` inside a sentence stays in its sentence)."""
    if len(node.text(deep=True)) > _MAX_CARD_CHARS:
        return []
    pieces: list[str] = []
    lines: list[str] = []

    def close() -> None:
        line = " ".join("".join(pieces).split())  # as the page's lines: a ZWNJ stays (Persian)
        pieces.clear()
        if line:
            lines.append(line)

    def walk(current: LexborNode) -> None:
        kid = current.child
        while kid is not None:
            tag = kid.tag or ""
            if tag in ("-text", "_text"):
                pieces.append(kid.text_content or "")
            elif tag in BLOCK_TAGS or (
                "class" in kid.attributes and _class_words(kid) & _PART_WORDS
            ):
                close()  # a block, or an inline part the page names ("person-name", "job-title")
                walk(kid)
                close()
            elif tag not in ("script", "style", "-comment", "_comment"):
                walk(kid)
            kid = kid.next

    walk(node)
    close()
    return lines[:_MAX_LINES]


def _squeezed(text: str) -> str:
    return "".join(_LETTERS.findall(nz.fold(text)))


def _spells(local: str, name: str) -> bool:
    """Whether a mail's local part spells a name: "jordi.casals", "j.casals", "jcasals"."""
    parts = [_squeezed(p) for p in name.split() if len(_squeezed(p)) >= 2]
    if len(parts) < 2 or not local.isascii():
        return False
    local = _squeezed(local)
    first, last = parts[0], parts[-1]
    return last in local and (first in local or local.startswith(first[0]) or local == last)


def _pictured(node: LexborNode, name: str) -> bool:
    """Whether a portrait in the card repeats its name (alt, title, or file name)."""
    key = _squeezed(name)
    tokens = [_squeezed(t) for t in name.split() if len(_squeezed(t)) >= 3]
    for img in node.css("img"):
        alt = _squeezed((img.attributes.get("alt") or "") + (img.attributes.get("title") or ""))
        if len(alt) >= 4 and (key in alt or alt in key):
            return True
        src = (img.attributes.get("src") or "").rsplit("/", 1)[-1].lower()
        if tokens and src.isascii() and any(t.isascii() and t in src for t in tokens):
            return True
    return False


def _mailed(node: LexborNode, name: str) -> bool:
    for link in node.css("a[href^='mailto:'],a[href^='MAILTO:']"):
        m = _MAILTO.match(link.attributes.get("href") or "")
        if m and _spells(m.group(1), name):
            return True
    return False


def _hcard(node: LexborNode) -> tuple[str, str] | None:
    """The name and title an h-card (or a vCard) marks."""
    name_node = node.css_first(".p-name,.fn")
    title_node = node.css_first(".p-job-title,.p-role,.title,.role")
    if name_node is None or title_node is None:
        return None
    name = nz.person_name(nz.text(name_node.text(deep=True, separator=" ")))
    title = nz.text(title_node.text(deep=True, separator=" "))
    return (name, title) if name and title and len(title) <= 80 else None


def _read(node: LexborNode, hcards: bool) -> _Card | None:
    """The person of one card: a name among its first lines and the title next to it (or
    the name and title its h-card marks, on a page that has h-cards)."""
    marked = _hcard(node) if hcards else None
    if marked:
        return _Card(marked[0], marked[1], None, True)
    lines = _lines(node)
    for i, line in enumerate(lines[:_FIRST]):
        short = repeats.name_line(line)
        if not short:
            continue
        near = [*lines[i + 1 : i + 3], *lines[max(0, i - 1) : i]]
        titles = [t for t in near if repeats.title_line(t) and not repeats.name_line(t)]
        if titles:
            links = {nz.text(a.text(deep=True)) for a in node.css("a")}  # "Profile", "LinkedIn"
            titles = [t for t in titles if t not in links]
        title = next((t for t in titles if is_role_line(t)), titles[0] if titles else "")
        if not title or repeats.at_firm(title) or firm_after(title, ""):
            return None
        full = nz.person_name(line)  # "Smt. R. Lakshmi Priya": the initial is the name's
        name = full if full and full.endswith(short) else short
        name = line if nz.text(line) == name else name  # the page's own spelling (a ZWNJ kept)
        return _Card(name, title, node)
    return None


def _groups(tree: LexborHTMLParser) -> Iterator[list[LexborNode]]:
    """Sibling elements of one tag and class vocabulary, two or more, that hold text."""
    seen = 0
    body = tree.body
    if body is None:
        return
    for parent in body.css("*"):
        kids: dict[tuple[str, str], list[LexborNode]] = {}
        for kid in parent.iter(include_text=False):
            tag = kid.tag or ""
            if tag not in _NOT_CARDS:
                key = (tag, _shape(kid.attributes.get("class") or ""))
                kids.setdefault(key, []).append(kid)
        for group in kids.values():
            if len(group) >= 2:
                seen += 1
                yield group
                if seen >= _MAX_GROUPS:
                    return


_NOT_CARDS = frozenset(
    {"script", "style", "br", "img", "hr", "input", "option", "link", "meta", "svg", "path"}
)


@lru_cache(maxsize=4096)
def _shape(raw: str) -> str:
    """A class attribute without its numbers, its words in order: the kind of a card."""
    return " ".join(sorted(_DIGITS.sub("", token) for token in raw.split()))


def _ancestor_words(node: LexborNode, levels: int = 3) -> set[str]:
    words: set[str] = set()
    parent = node.parent
    for _ in range(levels):
        if parent is None:
            break
        words |= _class_words(parent)
        parent = parent.parent
    return words


def _heading_before(node: LexborNode) -> str:
    """The text of the nearest heading before a group (a sibling of it or of its parents)."""
    current: LexborNode | None = node
    for _ in range(4):
        if current is None:
            return ""
        prev = current.prev
        while prev is not None:
            if prev.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                return nz.text(prev.text(deep=True))
            found = prev.css(_HEADINGS) if prev.tag and prev.tag[0] not in "-_" else []
            if found:
                return nz.text(found[-1].text(deep=True))
            prev = prev.prev
        current = current.parent
    return ""


def _score(cards: list[_Card], words: set[str]) -> int:
    """Independent cues that a group of cards is a firm's people."""
    half = (len(cards) + 1) // 2
    named = sum(
        starts_with_given(c.name) or ends_with_given(c.name) or is_cjk(c.name) for c in cards
    )
    score = (
        (len(cards) >= 3)
        + all(is_role_line(c.title) for c in cards)  # every title a known one: a second cue
        + bool(words & _PEOPLE)
        + (sum(c.hcard for c in cards) >= half) * 2
        + (sum(is_role_line(c.title) for c in cards) >= half)
        + (named >= half)
    )
    if score >= _ENOUGH or score + 2 < _ENOUGH:
        return score  # portraits and mails would change nothing: not read
    score += sum(c.pictured() for c in cards) >= half
    return score + (score < _ENOUGH and sum(c.mailed() for c in cards) >= half)


def _cards(group: list[LexborNode], hcards: bool) -> list[_Card]:
    """The cards of a group, read until more than half of them, or the first two, have no
    person."""
    cards: list[_Card] = []
    misses = 0
    for k, node in enumerate(group):
        card = _read(node, hcards)
        if card is None:
            misses += 1
            if 2 * misses > len(group) or misses == k + 1 == 2:
                return []  # (the first two without a person: not a group of people)
        else:
            cards.append(card)
    return cards


_INLINE = frozenset({"strong", "b", "span", "a", "em", "i", "u"})
_TEXT = ("-text", "_text")


def _entry_lines(node: LexborNode) -> list[str]:
    """An entry's lines: a ``<dt>``'s with its ``<dd>``'s after them; an inline name's text
    and the words after it up to the next line break ("<b>Ελένη Βαρδάκη</b>, Διευθύνουσα
    Σύμβουλος<br>"), as two lines."""
    lines = _lines(node)
    nxt = node.next
    if node.tag in _INLINE and len(lines) == 1:
        tail: list[str] = []
        while nxt is not None and nxt.tag in _TEXT:
            tail.append(nxt.text_content or "")
            nxt = nxt.next
        rest = " ".join("".join(tail).split()).strip(" ,–—-:|")
        return [*lines, rest] if rest and (nxt is None or nxt.tag == "br") else lines
    if node.tag == "dt":
        while nxt is not None and (nxt.tag or "")[:1] in ("-", "_"):
            nxt = nxt.next
        if nxt is not None and nxt.tag == "dd":
            lines += _lines(nxt)
    return lines


def _listed(group: list[LexborNode]) -> tuple[list[_Card], LexborNode]:
    """The entries of a group read as a vouched section's list (``sections``), none when more
    than half of them, or the first two, are no person's; and the node of the first entry
    (whose section is the list's: an intro paragraph before the heading is not in it)."""
    if group[0].tag == "tr":
        found = sections.rows([_lines(node) for node in group])
    else:
        found = []
        for node in group:
            found.append(sections.entry(_entry_lines(node)))
            if len(found) == 2 and found[0] is None and found[1] is None:
                return [], group[0]  # (the first two without a person: not a list of people)
    first = next((node for node, f in zip(group, found, strict=False) if f), group[0])
    cards = [_Card(f[0], f[1], None) for f in found if f is not None and not firm_after(f[1], "")]
    return (cards if 2 * (len(found) - len(cards)) <= len(group) else []), first


def _fact(card: _Card, rule: str) -> Fact:
    evidence = nz.clip(f"[{rule}] {card.name} / {card.title}", 200)
    return Fact("person", card.name, role(card.title), evidence)


def _one_each(cards: list[_Card], group: list[LexborNode]) -> bool:
    """Two cards or more, for half the group at least, each of another name."""
    names = {nz.fold(c.name) for c in cards}
    return len(cards) >= 2 and 2 * len(cards) >= len(group) and len(names) == len(cards)


def find(tree: LexborHTMLParser, url: str = "") -> list[Fact]:
    """Person facts of card groups enough cues vouch for, or the section they stand in
    (``sections``), read before ``layout.read``."""
    out: list[Fact] = []
    seen: set[str] = set()
    hcards = tree.css_first(".h-card,.vcard") is not None
    page: list[bool] = []  # whether the address or title vouches, read once when asked

    def vouched(node: LexborNode) -> bool:
        if not page:
            page.append(sections.page_says_ours(tree, url))
        return sections.vouches(node, page[0] and node.tag != "tr")  # a table: its heading

    for group in _groups(tree):
        own = set().union(*(_class_words(n) for n in group))
        words = own | _ancestor_words(group[0])
        if (own | _ancestor_words(group[0], 1)) & _OTHERS:
            continue  # a wrapper's words ("post-content") say nothing of the cards
        cards = _cards(group, hcards)
        found = [(card, RULE) for card in cards]
        if (
            not _one_each(cards, group)
            or _score(cards, words) < _ENOUGH
            or repeats.others_heading(_heading_before(group[0]))
        ):
            found = []
        if len(found) < len(group):  # none, or some cards the cues could not read ("ภญ.อรุณี")
            listed, first = _listed(group)
            titled = 2 * sum(bool(c.title) for c in listed) >= len(listed)
            if _one_each(listed, group) and titled and vouched(first):
                found += [(card, sections.RULE) for card in listed]
        for card, rule in found:
            key = nz.fold(card.name)
            if key not in seen:
                seen.add(key)
                out.append(_fact(card, rule))
    return out
