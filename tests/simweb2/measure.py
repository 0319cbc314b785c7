"""False changes per noise kind, and real changes found once, on the second simulated web.

Every company's homepage goes through the website kind's extraction and the differ (pure, in
memory: no server, no database), each step checked twice as the confirmation window needs.
Noise runs switch on one noise kind and no event: every change there is a false one (items
*added* by a news strip are news, not noise). The events run switches on every noise kind and
one real change every five steps: each must be reported once, in its own category, and the
prose around it must not report it again as ``content``.

``python -m tests.simweb2.measure [--held-out]``; ``--rotations`` runs the held-out rotation
variants (``rotations``) instead: false changes per variant, then real one-off prose changes
found among rotating blocks; ``--variants`` runs the second held-out set (``variants``): false
changes per variant (every change there is false, an added item too), then its real events;
``--variants3`` runs the third held-out set (``variants3``, measured by ``measure3``);
``--variants4`` the fourth (``variants4``, measured by ``measure4``); ``--variants5`` the
fifth (``variants5``, measured by ``measure5``); ``--variants6`` the sixth (``variants6``,
measured by ``measure6``).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from monitor import rotation
from monitor.config.sources import DEFAULT_SETTLE
from monitor.diff import diff
from monitor.itemdiff import next_items
from monitor.models import Category, ChangeKind, Fetched, ItemState, Outcome, Source, State
from monitor.sources import KINDS
from tests.simweb2.rotations import ROTATION_EVENTS, ROTATION_NOISE, ROTATION_SEEDS
from tests.simweb2.site import HELD_OUT_SEEDS, HELD_OUT_STYLES, NOISE, STYLES, Company, companies
from tests.simweb2.variants import (
    VARIANT_EVENT_NOISE,
    VARIANT_EVENTS,
    VARIANT_NOISE,
    VARIANT_SEEDS,
    new_post,
)

STEPS = 30
EVENT_STEPS = {
    5: "role_change",
    10: "phone_change",
    15: "new_person",
    20: "address_move",
    25: "role_change",
}
EXPECTED_FIELD = {
    "role_change": "person",
    "new_person": "person",
    "phone_change": "phone",
    "address_move": "address",
}


@dataclass
class Run:
    """What one company's timeline produced: changes per step."""

    changes: dict[int, list] = field(default_factory=dict)
    rotation: int = 0  # prose changes the store marked as rotation later (taken out of changes)


def run(company: Company, steps: int = STEPS) -> Run:
    """Check the company's homepage twice per step; the changes recorded at each step."""
    kind = KINDS["website"]
    source = Source(
        id=f"{company.slug}:website:1",
        company=company.slug,
        kind="website",
        url=company.url,
        every=86400,
        confirm=2,
        settle=DEFAULT_SETTLE,  # as a source of sources.yaml gets it
    )
    state = State()
    out = Run()
    for step in range(steps):
        for visit in (2 * step, 2 * step + 1):
            fetched = Fetched(
                url=company.url,
                final_url=company.url,
                outcome=Outcome.OK,
                status=200,
                headers={"content-type": "text/html; charset=utf-8"},
                body=company.page(step, visit),
            )
            obs = kind.extract(fetched, source)
            if obs.outcome is not Outcome.OK:
                out.changes.setdefault(step, []).append(("failed", obs.detail))
                continue
            result = diff(
                source,
                state,
                obs.facts,
                obs.items,
                obs.metrics,
                now=_when(step, visit),
                item_category=kind.item_category,
                removals=kind.reports_removed_items,
            )
            state = _next_state(state, result, _items(state, result.items, _when(step, visit)))
            if result.changes:
                out.changes.setdefault(step, []).extend(result.changes)
            _mark_rotation(out, state, _when(step, visit))
    return out


def _mark_rotation(out: Run, state: State, now: str) -> None:
    """Prose changes the store marks as rotation once their lines are known to rotate (a
    weekly text, reported before its slot rotated): shown as rotation, no false change."""
    if not hasattr(rotation, "was_rotation") or not any(
            not isinstance(c, tuple) and c.category is Category.CONTENT
            for changes in out.changes.values() for c in changes):
        return
    texts = rotation.rotating_texts(state.lines, state.slots, now)
    for step, changes in out.changes.items():
        kept = [c for c in changes if isinstance(c, tuple) or c.category is not Category.CONTENT
                or not rotation.was_rotation(c.old, c.new, texts)]
        out.rotation += len(changes) - len(kept)
        out.changes[step] = kept


def _when(step: int, visit: int) -> str:
    """The time of a visit: one step a day, its two checks in the morning and the evening."""
    day = date(2026, 1, 1) + timedelta(days=step)
    return f"{day.isoformat()}T{'18' if visit % 2 else '06'}:00:00Z"


def _items(state: State, items, now: str) -> dict[str, ItemState]:
    """The items as the store keeps them after one check (``store.record``'s rules)."""
    return next_items(state.items, items, now)


def _next_state(state: State, result, items: dict) -> State:
    """The state after one check (the text lines learned too, where the differ has them)."""
    learned = getattr(result, "lines", None)
    if learned is None:  # a differ without rotation memory (measuring the branch point)
        return State(facts=result.facts, pending=result.pending, items=items, baseline=False)
    slots = getattr(result, "slots", None)
    more = {} if slots is None else {"slots": {**state.slots, **slots}}  # a differ with slots
    people = getattr(result, "people", None)
    if people is not None:  # a differ with a people memory
        more["people"] = {**state.people, **people}
    return State(
        facts=result.facts,
        pending=result.pending,
        items=items,
        baseline=False,
        lines={**state.lines, **learned},
        **more,
    )


def _false(change) -> bool:
    if isinstance(change, tuple):
        return True
    return not (change.category is Category.NEWS and change.change is ChangeKind.ADDED)


def noise_run(
    seeds: tuple[int, ...], styles: tuple[str, ...], kinds: tuple[str, ...] = NOISE
) -> dict[str, Counter]:
    """False changes per noise kind, by category."""
    found: dict[str, Counter] = {}
    for kind in kinds:
        tally: Counter = Counter()
        for seed in seeds:
            for company in companies(seed, noise=frozenset({kind}), styles=styles):
                for changes in run(company).changes.values():
                    for c in changes:
                        if _false(c):
                            tally["failed" if isinstance(c, tuple) else c.category.value] += 1
        found[kind] = tally
    return found


def event_run(seeds: tuple[int, ...], styles: tuple[str, ...]) -> Counter:
    """Real events found, missed, reported twice (as content too), and other changes."""
    tally: Counter = Counter()
    for seed in seeds:
        for company in companies(seed, events=EVENT_STEPS, styles=styles):
            got = run(company).changes
            for step, event in EVENT_STEPS.items():
                window = got.get(step, []) + got.get(step + 1, [])
                hit = any(
                    not isinstance(c, tuple) and c.field == EXPECTED_FIELD[event] for c in window
                )
                tally["found" if hit else "missed"] += 1
                tally[f"{event}:{'found' if hit else 'missed'}"] += 1
                if hit and any(
                    not isinstance(c, tuple) and c.category is Category.CONTENT for c in window
                ):
                    tally["also_content"] += 1
            expected_steps = {s for s in EVENT_STEPS} | {s + 1 for s in EVENT_STEPS}
            for step, changes in got.items():
                for c in changes:
                    if step == 0 or not _false(c):
                        continue
                    if (
                        step in expected_steps
                        and not isinstance(c, tuple)
                        and c.field in EXPECTED_FIELD.values()
                    ):
                        continue
                    if (
                        step in expected_steps
                        and not isinstance(c, tuple)
                        and c.category is Category.CONTENT
                    ):
                        continue  # counted as also_content above
                    tally["false:" + ("failed" if isinstance(c, tuple) else c.category.value)] += 1
    return tally


def rotation_events(seeds: tuple[int, ...]) -> Counter:
    """Real one-off prose changes among rotating blocks: each must be one ``content`` change
    (in its step or the next) that shows the new text; any other change is false."""
    tally: Counter = Counter()
    noise = frozenset({"block_visit5", "teaser_day3"})
    for seed in seeds:
        for company in companies(seed, noise=noise, events=ROTATION_EVENTS, styles=STYLES):
            got = run(company).changes
            window: set[int] = set()
            for step, event in ROTATION_EVENTS.items():
                window |= {step, step + 1}
                hits = [
                    c
                    for s in (step, step + 1)
                    for c in got.get(s, [])
                    if not isinstance(c, tuple) and c.category is Category.CONTENT
                ]
                tally["found" if hits else "missed"] += 1
                tally[f"{event}:{'found' if hits else 'missed'}"] += 1
            for step, changes in got.items():
                for c in changes:
                    if step in window or not _false(c):
                        continue
                    tally["false:" + ("failed" if isinstance(c, tuple) else c.category.value)] += 1
    return tally


def rotations_main() -> None:
    """The held-out rotation variants: false changes per variant, then the real changes."""
    print(f"simweb2 rotations (held out): seeds {ROTATION_SEEDS}, styles {STYLES}")
    for kind, tally in noise_run(ROTATION_SEEDS, STYLES, ROTATION_NOISE).items():
        print(
            f"  noise {kind:13} false changes {sum(tally.values()):4}  {dict(sorted(tally.items()))}"
        )
    print(f"  events: {dict(sorted(rotation_events(ROTATION_SEEDS).items()))}")


def variant_noise() -> dict[str, Counter]:
    """False changes per held-out variant, by category: with no event, every change is false
    (a sampled post listed again is no news either)."""
    found: dict[str, Counter] = {}
    for kind in VARIANT_NOISE:
        tally: Counter = Counter()
        for seed in VARIANT_SEEDS:
            for company in companies(seed, noise=frozenset({kind}), styles=STYLES):
                for changes in run(company).changes.values():
                    for c in changes:
                        tally["failed" if isinstance(c, tuple) else c.category.value] += 1
        found[kind] = tally
    return found


def _names(change, company: Company, event: str) -> bool:
    """Whether a change reports the event: the new post by its title, the motto as prose."""
    if isinstance(change, tuple):
        return False
    if event == "post_new":
        return new_post(company) in (change.new or "")
    return change.category is Category.CONTENT and change.field == "text"


def variant_events() -> Counter:
    """The held-out variants' real events, each to be reported in its step or the next two
    (a settle window may hold prose back a day); any other change is false."""
    tally: Counter = Counter()
    for seed in VARIANT_SEEDS:
        for company in companies(seed, noise=VARIANT_EVENT_NOISE, events=VARIANT_EVENTS,
                                 styles=STYLES):
            got = run(company).changes
            used: set[int] = set()
            for step, event in VARIANT_EVENTS.items():
                hits = [id(c) for s in range(step, step + 3) for c in got.get(s, [])
                        if _names(c, company, event)]
                used |= set(hits)
                tally["found" if hits else "missed"] += 1
                tally[f"{event}:{'found' if hits else 'missed'}"] += 1
            for changes in got.values():
                for c in changes:
                    if id(c) not in used:
                        tally["false:" + ("failed" if isinstance(c, tuple) else c.category.value)] += 1
    return tally


def variants_main() -> None:
    """The second held-out set: false changes per variant, then its real events."""
    print(f"simweb2 variants (held out): seeds {VARIANT_SEEDS}, styles {STYLES}")
    for kind, tally in variant_noise().items():
        print(
            f"  noise {kind:16} false changes {sum(tally.values()):4}  {dict(sorted(tally.items()))}"
        )
    print(f"  events: {dict(sorted(variant_events().items()))}")


def main(held_out: bool) -> None:
    seeds = HELD_OUT_SEEDS if held_out else (1, 2)
    styles = STYLES if held_out else tuple(s for s in STYLES if s not in HELD_OUT_STYLES)
    print(f"simweb2 {'held-out' if held_out else 'dev'}: seeds {seeds}, styles {styles}")
    for kind, tally in noise_run(seeds, styles).items():
        print(
            f"  noise {kind:13} false changes {sum(tally.values()):4}  {dict(sorted(tally.items()))}"
        )
    events = event_run(seeds, styles)
    print(f"  events: {dict(sorted(events.items()))}")


if __name__ == "__main__":
    if "--rotations" in sys.argv:
        rotations_main()
    elif "--variants" in sys.argv:
        variants_main()
    elif "--variants3" in sys.argv:  # the third held-out set
        from tests.simweb2.measure3 import main as variants3_main

        variants3_main()
    elif "--variants4" in sys.argv:  # the fourth held-out set
        from tests.simweb2.measure4 import main as variants4_main

        variants4_main()
    elif "--variants5" in sys.argv:  # the fifth held-out set
        from tests.simweb2.measure5 import main as variants5_main

        variants5_main()
    elif "--variants6" in sys.argv:  # the sixth held-out set
        from tests.simweb2.measure6 import main as variants6_main

        variants6_main()
    else:
        main("--held-out" in sys.argv)
