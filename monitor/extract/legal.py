"""Legal identifiers from imprints: VAT ids and commercial register numbers.

``vat_id`` values are compact and upper-case ("DE238472376", "FR96514739937"), read only after
a label (USt-IdNr., VAT, TVA, UID, P.IVA, BTW, …). ``register`` values name the register and,
when the imprint gives it, the court: "HRA 101007, Amtsgericht Hamburg", "RCS Paris 514 739 937",
"Company No. 01234567".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor import normalize as nz
from monitor.extract.scan import DIGITS, Scan, scan_of
from monitor.models import Fact

# Searched in the lower-cased line without re.I (case-insensitive alternations are slow).
_VAT_LABEL = re.compile(
    r"ust\.?[-\s]?id|umsatzsteuer|vat\b|tva\b|\buid\b|p\.?\s?iva|\bbtw\b|mwst|\bcif\b|\bnif\b|"
    r"\bnip\b|moms"
)
# The label's alternatives, each starting with a literal: the lines where one matches are found
# by one fast search per alternative over the whole page (leading \b dropped: a wider net).
_VAT_GATES = (
    r"ust\.?[-\s]?id", "umsatzsteuer", r"vat\b", r"tva\b", r"uid\b", r"p\.?\s?iva", r"btw\b",
    "mwst", r"cif\b", r"nif\b", r"nip\b", "moms",
)  # fmt: skip
_VAT = re.compile(
    r"\b(?:DE\s?\d{3}\s?\d{3}\s?\d{3}|ATU\s?\d{8}|FR\s?[0-9A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}"
    r"|GB\s?\d{3}\s?\d{4}\s?\d{2}(?:\s?\d{3})?|CHE[-\s]?\d{3}\.?\d{3}\.?\d{3}|IT\s?\d{11}"
    r"|ES\s?[A-Z0-9]\d{7}[A-Z0-9]|NL\s?\d{9}\s?B\s?\d{2}|BE\s?0?\d{3}\.?\d{3}\.?\d{3}|LU\s?\d{8}"
    r"|(?:AT|BG|CY|CZ|DK|EE|EL|FI|HR|HU|IE|LT|LV|MT|PL|PT|RO|SE|SI|SK)\s?[0-9A-Z]{8,12})\b"
)
_HR = re.compile(r"\b(HR\s?[AB])\s?(\d{1,6})(?:\s?(B)\b)?")  # "HRB 12345 B": Berlin
# Association and partnership registers use short codes that also name products ("PR 9").
_OTHER_REGISTER = re.compile(
    r"(?i:register\w*|registr\w*)\W+(?:.{0,40}?\b)?(VR|PR|GnR|GsR)\s?(\d{1,6})\b"
)
_COURT = re.compile(
    r"(?:Registergericht\s*:?\s*)?(Amtsgericht|Handelsgericht|Landesgericht)\s*:?\s*"
    r"([A-ZÄÖÜ][\w\-.]+(?:\s(?:am|an|der|im|in|i\.)\s?[A-ZÄÖÜ][\w\-.]+)?)"
)
_RCS = [
    re.compile(r"\bRCS\s+(?:de\s+)?([A-Za-zÀ-ÿ][\w\-]+)\s*(?:[AB]\s*)?(\d{3}\s?\d{3}\s?\d{3})\b"),
    re.compile(
        r"\b(\d{3}\s?\d{3}\s?\d{3})\s+(?:au\s+)?(?:R\.?C\.?S\.?)\s+(?:de\s+|d')?([A-Za-zÀ-ÿ][\w\-]+)"
    ),
]
_UK = re.compile(
    r"\b(?:company|registration|registered)\s+(?:no\.?|number)\s*:?\s*(\d{6,8}|[A-Z]{2}\d{6})\b",
    re.I,
)


def _window(lines: Sequence[str], i: int) -> str:
    return " ".join(lines[i : i + 2])


def vat_ids(lines: Sequence[str] | Scan) -> list[Fact]:
    """VAT id facts: a VAT-shaped code within the labelled line or the line after it."""
    scan = scan_of(lines)
    lines = scan.lines
    out: list[Fact] = []
    digits = scan.find_lines(DIGITS, lower=False)  # the number: on the label's line or the next
    for i in scan.within([*digits, *(d - 1 for d in digits)]).match_lines(_VAT_GATES):
        label = _VAT_LABEL.search(lines[i].lower())
        if not label:
            continue
        window = _window(lines, i)[label.end() : label.end() + 160]
        for m in _VAT.finditer(window):
            value = re.sub(r"[\s.-]", "", m.group(0)).upper()
            out.append(Fact("vat_id", value, None, nz.clip(_window(lines, i), 200)))
    return out


def _court(lines: Sequence[str], i: int) -> str | None:
    for line in lines[max(0, i - 1) : i + 2]:
        if m := _COURT.search(line):
            return f"{m.group(1)} {m.group(2).rstrip('.,')}"
    return None


def _german(lines: Sequence[str], i: int, low: str) -> list[str]:
    line = lines[i]
    found = [*_HR.finditer(line)] if "hr" in low else []
    found += [*_OTHER_REGISTER.finditer(line)] if "regist" in low else []
    out = []
    for m in found:
        kind, digits, *suffix = m.groups()
        number = f"{kind.replace(' ', '').upper()} {digits}"
        number += f" {suffix[0]}" if suffix and suffix[0] else ""
        court = _court(lines, i)
        out.append(f"{number}, {court}" if court else number)
    return out


def _french(line: str) -> list[str]:
    out = []
    for k, pattern in enumerate(_RCS):
        for m in pattern.finditer(line):
            city, number = (m.group(1), m.group(2)) if k == 0 else (m.group(2), m.group(1))
            digits = re.sub(r"\D", "", number)
            out.append(f"RCS {city.capitalize()} {digits[:3]} {digits[3:6]} {digits[6:]}")
    return out


def registers(lines: Sequence[str] | Scan) -> list[Fact]:
    """Register number facts (German HR A/B, French RCS, UK company numbers)."""
    scan = scan_of(lines)
    lines = scan.lines
    out: list[Fact] = []
    digits = scan.find_lines(DIGITS, lower=False)  # a register number is on its label's line
    for i in scan.within(digits).find_lines(("hr", "regist", "rcs", "r.c.s", "company")):
        line = lines[i]
        low = line.lower()
        values = _german(lines, i, low) if ("hr" in low or "regist" in low) else []
        values += _french(line) if ("rcs" in low or "r.c.s" in low) else []
        if ("company" in low or "regist" in low) and "no" in low:
            values += [f"Company No. {m.group(1)}" for m in _UK.finditer(line)]
        evidence = nz.clip(_window(lines, i), 200) if values else ""
        out += [Fact("register", value, None, evidence) for value in values]
    return out
