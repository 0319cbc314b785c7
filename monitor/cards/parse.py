"""A tolerant parser of hand-kept company cards (markdown) into a ``Card`` value. Pure.

The layout it knows is the one of ``examples/ispace.md``: a ``# Name`` title, a ``> date …``
line, a contact table (e-mails, phones, ``Fax: …``, ``<mark>noworkphone</mark>`` markers, an
italic address), a ``Link`` row, a description with "Founded 2010.09.", bold-labelled bullet
lists (Mission, Business, Management with ``Role — Name`` lines), a ``Timeline:`` list and
free sections. Anything may be missing, labels may be in Russian, German or French, and
contacts or links may also come as ``**Contact:** …`` / ``Links: …`` lines with bare URLs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from monitor.cards import inline, labels
from monitor.cards.builder import Builder, Context, Line, lines_of
from monitor.cards.model import Card, Link, Person, Section, Span, Token
from monitor.cards.rows import contact_line, table_row

_BULLET = re.compile(r"(?P<indent>[ \t]*)[-*+]\s+(?P<body>.*)")
_BOLD_LABEL = re.compile(r"\s*\*\*(?P<label>[^*]+?)\s*(?P<sep>[.:])?\*\*\s*(?P<sep2>[.:])?\s*")
_PLAIN_LABEL = re.compile(r"\s*(?P<label>[^\W\d][\w .-]{0,30}?)\s*:\s*")
_FOUNDED = re.compile(
    rf"\b(?:{labels.FOUNDED_WORDS})(?:\s+(?:in|en|im|в|le))?[\s*:_]*(?P<date>\d{{4}}(?:\.\d{{1,2}}){{0,2}}"
    rf"|\d{{4}}(?:-\d{{1,2}}){{0,2}})",
    re.I,
)


def parse(text: str) -> Card:
    """Read a card; never fails: what cannot be understood is left out of the value."""
    b = Builder(text)
    lines = lines_of(text)
    first = _header(b, lines)
    address = re.search(r"\*([^*\n]+?)\*\s*\|", text)
    b.country = labels.country_of(address.group(1) if address else None)
    for line in lines[first:]:
        _line(b, line)
    _founded(b)
    return _card(b)


def _header(b: Builder, lines: list[Line]) -> int:
    """Title and date lines; returns the index of the first body line."""
    index = 0
    for index, line in enumerate(lines[:6]):
        raw = b.text[line.start:line.end].strip()
        if not raw:
            continue
        if raw.startswith("#") and not b.name:
            b.name = inline.md_text(raw.lstrip("#"))
            b.layout = replace(b.layout, header_end=line.next)
            continue
        found = inline.find_date(b.text, line.start, line.end) if raw.startswith(">") or not b.name else None
        if found and b.layout.date is None:
            b.values["as_of"] = [found[0].isoformat()]
            b.layout = replace(b.layout, date=found[2], date_format=found[1], header_end=line.next)
            return index + 1
        if b.name:
            return index
    return min(index + 1, len(lines))


def _line(b: Builder, line: Line) -> None:
    text = b.text
    raw = text[line.start:line.end]
    if not raw.strip():
        if b.context and b.context.kind == "paragraph":
            b.context = None
        return
    if raw.lstrip().startswith("|"):
        b.context = None
        if b.layout.table_end in (None, line.start):  # the first table only
            b.layout = replace(b.layout, table_end=line.next)
            table_row(b, line)
        return
    bullet = _BULLET.fullmatch(raw)
    if bullet:
        _bullet(b, line, line.start + bullet.start("body"), len(bullet["indent"].expandtabs(4)))
        return
    _paragraph_line(b, line)


def _label(text: str, start: int, end: int) -> tuple[str, str, int] | None:
    """A leading bold label ("**Mission.**", "**Business:**") or a "Timeline:" line.

    Returns the folded label, the label as written and where the text after it starts.
    """
    bold = _BOLD_LABEL.match(text, start, end)
    if bold and (bold["sep"] or bold["sep2"]):
        return labels.fold_label(bold["label"]), bold["label"].strip(), bold.end()
    inline_label = _PLAIN_LABEL.match(text, start, end)
    if inline_label and labels.fold_label(inline_label["label"]) in labels.KNOWN_LABELS:
        return (labels.fold_label(inline_label["label"]), inline_label["label"].strip(),
                inline_label.end())
    plain = text[start:end].strip()
    folded = labels.fold_label(plain)
    if (plain.endswith(":") or plain.startswith("#")) and len(folded) < 40:
        return folded, re.sub(r"[*#:]", "", plain).strip(), end
    return None


def _bullet(b: Builder, line: Line, body: int, indent: int) -> None:
    label = _label(b.text, body, line.end)
    if label and _labelled(b, label, body, line, indent + 1):
        return
    ctx = b.context
    if ctx and ctx.kind in ("people", "timeline") and indent < ctx.indent:
        ctx = b.context = None
    if ctx and ctx.kind == "people" and _person(b, line, body):
        return
    if ctx and ctx.kind == "timeline":
        if ctx.entry_indent is None or indent <= ctx.entry_indent:
            ctx.entry_indent = indent
            b.timeline.append(b.text[body:line.end].strip())
            b.layout = replace(b.layout, timeline_prefix=b.text[line.start:body])
        b.layout = replace(b.layout, timeline_end=line.next)
        return
    if ctx and ctx.section is not None and indent > ctx.indent:
        b.extend(ctx.section, line.end)
        return
    b.context = Context("section", indent, b.section("text", body, line.end))


def _person(b: Builder, line: Line, body: int) -> bool:
    start, end = inline.trim(b.text, body, line.end)
    if b.struck(Span(start, end)):  # a person the card says is gone: part of the list, not a person
        b.layout = replace(b.layout, people_end=line.next)
        return True
    found = inline.person(b.text, start, end)
    if not found:
        return False
    b.people.append(Person(found[0], found[1]))
    b.tokens.append(Token("person", labels.person_key(found[0]), Span(line.start, line.next),
                          "people", found[2]))
    dash = inline.DASH.search(b.text, body, line.end)
    b.layout = replace(b.layout, people_end=line.next, people_prefix=b.text[line.start:body],
                       people_dash=dash.group(0) if dash else b.layout.people_dash)
    return True


def _labelled(b: Builder, label: tuple[str, str, int], start: int, line: Line,
              child_indent: int) -> bool:
    """Open the list or section a label names; False when the label is not one."""
    name, written, after = label
    if name in labels.MANAGEMENT_LABELS:
        b.context = Context("people", child_indent)
        return True
    if name in labels.TIMELINE_LABELS:
        b.context = Context("timeline", child_indent)
        return True
    if contact_line(b, name, after, line.end):
        b.context = None
        return True
    if b.text[start:start + 2] != "**" and not b.text[start:line.end].lstrip().startswith("#"):
        return False
    title = labels.SECTION_KEYS.get(name, written)
    b.context = Context("section", child_indent - 1, b.section(title, after, line.end))
    return True


def _paragraph_line(b: Builder, line: Line) -> None:
    text, ctx = b.text, b.context
    raw = text[line.start:line.end].strip()
    label = _label(text, line.start + line.indent(text), line.end)
    if label and _labelled(b, label, line.start + line.indent(text), line, 0):
        return
    if raw.startswith("<") and raw.endswith(">") and not raw.startswith("<mark"):
        b.context = None  # layout HTML such as a page break ends whatever list was open
        return
    if raw.startswith(">"):
        if not (ctx and ctx.kind == "paragraph" and ctx.indent == -1 and ctx.section is not None):
            b.context = Context("paragraph", -1, b.section("quote", line.start, line.end))
        elif ctx.section is not None:
            b.extend(ctx.section, line.end)
        return
    if ctx and ctx.kind in ("paragraph", "section") and ctx.section is not None:
        b.extend(ctx.section, line.end)
        return
    if b.description is None:
        b.description = (line.start, line.end)
        b.context = Context("paragraph", 0)
        return
    if ctx and ctx.kind == "paragraph" and ctx.section is None and b.description:
        b.description = (b.description[0], line.end)
        return
    b.context = Context("paragraph", 0, b.section("text", line.start, line.end))


def _founded(b: Builder) -> None:
    start = b.layout.header_end
    m = _FOUNDED.search(b.text, start)
    if m:
        b.values["founded"] = [labels.date_key(m["date"])]
        b.layout = replace(b.layout, founded=Span(*m.span("date")))


def _card(b: Builder) -> Card:
    v, text = b.values, b.text
    links = tuple(Link(f.removeprefix("link."), url) for f, urls in v.items()
                  if f.startswith("link.") for url in urls)
    if b.description:
        b.layout = replace(b.layout, description_end=b.description[1])
    sections = tuple(Section(title, text[s:e].strip()) for title, s, e in b.sections)
    return Card(
        name=b.name,
        as_of=date.fromisoformat(v["as_of"][0]) if "as_of" in v else None,
        emails=tuple(v.get("email", ())), phones=tuple(v.get("phone", ())),
        faxes=tuple(v.get("fax", ())), address=_first(v, "address"),
        links=links,
        description=text[slice(*b.description)].strip() if b.description else "",
        founded=_first(v, "founded"),
        people=tuple(b.people), timeline=tuple(b.timeline),
        sections=tuple(s for s in sections if s.text or s.title != "text"),
        text=text, layout=replace(b.layout, tokens=tuple(b.tokens)),
    )


def _first(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name)
    return found[0] if found else None
