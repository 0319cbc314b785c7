"""Collecting a page's lines: raw text runs in, normalised lines out (for ``layout``).

Each raw line is normalised once (a menu repeated in header and footer costs one), blank and
symbol-only lines are dropped, JSON blobs shipped as text are skipped, and overlong "lines" (a
page of inline spans) are cut at sentence ends into pieces under ``LINE_LIMIT``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor.normalize import text as norm_text

LINE_LIMIT = 5000  # longer "lines" are blobs; every pattern downstream is linear in line length


def clean(raw: str, ignore: Sequence[re.Pattern[str]]) -> list[str]:
    """The normalised line(s) of one raw line; none for blank, symbol-only and JSON lines."""
    line = norm_text(raw)
    if ignore and line:
        for rx in ignore:
            line = rx.sub("", line)
        line = norm_text(line)
    if not line or not (line[0].isalnum() or any(c.isalnum() for c in line)):
        return []
    if line[0] in "{[" and line[-1] in "}]" and len(line) > 200:
        return []  # JSON state shipped in <code> or text nodes: data for scripts, not prose
    return [line] if len(line) <= LINE_LIMIT else _pieces(line)


class Lines:
    """Lines being collected: raw pieces joined, cleaned once per distinct raw line."""

    def __init__(self, ignore: Sequence[re.Pattern[str]]) -> None:
        self.ignore = ignore
        self.lines: list[str] = []
        self.main: list[str] = []
        self.line_block: list[int] = []
        self.chrome: list[bool] = []
        self.cache: dict[str, list[str]] = {}

    def end(self, pieces: list[str], main_pieces: list[str], block: int, chrome: bool) -> None:
        """One raw line ends: its text (all of it, and the main-content part)."""
        main = self._cleaned(main_pieces) if main_pieces else []
        self.main += main
        found = main if len(main_pieces) == len(pieces) else self._cleaned(pieces)
        if found:
            self.lines += found
            self.line_block += [block] * len(found)
            self.chrome += [chrome] * len(found)

    def _cleaned(self, pieces: list[str]) -> list[str]:
        raw = "".join(pieces)
        found = self.cache.get(raw)
        if found is None:
            found = self.cache[raw] = clean(raw, self.ignore)
        return found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _pieces(line: str) -> list[str]:
    """An overlong line (a page of inline spans) as sentence-aligned pieces under LINE_LIMIT."""
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(line):
        while len(sentence) > LINE_LIMIT:
            pieces.append(sentence[:LINE_LIMIT])
            sentence = sentence[LINE_LIMIT:]
        if current and len(current) + 1 + len(sentence) > LINE_LIMIT:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    return [*pieces, current] if current else pieces
