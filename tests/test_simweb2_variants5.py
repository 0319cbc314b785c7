"""The fifth held-out noise set of the second simulated web (people) is well formed.

Only the data is checked here, never the differ's figures: each kind renders in every language
and house style and moves as designed, its people are not the leadership, and each event
changes what the page says at its step and stays.
"""

from __future__ import annotations

import pytest

from tests.simweb2.langs import LANGS
from tests.simweb2.measure import STEPS
from tests.simweb2.site import STYLES, companies
from tests.simweb2.variants5 import (
    HEADINGS,
    LEAVE,
    VARIANT5_EVENTS,
    VARIANT5_NOISE,
    VARIANT5_SEEDS,
    away,
    crew,
    drawn,
    spotlit,
)
from tests.simweb2.wellformed import every_language, page_text


def test_every_language_has_its_headings() -> None:
    assert set(HEADINGS) == {lang.code for lang in LANGS}


@pytest.mark.parametrize("style", STYLES)
def test_all_noise_renders_in_every_style(style: str) -> None:
    for company in companies(VARIANT5_SEEDS[0], noise=frozenset(VARIANT5_NOISE), styles=(style,)):
        assert HEADINGS[company.lang.code][0] in page_text(company.page(3, 6))


def test_the_crew_is_not_the_leadership_and_samples_vary_in_size() -> None:
    sizes = set()
    for company in every_language(VARIANT5_SEEDS[1], frozenset(VARIANT5_NOISE)):
        leaders = {company._name(k) for k in range(8)}
        assert leaders.isdisjoint(p.name for p in crew(company))
        draws = {tuple(drawn(company, v)) for v in range(2 * STEPS)}
        assert len(draws) > 1
        sizes |= {len(d) for d in draws}
    assert sizes == {2, 3, 4, 5}


def test_the_spotlight_changes_with_its_period_only() -> None:
    company = every_language(VARIANT5_SEEDS[0], frozenset({"spotlight_week"}))[0]
    shown = [spotlit(company, s, 7).name for s in range(STEPS)]
    assert all(shown[s] == shown[s - 1] for s in range(1, STEPS) if s % 7)
    assert all(shown[s] != shown[s - 1] for s in range(7, STEPS, 7))
    assert shown[0] in page_text(company.page(0, 0)) and shown[0] in page_text(company.page(0, 1))


def test_the_person_on_leave_is_away_for_the_leave_only() -> None:
    for company in every_language(VARIANT5_SEEDS[0], frozenset({"leave_return"})):
        name = away(company)
        for s in range(STEPS):
            assert (name in page_text(company.page(s, 2 * s))) is (s not in LEAVE), (company.slug, s)


def test_events_change_what_the_page_says_and_stay() -> None:
    for company in every_language(VARIANT5_SEEDS[1], frozenset(VARIANT5_NOISE), VARIANT5_EVENTS):
        for step, event in VARIANT5_EVENTS.items():
            before, after = company.facts(step - 1), company.facts(step)
            names = [p.name for p in after.people]
            if event == "role_change":
                assert [p.name for p in before.people] == names
                assert [p.role for p in before.people] != [p.role for p in after.people]
            elif event == "person_left":
                gone = before.people[-1].name
                assert gone not in names
                assert all(gone not in page_text(company.page(s, 2 * s)) for s in range(step, STEPS))
            else:
                new = after.people[-1].name
                assert new not in {p.name for p in before.people}
                assert all(new in page_text(company.page(s, 2 * s)) for s in range(step, STEPS))
