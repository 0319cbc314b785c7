"""The third held-out noise set (``variants3``) measured: false changes per noise kind, then
its real events.

Noise runs switch on one kind and no event. Every change there is false but one: a press
release the press box really published, reported as ``news`` ``added`` in its step or the two
after. The events run switches on every kind of the set and the events of ``VARIANT3_EVENTS``:
each must be reported in its own category in its step or the two after (``found``), once
(more is ``repeated``), never in another category (``wrong_category``) nor again as
``content`` (``also_content``); any other change is ``false:<category>``.

``python -m tests.simweb2.measure --variants3`` runs it.
"""

from __future__ import annotations

from collections import Counter

from monitor.models import Category, Change, ChangeKind
from tests.simweb2.measure import STEPS, run
from tests.simweb2.site import STYLES, Company, companies
from tests.simweb2.tally import WINDOW, events_run
from tests.simweb2.variants3 import (
    VARIANT3_EVENTS,
    VARIANT3_NOISE,
    VARIANT3_SEEDS,
    agenda,
    press,
    tagline,
    when,
)

# The category each event belongs in.
EXPECTED = {
    "phone_change": Category.CONTACT,
    "new_person": Category.LEADERSHIP,
    "press_new": Category.NEWS,
    "event_new": Category.NEWS,
    "tagline_edit": Category.CONTENT,
}


def releases(company: Company) -> dict[str, int]:
    """The press releases the timeline publishes (title → step), the event's one too."""
    return {title: step for step, title in press(company) if 0 < step < STEPS}


def _says(change: Change, text: str) -> bool:
    return text in change.describe()


def _digits(change: Change) -> str:
    return "".join(ch for ch in change.describe() if ch.isdigit())


def mark(company: Company, event: str) -> str:
    """What a change reporting the event must name."""
    step = when(company, event)
    assert step is not None
    if event == "phone_change":
        return str(company.facts(step).phone.national_number)
    if event == "new_person":
        return company.facts(step).people[-1].name
    if event == "press_new":
        return next(title for s, title in press(company) if s == step)
    if event == "event_new":
        return agenda(company)[-1][1]
    return (tagline(company, step) or "").split(" – ")[-1]


def _names(change: Change, company: Company, event: str) -> bool:
    text = mark(company, event)
    return text in _digits(change) if event == "phone_change" else _says(change, text)


def _published(change: Change, company: Company, step: int) -> bool:
    """Whether a change is a published release, reported as news added in its window."""
    if change.category is not Category.NEWS or change.change is not ChangeKind.ADDED:
        return False
    return any(
        _says(change, title) and 0 <= step - s < WINDOW for title, s in releases(company).items()
    )


def noise_kind(kind: str) -> tuple[Counter[str], Counter[str]]:
    """False changes of one noise kind by category, and the press releases found or missed."""
    false: Counter[str] = Counter()
    published: Counter[str] = Counter()
    for seed in VARIANT3_SEEDS:
        for company in companies(seed, noise=frozenset({kind}), styles=STYLES):
            got = run(company).changes
            for step, changes in got.items():
                for c in changes:
                    if isinstance(c, tuple):
                        false["failed"] += 1
                    elif not (kind == "press_push4" and _published(c, company, step)):
                        false[c.category.value] += 1
            if kind == "press_push4":
                for title, s in releases(company).items():
                    hit = any(
                        not isinstance(c, tuple) and _published(c, company, t) and _says(c, title)
                        for t in range(s, s + WINDOW)
                        for c in got.get(t, [])
                    )
                    published["found" if hit else "missed"] += 1
    return false, published


def events() -> Counter[str]:
    """The set's real events among all its noise: found, missed, repeated, wrong category,
    also reported as content, and the false changes around them (a published release is
    none)."""
    return events_run(VARIANT3_SEEDS, VARIANT3_NOISE, VARIANT3_EVENTS, EXPECTED, _names, _published)


def main() -> None:
    """False changes per noise kind, then the events."""
    print(f"simweb2 variants3 (held out): seeds {VARIANT3_SEEDS}, styles {STYLES}")
    for kind in VARIANT3_NOISE:
        false, published = noise_kind(kind)
        extra = f"  releases {dict(sorted(published.items()))}" if published else ""
        print(
            f"  noise {kind:15} false changes {sum(false.values()):4}  "
            f"{dict(sorted(false.items()))}{extra}"
        )
    print(f"  events: {dict(sorted(events().items()))}")
