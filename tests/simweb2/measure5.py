"""The fifth held-out noise set (``variants5``) measured: changes per noise kind, then its
real events.

Noise runs switch on one kind and no event: every change there is false, but for
``leave_return`` the departure of the person on leave once the absence held (tallied as
``leave:removed``, not false); their return must not be an arrival. The events run switches on
every kind of the set and the events of ``VARIANT5_EVENTS``: each must be reported as
``leadership`` naming its person in its step or the two after (``found``), once (more is
``repeated``); the leave's departure is tallied apart; any other change is
``false:<category>``.

``python -m tests.simweb2.measure --variants5`` runs it.
"""

from __future__ import annotations

from collections import Counter

from monitor.models import Category, Change, ChangeKind
from tests.simweb2.measure import run
from tests.simweb2.site import STYLES, Company, companies
from tests.simweb2.variants5 import VARIANT5_EVENTS, VARIANT5_NOISE, VARIANT5_SEEDS, away

WINDOW = 3  # an event's step and the two after (a settle window may hold a change back)


def mark(company: Company, event: str, step: int) -> str:
    """The name a change reporting the event must give."""
    if event == "role_change":
        return company.facts(step).people[1 + step % 3].name
    if event == "person_left":
        return company.facts(step - 1).people[-1].name
    return company.facts(step).people[-1].name  # new_person


def _leave(change: Change, company: Company) -> str | None:
    """``leave:<kind>`` for a change about the person on leave, else None."""
    if "leave_return" not in company.noise or change.key != away(company):
        return None
    if change.category is Category.LEADERSHIP and change.change is ChangeKind.REMOVED:
        return "leave:removed"
    return None


def noise_kind(kind: str) -> Counter[str]:
    """Changes of one noise kind by category (``leave:removed`` is the one allowed)."""
    tally: Counter[str] = Counter()
    for seed in VARIANT5_SEEDS:
        for company in companies(seed, noise=frozenset({kind}), styles=STYLES):
            for changes in run(company).changes.values():
                for c in changes:
                    if isinstance(c, tuple):
                        tally["failed"] += 1
                    else:
                        tally[_leave(c, company) or f"{c.category.value}:{c.change.value}"] += 1
    return tally


def events() -> Counter[str]:
    """The set's real events among all its noise: found, missed, repeated, and the false
    changes around them."""
    tally: Counter[str] = Counter()
    for seed in VARIANT5_SEEDS:
        for company in companies(seed, noise=frozenset(VARIANT5_NOISE), events=VARIANT5_EVENTS,
                                 styles=STYLES):
            got = run(company).changes
            used: set[int] = set()
            for step, event in VARIANT5_EVENTS.items():
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
                        tally[_leave(c, company) or "false:" + c.category.value] += 1
    return tally


def main() -> None:
    """Changes per noise kind, then the events."""
    print(f"simweb2 variants5 (held out): seeds {VARIANT5_SEEDS}, styles {STYLES}")
    for kind in VARIANT5_NOISE:
        tally = noise_kind(kind)
        false = sum(n for k, n in tally.items() if not k.startswith("leave:"))
        print(f"  noise {kind:18} false changes {false:4}  {dict(sorted(tally.items()))}")
    print(f"  events: {dict(sorted(events().items()))}")
