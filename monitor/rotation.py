"""Rotation learned per source: a line of page text that left and came back is volatile.

Homepages rotate testimonials, quotes, slogans and teasers, per visit or per day. No list of
such widgets can be written for pages nobody has seen; what every rotation has in common is
that its texts come back. So each source remembers the lines of text it has shown (a key per
line, bounded), and a line that reappears after having left is marked volatile for that
source: from then on it is neither a change when it comes nor when it goes. A line seen for
the first time is still new, and still needs its two sightings to count. Pure: values in,
values out; the store keeps the lines (``text_lines``) and ``monitor show`` lists the
volatile ones, which ``monitor show --reset-rotation`` forgets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from monitor.models import SeenLine

MAX_LINES = 5000  # per source: enough for a large page's history of rotations


def key(line: str) -> str:
    """A line's key (its text may be long; the key is what is stored and compared)."""
    return hashlib.blake2b(line.encode("utf-8"), digest_size=8).hexdigest()


def learn(seen: Mapping[str, SeenLine], lines: Iterable[str]) -> dict[str, SeenLine]:
    """The lines this observation touches: new ones recorded, returning ones made volatile,
    and those that left marked absent."""
    now = {key(line): line for line in lines}
    touched: dict[str, SeenLine] = {}
    for k, line in now.items():
        was = seen.get(k)
        if was is None:
            if len(seen) + len(touched) < MAX_LINES:
                touched[k] = SeenLine(line)
        elif not was.present:  # it left, and it is back: rotation
            touched[k] = SeenLine(was.text, was.returns + 1, True, True)
    back = sum(1 for line in touched.values() if line.volatile)
    gone = [(k, was) for k, was in seen.items() if was.present and k not in now]
    # What a returning line replaced rotates with it: one quote out, one quote in. Only as
    # many lines as came back, so a real removal beside a rotation still counts.
    partners = 0 < len(gone) <= back
    for k, was in gone:
        touched[k] = SeenLine(was.text, was.returns, False, was.volatile or partners)
    return touched


def volatile(seen: Mapping[str, SeenLine], touched: Mapping[str, SeenLine]) -> frozenset[str]:
    """Keys of the lines known to rotate, this observation's lessons included."""
    merged = {**seen, **touched}
    return frozenset(k for k, line in merged.items() if line.volatile)


def steady(text: str, rotating: frozenset[str]) -> list[str]:
    """The lines of a text fact that do not rotate."""
    return [line for line in text.splitlines() if key(line) not in rotating] if rotating else text.splitlines()
