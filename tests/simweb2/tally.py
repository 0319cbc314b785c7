"""The events run of a held-out noise set tallied: each event found, missed, repeated, in a
wrong category or again as ``content``, and the false changes around them (``measure3``,
``measure4``); the people sets' noise runs and events runs (``measure5``, ``measure6``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from monitor.models import Category, Change
from tests.simweb2.measure import run
from tests.simweb2.site import STYLES, Company, companies

WINDOW = 3  # an event's step and the two after (a settle window may hold a change back)


def _never(change: Change, company: Company, step: int) -> bool:
    return False


def events_run(
    seeds: Iterable[int],
    noise: Iterable[str],
    events: Mapping[int, str],
    expected: Mapping[str, Category],
    names: Callable[[Change, Company, str], bool],
    true_news: Callable[[Change, Company, int], bool] = _never,
) -> Counter[str]:
    """A set's events run: every company of its seeds, with all its noise and its events,
    tallied by ``tally_events``."""
    tally: Counter[str] = Counter()
    for seed in seeds:
        for company in companies(seed, noise=frozenset(noise), events=events, styles=STYLES):
            tally.update(
                tally_events(company, run(company).changes, events, expected, names, true_news)
            )
    return tally


def tally_events(
    company: Company,
    got: Mapping[int, list[Change | tuple[str, str]]],
    events: Mapping[int, str],
    expected: Mapping[str, Category],
    names: Callable[[Change, Company, str], bool],
    true_news: Callable[[Change, Company, int], bool] = _never,
) -> Counter[str]:
    """One company's changes (per step) against its events (step → event): each event must be
    reported in its own category (``expected``) in its step or the two after (``found``), once
    (more is ``repeated``), never in another category (``wrong_category``) nor again as
    ``content`` (``also_content``). ``names`` says whether a change reports an event;
    ``true_news`` whether a change at a step is no event of the set but no false one either; any
    other change is ``false:<category>``."""
    tally: Counter[str] = Counter()
    used: set[int] = set()
    for step, event in events.items():
        window = [
            c
            for s in range(step, step + WINDOW)
            for c in got.get(s, [])
            if not isinstance(c, tuple) and names(c, company, event)
        ]
        used |= {id(c) for c in window}
        right = [c for c in window if c.category is expected[event]]
        tally["found" if right else "missed"] += 1
        tally[f"{event}:{'found' if right else 'missed'}"] += 1
        tally["repeated"] += max(0, len(right) - 1)
        others = [c for c in window if c.category is not expected[event]]
        tally["also_content"] += sum(c.category is Category.CONTENT for c in others)
        tally["wrong_category"] += sum(c.category is not Category.CONTENT for c in others)
    for step, changes in got.items():
        for c in changes:
            if isinstance(c, tuple):
                tally["false:failed"] += 1
            elif id(c) not in used and not true_news(c, company, step):
                tally["false:" + c.category.value] += 1
    return tally


def _no_label(change: Change, company: Company) -> str | None:
    return None


def people_mark(company: Company, event: str, step: int) -> str:
    """The name a change reporting a people set's event must give: the role changer, the
    leaver (last on the step before) or the newcomer (last on the step)."""
    if event == "role_change":
        return company.facts(step).people[1 + step % 3].name
    if event == "person_left":
        return company.facts(step - 1).people[-1].name
    return company.facts(step).people[-1].name  # new_person


def people_noise(seeds: Iterable[int], kind: str, steps: int | None = None,
                 label: Callable[[Change, Company], str | None] = _no_label) -> Counter[str]:
    """Changes of one noise kind of a people set by category, over ``steps`` steps (the run's
    default when None); ``label`` may name a change that is allowed (else ``category:change``)."""
    tally: Counter[str] = Counter()
    for seed in seeds:
        for company in companies(seed, noise=frozenset({kind}), styles=STYLES):
            ran = run(company) if steps is None else run(company, steps)
            for changes in ran.changes.values():
                for c in changes:
                    if isinstance(c, tuple):
                        tally["failed"] += 1
                    else:
                        tally[label(c, company) or f"{c.category.value}:{c.change.value}"] += 1
    return tally


def people_events(seeds: Iterable[int], noise: Iterable[str], events: Mapping[int, str],
                  label: Callable[[Change, Company], str | None] = _no_label) -> Counter[str]:
    """A people set's events run: each event must be reported as ``leadership`` naming its
    person (``people_mark``) in its step or the two after (``found``), once (more is
    ``repeated``); ``label`` may name a change that is allowed, any other is
    ``false:<category>``."""
    tally: Counter[str] = Counter()
    for seed in seeds:
        for company in companies(seed, noise=frozenset(noise), events=events, styles=STYLES):
            got = run(company).changes
            used: set[int] = set()
            for step, event in events.items():
                name = people_mark(company, event, step)
                right = [c for s in range(step, step + WINDOW) for c in got.get(s, [])
                         if not isinstance(c, tuple) and c.category is Category.LEADERSHIP
                         and c.key == name]
                used |= {id(c) for c in right}
                tally["found" if right else "missed"] += 1
                tally[f"{event}:{'found' if right else 'missed'}"] += 1
                tally["repeated"] += max(0, len(right) - 1)
            for changes in got.values():
                for c in changes:
                    if isinstance(c, tuple):
                        tally["false:failed"] += 1
                    elif id(c) not in used:
                        tally[label(c, company) or "false:" + c.category.value] += 1
    return tally
