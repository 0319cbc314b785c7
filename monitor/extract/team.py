"""Team lists: every person paired with exactly their own role, never a neighbour's.

Read in this order, each line used at most once:

1. one-line pairs: "Jane Doe – CEO", "CEO – Jane Doe", "Jane Doe, CEO";
2. cards: going outwards from a role line, the largest small block that still holds one
   name pairs it with the role, in either order (``<li class=member><h3>Name</h3><p>Role</p>``,
   a table row, a ``<div>`` per person); a block holding two people is never one card, and
   a list (``<ul>``, ``<table>``, ``<dl>``) never is;
3. the rest, line by line: a name line next to a role line, both in one block or in sibling
   blocks (``<dt>``/``<dd>``, ``<h3>``/``<p>`` siblings, ``<br>``-separated lines), in the
   orientation (name above role, or role above name) that pairs more lines of that run.

Cards are never read from navigation menus, nor from bylines ("By Jane Doe"). A page with a
single weak pair ("Sharp Insights" / "Developer Access") is more often a teaser than a team:
weak titles count only when the page has at least two pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from monitor import normalize as nz
from monitor.extract import lexicon, repeats
from monitor.extract.given import is_cjk, starts_with_given
from monitor.extract.layout import PageText
from monitor.extract.roles import (
    GROUP_RX,
    ROLE_STEMS,
    ROLE_WORD,
    STRONG_RX,
    is_role_line,
    lexicon_title,
    role,
)
from monitor.extract.scan import Scan

_CARD_LINES = 6  # a person's card holds a name, a title, a bio, a link or two: not a section
_CARD_DEPTH = 6
_CARD_REACH = 2  # lines between a card's name and its title: "Jane Doe" / "CEO" / "Bio…"
# Blocks that hold a list of things, never one person's card (a <dl> pairs by neighbours).
_LISTS = nz.wordset("ul ol dl table tbody thead tfoot menu nav form select body main")
_BYLINE = ("by ", "par ", "von ", "von:")
_ONE_LINE = re.compile(r"\s+[-|–—]\s+|,\s+")
_CONTACT_TAIL = re.compile(r",\s*(?:\+?[\d(][\d\s()./-]{5,}|\S+@\S+)(?:,.*)?$")
_DIGIT = re.compile(r"\d")
# A title line that ends open ("… Europa und", "Head of Sales &", "Directrice, "): its rest is
# on the next line, where the layout broke it.
_OPEN_END = re.compile(r"(?:\s(?:und|and|et|e|y|og|och|en|sowie|&)|[,&/])\s*$", re.I)
_OPEN_START = re.compile(r"(?:und|and|et|e|y|og|och|en|sowie|&)\s", re.I)  # "… Communications" / "and Public Affairs"
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.\w|(?i:tel|phone|telefon|téléphone|teléfono|telefono|mobil)\w*\.?\s*:?\s*\+?\d")


@dataclass(frozen=True)
class Pair:
    """A name and a role read together, and the lines they came from (name first)."""

    name: str
    role: str
    lines: tuple[int, ...]
    rule: str = "neighbour lines"  # which reading found it, said in the evidence


class _Page:
    """The lines of a page with the name and role tests memoised."""

    def __init__(self, scan: Scan, page: PageText | None) -> None:
        self.lines = scan.lines
        self.page = page if page is not None and len(page.line_block) == len(scan.lines) else None
        titled = scan.find_lines(ROLE_STEMS, short=True)
        self.wordy = {i for i in titled if ROLE_WORD.search(self.lines[i])}
        # titles of the multilingual lexicon ("Mwenyekiti", "секретар"): short lines only
        # (a line with a separator may be a name and its title: "Ane Bengoetxea, idazkaria")
        self.wordy |= {
            i for i, line in enumerate(self.lines) if i not in self.wordy and _short(line)
            and (lexicon_title(line) or (_ONE_LINE.search(line) is not None and lexicon.has_title(line)))
        }  # fmt: skip
        # "Dr. Helen Price (Chair)" is a name with its title, not a title
        self.roles = {i for i in self.wordy if _titled(self.lines[i]) and not _bracketed_name(self.lines[i])}
        self._names: dict[int, tuple[str, str] | None] = {}

    def name(self, i: int) -> tuple[str, str] | None:
        """The person line ``i`` names alone, and its folded key; None for other lines."""
        if i not in self._names:
            line = self.lines[i]
            ok = i not in self.wordy and len(line) <= 60 and not line.lower().startswith(_BYLINE)
            ok = ok and not (i - 1 in self.wordy and _OPEN_END.search(self.lines[i - 1]))  # a title's rest
            ok = ok and not GROUP_RX.fullmatch(line.strip())  # "役員" (officers) heads a row: no one's name
            name = nz.person_name(line) if ok else None  # a byline names an author, not a team
            self._names[i] = (name, nz.fold(name)) if name else None
        return self._names[i]

    def readable(self, i: int) -> bool:
        """Whether line ``i`` may be part of a card: not navigation."""
        return self.page is None or not self.page.chrome[i]

    def pair(self, name_line: int, role_line: int) -> Pair:
        """The pair of a name line and a role line (and the role's second line, when the first
        ends on "und", "&" or "," or the second opens with one: "Pressereferentin Energie &
        Europa und" / "Ansprechpartnerin my eFuture")."""
        named = self.name(name_line)
        assert named is not None
        title = self.lines[role_line]
        lines: tuple[int, ...] = (name_line, role_line)
        nxt = role_line + 1
        opens = nxt < len(self.lines) and (_OPEN_END.search(title) or _OPEN_START.match(self.lines[nxt]))
        if opens and nxt != name_line and self.title_line(nxt):
            title, lines = f"{title} {self.lines[nxt]}", (*lines, nxt)
        return Pair(named[0], role(title), lines)

    def title_line(self, i: int) -> bool:
        """A short line without digits or a colon that names no person: a title's rest."""
        line = self.lines[i]
        return len(line) <= 60 and ":" not in line and not _DIGIT.search(line) and not self.name(i)

    def contact_after(self, last: int) -> bool:
        """Whether an e-mail or a phone follows line ``last`` within a card's reach: the name
        and title above are a contact card, however deep the layout nests its parts."""
        return any(_CONTACT.search(line) for line in self.lines[last + 1 : last + 1 + _CARD_LINES])


def _short(line: str) -> bool:
    """A line short enough to be a title, or a name with its title ("Unai Garmendia, kalitate
    eta elikagai-segurtasuneko arduraduna"): 100 characters, twelve words, no digit but in a
    phone number after them."""
    return 0 < len(line) <= 100 and line.count(" ") < 12 and not _DIGIT.search(_CONTACT_TAIL.sub("", line))


_BRACKETED = re.compile(r"^(?P<name>[^()]{4,60}?)\s*\([^()]{2,40}\)$")


def _bracketed_name(line: str) -> bool:
    """A person's name followed by a bracketed word: "Dr. Helen Price (Chair)"."""
    m = _BRACKETED.match(line)
    return bool(m and nz.person_name(m.group("name")) and not ROLE_WORD.search(m.group("name")))


def _titled(line: str) -> bool:
    """``is_role_line`` for a line already known to hold a role word; a title that opens with
    its role word may run on a little ("Socio, responsable de la oficina de Bilbao"), a
    sentence is no title ("Abogado especialista en fiscalidad foral.")."""
    words = len(line.split())
    short = len(line) <= 60 and (words <= 6 or (words <= 8 and bool(ROLE_WORD.match(line))))
    colon = ":" in line or "：" in line
    return short and not colon and not _DIGIT.search(line) and not _SENTENCE_END.search(line)


_SENTENCE_END = re.compile(r"\w{5,}[.!?]$")  # a full word closing on a stop; "Dipl.-Ing." is no sentence


def _colon_line(page: _Page, i: int) -> Pair | None:
    """ "Teknisk direktør: Ingrid Olsen", "Kassenwart: Christiane Röder": a title, a colon, a name."""
    title, _, rest = page.lines[i].partition(":")
    name = nz.person_name(rest) if rest.strip() else None
    if name and is_role_line(title) and not ROLE_WORD.search(rest):
        return Pair(name, role(title), (i,))
    return None


def _one_line(page: _Page, i: int) -> Pair | None:
    """ "Jane Doe – CEO", "CEO – Jane Doe", "Jane Doe, CEO" on one line."""
    line = page.lines[i]
    if ":" in line:
        return _colon_line(page, i) if line.count(":") == 1 else None
    parts = _ONE_LINE.split(line, maxsplit=1)
    if len(parts) != 2:
        # "Anna Berg CEO": inline elements run together; alone, only a strong title tells a
        # name from a title's first words ("Mali İşler Direktörü" is a title)
        run_on = repeats.run_on(line) if page.readable(i) else None
        return Pair(run_on[0], role(run_on[1]), (i,)) if run_on and STRONG_RX.fullmatch(run_on[1]) else None
    first, second = parts
    name = nz.person_name(first)
    if name and is_role_line(second) and not ROLE_WORD.search(first):
        return Pair(name, role(second), (i,))
    second = _CONTACT_TAIL.sub("", second)  # "Head of lab — Iryna Kravets, lab@example.org"
    name = nz.person_name(second) if not line[len(first) :].lstrip().startswith(",") else None
    if name and is_role_line(first) and not ROLE_WORD.search(second):
        return Pair(name, role(first), (i,))
    return None


def _card(page: _Page, layout: PageText, r: int, used: set[int]) -> list[Pair]:
    """The pairs of the card around role line ``r``: the largest block holding one person.

    Going outwards, the card is the last small block before one holding a second name or a
    list. A card among cards (another person's name right before or after it) whose role
    lines all follow the name gives its person every one of them ("CEO", "Board member");
    otherwise only a block with one name and one role pairs, so a card under a "Board of
    Directors" heading does not take the heading for a role.
    """
    strict: tuple[int, list[int]] | None = None
    widest: tuple[int, list[int]] | None = None
    span = (r, r + 1)
    block = layout.line_block[r]
    for _ in range(_CARD_DEPTH):
        if block < 0 or layout.tags[block] in _LISTS:
            break
        start, end = layout.starts[block], layout.ends[block]
        if end - start > _CARD_LINES or not used.isdisjoint(range(start, end)):
            break  # too big for one card, or it holds someone already paired
        roles: list[int] = []
        people: dict[str, int] = {}
        for i in range(start, end):
            if i in page.roles:
                roles.append(i)
            elif named := page.name(i):
                people.setdefault(named[1], i)
        if len(people) > 1:
            break
        if people:
            widest, span = (next(iter(people.values())), roles), (start, end)
            near = len(roles) == 1 and abs(roles[0] - widest[0]) <= _CARD_REACH
            strict = widest if near else strict
        block = layout.parents[block]
    if widest is not None and min(widest[1]) > widest[0] and _among_cards(page, *span):
        strict = widest
    return [page.pair(strict[0], k) for k in strict[1]] if strict else []


def _among_cards(page: _Page, start: int, end: int) -> bool:
    """Whether another name stands just before or after lines [start, end)."""
    near = [*range(max(0, start - _CARD_LINES), start), *range(end, end + _CARD_LINES)]
    return any(i < len(page.lines) and page.name(i) for i in near)


def _related(layout: PageText | None, a: int, b: int) -> bool:
    """Lines in one block, or in a block and its parent, or in sibling blocks."""
    if layout is None:
        return True
    x, y = layout.line_block[a], layout.line_block[b]
    px = layout.parents[x] if x >= 0 else -1
    py = layout.parents[y] if y >= 0 else -1
    return x == y or px in (py, y) or py == x


def _adjacent(page: _Page, used: set[int]) -> list[Pair]:
    """Name/role neighbours, each run read in the orientation that pairs more of it.

    A candidate at ``i`` pairs lines ``i`` and ``i + 1``; candidates at consecutive ``i`` share
    a line and form a run ("name, role, name, role": name-first wins 2 to 1).
    """
    count = len(page.lines)

    def free(i: int) -> bool:
        return 0 <= i < count and i not in used and page.readable(i)

    name_first: dict[int, tuple[int, int]] = {}
    role_first: dict[int, tuple[int, int]] = {}
    for r in sorted(page.roles):
        if not free(r):
            continue
        if free(r - 1) and page.name(r - 1) and (_related(page.page, r - 1, r) or page.contact_after(r)):
            name_first[r - 1] = (r - 1, r)
        if free(r + 1) and _related(page.page, r, r + 1) and page.name(r + 1):
            role_first[r] = (r + 1, r)
    out: list[Pair] = []
    for run in _runs(sorted(name_first.keys() | role_first.keys())):
        by_name, by_role = _greedy(run, name_first), _greedy(run, role_first)
        if len(by_role) > len(by_name):  # a tie keeps name-first, the usual layout
            # a lone "title, then name" is as often a teaser ("Partner Content" / "Brand
            # Studio") as a person: it takes a list of them, or a strong title
            strong = [p for p in by_role if STRONG_RX.search(page.lines[p[1]])]
            by_name = by_role if len(by_role) > 1 else strong
        out += [page.pair(*lines) for lines in by_name]
    return out


_RUN_GAP = 3  # a card's phone or e-mail line between two pairs does not end their run


def _runs(starts: list[int]) -> list[list[int]]:
    """Candidates in runs: consecutive, or apart by the few contact lines of a card
    ("Myyntijohtaja" / "Tuula Räsänen" / "040 555 1203" / "Asiakkuuspäällikkö" / …)."""
    runs: list[list[int]] = []
    for i in starts:
        if runs and i - runs[-1][-1] <= _RUN_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _greedy(run: list[int], candidates: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    taken = -2
    for i in run:
        if i in candidates and i > taken + 1:
            found.append(candidates[i])
            taken = i
    return found


def pairs(scan: Scan, layout: PageText | None = None) -> tuple[list[Pair], set[int]]:
    """Name/role pairs of the page's team lists, and the lines they used (see module docs)."""
    page = _Page(scan, layout)
    found: list[Pair] = []
    used: set[int] = set()
    for i in sorted(page.wordy):
        pair = _one_line(page, i)
        if pair is not None:
            found.append(replace(pair, rule="name and title on one line"))
            used.add(i)
    if page.page is not None:
        for r in sorted(page.roles - used):
            if r in used or not page.readable(r):
                continue
            for pair in _card(page, page.page, r, used):
                found.append(replace(pair, rule="card"))
                used.update(pair.lines)
    for pair in _adjacent(page, used):
        found.append(replace(pair, rule="neighbour lines"))
        used.update(pair.lines)
    for pair in _name_runs(page, used, {p.lines for p in found}):
        found.append(replace(pair, rule="list of names and titles"))
        used.update(pair.lines)
    if len(found) < 2:  # a lone weak pair is a teaser, unless a contact card: mail or phone
        kept = [p for p in found if STRONG_RX.search(p.role) or (starts_with_given(p.name) and page.contact_after(max(p.lines)))]
        used -= {k for p in found if p not in kept for k in p.lines}  # a label may still read them
        found = kept
    plausible = [p for p in found if _plausible(p)]
    if len(found) >= _RUN and 3 * len(plausible) >= 2 * len(found):
        return found, used  # a team list of mostly known names: its rarer names count too
    return plausible, used


def _plausible(pair: Pair) -> bool:
    """A strong title vouches for its name; a weak one needs a known first name.

    "Larsen Werke" / "Your reliable partner" has the layout of a card, not a person.
    """
    return bool(STRONG_RX.search(pair.role)) or starts_with_given(pair.name) or is_cjk(pair.name)


_RUN = 3  # name/title pairs in a row before unknown titles count ("Sysadmin", "Netzwerker")
_TITLE_WORDS = 5


def _title_like(page: _Page, i: int) -> bool:
    """A short line that could be a job title, whatever its words: no digits, no sentence."""
    line = page.lines[i]
    return (
        len(line) <= 40
        and len(line.split()) <= _TITLE_WORDS
        and not _DIGIT.search(line)
        and ":" not in line
        and not line.endswith((".", "!", "?"))
        and not ((named := page.name(i)) and starts_with_given(named[0]))  # "IT Consulting"
        and page.readable(i)
    )


def _name_runs(page: _Page, used: set[int], paired: set[tuple[int, ...]]) -> list[Pair]:
    """Team lists whose titles no lexicon knows: name, title, name, title… at least three
    times in a row, every name starting with a known first name. Pairs the lexicon already
    read ("Armin Felder" / "Programmierer") continue a run without being read twice."""
    out: list[Pair] = []
    run: list[tuple[int, int]] = []
    i, count = 0, len(page.lines)
    while i < count:
        if (i, i + 1) in paired:
            run.append((-1, -1))
            i += 2
            continue
        named = page.name(i) if i not in used and page.readable(i) else None
        if (named and i + 1 < count and i + 1 not in used and starts_with_given(named[0])
                and _title_like(page, i + 1)):  # fmt: skip
            run.append((i, i + 1))
            i += 2
            continue
        if len(run) >= _RUN:
            out += [page.pair(a, b) for a, b in run if a >= 0]
        run = []
        i += 1
    if len(run) >= _RUN:
        out += [page.pair(a, b) for a, b in run if a >= 0]
    return out
