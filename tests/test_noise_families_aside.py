"""Noise families, the cases kept aside while the rules were written (see test_noise_families)."""

from __future__ import annotations

import pytest

from monitor.extract import listkind
from monitor.models import Category
from monitor.normalize import address_key
from tests.test_noise_families import TEAM, _checks


def test_a_weekly_pair_of_spotlight_people_shown_a_day_each_is_no_change() -> None:
    pool = [("Pierre Lefèvre", "Responsable RH"), ("Eva de Vries", "Hoofd marketing")]
    days = [[*TEAM, pool[d % 2]] for d in range(14)]
    assert _checks(days) == []


def test_a_role_change_is_reported() -> None:
    days = [TEAM] * 4 + [[("Anna Schmidt", "CEO"), *TEAM[1:]]] * 4
    assert [k.value for _, k, _ in _checks(days)] == ["modified"]


@pytest.mark.parametrize(("one", "other"), [
    ("Via Roma 47, 20121 Milano", "V. Roma 47 · I-20121 Milano · Italia"),
    ("Kerkstraat 77, 1012 AB Amsterdam", "Kerkstraat 77\nNL-1012 AB Amsterdam\nNederland"),
    ("Avenue Louise, Bruxelles", "Av. Louise, Bruxelles, Belgique"),
])
def test_more_addresses_respelled_keep_their_key(one: str, other: str) -> None:
    assert address_key(one) == address_key(other)


@pytest.mark.parametrize(("heading", "path"), [
    ("Agenda", "/agenda/"), ("Prossimi eventi", "/eventi/"), ("Kommende arrangementer", "/arrangementer/"),
])
def test_more_dated_agendas_are_news_items(heading: str, path: str) -> None:
    urls = [f"https://acme.example{path}{n}" for n in range(3)]
    judged = listkind.judge(listkind.Signals((), urls, heading, "https://acme.example/", 0.0, 1.0))
    assert judged is not None and judged[0] is Category.NEWS
