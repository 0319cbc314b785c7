"""Cards learned from where the page shows people (``Fact.where``, ``roster``): a section that
shows one colleague at a time, whatever its pace, is no team change from its first change; a
team list's people are judged by the list; a pool's member is never an arrival."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from monitor import roster
from monitor.models import ChangeKind, Fact, PersonSeen
from tests.test_diff_roster import LEADERS, STAFF, run
from tests.webserver import serve

TEAM = ("our team#1", "unser team#1", "チーム#1")
CARD = ("employee of the month#1", "mitarbeiter des monats#1", "今月の社員#1")
COLLEAGUES = [Fact("person", f"Colleague Number{k}", ("Analyst", "Designer", "Engineer")[k % 3])
              for k in range(12)]


def _at(facts: list[Fact], section: str) -> list[Fact]:
    return [replace(f, where=(section,)) for f in facts]


def _told(got: dict[int, list]) -> list[tuple[str | None, ChangeKind]]:
    return [(c.key, c.change) for cs in got.values() for c in cs]


def _card(period: int, team: str, card: str,
          leaders: Callable[[int], list[Fact]] = lambda day: LEADERS) -> Callable[[int, int], list[Fact]]:
    def shown(day: int, visit: int) -> list[Fact]:
        return [*_at(leaders(day), team), *_at([COLLEAGUES[day // period % 12]], card)]
    return shown


def test_a_weekly_card_is_no_change_from_its_first_cycle() -> None:
    for team, card in zip(TEAM, CARD, strict=True):
        assert _told(run(45, _card(7, team, card))) == []


def test_a_monthly_card_slower_than_the_window_is_no_change() -> None:
    for team, card in zip(TEAM, CARD, strict=True):
        assert _told(run(95, _card(30, team, card))) == []


def test_a_daily_card_is_no_change() -> None:
    assert _told(run(20, _card(1, TEAM[0], CARD[0]))) == []


def test_a_team_list_departure_beside_a_card_is_told_after_the_settle_period() -> None:
    got = run(30, _card(7, TEAM[0], CARD[0], lambda day: LEADERS if day < 12 else LEADERS[:2]))
    assert _told(got) == [("Chen Wei", ChangeKind.REMOVED)]
    assert any(c.key == "Chen Wei" for c in got[13])


def test_a_person_on_the_card_and_in_the_team_list_is_judged_by_the_list() -> None:
    """The card shows a member of the team list one week in two; that member leaves the list."""
    def shown(day: int, visit: int) -> list[Fact]:
        leaders = LEADERS if day < 20 else LEADERS[:2]
        week = day // 7
        on_card = leaders[week // 2 % len(leaders)] if week % 2 == 0 else COLLEAGUES[week]
        team = _at(leaders, TEAM[1])
        if on_card in leaders:
            team = [replace(f, where=(CARD[1], TEAM[1])) if f.value == on_card.value else f
                    for f in team]
            return team
        return [*team, *_at([on_card], CARD[1])]

    assert _told(run(40, shown)) == [("Chen Wei", ChangeKind.REMOVED)]


def test_a_single_person_list_still_tells_a_successor() -> None:
    """A section that shows one person and then another in the same role is a succession."""
    def shown(day: int, visit: int) -> list[Fact]:
        chief = Fact("person", "Ana Ruiz" if day < 10 else "Dana New", "CEO")
        return [*_at([chief], "management#1"), *_at(STAFF[:3], TEAM[0])]

    told = _told(run(20, shown))
    assert ("Dana New", ChangeKind.ADDED) in told and ("Ana Ruiz", ChangeKind.REMOVED) in told


def test_a_pool_member_drawn_again_after_the_window_is_no_arrival() -> None:
    """Three of twelve per visit, one colleague shown once and again after a long absence, on
    five checks in a row: a pool's member, no arrival."""
    rare = Fact("person", "Rare Draw", "Analyst")

    def shown(day: int, visit: int) -> list[Fact]:
        drawn = random.Random(visit).sample(COLLEAGUES, 3)
        extra = [rare] if day == 0 or 25 <= day < 28 else []
        return [*_at(LEADERS, TEAM[0]), *_at([*drawn, *extra], "meet our experts#1")]

    assert ("Rare Draw", ChangeKind.ADDED) not in _told(run(32, shown))


def test_learn_records_sections_and_who_was_shown_alone() -> None:
    where = {"ana": (TEAM[0],), "bo": (TEAM[0],), "cleo": (CARD[0],)}
    got = roster.learn({}, {"ana": "Ana", "bo": "Bo", "cleo": "Cleo"}, "2026-03-01T06:00:00Z", where)
    assert got["cleo"].alone == (CARD[0],) and got["ana"].alone == ()
    assert got["bo"].where == (TEAM[0],)
    seen = {**got, "dora": PersonSeen("Dora", where=(CARD[0],), alone=(CARD[0],), present=False)}
    later = roster.learn(seen, {"ana": "Ana", "bo": "Bo", "dora": "Dora"}, "2026-03-02T06:00:00Z",
                         {"ana": (TEAM[0],), "bo": (TEAM[0],), "dora": (CARD[0],)})
    crowd = roster.Crowd(seen, {**seen, **later}, "2026-03-02T06:00:00Z")
    assert crowd.cards == frozenset({CARD[0]})
    assert crowd.carded("cleo") and crowd.carded("dora") and not crowd.carded("ana")


def test_a_never_seen_member_of_a_drawing_block_on_five_checks_is_no_arrival() -> None:
    """Three of twelve per visit; a colleague first drawn on day 3 stays five checks by chance.
    A newcomer of the team list on the same days is told within days (the source's people are
    sampled: two settle periods or more)."""
    lucky = Fact("person", "Lucky Draw", "Designer")
    newcomer = Fact("person", "Dana New", "COO")

    def shown(day: int, visit: int) -> list[Fact]:
        drawn = random.Random(visit).sample(COLLEAGUES, 3)
        extra = [lucky] if 6 <= visit < 11 else []
        team = [*LEADERS, newcomer] if day >= 3 else LEADERS
        return [*_at(team, TEAM[2]), *_at([*drawn, *extra], "meet our experts#1")]

    got = run(12, shown)
    assert _told(got) == [("Dana New", ChangeKind.ADDED)]
    assert any(c.key == "Dana New" for day in (4, 5, 6) for c in got[day])  # days, not weeks


def test_a_monthly_card_is_no_change_end_to_end_and_its_section_is_stored(
        tmp_path: Path, monitor_cli: Callable[..., str]) -> None:
    """Through the real server, pipeline, store and CLI: a team list and an "employee of the
    month" card whose person changes; the card is no people change, its section is stored,
    and a team member who leaves is still reported."""
    team = [("Ada Berg", "Chief Executive Officer"), ("Ben Holm", "Chief Financial Officer"),
            ("Cleo Lind", "Chief Technology Officer")]
    month = ["Dora Falk", "Emil Grau", "Frida Hahn"]

    def page(n: int, leavers: int = 0) -> bytes:
        cards = "".join(f"<div class='member'><h3>{name}</h3><p>{role}</p></div>"
                        for name, role in team[:len(team) - leavers])
        return (f"<!doctype html><html lang=en><head><title>Acme</title></head><body><main>"
                f"<h1>Acme builds boats in Kiel.</h1><section><h2>Employee of the month</h2>"
                f"<div class='eotm'><p><strong>{month[n]}</strong>, Sales Manager</p></div></section>"
                f"<section><h2>Our team</h2>{cards}</section></main></body></html>").encode()

    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        settle: 0\n")
        outputs = []
        for n in range(3):
            site.set("/", page(n))
            outputs += [monitor_cli("check"), monitor_cli("check")]
        people = [line for out in outputs for line in out.splitlines() if "leadership" in line]
        assert people == [], people  # the card's prose may change as text: no person does
        site.set("/", page(2, leavers=1))
        told = monitor_cli("check") + monitor_cli("check")
        assert any("leadership" in line and "Cleo Lind" in line for line in told.splitlines())
    db = sqlite3.connect(tmp_path / "monitor.db")
    stored = dict(db.execute("SELECT name, alone FROM people_seen").fetchall())
    assert stored["Emil Grau"] == "employee of the month#1"
    assert stored["Ada Berg"] == ""


def test_a_persons_sections_cross_the_parser_workers_answer() -> None:
    from monitor.models import Observation, Outcome
    from monitor.workers.protocol import decode, encode

    facts = (Fact("person", "Ada Berg", "CEO", "[card] Ada Berg / CEO", (TEAM[0], CARD[0])),
             Fact("email", "a@b.example"))
    assert decode(encode(Observation(Outcome.OK, facts=facts))).facts == facts


def test_after_an_upgrade_with_an_empty_memory_the_cards_first_change_is_no_news() -> None:
    """A profile from before the people memory (facts kept, no ``people_seen``): the card's
    person changes two checks after the upgrade; nothing is told."""
    from monitor.diff import diff
    from monitor.models import Category, State
    from tests.test_diff_roster import SRC, _when

    def shown(day: int) -> list[Fact]:
        return [*_at(LEADERS, TEAM[0]), *_at([COLLEAGUES[0 if day < 2 else 1]], CARD[0])]

    state = State(facts=tuple(shown(0)), baseline=False)  # the upgrade: no memory of people
    told = []
    for day in range(1, 20):
        for visit in (0, 1):
            result = diff(SRC, state, shown(day), (), (), now=_when(day, visit),
                          item_category=Category.NEWS)
            state = State(facts=result.facts, pending=result.pending, baseline=False,
                          people={**state.people, **result.people})
            told += result.changes
    assert told == []


def test_a_leaver_on_the_day_a_known_card_moves_on_is_told_after_the_settle_period() -> None:
    """The card's new colleague arrives on the check a team member leaves, and leaves again a
    week later: no swap, the departure is told in a day, not recorded quietly."""
    got = run(30, _card(7, TEAM[0], CARD[0], lambda day: LEADERS if day < 14 else LEADERS[:2]))
    assert _told(got) == [("Chen Wei", ChangeKind.REMOVED)]
    assert any(c.key == "Chen Wei" for c in got[15])


def test_a_team_member_also_shown_in_a_drawing_block_is_judged_by_the_team_list() -> None:
    """A block drawing three of twelve colleagues also shows, some weeks, a team member; that
    member leaves the team list while shown there: told after the settle period."""
    def shown(day: int, visit: int) -> list[Fact]:
        leaders = LEADERS if day < 10 else LEADERS[:2]
        drawn = random.Random(visit).sample(COLLEAGUES, 3)
        team = [replace(f, where=(TEAM[0], "meet our experts#1")) if f.value == "Chen Wei"
                else replace(f, where=(TEAM[0],)) for f in leaders]
        return [*team, *_at(drawn, "meet our experts#1")]

    got = run(20, shown)
    assert _told(got) == [("Chen Wei", ChangeKind.REMOVED)]
    assert any(c.key == "Chen Wei" for c in got[11])


@pytest.mark.timeout(120)  # hang guard: the questions once rescanned everyone for every mover
def test_a_page_of_many_people_moving_at_once_is_judged_in_linear_time() -> None:
    """A directory of 2,000 people, half of them gone from one check to the next: every mover is
    asked whether its section draws its people and whether it swapped, and the answers hold."""
    now, then = "2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"
    people = {f"p{i}": PersonSeen(f"Person {i}", since=then, last_seen=now if i % 2 else then,
                                  present=bool(i % 2), left="" if i % 2 else now,
                                  where=("staff",)) for i in range(roster.MAX_PEOPLE)}
    crowd = roster.Crowd(people, people, now)
    drawn = sum(crowd.churning(key) for key in people)
    swaps = sum(crowd.swapped(key, then, arriving=False) for key in people)
    assert drawn == roster.MAX_PEOPLE  # a thousand away unreported: the section draws its people
    assert swaps == 0  # nobody's card ever cycled: no swaps
