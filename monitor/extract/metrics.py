"""Counts on social pages ("5,750 followers", "1.2M") and the ``thresholds`` option."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import Field

_COUNT = re.compile(r"(\d[\d,.\u202f\u00a0 ]*)\s*([KkMm]\b|Mio\.?|Tsd\.?)?")


def count(text: str) -> float | None:
    """A count as written on a page: "5,750" → 5750, "1.2M" → 1200000, "3,9 K" → 3900."""
    m = _COUNT.search(text)
    if not m:
        return None
    digits, suffix = m.group(1).strip(), (m.group(2) or "").lower().rstrip(".")
    scale = {"k": 1e3, "tsd": 1e3, "m": 1e6, "mio": 1e6}.get(suffix, 1.0)
    compact = re.sub(r"[\s\u202f\u00a0]", "", digits)
    if scale != 1.0:
        number = compact.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", compact):
        number = re.sub(r"[.,]", "", compact)  # thousands separators, either convention
    else:
        number = compact.replace(",", ".")
    try:
        return float(number) * scale
    except ValueError:
        return None


def thresholds_field(names: Iterable[str]) -> object:
    """The ``thresholds`` option: metric name → smallest move that is worth a change."""
    listed = ", ".join(names)
    return Field(default_factory=dict,
                 description=f"Metric alerts: name ({listed}) → the smallest move since the last "
                             f"alert that is a change, e.g. {{followers: 1000}}. Unset: no alerts.")


def check_thresholds(value: dict[str, float], names: tuple[str, ...]) -> dict[str, float]:
    """Refuse unknown metric names and negative or zero steps."""
    for name, step in value.items():
        if name not in names:
            raise ValueError(f"unknown metric {name!r}; known: {', '.join(names)}")
        if step <= 0:
            raise ValueError(f"threshold for {name!r} must be positive")
    return value
