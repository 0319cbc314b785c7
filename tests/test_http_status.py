"""Classification of answers (R25, R26, R32; table C15-C18): walls, Retry-After, 304, redirects.

Also the Retry-After parser's property test: any string gives None or a bounded delay.
"""

from __future__ import annotations

import asyncio
import json
import time
from email.utils import formatdate

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.fetch.classify import RETRY_AFTER_CAP, classify_status, is_authwall
from monitor.fetch.client import Fetcher, FetchSettings, parse_retry_after
from monitor.models import Outcome
from tests.hostile import LAST_MODIFIED, HostileServer
from tests.webserver import loopback


@pytest.mark.parametrize(("value", "expected"), [
    ("3600", 3600.0), ("0", 0.0), (" 120 ", 120.0), ("99999999999999", RETRY_AFTER_CAP),
    ("-5", None), ("1.5", None), ("soon", None), ("", None), (None, None), ("١٢", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
])
def test_C15_parse_retry_after_values(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, time.time()) == expected


def test_C15_parse_retry_after_http_dates() -> None:
    now = time.time()
    for text in (formatdate(now + 120, usegmt=True), time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(now + 120))):
        assert parse_retry_after(text, now) == pytest.approx(120, abs=1.5)
    assert parse_retry_after(formatdate(now + 30 * 86400, usegmt=True), now) == RETRY_AFTER_CAP


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=80), st.integers(min_value=-10**20, max_value=10**20).map(str),
                 st.datetimes().map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S GMT"))),
       st.floats(min_value=0, max_value=4e9))
def test_C15_property_retry_after_bounded(value: str, now: float) -> None:
    delay = parse_retry_after(value, now)
    assert delay is None or 0.0 <= delay <= RETRY_AFTER_CAP


@pytest.mark.parametrize(("host", "query", "status", "expected"), [
    ("seconds.test", "value=3600", 429, 3600.0),
    ("huge.test", "value=86400000", 429, RETRY_AFTER_CAP),
    ("garbage.test", "value=tomorrow-ish", 429, None),
    ("absent.test", "x=1", 429, None),
    ("unavailable.test", "status=503&value=90", 503, 90.0),
])
async def test_C15_retry_after(server: HostileServer, fetcher: Fetcher, host: str, query: str,
                               status: int, expected: float | None) -> None:
    path = f"/retry-after/c15?{query}"
    before = time.time()
    result = await fetcher.fetch(server.url(path, host))
    assert (result.outcome, result.status, result.retry_after) == (Outcome.ERROR, status, expected)
    until = fetcher.not_before(host)
    assert until is not None and until >= before + (expected if expected is not None else 60.0) - 1
    assert until <= time.time() + RETRY_AFTER_CAP + 1
    again = await fetcher.fetch(server.url(path, host))  # no same-cycle retry: not even a request
    assert again.error == "backoff" and again.retry_after is not None and again.retry_after > 0
    assert len(server.hits_for(path, host)) == 1
    assert fetcher.not_before("other.test") is None


async def test_C15_plain_503_does_not_back_off(server: HostileServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/status/503", "plain503.test"))
    assert (result.outcome, result.error, result.retry_after) == (Outcome.ERROR, "http_5xx", None)
    assert fetcher.not_before("plain503.test") is None


@pytest.mark.parametrize("status", [503, 403, 429, 200])
async def test_C16_cloudflare_challenge_blocked(server: HostileServer, fetcher: Fetcher, status: int) -> None:
    result = await fetcher.fetch(server.url(f"/cf-challenge?status={status}", f"cf{status}.test"))
    assert (result.outcome, result.error) == (Outcome.BLOCKED, "challenge")
    assert result.body == b""


def test_C16_challenge_markers() -> None:
    page = b"<html><title>Just a moment...</title></html>"
    assert classify_status(403, {}, b"<div class='g-recaptcha'>").outcome is Outcome.BLOCKED  # type: ignore[union-attr]
    assert classify_status(200, {}, page).outcome is Outcome.BLOCKED  # type: ignore[union-attr]
    assert classify_status(200, {}, b"<form><div class='g-recaptcha'></div></form>") is None  # contact form
    assert classify_status(403, {}, b"Forbidden").code == "http_4xx"  # type: ignore[union-attr]
    assert classify_status(401, {"cf-mitigated": "challenge"}, b"").outcome is Outcome.BLOCKED  # type: ignore[union-attr]


async def test_C17_not_modified(server: HostileServer, fetcher: Fetcher) -> None:
    first = await fetcher.fetch(server.url("/etag/c17"))
    assert (first.outcome, first.etag, first.last_modified) == (Outcome.OK, '"v1"', LAST_MODIFIED)
    again = await fetcher.fetch(server.url("/etag/c17"), etag=first.etag, last_modified=first.last_modified)
    assert (again.outcome, again.status, again.body, again.error) == (Outcome.NOT_MODIFIED, 304, b"", None)
    assert (again.etag, again.last_modified) == ('"v1"', LAST_MODIFIED)  # kept although 304 omits LM
    sent = server.hits_for("/etag/c17")[-1].headers
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"v1"', LAST_MODIFIED)  # verbatim
    by_date = await fetcher.fetch(server.url("/etag/c17"), last_modified=LAST_MODIFIED)
    assert by_date.outcome is Outcome.NOT_MODIFIED
    weak = await fetcher.fetch(server.url("/etag/c17"), etag='W/"old"\r\nX-Injected: 1')
    assert weak.outcome is Outcome.OK  # a value that could split headers is not sent
    assert "x-injected" not in server.hits_for("/etag/c17")[-1].headers


async def test_C18_rotating_etag_identical_body(server: HostileServer, fetcher: Fetcher) -> None:
    first = await fetcher.fetch(server.url("/rotating-etag/c18"))
    second = await fetcher.fetch(server.url("/rotating-etag/c18"), etag=first.etag)
    assert first.outcome is second.outcome is Outcome.OK
    assert first.etag != second.etag and first.body == second.body == b"<html>same body</html>"


@pytest.mark.parametrize("wall", ["/authwall?trk=public", "/uas/login?session_redirect=x", "/checkpoint/lg/login",
                                  "https://www.linkedin.com/login", "/signin", "/accounts/login/"])
async def test_R32_redirect_to_login_wall_blocked(server: HostileServer, fetcher: Fetcher, wall: str) -> None:
    result = await fetcher.fetch(server.url(f"/redirect?{httpx.QueryParams({'to': wall})}"))
    assert (result.outcome, result.error) == (Outcome.BLOCKED, "authwall")


def test_R32_authwall_patterns_are_narrow() -> None:
    assert not is_authwall("https://example.com/blog/login-tips")
    assert not is_authwall("https://example.com/loginpage-design")
    assert is_authwall("https://example.com/login.php?next=/")


@pytest.mark.parametrize(("path", "outcome", "code"), [
    ("/status/404", Outcome.GONE, "http_404"), ("/status/410", Outcome.GONE, "http_410"),
    ("/status/500", Outcome.ERROR, "http_5xx"), ("/status/403", Outcome.ERROR, "http_4xx"),
    ("/status/302", Outcome.ERROR, "bad_status"), ("/status/204", Outcome.OK, None),
])
async def test_R32_status_classes(server: HostileServer, fetcher: Fetcher, path: str, outcome: Outcome,
                                  code: str | None) -> None:
    result = await fetcher.fetch(server.url(path))
    assert (result.outcome, result.error) == (outcome, code)


async def test_R29_credentials_dropped_across_origins(server: HostileServer, fetcher: Fetcher) -> None:
    secret = {"Authorization": "Bearer s3cret", "Cookie": "session=1", "X-Trace": "keep"}
    same = await fetcher.fetch(server.url("/redirect?to=/headers/same"), headers=secret)
    seen = json.loads(same.body)
    assert (seen["authorization"], seen["cookie"], seen["x-trace"]) == ("Bearer s3cret", "session=1", "keep")
    other = server.url("/headers/other", "elsewhere.test")
    cross = await fetcher.fetch(server.url(f"/redirect?{httpx.QueryParams({'to': other})}"), headers=secret)
    seen = json.loads(cross.body)
    assert "authorization" not in seen and "cookie" not in seen and seen["x-trace"] == "keep"
    assert cross.final_url == other


async def test_R29_caller_cannot_override_owned_headers(server: HostileServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/headers/owned"), headers={
        "Accept-Encoding": "br", "User-Agent": "Mozilla/5.0", "Host": "evil.test", "X-Bad": "a\r\nb"})
    seen = json.loads(result.body)
    assert seen["accept-encoding"] == "gzip, deflate" and seen["user-agent"].startswith("monitor/")
    assert seen["host"].startswith("127.0.0.1") and "x-bad" not in seen


async def test_errors_never_raise(fetcher: Fetcher) -> None:
    for url in ("", "   ", "http://", "http://[::1", "http://exa%mple.com/", "https://example.com:99999/",
                "http://" + "é" * 300 + ".com/", "\x00"):
        result = await fetcher.fetch(url)
        assert result.outcome is Outcome.ERROR and result.error in ("unsafe_url", "ssrf_blocked", "dns"), result


async def test_R32_broken_error_page_keeps_its_status(server: HostileServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/encoded/br?status=503", "brokenerror.test"))
    assert (result.outcome, result.error, result.status) == (Outcome.ERROR, "http_5xx", 503)


async def test_R21_cancelled_fetch_frees_the_host(server: HostileServer, fetcher: Fetcher) -> None:
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.3):  # the caller's own per-check deadline
            await fetcher.fetch(server.url("/drip/cancel?every=0.1", "cancel.test"))
    async with asyncio.timeout(30):  # hang guard: a host still held would wait for ever
        assert (await fetcher.fetch(server.url("/ok/after-cancel", "cancel.test"))).outcome is Outcome.OK


def test_settings_from_env() -> None:
    assert FetchSettings.from_env({"MONITOR_ALLOW_PRIVATE": "1"}).allow_private is True
    assert FetchSettings.from_env({"MONITOR_ALLOW_PRIVATE": "0"}).allow_private is False
    assert FetchSettings.from_env({}).allow_private is False
    assert FetchSettings().robots_token == "monitor"


async def test_default_fetcher_reads_env(monkeypatch: pytest.MonkeyPatch, server: HostileServer) -> None:
    async with Fetcher() as strict:
        assert (await strict.fetch(server.url("/ok/env"))).error == "ssrf_blocked"
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    async with Fetcher(resolver=loopback) as open_:
        assert open_.settings.allow_private and open_.settings.min_host_delay == 1.0
