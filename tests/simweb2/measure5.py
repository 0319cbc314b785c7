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

from monitor.models import Category, Change, ChangeKind
from tests.simweb2.site import STYLES, Company
from tests.simweb2.tally import people_events, people_noise
from tests.simweb2.variants5 import VARIANT5_EVENTS, VARIANT5_NOISE, VARIANT5_SEEDS, away


def _leave(change: Change, company: Company) -> str | None:
    """``leave:<kind>`` for a change about the person on leave, else None."""
    if "leave_return" not in company.noise or change.key != away(company):
        return None
    if change.category is Category.LEADERSHIP and change.change is ChangeKind.REMOVED:
        return "leave:removed"
    return None


def main() -> None:
    """Changes per noise kind, then the events."""
    print(f"simweb2 variants5 (held out): seeds {VARIANT5_SEEDS}, styles {STYLES}")
    for kind in VARIANT5_NOISE:
        tally = people_noise(VARIANT5_SEEDS, kind, label=_leave)
        false = sum(n for k, n in tally.items() if not k.startswith("leave:"))
        print(f"  noise {kind:18} false changes {false:4}  {dict(sorted(tally.items()))}")
    print(f"  events: {dict(sorted(people_events(VARIANT5_SEEDS, VARIANT5_NOISE, VARIANT5_EVENTS, _leave).items()))}")
