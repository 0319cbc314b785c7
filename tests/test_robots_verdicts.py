"""A robots.txt's verdicts are remembered per rules object: rules read anew answer anew."""

from __future__ import annotations

import time

import pytest

from monitor.fetch import robots
from monitor.fetch.robots import RobotsState, parse_rules

TOKEN = "monitor"


def rules(text: str) -> robots.RobotsRules:
    return parse_rules(RobotsState.PARSED, "", text, time.time() + 60)


def test_a_remembered_verdict_is_the_parsers_verdict() -> None:
    r = rules("User-agent: *\nDisallow: /private\n")
    urls = ["http://a.test/", "http://a.test/private/x", "http://a.test/public", "http://a.test/private"]
    first = [r.allows(u, TOKEN) for u in urls]
    again = [r.allows(u, TOKEN) for u in urls]
    assert first == again == [True, False, True, False]
    assert r.parser is not None
    assert first == [r.parser.can_fetch(u, TOKEN) for u in urls]


def test_the_token_is_part_of_the_verdict() -> None:
    r = rules("User-agent: monitor\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    assert r.allows("http://a.test/page", TOKEN) is False
    assert r.allows("http://a.test/page", "otherbot") is True
    assert r.allows("http://a.test/page", TOKEN) is False


def test_a_refreshed_robots_txt_is_not_answered_from_the_old_verdicts() -> None:
    old = rules("User-agent: *\nAllow: /\n")
    assert old.allows("http://a.test/news", TOKEN) is True
    new = rules("User-agent: *\nDisallow: /news\n")
    assert new.allows("http://a.test/news", TOKEN) is False
    assert old.allows("http://a.test/news", TOKEN) is True  # each rules object its own


def test_replace_does_not_share_the_memo() -> None:
    from dataclasses import replace

    r = rules("User-agent: *\nDisallow: /x\n")
    assert r.allows("http://a.test/x", TOKEN) is False
    copy = replace(r, text="")
    assert copy._verdicts == {} and copy.allows("http://a.test/x", TOKEN) is False


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(robots, "MAX_VERDICTS", 5)
    r = rules("User-agent: *\nDisallow: /odd\n")
    for i in range(23):
        assert r.allows(f"http://a.test/{'odd' if i % 2 else 'even'}/{i}", TOKEN) is (i % 2 == 0)
        assert len(r._verdicts) <= 5


def test_unreachable_and_allow_all_are_answered_without_a_parser() -> None:
    down = parse_rules(RobotsState.UNREACHABLE, "timeout", "", time.time() + 60, "timeout")
    open_ = parse_rules(RobotsState.ALLOW_ALL, "HTTP 404", "", time.time() + 60)
    assert down.allows("http://a.test/", TOKEN) is False
    assert open_.allows("http://a.test/", TOKEN) is True
