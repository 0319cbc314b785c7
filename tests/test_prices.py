"""A price written any way is one canonical price; a new figure is a new price."""

from __future__ import annotations

from decimal import Decimal

import pytest

from monitor import prices
from monitor.models import Item, ItemState

SAME = [  # one price, written the ways pages write it
    ("EUR 1.299,00", "1 299,00 €", "€1,299", "1.299,-", "1.299,00 € inkl. MwSt.", "1\u202f299,00 € TTC",
     "CHF 1'299.00", "USD 1,299", "$1,299.00", "R$ 1.299,00", "SEK 1 299", "1 299,00 kr",
     "kr 1.299,-", "1.299,- €", "1.299 kr. inkl. moms", "1.299,00 € IVA incluida"),
    ("¥129,800", "129,800円", "JPY 129800", "￥129,800（税込）"),
    ("ab 1.299 €", "à partir de 1 299,00 € TTC", "from $1,299", "desde 1.299,00 €", "vanaf € 1.299",
     "från 1 299 kr", "a partire da 1.299 €", "1.299円〜"),
    ("89,90 €", "EUR 89,90", "€89.90", "89.9 EUR"),
]


@pytest.mark.parametrize("written", SAME)
def test_one_price_written_many_ways_has_one_key(written: tuple[str, ...]) -> None:
    assert len({prices.key(w) for w in written}) == 1, {w: prices.key(w) for w in written}


def test_a_new_figure_is_another_price_a_from_before_the_same_figure_is_not() -> None:
    assert prices.key("1.299,00 €") != prices.key("1.199,00 €")
    assert prices.key("89,90 €") != prices.key("89,00 €")
    assert prices.key("ab 1.299 €") == prices.key("1.299 €") == prices.key("1.299 € zzgl. MwSt.")
    assert prices.key("ab 1.299 €") != prices.key("ab 1.399 €")
    assert prices.parse("ab 1.299 €").key == "from 1299"  # read, shown, not compared


def test_parse_reads_amount_currency_and_qualifier() -> None:
    assert prices.parse("à partir de 1 299,00 € TTC") == prices.Price(Decimal("1299.00"), "EUR", "from")
    assert prices.parse("CHF 1'299.00").currency == "CHF"
    assert prices.parse("1 299,00 kr").currency == "kr"  # SEK, NOK or DKK: the sign says not which
    assert prices.parse("R$ 1.299,00").currency == "BRL"


def test_no_figure_compares_by_its_words_and_none_is_empty() -> None:
    assert prices.key("Preis auf Anfrage") == prices.key("Preis  auf anfrage")
    assert prices.key(None) == "" and prices.key("") == ""


def test_find_ignores_plain_numbers_and_stays_linear_on_hostile_digits() -> None:
    assert prices.find("Founded 1998, 120 staff") is None
    assert prices.find("9" * 50_000 + " €") is not None


def test_item_and_stored_state_compare_on_the_canonical_price() -> None:
    item = Item(key="k", title="Espresso machine", price="1.299,00 € inkl. MwSt.")
    assert item.version == Item(key="k", title="Espresso machine", price="EUR 1.299,-").version
    assert item.version == ItemState("k", None, None, title="Espresso machine", price="€1,299").version
    assert item.version != Item(key="k", title="Espresso machine", price="1.199,00 €").version
