"""Prices as pages write them → one canonical price: amount, currency and qualifier. Pure.

A page writes the same price many ways: the sign before or after the figure or an ISO code
instead (``EUR 1.299,00``, ``1 299,00 €``, ``€1,299``), a dash for no cents (``1.299,-``),
grouping by apostrophes (``CHF 1'299.00``) or none (``¥129800``), a VAT note
("incl. VAT", "inkl. MwSt.", "TTC", "IVA incluida") and a qualifier ("from", "ab",
"à partir de"). ``find`` locates a price in a text; ``parse`` reads it (the figure with
``price-parser``); ``key`` is what an item's price is compared by: the amount. A "from"
written before the same figure or dropped again is no new price, as a VAT note is none:
pages add and drop it with their layout, and a price that changes changes its figure. The
currency is read (``Price.currency``, the ISO code a sign stands for, or its
family when a sign stands for several: ``$``, ``kr``) but not compared: pages drop or
change the sign when they are redesigned ("1.299,00 €" → "1.299,-"), and a price that
really changes changes its figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# Signs and ISO codes a price carries before or after its figure.
_SIGNS = r"R\$|US\$|A\$|C\$|NZ\$|HK\$|S\$|[€$£¥₹₩₺₽₪₴₫฿￥]"
_CODES = (r"\b(?:EUR|USD|GBP|CHF|JPY|CNY|RMB|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|HRK|RSD|TRY|"
          r"RUB|UAH|CAD|AUD|NZD|SGD|HKD|INR|KRW|BRL|MXN|ARS|CLP|COP|PEN|ZAR|ILS|AED|SAR|QAR|"
          r"THB|IDR|MYR|PHP|VND|TWD)\b")
_AFTER = r"kr\.?(?!\w)|zł|Kč|Ft\b|lei\b|円|元|Fr\.|руб\.?|лв\.?"
_BEFORE = rf"(?:{_SIGNS}|{_CODES}|\bFr\.|\bkr\.?)"
# A figure: grouped by threes (space, thin space, dot, comma, apostrophe) or not grouped,
# with up to two decimals or a dash for none. Bounded: a hostile run of digits stays linear.
_NUM = (r"(?:\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3}){1,4}|\d{1,12})(?:[.,]\d{1,2}(?!\d)|[.,][-–](?!\d))?"
        r"(?![\d])")
PRICE = re.compile(
    rf"{_BEFORE}\s?{_NUM}|{_NUM}\s?(?:{_SIGNS}|{_CODES}|{_AFTER})"
    r"|(?:\d{1,3}(?:[.'’]\d{3}){0,4})[.,][-–](?![\d-])", re.I)
# Words that make a price a lower bound ("from 1.299 €"); folded, lower case.
_FROM = ("from", "starting at", "starting from", "ab", "ab nur", "a partir de", "des", "desde",
         "vanaf", "vana", "fra", "fran", "a partire da", "da", "od", "alkaen", "alk", "fr")
_FROM_RE = re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(w) for w in
                      sorted(_FROM, key=len, reverse=True)) + r")\s*$")
_FROM_AFTER = re.compile(r"^\s*(?:[〜～~]|から|起|alkaen\b|and up\b|\+)")
# Signs that stand for one currency, and for a family of several.
_ISO = {"€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₺": "TRY", "₽": "RUB", "₪": "ILS",
        "₴": "UAH", "₫": "VND", "฿": "THB", "r$": "BRL", "zł": "PLN", "kč": "CZK", "ft": "HUF",
        "lei": "RON", "fr.": "CHF", "円": "JPY", "￥": "JPY", "元": "CNY", "rmb": "CNY",
        "руб": "RUB", "руб.": "RUB", "лв": "BGN", "лв.": "BGN"}
_FAMILY = {"$": "$", "us$": "USD", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "hk$": "HKD",
           "s$": "SGD", "kr": "kr", "kr.": "kr", "¥": "¥"}


@dataclass(frozen=True)
class Price:
    """A price read from a page: its amount (None when the text holds no figure), currency
    (ISO code, or a sign that stands for several: ``$``, ``kr``, ``¥``) and qualifier."""

    amount: Decimal | None
    currency: str | None
    qualifier: str  # "from" for a lower bound, else ""

    @property
    def key(self) -> str:
        """What the price is compared by: qualifier and amount ("from 1299", "89.9")."""
        if self.amount is None:
            return ""
        return f"{self.qualifier} {self.figure}".strip()

    @property
    def figure(self) -> str:
        """The amount alone ("1299", "89.9"; "" with none): what an item's price is compared by."""
        return "" if self.amount is None else format(self.amount.normalize(), "f")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def find(text: str) -> re.Match[str] | None:
    """The first price in a text, or None."""
    return PRICE.search(text)


def _currency(raw: str | None) -> str | None:
    if not raw:
        return None
    low = raw.strip().lower()
    if re.fullmatch(r"[a-z]{3}", low) and low not in _ISO:  # an ISO code
        return low.upper()
    return _ISO.get(low) or _FAMILY.get(low) or raw.strip()


@lru_cache(maxsize=4096)
def parse(text: str) -> Price:
    """The canonical price a text holds (its first price; the whole text when it has none)."""
    from price_parser import Price as Parsed  # loaded where prices are read, not on import

    m = find(text)
    span = m.group(0) if m else text
    if m and re.search(r"[.,][-–]$", span.rstrip()):
        span = re.sub(r"[.,][-–]$", "", span.rstrip())  # "1.299,-": no cents
    figure = re.sub(r"[\u00a0\u202f]", " ", span)
    parsed = Parsed.fromstring(figure.replace("’", "'"))
    before = _fold(text[: m.start()]) if m else ""
    after = text[m.end():] if m else ""
    qualifier = "from" if _FROM_RE.search(before) or _FROM_AFTER.match(after) else ""
    return Price(amount=parsed.amount, currency=_currency(parsed.currency), qualifier=qualifier)


def key(text: str | None) -> str:
    """What a displayed price is compared by: its canonical amount; a text that holds no
    figure ("Price on request") by its folded words; "" for no price."""
    if not text:
        return ""
    price = parse(text)
    return price.figure or " ".join(_fold(text).split())
