"""``monitor --version`` and ``--help`` load no heavy module; every command is still registered."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

from click.testing import CliRunner

from monitor.cli import COMMAND_MODULES, main

HEAVY = ("httpx", "aiohttp", "rich", "sqlite_utils", "selectolax", "pydantic", "ruamel.yaml",
         "monitor.config", "monitor.fetch.client", "monitor.sources")

PROBE = """
import json, sys
from monitor.cli import main
try:
    main([{args}], prog_name="monitor")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    """The modules a fresh interpreter holds after ``monitor ARGS``."""
    code = PROBE.format(args=", ".join(repr(a) for a in args))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_imports_no_heavy_module() -> None:
    modules = loaded_by("--version")
    assert not [m for m in HEAVY if m in modules]


def test_every_command_module_is_listed_and_resolves() -> None:
    listed = set(COMMAND_MODULES)
    package = importlib.import_module("monitor.cli")
    for info in pkgutil.iter_modules(package.__path__):
        module_name = info.name
        module = importlib.import_module(f"monitor.cli.{module_name}")
        if not hasattr(module, "COMMANDS"):
            continue
        names = {c.name for c in module.COMMANDS}
        assert names <= listed, f"monitor.cli.{module_name} has unlisted commands {names - listed}"
    for name in listed:
        assert main.commands[name].name == name
    result = CliRunner().invoke(main, ["chek"])
    assert result.exit_code == 2 and "check" in result.output  # did-you-mean still works
