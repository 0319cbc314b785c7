"""People who come and go (``roster``): a block sampling the staff, a card cycling one
person, a team list's real departures and arrivals beside them, and people who come back."""

from __future__ import annotations

import random
from datetime import date, timedelta

from monitor import roster
from monitor.diff import diff
from monitor.models import Category, Change, ChangeKind, Fact, Source, State

SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=43200, confirm=2, settle=86400)
LEADERS = [Fact("person", "Ana Ruiz", "CEO"), Fact("person", "Bo Lind", "CFO"),
           Fact("person", "Chen Wei", "CTO")]
STAFF = [Fact("person", f"Staff Member{k}", f"Engineer {k}") for k in range(8)]
FOCUS = [Fact("person", f"Focus Person{k}", "Analyst" if k % 2 else "Designer") for k in range(8)]


def _when(day: int, visit: int) -> str:
    return f"{(date(2026, 3, 1) + timedelta(days=day)).isoformat()}T{'18' if visit else '06'}:00:00Z"


def run(days: int, shown: object) -> dict[int, list[Change]]:
    """Two checks a day of what ``shown(day, visit)`` lists; the changes per day."""
    state, out = State(), {}
    for day in range(days):
        for visit in (0, 1):
            facts = shown(day, 2 * day + visit)  # type: ignore[operator]
            result = diff(SRC, state, facts, (), (), now=_when(day, visit),
                          item_category=Category.NEWS)
            state = State(facts=result.facts, pending=result.pending, baseline=False,
                          people={**state.people, **result.people})
            out.setdefault(day, []).extend(result.changes)
    return out


def sample(visit: int, k: int = 3) -> list[Fact]:
    return random.Random(visit).sample(STAFF, k)


def test_a_block_sampling_the_staff_is_no_news_but_a_leaver_of_the_team_list_is() -> None:
    def shown(day: int, visit: int) -> list[Fact]:
        leaders = LEADERS if day < 12 else LEADERS[:2]
        return [*leaders, *sample(visit)]

    got = run(20, shown)
    changes = [c for cs in got.values() for c in cs]
    assert [(c.key, c.change) for c in changes] == [("Chen Wei", ChangeKind.REMOVED)]
    assert any(c.key == "Chen Wei" for c in got[13])  # one settle period, not two weeks


def test_a_person_new_to_a_sampled_block_who_stays_is_news() -> None:
    newcomer = Fact("person", "Dana New", "Engineer 9")

    def shown(day: int, visit: int) -> list[Fact]:
        return [*LEADERS, *sample(visit), *([newcomer] if day >= 10 else [])]

    got = run(16, shown)
    changes = [c for cs in got.values() for c in cs]
    assert [(c.key, c.change) for c in changes] == [("Dana New", ChangeKind.ADDED)]
    assert any(c.key == "Dana New" for c in got[12])  # two settle periods in a sampled source


def test_a_card_cycling_one_colleague_a_week_is_told_once_then_learned() -> None:
    def shown(day: int, visit: int) -> list[Fact]:
        return [*LEADERS, FOCUS[day // 7]]

    got = run(45, shown)
    told = [(day, c.key, c.change) for day, cs in got.items() for c in cs]
    # the first cycle is a swap like any other; the card is known from its second one
    assert sorted(told) == [(8, "Focus Person0", ChangeKind.REMOVED),
                            (8, "Focus Person1", ChangeKind.ADDED)]


def test_one_leaving_and_another_arriving_in_another_role_is_told_after_the_settle_period() -> None:
    newcomer = Fact("person", "Dana New", "COO")

    def shown(day: int, visit: int) -> list[Fact]:
        return [*(LEADERS if day < 10 else [*LEADERS[:2], newcomer]), *STAFF[:3]]

    got = run(20, shown)
    told = sorted((day, c.key, c.change) for day, cs in got.items() for c in cs)
    assert told == [(11, "Chen Wei", ChangeKind.REMOVED), (11, "Dana New", ChangeKind.ADDED)]


def test_a_daily_card_is_no_team_change_either() -> None:
    def shown(day: int, visit: int) -> list[Fact]:
        return [*LEADERS, FOCUS[day % 8]]

    assert [c for cs in run(20, shown).values() for c in cs] == []


def test_a_successor_in_the_leavers_role_is_told_with_the_departure() -> None:
    heir = Fact("person", "Eve Stone", "CTO")

    def shown(day: int, visit: int) -> list[Fact]:
        return LEADERS if day < 5 else [*LEADERS[:2], heir]

    got = run(8, shown)
    assert {(c.key, c.change) for c in got[6]} == {("Chen Wei", ChangeKind.REMOVED),
                                                  ("Eve Stone", ChangeKind.ADDED)}


def test_a_person_back_after_a_reported_departure_is_no_new_arrival() -> None:
    def shown(day: int, visit: int) -> list[Fact]:
        return LEADERS[:2] if 5 <= day < 10 else LEADERS

    got = run(16, shown)
    changes = [(day, c.key, c.change) for day, cs in got.items() for c in cs]
    assert changes == [(6, "Chen Wei", ChangeKind.REMOVED)]


def test_a_return_after_the_memory_window_is_news_again() -> None:
    gone = roster.MEMORY.days + 5

    def shown(day: int, visit: int) -> list[Fact]:
        return LEADERS[:2] if 5 <= day < 5 + gone else LEADERS

    got = run(gone + 10, shown)
    changes = [(c.key, c.change) for cs in got.values() for c in cs]
    assert changes == [("Chen Wei", ChangeKind.REMOVED), ("Chen Wei", ChangeKind.ADDED)]

