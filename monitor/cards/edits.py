"""Editing a card's text in place: replacements, insertions and list removals by offset."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from monitor.cards.model import Token


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``text`` (an insertion when start == end)."""

    start: int
    end: int
    text: str


def apply(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits; insertions at one place keep their order."""
    ordered = sorted(enumerate(edits), key=lambda p: (p[1].start, p[1].end > p[1].start, p[0]))
    out: list[str] = []
    pos = 0
    for _, edit in ordered:
        if edit.start < pos:
            raise ValueError(f"overlapping card edits at {edit.start}")
        out += [text[pos:edit.start], edit.text]
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def removals(tokens: Sequence[Token], gone: Callable[[Token], bool]) -> list[Edit]:
    """Delete runs of tokens of one list with the separators between them and their neighbours."""
    edits, i, n = [], 0, len(tokens)
    while i < n:
        if not gone(tokens[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and gone(tokens[j + 1]):
            j += 1
        if j + 1 < n:
            edits.append(Edit(tokens[i].span.start, tokens[j + 1].span.start, ""))
        elif i > 0:
            edits.append(Edit(tokens[i - 1].span.end, tokens[j].span.end, ""))
        else:
            edits.append(Edit(tokens[i].span.start, tokens[j].span.end, ""))
        i = j + 1
    return edits


def lines_at(text: str, pos: int, lines: Sequence[str]) -> Edit:
    """Insert whole lines at ``pos`` (a line start, or the end of a text without final newline)."""
    if pos == len(text) and text and not text.endswith("\n"):
        return Edit(pos, pos, "".join("\n" + line for line in lines))
    return Edit(pos, pos, "".join(line + "\n" for line in lines))
