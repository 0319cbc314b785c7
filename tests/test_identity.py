"""One fact identity: what extraction de-duplicates by is what the differ compares by.

Properties over generated facts: a reformatting (case, accents on names, punctuation and line
breaks in addresses, order) never yields a second identity, never makes extraction keep two facts
for one, and never makes the differ report a change.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from monitor import normalize as nz
from monitor.diff import diff_facts
from monitor.extract.facts import assemble
from monitor.models import Fact, Source, State

SOURCE = Source("acme:website:1", "acme", "website", "https://acme.example/", 86400.0, confirm=1)
words = st.text("abcdefghijklmnopqrstuvwxyzéüø", min_size=2, max_size=10)
names = st.lists(words, min_size=2, max_size=3).map(" ".join)
house_numbers = st.integers(1, 999).map(str)
postcodes = st.integers(1000, 99999).map(str)
addresses = st.tuples(words, house_numbers, postcodes, words).map(
    lambda p: (f"{p[0].title()}strasse {p[1]}", f"{p[2]} {p[3].title()}"))


def accents_off(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@given(names)
def test_a_name_in_other_case_or_without_accents_is_the_same_person(name: str) -> None:
    a, b = Fact("person", name.title(), "CEO"), Fact("person", accents_off(name).upper(), "CEO")
    assert nz.identity(a) == nz.identity(b)


@given(addresses)
def test_an_address_on_one_line_or_two_is_one_address(parts: tuple[str, str]) -> None:
    one_line = Fact("address", f"{parts[0]}, {parts[1]}")
    two_lines = Fact("address", f"{parts[0]}\n{parts[1]}, Germany")
    assert nz.identity(one_line) == nz.identity(two_lines)
    assert len([f for f in assemble([one_line, two_lines]) if f.field == "address"]) == 1
    changes, _, _ = diff_facts(SOURCE, State(facts=(one_line,), baseline=False), [two_lines], "t")
    assert changes == []


@given(st.lists(st.sampled_from(["a@acme.example", "B@acme.example", "sales@acme.example"]),
                min_size=1, max_size=6))
def test_extraction_keeps_one_fact_per_identity_and_the_differ_sees_no_change(
        emails: list[str]) -> None:
    kept = assemble([Fact("email", e) for e in emails])
    keys = [nz.identity(f) for f in kept]
    assert len(keys) == len(set(keys))
    reordered = list(reversed([Fact("email", e) for e in emails]))
    changes, _, _ = diff_facts(SOURCE, State(facts=kept, baseline=False), reordered, "t")
    assert changes == []


def test_a_single_valued_field_has_one_identity_and_a_new_value_is_a_modification() -> None:
    old, new = Fact("legal_name", "Acme GmbH"), Fact("legal_name", "Acme AG")
    assert nz.identity(old) == nz.identity(new)
    changes, _, _ = diff_facts(SOURCE, State(facts=(old,), baseline=False), [new], "t")
    assert [(c.field, c.old, c.new) for c in changes] == [("legal_name", "Acme GmbH", "Acme AG")]


def test_a_moved_address_is_a_new_identity() -> None:
    before = Fact("address", "Kehrwieder 11, 20457 Hamburg")
    after = Fact("address", "Bahnhofstrasse 3, 80335 München")
    assert nz.identity(before) != nz.identity(after)
