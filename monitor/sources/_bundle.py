"""Several HTTP answers carried as one ``Fetched``, so kinds that need more than one request
(X API: user + posts; news: several providers) keep a pure ``extract``.

A bundle is all-or-nothing: if any part failed, the kind's fetch returns that failure instead,
because an observation built from some parts would make the missing part's facts and items
look removed (a false change). The body is JSON; bodies are kept as text with
``surrogateescape`` so that any bytes survive the round trip exactly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from monitor.models import Fetched, Outcome

BUNDLE_TYPE = "application/vnd.monitor.bundle+json"
_MARK = "monitor-bundle/1"
# When several parts fail, the most telling outcome is reported.
_RANK = (Outcome.BLOCKED, Outcome.DISALLOWED, Outcome.GONE, Outcome.ERROR)


@dataclass(frozen=True)
class Part:
    """One answer inside a bundle: what was asked for, and what came back."""

    name: str
    url: str
    status: int
    content_type: str
    body: bytes


def is_bundle(fetched: Fetched) -> bool:
    """True when the Fetched is a bundle made by ``bundle``."""
    return fetched.content_type == BUNDLE_TYPE


def failure(parts: Sequence[tuple[str, Fetched]]) -> Fetched | None:
    """The failed answer to report (its detail prefixed with the part's name), or None."""
    failed = [(name, f) for name, f in parts if f.outcome is not Outcome.OK]
    if not failed:
        return None
    failed.sort(key=lambda nf: _RANK.index(nf[1].outcome) if nf[1].outcome in _RANK else len(_RANK))
    name, worst = failed[0]
    return replace(worst, detail=f"{name}: {worst.detail or worst.error or worst.outcome.value}")


def bundle(url: str, parts: Sequence[tuple[str, Fetched]]) -> Fetched:
    """One Fetched holding every part; the first failure instead when any part failed."""
    bad = failure(parts)
    if bad is not None:
        return bad
    doc = {
        "bundle": _MARK,
        "parts": [
            {"name": name, "url": f.final_url or f.url, "status": f.status,
             "content_type": f.headers.get("content-type", ""),
             "body": f.body.decode("utf-8", errors="surrogateescape")}
            for name, f in parts
        ],
    }
    body = json.dumps(doc, ensure_ascii=True, sort_keys=True).encode("ascii")
    elapsed = sum(f.elapsed_ms for _, f in parts)
    return Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                   headers={"content-type": BUNDLE_TYPE}, body=body, elapsed_ms=elapsed)


def unbundle(fetched: Fetched) -> dict[str, Part] | None:
    """The parts of a bundle by name, or None when the body is not a bundle."""
    try:
        doc = json.loads(fetched.body)
    except (ValueError, RecursionError):  # absurd nesting is bad JSON too
        return None
    if not isinstance(doc, dict) or doc.get("bundle") != _MARK or not isinstance(doc.get("parts"), list):
        return None
    out: dict[str, Part] = {}
    for raw in doc["parts"]:
        if not isinstance(raw, dict):
            return None
        try:
            body = str(raw["body"]).encode("utf-8", errors="surrogateescape")
            out[str(raw["name"])] = Part(str(raw["name"]), str(raw["url"]), int(raw["status"]),
                                         str(raw["content_type"]), body)
        except (KeyError, TypeError, ValueError):
            return None
    return out
