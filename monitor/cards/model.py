"""The card as a value: what a hand-kept company page says, and where in its text it says it.

``Card`` compares by content only; ``Layout`` (where each value stands in the original text)
rides along for the exporter, which edits those places and leaves every other byte alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from monitor.models import Fact


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of the card's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Link:
    """A link of the card, classified by network (``website``, ``linkedin``, ``x``, …)."""

    network: str
    url: str


@dataclass(frozen=True)
class Person:
    """One line of the management list: a name and the role as written (markup removed)."""

    name: str
    role: str


@dataclass(frozen=True)
class Section:
    """A part of the card kept as written: mission, business lines, technology, a quote."""

    title: str
    text: str


@dataclass(frozen=True)
class Token:
    """Where one value stands in the text, and the list (``group``) it is a member of.

    ``field`` is a fact field (``email``, ``link.x``, ``person``) or ``marker.<field>`` for a
    "none" marker (``<mark>noworkphone</mark>``, the ``…`` of ``Fax: …``). ``key`` is the
    comparison key. Removing a token removes the separator next to it within its group.
    """

    field: str
    key: str
    span: Span
    group: str
    role_span: Span | None = None  # person lines: the role part, replaced when the role moves


@dataclass(frozen=True)
class Layout:
    """The places in the text the exporter may touch; None where the card lacks the part."""

    date: Span | None = None
    date_format: str = "%Y.%m.%d"
    header_end: int = 0  # just after the title and date lines
    table_end: int | None = None  # just after the last row of the contact/link table
    contact_cell: Span | None = None  # the whole contact cell (inside the table's pipes)
    contact_end: int | None = None  # where new contact values go (before the address)
    link_cell: Span | None = None
    description_end: int | None = None
    people_end: int | None = None  # after the last management line (its newline included)
    people_prefix: str = "   - "  # indentation and bullet of the management lines
    people_dash: str = " — "
    timeline_end: int | None = None
    timeline_prefix: str = "   - "
    founded: Span | None = None
    tokens: tuple[Token, ...] = ()

    def find(self, field_name: str, key: str | None = None) -> tuple[Token, ...]:
        """Tokens of a field (and of one key, when given), in text order."""
        return tuple(t for t in self.tokens
                     if t.field == field_name and (key is None or t.key == key))


@dataclass(frozen=True)
class Card:
    """What a profile card says. Equal cards say the same things; layout and text aside."""

    name: str
    as_of: date | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    faxes: tuple[str, ...] = ()
    address: str | None = None
    links: tuple[Link, ...] = ()
    description: str = ""
    founded: str | None = None
    people: tuple[Person, ...] = ()
    timeline: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    text: str = field(default="", compare=False, repr=False)
    layout: Layout = field(default_factory=Layout, compare=False, repr=False)

    def facts(self) -> tuple[Fact, ...]:
        """The card as profile facts, in the field vocabulary of the monitored sources."""
        out = [Fact("name", self.name)] if self.name else []
        out += [Fact("email", e) for e in self.emails]
        out += [Fact("phone", p) for p in self.phones]
        out += [Fact("fax", f) for f in self.faxes]
        out += [Fact("address", self.address)] if self.address else []
        out += [Fact(f"link.{link.network}", link.url) for link in self.links]
        out += [Fact("description", self.description)] if self.description else []
        out += [Fact("founded", self.founded)] if self.founded else []
        out += [Fact("person", p.name, role=p.role) for p in self.people]
        out += [Fact("timeline", t) for t in self.timeline]
        out += [Fact(f"section.{s.title}", s.text) for s in self.sections]
        return tuple(out)
