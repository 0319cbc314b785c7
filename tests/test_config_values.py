"""Intervals and source ids: the small values sources.yaml is made of."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.config import format_interval, parse_config, parse_interval, source_id
from monitor.errors import ConfigError

UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("30m", 1800),
        ("6h", 21600),
        ("1d", 86400),
        ("2w", 1209600),
        ("1h30m", 5400),
        (" 1h 30m ", 5400),
        ("1w2d3h4m5s", 788645),
        ("0h5m", 300),
    ],
)
def test_parse_interval_examples(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["", " ", "6", "h", "6hours", "1.5h", "-1h", "30m1h", "1h1h", "1M", "6 h", "0s", "0h0m", "١h"],
)
def test_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ConfigError, match="bad interval"):
        parse_interval(text)


@given(st.integers(min_value=1, max_value=10**9))
def test_interval_round_trip(seconds: int) -> None:
    text = format_interval(seconds)
    assert parse_interval(text) == seconds
    assert re.fullmatch(r"(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?", text)


@given(st.dictionaries(st.sampled_from(list(UNITS)), st.integers(0, 999), min_size=1))
def test_interval_components_add_up(parts: dict[str, int]) -> None:
    text = "".join(f"{parts[unit]}{unit}" for unit in UNITS if unit in parts)
    total = sum(count * UNITS[unit] for unit, count in parts.items())
    if total == 0:
        with pytest.raises(ConfigError):
            parse_interval(text)
    else:
        assert parse_interval(text) == total
        assert format_interval(total) == format_interval(parse_interval(format_interval(total)))


def test_format_interval_refuses_non_whole_seconds() -> None:
    with pytest.raises(ValueError):
        format_interval(1.5)
    with pytest.raises(ValueError):
        format_interval(0)


def test_source_id_shape_and_stability() -> None:
    sid = source_id("ispace", "website", "https://ispace-inc.com/")
    assert re.fullmatch(r"ispace:website:[0-9a-f]{8}", sid)
    assert sid == source_id("ispace", "website", "https://ispace-inc.com/")
    assert sid == "ispace:website:c2e72f9d"  # pinned: stored history is keyed on it
    assert sid != source_id("ispace", "website", "https://ispace-inc.com/en/")
    assert sid != source_id("ispace", "feed", "https://ispace-inc.com/")


COMPANY_A = """\
  - slug: acme
    sources:
      - kind: website
        url: https://acme.example/
      - kind: feed
        url: https://acme.example/feed
"""
COMPANY_A_REORDERED = """\
  - slug: acme
    sources:
      - kind: feed
        url: https://acme.example/feed
        every: 2h
      - kind: website
        url: https://acme.example/
"""
COMPANY_B = """\
  - slug: beta
    sources:
      - kind: website
        url: https://beta.example/
"""


def ids(text: str) -> dict[tuple[str, str], str]:
    config = parse_config(textwrap.dedent(text), Path("sources.yaml"))
    return {(s.company, s.url): s.id for s in config.sources}


def test_source_ids_stable_under_reordering_and_reload() -> None:
    first = ids("companies:\n" + COMPANY_A + COMPANY_B)
    assert first == ids("companies:\n" + COMPANY_A + COMPANY_B)  # reload
    assert first == ids("companies:\n" + COMPANY_B + COMPANY_A_REORDERED)  # reorder, re-time
    assert len(set(first.values())) == 3
