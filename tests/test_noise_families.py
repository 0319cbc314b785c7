"""Noise families written new ways: people who rotate, addresses spelled anew, agendas.

Hand-made histories in several languages and house styles: a card that shows one of the staff
a day is nobody joining or leaving; a person who joins or leaves is still reported, one settle
period later; an address respelled keeps its key, a move changes it; a dated agenda is a list
of news items.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from monitor.diff import diff_facts
from monitor.extract import listkind
from monitor.itemdiff import diff_items, next_items
from monitor.models import Category, ChangeKind, Fact, Item, Source, State
from monitor.normalize import address_key

DAY = 86400.0
SOURCE = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example",
                every=DAY, confirm=2, settle=DAY)
TEAM = [("Anna Schmidt", "Geschäftsführerin"), ("Luc Moreau", "Directeur financier"),
        ("Sofía Ruiz", "Directora de ventas")]


def _checks(days: list[list[tuple[str, str]]]) -> list[tuple[int, ChangeKind, str]]:
    """Run a history (per day, the people listed), two checks a day: (day, kind, name) changes."""
    state, out = State(), []
    for day, people in enumerate(days):
        for hour in (6, 18):
            now = f"{(date(2026, 3, 1) + timedelta(days=day)).isoformat()}T{hour:02}:00:00Z"
            facts = [Fact("person", name, role) for name, role in people]
            changes, confirmed, pending = diff_facts(SOURCE, state, facts, now)
            out += [(day, c.change, c.old if c.change is ChangeKind.REMOVED else c.new)
                    for c in changes if c.field == "person"]
            state = State(facts=confirmed, pending=pending, baseline=False)
    return out


SPOTLIGHT = [  # shown one a day on a card, not on the team strip
    ("Jonas Berg", "Teknisk chef"), ("Marta Rossi", "Responsabile qualità"),
    ("Kenji Sato", "営業部長")]


@pytest.mark.parametrize("shown", [SPOTLIGHT[:2], SPOTLIGHT])
def test_a_card_showing_one_person_a_day_is_nobody_joining(shown: list[tuple[str, str]]) -> None:
    days = [TEAM] + [[*TEAM, shown[d % len(shown)]] for d in range(20)]
    assert _checks(days) == []


def test_a_card_person_in_the_first_check_is_nobody_leaving() -> None:
    days = [[*TEAM, SPOTLIGHT[d % 3]] for d in range(12)]
    assert _checks(days) == []


def test_a_person_who_joins_and_stays_is_reported_within_a_day() -> None:
    days = [TEAM] * 5 + [[*TEAM, ("Ingrid Dahl", "Daglig leder")]] * 6
    changes = _checks(days)
    assert [(day, kind) for day, kind, _ in changes] == [(6, ChangeKind.ADDED)]


def test_a_person_who_leaves_is_reported_one_settle_period_later() -> None:
    days = [TEAM] * 5 + [TEAM[:2]] * 6
    changes = _checks(days)
    assert [(day, kind) for day, kind, _ in changes] == [(6, ChangeKind.REMOVED)]


def test_a_person_who_leaves_as_a_successor_arrives_is_reported_once_the_successor_is() -> None:
    successor = ("Hanna Virtanen", "Directora de ventas")
    days = [TEAM] * 5 + [[*TEAM[:2], successor]] * 6
    changes = _checks(days)
    assert sorted((day, kind.value) for day, kind, _ in changes) == [(6, "added"), (6, "removed")] \
        or sorted((day, kind.value) for day, kind, _ in changes) == [(6, "added"), (7, "removed")]


def test_a_card_person_who_leaves_the_rotation_for_good_is_reported_after_the_window() -> None:
    days = [[*TEAM, SPOTLIGHT[0]]] + [[*TEAM, SPOTLIGHT[1 + d % 2]] for d in range(20)]
    changes = _checks(days)
    assert [kind for _, kind, _ in changes] == [ChangeKind.REMOVED]
    assert 15 <= changes[0][0] <= 17


@pytest.mark.parametrize(("one", "other"), [
    ("Hauptstraße 4, 10115 Berlin", "Hauptstr. 4\nD-10115 Berlin\nDeutschland"),
    ("Calle Mayor 61, 28013 Madrid", "C/ Mayor 61, E-28013 Madrid, España"),
    ("〒100-0005 東京都千代田区丸の内1-2-3", "100-0005 東京都千代田区丸の内１－２－３ 日本"),
    ("Suite 5, 120 Market Street, London EC1A 1BB", "120 Market St #5 · London EC1A 1BB · United Kingdom"),
    ("Storgatan, Stockholm", "Storg., Stockholm, Sverige"),
    ("Rua Augusta, Lisboa", "R. Augusta, Lisboa, Portugal"),
])
def test_an_address_respelled_keeps_its_key(one: str, other: str) -> None:
    assert address_key(one) == address_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Hauptstraße 4, 10115 Berlin", "Hauptstraße 40, 10115 Berlin"),
    ("Calle Mayor 61, 28013 Madrid", "Calle Mayor 61, 28014 Madrid"),
    ("Storgatan, Stockholm", "Drottninggatan, Stockholm"),
])
def test_an_address_that_moved_has_another_key(one: str, other: str) -> None:
    assert address_key(one) != address_key(other)


def _signals(heading: str, urls: list[str], dated: float) -> listkind.Signals:
    return listkind.Signals(schema_types=(), item_urls=urls, heading=heading,
                            page_url="https://acme.example/", priced=0.0, dated=dated)


@pytest.mark.parametrize(("heading", "path"), [
    ("Upcoming events", "/events/"), ("Termine", "/termine/"), ("Próximos eventos", "/eventos/"),
    ("Kommande evenemang", "/evenemang/"), ("イベント情報", "/event/"),
])
def test_a_dated_agenda_is_a_list_of_news_items(heading: str, path: str) -> None:
    urls = [f"https://acme.example{path}{n}" for n in range(4)]
    judged = listkind.judge(_signals(heading, urls, 1.0))
    assert judged is not None and judged[0] is Category.NEWS


def test_an_undated_list_of_venues_is_no_list_of_items() -> None:
    urls = [f"https://acme.example/venues/{n}" for n in range(4)]
    assert listkind.judge(_signals("Our venues", urls, 0.0)) is None


EVENTS = [(3, "Open day Leeds"), (6, "Webinar: Made with care"), (9, "Trade fair Bristol"),
          (12, "Tag der offenen Tür Köln"), (25, "Salon Lyon")]


def _agenda(days: int, announced: tuple[int, str] | None = None, at: int = 99) -> list[tuple[int, str]]:
    """The agenda's changes over ``days`` (two checks a day): events not yet past, and the
    ``announced`` one from day ``at`` on; each beside a press box whose releases stay."""
    state, out = State(), []
    press = [Item(f"p{n}", f"Release {n}", f"https://acme.example/press/{n}",
                  f"2026-02-{20 + n:02}T00:00:00Z") for n in range(3)]
    for day in range(days):
        listed = [*EVENTS, *([announced] if announced and day >= at else [])]
        for hour in (6, 18):
            now = f"{(date(2026, 3, 1) + timedelta(days=day)).isoformat()}T{hour:02}:00:00Z"
            items = [Item(f"e{d}", title, f"https://acme.example/events/{d}",
                          f"{(date(2026, 3, 1) + timedelta(days=d)).isoformat()}T00:00:00Z")
                     for d, title in sorted(listed) if d >= day] + press
            result = diff_items(SOURCE, state, items, Category.NEWS, True, False, now)
            out += [(day, c.change.value, c.new or c.old or "") for c in result.changes]
            state = State(items=next_items(state.items, result, now), baseline=False)
    return out


def test_an_event_that_took_place_leaves_the_agenda_quietly() -> None:
    assert _agenda(20) == []


def test_a_new_event_on_the_agenda_is_one_news_addition() -> None:
    changes = _agenda(20, (30, "Open day Graz"), at=8)
    assert [(kind, "Open day Graz" in what) for _, kind, what in changes] == [("added", True)]
    assert changes[0][0] in (8, 9)
