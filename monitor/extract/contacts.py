"""E-mail addresses, phone and fax numbers: from mailto:/tel: links and from labelled text.

A number in running text counts only after a label ("Tel.", "Telefon", "Phone", "T:", "Fon",
"Numéro de téléphone", "電話", …) or alone on its line with a +prefix: bare digit runs are
too often prices, dates or register numbers. "Fax", "Telefax", "Faxnr." and "F:" make a fax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote

from selectolax.lexbor import LexborNode

from monitor import normalize as nz
from monitor.extract.address import third_party
from monitor.extract.scan import DIGITS, Scan, scan_of
from monitor.models import Fact

_EMAIL_PLAIN = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_BRACKETED = re.compile(
    r"[\w.+-]+\s*(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\]|<at>)\s*[\w-]+"
    r"(?:\s*(?:\.|\(dot\)|\[dot\]|\{dot\}|\(\.\)|\[\.\])\s*[\w-]+)+",
    re.I,
)
_EMAIL_SPELLED = re.compile(r"\b[\w.+-]+\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)+\b", re.I)

_FAX = r"(?:tele)?fa[xk]s?(?:nr\.?|nummer|-nr\.?|\s+no\.?|\s+number)?|télécopie|fax\s*:|\bf\s*:"
_TEL = (
    r"tel(?:efon|ephone|éphone|\.)?(?:nr\.?|nummer|-nr\.?)?|phone(?:\s+number)?|fon|fone|\bt\s*:|tél|"
    r"mobil(?:e|funk)?|handy|hotline|zentrale|numéro de téléphone|n° de téléphone|call us|電話|"
    r"☎|📞|tel\s*:"
)
_LABEL = re.compile(rf"(?<![\w])(?:(?P<fax>{_FAX})|(?P<tel>{_TEL}))(?![\w])", re.I)
_LABEL_STEMS = (
    "tel",
    "fax",
    "faks",
    "phone",
    "fon",
    "t:",
    "f:",
    "t :",
    "f :",
    "tél",
    "mobil",
    "handy",
    "hotline",
    "zentrale",
    "numéro",
    "n° de",
    "call",
    "télécopie",
    "電話",
    "☎",
    "📞",
)
_NUMBER = re.compile(r"\+?\s?(?:\(\s*0\s*\)\s*)?[\d(][\d\s()./\-–]{4,24}\d")
_FILLER = re.compile(r"[\s:.\-–/()]*(?:\((?:\w+\s?){1,3}\)[\s:.]*)?")
_MAX_FOUND = 500
_PLUS_LINE = re.compile(r"\+\d[\d\s()./\-–]{6,22}\d")
# Lines worth a closer look, found by plain substring search over the whole page.
_EMAIL_MARKS = ("@", "(at)", "[at]", "{at}", "<at>", " dot ")
# Verbs that put a number in prose, in the languages the people lexicon covers.
_CALL_STEMS = (
    "call", "ring", "bel ", "bel op", "llám", "llam", "chiam", "appel", "ligue", "anruf", "rufen",
    "contact", "kontakt", "contat", "contacto", "電話", "お電話",
)  # fmt: skip
_PHONE_MARKS = (*_LABEL_STEMS, *_CALL_STEMS, "+")


def emails_in(line: str) -> list[str]:
    """Every valid e-mail address in a line of text, plain or obfuscated ("info(at)acme.de")."""
    found: list[str] = []
    low = line.lower()
    patterns = [_EMAIL_PLAIN] if "@" in line else []
    if any(mark in low for mark in ("(at)", "[at]", "{at}", "(@)", "[@]", "<at>")):
        patterns.append(_EMAIL_BRACKETED)
    if " at " in low and " dot " in low:
        patterns.append(_EMAIL_SPELLED)
    for pattern in patterns:
        for m in pattern.finditer(line):
            value = nz.email(m.group(0))
            if value and value not in found:
                found.append(value)
    return found


def _number_after(rest: str) -> str | None:
    filler = _FILLER.match(rest)
    start = filler.end() if filler else 0
    m = _NUMBER.match(rest, start)
    return m.group(0) if m else None


def phones_in(line: str, next_line: str, country: str | None) -> list[tuple[str, str]]:
    """``("phone" | "fax", E.164)`` for every labelled number in a line.

    A label closing its line ("Telefon:") takes its number from the start of the next line.
    A labelled number that fails validation comes back as written (digits and a leading +),
    marked by ``UNVALIDATED`` as its first character, so the caller can say so in evidence.
    """
    found: list[tuple[str, str]] = []
    low = line.lower()
    labels = _LABEL.finditer(line) if any(stem in low for stem in _LABEL_STEMS) else iter(())
    for m in labels:
        raw = _number_after(line[m.end() :])
        if raw is None and not line[m.end() :].strip(" :.-"):
            raw = _number_after(next_line)
        value = nz.phone(raw, country) if raw else None
        # Kept as written only when it could be read at all: without a country, a national
        # number is unread rather than guessed (its digits would change once one is known).
        readable = country or (raw or "").lstrip().startswith(("+", "00"))
        if raw and not value and readable and (kept := nz.phone_as_written(raw)):
            value = UNVALIDATED + kept
        if value:
            found.append(("fax" if m.group("fax") else "phone", value))
    if not found and (m2 := _PLUS_LINE.fullmatch(line.strip(" *|·•"))):
        value = nz.phone(m2.group(0), country)
        if value:
            found.append(("phone", value))
    if country or "+" in line:  # numbers in prose: "Call us on 020 7946 0123", "Ring oss på …"
        found += [("fax" if _fax_before(line, start) else "phone", value)
                  for start, value in nz.phones_in_text(line, country)]
    return list(dict.fromkeys(found))


UNVALIDATED = "\x00"


def _fax_before(line: str, start: int) -> bool:
    """Whether the nearest label before a number says fax."""
    labels = list(_LABEL.finditer(line, max(0, start - 30), start))
    return bool(labels) and labels[-1].group("fax") is not None


def from_text(lines: Sequence[str] | Scan, country: str | None) -> list[Fact]:
    """E-mail, phone and fax facts found in text lines; the line is the evidence."""
    scan = scan_of(lines)
    text = scan.lines
    out: list[Fact] = []
    memo: dict[int, bool | None] = {}
    for i in scan.find_lines(_EMAIL_MARKS):
        if third_party(text, i, memo):
            continue  # the supervisory authority's or a vendor's address, not the company's
        out += [Fact("email", value, None, nz.clip(text[i], 200)) for value in emails_in(text[i])]
    digits = scan.find_lines(DIGITS, lower=False)  # a number is on the label's line or the next
    for i in scan.within([*digits, *(d - 1 for d in digits)]).find_lines(_PHONE_MARKS):
        if len(out) >= _MAX_FOUND:  # phone parsing costs ~0.2 ms each
            break
        line = text[i]
        if third_party(text, i, memo):
            continue
        following = text[i + 1] if i + 1 < len(text) else ""
        evidence = nz.clip(line, 200)
        for field, value in phones_in(line, following, country):
            if value.startswith(UNVALIDATED):
                note = nz.clip(f"unvalidated number, kept as written: {line}", 200)
                out.append(Fact(field, value[1:], None, note))
            else:
                out.append(Fact(field, value, None, evidence))
    return out


def _label_before(node_text: str) -> str:
    return "fax" if re.search(rf"(?:{_FAX})[\s:.]*$", node_text, re.I) else "phone"


_LINKS = 'a[href^="mailto:" i],a[href^="tel:" i],a[href^="fax:" i],a[href^="callto:" i]'


def from_links(roots: Sequence[LexborNode], country: str | None) -> list[Fact]:
    """E-mail, phone and fax facts from mailto: and tel:/fax: links under the given nodes."""
    out: list[Fact] = []
    for anchor in (a for root in roots for a in root.css(_LINKS)):
        href = (anchor.attributes.get("href") or "").strip()
        evidence = nz.clip(f'<a href="{href}">{nz.text(anchor.text(deep=True))}</a>', 200)
        scheme, _, target = href.partition(":")
        if scheme.lower() == "mailto":
            for address in unquote(target.split("?")[0]).split(","):
                value = nz.email(address)
                if value:
                    out.append(Fact("email", value, None, evidence))
            continue
        value = nz.phone(
            re.sub(r"%20|%2B", lambda m: " " if m.group(0) == "%20" else "+", target), country
        )
        if not value:
            continue
        before = anchor.prev.text(deep=True) if anchor.prev is not None else ""
        field = "fax" if scheme.lower() == "fax" else _label_before(before[-30:])
        out.append(Fact(field, value, None, evidence))
    return out
