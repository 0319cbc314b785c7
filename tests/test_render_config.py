"""The ``render`` option without and with chromium: a config error, or quietly off, and said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import load_config
from monitor.errors import ConfigError
from tests.test_config import one_company, write

SPA = """\
- kind: website
  url: https://spa.example.com/
  render: {mode}
"""


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_CHROMIUM", "/nonexistent/chromium")


def test_render_browser_without_chromium_is_a_config_error_naming_the_line(
        tmp_path: Path, no_chromium: None) -> None:
    path = write(tmp_path, one_company(SPA.format(mode="browser")))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert ":7:" in message and "sources[0].render" in message and "chromium" in message


@pytest.mark.parametrize("mode", ["auto", "never"])
def test_auto_and_never_load_without_chromium(tmp_path: Path, no_chromium: None, mode: str) -> None:
    config = load_config(write(tmp_path, one_company(SPA.format(mode=mode))))
    assert config.companies[0].sources[0].options.get("render", "auto") == mode


def test_render_browser_loads_with_chromium_and_unknown_modes_name_the_choices(
        tmp_path: Path) -> None:
    config = load_config(write(tmp_path, one_company(SPA.format(mode="browser"))))
    assert config.companies[0].sources[0].options["render"] == "browser"
    with pytest.raises(ConfigError, match="'auto', 'browser' or 'never'"):
        load_config(write(tmp_path, one_company(SPA.format(mode="always")), "bad.yaml"))


def test_status_says_in_one_line_whether_pages_are_rendered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, one_company(SPA.format(mode="auto")))
    args = ["--sources", str(tmp_path / "sources.yaml"), "--db", str(tmp_path / "m.db"), "status"]
    on = CliRunner().invoke(main, args)
    monkeypatch.setenv("MONITOR_CHROMIUM", "/nonexistent/chromium")
    off = CliRunner().invoke(main, args)
    assert on.exit_code == 0 and off.exit_code == 0, on.output + off.output
    assert [line for line in on.output.splitlines() if line.startswith("Rendering: on")]
    assert [line for line in off.output.splitlines() if line.startswith("Rendering: off")]
