"""One pass over a page's lines instead of one per line.

Extractors look closely at few lines (those with "Tel", "@", a role word, a digit); asking
every line costs a microsecond or more each in Python, while a search over the joined text runs
in C. ``Scan`` keeps the joined text (and its lower-cased copy) and answers "which lines contain
one of these", so the closer look runs only where it can find something. ``within`` narrows a
scan to some lines (phone labels are only worth finding next to a digit).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

from monitor import normalize as nz

DIGITS = tuple("0123456789")
SHORT = 100  # characters: longer lines are prose, not a title, a label or a card


class Scan:
    """The lines of a page, joined once, for finding the lines that contain a needle."""

    __slots__ = ("_found", "_low", "_offsets", "_short", "lines", "origin", "text")

    def __init__(self, lines: Sequence[str], origin: Sequence[int] | None = None) -> None:
        self.lines = lines
        self.origin = origin  # the line numbers these lines have in the whole page
        self.text = "\n".join(lines)
        self._low: str | None = None
        self._short: str | None = None
        self._offsets: dict[str, list[int]] = {}
        self._found: dict[tuple[tuple[str, ...], bool, bool], list[int]] = {}

    @property
    def low(self) -> str:
        """The joined text lower-cased (computed once)."""
        if self._low is None:
            self._low = self.text.lower()
        return self._low

    @property
    def short(self) -> str:
        """The lower-cased text with lines over ``SHORT`` characters emptied (titles, not prose)."""
        if self._short is None:
            self._short = "\n".join(
                line if len(line) <= SHORT else "" for line in self.low.split("\n")
            )
        return self._short

    def within(self, indices: Iterable[int]) -> Scan:
        """A scan of some of the lines; its answers are line numbers of this scan."""
        kept = sorted({i for i in indices if 0 <= i < len(self.lines)})
        return Scan([self.lines[i] for i in kept], kept)

    def find_lines(self, needles: Iterable[str], lower: bool = True, short: bool = False) -> list[int]:
        """Indices, in order, of the lines holding any of the needles (in lower case unless told;
        only lines of at most ``SHORT`` characters when ``short``, which implies lower case).

        Needles must not contain a newline. After a hit the search resumes on the next line, so
        a line costs one hit per group of needles however often they occur in it.
        """
        key = tuple(needles)
        return self._lines(key, _grouped(key), lower, short)

    def match_lines(self, patterns: Iterable[str], lower: bool = True) -> list[int]:
        """Indices, in order, of the lines where any of the regexes matches.

        Each regex should start with a literal character (then it is searched at C speed from
        one occurrence of that character to the next) and must not match a newline.
        """
        key = tuple(patterns)
        return self._lines(key, _compiled(key), lower, False)

    def _lines(
        self, needles: tuple[str, ...], patterns: list[re.Pattern[str]], lower: bool, short: bool
    ) -> list[int]:
        key = (needles, lower, short)
        if key in self._found:  # extractors share gates (digits)
            return self._found[key]
        text = self.short if short else self.low if lower else self.text
        starts: set[int] = set()
        rfind, find = text.rfind, text.find
        for pattern in patterns:
            search = pattern.search
            m = search(text)
            while m is not None:
                pos = m.start()
                starts.add(rfind("\n", 0, pos) + 1)
                end = find("\n", pos)
                if end == -1:
                    break
                m = search(text, end + 1)
        offsets = self._line_starts(text) if starts else []
        found = [bisect_left(offsets, start) for start in sorted(starts)]
        if self.origin is not None:
            found = [self.origin[i] for i in found]
        self._found[key] = found
        return found

    def _line_starts(self, text: str) -> list[int]:
        """Offsets of the line starts in one of the texts searched."""
        key = "text" if text is self.text else "short" if text is self._short else "low"
        found = self._offsets.get(key)
        if found is None:
            # lower() can change lengths ("İ" → "i̇"), so offsets are taken from the text searched
            same = len(text) == len(self.text) and key != "short"
            lines = self.lines if same else text.split("\n")
            found = list(accumulate((len(line) + 1 for line in lines), initial=0))
            self._offsets[key] = found
        return found


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


@lru_cache(maxsize=64)
def _grouped(needles: tuple[str, ...]) -> list[re.Pattern[str]]:
    """One pattern per first character: a pattern that starts with a literal is searched at C
    speed from one occurrence of that character to the next, where an alternation of all the
    needles would be tried at every position (~20x slower). Single characters share one set."""
    groups: dict[str, set[str]] = {}
    for needle in needles:
        if needle:
            groups.setdefault(needle[0], set()).add(needle[1:])
    singles = sorted(first for first, rests in groups.items() if "" in rests)
    patterns = [re.compile("[" + "".join(re.escape(c) for c in singles) + "]")] if singles else []
    for first, rests in sorted(groups.items()):
        if first in singles:
            continue  # a needle of one character already finds every line this group could
        tails = sorted((re.escape(r) for r in rests), key=lambda t: (-len(t), t))
        patterns.append(re.compile(re.escape(first) + "(?:" + "|".join(tails) + ")"))
    return patterns


def scan_of(lines: Sequence[str] | Scan) -> Scan:
    """A ``Scan`` of the lines (the same object when given one)."""
    return lines if isinstance(lines, Scan) else Scan(lines)


def ascii_scan(scan: Scan) -> Scan:
    """The scan with the digits of other scripts read as ASCII digits ("۱۲" → "12"), line for
    line and character for character (the same object when the page has none)."""
    if scan.text.isascii() or not nz.OTHER_DIGITS.search(scan.text):
        return scan
    return Scan([nz.ascii_digits(line) for line in scan.lines], scan.origin)
