"""Fixtures shared by several test files, in one place (registered from conftest.py).

- ``server`` and ``fetcher``: the hostile HTTP server on 127.0.0.1 (one per test module) and a
  fast Fetcher that resolves every name to loopback, for the fetch-layer tests.
- ``public_127_0_0_2``: a "public" hostile server on 127.0.0.2 and a private one on 127.0.0.1,
  same port, for the address-gate tests.
- ``certificate``: a self-signed certificate for ``tls.test``.
- ``site_server`` and ``site``: the plain site server of the reliability tests (one per module)
  and a fresh set of pages on it per test.
- ``served``: ``monitor serve`` over the sample database, for the Datasette tests.
"""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.fetch import netguard
from monitor.fetch.client import Fetcher, FetchSettings
from tests.hostile import HostileServer
from tests.reliability_harness import Pages
from tests.webserver import Site, loopback, serve

HTTP_FAST = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0,
                          read_timeout=2.0, connect_timeout=2.0)


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    """The hostile HTTP server, shared by a test module."""
    with HostileServer() as hostile:
        yield hostile


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    """A Fetcher for the hostile server: private addresses on, no politeness wait, no robots."""
    async with Fetcher(HTTP_FAST, resolver=loopback) as client:
        yield client


@pytest.fixture
def public_127_0_0_2(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[HostileServer, HostileServer]]:
    """A 'public' server on 127.0.0.2 and a private one on 127.0.0.1, on the same port."""
    with HostileServer("127.0.0.2") as public, HostileServer("127.0.0.1", public.port) as private:
        real = netguard.is_public_address
        monkeypatch.setattr(netguard, "is_public_address", lambda a: a == "127.0.0.2" or real(a))
        monkeypatch.setattr(netguard, "ALLOWED_PORTS", frozenset({80, 443, public.port}))
        yield public, private


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for tls.test (openssl CLI)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=tls.test",
                    "-addext", "subjectAltName=DNS:tls.test"], check=True, capture_output=True, timeout=30)
    return cert, key


@pytest.fixture(scope="module")
def site_server() -> Iterator[tuple[Site, str]]:
    """The reliability tests' site server, shared by a test module."""
    with serve() as running:
        yield running


@pytest.fixture
def site(site_server: tuple[Site, str], tmp_path: Path) -> Pages:
    """This test's own pages on the shared site server."""
    return Pages(site_server, tmp_path.name)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    """``monitor serve`` over the sample database (one per test module), and a client for it."""
    from tests.test_serve import start_serve, stop_serve
    from tests.test_serve_sample import build_sample

    db = build_sample(tmp_path_factory.mktemp("serve") / "monitor.db")
    proc, base = start_serve(db)
    try:
        with httpx.Client(base_url=base, timeout=60, trust_env=False) as client:
            yield client, db
    finally:
        stop_serve(proc)


@pytest.fixture
def monitor_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """``monitor`` on this test's sources.yaml and database, on loopback; returns its output
    (and fails the test on a non-zero exit)."""
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    monkeypatch.setenv("COLUMNS", "220")

    def run(*args: str) -> str:
        result = CliRunner().invoke(
            main, ["--sources", str(tmp_path / "sources.yaml"), "--db", str(tmp_path / "monitor.db"), *args])
        assert result.exit_code == 0, result.output
        return result.output

    return run
