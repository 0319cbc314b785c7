"""What a failing source is called: through ``monitor check``/``history`` and the Fetcher.

A host that cannot be reached is named for what failed (connection refused, DNS failed), not
for the robots.txt request that met the failure first; a source that never once worked
goes ``new → error``, not ``ok → error``.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Outcome


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    monkeypatch.setenv("COLUMNS", "250")


def closed_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(tmp: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_refused_host_is_named_and_never_working_source_goes_new_to_error(
        tmp_path: Path, env: None) -> None:
    url = f"http://127.0.0.1:{closed_port()}/"
    (tmp_path / "sources.yaml").write_text(
        "companies:\n  - slug: gone\n    name: Gone\n    sources:\n"
        f"      - kind: website\n        url: {url}\n")
    outputs = [run(tmp_path, "check") for _ in range(3)]  # three failures in a row alert
    assert "connection refused by 127.0.0.1" in outputs[0]
    assert "robots" not in outputs[0]
    health = run(tmp_path, "history", "gone", "--category", "health")
    assert "new → error" in health and "connection refused" in health
    assert "ok → error" not in health


async def test_dns_failure_is_reported_as_dns_not_robots() -> None:
    async def no_dns(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    settings = FetchSettings(allow_private=True, min_host_delay=0.0)
    async with Fetcher(settings, resolver=no_dns) as fetcher:
        result = await fetcher.fetch("http://acme.example/")
    assert (result.outcome, result.error) == (Outcome.ERROR, "dns")
    assert result.detail.startswith("DNS failed: acme.example could not be resolved")
