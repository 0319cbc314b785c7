"""Editing a card's text in place: replacements and insertions by offset."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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


def lines_at(text: str, pos: int, lines: Sequence[str]) -> Edit:
    """Insert whole lines at ``pos`` (a line start, or the end of a text without final newline)."""
    if pos == len(text) and text and not text.endswith("\n"):
        return Edit(pos, pos, "".join("\n" + line for line in lines))
    return Edit(pos, pos, "".join(line + "\n" for line in lines))
