"""Redirects to non-web schemes (javascript:, data:, file:) are refused redirects, one status line.

Also from robots.txt: a robots.txt that redirects to such a URL is "unreachable", and the page's
own fetch ends with one status, never a traceback or an internal error.
"""

from __future__ import annotations

import logging

import httpx
import pytest

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Outcome
from tests.hostile import HostileServer
from tests.test_ssrf import resolver_for

STRICT = FetchSettings(allow_private=False, min_host_delay=0.0, robots=False, deadline=5.0)


ODD_TARGETS = ["javascript:alert(3)", "JavaScript:alert(document.domain)",
               "data:text/html,<script>alert(1)</script>", "data:,x", "vbscript:msgbox(1)",
               "file:///etc/passwd", "about:blank", "JAVASCRIPT://%0aalert(1)", "mailto:a@b.example"]


@pytest.mark.parametrize("target", ODD_TARGETS)
async def test_a_redirect_to_a_non_web_scheme_is_a_refused_redirect(
        public_127_0_0_2: tuple[HostileServer, HostileServer], target: str,
        caplog: pytest.LogCaptureFixture) -> None:
    public, _ = public_127_0_0_2
    location = httpx.QueryParams({"to": target})
    with caplog.at_level(logging.DEBUG):
        async with Fetcher(STRICT, resolver=resolver_for({"good.test": ["127.0.0.2"]})) as fetcher:
            result = await fetcher.fetch(public.url(f"/redirect?{location}", "good.test"))
    assert (result.outcome, result.error) == (Outcome.ERROR, "redirect_blocked"), result
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize("target", ["javascript:alert(3)", "data:text/plain,User-agent: *"])
async def test_robots_txt_redirecting_to_a_non_web_scheme_is_one_status(
        public_127_0_0_2: tuple[HostileServer, HostileServer], target: str,
        caplog: pytest.LogCaptureFixture) -> None:
    public, _ = public_127_0_0_2
    public.robots["r.test"] = (301, target.encode())
    settings = FetchSettings(allow_private=False, min_host_delay=0.0, deadline=5.0)
    with caplog.at_level(logging.DEBUG):
        async with Fetcher(settings, resolver=resolver_for({"r.test": ["127.0.0.2"]})) as fetcher:
            result = await fetcher.fetch(public.url("/ok/robots-odd", "r.test"))
    assert (result.outcome, result.error) == (Outcome.ERROR, "robots_unreachable"), result
    assert public.hits_for("/ok/robots-odd") == []
    assert not any(r.exc_info for r in caplog.records)
