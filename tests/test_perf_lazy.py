"""A run pays only for what it uses: the parser workers start on the first page to parse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.fetch.client import FetchSettings
from monitor.models import Company, Outcome, Source
from monitor.pipeline import check_many, checking
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from monitor.workers import ParserPool
from tests.reliability_harness import page_a
from tests.webserver import Site, serve

FETCH = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0)


@pytest.fixture
def server() -> Iterator[tuple[Site, str]]:
    with serve() as running:
        yield running


def sources(base: str, *paths: str) -> list[Source]:
    return [Source(id=f"acme:website:{i}", company="acme", kind="website", url=base + path,
                   every=3600.0, confirm=1) for i, path in enumerate(paths)]


async def test_lazy_pool_not_started_when_nothing_is_parsed(server: tuple[Site, str],
                                                            tmp_path: Path) -> None:
    """A round of failures (or 304s and unchanged pages) never starts the parser processes;
    the first page that needs parsing does, and its check still succeeds."""
    site, base = server
    site.set("/gone", b"gone", status=410, content_type="text/plain")
    site.set("/page", page_a())
    gone, page = sources(base, "/gone", "/page")
    db = open_db(tmp_path / "monitor.db")
    sync_config(db, [Company(slug="acme", name="ACME", sources=(gone, page))],
                "2026-11-24T08:00:00Z")
    async with checking(db, FETCH, route=None) as ctx:
        pool = ctx.extractor.__self__  # type: ignore[attr-defined]
        assert isinstance(pool, ParserPool)
        [failed] = await check_many([gone], ctx)
        assert failed.outcome is not Outcome.OK
        assert not pool.started and pool.pids() == [] and pool.stats.started == 0
        [parsed] = await check_many([page], ctx)
        assert parsed.outcome is Outcome.OK and parsed.diff is not None
        workers = pool.settings.workers
        assert pool.started and pool.stats.started == workers and len(pool.pids()) == workers
    assert pool.pids() == []  # closed with the run
