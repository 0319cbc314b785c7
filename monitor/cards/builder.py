"""The parser's working state: lines with offsets, the open list, values found so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.cards import inline, labels
from monitor.cards.model import Layout, Person, Span, Token

STRUCK = re.compile(r"~~(?=\S)[^\n]*?(?<=\S)~~")  # markdown strikethrough: no longer true


@dataclass(frozen=True)
class Line:
    """One line of the card: ``text`` without its newline, ``end`` just before it."""

    start: int
    end: int
    next: int  # start of the following line

    def indent(self, text: str) -> int:
        """Width of the leading white space."""
        raw = text[self.start:self.end]
        return len(raw) - len(raw.lstrip())


def lines_of(text: str) -> list[Line]:
    """The card's lines with their offsets."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(pos, pos + len(body), pos + len(raw)))
        pos += len(raw)
    return out


@dataclass
class Context:
    """The list or section the lines being read belong to."""

    kind: str  # people | timeline | section | paragraph
    indent: int
    section: int | None = None  # index into sections (kind section/paragraph)
    entry_indent: int | None = None


@dataclass
class Builder:
    """What has been read so far; turned into a Card at the end."""

    text: str
    name: str = ""
    values: dict[str, list[str]] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)
    sections: list[tuple[str, int, int]] = field(default_factory=list)
    description: tuple[int, int] | None = None
    tokens: list[Token] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)
    country: str | None = None
    context: Context | None = None
    parts: int = 0  # contact cell parts seen so far: each is its own list of values
    strikes: list[tuple[int, int]] | None = None  # spans of ~~…~~, found once

    def struck(self, span: Span) -> bool:
        """True when ``span`` stands inside ``~~…~~``: a value the card says is gone."""
        if self.strikes is None:
            self.strikes = [m.span() for m in STRUCK.finditer(self.text)]
        return any(start <= span.start and span.end <= end for start, end in self.strikes)

    def add(self, hits: list[inline.Hit], group: str) -> None:
        """Record values and where they stand; each contact cell part is its own list."""
        hits = [hit for hit in hits if not self.struck(hit.span)]
        for hit in hits:
            if not hit.field.startswith("marker.") and hit.value not in self.values.get(hit.field, ()):
                self.values.setdefault(hit.field, []).append(hit.value)
            name = group if group == "links" else f"{group}.{self.parts + hit.part}"
            name = "address" if hit.field == "address" else name
            self.tokens.append(Token(hit.field, labels.value_key(hit.field, hit.value), hit.span, name))
        self.parts += max((h.part for h in hits), default=0) + 1

    def section(self, title: str, start: int, end: int) -> int:
        """Open a section; returns its index."""
        self.sections.append((title, start, end))
        return len(self.sections) - 1

    def extend(self, index: int, end: int) -> None:
        """Let a section run to ``end``."""
        title, start, _ = self.sections[index]
        self.sections[index] = (title, start, end)
