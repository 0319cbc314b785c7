"""Proxies (HTTP CONNECT and SOCKS5): the target still passes the SSRF gate, by address.

Two small proxies run in the test's event loop and log what they are asked to connect to
and every request line that passes through them. 127.0.0.2 plays the public site (the gate
is told so); 127.0.0.1 is private and hosts the proxies themselves, which an operator may
well run on a private address.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import ssl
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.fetch import netguard
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.proxies import ProxyFetchers
from monitor.fetch.proxy import ProxyURL
from monitor.models import Outcome
from tests.hostile import HostileServer
from tests.test_config import one_company, write
from tests.webserver import Site, serve

USER, PASSWORD = "scout", "pa55-w0rd-never-logged"


@dataclass
class ProxyLog:
    """What a test proxy was asked for."""

    targets: list[tuple[str, int]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    auth_failures: int = 0


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                log: list[str] | None) -> None:
    try:
        while data := await reader.read(65536):
            if log is not None:
                log.extend(p.decode() for p in re.findall(rb"GET (\S+) HTTP/1", data))
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def _tunnel(log: ProxyLog, host: str, port: int, client_r: asyncio.StreamReader,
                  client_w: asyncio.StreamWriter, ok: bytes) -> None:
    log.targets.append((host, port))
    target_r, target_w = await asyncio.open_connection(host, port)
    client_w.write(ok)
    await client_w.drain()
    await asyncio.gather(_pipe(client_r, target_w, log.requests), _pipe(target_r, client_w, None))


async def socks5(log: ProxyLog, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
    """RFC 1928 CONNECT with RFC 1929 username/password."""
    _, count = await r.readexactly(2)
    await r.readexactly(count)
    w.write(b"\x05\x02")
    _, ulen = await r.readexactly(2)
    user = await r.readexactly(ulen)
    (plen,) = await r.readexactly(1)
    password = await r.readexactly(plen)
    if (user.decode(), password.decode()) != (USER, PASSWORD):
        log.auth_failures += 1
        w.write(b"\x01\x01")
        w.close()
        return
    w.write(b"\x01\x00")
    _, _, _, atyp = await r.readexactly(4)
    if atyp == 1:
        host = ".".join(str(b) for b in await r.readexactly(4))
    else:  # a name: our client must never send one
        (n,) = await r.readexactly(1)
        host = "name:" + (await r.readexactly(n)).decode()
    port = int.from_bytes(await r.readexactly(2), "big")
    if host.startswith("name:"):
        log.targets.append((host, port))
        w.close()
        return
    await _tunnel(log, host, port, r, w, b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")


async def http_connect(log: ProxyLog, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
    """CONNECT host:port with Basic proxy authorization."""
    head = (await r.readuntil(b"\r\n\r\n")).decode("latin-1")
    target = head.split()[1]
    wanted = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    if f"Proxy-Authorization: Basic {wanted}".lower() not in head.lower():
        log.auth_failures += 1
        w.write(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
        w.close()
        return
    host, port = target.rsplit(":", 1)
    await _tunnel(log, host, int(port), r, w, b"HTTP/1.1 200 Connection established\r\n\r\n")


@pytest.fixture
def public(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, str, int]]:
    """A 'public' site on 127.0.0.2 (and a private one on 127.0.0.1 that must stay unreached)."""
    real = netguard.is_public_address
    monkeypatch.setattr(netguard, "is_public_address", lambda a: a == "127.0.0.2" or real(a))
    with serve(address="127.0.0.2") as (site, base):
        port = int(base.rsplit(":", 1)[1])
        monkeypatch.setattr(netguard, "ALLOWED_PORTS", frozenset({80, 443, port}))
        site.set("/page", "<html><body><p>via the proxy</p></body></html>")
        yield site, base, port


@pytest.fixture(params=["socks5", "http"])
async def proxy(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, ProxyLog]]:
    """A running proxy of each kind on 127.0.0.1; yields (scheme, log)."""
    log = ProxyLog()
    handler = socks5 if request.param == "socks5" else http_connect
    server = await asyncio.start_server(lambda r, w: handler(log, r, w), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"{request.param}://{USER}:{PASSWORD}@127.0.0.1:{port}", log
    server.close()


async def resolve(host: str, port: int) -> list[str]:
    """site.example is the public site; rebind.example answers with a private address."""
    return {"site.example": ["127.0.0.2"], "rebind.example": ["127.0.0.1"]}.get(host, ["127.0.0.2"])


def strict(proxy_url: str | None) -> FetchSettings:
    """Private addresses refused (MONITOR_ALLOW_PRIVATE unset), the proxy as the env gives it."""
    proxy = FetchSettings.from_env({"MONITOR_PROXY_URL": proxy_url} if proxy_url else {}).proxy
    return FetchSettings(allow_private=False, min_host_delay=0.0, robots=False, deadline=5.0,
                         proxy=proxy)


async def test_fetch_goes_through_the_proxy_to_the_checked_address(
        public: tuple[Site, str, int], proxy: tuple[str, ProxyLog]) -> None:
    site, _, port = public
    url, log = proxy
    async with Fetcher(strict(url), resolver=resolve) as fetcher:
        fetched = await fetcher.fetch(f"http://site.example:{port}/page")
    assert fetched.outcome is Outcome.OK and b"via the proxy" in fetched.body
    assert log.targets == [("127.0.0.2", port)]  # an address, never the name
    assert log.requests == ["/page"] and [h.path for h in site.hits()] == ["/page"]


async def test_private_target_is_refused_before_the_proxy_is_asked(
        public: tuple[Site, str, int], proxy: tuple[str, ProxyLog]) -> None:
    _, _, port = public
    url, log = proxy
    with serve() as (private, inside):
        private.set("/", "secret")
        async with Fetcher(strict(url), resolver=resolve) as fetcher:
            rebound = await fetcher.fetch(f"http://rebind.example:{port}/")
            literal = await fetcher.fetch(inside + "/")
    assert (rebound.outcome, rebound.error) == (Outcome.ERROR, "ssrf_blocked")
    assert literal.outcome is Outcome.ERROR and literal.error in ("ssrf_blocked", "unsafe_url")
    assert log.targets == [] and private.hits() == []


async def test_credentials_are_never_logged_or_shown(
        public: tuple[Site, str, int], proxy: tuple[str, ProxyLog],
        caplog: pytest.LogCaptureFixture) -> None:
    _, _, port = public
    url, log = proxy
    wrong = url.replace(PASSWORD, PASSWORD[::-1])
    caplog.set_level(logging.DEBUG)
    async with Fetcher(strict(wrong), resolver=resolve) as fetcher:
        refused = await fetcher.fetch(f"http://site.example:{port}/page")
    assert refused.outcome is Outcome.ERROR and log.auth_failures == 1
    shown = " ".join([caplog.text, refused.detail or "", repr(strict(url)), ProxyURL.parse(url).safe])
    assert PASSWORD not in shown and PASSWORD[::-1] not in shown and USER + ":" not in shown


async def test_a_source_names_its_proxy_and_the_browser_uses_it(
        public: tuple[Site, str, int], proxy: tuple[str, ProxyLog]) -> None:
    from monitor.fetch.browser import Browser
    from tests.test_render import APP_JS, FAST, SHELL, company

    site, _, port = public
    url, log = proxy
    site.set("/", SHELL)
    site.set("/app.js", APP_JS, content_type="text/javascript")
    site.set("/api/company.json", company("info@acme-orbital.example", "Jane Doe"),
             content_type="application/json")
    async with Fetcher(strict(None), resolver=resolve) as direct, \
            ProxyFetchers(strict(None), {"MONITOR_PROXY_URL_CORP": url}, resolver=resolve) as named, \
            Browser(FAST) as browser:
        fetcher = named.for_source({"proxy": "corp"}, direct)
        assert fetcher is not direct and named.for_source({}, direct) is direct
        page = await fetcher.fetch(f"http://site.example:{port}/")
        rendered = await browser.render(page, fetcher)
    assert rendered.outcome is Outcome.OK and b"info@acme-orbital.example" in rendered.body
    assert {"/", "/app.js", "/api/company.json"} <= set(log.requests)
    assert all(target == ("127.0.0.2", port) for target in log.targets)


def test_proxy_names_come_from_the_environment(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    text = one_company("- kind: website\n  url: https://acme.example/\n  proxy: corp\n")
    with pytest.raises(ConfigError, match=r":7:.*sources\[0\]\.proxy.*MONITOR_PROXY_URL_CORP"):
        load_config(write(tmp_path, text))
    monkeypatch.setenv("MONITOR_PROXY_URL_CORP", "socks5://127.0.0.1:1080")
    assert load_config(write(tmp_path, text)).companies[0].sources[0].options["proxy"] == "corp"
    inline = one_company("- kind: website\n  url: https://acme.example/\n"
                         "  proxy: http://proxy.example:3128\n")
    with pytest.raises(ConfigError, match=r"sources\[0\]\.proxy"):
        load_config(write(tmp_path, inline, "inline.yaml"))
    with pytest.raises(ConfigError, match="MONITOR_PROXY_URL"):
        FetchSettings.from_env({"MONITOR_PROXY_URL": "ftp://proxy.example"})


async def test_https_through_the_proxy_verifies_the_host_name(
        public: tuple[Site, str, int], proxy: tuple[str, ProxyLog],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """TLS runs inside the tunnel to the checked address, and verifies the original name."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=tls.test", "-addext", "subjectAltName=DNS:tls.test"],
                   check=True, capture_output=True, timeout=30)
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    url, log = proxy
    with HostileServer("127.0.0.2", tls=served) as tls:
        monkeypatch.setattr(netguard, "ALLOWED_PORTS", frozenset({80, 443, tls.port}))
        async with Fetcher(strict(url), resolver=resolve,
                           ssl_context=ssl.create_default_context(cafile=str(cert))) as fetcher:
            good = await fetcher.fetch(tls.url("/ok/tls", "tls.test"))
            wrong = await fetcher.fetch(tls.url("/ok/tls", "wrong.test"))
    assert good.outcome is Outcome.OK, good.detail
    assert wrong.outcome is Outcome.ERROR and wrong.error == "tls", wrong
    assert set(log.targets) == {("127.0.0.2", tls.port)}
