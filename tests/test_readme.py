"""The README's usage block stays true: every command it shows exists, every command is shown."""

from __future__ import annotations

import re

import click
from click.testing import CliRunner

from monitor.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks() -> list[str]:
    return re.findall(r"```console\n(.*?)```", README, flags=re.S)


def test_readme_starts_with_the_two_commands() -> None:
    first = _blocks()[0].splitlines()
    assert [line.split()[:2] for line in first] == [["make", "run"], ["make", "test"]]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_command_in_the_readme_exists_with_its_options() -> None:
    for block in _blocks()[1:]:
        for line in block.splitlines():
            words = line.lstrip("$ ").split()
            if not words or words[0] != "monitor":
                continue
            if words[1].startswith("-"):  # a global option such as --version
                assert words[1] in {o for p in main.params for o in getattr(p, "opts", [])}, line
                continue
            command = main.commands.get(words[1])
            assert command is not None, f"README shows unknown command: {line}"
            names = {o for p in command.params for o in getattr(p, "opts", [])}
            for word in words[2:]:
                option = word.strip("[]").split("=")[0]
                if option.startswith("--"):
                    assert option in names, f"{line}: {option} is not an option of {words[1]}"


def test_every_command_is_in_the_readme_and_has_an_example() -> None:
    runner = CliRunner()
    for name, command in main.commands.items():
        assert f"monitor {name}" in README, f"README does not mention `monitor {name}`"
        assert isinstance(command, click.Command)
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, name


def test_quick_start_puts_monitor_on_the_path_before_using_it() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    lines = [line.lstrip("$ ") for line in _blocks_of(quick)[0].splitlines()]
    first_use = next(i for i, line in enumerate(lines) if line.startswith("monitor "))
    setup = lines[:first_use]
    assert any(line.startswith("make install") for line in setup)
    venv = re.search(r"^VENV \?= (\S+)", (ROOT / "Makefile").read_text(), re.M)
    assert venv is not None
    assert any(line.startswith(f". {venv[1]}/bin/activate") for line in setup)
    assert re.search(r"^install:", (ROOT / "Makefile").read_text(), re.M)


def _blocks_of(text: str) -> list[str]:
    return re.findall(r"```console\n(.*?)```", text, flags=re.S)
