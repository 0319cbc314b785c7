"""Replay a corpus page history version by version through the real pipeline.

Each version of ``sites_history/<series>/`` is served on 127.0.0.1 in turn and checked
``checks_per_version`` times (the confirmation window needs two sightings), through the real
Fetcher, extractor, differ and SQLite store. Returns the changes found per version.
"""

from __future__ import annotations

import asyncio
import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

from monitor.clock import utcnow
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Change, Company, Source
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from tests.conftest import CORPUS
from tests.webserver import serve

CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml",
                 ".json": "application/json", ".txt": "text/plain; charset=utf-8"}


@dataclass(frozen=True)
class Version:
    """One captured version of a page and what the capturer said about it."""

    file: str
    hint: str  # text-changed | markup-only (from VERSIONS.tsv)
    changes: tuple[Change, ...]
    outcome: str


def versions(series: str) -> list[tuple[Path, str]]:
    """The version files of a series with their VERSIONS.tsv hint, oldest first."""
    folder = CORPUS / "sites_history" / series
    with (folder / "VERSIONS.tsv").open() as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(folder / r["file"], r["visible_text_vs_previous_distinct_version"]) for r in rows]


def replay(series: str, kind: str = "website", checks_per_version: int = 2,
           confirm: int = 2, limit: int | None = None) -> list[Version]:
    """Serve each version in turn and check it; the changes each version brought."""
    return asyncio.run(_replay(series, kind, checks_per_version, confirm, limit))


async def _replay(series: str, kind: str, per_version: int, confirm: int,
                  limit: int | None) -> list[Version]:
    out: list[Version] = []
    files = versions(series)[:limit]
    with tempfile.TemporaryDirectory() as tmp, serve() as (site, base):
        source = Source(id=f"{series}:{kind}:1", company="replay", kind=kind, url=f"{base}/page",
                        every=3600, confirm=confirm)
        db = open_db(Path(tmp) / "replay.db")
        sync_config(db, [Company("replay", "Replay", sources=(source,))], "2026-01-01T00:00:00Z")
        settings = FetchSettings(allow_private=True, min_host_delay=0.0)
        async with Fetcher(settings) as fetcher:
            ctx = Context(db=db, fetcher=fetcher, clock=utcnow)
            for path, hint in files:
                site.set("/page", path.read_bytes(), content_type=CONTENT_TYPES[path.suffix])
                found: list[Change] = []
                outcome = ""
                for _ in range(per_version):
                    result = await check(source, ctx)
                    found.extend(result.changes)
                    outcome = result.outcome.value
                out.append(Version(path.name, hint, tuple(found), outcome))
        db.conn.close()
    return out
