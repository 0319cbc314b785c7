"""Transport faults (C1-C14) against the adversarial server in tests/hostile.py.

Every test bounds its own time: short deadlines and timeouts, and the server's endless routes
stop by themselves. Nothing that fails may come back as an OK body (NFC).
"""

from __future__ import annotations

import asyncio
import resource
import socket
import ssl
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from monitor.fetch.body import Inflater
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Fetched, Outcome
from tests.hostile import HostileServer
from tests.webserver import loopback

FAST = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0,
                     read_timeout=2.0, connect_timeout=2.0)
MB = 1024 * 1024



def assert_error(result: Fetched, code: str) -> None:
    """An ERROR with this code and no body: nothing a differ could mistake for content."""
    assert (result.outcome, result.error) == (Outcome.ERROR, code), result
    assert result.body == b""


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_ok_baseline_and_identity(server: HostileServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/headers/base"), accept="application/json")
    assert result.outcome is Outcome.OK and result.status == 200
    assert result.content_type == "application/json"
    seen = server.hits_for("/headers/base")[0].headers
    assert seen["user-agent"].startswith("monitor/0.1 (+https://")
    assert seen["accept-encoding"] == "gzip, deflate"
    assert seen["accept"] == "application/json"
    assert "cookie" not in seen and "authorization" not in seen


async def test_C1_endless_body_capped(server: HostileServer, fetcher: Fetcher) -> None:
    before = rss_mb()
    tracemalloc.start()
    try:
        result = await fetcher.fetch(server.url("/endless/c1"), max_bytes=2 * MB)
        small = await fetcher.fetch(server.url("/endless/c1b"))  # the default 5 MiB cap
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_error(result, "too_large")
    assert_error(small, "too_large")  # without the cap, the fetch deadline would end it: "timeout"
    assert peak < 5 * MB + 50 * MB and rss_mb() - before < 50


async def test_C2_huge_content_length_aborts_before_reading(server: HostileServer, fetcher: Fetcher) -> None:
    async with asyncio.timeout(60):  # hang guard: the server drips its 6 MB over 50 s
        result = await fetcher.fetch(server.url("/huge-length/c2"))
    assert_error(result, "too_large")
    assert "Content-Length 10737418240" in (result.detail or "")


async def test_C3_gzip_bomb(server: HostileServer, fetcher: Fetcher) -> None:
    before = rss_mb()
    tracemalloc.start()
    try:
        capped = await fetcher.fetch(server.url("/gzip-bomb/c3"), max_bytes=1 * MB)
        default = await fetcher.fetch(server.url("/gzip-bomb/c3b"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_error(capped, "too_large")
    assert_error(default, "too_large")
    assert peak < 5 * MB + 50 * MB and rss_mb() - before < 50
    allowed = await fetcher.fetch(server.url("/gzip-bomb/c3c"), max_bytes=11 * MB)
    assert allowed.outcome is Outcome.OK and allowed.body == b"\0" * (10 * MB)


def test_C3_inflater_bounded_per_chunk() -> None:
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(squeezer.compress(b"\0" * MB) for _ in range(64)) + squeezer.flush()  # 64 MiB
    assert len(bomb) < 100_000
    out = Inflater("gzip").feed(bomb, room=1000)  # one call, whole bomb: still bounded
    assert 1000 < len(out) <= 1001


@pytest.mark.parametrize("kind", ["br", "zstd"])
async def test_C4_unoffered_encoding_refused(server: HostileServer, fetcher: Fetcher, kind: str) -> None:
    result = await fetcher.fetch(server.url(f"/encoded/{kind}"))
    assert_error(result, "bad_encoding")
    assert kind in (result.detail or "")


@pytest.mark.parametrize("kind", ["gzip", "deflate", "raw-deflate"])
async def test_C4_offered_encodings_decoded(server: HostileServer, fetcher: Fetcher, kind: str) -> None:
    result = await fetcher.fetch(server.url(f"/encoded/{kind}"))
    assert result.outcome is Outcome.OK
    assert result.body == b"<html>" + b"compressed hello " * 100 + b"</html>"


async def test_C5_nested_encoding_refused(server: HostileServer, fetcher: Fetcher) -> None:
    assert_error(await fetcher.fetch(server.url("/encoded/nested")), "bad_encoding")
    assert_error(await fetcher.fetch(server.url("/encoded/garbage")), "bad_encoding")


async def test_C6_redirect_loop_and_chain(server: HostileServer, fetcher: Fetcher) -> None:
    loop = await fetcher.fetch(server.url("/loop/a"))
    assert_error(loop, "too_many_redirects")
    assert "loop" in (loop.detail or "")
    chain = await fetcher.fetch(server.url("/chain/30"))
    assert_error(chain, "too_many_redirects")
    assert len(server.hits_for("/chain/")) == 6  # the first request and 5 hops, then stop
    five = await fetcher.fetch(server.url("/chain/5"))
    assert five.outcome is Outcome.OK and five.final_url.endswith("/chain/0")
    assert_error(await fetcher.fetch(server.url("/chain/6")), "too_many_redirects")


async def test_C7_slowloris_deadline(server: HostileServer) -> None:
    settings = FetchSettings(allow_private=True, robots=False, deadline=2.0, read_timeout=1.0)
    async with Fetcher(settings) as fetcher:
        started = time.monotonic()
        async with asyncio.timeout(60):  # hang guard: the drip lasts 120 s
            result = await fetcher.fetch(server.url("/drip/c7?every=0.5"))  # read timeout never fires
    assert_error(result, "timeout")
    assert time.monotonic() - started >= 1.9  # the 2 s deadline ended it (a lower bound: load-proof)


async def test_C8_accept_and_never_answer(server: HostileServer) -> None:
    settings = FetchSettings(allow_private=True, robots=False, deadline=100.0, read_timeout=0.5)
    async with Fetcher(settings) as fetcher:
        async with asyncio.timeout(60):  # hang guard: only the read timeout can end it in time
            result = await fetcher.fetch(server.url("/silent/c8"))
    assert_error(result, "timeout")


async def test_C9_blackholed_connect_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port))  # the accept queue is now full
    try:
        settings = FetchSettings(allow_private=True, robots=False, connect_timeout=0.5)
        async with Fetcher(settings) as fetcher:
            async with asyncio.timeout(50):  # hang guard: only the connect timeout ends it in time
                result = await fetcher.fetch(f"http://127.0.0.1:{port}/c9")
        assert_error(result, "timeout")
    finally:
        filler.close()
        listener.close()


@pytest.mark.parametrize("path", ["/reset/c10", "/short/c10", "/broken-chunked/c10",
                                  "/broken-chunked/c10?split=1", "/encoded/cut-gzip"])
async def test_C10_truncated_never_ok(server: HostileServer, fetcher: Fetcher, path: str) -> None:
    assert_error(await fetcher.fetch(server.url(path)), "truncated")


@pytest.mark.parametrize(("path", "outcome", "code"), [
    ("/status/999", Outcome.BLOCKED, "blocked_999"),
    ("/status/600", Outcome.ERROR, "bad_status"),
    ("/status/000", Outcome.ERROR, "bad_status"),
    ("/status/099", Outcome.ERROR, "bad_status"),
    ("/status/1000", Outcome.ERROR, "protocol"),
    ("/status/abc", Outcome.ERROR, "protocol"),
    ("/big-header/c12", Outcome.ERROR, "protocol"),
])
async def test_C12_garbage_status_and_headers(server: HostileServer, fetcher: Fetcher, path: str,
                                              outcome: Outcome, code: str) -> None:
    result = await fetcher.fetch(server.url(path))
    assert (result.outcome, result.error) == (outcome, code), result
    assert result.body == b""


async def test_C12_duplicate_content_type(server: HostileServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/dup-ct/c12"))
    assert result.outcome is Outcome.OK and result.content_type == "text/html"


async def test_C13_tls_verified_on_pinned_address(server: HostileServer, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=str(cert))
    with HostileServer(tls=served) as tls:
        async with Fetcher(FAST, resolver=loopback) as stock:
            assert_error(await stock.fetch(tls.url("/ok/c13", "tls.test")), "tls")  # self-signed
        async with Fetcher(FAST, resolver=loopback, ssl_context=trusting) as fetcher:
            good = await fetcher.fetch(tls.url("/ok/c13", "tls.test"))  # pinned IP, name verified
            assert good.outcome is Outcome.OK, good
            assert_error(await fetcher.fetch(tls.url("/ok/c13", "wrong.test")), "tls")
            downgrade = await fetcher.fetch(tls.url(f"/redirect?to={server.url('/ok/c13-plain', 'tls.test')}",
                                                    "tls.test"))
            assert_error(downgrade, "redirect_blocked")
            assert "downgrade" in (downgrade.detail or "")
    assert server.hits_for("/ok/c13-plain") == []


async def test_C14_dns_failures(server: HostileServer) -> None:
    async def broken(host: str, port: int) -> list[str]:
        if host == "slow.test":
            await asyncio.sleep(600)  # a resolver that hangs: the DNS deadline must cut it
        if host == "garbage.test":
            return ["not an address"]
        raise OSError("NXDOMAIN")

    settings = FetchSettings(allow_private=True, robots=False, connect_timeout=0.3, deadline=100.0)
    async with Fetcher(settings, resolver=broken) as fetcher:
        for host in ("nx.test", "garbage.test", "slow.test"):
            async with asyncio.timeout(60):  # hang guard: only the DNS deadline ends it in time
                result = await fetcher.fetch(server.url("/ok/c14", host))
            assert_error(result, "dns")


async def test_set_cookie_is_never_kept_or_sent_back() -> None:
    """A session cookie from one answer never rides along on the next request (privacy, R29)."""
    from monitor.fetch.client import Fetcher, FetchSettings
    from tests.webserver import serve

    with serve() as (site, base):
        site.set("/a", "<html><body>a</body></html>", headers={"Set-Cookie": "session=abc; Path=/"})
        async with Fetcher(FetchSettings(allow_private=True, min_host_delay=0, robots=False)) as f:
            first = await f.fetch(base + "/a")
            second = await f.fetch(base + "/a")
        assert first.outcome.value == second.outcome.value == "ok"
        assert [h.headers.get("Cookie") for h in site.hits("/a")] == [None, None]
        assert len(f.client.cookies) == 0
