"""Word-level differences of changed sentences, written compactly for people.

A page-text change shows only the sentences that changed, and within them the words:
``We build [-boats-] {+ships+} in Kiel.`` (the notation of ``git diff --word-diff``), readable
as plain text in the CLI, in alerts and in Datasette. Pure.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+(?=\S)")
_PAIR_RATIO = 0.5  # sentences less alike than this are a removal and an addition, not an edit


def sentences(lines: Iterable[str]) -> list[str]:
    """The sentences of some lines, in order (a line without a full stop is one sentence)."""
    return [s for line in lines for s in _SENTENCE.split(line.strip()) if s]


def _marked_pair(old: str, new: str) -> str:
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def marked(removed: str, added: str) -> str:
    """Each changed sentence with its words marked; unpaired sentences whole, as - or +."""
    old, new = removed.splitlines(), added.splitlines()
    out: list[str] = []
    unused = list(new)
    for sentence in old:
        best = max(unused, key=lambda n: difflib.SequenceMatcher(a=sentence, b=n).ratio(), default=None)
        if best is not None and difflib.SequenceMatcher(a=sentence, b=best).ratio() >= _PAIR_RATIO:
            unused.remove(best)
            out.append(_marked_pair(sentence, best))
        else:
            out.append(f"[-{sentence}-]")
    out += [f"{{+{sentence}+}}" for sentence in unused]
    return "\n".join(out)
