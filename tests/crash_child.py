"""The crash tests' child process: real checks of the harness's source, crash hook from the env.

    MONITOR_CRASH_AT=in_transaction python -m tests.crash_child DB URL --now 2026-11-24T12:00:00Z

``MONITOR_CRASH_AT`` (see monitor.workers.crashpoints) makes it die with exit status 137 at that point,
as a ``kill -9`` would; ``--repeat N`` checks N times (a target for a random kill).
Prints the outcome of each check it finishes.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime, timedelta
from pathlib import Path

from monitor.clock import parse_iso
from monitor.fetch.client import Fetcher
from monitor.models import Source
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.workers.crashpoints import crash_hook_from_env
from tests.reliability_harness import FAST, route_all


async def run(db_path: Path, url: str, now: datetime, repeat: int, confirm: int) -> None:
    """Check the source ``repeat`` times, a minute apart on the injected clock."""
    db = open_db(db_path)
    source = Source(id="acme:website:1", company="acme", kind="website", url=url, every=3600.0,
                    confirm=confirm)
    ticks = iter(now + timedelta(minutes=i) for i in range(10**6))
    async with Fetcher(FAST) as fetcher:
        ctx = Context(db=db, fetcher=fetcher, clock=lambda: next(ticks), route=route_all,
                      crash=crash_hook_from_env())
        for _ in range(repeat):
            print((await check(source, ctx)).outcome.value, flush=True)


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("url")
    parser.add_argument("--now", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--confirm", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(run(args.db, args.url, parse_iso(args.now), args.repeat, args.confirm))


if __name__ == "__main__":
    main()
