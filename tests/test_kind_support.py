"""Shared helpers of the social/news kind tests (no tests here).

``run_checks`` runs real checks through ``monitor.pipeline.check`` with a real SQLite file,
a real Fetcher and a real HTTP server on 127.0.0.1 (tests/webserver.py), so a wall or a rate
limit meets the same code a user's check does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from monitor.clock import iso
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import CheckResult, Company, Fetched, Outcome, Source
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from tests.conftest import CORPUS

FAST = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=10.0)
DATA = Path(__file__).parent / "data" / "social"


@dataclass
class Clock:
    """A clock that moves one hour per reading, so every check is a new moment."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 24, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        self.now += timedelta(hours=1)
        return self.now


def source(kind: str, url: str, slug: str = "acme", confirm: int = 2,
           **options: object) -> Source:
    """A source as the config loader would build it."""
    return Source(id=f"{slug}:{kind}:test", company=slug, kind=kind, url=url, every=3600.0,
                  options=options, confirm=confirm)


def fetched(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
            final_url: str | None = None, status: int = 200) -> Fetched:
    """An OK answer, as the Fetcher returns it, for pure extract tests."""
    return Fetched(url=url, final_url=final_url or url, outcome=Outcome.OK, status=status,
                   headers={"content-type": content_type}, body=body)


def corpus(path: str) -> bytes:
    """Bytes of a corpus file (path relative to shared/corpus)."""
    return (CORPUS / path).read_bytes()


async def run_checks(db_path: Path, src: Source, steps: list[Callable[[], None]],
                     settings: FetchSettings = FAST) -> tuple[Database, list[CheckResult]]:
    """Run one check per step (each step first sets what the server answers)."""
    db = open_db(db_path)
    sync_config(db, [Company(slug=src.company, name=src.company, sources=(src,))],
                iso(datetime(2026, 11, 24, 8, 0, tzinfo=UTC)))
    results: list[CheckResult] = []
    async with Fetcher(settings) as fetcher:
        ctx = Context(db=db, fetcher=fetcher, clock=Clock())
        for step in steps:
            step()
            results.append(await check(src, ctx))
    return db, results


def changes(db: Database) -> list[tuple[str, str, str | None, str | None]]:
    """(field, change, old, new) of every recorded change."""
    return [tuple(r) for r in db.execute("SELECT field, change, old, new FROM changes ORDER BY id")]  # type: ignore[misc]


def status(db: Database, source_id: str) -> str:
    """The source's stored status."""
    row = db.execute("SELECT status FROM sources WHERE id = ?", [source_id]).fetchone()
    return str(row[0])
