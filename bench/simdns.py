"""``*.simweb.test`` resolves to this machine: the one name lookup the benchmarks replace.

Kept apart from ``bench/sites.py`` so that a timed ``monitor`` process (``bench/cli_sim.py``)
imports nothing but this: neither simweb nor the config package it does not itself use.
"""

from __future__ import annotations

import socket

DOMAIN = "simweb.test"


async def resolver(host: str, port: int) -> list[str]:
    """``*.simweb.test`` is this machine; nothing else resolves (the benchmark stays offline)."""
    if host == DOMAIN or host.endswith("." + DOMAIN):
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: not a benchmark host")
