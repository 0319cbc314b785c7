"""Values inside one cell or line of a card: e-mails, phones, faxes, markers, links, people.

Every hit carries the absolute span of its text, so that the exporter can replace or remove
exactly that value and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from monitor.cards import labels
from monitor.cards.model import Span

BR = re.compile(r"<br\s*/?>", re.I)
_COMMA = re.compile(r"[,;]")
_EMAIL = re.compile(
    r"\[[^\]]*\]\(mailto:(?P<md>[^)\s]+)\)|<(?:mailto:)?(?P<auto>[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>"
    r"|(?<![\w.+-])(?P<bare>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)
_URL = re.compile(
    r"\[(?P<text>[^\]]*)\]\((?P<md>(?:https?://|www\.)[^)\s]+)\)|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<bare>https?://[^\s<>|\[\]()]+|\bwww\.[^\s<>|\[\]()]+)"
)
_MARK = re.compile(r"<mark>\s*([^<]*?)\s*</mark>", re.I)
_LABEL = re.compile(r"\s*\**(?P<label>[^\W\d][^\W\d.:]*(?:[ -][^\W\d][^\W\d.:]*)?)\**\s*(?:[.:]\s*)+\**\s*")
_PHONE = re.compile(r"\+?[\d(][\d\s().\-\u2010\u2011\u2012\u2013/]{5,}\d")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
DASH = re.compile(r"\s+[—–-]\s+")
_DATE = re.compile(
    r"(?<!\d)(\d{4})([.\-/])(\d{1,2})\2(\d{1,2})(?!\d)|(?<!\d)(\d{1,2})([.\-/])(\d{1,2})\6(\d{4})(?!\d)"
)


@dataclass(frozen=True)
class Hit:
    """One value found in the text: ``field`` (``email``, ``marker.phone``, ``link.x``, …)."""

    field: str
    value: str
    span: Span
    part: int = 0  # which ``<br>``-separated part of a contact cell it stands in


def md_text(raw: str) -> str:
    """Markdown to plain text: links become their text, emphasis and tags go, spaces collapse."""
    s = _MD_LINK.sub(r"\1", raw)
    s = re.sub(r"<[^>]+>", " ", s).replace("**", "").replace("__", "")
    s = re.sub(r"(?<!\w)[*_]|[*_](?!\w)", "", s)
    return re.sub(r"\s+", " ", s).strip()


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split(text: str, start: int, end: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """Parts of ``text[start:end]`` between separators that are not inside <>, [] or ()."""
    depth, parts, last, pos = 0, [], start, start
    while pos < end:
        found = sep.match(text, pos, end) if depth == 0 else None
        if found and found.end() > pos:
            parts.append((last, pos))
            last = pos = found.end()
            continue
        if text[pos] in "<[(":
            depth += 1
        elif text[pos] in ">])" and depth:
            depth -= 1
        pos += 1
    parts.append((last, end))
    return parts


def contact_hits(text: str, start: int, end: int, country: str | None) -> list[Hit]:
    """E-mails, phones, faxes, "none" markers and the address of a contact cell or line."""
    hits: list[Hit] = []
    for part, (ps, pe) in enumerate(split(text, start, end, BR)):
        s, e = trim(text, ps, pe)
        seg = text[s:e]
        italic = re.fullmatch(r"([*_])(?P<a>[^*_].*?)\1[;,.]?", seg, re.S)
        if italic:
            hits.append(Hit("address", md_text(italic["a"]), Span(s + 1, s + 1 + len(italic["a"]))))
            continue
        found: list[Hit] = []
        for qs, qe in split(text, s, e, _COMMA):
            found += piece_hits(text, *trim(text, qs, qe), country)
        if not found and _looks_like_address(seg):
            found.append(Hit("address", md_text(seg), Span(s, e)))
        hits += [Hit(h.field, h.value, h.span, part) for h in found]
    return hits


def piece_hits(text: str, s: int, e: int, country: str | None, field: str | None = None) -> list[Hit]:
    """Values of one comma-separated piece; a leading label ("Fax:", "Тел.") decides the field."""
    seg = text[s:e]
    if not seg:
        return []
    mark = _MARK.search(seg)
    if mark:
        named = labels.marker_field(mark.group(1))
        return [Hit(f"marker.{named}", "", Span(s + mark.start(), s + mark.end()))] if named else []
    label = _LABEL.match(seg)
    if label and field is None:
        folded = labels.fold_label(label["label"])
        for names, named in ((labels.FAX_LABELS, "fax"), (labels.PHONE_LABELS, "phone"),
                             (labels.EMAIL_LABELS, "email"), (labels.ADDRESS_LABELS, "address")):
            if folded in names:
                return piece_hits(text, *trim(text, s + label.end(), e), country, named)
    if field in ("fax", "phone") and labels.is_unknown(seg):
        return [Hit(f"marker.{field}", "", Span(s, e))]
    if field == "address":
        return [] if labels.is_unknown(seg) else [Hit("address", md_text(seg), Span(s, e))]
    emails = [Hit("email", (m["md"] or m["auto"] or m["bare"]).lower(), Span(s + m.start(), s + m.end()))
              for m in _EMAIL.finditer(seg)]
    if emails or field == "email":
        return emails
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    hits = []
    for m in _PHONE.finditer(seg):
        valid = normalize.phone(m.group(0), country)
        if valid or (field and sum(c.isdigit() for c in m.group(0)) >= 6):
            value = valid or normalize.text(m.group(0))
            hits.append(Hit(field or "phone", value, Span(s + m.start(), s + m.end())))
    return hits


def _looks_like_address(seg: str) -> bool:
    plain = md_text(seg)
    return ("](" not in seg and len(plain) > 12 and any(c.isdigit() for c in plain)
            and sum(c.isalpha() for c in plain) > 5 and "@" not in plain and "://" not in plain)


def link_hits(text: str, start: int, end: int) -> list[Hit]:
    """Every URL of a links cell or line, classified by network."""
    hits = []
    for m in _URL.finditer(text, start, end):
        url = (m["md"] or m["auto"] or m["bare"]).rstrip(".,;:")
        url = url if "://" in url else "https://" + url
        stop = m.end() if not m["bare"] else m.start() + len(m["bare"].rstrip(".,;:"))
        hits.append(Hit(f"link.{labels.network_of(url)}", url, Span(m.start(), stop)))
    return hits


def person(text: str, s: int, e: int) -> tuple[str, str, Span] | None:
    """``(name, role, role span)`` of a management line: "Role — Name", "Name (Role)", …."""
    seg = text[s:e]
    dashes = list(DASH.finditer(seg))
    if dashes:
        m = dashes[-1]
        left, right = (s, s + m.start()), (s + m.end(), e)
        if _name(text, *right) or not _name(text, *left):
            return _name(text, *right) or md_text(text[slice(*right)]), md_text(text[slice(*left)]), Span(*left)
        return _name(text, *left) or "", md_text(text[slice(*right)]), Span(*right)
    paren = re.fullmatch(r"(.+?)\s*\((.+)\)\s*", seg)
    if paren:
        name = _name(text, s, s + paren.end(1)) or md_text(paren[1])
        return name, md_text(paren[2]), Span(s + paren.start(2), s + paren.end(2))
    for sep in (":", ","):
        head, found, tail = seg.partition(sep)
        at = s + len(head) + 1
        if found and _name(text, at, e):
            return _name(text, at, e) or "", md_text(head), Span(s, at - 1)
        if found and _name(text, s, at - 1):
            return _name(text, s, at - 1) or "", md_text(tail), Span(*trim(text, at, e))
    alone = _name(text, s, e)
    return (alone, "", Span(e, e)) if alone else None


def _name(text: str, s: int, e: int) -> str | None:
    """The person's name in ``text[s:e]`` (honorifics dropped), or None if it is not one."""
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    return normalize.person_name(md_text(text[s:e]))


def find_date(text: str, start: int, end: int) -> tuple[date, str, Span] | None:
    """The first date in ``text[start:end]``, its strftime format and where it stands."""
    for m in _DATE.finditer(text, start, end):
        try:
            if m[1]:
                return date(int(m[1]), int(m[3]), int(m[4])), f"%Y{m[2]}%m{m[2]}%d", Span(*m.span())
            return date(int(m[8]), int(m[7]), int(m[5])), f"%d{m[6]}%m{m[6]}%Y", Span(*m.span())
        except ValueError:
            continue
    return None
