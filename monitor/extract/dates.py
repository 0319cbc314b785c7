"""Visible dates in the common written forms of several languages → ISO dates. Pure.

Read: ISO ``2021-05-26``, ``26.05.2021``, ``2021/05/26``, ``2021年5月26日``, and day-month-year or
month-day-year with month names or their abbreviations in English, German, French, Spanish,
Italian, Dutch, Portuguese and the Scandinavian languages ("May 26, 2021", "26. Mai 2021",
"26 de mayo de 2021"). ``05/06/2021`` is skipped as ambiguous unless one part exceeds 12:
a wrong date is worse than none. Relative dates ("3 days ago") are noise, never read.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as du_parser

from monitor import normalize as nz

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "januar", "janvier", "enero", "gennaio", "januari", "janeiro", "janvier"),
    2: ("february", "februar", "fevrier", "febrero", "febbraio", "februari", "fevereiro", "feber"),
    3: ("march", "marz", "maerz", "mars", "marzo", "maart", "marco", "mars"),
    4: ("april", "avril", "abril", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mei", "maio", "maj"),
    6: ("june", "juni", "juin", "junio", "giugno", "junho"),
    7: ("july", "juli", "juillet", "julio", "luglio", "julho"),
    8: ("august", "aout", "agosto", "augustus", "augusti"),
    9: ("september", "septembre", "septiembre", "settembre", "setembro"),
    10: ("october", "oktober", "octobre", "octubre", "ottobre", "outubro"),
    11: ("november", "novembre", "noviembre", "novembro"),
    12: ("december", "dezember", "decembre", "diciembre", "dicembre", "dezembro", "desember"),
}
_WORD = r"([^\W\d_]{3,12})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|e|º|°)?\.?"
_YEAR = r"(\d{4})"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})[./](\d{1,2})[./](\d{1,2})(?!\d)")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DMY_DOT = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_D_MON_Y = re.compile(_DAY + r"\s*(?:de\s+)?" + _WORD + r",?\s+(?:de\s+)?" + _YEAR, re.I)
_MON_D_Y = re.compile(_WORD + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I)
_DATETIME_ATTR = re.compile(r"^\s*\d{4}-\d{2}")


def month_number(word: str) -> int | None:
    """The month a name or abbreviation (3+ letters) stands for, in any listed language."""
    w = nz.fold(word).lower().rstrip(".")
    if len(w) < 3:
        return None
    for number, names in _MONTHS.items():
        if any(name == w or (len(w) <= 5 and name.startswith(w)) for name in names):
            return number
    return None


def _iso(y: str | int, m: str | int, d: str | int) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _named(text: str) -> tuple[int, str] | None:
    hits: list[tuple[int, str]] = []
    for m in _D_MON_Y.finditer(text):
        month = month_number(m.group(2))
        found = _iso(m.group(3), month, m.group(1)) if month else None
        if found:
            hits.append((m.start(), found))
    for m in _MON_D_Y.finditer(text):
        month = month_number(m.group(1))
        found = _iso(m.group(3), month, m.group(2)) if month else None
        if found:
            hits.append((m.start(), found))
    return min(hits) if hits else None


def find(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None."""
    hit = _first(text)
    return hit[1] if hit else None


# A date that opens a text ("23. August 2023 We would like to…", "Posted on May 3, 2024 –")
# may follow a few words of label; past that it is a date the text talks about.
LEAD_WORDS = 2


def leading(text: str) -> str | None:
    """The date a text opens with, as ``YYYY-MM-DD``, or None (a date later in it is not
    the text's own: "the event on 3 May" in a story published on another day)."""
    head = text[:120]
    hit = _first(head)
    if hit is None or len(_LABEL.findall(head[:hit[0]])) > LEAD_WORDS:
        return None
    return hit[1]


_LABEL = re.compile(r"\w+")


def _first(text: str) -> tuple[int, str] | None:
    """(offset, ISO date) of the first date written in ``text``."""
    hits: list[tuple[int, str]] = []
    for pattern, order in ((_ISO, (1, 2, 3)), (_YMD, (1, 2, 3)), (_CJK, (1, 2, 3)),
                           (_DMY_DOT, (3, 2, 1))):
        for m in pattern.finditer(text):
            found = _iso(*(m.group(i) for i in order))
            if found:
                hits.append((m.start(), found))
                break
    for m in _SLASH.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        found = _iso(m.group(3), b, a) if a > 12 else _iso(m.group(3), a, b) if b > 12 else None
        if found:
            hits.append((m.start(), found))
            break
    named = _named(text)
    if named:
        hits.append(named)
    return min(hits) if hits else None


def from_attribute(value: str) -> str | None:
    """A machine-readable date (``<time datetime>``, ``itemprop`` content) → ``YYYY-MM-DD``."""
    if not _DATETIME_ATTR.match(value):
        return find(value)
    try:
        return du_parser.isoparse(value.strip()).date().isoformat()
    except (ValueError, OverflowError):
        return find(value)
