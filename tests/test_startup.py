"""The collector across a command's start-up: rare until the command settles, then as usual."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import gc, json
default = gc.get_threshold()
import monitor.cli.app
from monitor import startup
starting = gc.get_threshold()
startup.settled()
print(json.dumps({"default": default, "starting": starting, "after": gc.get_threshold(),
                  "frozen": gc.get_freeze_count(), "threshold": startup.STARTUP_THRESHOLD}))
"""


def test_cli_collects_rarely_while_starting_and_as_usual_once_settled() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120, check=True)
    seen = json.loads(done.stdout)
    assert seen["starting"][0] == max(seen["threshold"], seen["default"][0])
    assert seen["starting"][1:] == seen["default"][1:]
    assert seen["after"] == seen["default"]  # a long run collects as it always did
    assert seen["frozen"] > 1000  # start-up's objects are out of every later collection


def test_settled_without_begin_keeps_the_thresholds() -> None:
    code = ("import gc\nfrom monitor import startup\nbefore = gc.get_threshold()\n"
            "startup.settled(collect=True)\nprint(before == gc.get_threshold())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "True"
