"""Volatile noise: masking it in extracted text, stripping it from raw bytes.

``mask_volatile`` works on normalised text and keeps the sentence readable ("[n] followers").
``strip_volatile`` works on raw HTML bytes with a handful of regex passes and no parsing: it is
run on every fetch to decide whether anything but noise changed, so it must stay cheap.
Both are re-exported by ``monitor.normalize``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# --- text -------------------------------------------------------------------------------------

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
)
# Each mask runs only on the lines where a cheap anchor (a literal-first regex over the lower-cased
# text) says it could match: a 127 KB privacy policy would otherwise pay ~5 ms per pattern.
class _Lazy:
    """A text pattern compiled by its first use. Compiling the masks below costs ~8 ms, which
    a process that never masks text (``monitor check`` of unchanged pages) need not pay."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def sub(self, repl: str, text: str) -> str:
        """``re.Pattern.sub``, compiling first when needed."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled.sub(repl, text)


_TEXT_MASKS: list[tuple[str, _Lazy, str]] = [
    (r" ago\b", _Lazy(
        r"\b(?:\d+|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?"
        r"|years?)\s+ago\b", re.I), "[time ago]"),
    (r"vor ", _Lazy(
        r"\bvor\s+(?:\d+|einer?)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?"
        r"|Jahr(?:en)?)\b", re.I), "[time ago]"),
    (r"il y a ", _Lazy(
        r"\bil y a\s+\d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b", re.I),
     "[time ago]"),
    (r"viewing|looking|watching|online|browsing|shopping", _Lazy(
        r"\b\d[\d,.]*\s+(?:people|persons|users|visitors|others|customers|personen|nutzer)\s+"
        r"(?:are\s+|sind\s+)?(?:viewing|looking|watching|online|browsing|shopping)\b", re.I),
     "[n] people are viewing"),
    (r":\d\d", _Lazy(
        r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+\d{1,2}\s+" + _MONTH
        + r"\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC|Z|[+-]\d{4}))?"), "[timestamp]"),
    (r"-\d\d[t ]\d", _Lazy(
        r"\b\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
        r"(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?"), "[timestamp]"),
    (r"generat|render|built|cached|served|erstellt|généré|updated at", _Lazy(
        r"\b((?:generated|rendered|built|cached|served|erstellt|generiert|généré)(?:\s+(?:at|on|am|le))?"
        r"|updated\s+at)\s*:?\s*" + _DATE, re.I), r"\1 [timestamp]"),
    (r":[0-5]\d|h[0-5]\d", _Lazy(
        r"(?<![\d:])(?:[01]?\d|2[0-3])[:h][0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
        r"(?:\s*(?:[ap]\.?m\.?|Uhr|h|UTC|GMT|CET|CEST|MEZ|MESZ|Z)\b)?(?![\d:])", re.I), "[time]"),
    (r"follow|like|fans|subscri|abonn|views|aufrufe|connections|members|mitglieder|posts|beiträge"
     r"|reviews|bewertungen", _Lazy(
        r"\b\d[\d,.\u202f ]*[KkMm]?\+?\s*(followers?|following|likes?|fans|subscribers?|abonnenten"
        r"|abonnés|views|aufrufe|connections|members|mitglieder|posts|beiträge|reviews|bewertungen)\b",
        re.I), r"[n] \1"),
]  # fmt: skip
_ANCHORS = [re.compile(anchor) for anchor, _, _ in _TEXT_MASKS]
_COPYRIGHT_ANCHOR = re.compile(r"©|\(c\)|copyright")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)[^\n]{0,120}", re.I)
_COPYRIGHT_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b")
_YEARS = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*-\s*(?:(?:19|20)\d{2}|\d{2})\b)?")


def _mask_copyright(match: re.Match[str]) -> str:
    return _YEARS.sub("[year]", _COPYRIGHT_DATE.sub("[date]", match.group(0)))


def _lines_hit(anchor: re.Pattern[str], low: str, starts: list[int]) -> list[int]:
    return sorted({bisect_right(starts, m.start()) - 1 for m in anchor.finditer(low)})


def _starts(lines: list[str]) -> list[int]:
    return list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))


_DIGIT = re.compile(r"\d")
# "3 minutes ago" and "vor einer Stunde" may be spelled without a digit; every other mask (and
# the copyright years) needs one, so those anchors search only the lines holding a digit.
_WORDY = 2


def mask_volatile(text: str) -> str:
    """Mask phrases that change without news: "3 minutes ago", clocks, render stamps, © years."""
    lines = text.split("\n")
    low = text.lower()
    starts = _starts(lines)
    for anchor, (_, pattern, replacement) in zip(_ANCHORS[:_WORDY], _TEXT_MASKS, strict=False):
        for i in _lines_hit(anchor, low, starts):
            lines[i] = pattern.sub(replacement, lines[i])
    numbered = [i for i, line in enumerate(lines) if _DIGIT.search(line)]
    if not numbered:
        return "\n".join(lines)
    sub = [lines[i] for i in numbered]
    sub_low, sub_starts = "\n".join(sub).lower(), _starts(sub)
    masks = list(zip(_ANCHORS[_WORDY:], _TEXT_MASKS[_WORDY:], strict=True))
    for anchor, (_, pattern, replacement) in masks:
        for k in _lines_hit(anchor, sub_low, sub_starts):
            sub[k] = pattern.sub(replacement, sub[k])
    for k in _lines_hit(_COPYRIGHT_ANCHOR, sub_low, sub_starts):
        sub[k] = _COPYRIGHT.sub(_mask_copyright, sub[k])
    for k, i in enumerate(numbered):
        lines[i] = sub[k]
    return "\n".join(lines)


# --- bytes ------------------------------------------------------------------------------------
#
# Python's regex engine is fast only when a pattern starts with a literal (it can then jump
# from one occurrence to the next in C); a pattern starting with a class like \d costs ~10 ns
# per byte. So every pass below starts with a literal, and digits *before* a match (the hour
# of "01:28:57", the year of an ISO stamp, the count of "57 people") are masked by stepping
# back in Python from the few matches there are.

# Elements that are code, not content. JSON-LD scripts stay: they carry the company's facts.
_OPENERS = re.compile(rb"<(?:script|style|noscript|iframe|template)\b|<!--")
_CLOSERS = {b"<s": (b"</script>", b"</style>"), b"<n": (b"</noscript>",), b"<i": (b"</iframe>",),
            b"<t": (b"</template>",), b"<!": (b"-->",)}  # fmt: skip


def _cut_code(body: bytes) -> bytes:
    lower = body.lower()
    kept: list[bytes] = []
    cursor = pos = 0
    # The next opener is searched for after the span just cut, never inside it (a <script> in
    # a comment stays cut): most of a page's bytes are code, scanned once, by ``find``.
    while (m := _OPENERS.search(lower, pos)) is not None:
        start = m.start()
        tag_end = lower.find(b">", start)
        if lower.startswith(b"<script", start) and b"ld+json" in lower[start:tag_end]:
            pos = m.end()
            continue
        closer = (
            b"</style>"
            if lower.startswith(b"<style", start)
            else _CLOSERS[lower[start : start + 2]][0]
        )
        end = lower.find(closer, start)
        kept.append(body[cursor:start])
        cursor = pos = len(body) if end == -1 else end + len(closer)
    kept.append(body[cursor:])
    return b"".join(kept)  # code renders as nothing, so it joins as nothing


_HEX = rb"(?=[a-f]*[0-9])(?=[0-9]*[a-f])[0-9a-f]{8,}(?![0-9A-Za-z])"
# Each pass is (pattern, replacement, gate): the pattern runs only when the body holds one of
# the gate's literals (none: always). A pattern cannot match without its literal, so a gate
# changes nothing but the cost: ``in`` is several times cheaper than the regex's own scan,
# and a feed or a plain page holds few of them (a 110 KB feed paid 3 ms for passes that
# found nothing).
Pass = tuple[re.Pattern[bytes], bytes, tuple[bytes, ...]]
# Whole tags that carry per-request tokens; run before whitespace is collapsed, so the spaces
# they leave behind collapse too.
_TAG_PASSES: list[Pass] = [
    (re.compile(rb"<input [^>]*hidden[^>]*>"), b"", (b"<input ",)),
    (
        re.compile(
            rb"<meta [^>]*(?:name|property)=\"?[^\">]*(?:csrf|xsrf|token|nonce|request-id)[^>]*>",
            re.I,
        ),
        b"",
        (),
    ),
]
# Attributes (each pattern takes its leading space with it) and hashes; whitespace is single
# spaces by now, so " data-" is a literal.
_LITERAL_PASSES: list[Pass] = [
    (re.compile(rb" data-[\w.:-]*=(?:\"[^\"]*\"|'[^']*'|[^ >]*)"), b"", (b" data-",)),
    (re.compile(rb" nonce=(?:\"[^\"]*\"|'[^']*'|[^ >]*)"), b"", (b" nonce=",)),
    (re.compile(rb" integrity=(?:\"[^\"]*\"|'[^']*'|[^ >]*)"), b"", (b" integrity=",)),
    (re.compile(rb"csrf[\w-]*=(?:\"[^\"]*\"|'[^']*'|[^ >]*)"), b"", (b"csrf",)),
    (re.compile(rb"\?(?:v|ver|version|cb|_|t|ts|rev|hash|build|cachebust\w*)=[^\"'\s>&]*"), b"", ()),
    (re.compile(rb"/_next/static/(?!chunks/|css/|media/)[\w-]{8,}/"), b"/_next/static/#/",
     (b"/_next/static/",)),
    # One literal a pass: a class of five signs in one pattern scans twice as slowly.
    (re.compile(rb"/" + _HEX), b"/#", ()),
    (re.compile(rb"\." + _HEX), b".#", ()),
    (re.compile(rb"-" + _HEX), b"-#", ()),
    (re.compile(rb"_" + _HEX), b"_#", ()),
    (re.compile(rb"\"" + _HEX), b'"#', ()),
    # Random ids that happen to be all digits ("ad-1649425959") or all letters ("ad-baadbfecbd"),
    # but only inside id/class values: digit runs in text are phone numbers and prices.
    (re.compile(rb'( id="[^"]*?[-_])(?:\d{6,}|[0-9a-f]{8,})(?=["\s_-])'), rb"\1#", (b' id="',)),
    (re.compile(rb'( class="[^"]*?[-_])(?:\d{6,}|[0-9a-f]{8,})(?=["\s_-])'), rb"\1#",
     (b' class="',)),
]  # fmt: skip
# (pattern, how far back to look for the digits that belong to the match, gate)
_BACK_PASSES: list[tuple[re.Pattern[bytes], int, tuple[bytes, ...]]] = [
    (
        re.compile(
            rb"-\d\d-\d\d[T ]\d\d?:\d\d(?::\d\d(?:[.,]\d+)?)?(?: ?(?:Z|UTC|GMT|[+-]\d\d:?\d\d))?"
        ),
        4,
        (),
    ),
    (re.compile(rb":\d\d:\d\d(?:[.,]\d+)?"), 2, ()),
    (re.compile(rb" (?:seconds?|minutes?|hours?|days?|weeks?) ago\b"), 6, (b" ago",)),
    (re.compile(rb" (?:people|visitors|users) (?:are )?(?:viewing|online|watching)"), 40,
     (b" viewing", b" online", b" watching")),
]
# (mark, one byte of it): a one-byte search is a memchr, several times cheaper than the
# mark's own; where the byte is missing, so is the mark.
_COPYRIGHT_MARKS = ((b"&copy;", b";"), (b"\xc2\xa9", b"\xa9"), (b"opyright", b"y"), (b"(c)", b"("))


def _gated(body: bytes, gate: tuple[bytes, ...]) -> bool:
    """Whether a pass with this gate may match the body at all."""
    return not gate or any(literal in body for literal in gate)


def _mask_back(body: bytes, pattern: re.Pattern[bytes], reach: int) -> bytes:
    out: list[bytes] = []
    cursor = 0
    for m in pattern.finditer(body):
        start = m.start()
        window = body[max(cursor, start - reach) : start]
        out.append(body[cursor : start - len(window)])
        out.append(_DIGITS.sub(b"#", window) if reach > 6 else window.rstrip(b"0123456789 ") + b" ")
        out.append(b"#")
        cursor = m.end()
    out.append(body[cursor:])
    return b"".join(out)


_DIGITS = re.compile(rb"\d+")


def _mask_copyright_bytes(body: bytes) -> bytes:
    spans: list[tuple[int, int]] = []
    for mark, byte in _COPYRIGHT_MARKS:
        pos = body.find(mark) if byte in body else -1
        while pos != -1:
            end = body.find(b"<", pos, pos + 120)
            end = pos + 120 if end == -1 else end
            spans.append((pos, end))
            pos = body.find(mark, end)
    out: list[bytes] = []
    cursor = 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        out += [body[cursor:start], _DIGITS.sub(b"#", body[start:end])]
        cursor = max(cursor, end)
    out.append(body[cursor:])
    return b"".join(out)


_WHITESPACE = bytes.maketrans(b"\t\n\r\x0b\x0c", b"     ")  # what bytes.split() splits on
_SPACE_RUNS = re.compile(rb"  +")


def _collapse_spaces(body: bytes) -> bytes:
    """``b" ".join(body.split())``: runs of whitespace as one space, none at the ends.

    Each whitespace byte is made a space (a translation), then each run of spaces one (a
    pattern starting with a literal): half the cost of splitting 100 KB of indented HTML into
    words and joining them again (0.21 against 0.10 ms a page of the benchmark's sites). A
    body whose whitespace never comes two in a row (a feed, minified HTML) needs the
    translation only.
    """
    flat = body.translate(_WHITESPACE)
    if b"  " in flat:
        flat = _SPACE_RUNS.sub(b" ", flat)
    return flat.strip()


def strip_volatile(body: bytes) -> bytes:
    """Raw HTML minus scripts, styles, comments, iframes, tokens, cache-busters and stamps.

    Index scans and literal-prefixed byte regexes only (no parsing): it runs on every fetch to
    skip extraction when only noise changed.
    """
    body = _cut_code(body)
    for pattern, replacement, gate in _TAG_PASSES:
        if _gated(body, gate):
            body = pattern.sub(replacement, body)
    body = _collapse_spaces(body)
    for pattern, replacement, gate in _LITERAL_PASSES:
        if _gated(body, gate):
            body = pattern.sub(replacement, body)
    for pattern, reach, back_gate in _BACK_PASSES:
        if _gated(body, back_gate):
            body = _mask_back(body, pattern, reach)
    return _mask_copyright_bytes(body)
