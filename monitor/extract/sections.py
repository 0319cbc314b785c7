"""People listed in a section that says it lists them: "A nossa equipa", "Csapatunk",
"நிர்வாகக் குழு", "ሰራተኞቻችን", "Lehrerinnen und Lehrer", a page at ``/team``.

A card group needs three independent cues (``cues``); a firm's own words for its jobs
("bérszámfejtő", "Schulwart", "Umgcinimafa") are in no lexicon, and in a script without letter
case nothing says that a line is a name, so a plain list falls one cue short. The section's
name is that cue, and a strong one: under a heading (h1–h6, a ``<caption>``, a ``<legend>``, a
section's ``aria-label``) whose words mean team, staff, board, management, leadership, imprint,
contact persons, faculty, doctors or lawyers in one of some seventy languages (package data
``data/sections.tsv``), the structure is enough: two sibling entries or more, each a name on
its first line and a short phrase (the role) after it, or one line "Name – phrase" (a figure's
caption), a ``<dt>`` and its ``<dd>``, a table row with a name cell beside a short one. Only
where no heading stands before the entries does the page's address or its ``<title>`` vouch,
and not for a table (a table of products on a team page says what it holds in its header).

The nearest heading decides: one that names other people or things (clients, testimonials,
partners, investors, sponsors, news, products, projects) vouches for nothing. A name in a
caseless script is checked by ``caseless``; elsewhere it must read as a name as it does for
every reading (capitals, no digits, no title word).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract import caseless, repeats
from monitor.extract.lexicon import table

RULE = "section"
_DATA = "sections.tsv"
_HEADS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend"})
_HEADS_CSS = "h1,h2,h3,h4,h5,h6,caption,legend"
_LEVELS = 8  # ancestors walked up for the nearest heading
_SIBLINGS = 40  # earlier siblings looked at on each level
_NUMBER = re.compile(r"^[\W\d_]*$")  # a row's "1", "१.", "—"
_ONE_LINE = re.compile(r"^(?P<name>[^–—|]{3,60}?)\s+[–—|-]\s+(?P<phrase>\S.{0,69})$")
_LABELLED = re.compile(r"^(?P<phrase>[^:：]{2,60}?)\s*[:：]\s*(?P<name>[^:：]{3,60})$")
_DEGREES = re.compile(r"(?:,\s*(?:[A-Z][A-Za-z]{0,3}\.){1,3})+$")
_SEGMENTS = re.compile(r"\s+[·•|]\s+|,\s+|\s+[–—]\s+")
_PATH_SPLIT = re.compile(r"[-_.+]+")
# "Schulsozialarbeit (Verein Wiener Jugendzentren)": a role held at an organisation it names
_FIRM_IN_BRACKETS = re.compile(
    r"\((?:[^()]*\s)?[A-ZÀ-Þ][\w&.'’-]+\s+(?:\w+\s+){0,2}[A-ZÀ-Þ][\w&.'’-]+[^()]*\)"
)


def says_ours(text: str) -> bool:
    """Whether a section's name says it lists the firm's own people ("Unser Team", "Board")."""
    return table(_DATA, 1).holds(text)


def says_others(text: str) -> bool:
    """Whether a section's name says it lists other people or things (clients, news…)."""
    return table(_DATA, 2).holds(text) or repeats.others_heading(text)


def _text(node: LexborNode) -> str:
    return nz.text(node.text(deep=True, separator=" "))


def nearest_heading(node: LexborNode) -> str | None:
    """The name of the section a node stands in: the nearest heading before it (a sibling of
    it or of its ancestors, or inside one; not a person's name heading a card), or an
    ancestor's ``aria-label``; None if none."""
    current = node
    for _ in range(_LEVELS):
        prev = current.prev
        for _ in range(_SIBLINGS):
            if prev is None:
                break
            tag = prev.tag or ""
            found = (
                [prev]
                if tag in _HEADS
                else prev.css(_HEADS_CSS)
                if tag[:1] not in ("-", "_", "")
                else []
            )
            for head in reversed(found[-_SIBLINGS:]):
                text = _text(head)
                if text and (says_ours(text) or says_others(text) or not _name(text)):
                    return text  # (a card's name in its heading names no section)
            prev = prev.prev
        parent = current.parent
        if parent is None or parent.tag in ("body", "html"):
            return None
        label = parent.attributes.get("aria-label")
        if label:
            return nz.text(label)
        current = parent
    return None


def page_says_ours(tree: LexborHTMLParser, url: str) -> bool:
    """Whether the page's address ("/our-people", "/equipa") or its ``<title>`` names a list
    of the firm's people, and neither names other people's."""
    path = unquote(urlsplit(url).path)
    parts = [_PATH_SPLIT.sub(" ", p) for p in path.split("/") if p][-2:]
    title_node = tree.css_first("title")
    title = _text(title_node) if title_node is not None else ""
    named = [t for t in (*parts, title) if t]
    return any(says_ours(t) for t in named) and not any(says_others(t) for t in named)


def vouches(node: LexborNode, page: bool) -> bool:
    """Whether the section a group stands in vouches for it (``page``: whether the page's
    address or title does, for a group with no heading before it)."""
    heading = nearest_heading(node)
    if heading is None:
        return page
    return says_ours(heading) and not says_others(heading)


def _name(line: str) -> str | None:
    if caseless.is_caseless(line):
        return caseless.name(line)
    degrees = _DEGREES.search(line)  # "Putri Ayu Lestari, S.E., M.M."
    bare = line[: degrees.start()] if degrees else line
    short = repeats.name_line(bare)
    full = nz.person_name(bare) if short else None
    # "Dipl.-Päd. Mag. Ursula Hinterberger" (the titles are not the name), "Smt. R. Lakshmi
    # Priya" (the initial is): of two readings where one ends the other, the person's own
    return full if full and short and (short.endswith(full) or full.endswith(short)) else short


def _phrase(line: str) -> str | None:
    """A short phrase that can be a role: the line, or its first part ("Diretora Clínica ·
    Ortodontia · OMD n.º 8841" → "Diretora Clínica")."""
    if not line:
        return None
    title = repeats.title_line(line)
    if title is None:
        head = _SEGMENTS.split(line, maxsplit=1)[0]
        title = repeats.title_line(head) if head != line else None
    if title is None or _NUMBER.match(title) or _elsewhere(title):
        return None
    return title


def _elsewhere(title: str) -> bool:
    """Whether a role names the organisation it is held at ("Director at Acme")."""
    return repeats.at_firm(title) or _FIRM_IN_BRACKETS.search(title) is not None


def entry(lines: list[str]) -> tuple[str, str] | None:
    """The name and role of one entry of a vouched list: its first line a name and the next a
    phrase, or one line "Name – phrase" or "Phrase: Name"."""
    if len(lines) == 1:
        m = _ONE_LINE.match(lines[0]) or _LABELLED.match(lines[0])
        person = _name(m.group("name")) if m else None
        phrase = _phrase(m.group("phrase")) if m and person else None
        return (person, phrase) if person and phrase else None
    person = _name(lines[0]) if lines else None
    phrase = _phrase(lines[1]) if person and len(lines) > 1 else None
    return (person, phrase) if person and phrase else None


_CELLS = 3  # a row's name is one of its first cells


def rows(cells: list[list[str]]) -> list[tuple[str, str] | None]:
    """The name and role of each row of a vouched table: the name in the column most rows have
    a name in (after a number cell, or after the role: "Schulwart | Dragan Petrović"), the role
    the cell after it or else before it; a row whose other cells are no phrase ("1a") gives its
    name without one (the caller asks that most rows have one)."""
    names = [[_name(c) if not _NUMBER.match(c) else None for c in row[:_CELLS]] for row in cells]
    votes = [sum(1 for row in names if len(row) > j and row[j]) for j in range(_CELLS)]
    column = max(range(_CELLS), key=lambda j: votes[j])
    found: list[tuple[str, str] | None] = []
    for row, named in zip(cells, names, strict=True):
        person = named[column] if len(named) > column else None
        if person is None or any(_elsewhere(cell) for cell in row[max(0, column - 1) : column + 2]):
            found.append(None)  # (a role held at another organisation: not the site's)
            continue
        after = _phrase(row[column + 1]) if column + 1 < len(row) else None
        before = _phrase(row[column - 1]) if column > 0 else None
        found.append((person, after or before or ""))
    return found
