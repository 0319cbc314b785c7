"""What a list case is made of: a language's words and how it writes prices."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Lang:
    """One language's words for an offers section and a careers section."""

    code: str
    offers: str  # heading of the offers section
    jobs: str  # heading of the openings section
    blog: str  # heading of a list of posts (a negative: neither offers nor openings)
    products: tuple[str, ...]
    jobs_list: tuple[tuple[str, str], ...]  # (title, location)
    new_job: tuple[str, str]
    formats: tuple[str, str]  # how a price is written, "{a}" the amount: first and reformatted
    decimal: str  # "" when the currency has no minor unit
    group: str
    vat: str  # a VAT note ("incl. VAT")
    since: str  # the qualifier of a "from" price
    more: str
    apply: str


@dataclass(frozen=True)
class Offer:
    name: str
    price: str
    url: str
    value: float = 0.0  # the amount, for data that states it as a figure


@dataclass(frozen=True)
class Opening:
    title: str
    location: str
    url: str


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    made = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return made or "p" + hashlib.sha1(text.encode()).hexdigest()[:8]  # a CJK name: an id


def amount(value: float, lang: Lang, short: bool = False) -> str:
    """``value`` written with the language's separators; ``short`` drops zero decimals."""
    whole = f"{int(value):,}".replace(",", lang.group)
    if not lang.decimal:
        return whole
    cents = round((value - int(value)) * 100)
    if short and cents == 0:
        return whole
    return f"{whole}{lang.decimal}{cents:02d}"


def price(value: float, lang: Lang, reformat: bool, since: bool) -> str:
    """A price as a page writes it: the first format, or the second with a VAT note."""
    text = lang.formats[1 if reformat else 0].replace("{a}", amount(value, lang, short=reformat))
    if since:
        text = f"{lang.since} {text}"
    return f"{text} {lang.vat}" if reformat else text
