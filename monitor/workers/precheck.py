"""Refusing bodies no parser should see: too large, or nested deeper than any real page (D4, D5).

lexbor builds a 10⁵-deep ``<div>`` tree in about 24 s of CPU (quadratic), and a sibling binding
segfaulted at 2,919 levels (lazy_html#29); real pages nest a few dozen levels. The depth scan is
skipped unless the body has more ``<`` than the depth limit, so ordinary pages pay one
``bytes.count`` (about 30 µs for 100 KB).
"""

from __future__ import annotations

import re

MAX_BYTES = 10 * 1024 * 1024  # the feed cap of R27; HTML is already capped at 5 MiB by the fetcher
MAX_DEPTH = 5000

# Attributes may not contain "<": every match attempt stops at the next tag, so the scan is linear.
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?:\s[^<>]{0,4000})?(/?)>")
_RAW_OPEN = re.compile(rb"<(script|style|textarea|title|xmp)\b|<!--")
# Elements that never nest (void) or whose end tag may be omitted: counting them as opened would
# make a valid page with many <p>, <li> or <br> look deep.
_FLAT = frozenset(
    b"area base br col embed hr img input link meta param source track wbr p li dt dd tr td th"
    b" option optgroup thead tbody tfoot colgroup rt rp html head body".split()
)


def nesting_depth(body: bytes, stop_at: int | None = None) -> int:
    """The deepest element nesting the tags of ``body`` reach (an upper bound for HTML and XML).

    With ``stop_at``, the scan ends as soon as that depth is reached.
    """
    depth = deepest = 0
    for m in _TAG.finditer(_without_raw_text(body)):
        closing, name, self_closing = m.groups()
        if self_closing or name.lower() in _FLAT:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if stop_at is not None and deepest >= stop_at:
                break
    return deepest


def _without_raw_text(body: bytes) -> bytes:
    """``body`` minus comments and script/style/textarea/title text, whose "<" are not tags."""
    lower = body.lower()
    kept: list[bytes] = []
    cursor = 0
    for m in _RAW_OPEN.finditer(lower):
        if m.start() < cursor:
            continue
        closer = b"-->" if m.group(1) is None else b"</" + m.group(1)
        end = lower.find(closer, m.end())
        kept.append(body[cursor : m.start()])
        cursor = len(body) if end == -1 else end + len(closer)
    kept.append(body[cursor:])
    return b" ".join(kept)


def precheck(body: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> str | None:
    """Why ``body`` must not be parsed (a sentence for the check's detail), or None."""
    if len(body) > max_bytes:
        return f"body too large to parse ({len(body) // 1024} KiB > {max_bytes // 1024} KiB)"
    if body.count(b"<") <= max_depth or body[:1024].lstrip().startswith(b"%PDF-"):
        return None  # a PDF's "<" are dictionaries and compressed bytes, not markup
    if nesting_depth(body, stop_at=max_depth + 1) > max_depth:
        return f"markup nested deeper than {max_depth} levels: not parsed"
    return None
