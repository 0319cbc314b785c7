"""``monitor`` itself, with ``*.simweb.test`` resolving to this machine: the whole-process runs.

    .venv/bin/python bench/cli_sim.py check --concurrency 50

Only the Fetcher's default resolver is replaced (as ``bench/ours.py`` injects it), so the
process imports, loads, fetches, parses and records exactly as ``monitor`` does.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor import startup

startup.begin()  # what `monitor` does first (monitor.cli.app), before the imports below

from bench import simdns  # noqa: E402
from monitor.fetch import transport  # noqa: E402

transport.system_resolver = simdns.resolver

if __name__ == "__main__":
    from monitor.cli import main

    main()
