"""The fourth held-out noise set (``variants4``) measured: false changes per noise kind, then
its real events.

Noise runs switch on one kind and no event: every change there is false. The events run
switches on every kind of the set and the events of ``VARIANT4_EVENTS``: each must be reported
in its own category in its step or the two after (``found``), once (more is ``repeated``),
never in another category (``wrong_category``) nor again as ``content`` (``also_content``);
any other change is ``false:<category>``.

``python -m tests.simweb2.measure --variants4`` runs it.
"""

from __future__ import annotations

from collections import Counter

from monitor.models import Category, Change
from tests.simweb2.measure import run
from tests.simweb2.site import STYLES, Company, companies
from tests.simweb2.tally import events_run
from tests.simweb2.variants4 import (
    VARIANT4_EVENTS,
    VARIANT4_NOISE,
    VARIANT4_SEEDS,
    amount,
    jobs,
    news,
    when,
)

# The category each event belongs in.
EXPECTED = {
    "job_new": Category.HIRING,
    "role_change": Category.LEADERSHIP,
    "person_left": Category.LEADERSHIP,
    "address_move": Category.CONTACT,
    "price_change": Category.OFFER,
    "news_new": Category.NEWS,
}


def mark(company: Company, event: str) -> str:
    """What a change reporting the event must name (digits only for a price, the address for
    an opening)."""
    step = when(company, event)
    assert step is not None
    if event == "job_new":  # its address: an older opening may have the same title
        return f"/jobs/{jobs(company)[-1][0] + 50}"
    if event == "role_change":
        return company.facts(step).people[1 + step % 3].name
    if event == "person_left":
        return company.facts(step - 1).people[-1].name
    if event == "address_move":
        return company.facts(step).street
    if event == "price_change":
        return str(amount(company, 1, step))
    return news(company)[-1][1]


def _names(change: Change, company: Company, event: str) -> bool:
    text = mark(company, event)
    if event == "price_change":
        return text in "".join(ch for ch in change.describe() if ch.isdigit())
    return text in change.describe()


def noise_kind(kind: str) -> Counter[str]:
    """False changes of one noise kind by category."""
    false: Counter[str] = Counter()
    for seed in VARIANT4_SEEDS:
        for company in companies(seed, noise=frozenset({kind}), styles=STYLES):
            for changes in run(company).changes.values():
                for c in changes:
                    false["failed" if isinstance(c, tuple) else c.category.value] += 1
    return false


def events() -> Counter[str]:
    """The set's real events among all its noise: found, missed, repeated, wrong category,
    also reported as content, and the false changes around them."""
    return events_run(VARIANT4_SEEDS, VARIANT4_NOISE, VARIANT4_EVENTS, EXPECTED, _names)


def main() -> None:
    """False changes per noise kind, then the events."""
    print(f"simweb2 variants4 (held out): seeds {VARIANT4_SEEDS}, styles {STYLES}")
    for kind in VARIANT4_NOISE:
        false = noise_kind(kind)
        print(
            f"  noise {kind:17} false changes {sum(false.values()):4}  "
            f"{dict(sorted(false.items()))}"
        )
    print(f"  events: {dict(sorted(events().items()))}")
