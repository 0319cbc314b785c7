"""The sixth held-out noise set (``variants6``) measured: changes per noise kind, then its
real events.

Noise runs switch on one kind and no event, for ``NOISE_STEPS`` steps: every change there is
false. The events run switches on every kind of the set and the events of ``VARIANT6_EVENTS``:
each must be reported as ``leadership`` naming its person in its step or the two after
(``found``), once (more is ``repeated``); any other change is ``false:<category>``.

``python -m tests.simweb2.measure --variants6`` runs it.
"""

from __future__ import annotations

from tests.simweb2.site import STYLES
from tests.simweb2.tally import people_events, people_noise
from tests.simweb2.variants6 import NOISE_STEPS, VARIANT6_EVENTS, VARIANT6_NOISE, VARIANT6_SEEDS


def main() -> None:
    """Changes per noise kind, then the events."""
    print(f"simweb2 variants6 (held out): seeds {VARIANT6_SEEDS}, styles {STYLES}")
    for kind in VARIANT6_NOISE:
        tally = people_noise(VARIANT6_SEEDS, kind, NOISE_STEPS)
        print(f"  noise {kind:18} false changes {sum(tally.values()):4}  {dict(sorted(tally.items()))}")
    print(f"  events: {dict(sorted(people_events(VARIANT6_SEEDS, VARIANT6_NOISE, VARIANT6_EVENTS).items()))}")
