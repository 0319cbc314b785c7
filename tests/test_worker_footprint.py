"""A parser worker holds the parsers and nothing else: memory stays with the parsing.

The workers are fresh interpreters that import the kinds registry only, whatever the process
that starts them has imported (this test process holds the CLI, the store, httpx and pytest).
"""

from __future__ import annotations

import sys

import monitor.cli  # imported on purpose: the workers must not inherit these
import monitor.pipeline
import monitor.store.db  # noqa: F401
from monitor.models import Fetched, Outcome, Source
from monitor.workers import ParserPool, PoolSettings

# What parsing never needs: the command line, the store and its SQLite layer, the HTTP stack,
# terminal output, the PDF reader (until a PDF comes), and whatever started the pool.
NOT_FOR_PARSING = ("monitor.cli", "monitor.store", "monitor.pipeline", "monitor.notify",
                   "monitor.datasette", "monitor.scheduler", "monitor.fetch.client",
                   "monitor.fetch.transport", "sqlite_utils", "httpx", "aiohttp", "click",
                   "rich", "apscheduler", "pypdf", "_pytest", "pytest", "tests.conftest")


def _page_task() -> tuple[Source, Fetched]:
    url = "https://acme.example/about"
    return (Source(id="acme:modules:1", company="acme", kind="modules", url=url, every=3600.0),
            Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                    headers={"content-type": "text/html"}, body=b"<html><p>hi</p></html>"))


async def test_parser_worker_imports_only_the_parsers() -> None:
    """A worker started by a process that imported everything has the kinds and their parsers,
    and none of the CLI, store, HTTP client, output or test harness modules."""
    assert {"monitor.cli", "monitor.pipeline", "monitor.store.db"} <= set(sys.modules)
    settings = PoolSettings(workers=1, registry="tests.crashy_kinds:KINDS")
    async with ParserPool(settings) as pool:
        obs = await pool.extract(*_page_task())
    assert obs.outcome is Outcome.OK, obs
    modules = {f.value for f in obs.facts if f.field == "module"}
    assert {"monitor.sources", "monitor.extract.page", "selectolax", "feedparser"} <= modules
    loaded = sorted(m for m in modules
                    if any(m == bad or m.startswith(bad + ".") for bad in NOT_FOR_PARSING))
    assert loaded == []

