"""Turning raw fact lists into an observation's facts: dedupe, merge, order; country guess.

Determinism matters more than cleverness here: the same page must give the same tuple of
facts, in the same order, on every run (R30).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.models import Fact

MAX_PER_FIELD = 200
# ccTLDs sold as generic names say nothing about where a company's phones ring.
_VANITY_TLDS = nz.wordset("io co ai me tv ly fm gg to cc ws la sh so app dev ag am gl im is nu")
_LANG_REGION = {
    "de": "DE", "fr": "FR", "ja": "JP", "it": "IT", "es": "ES", "nl": "NL", "pl": "PL",
    "sv": "SE", "da": "DK", "nb": "NO", "no": "NO", "fi": "FI", "pt": "PT", "cs": "CZ",
    "ko": "KR", "tr": "TR", "ro": "RO", "et": "EE", "hu": "HU", "el": "GR", "ru": "RU", "uk": "UA",
    "bg": "BG", "hr": "HR", "sl": "SI", "sk": "SK", "lt": "LT", "lv": "LV", "is": "IS", "he": "IL",
    "th": "TH", "vi": "VN", "id": "ID", "ms": "MY", "nn": "NO", "fo": "FO", "mg": "MG",
    # languages spoken mainly in one country (Marathi, Telugu, Gujarati, Kannada, Malayalam and
    # Hindi in India; Sinhala, Lao, Burmese, Khmer, Nepali, Georgian, Armenian, Azerbaijani, …)
    "mr": "IN", "te": "IN", "gu": "IN", "kn": "IN", "ml": "IN", "hi": "IN", "si": "LK", "lo": "LA",
    "my": "MM", "km": "KH", "ne": "NP", "ka": "GE", "hy": "AM", "az": "AZ", "kk": "KZ", "mn": "MN",
    "sr": "RS", "mk": "MK", "sq": "AL", "ur": "PK", "fa": "IR", "am": "ET", "fil": "PH", "tl": "PH",
    "uz": "UZ", "be": "BY", "mt": "MT", "lb": "LU",
}  # fmt: skip


def guess_country(url: str, tree: LexborHTMLParser | None = None) -> str | None:
    """ISO country for numbers without +prefix: the URL's ccTLD, else <html lang="de-AT">."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) == 2 and tld not in _VANITY_TLDS:
        return "GB" if tld == "uk" else tld.upper()
    node = tree.css_first("html") if tree is not None else None
    lang = ((node.attributes.get("lang") if node is not None else None) or "").replace("_", "-")
    parts = lang.split("-")
    if len(parts) >= 2 and len(parts[1]) == 2 and parts[1].isalpha():
        return parts[1].upper()
    return _LANG_REGION.get(parts[0].lower())


def _merge_people(facts: list[Fact]) -> list[Fact]:
    merged: dict[str, tuple[str, list[str], str]] = {}
    for fact in facts:
        held = merged.setdefault(nz.fold(fact.value), (fact.value, [], fact.evidence))[1]
        for role in (fact.role or "").split("; "):
            if role and nz.fold(role) not in {nz.fold(r) for r in held}:
                held.append(role)
    return [
        Fact("person", name, "; ".join(sorted(held)) or None, ev)
        for name, held, ev in merged.values()
    ]


def _without_glued_emails(facts: list[Fact]) -> list[Fact]:
    """Drop "dpo@acme.comby" when "dpo@acme.com" is there: inline tags glued the next word on."""
    emails = [f.value for f in facts if f.field == "email"]

    def glued(value: str) -> bool:
        return any(value != e and value.startswith(e) and value[len(e) :].isalpha() for e in emails)

    return [f for f in facts if f.field != "email" or not glued(f.value)]


def assemble(facts: list[Fact]) -> tuple[Fact, ...]:
    """Deduplicated, merged and sorted facts (first evidence wins, first single value wins)."""
    seen: set[tuple[str, str]] = set()
    kept: list[Fact] = []
    for fact in facts:
        if not fact.value:
            continue
        if fact.field == "person":  # merged below: the role with most evidence wins
            kept.append(fact)
            continue
        identity = nz.identity(fact)
        if identity not in seen:
            seen.add(identity)
            kept.append(fact)
    kept = _without_glued_emails(kept)
    people = _merge_people([f for f in kept if f.field == "person"])
    others = [f for f in kept if f.field != "person"]
    ordered = sorted(others + people, key=lambda f: (f.field, f.value, f.role or ""))
    counts: dict[str, int] = {}
    capped = []
    for fact in ordered:  # a page listing 100 000 numbers is a directory, not a profile
        counts[fact.field] = counts.get(fact.field, 0) + 1
        if counts[fact.field] <= MAX_PER_FIELD:
            capped.append(fact)
    return tuple(capped)
