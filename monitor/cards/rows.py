"""Contact and link rows: the card's table, and ``**Contact:** …`` / ``Links: …`` lines."""

from __future__ import annotations

import re
from dataclasses import replace

from monitor.cards import inline, labels
from monitor.cards.builder import Builder, Line
from monitor.cards.model import Span

_COMMA = re.compile(r"[,;]")
_PIPE = re.compile(r"\|")


def contact_line(b: Builder, name: str, start: int, end: int) -> bool:
    """``**Contact:** …``, ``Links: …``, ``Tel.: …`` lines outside the table."""
    if name in labels.LINK_LABELS:
        b.add(inline.link_hits(b.text, start, end), "links")
        b.layout = replace(b.layout, link_cell=b.layout.link_cell or Span(start, end))
        return True
    field_name = next((f for f, names in (("phone", labels.PHONE_LABELS), ("fax", labels.FAX_LABELS),
                                          ("email", labels.EMAIL_LABELS),
                                          ("address", labels.ADDRESS_LABELS)) if name in names), None)
    if field_name is None and name not in labels.CONTACT_LABELS:
        return False
    s, e = inline.trim(b.text, start, end)
    if field_name is None:
        hits = inline.contact_hits(b.text, s, e, b.country)
    elif field_name == "address":  # its commas separate street and city, not values
        hits = inline.piece_hits(b.text, s, e, b.country, field_name)
    else:
        hits = [h for ps, pe in inline.split(b.text, s, e, _COMMA)
                for h in inline.piece_hits(b.text, *inline.trim(b.text, ps, pe), b.country, field_name)]
    b.add(hits, "contacts")
    if b.layout.contact_cell is None:
        b.layout = replace(b.layout, contact_cell=Span(s, e), contact_end=e)
    return True


def table_row(b: Builder, line: Line) -> None:
    """One row of the contact table: a Link row, or cells of contacts and an address."""
    text = b.text
    cells = inline.split(text, line.start, line.end, _PIPE)[1:]
    if cells and not text[slice(*cells[-1])].strip():
        cells = cells[:-1]
    if all(re.fullmatch(r"\s*:?-+:?\s*", text[s:e]) for s, e in cells):
        return
    label = labels.fold_label(inline.md_text(text[slice(*cells[0])])) if cells else ""
    if label in labels.LINK_LABELS:
        s, e = inline.trim(text, cells[1][0], cells[-1][1]) if len(cells) > 1 else (line.end, line.end)
        b.add(inline.link_hits(text, s, e), "links")
        b.layout = replace(b.layout, link_cell=Span(s, e))
        return
    for s, e in cells:
        if "![" in text[s:e] or (label in labels.CONTACT_LABELS and (s, e) == cells[0]):
            continue  # the logo cell, or the row's label
        hits = inline.contact_hits(text, *inline.trim(text, s, e), b.country)
        if hits:
            b.add(hits, "contacts")
            if b.layout.contact_cell is None:
                span = Span(*inline.trim(text, s, e))
                b.layout = replace(b.layout, contact_cell=span, contact_end=span.end)
