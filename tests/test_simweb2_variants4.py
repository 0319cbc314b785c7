"""The fourth held-out noise set of the second simulated web is well formed.

Only the data is checked here, never the differ's figures: each noise kind renders in every
language and house style, changes the page as designed (per visit or per day) while saying
the same thing, and each event changes what the page says at its step and stays.
"""

from __future__ import annotations

import pytest

from tests.simweb2.langs import LANGS
from tests.simweb2.measure import STEPS
from tests.simweb2.site import STYLES, companies
from tests.simweb2.variants3 import VARIANT3_SEEDS
from tests.simweb2.variants4 import (
    VARIANT4_EVENTS,
    VARIANT4_NOISE,
    VARIANT4_SEEDS,
    amount,
    customer,
    jobs,
    news,
    price_text,
    sample,
    shown_jobs,
    shown_news,
    staff,
)
from tests.simweb2.wellformed import (
    EARLIER_SEEDS,
    assert_moves_as_designed,
    every_language,
    page_text,
    plain,
    visits,
)

# How each kind moves: a new face per visit, per day, or both (a banner per visit, a count per day).
PER_VISIT = {"team_sample_visit", "testimonial_visit", "jobs_order_visit", "most_read_visit",
             "nav_order_visit", "cookie_counter"}
PER_DAY = {"employee_week", "visit_address_day", "price_format_day", "news_dates_day",
           "cookie_counter"}


def test_every_kind_is_listed_with_how_it_moves() -> None:
    assert set(VARIANT4_NOISE) == PER_VISIT | PER_DAY
    assert len(VARIANT4_NOISE) >= 8
    assert set(VARIANT4_SEEDS).isdisjoint(EARLIER_SEEDS | set(VARIANT3_SEEDS))
    assert set(VARIANT4_EVENTS.values()) == {"job_new", "role_change", "person_left",
                                             "address_move", "price_change", "news_new"}


def test_every_language_and_style_is_covered() -> None:
    seen = [c for seed in VARIANT4_SEEDS
            for c in companies(seed, noise=frozenset(VARIANT4_NOISE), styles=STYLES)]
    assert len(seen) == 24
    assert {c.lang.code for c in seen} == {lang.code for lang in LANGS}
    assert {c.style for c in seen} == set(STYLES)


@pytest.mark.parametrize("kind", VARIANT4_NOISE)
def test_each_kind_changes_the_page_as_designed(kind: str) -> None:
    """Each kind renders every day in every language; it moves per visit or per day as
    designed."""
    for company in every_language(VARIANT4_SEEDS[0], frozenset({kind})):
        pages, bare = visits(company), plain(company)
        assert all(pages[(s, 2 * s)] != bare.page(s, 2 * s) for s in range(STEPS)), kind
        assert_moves_as_designed(company, kind, pages, PER_VISIT, PER_DAY)


@pytest.mark.parametrize("style", STYLES)
def test_all_noise_renders_in_every_style(style: str) -> None:
    for company in companies(VARIANT4_SEEDS[1], noise=frozenset(VARIANT4_NOISE),
                             events=VARIANT4_EVENTS, styles=(style,)):
        for step in range(STEPS):
            text = page_text(company.page(step, 2 * step))
            assert company.name in text


def test_noise_says_the_same_every_day() -> None:
    """Without events, the facts, the openings, the stories and the amounts never change."""
    for company in every_language(VARIANT4_SEEDS[0], frozenset(VARIANT4_NOISE)):
        assert all(company.facts(s) == company.facts(0) for s in range(STEPS))
        assert len({frozenset(shown_jobs(company, s, 2 * s)) for s in range(STEPS)}) == 1
        assert {amount(company, 1, s) for s in range(STEPS)} == {amount(company, 1, 0)}
        assert len({tuple(shown_news(company, s)) for s in range(STEPS)}) == 1


def test_the_staff_and_customers_are_not_the_leadership() -> None:
    for company in every_language(VARIANT4_SEEDS[1], frozenset(VARIANT4_NOISE)):
        leaders = {p.name for p in company.facts(0).people}
        assert leaders.isdisjoint(p.name for p in staff(company))
        assert leaders.isdisjoint(customer(company, v)[1] for v in range(2 * STEPS))
        assert len({tuple(sample(company, v)) for v in range(2 * STEPS)}) > 1


def test_prices_are_written_in_several_forms_with_the_same_digits() -> None:
    for company in every_language(VARIANT4_SEEDS[0], frozenset({"price_format_day"})):
        value = amount(company, 0, 0)
        forms = {price_text(company, value, s) for s in range(STEPS)}
        assert len(forms) >= 3
        for form in forms:
            digits = "".join(ch for ch in form if ch.isdigit())
            assert digits.startswith(str(value)), form


def test_events_change_what_the_page_says_and_stay() -> None:
    for company in every_language(VARIANT4_SEEDS[0], frozenset(VARIANT4_NOISE),
                                  VARIANT4_EVENTS):
        for step, event in VARIANT4_EVENTS.items():
            before, after = company.facts(step - 1), company.facts(step)
            if event == "job_new":
                title, town = jobs(company)[-1][1:]
                said = f"{title}</a> – {town}"
                assert said not in company.page(step - 1, 2 * step - 2).decode()
                assert all(said in company.page(s, 2 * s).decode() for s in range(step, STEPS))
            elif event == "role_change":
                assert [p.name for p in before.people] == [p.name for p in after.people]
                assert [p.role for p in before.people] != [p.role for p in after.people]
            elif event == "person_left":
                gone = before.people[-1].name
                assert gone not in {p.name for p in after.people}
                assert gone in page_text(company.page(step - 1, 2 * step - 2))
                assert all(gone not in page_text(company.page(s, 2 * s))
                           for s in range(step, STEPS))
            elif event == "address_move":
                assert after.street != before.street
                assert all(after.street in page_text(company.page(s, 2 * s))
                           for s in range(step, STEPS))
            elif event == "price_change":
                assert amount(company, 1, step) != amount(company, 1, step - 1)
                assert amount(company, 0, step) == amount(company, 0, step - 1)
            else:
                title = news(company)[-1][1]
                assert title not in page_text(company.page(step - 1, 2 * step - 2))
                assert all(title in page_text(company.page(s, 2 * s)) for s in range(step, STEPS))
