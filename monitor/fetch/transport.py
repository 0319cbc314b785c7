"""An httpx transport on aiohttp whose every connection goes to an address the SSRF gate passed.

Why aiohttp under httpx: CPU per 304 GET on loopback, 10 in flight (bench/http_micro.py):
httpx on its own httpcore pool 1.1 ms (3.1 ms at 50); this transport 0.12 ms; a bare aiohttp
session 0.08 ms. httpx stays the API (requests, responses, exceptions); the Fetcher hands its
requests to this transport directly, since AsyncClient's own layers cost another 0.13 ms.

What keeping it costs: it pins three aiohttp internals, each guarded by a test that fails
when an upgrade moves it (checked on aiohttp 3.14.5):
- ``TCPConnector._factory`` and the module global ``client_proto.HttpResponseParser`` (see
  ``_Handler``) select the pure-Python parser; test_http.py C10 times out without it. The
  public switch, ``AIOHTTP_NO_EXTENSIONS=1``, is process-wide and must be set before aiohttp
  is imported. The Python parser costs nothing measurable on a 304 head.
- ``ClientResponse._protocol``: the peer of a connection already released (step 4 below);
  test_ssrf.py B7. No public API gives the peer once the connection is back in the pool.
The resolver (``AbstractResolver``, ``ResolveResult``) and ``socket_factory`` are public API.

How the pinning works (R2, B6, B7):
1. aiohttp asks our resolver (``GuardedResolver``) for the host's addresses; it calls the
   injectable ``Resolver`` once and refuses the host if *any* answer is non-global.
2. aiohttp connects to exactly those addresses; TLS still verifies the original host name.
3. Every socket passes ``socket_factory`` first, which checks the exact address it is about
   to connect to (this also covers IP literals, which aiohttp never sends to a resolver).
4. After the response head, the peer address is checked once more (post-hoc assertion).
There is no second resolution between the check and the connect, so DNS rebinding has no gap.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import certifi
import httpx
import yarl
from aiohttp import client_proto
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.http_parser import HttpResponseParserPy
from multidict import CIMultiDict

from monitor.fetch import netguard

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""An async callable ``(host, port) -> [ip, ...]``; injectable so tests can play DNS."""


class SSRFBlocked(httpx.ConnectError):
    """The SSRF gate refused an address the host resolved to or the socket was to reach."""


class DNSError(httpx.ConnectError):
    """The host name could not be resolved (NXDOMAIN, SERVFAIL, timeout, garbage answer)."""


class TLSError(httpx.ConnectError):
    """The TLS handshake or certificate verification failed."""


class BodyError(httpx.RemoteProtocolError):
    """The body broke its framing: shorter than Content-Length, bad chunking, reset (data loss)."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The default Resolver: getaddrinfo in a worker thread (GuardedResolver adds the deadline)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedResolver(AbstractResolver):
    """aiohttp resolver: one lookup through ``Resolver``, refused if any answer is non-global."""

    def __init__(self, resolve: Resolver, *, allow_private: bool, timeout: float = 10.0) -> None:
        self._resolve = resolve
        self._allow_private = allow_private
        self._timeout = timeout

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Resolve and gate ``host``; every failure is an OSError so aiohttp wraps it."""
        try:
            async with asyncio.timeout(self._timeout):  # R28: DNS has a deadline of its own
                addresses = await self._resolve(host, port)
            if not addresses:
                raise socket.gaierror(socket.EAI_NONAME, f"no address for {host}")
            addresses = netguard.check_addresses(
                host, list(addresses), allow_private=self._allow_private
            )
        except TimeoutError as exc:
            raise socket.gaierror(socket.EAI_AGAIN, f"DNS timeout for {host}") from exc
        except OSError:
            raise
        except Exception as exc:  # a broken injected resolver is a DNS failure, not a crash
            raise socket.gaierror(socket.EAI_FAIL, f"resolver failed for {host}: {exc}") from exc
        flags = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=flags,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        """Nothing to release."""


def _find_blocked(exc: BaseException) -> netguard.BlockedAddress | None:
    """The SSRF refusal somewhere in an aiohttp exception's cause chain, if any."""
    seen: BaseException | None = exc
    for _ in range(8):  # bounded walk: cause chains are short
        if seen is None:
            return None
        if isinstance(seen, netguard.BlockedAddress):
            return seen
        seen = getattr(seen, "os_error", None) or seen.__cause__
    return None


def map_error(exc: Exception) -> httpx.TransportError:
    """Translate an aiohttp/OS exception into the httpx exception it means."""
    blocked = _find_blocked(exc)
    if blocked is not None or "refused by the SSRF gate" in str(exc):
        return SSRFBlocked(str(blocked or exc))
    table: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
        (aiohttp.ClientConnectorCertificateError, TLSError),
        (aiohttp.ClientSSLError, TLSError),
        (ssl.SSLError, TLSError),
        (aiohttp.ClientConnectorDNSError, DNSError),
        (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
        (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
        (aiohttp.ClientConnectorError, httpx.ConnectError),
        (aiohttp.ClientPayloadError, BodyError),
        (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
        (aiohttp.ClientResponseError, httpx.RemoteProtocolError),
        (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
        (ValueError, httpx.UnsupportedProtocol),
    )
    if isinstance(exc, aiohttp.ClientResponseError) and "chunk" in str(exc).lower():
        return BodyError(f"{type(exc).__name__}: {exc}")  # head and broken body in one packet
    for source, target in table:
        if isinstance(exc, source):
            return target(f"{type(exc).__name__}: {exc}")
    return httpx.ReadError(f"{type(exc).__name__}: {exc}")


class _Handler(client_proto.ResponseHandler):
    """aiohttp's connection protocol, parsing responses with aiohttp's pure-Python parser.

    Why: with the C parser (aiohttp 3.14.5), a bad chunk-size line that arrives after the
    head leaves the body waiting forever and even cancels sock_read; the Python parser raises
    ClientPayloadError at once (C10, tests/test_http.py). bench/http_micro.py shows no
    measurable CPU difference for our response sizes.
    """

    def set_response_params(self, **kwargs: Any) -> None:
        """Build the Python parser: aiohttp reads the class from a module global, so swap it
        for this one synchronous call (no await inside, so no other task can observe it)."""
        saved = client_proto.HttpResponseParser  # type: ignore[attr-defined]
        client_proto.HttpResponseParser = HttpResponseParserPy  # type: ignore[attr-defined]
        try:
            super().set_response_params(**kwargs)
        finally:
            client_proto.HttpResponseParser = saved  # type: ignore[attr-defined]


class _Connector(aiohttp.TCPConnector):
    """TCPConnector whose connections use ``_Handler`` (aiohttp 3.x internal: ``_factory``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._factory = functools.partial(_Handler, loop=self._loop)  # type: ignore[assignment]


class _Body(httpx.AsyncByteStream):
    """The raw (still encoded) body of an aiohttp response, as an httpx stream."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """Yield raw chunks as they arrive; framing errors surface as ``BodyError``."""
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (aiohttp.ClientError, OSError) as exc:
            raise map_error(exc) from exc

    async def aclose(self) -> None:
        """Return a fully read connection to the pool; cut off anything else."""
        if self._response.content.at_eof():
            self._response.release()
        else:
            self._response.close()


@functools.lru_cache(maxsize=64)
def _timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """The aiohttp timeout for httpx's connect/read timeouts (a handful of distinct pairs)."""
    return aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read)


class GuardedTransport(httpx.AsyncBaseTransport):
    """httpx transport over one aiohttp session, pinned to gate-checked addresses."""

    def __init__(
        self,
        *,
        resolver: Resolver | None = None,
        allow_private: bool = False,
        ssl_context: ssl.SSLContext | None = None,
        dns_timeout: float = 10.0,
        pool_limit: int = 100,
    ) -> None:
        self._resolver = resolver or system_resolver
        self._dns_timeout = dns_timeout
        self._allow_private = allow_private
        self._ssl_context = ssl_context
        self._pool_limit = pool_limit
        self._client: aiohttp.ClientSession | None = None

    @property
    def _ssl(self) -> ssl.SSLContext:
        """The TLS context (certifi's roots unless one was given), built by the first https
        request: loading the roots costs 15 ms, a run of http sources never needs it."""
        if self._ssl_context is None:
            self._ssl_context = ssl.create_default_context(cafile=certifi.where())
        return self._ssl_context

    def _socket(self, addr_info: Any) -> socket.socket:
        """Create a socket, after checking the exact address it is about to connect to."""
        family, type_, proto, _, sockaddr = addr_info
        netguard.check_sockaddr(sockaddr, allow_private=self._allow_private)
        return socket.socket(family=family, type=type_, proto=proto)

    def _session(self) -> aiohttp.ClientSession:
        """The shared aiohttp session, created inside the running loop on first use."""
        if self._client is None:
            connector = _Connector(
                resolver=GuardedResolver(
                    self._resolver, allow_private=self._allow_private, timeout=self._dns_timeout
                ),
                limit=self._pool_limit,
                socket_factory=self._socket,
            )
            self._client = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),  # no state carried between checks
                trust_env=False,  # a proxy would sit outside the address gate (B9)
                auto_decompress=False,  # we decompress ourselves, bounded (R22)
                requote_redirect_url=False,
                read_bufsize=2**16,
            )
        return self._client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request over the pinned session; aiohttp errors become httpx errors."""
        timeout = request.extensions.get("timeout", {})
        body = await request.aread()
        encoding = request.headers.encoding  # decided once, not once per header
        try:
            response = await self._session().request(
                request.method,
                yarl.URL(str(request.url), encoded=True),
                headers=CIMultiDict(
                    (name.decode(encoding), value.decode(encoding))
                    for name, value in request.headers.raw
                ),
                data=body or None,
                ssl=self._ssl if request.url.scheme == "https" else True,  # True: no TLS (http)
                allow_redirects=False,
                timeout=_timeout(timeout.get("connect"), timeout.get("read")),
            )
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            raise map_error(exc) from exc
        peer = self._peer(response)
        return httpx.Response(
            status_code=response.status,
            headers=list(response.raw_headers),
            stream=_Body(response),
            request=request,
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("ascii", "replace"),
                "server_addr": peer,
            },
        )

    def _peer(self, response: aiohttp.ClientResponse) -> tuple[str, int] | None:
        """The address actually connected to, asserted public once more (R2: do both)."""
        # A body that arrived with the head has already released the connection; the
        # protocol object (aiohttp 3.x internal, hence the pin) still knows its transport.
        connection = response.connection or getattr(response, "_protocol", None)
        transport = connection.transport if connection is not None else None
        peer = transport.get_extra_info("peername") if transport is not None else None
        if peer is None:
            return None
        address = (str(peer[0]), int(peer[1]))
        try:
            netguard.check_sockaddr(address, allow_private=self._allow_private)
        except netguard.BlockedAddress as exc:
            response.close()
            raise SSRFBlocked(str(exc)) from exc
        return address

    async def aclose(self) -> None:
        """Close the aiohttp session and its pooled connections."""
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()
