"""Fetching through an HTTP (CONNECT) or SOCKS5 proxy without opening an SSRF hole.

A proxy normally resolves the target's name itself, out of reach of our address gate, and
could be steered to an intranet address by DNS rebinding. Here the target is still resolved
by our ``GuardedResolver`` (every answer must be public) and the proxy is asked to connect
to that checked *address*, never to a name; TLS then verifies the original host name over
the tunnel. The proxy's own address is the operator's choice and may be private.

Proxy URLs, which may carry credentials, come only from the environment:
``MONITOR_PROXY_URL`` for every source, ``MONITOR_PROXY_URL_<NAME>`` for sources that say
``proxy: <name>`` (``proxy: none`` goes direct). ``ProxyURL`` never shows its password.
"""

from __future__ import annotations

import re
import ssl as ssl_module
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from monitor.errors import ConfigError
from monitor.fetch import netguard, tls

with tls.deferred_ca_loading():  # aiohttp's import-time default contexts: never used (tls)
    import aiohttp
    from aiohttp import ClientConnectorError

from monitor.fetch.transport import GuardedResolver, GuardedTransport, _Connector

if TYPE_CHECKING:
    from python_socks.async_.asyncio.v2 import Proxy

ENV = "MONITOR_PROXY_URL"
NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_SCHEMES = ("http", "socks5", "socks5h")  # python-socks loads with the first proxied connection


@dataclass(frozen=True)
class ProxyURL:
    """A parsed proxy URL; its repr and ``safe`` never include the credentials."""

    scheme: str
    host: str
    port: int
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, url: str, *, where: str = ENV) -> ProxyURL:
        """Parse ``http://`` or ``socks5://`` URLs; ConfigError naming ``where`` otherwise."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            raise ConfigError(f"{where}: not a proxy URL") from None
        if parts.scheme not in _SCHEMES or not parts.hostname:
            raise ConfigError(f"{where}: expected http://host:port or socks5://host:port")
        default = 1080 if parts.scheme.startswith("socks") else 8080
        return cls(parts.scheme, parts.hostname, port or default,
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None)

    @property
    def safe(self) -> str:
        """The URL for logs and messages: scheme, host and port only."""
        return f"{self.scheme}://{self.host}:{self.port}"

    def client(self) -> Proxy:
        """A python-socks client for one connection; names are never sent to the proxy."""
        from python_socks import ProxyType
        from python_socks.async_.asyncio.v2 import Proxy

        kind = ProxyType.HTTP if self.scheme == "http" else ProxyType.SOCKS5
        return Proxy(kind, self.host, self.port, self.username, self.password, rdns=False)


def named_proxies(environ: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Every ``MONITOR_PROXY_URL_<NAME>`` variable as read, for ``from_env`` to parse later."""
    return tuple(sorted((k, v) for k, v in environ.items() if k.startswith(f"{ENV}_")))


def from_env(environ: Mapping[str, str], name: str | None = None) -> ProxyURL | None:
    """The proxy of ``name`` (``MONITOR_PROXY_URL_<NAME>``), or the default one, or None."""
    if name == "none":
        return None
    key = f"{ENV}_{name.upper()}" if name else ENV
    raw = environ.get(key, "").strip()
    if not raw:
        if name:
            raise ConfigError(f"proxy {name!r}: set {key} in the environment")
        return None
    return ProxyURL.parse(raw, where=key)


class _ProxyConnector(_Connector):
    """aiohttp connector that reaches each gate-checked address through a proxy tunnel."""

    def __init__(self, proxy: ProxyURL, allow_private: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._proxy = proxy
        self._allow_private = allow_private

    async def _wrap_create_connection(self, *args: Any, addr_infos: list[Any], req: Any,
                                      timeout: Any, client_error: type[Exception] = ClientConnectorError,
                                      **kwargs: Any) -> tuple[Any, Any]:
        """Tunnel to the first resolved address (already gated), then TLS to the host name."""
        from python_socks import ProxyError

        address, port = str(addr_infos[0][4][0]), int(addr_infos[0][4][1])
        ssl, hostname = kwargs.get("ssl"), kwargs.get("server_hostname")
        try:
            netguard.check_sockaddr((address, port), allow_private=self._allow_private)
            stream = await self._proxy.client().connect(
                dest_host=address, dest_port=port, timeout=timeout.sock_connect or 10.0)
            if ssl:
                stream = await stream.start_tls(hostname=hostname or req.host, ssl_context=ssl)
        except netguard.BlockedAddress as exc:
            raise client_error(req.connection_key, exc) from exc
        except ssl_module.SSLCertVerificationError as exc:  # the name, verified in the tunnel
            raise aiohttp.ClientConnectorCertificateError(req.connection_key, exc) from exc
        except ssl_module.SSLError as exc:
            raise aiohttp.ClientConnectorSSLError(req.connection_key, exc) from exc
        except ProxyError as exc:  # the proxy said no: its words, never its credentials
            refused = OSError(f"proxy {self._proxy.safe} refused: {exc}")
            raise client_error(req.connection_key, refused) from None
        except OSError as exc:
            failed = OSError(exc.errno, f"proxy {self._proxy.safe}: {exc.strerror or exc}")
            raise client_error(req.connection_key, failed) from None
        transport = stream.writer.transport
        protocol = self._factory()
        # Keep the writer alive with the protocol: Python ≥ 3.11.5 closes a transport whose
        # StreamWriter is garbage-collected (aiohttp-socks#27).
        setattr(protocol, "_monitor_writer", stream.writer)  # noqa: B010
        transport.set_protocol(protocol)
        protocol.connection_made(transport)
        return transport, protocol


class ProxiedTransport(GuardedTransport):
    """``GuardedTransport`` whose connections go through a proxy to gate-checked addresses."""

    def __init__(self, proxy: ProxyURL, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._proxy = proxy

    def _session(self) -> aiohttp.ClientSession:
        if self._client is None:
            connector = _ProxyConnector(
                self._proxy, self._allow_private,
                resolver=GuardedResolver(self._resolver, allow_private=self._allow_private,
                                         timeout=self._dns_timeout),
                limit=self._pool_limit)
            self._client = aiohttp.ClientSession(
                connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False,
                auto_decompress=False, requote_redirect_url=False, read_bufsize=2**16)
        return self._client

    def _peer(self, response: aiohttp.ClientResponse) -> tuple[str, int] | None:
        """The peer is the proxy (checked target addresses were tunnelled to): nothing to assert."""
        return None
