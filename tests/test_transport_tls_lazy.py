"""The TLS context (certifi's roots) is built by the first https request, not by every run:
a run of http sources never pays for loading the roots, an https one still verifies."""

from __future__ import annotations

import ssl
from pathlib import Path

from monitor.fetch import tls
from monitor.fetch.client import Fetcher
from monitor.fetch.transport import GuardedTransport
from monitor.models import Outcome
from tests.hostile import HostileServer
from tests.plugin import HTTP_FAST
from tests.webserver import loopback


async def test_tls_roots_are_loaded_by_the_first_https_request_only(
        server: HostileServer, certificate: tuple[Path, Path]) -> None:
    """http answers without a TLS context; an https answer from an unknown CA is refused."""
    cert, key = certificate
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    tls.default_context.cache_clear()
    with HostileServer(tls=served) as secure:
        async with Fetcher(HTTP_FAST, resolver=loopback) as fetcher:
            assert isinstance(fetcher._transport, GuardedTransport)
            plain = await fetcher.fetch(server.url("/ok/lazy-tls"))
            assert plain.outcome is Outcome.OK and tls.default_context.cache_info().currsize == 0
            refused = await fetcher.fetch(secure.url("/ok/lazy-tls", "tls.test"))
            assert refused.outcome is Outcome.ERROR and refused.error == "tls", refused
            assert tls.default_context.cache_info().currsize == 1
