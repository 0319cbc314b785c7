"""Write an updated card: the original text with the differences edited in. Pure.

Every edit is made at a place the parser recorded (``Layout``): a value is replaced where it
stands, or added after the last value of its kind in the card's own style (``<a@b>``
autolinks, `` & `` between accounts of one network, ``<br>`` between networks, ``Role — Name``
lines). A value a source said is gone is struck through (``~~<a@b>~~``), not deleted: the
card's maintainer sees what went, and the parser reads struck values as no longer true.
Values no source contradicted are left alone. Everything else stays byte for byte, so a card
without differences comes back identical. News items extend the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from monitor.cards import labels
from monitor.cards.edits import Edit, apply, lines_at
from monitor.cards.model import Card, Span, Token
from monitor.cards.review import CHANGED, MISSING, NEW, Difference

CONTACT_FIELDS = ("email", "phone", "fax")


def export(card: Card, differences: Sequence[Difference], today: date) -> str:
    """The card's text with the differences written in, dated ``today`` when anything changed."""
    if not differences:
        return card.text
    contact_edits, contacts = _contacts(card, differences)
    link_edits, links = _links(card, differences)
    edits = [*_date(card, today), *contact_edits, *link_edits, *_people(card, differences),
             *_founded(card, differences), *_timeline(card, differences)]
    if contacts or links:
        edits.append(_new_table_rows(card, contacts, links))
    if "\r\n" in card.text:  # new lines take the card's own line ending
        edits = [Edit(e.start, e.end, e.text.replace("\n", "\r\n")) for e in edits]
    return apply(card.text, edits)


def _date(card: Card, today: date) -> list[Edit]:
    layout = card.layout
    if layout.date is None:
        return [Edit(layout.header_end, layout.header_end, f"> {today:%Y.%m.%d}\n")]
    return [Edit(layout.date.start, layout.date.end, today.strftime(layout.date_format))]


@dataclass
class _ListUpdate:
    """Gone values of one field are struck through; new ones go after the last value."""

    edits: list[Edit]
    anchor: Token | None  # where the new values go
    rest: list[str]  # new values to append


def strike(text: str, span: Span) -> Edit:
    """``~~value~~``: markdown for "no longer true", which the parser skips."""
    return Edit(span.start, span.end, f"~~{text[span.start:span.end]}~~")


def _update(card: Card, field_name: str, diffs: Sequence[Difference],
            render: Callable[[str], str]) -> _ListUpdate:
    mine = card.layout.find(field_name)
    missing = {labels.value_key(field_name, d.card) for d in diffs
               if d.field == field_name and d.kind == MISSING and d.card}
    new = [render(d.world) for d in diffs if d.field == field_name and d.kind == NEW and d.world]
    edits = [strike(card.text, t.span) for t in mine if t.key in missing]
    return _ListUpdate(edits, mine[-1] if mine else None, new)


def _email_text(card: Card) -> Callable[[str], str]:
    tokens = card.layout.find("email")
    bare = bool(tokens) and card.text[tokens[0].span.start] != "<"
    return (lambda v: v) if bare else (lambda v: f"<{v}>")


def phone_text(value: str) -> str:
    """A phone number as people write it: ``+81 3-6277-6451``."""
    import phonenumbers  # only when a card is exported, not when one is read

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _contacts(card: Card, diffs: Sequence[Difference]) -> tuple[list[Edit], str | None]:
    """Edits of the contact values, and a contact cell for values the card has no place for."""
    edits: list[Edit] = []
    loose: list[str] = []  # values with no place in the card yet
    for field_name in CONTACT_FIELDS:
        render = _email_text(card) if field_name == "email" else phone_text
        update = _update(card, field_name, diffs, render)
        edits += update.edits
        if update.rest:
            edits += _append_contact(card, field_name, update, loose)
    address: list[str] = []
    edits += _address(card, diffs, address)
    cell = ", ".join(loose) + "".join(f"<br> *{a}*" for a in address)
    return edits, cell.removeprefix("<br> ") or None


def _append_contact(card: Card, field_name: str, update: _ListUpdate, loose: list[str]) -> list[Edit]:
    layout, label = card.layout, "Fax: " if field_name == "fax" else ""
    if update.anchor:
        text = "".join(f", {label}{v}" for v in update.rest)
        return [Edit(update.anchor.span.end, update.anchor.span.end, text)]
    marker = layout.find(f"marker.{field_name}")
    if marker:
        span = marker[0].span
        plain = card.text[span.start] != "<"  # the "…" of "Fax: …" keeps its label
        first = update.rest[0] if plain else f"{label}{update.rest[0]}"
        text = first + "".join(f", {label}{v}" for v in update.rest[1:])
        return [Edit(span.start, span.end, text)]
    values = ", ".join(f"{label}{v}" for v in update.rest)
    others = [t for t in layout.tokens if t.group.startswith("contacts") and t.field != "address"]
    if others:
        return [Edit(others[-1].span.end, others[-1].span.end, f", {values}")]
    if layout.contact_cell:
        return [Edit(layout.contact_cell.start, layout.contact_cell.start, values)]
    loose.append(values)
    return []


def _address(card: Card, diffs: Sequence[Difference], loose: list[str]) -> list[Edit]:
    layout = card.layout
    for d in diffs:
        if d.field != "address" or d.kind not in (NEW, CHANGED) or not d.world:
            continue
        token = layout.find("address")
        if token:
            return [Edit(token[0].span.start, token[0].span.end, d.world)]
        if layout.contact_end is not None:
            return [Edit(layout.contact_end, layout.contact_end, f"<br> *{d.world}*")]
        loose.append(d.world)
    return []


def _new_table_rows(card: Card, contacts: str | None, links: str | None) -> Edit:
    """Rows for a card without a contact or link table: added to its table, or a new table."""
    layout = card.layout
    rows = ([f"|Contact|{contacts}|"] if contacts else []) + ([f"|Link|{links}|"] if links else [])
    if layout.table_end is not None:
        return Edit(layout.table_end, layout.table_end, "".join(r + "\n" for r in rows))
    rows.insert(1, "|:--|:--|")
    return Edit(layout.header_end, layout.header_end, "\n" + "".join(r + "\n" for r in rows))


def _links(card: Card, diffs: Sequence[Difference]) -> tuple[list[Edit], str | None]:
    """Edits of the links, and a links cell when the card has none."""
    layout, edits = card.layout, []
    tokens = [t for t in layout.tokens if t.group == "links"]
    auto = not tokens or card.text[tokens[0].span.start] == "<"
    render = (lambda v: f"<{v}>") if auto else (lambda v: v)
    loose: list[str] = []
    networks = dict.fromkeys(d.field for d in diffs if d.field.startswith("link."))
    for field_name in networks:
        update = _update(card, field_name, diffs, render)
        edits += update.edits
        if update.rest and update.anchor:
            text = "".join(f" & {v}" for v in update.rest)
            edits.append(Edit(update.anchor.span.end, update.anchor.span.end, text))
        else:
            loose += update.rest
    if loose and tokens:
        edits.append(Edit(tokens[-1].span.end, tokens[-1].span.end,
                          "".join(f"<br> {v}" for v in loose)))
    elif loose and layout.link_cell:
        edits.append(Edit(layout.link_cell.start, layout.link_cell.start, "<br> ".join(loose)))
    elif loose:
        return edits, "<br> ".join(loose)
    return edits, None


def _people(card: Card, diffs: Sequence[Difference]) -> list[Edit]:
    layout, edits = card.layout, []
    missing = {labels.person_key(d.subject) for d in diffs
               if d.field == "person" and d.kind == MISSING and d.subject}
    for d in diffs:
        if d.field == "person" and d.kind == CHANGED and d.subject:
            for token in layout.find("person", labels.person_key(d.subject))[:1]:
                span = token.role_span or token.span
                role = d.world or ""
                text = role if span.start < span.end else f" ({role})"
                edits.append(Edit(span.start, span.end, text))
    edits += [_strike_line(card.text, t.span) for t in layout.find("person") if t.key in missing]
    lines = [f"{d.world}{layout.people_dash}{d.subject}" if d.world else d.subject
             for d in diffs if d.field == "person" and d.kind == NEW and d.subject]
    if lines and layout.people_end is not None:
        edits.append(lines_at(card.text, layout.people_end, [layout.people_prefix + x for x in lines]))
    elif lines:
        block = ["", "", "   - **Management:**", *("      - " + x for x in lines)]
        edits.append(_block(card, block))
    return edits


def _strike_line(text: str, line: Span) -> Edit:
    """Strike a list line's text through, leaving its bullet and line break alone."""
    raw = text[line.start:line.end]
    body = raw.rstrip("\r\n")
    bullet = re.match(r"\s*(?:[-*+]\s+)?", body)
    start = line.start + (bullet.end() if bullet else 0)
    return strike(text, Span(start, line.start + len(body)))


def _block(card: Card, lines: list[str]) -> Edit:
    """A new part of the card after its description (or its table, or its header)."""
    layout = card.layout
    if layout.description_end is not None:
        return Edit(layout.description_end, layout.description_end, "\n".join(lines))
    pos = layout.table_end if layout.table_end is not None else layout.header_end
    return Edit(pos, pos, "\n".join(lines[1:]) + "\n")


def _founded(card: Card, diffs: Sequence[Difference]) -> list[Edit]:
    layout = card.layout
    for d in diffs:
        if d.field != "founded" or not d.world:
            continue
        key = labels.date_key(d.world)
        if layout.founded is not None:
            sep = "." if "." in card.text[layout.founded.start:layout.founded.end] else "-"
            return [Edit(layout.founded.start, layout.founded.end, key.replace("-", sep))]
        return [_block(card, ["", "", f"Founded {key.replace('-', '.')}."])]
    return []


def _timeline(card: Card, diffs: Sequence[Difference]) -> list[Edit]:
    layout = card.layout
    news = [d for d in diffs if d.field == "news" and d.kind == NEW and d.world]
    if not news:
        return []
    lines = [layout.timeline_prefix + timeline_entry(d, layout.date_format) for d in news]
    if layout.timeline_end is not None:
        return [lines_at(card.text, layout.timeline_end, lines)]
    sep = "\n" if card.text.endswith("\n") else "\n\n"
    return [Edit(len(card.text), len(card.text), f"{sep}Timeline:\n\n" + "\n".join(lines) + "\n")]


def timeline_entry(d: Difference, date_format: str) -> str:
    """``2021.04.15 — [Title](url)`` for one news item."""
    from dateutil.parser import isoparse  # only when a card is exported

    title = " ".join((d.world or "").split()).replace("[", "(").replace("]", ")")
    evidence = d.evidence
    when = ""
    if evidence and evidence.seen:
        try:
            when = isoparse(evidence.seen).strftime(date_format) + " — "
        except ValueError:
            when = ""
    url = evidence.url if evidence else None
    return f"{when}[{title}]({url})" if url else f"{when}{title}"
