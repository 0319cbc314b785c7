"""The sixth held-out noise set (``variants6``) measured: changes per noise kind, then its
real events.

Noise runs switch on one kind and no event, for ``NOISE_STEPS`` steps: every change there is
false. The events run switches on every kind of the set and the events of ``VARIANT6_EVENTS``:
each must be reported as ``leadership`` naming its person in its step or the two after
(``found``), once (more is ``repeated``); any other change is ``false:<category>``.

``python -m tests.simweb2.measure --variants6`` runs it.
"""

from __future__ import annotations

from collections import Counter

from monitor.models import Category
from tests.simweb2.measure import run
from tests.simweb2.site import STYLES, Company, companies
from tests.simweb2.variants6 import NOISE_STEPS, VARIANT6_EVENTS, VARIANT6_NOISE, VARIANT6_SEEDS

WINDOW = 3  # an event's step and the two after (a settle window may hold a change back)


def mark(company: Company, event: str, step: int) -> str:
    """The name a change reporting the event must give."""
    if event == "role_change":
        return company.facts(step).people[1 + step % 3].name
    if event == "person_left":
        return company.facts(step - 1).people[-1].name
    return company.facts(step).people[-1].name  # new_person


def noise_kind(kind: str) -> Counter[str]:
    """Changes of one noise kind by category: all false."""
    tally: Counter[str] = Counter()
    for seed in VARIANT6_SEEDS:
        for company in companies(seed, noise=frozenset({kind}), styles=STYLES):
            for changes in run(company, NOISE_STEPS).changes.values():
                for c in changes:
                    tally["failed" if isinstance(c, tuple)
                          else f"{c.category.value}:{c.change.value}"] += 1
    return tally


def events() -> Counter[str]:
    """The set's real events among all its noise: found, missed, repeated, and the false
    changes around them."""
    tally: Counter[str] = Counter()
    for seed in VARIANT6_SEEDS:
        for company in companies(seed, noise=frozenset(VARIANT6_NOISE), events=VARIANT6_EVENTS,
                                 styles=STYLES):
            got = run(company).changes
            used: set[int] = set()
            for step, event in VARIANT6_EVENTS.items():
                name = mark(company, event, step)
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
                        tally["false:" + c.category.value] += 1
    return tally


def main() -> None:
    """Changes per noise kind, then the events."""
    print(f"simweb2 variants6 (held out): seeds {VARIANT6_SEEDS}, styles {STYLES}")
    for kind in VARIANT6_NOISE:
        tally = noise_kind(kind)
        print(f"  noise {kind:18} false changes {sum(tally.values()):4}  {dict(sorted(tally.items()))}")
    print(f"  events: {dict(sorted(events().items()))}")
