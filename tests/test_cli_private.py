"""``MONITOR_ALLOW_PRIVATE``: one parser for every reader, announced once per command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.environ import allow_private
from monitor.errors import ConfigError, NotConfigured
from monitor.fetch.client import FetchSettings
from monitor.notify.routing import ChannelConfig
from monitor.notify.senders import make_sender
from tests.webserver import serve

PAGE = b"<html><head><title>Acme</title></head><body><p>hello</p></body></html>"


@pytest.mark.parametrize(("raw", "on"), [("1", True), ("true", True), (" Yes ", True), ("ON", True),
                                         ("0", False), ("", False), ("off", False), ("no", False)])
def test_every_reader_parses_the_switch_the_same_way(raw: str, on: bool, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"MONITOR_ALLOW_PRIVATE": raw, "MONITOR_SLACK_WEBHOOK_TEAM": "http://127.0.0.1:9/hook"}
    assert allow_private(env) is on
    assert FetchSettings.from_env(env).allow_private is on
    channel = ChannelConfig(name="slack:team")
    if on:
        make_sender(channel, env)
    else:
        with pytest.raises(NotConfigured, match="not a Slack incoming webhook"):
            make_sender(channel, env)
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", raw)
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    with serve() as (site, base):
        site.set("/", PAGE)
        result = CliRunner().invoke(main, ["--db", str(tmp_path / "m.db"), "extract", f"{base}/"])
    assert (result.exit_code == 0) is on, result.output


def test_a_typo_in_the_switch_is_one_clear_line() -> None:
    with pytest.raises(ConfigError, match="MONITOR_ALLOW_PRIVATE='maybe'"):
        allow_private({"MONITOR_ALLOW_PRIVATE": "maybe"})
    result = CliRunner().invoke(main, ["kinds"], env={"MONITOR_ALLOW_PRIVATE": "maybe"})
    assert result.exit_code == 1 and "MONITOR_ALLOW_PRIVATE='maybe'" in result.output
    assert "Traceback" not in result.output


def test_the_switch_is_announced_once_per_command(tmp_path: Path) -> None:
    env = {**os.environ, "MONITOR_ALLOW_PRIVATE": "1", "MONITOR_MIN_HOST_DELAY": "0"}
    with serve() as (site, base):
        site.set("/", PAGE)
        done = subprocess.run([sys.executable, "-m", "monitor", "--db", str(tmp_path / "m.db"),
                               "extract", f"{base}/"], capture_output=True, text=True, env=env,
                              timeout=120)
    assert done.returncode == 0, done.stderr
    said = [line for line in (done.stdout + done.stderr).splitlines() if "private" in line.lower()]
    assert len(said) == 1, said
