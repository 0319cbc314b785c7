"""What a failing source is called: through ``monitor check``/``history`` and the Fetcher.

A host that cannot be reached is named for what failed (connection refused, DNS failed), not
for the robots.txt request that met the failure first; a source that never once worked
goes ``new → error``, not ``ok → error``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.reach import no_network
from monitor.models import Outcome
from tests.ports import refused_port


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
    with refused_port() as nobody:
        url = f"http://127.0.0.1:{nobody.port}/"
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


def three_dead_hosts(tmp: Path) -> None:
    """sources.yaml with three companies on three loopback hosts where nothing listens."""
    port = closed_port()
    lines = ["companies:"]
    for n in (1, 2, 3):
        lines += [f"  - slug: dead{n}", f"    name: Dead {n}", "    sources:",
                  "      - kind: website", f"        url: http://127.0.0.{n}:{port}/"]
    (tmp / "sources.yaml").write_text("\n".join(lines) + "\n")


def test_a_round_without_network_is_said_once_in_the_log(tmp_path: Path) -> None:
    three_dead_hosts(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(MONITOR_ALLOW_PRIVATE="1", MONITOR_MIN_HOST_DELAY="0",
               MONITOR_SOURCES=str(tmp_path / "sources.yaml"), MONITOR_DB=str(tmp_path / "m.db"))
    # (no alerts file: the one beside sources.yaml is optional, a named one must exist)
    done = subprocess.run([sys.executable, "-m", "monitor", "run", "--once"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "no network" in line]
    assert len(said) == 1, done.stderr
    assert said[0].endswith("no network: 3 of 3 sources unreachable, could not connect")


def test_check_says_no_network_once(tmp_path: Path, env: None) -> None:
    three_dead_hosts(tmp_path)
    out = run(tmp_path, "check")
    assert out.count("no network: 3 of 3 sources unreachable, could not connect") == 1


def test_no_network_needs_every_source_failing_on_two_hosts() -> None:
    dns = [("https://a.example/", "dns"), ("https://b.example/x", "dns")]
    assert no_network(dns) == "no network: 2 of 2 sources unreachable, DNS failed"
    assert no_network([*dns, ("https://c.example/", "timeout")]) == (
        "no network: 3 of 3 sources unreachable, DNS failed (2), no answer in time (1)")
    assert no_network([*dns, ("https://c.example/", None)]) is None  # one host answered
    assert no_network([*dns, ("https://c.example/", "http_5xx")]) is None  # a server spoke
    assert no_network([("https://a.example/", "dns"), ("https://a.example/b", "dns")]) is None
