"""The events run of a held-out noise set tallied: each event found, missed, repeated, in a
wrong category or again as ``content``, and the false changes around them (``measure3``,
``measure4``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from monitor.models import Category, Change

WINDOW = 3  # an event's step and the two after (a settle window may hold a change back)


def _never(change: Change, step: int) -> bool:
    return False


def tally_events(
    got: Mapping[int, list[Change | tuple[str, str]]],
    events: Mapping[int, str],
    expected: Mapping[str, Category],
    names: Callable[[Change, str], bool],
    true_news: Callable[[Change, int], bool] = _never,
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
            if not isinstance(c, tuple) and names(c, event)
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
            elif id(c) not in used and not true_news(c, step):
                tally["false:" + c.category.value] += 1
    return tally
