"""SSRF and URL-policy tests (the B cases of docs/reliability.md) for netguard and the pinned transport.

Refusals are tested with ``allow_private=False`` and an injectable resolver, so every case is
hermetic. Where a test needs a reachable "public" host, 127.0.0.2 plays one: the
``public_127_0_0_2`` fixture tells the gate so (and allows the test server's port), while
127.0.0.1 stays private; a second server on 127.0.0.1 proves nothing ever reaches it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from monitor.errors import UnsafeURL
from monitor.fetch import netguard
from monitor.fetch.client import Fetcher, FetchSettings, check_url
from monitor.fetch.transport import GuardedResolver, GuardedTransport, Resolver, SSRFBlocked
from monitor.models import Outcome
from tests.hostile import HostileServer

STRICT = FetchSettings(allow_private=False, min_host_delay=0.0, robots=False, deadline=5.0)

B1_SCHEMES = ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.com/x",
              "gopher://example.com:70/_x", "FILE:///etc/passwd", "file:/etc/passwd",
              "file:etc/passwd", "http:/example.com/", "http:example.com", "//example.com/"]
B2_LOOPBACK = ["http://127.0.0.1/", "http://localhost./", "http://localhost/", "http://[::1]/",
               "http://0.0.0.0/", "http://0/", "http://127.1/", "http://2130706433/",
               "http://0x7f000001/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://[::]/",
               "http://sub.localhost/", "http://[0:0:0:0:0:ffff:127.0.0.1]/"]
B3_METADATA = ["http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/",
               "http://metadata.google.internal/", "http://[::ffff:a9fe:a9fe]/",
               "http://[2002:a9fe:a9fe::1]/", "http://[fe80::1]/", "http://[fe80::1%25eth0]/"]
B4_PRIVATE = ["http://100.64.0.1/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
              "http://[fd00::1]/", "http://224.0.0.1/", "http://192.0.2.1/", "http://198.18.0.1/",
              "http://240.0.0.1/", "http://255.255.255.255/", "http://[ff02::1]/", "http://intranet/"]
PUBLIC_CONTROLS = ["https://example.com/", "http://93.184.216.34/", "https://[2606:4700::1111]/",
                   "https://www.ispace-inc.com/en/company", "HTTPS://Example.COM:443/a?b=c#d",
                   "http://example.com./", "https://bücher.example/", "https://xn--bcher-kva.example/"]


def resolver_for(table: dict[str, list[str]], calls: list[str] | None = None) -> Resolver:
    """A stub resolver: host -> addresses (unknown hosts fail like NXDOMAIN)."""

    async def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise OSError(f"NXDOMAIN {host}")
        return table[host]

    return resolve


@pytest.fixture
async def strict_fetcher() -> AsyncIterator[Fetcher]:
    """allow_private=False; every name resolves to 10.0.0.5 unless a test says otherwise."""
    async with Fetcher(STRICT, resolver=resolver_for({"example.com": ["10.0.0.5"]})) as fetcher:
        yield fetcher


@pytest.mark.parametrize("url", B1_SCHEMES)
async def test_B1_schemes_refused(url: str, strict_fetcher: Fetcher) -> None:
    with pytest.raises(UnsafeURL, match="scheme"):
        check_url(url, allow_private=True)
    result = await strict_fetcher.fetch(url)
    assert (result.outcome, result.error) == (Outcome.ERROR, "unsafe_url")


@pytest.mark.parametrize("url", B2_LOOPBACK)
async def test_B2_loopback_notations_blocked(url: str, strict_fetcher: Fetcher) -> None:
    with pytest.raises(netguard.PrivateAddress):
        check_url(url)
    result = await strict_fetcher.fetch(url)
    assert (result.outcome, result.error) == (Outcome.ERROR, "ssrf_blocked")


@pytest.mark.parametrize("url", B3_METADATA)
def test_B3_metadata_and_mapped_blocked(url: str) -> None:
    with pytest.raises(netguard.PrivateAddress):
        check_url(url)


@pytest.mark.parametrize("address", ["169.254.169.254", "::ffff:169.254.169.254", "2002:a9fe:a9fe::1",
                                     "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fe80::1%eth0", "100.127.255.1",
                                     "64:ff9b::a9fe:a9fe", "::127.0.0.1", "64:ff9b:1::1"])
def test_B3_embedded_ipv4_unwrapped(address: str) -> None:
    # 2001:0:...:3fff:fdd2 is Teredo (RFC 4380 example) whose client is 192.0.2.45: not global;
    # 64:ff9b::/96 is NAT64 (reaches 169.254.169.254 here); ::a.b.c.d is IPv4-compatible.
    assert not netguard.is_public_address(address)
    with pytest.raises(netguard.BlockedAddress):
        netguard.check_addresses("h.example", ["8.8.8.8", address], allow_private=False)


@pytest.mark.parametrize("url", B4_PRIVATE)
def test_B4_private_ranges_blocked(url: str) -> None:
    with pytest.raises(netguard.PrivateAddress):
        check_url(url)


@pytest.mark.parametrize("url", PUBLIC_CONTROLS)
def test_B4_public_controls_allowed(url: str) -> None:
    assert check_url(f"  {url}\n") == url


@pytest.mark.parametrize("url", ["http://169.254.169.254:8888\\@example.com/", "http://example.com\\@10.0.0.1/",
                                 "http://exa mple.com/", "http://example.com/\x00", "http://example.com/\r\nX: y"])
def test_B5_backslash_rejected(url: str) -> None:
    with pytest.raises(UnsafeURL):
        check_url(url, allow_private=True)


async def test_B6_any_private_answer_blocks(public_127_0_0_2: tuple[HostileServer, HostileServer]) -> None:
    public, private = public_127_0_0_2
    calls: list[str] = []
    table = {"mixed.test": ["127.0.0.2", "10.0.0.5"], "mixed6.test": ["127.0.0.2", "::1"],
             "good.test": ["127.0.0.2"], "mapped.test": ["::ffff:127.0.0.1"]}
    async with Fetcher(STRICT, resolver=resolver_for(table, calls)) as fetcher:
        for host in ("mixed.test", "mixed6.test", "mapped.test"):
            result = await fetcher.fetch(public.url("/ok/b6", host))
            assert (result.outcome, result.error) == (Outcome.ERROR, "ssrf_blocked"), result
        assert not public.hits_for("/ok/b6") and not private.hits_for("/ok/b6")
        assert (await fetcher.fetch(public.url("/ok/b6", "good.test"))).outcome is Outcome.OK
    assert calls.count("mixed.test") == 1


async def test_B6_resolver_answers_are_gated() -> None:
    resolver = GuardedResolver(resolver_for({"a.test": ["8.8.8.8", "100.64.1.1"], "b.test": ["8.8.8.8"],
                                             "c.test": ["not-an-ip"], "d.test": []}), allow_private=False)
    with pytest.raises(netguard.BlockedAddress):
        await resolver.resolve("a.test", 80)
    assert [r["host"] for r in await resolver.resolve("b.test", 80)] == ["8.8.8.8"]
    for host in ("c.test", "d.test", "nxdomain.test"):
        with pytest.raises(OSError):
            await resolver.resolve(host, 80)


async def test_B7_dns_rebinding_pinned(public_127_0_0_2: tuple[HostileServer, HostileServer]) -> None:
    public, private = public_127_0_0_2
    answers = iter([["127.0.0.2"]] + [["127.0.0.1"]] * 50)
    calls: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:  # TTL 0: public first, then private
        calls.append(host)
        return next(answers)

    url = public.url("/ok/b7", "rebind.test")
    async with Fetcher(STRICT, resolver=rebinding) as fetcher:
        for _ in range(3):
            assert (await fetcher.fetch(url)).outcome is Outcome.OK
        response = await fetcher.client.get(url)  # the post-hoc peer check saw the pinned IP
        assert response.extensions["server_addr"] == ("127.0.0.2", public.port)
    assert len(calls) == 1  # one resolution served both the check and the connect
    async with Fetcher(STRICT, resolver=rebinding) as fetcher:  # a fresh lookup now says private
        result = await fetcher.fetch(url)
        assert (result.outcome, result.error) == (Outcome.ERROR, "ssrf_blocked")
    assert {h.local for h in public.hits_for("/ok/b7")} == {"127.0.0.2"}
    assert private.hits_for("/ok/b7") == []


async def test_B7_socket_gate_catches_ip_literals(public_127_0_0_2: tuple[HostileServer, HostileServer]) -> None:
    public, private = public_127_0_0_2
    transport = GuardedTransport(allow_private=False)  # no static check_url in front of it
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(SSRFBlocked):
            await client.get(f"http://127.0.0.1:{public.port}/ok/b7-literal")
        assert (await client.get(f"http://127.0.0.2:{public.port}/ok/b7-literal")).status_code == 200
    assert private.hits_for("/ok/b7-literal") == []


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/ok/b8", "file:///etc/passwd", "gopher://x:70/_",
                                    "http://169.254.169.254/latest/", "http://evil.test:{port}/ok/b8",
                                    "http://u:p@good.test:{port}/ok/b8", "http://localhost:{port}/ok/b8"])
async def test_B8_redirect_to_private_blocked(public_127_0_0_2: tuple[HostileServer, HostileServer],
                                              target: str) -> None:
    public, private = public_127_0_0_2
    table = {"good.test": ["127.0.0.2"], "evil.test": ["127.0.0.1"]}
    location = httpx.QueryParams({"to": target.format(port=public.port)})
    async with Fetcher(STRICT, resolver=resolver_for(table)) as fetcher:
        result = await fetcher.fetch(public.url(f"/redirect?{location}", "good.test"))
    assert (result.outcome, result.error) == (Outcome.ERROR, "redirect_blocked"), result
    assert result.body == b""
    assert private.hits_for("/ok/b8") == []


async def test_B8_robots_redirect_to_private_is_unreachable(
    public_127_0_0_2: tuple[HostileServer, HostileServer],
) -> None:
    public, private = public_127_0_0_2
    public.robots["r.test"] = (301, f"http://127.0.0.1:{public.port}/robots.txt".encode())
    private.robots["r.test"] = (200, b"User-agent: *\nAllow: /\n")
    settings_ = FetchSettings(allow_private=False, min_host_delay=0.0, deadline=5.0)
    async with Fetcher(settings_, resolver=resolver_for({"r.test": ["127.0.0.2"]})) as fetcher:
        result = await fetcher.fetch(public.url("/ok/b8r", "r.test"))
    assert (result.outcome, result.error) == (Outcome.ERROR, "robots_unreachable")
    assert len(public.hits_for("/robots.txt", "r.test")) == 1
    assert private.hits_for("/robots.txt") == [] and public.hits_for("/ok/b8r") == []


async def test_B9_proxy_env_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    with HostileServer() as target, HostileServer() as proxy:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
            monkeypatch.setenv(name, proxy.url("/"))
        settings_ = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False)
        async with Fetcher(settings_) as fetcher:
            assert (await fetcher.fetch(target.url("/ok/b9"))).outcome is Outcome.OK
        assert proxy.hits == [] and len(target.hits_for("/ok/b9")) == 1


@pytest.mark.parametrize("url", ["http://user:pass@example.com/", "http://user@example.com/",
                                 "https://:secret@example.com/", "http://@example.com/"])
async def test_B10_credentials_refused(url: str, strict_fetcher: Fetcher) -> None:
    with pytest.raises(UnsafeURL, match="credentials"):
        check_url(url, allow_private=True)
    result = await strict_fetcher.fetch(url)
    assert result.error == "unsafe_url" and "pass" not in (result.detail or "")


@pytest.mark.parametrize("url", ["http://" + "a" * 10_000 + ".com/", "http://a..b.com/", "http://" + "x" * 64 + ".com/",
                                 "http://\u200b\u0000.com/", "http://exa\tmple.com/", "http:///path"])
def test_B11_odd_hosts_refused(url: str) -> None:
    with pytest.raises(UnsafeURL):
        check_url(url, allow_private=True)


async def test_B11_idn_host_sent_as_punycode() -> None:
    with HostileServer() as server:
        settings_ = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False)
        async with Fetcher(settings_, resolver=resolver_for({"xn--bcher-kva.example": ["127.0.0.1"]})) as fetcher:
            result = await fetcher.fetch(server.url("/ok/b11", "bücher.example") + "  ")
        assert result.outcome is Outcome.OK
        assert server.hits_for("/ok/b11")[0].host == "xn--bcher-kva.example"


@pytest.mark.parametrize("port", [22, 25, 6379, 8080, 0])
def test_B12_nonstandard_ports_blocked(port: int) -> None:
    with pytest.raises(UnsafeURL, match="port"):
        check_url(f"http://example.com:{port}/")
    assert check_url(f"http://example.com:{port}/", allow_private=True)
