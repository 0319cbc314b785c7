"""People read from the page's own repetition: a grid of cards, a row of list items, an
accordion of bios, the rows of a table, whatever their markup.

A team is written as the same small block again and again (``<div class=card><h3>Name</h3>
<p>Role</p></div>`` four times; ``<tr><td>Role</td><td>Name</td></tr>``; a ``<dt>``/``<dd>``
pair per person). Sibling blocks that share a shape (their tag, and the tags their first two
lines sit in) are instances of one pattern. In each, the name and the title sit at the same
places: the pattern is the pair of line offsets that holds a person's name and a title line in
most instances. The repetition is the evidence: when at least two instances pair a name with a
title the role lexicon knows (or a known first name with a title), every instance of the
pattern counts, its rarer titles ("Graduate Civil Engineer", "技術長") and rarer names too.

A second shape has no blocks per person: a row of names followed by a row of titles, as many of
each ("Sophie Lambert" / "Olivier Verbruggen" / "Architecte associée" / "Dessinateur BIM"),
where a page builder positions every text box on its own.

Under a team heading ("Unser Team", "Våra medarbetare"), a grid of names without titles is
the team too, read after every pairing reading.

Repeated blocks are also testimonial walls, speakers, authors, posts and investors: a group
under a heading that names those ("Témoignages", "Speakers", "Nos investisseurs", "Agenda"),
or whose instances mostly quote someone, is not the site's team, nor is an instance whose title
holds a firm ("CEO, Acme Ltd" / "Director at Acme") or that opens with a headline (a post's
title above its author).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from monitor import normalize as nz
from monitor.extract.caseless import cjk_name
from monitor.extract.given import ends_with_given, is_given, starts_with_given
from monitor.extract.layout import PageText
from monitor.extract.roles import NAME, ROLE_WORD, is_role_line, lexicon_title, role

RULE = "repeated blocks"
IN_LINE = "names with their titles in brackets"
_FIRST = 4  # a person's name and title open their block: read its first lines only
_MAX_LINES = 12  # an instance longer than this is a section, not a person's block
_HEADLINE = 60  # a line longer than this opening a block is a headline or a text, not a card's
_MIN = 2  # instances pairing a name with a known title before a pattern counts
_PLAIN = 3  # or instances pairing a known first name with a title line
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend", "summary", "header"})
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"^\s*[\"“”„«»‘’'「『]|[\"“”»」』]\s*$")
# A title that names a firm: "CEO, Acme Corp", "Director at Acme", "Responsable chez Acme".
_AT_FIRM = re.compile(
    r"\s(?:at|bei|chez|presso|hos|bij|på|@)\s+(?!Large\b)[A-ZÀ-Þ][\w&.'’-]+"  # not "Member at Large"
    r"|\b(?:GmbH|AG|Ltd|Inc|LLC|S\.?A|SRL|S\.r\.l|BV|AB|AS|A/S|Oy|OÜ|plc|Corp)\b"
)
# Headings of other people's blocks: testimonials, clients, speakers, authors, investors,
# partners, in the languages the role lexicon speaks.
_OTHERS = re.compile(
    r"(?i:testimon|témoign|temoign|referenz|kundenstimm|kunden\s+über|what\s+(?:our\s+)?(?:clients|customers)"
    r"|clients?\s+say|ils\s+nous\s+font|they\s+trust|avis\b|reviews?\b|bewertung|recensioni|opiniones"
    r"|depoiment|getuigenis|ervaringen|omdömen|anbefaling|speaker|sprecher\s+und|redner|intervenants?"
    r"|conférenciers|ponentes|relatori|oradores|sprekers|talare|foredragsholder|keynote|panel"
    r"|authors?\b|autor(?:en|es|i)?\b|auteurs?\b|writers|contributors|backed\s+by|blog|news|actualités"
    r"|(?:our|nos|unsere|nuestros|i\s+nostri|os\s+nossos|onze|våra|vores|meidän)\s+(?:investors|investi\w+|inver\w+)"
    r"|aktuelles|noticias|notizie|nieuws|nyheter|uutiset|jury|mentors?\b|advisors?\s+from"
    r"|posts\b|articles\b|beiträge|artikel\b|articoli|artículos|artigos|artikelen|artiklar"
    r"|\b(?:clients|customers|kunden|klanten|kunder|asiakkaat|clientes|clienti|références|referenties"
    r"|references|case\s+studies)\b|\b(?:agenda|programm|programme|program|schedule|ablauf|programa"
    r"|programma|ohjelma|tagesordnung|line-?up)\b"
    r"|お客様の声|고객|客戶|추천|후기|講師|演講|연사)"
)
_BYLINE = re.compile(r"(?i:by|par|von|por|di|door|av|af|autor|author|written\s+by)[:\s]")
_YEAR_TAIL = re.compile(r"\s+\w+\s+(?:19|20)\d\d$")  # "Styrelseordförande sedan 2020"
_ABBREVIATION = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ]{0,5}\.\s*)+")  # "Geom.", "Per. Ind.", "Rag."
_LOWER_TITLE = re.compile(r"(?:[a-z]{2,4}\.\s*){1,2}(?=[A-ZÀ-ÞĀ-ſ])")  # "dr.", "mr. sc." in lower case
_CJK_TOKEN = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{1,5}$")
_LATIN_AFTER = re.compile(r"^(?P<cjk>[\u3400-\u9fff\uac00-\ud7a3]{2,4})\s+[A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+){1,2}$")
_PAIRED = re.compile(r"[–—|·•(]|\s-\s|,\s|\s[\u3040-\u9fff\uac00-\ud7a3]")  # a separator, or CJK words
_SPLIT = re.compile(r"\s+[–—|·•-]\s+|,\s+")
_PAREN = re.compile(r"^(?P<name>[^()]{4,60}?)\s*\((?P<role>[^()]{2,60})\)$")


_CJK = re.compile(r"[\u3040-\u9fff\uac00-\ud7a3]")
_CASELESS = re.compile(f"[{nz.CASELESS}]")  # Hebrew, Arabic, Devanagari, Thai: names have no capitals


def is_cjk(text: str) -> bool:
    """Japanese, Chinese or Korean signs in ``text`` (one search, not a loop over characters)."""
    return _CJK.search(text) is not None


@lru_cache(maxsize=4096)
def _name(line: str) -> str | None:
    """The person a line names alone ("Geom. Paolo Bertolazzi", "JANSSENS, Katrien",
    "김민준 Minjun Kim"), or None."""
    head = line[m.end() :] if (m := _LOWER_TITLE.match(line)) else line  # "dr. Farkas Noémi"
    if len(line) > 60 or (not head[:1].isupper() and not is_cjk(line[:1]) and not _CASELESS.match(line)) or _DIGIT.search(line):
        return None
    if _BYLINE.match(line):
        return None  # "By Anna Berg" under a post's title: its author
    words = len(line.split())
    if "@" in line or words > 7 or (words < 2 and not is_cjk(line)):
        return None
    latin = _LATIN_AFTER.match(line)
    if latin:
        return latin.group("cjk")
    if is_cjk(line):  # "黃建宏", "山本 翔太" (a family name of one or two signs, then the given)
        tokens = line.split()
        # one word: a known family name ("王总", "华为技术", "办事处" are none); two: any
        one = len(tokens) == 1 and 2 <= len(line) <= 4 and cjk_name(line) is not None
        two = len(tokens) == 2 and len(tokens[0]) <= 2 and len(tokens[1]) <= 3
        cjk = (one or two) and _CJK_TOKEN.match(line.replace(" ", "")) and not ROLE_WORD.search(line) and not lexicon_title(line)
        return line.strip() if cjk else None
    bare = _ABBREVIATION.sub("", line)
    name = nz.person_name(bare) or (nz.person_name(line) if bare != line else None)
    return name if name and not ROLE_WORD.search(line) and not lexicon_title(line) else None


@lru_cache(maxsize=4096)
def _known(title: str) -> bool:
    """``is_role_line``, once per title."""
    return is_role_line(title)


@lru_cache(maxsize=4096)
def _title(line: str) -> str | None:
    """A line that can be a job title, whatever its words; a bio sentence that opens with one
    gives its first clause ("Styrelseordförande sedan 2020. Född 1958." → the chair)."""
    if _QUOTE.search(line) or "@" in line:
        return None
    if len(line) > 70 or _DIGIT.search(line) or line.rstrip().endswith((".", "!", "?", ":")):
        head = re.split(r"[.;]\s", line, maxsplit=1)[0]
        head = _YEAR_TAIL.sub("", head).strip()
        short = len(head.split()) <= 3 and not _DIGIT.search(head) and head[:1].isupper()
        return head if head != line and (short or is_role_line(head)) else None
    if len(line.split()) > 8 or ":" in line:
        return None
    return line.strip()


def _cjk_pair(line: str) -> tuple[str, str] | None:
    """ "代表取締役社長 山本 翔太", "財務長暨發言人 黃建宏", "대표이사 김민준": a title, then a name;
    or a name of a known family name, then the title ("陈立平　董事长", "沈 洁 董事")."""
    tokens = line.split()
    if first := _cjk_name_first(tokens):
        return first
    if len(tokens) < 2 or not _CJK_TOKEN.match(tokens[-1]):
        return None
    if len(tokens) >= 3 and _CJK_TOKEN.match(tokens[-2]) and len(tokens[-2]) <= 2 and len(tokens[-1]) <= 3:
        name, title = " ".join(tokens[-2:]), " ".join(tokens[:-2])
    else:
        name, title = tokens[-1], " ".join(tokens[:-1])
    if not (2 <= len(name.replace(" ", "")) <= 5) or not nz.person_name(name):
        return None
    if " " not in name and cjk_name(name) is None:
        return None  # "董事會成員" is no title before a name "會成員"
    return name, title


def _cjk_name_first(tokens: list[str]) -> tuple[str, str] | None:
    """A Chinese, Japanese or Korean name of a known family name, then a known title."""
    for size in (2, 1):
        head, rest = " ".join(tokens[:size]), " ".join(tokens[size:])
        if len(tokens) > size and (name := cjk_name(head)) and (ROLE_WORD.search(rest) or lexicon_title(rest)):
            return name, rest
    return None


@lru_cache(maxsize=4096)
def _one_line(line: str) -> tuple[str, str] | None:
    """A name and a title on one line: "Name – Title", "Name (Title)", "Title Name" (CJK)."""
    if len(line) > 90:
        return None
    if not _PAIRED.search(line):
        return run_on(line)
    if is_cjk(line):
        return _cjk_pair(line)
    m = _PAREN.match(line)
    if m and (name := _name(m.group("name"))) and _title(m.group("role")):
        return name, m.group("role")
    parts = _SPLIT.split(line, maxsplit=1)
    if len(parts) == 2:
        name, title = _name(parts[0]), _title(parts[1])
        if name and title and not _AT_FIRM.search(parts[1]):
            return name, title
    return run_on(line)


def run_on(line: str) -> tuple[str, str] | None:
    """ "Anna Berg Head of Sales": a name and a known title run together, as an inline
    ``<small>`` after a name in one heading reads; the name needs a known first name, or a
    known family name in Chinese, Japanese or Korean ("陈立平　董事长")."""
    tokens = line.split()
    if 2 <= len(tokens) <= 4 and is_cjk(line):
        return _cjk_name_first(tokens)
    if not 3 <= len(tokens) <= 9 or not starts_with_given(line):
        return None
    # a first name and a surname, or with an initial or a particle between ("Trond E. Vik")
    k = 3 if len(tokens) > 3 and (len(tokens[1].strip(".")) == 1 or tokens[1].islower()) else 2
    k = _title_start(tokens, k)
    name, title = " ".join(tokens[:k]), " ".join(tokens[k:])
    person = nz.person_name(name) if ROLE_WORD.search(title) else None
    return (person, title) if person and _known(title) else None


# Words that open a title before its role word ("Senior Vice President", "Group Director"): a
# name is never stretched over them.
_MODIFIERS = nz.wordset(
    "senior junior vice deputy assistant associate executive lead principal chief general managing"
    " group global regional head interim acting joint co first second"
)


def _title_start(tokens: list[str], k: int) -> int:
    """Where a run-on line's title starts: at ``k`` (after a first name and a surname) unless
    the title's role word comes later and the words between are no title's own words — a
    third name ("Iñaki Ibarra Etxeberria Consejero Delegado"); a lower-case role word takes
    the capitalised word before it ("Femke Hoekstra-de Wit Financieel directeur")."""
    if ROLE_WORD.match(" ".join(tokens[k:])):
        return k
    for j in range(k + 1, min(len(tokens), 6)):
        if tokens[j - 1].lower() in _MODIFIERS:
            return k
        if ROLE_WORD.match(" ".join(tokens[j:])):
            if tokens[j][:1].islower() and tokens[j - 1][:1].isupper():
                return j - 1
            return j
    return k


class _Blocks:
    """The page's block tree, read for sibling groups of one shape."""

    def __init__(self, page: PageText) -> None:
        self.page = page
        self.children: dict[int, list[int]] = {}
        for k, parent in enumerate(page.parents):
            if page.tags[k] and page.ends[k] > page.starts[k]:
                self.children.setdefault(parent, []).append(k)

    def path(self, line: int, top: int) -> tuple[str, ...]:
        """The tags from line ``line``'s innermost block up to (not with) block ``top``."""
        out: list[str] = []
        block = self.page.line_block[line]
        while block >= 0 and block != top and len(out) < 6:
            out.append(self.page.tags[block])
            block = self.page.parents[block]
        return tuple(out)

    def shape(self, start: int, end: int, top: int) -> tuple[tuple[str, ...], ...]:
        return tuple(self.path(i, top) for i in range(start, min(end, start + 2)))

    def groups(self) -> list[list[tuple[int, int]]]:
        """Line ranges of sibling instances that share a shape, two or more per group."""
        out: list[list[tuple[int, int]]] = []
        page = self.page
        for parent, kids in self.children.items():
            if len(kids) < 2:
                continue
            by_shape: dict[tuple[str, tuple[tuple[str, ...], ...]], list[tuple[int, int]]] = {}
            for k in kids:
                start, end = page.starts[k], page.ends[k]
                if end - start <= _MAX_LINES:
                    by_shape.setdefault((page.tags[k], self.shape(start, end, k)), []).append((start, end))
            out += [g for g in by_shape.values() if len(g) >= 2]
            out += self._segments(parent, kids)
        return out

    def _segments(self, parent: int, kids: list[int]) -> list[list[tuple[int, int]]]:
        """Runs of siblings that each open with the same tag (``dt dd dt dd``, ``h3 p p h3 p p``)
        read as one instance each, when the parent holds two such runs or more."""
        tags = [self.page.tags[k] for k in kids]
        if len(set(tags)) < 2:
            return []
        segments: dict[str, list[list[int]]] = {}
        for opener in dict.fromkeys(tags):
            if opener not in _HEADINGS and opener not in ("dt", "p", "div", "span", "strong", "b", "td"):
                continue
            runs: list[list[int]] = []
            for k, tag in zip(kids, tags, strict=True):
                if tag == opener:
                    runs.append([k])
                elif runs:
                    runs[-1].append(k)
            if len(runs) >= 2 and len({len(r) for r in runs}) <= 2 and any(len(r) > 1 for r in runs):
                segments[opener] = runs
        out: list[list[tuple[int, int]]] = []
        for runs in segments.values():
            ranges = [(self.page.starts[r[0]], self.page.ends[r[-1]]) for r in runs]
            ranges = [(s, e) for s, e in ranges if e - s <= _MAX_LINES]
            if len(ranges) >= 2:
                out.append(ranges)
        return out


def _heading_before(page: PageText, start: int) -> str:
    """The nearest heading line above line ``start`` (within a few lines)."""
    for i in range(start - 1, max(-1, start - 4), -1):
        block = page.line_block[i]
        if block >= 0 and page.tags[block] in _HEADINGS:
            return page.lines[i]
    return ""


def _others(page: PageText, group: list[tuple[int, int]]) -> bool:
    """Whether a group is other people's: a heading of testimonials, speakers, authors…, or
    instances that quote."""
    if _OTHERS.search(_heading_before(page, group[0][0])):
        return True
    quoting = sum(1 for s, e in group if any(_QUOTE.search(page.lines[i]) for i in range(s, e)))
    return 2 * quoting > len(group)


Found = tuple[str, str, tuple[int, ...]]  # name, role, lines


def _read_instance(lines: Sequence[str], start: int, end: int) -> dict[tuple[int, int], Found]:
    """Every (name offset, title offset) reading of one instance's first lines."""
    out: dict[tuple[int, int], Found] = {}
    top = min(end, start + _FIRST)
    names = {i: _name(lines[i]) for i in range(start, top)}
    titles = {i: _title(lines[i]) for i in range(start, top)}
    given = {i: bool(name) and starts_with_given(name or "") for i, name in names.items()}
    # a card opens with its person (or a short department or title line), not with a
    # headline: a post's title above its author is a list of posts
    opening = next((i for i in range(start, top) if len(lines[i]) > _HEADLINE), top)
    for a in range(start, opening):
        if (name := names[a]) is None:
            if pair := _one_line(lines[a]):
                out[(a - start, a - start)] = (pair[0], pair[1], (a,))
            continue
        for b in range(start, top):
            title = titles[b]
            # a title may look like a name ("Mali İşler Direktörü"): beside a known first name,
            # a capitalised line without one is the title
            free = names[b] is None or not given[b]  # the group's vote says which is which
            if b != a and title and free and abs(a - b) <= 2 and b <= opening:
                out[(a - start, b - start)] = (name, title, (a, b))
    return out


def _strong(found: Found) -> bool:
    """A known title next to a name ("Managing Director"), or a CJK title next to a CJK name."""
    name, title, _ = found
    return _known(title) and (starts_with_given(name) or is_cjk(name) or bool(ROLE_WORD.search(title)))


def _plain(found: Found) -> bool:
    """A known first name above or below a short line: a title no lexicon knows ("Müügijuht")."""
    name, title, spot = found
    whole = is_cjk(name) or len(name.split()[-1].strip(".")) > 1  # "Anna B., Verified buyer": a review
    return len(spot) == 2 and whole and (starts_with_given(name) or is_cjk(name)) and len(title.split()) <= 6


def _vouched(found: Found, family_first: bool = False) -> bool:
    """An instance's own evidence besides its place: a known first name or a known title
    ("Katze Kira" / "Chillerin", the office cat, has neither). In a group whose names put the
    family name first ("Szabó Dániel"), the known first name is the last word."""
    name, title, _ = found
    return starts_with_given(name) or is_cjk(name) or _known(title) or (family_first and ends_with_given(name))


def _family_first(hits: list[Found]) -> bool:
    """Whether a group's names put the family name first: more of them end with a known first
    name and do not start with one than start with one (Hungarian, Vietnamese)."""
    last = sum(1 for name, _, _ in hits if ends_with_given(name) and not starts_with_given(name))
    return last > sum(1 for name, _, _ in hits if starts_with_given(name))


def _in_group(page: PageText, group: list[tuple[int, int]], used: set[int]) -> list[Found]:
    """The people of one group: its best (name, title) offsets, when enough instances agree.

    Enough is two instances with a known title, or three known first names beside title
    lines in two thirds of the instances or more (a team whose jobs no lexicon lists)."""
    readings = [_read_instance(page.lines, s, e) for s, e in group]
    votes: Counter[tuple[int, int]] = Counter()
    strong: Counter[tuple[int, int]] = Counter()
    plain: Counter[tuple[int, int]] = Counter()
    native: Counter[tuple[int, int]] = Counter()  # titles of the role patterns, not only the lexicon
    for reading in readings:
        for key, found in reading.items():
            votes[key] += 1
            strong[key] += _strong(found)
            native[key] += _strong(found) and ROLE_WORD.search(found[1]) is not None
            plain[key] += _plain(found)
    if not votes:
        return []
    # most known titles, then most first names, then the name above its title (the usual card)
    # (a title the role patterns know counts twice: the lexicon also knows a bio's past jobs)
    best = max(votes, key=lambda k: (strong[k] + native[k], plain[k], votes[k], k[1] > k[0], -abs(k[0] - k[1])))
    enough = strong[best] >= _MIN or (plain[best] >= _PLAIN and 3 * plain[best] >= 2 * len(group))
    if not enough or 2 * votes[best] < len(group):
        return []
    hits = [hit for reading in readings if (hit := reading.get(best)) is not None and not _AT_FIRM.search(hit[1])]
    family_first = _family_first(hits)
    out = [hit for hit in hits if _vouched(hit, family_first)]
    if len({nz.fold(name) for name, _, _ in out}) < len(out):
        return []  # one "name" again and again is a label ("Core Concept - Routing"), not a team
    # instances another reading already paired still count as instances, and stay theirs
    return [hit for hit in out if not used.intersection(hit[2])] if len(out) >= _MIN else []


# Headings of a firm's own people, in the lexicon's languages: under one, a grid of names
# without titles is its team.
_TEAM = re.compile(
    r"(?i:\bteam\b|\bteams\b|our\s+people|\bstaff\b|\bcrew\b|équipe|equipe|mitarbeit|belegschaft|\bvorstand\b"
    r"|geschäftsleitung|leadership|management|\bdirection\b|dirección|equipo|equipa|squadra|\bstaff\b"
    r"|medewerkers|teamet|medarbetare|ansatte|medarbejdere|henkilöstö|henkilökunta|meeskond|zespół|ekibimiz"
    r"|\bboard\b|styrelse|styret|bestyrelse|hallitus|zarząd|founders|gründer|fondateurs|fundadores"
    r"|チーム|スタッフ|团队|團隊|팀|직원|임직원)"
)


def _names_alone(page: PageText, group: list[tuple[int, int]], used: set[int]) -> list[Found]:
    """A grid of names without titles under a team heading ("Unser Team" / "Anna Berg" /
    "Tom Hale" / …): each instance holds one name among its first lines, and every name starts
    with a known first name (or is a CJK name)."""
    if not _TEAM.search(_heading_before(page, group[0][0])):
        return []
    out: list[Found] = []
    for start, end in group:
        names = [(i, n) for i in range(start, min(end, start + _FIRST)) if (n := _name(page.lines[i]))]
        if len(names) != 1 or not (starts_with_given(names[0][1]) or is_cjk(names[0][1])):
            return []
        out.append((names[0][1], "", (names[0][0],)))
    if len({nz.fold(name) for name, _, _ in out}) < len(out):
        return []
    return [hit for hit in out if not used.intersection(hit[2])]


def _first_names(page: PageText, group: list[tuple[int, int]], used: set[int]) -> list[Found]:
    """A team known by first names only, under a team heading ("Meet the team" / "Bea" /
    "Founder and head of the jam pan" / "Tom" / "Operations & orchard"): each card opens with
    one known first name over a title line, three cards or more, one title at least a known
    one. A card whose word is no first name (the office dog "Biscuit") is left out."""
    if not _TEAM.search(_heading_before(page, group[0][0])):
        return []
    out: list[Found] = []
    known = 0
    for start, end in group:
        if end - start < 2:
            continue
        word, title = page.lines[start].strip(), _title(page.lines[start + 1])
        if " " in word or not is_given(word) or ROLE_WORD.search(word) or not title or _name(page.lines[start + 1]):
            continue
        known += _known(title)
        out.append((word, title, (start, start + 1)))
    if len(out) < 3 or 3 * len(out) < 2 * len(group) or known < 1 or len({n for n, _, _ in out}) < len(out):
        return []
    return [hit for hit in out if not used.intersection(hit[2])]


def _first_name_line(line: str) -> bool:
    """A line that is one known first name and nothing else ("Bea")."""
    word = line.strip()
    return 2 <= len(word) <= 20 and " " not in word and is_given(word)


def _rows(page: PageText, used: set[int]) -> list[Found]:
    """A row of names, then a row of as many titles, paired in order; every name of the row
    starts with a known first name (a menu's "European Government" / "FDA Approval" does not)."""
    lines = page.lines
    out: list[Found] = []
    i, count = 0, len(lines)

    def person(j: int) -> bool:
        name = _name(lines[j]) if j not in used and len(lines[j]) <= 40 and not page.chrome[j] else None
        return bool(name) and (starts_with_given(name or "") or is_cjk(name or ""))

    while i < count:
        j = i
        while j < count and person(j):
            j += 1
        k = j - i
        if k >= _MIN and j + k <= count:
            titles = [_title(lines[t]) for t in range(j, j + k)]
            known = sum(1 for t in titles if t and is_role_line(t))
            if all(titles) and not used.intersection(range(j, j + k)) and 2 * known >= k and known >= 1:
                out += [(_name(lines[i + n]) or "", titles[n] or "", (i + n, j + n)) for n in range(k)]
                i = j + k
                continue
        i = max(j, i + 1)
    return out


_LAST: tuple[PageText | None, list[list[tuple[int, int]]]] = (None, [])  # the last page's groups


def _groups(page: PageText) -> list[list[tuple[int, int]]]:
    """The page's groups where two instances or more open with a person's line, largest first
    (read once per page, for ``others_lines`` and ``find``)."""
    last = _LAST
    if last[0] is page:
        return last[1]
    lines = page.lines
    personal: dict[int, bool] = {}

    def someone(i: int) -> bool:  # a name alone, or a name and a title on one line
        if i not in personal:
            line = lines[i]
            personal[i] = len(line) <= 90 and (_name(line) is not None or _one_line(line) is not None or _first_name_line(line))
        return personal[i]

    def opens_with_someone(start: int, end: int) -> bool:
        return any(someone(i) for i in range(start, min(end, start + _FIRST)))

    groups = [
        g for g in _Blocks(page).groups()
        if not any(page.chrome[s] for s, _ in g) and sum(opens_with_someone(s, e) for s, e in g) >= _MIN
    ]  # fmt: skip
    groups.sort(key=lambda g: (-len(g), g[0]))
    globals()["_LAST"] = (page, groups)
    return groups


def others_lines(page: PageText | None) -> set[int]:
    """The lines of repeated blocks that are other people's (a testimonial wall, speakers): no
    team reading takes its people from them either."""
    if page is None or not page.line_block:
        return set()
    return {i for group in _groups(page) if _others(page, group) for s, e in group for i in range(s, e)}


def find(page: PageText | None, used: set[int]) -> list[tuple[str, str, tuple[int, ...]]]:
    """(name, role, lines) of the people of repeated blocks; ``used`` holds lines other team
    readings already paired, which are left to them."""
    if page is None or not page.line_block:
        return []
    found: list[Found] = []
    taken = set(used)
    for group in _groups(page):
        if _others(page, group):
            continue
        for name, title, lines in _in_group(page, group, taken):
            if not taken.intersection(lines):
                found.append((name, role(title), lines))
                taken.update(lines)
    for name, title, lines in _rows(page, taken):
        found.append((name, role(title), lines))
        taken.update(lines)
    for group in _groups(page):  # last, names without titles: no pairing group wants them
        if not _others(page, group):
            for name, title, lines in _names_alone(page, group, taken):
                found.append((name, title, lines))
                taken.update(lines)
            for name, title, lines in _first_names(page, group, taken):
                found.append((name, role(title), lines))
                taken.update(lines)
    return found


_COMMA_NAME = re.compile(r",\s*[A-ZÄÖÜÀ-ÞØÅÆ]")  # "(CEO, Globex)": a firm's title, in a story's caption
_BRACKETED = re.compile(rf"{NAME}\s*\((?P<role>[^()]{{2,60}})\)")


def in_brackets(line: str) -> list[tuple[str, str]]:
    """ "Fra venstre: Ingrid Solheim (daglig leder), Sindre Hatlestad (økonomisjef), …": two or
    more names each with its title in brackets, one title at least a known one, give every
    pair (a photo caption, a list in a sentence); a lone "Name (Firm)" gives nothing."""
    found: list[tuple[str, str]] = []
    known = 0
    for m in _BRACKETED.finditer(line):
        name, title = nz.person_name(m.group("name")), _title(m.group("role"))
        if name and title and not _AT_FIRM.search(title) and not _COMMA_NAME.search(title):
            found.append((name, title))
            known += is_role_line(title)
    return [(name, role(title)) for name, title in found] if len(found) >= _MIN and known >= 1 else []


def name_line(line: str) -> str | None:
    """The person a line names alone (see ``_name``), for readers of the page's tree."""
    return _name(line)


def title_line(line: str) -> str | None:
    """The title a line can be (see ``_title``)."""
    return _title(line)


def at_firm(title: str) -> bool:
    """Whether a title names the firm it is held at ("CEO, Acme Ltd", "Director at Acme")."""
    return _AT_FIRM.search(title) is not None


def others_heading(heading: str) -> bool:
    """Whether a heading names other people's blocks (testimonials, speakers, investors…)."""
    return _OTHERS.search(heading) is not None
