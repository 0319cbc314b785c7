"""Mirror the companies and sources of sources.yaml into the database (history is kept)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from monitor.models import Company
from monitor.store.db import write


@dataclass(frozen=True)
class SyncReport:
    """What a sync did, for the CLI to say."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    retired: tuple[str, ...] = ()


def sync_config(db: Database, companies: Iterable[Company], now: str) -> SyncReport:
    """Insert new companies/sources, update changed ones, retire the ones no longer listed.

    New sources are due at once. Retired rows get ``removed_at``; their history stays.
    A source that comes back is revived with its history and state.
    """
    companies = tuple(companies)
    added: list[str] = []
    updated: list[str] = []
    with write(db) as conn:
        current = {row[0]: row[1:] for row in conn.execute(
            "SELECT id, url, options, every_s, confirm, removed_at FROM sources")}
        for company in companies:
            conn.execute(
                "INSERT INTO companies (slug, name, aliases, tags, added_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(slug) DO UPDATE SET name = excluded.name, aliases = excluded.aliases,"
                " tags = excluded.tags, removed_at = NULL",
                (company.slug, company.name, json.dumps(list(company.aliases), ensure_ascii=False),
                 json.dumps(list(company.tags), ensure_ascii=False), now))
            for s in company.sources:
                options = json.dumps(dict(s.options), sort_keys=True, ensure_ascii=False)
                row = (s.url, options, s.every, s.confirm, None)
                if s.id not in current:
                    conn.execute(
                        "INSERT INTO sources (id, company, kind, url, host, options, every_s, confirm,"
                        " next_due_at, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (s.id, s.company, s.kind, s.url, s.host, options, s.every, s.confirm, now, now))
                    added.append(s.id)
                elif current[s.id] != row:
                    conn.execute(
                        "UPDATE sources SET url = ?, host = ?, options = ?, every_s = ?, confirm = ?,"
                        " removed_at = NULL, next_due_at = COALESCE(next_due_at, ?) WHERE id = ?",
                        (s.url, s.host, options, s.every, s.confirm, now, s.id))
                    updated.append(s.id)
        listed = {s.id for c in companies for s in c.sources}
        retired = [sid for sid, row in current.items() if sid not in listed and row[4] is None]
        conn.executemany("UPDATE sources SET removed_at = ? WHERE id = ?", [(now, r) for r in retired])
        slugs = [c.slug for c in companies]
        conn.execute(
            f"UPDATE companies SET removed_at = ? WHERE removed_at IS NULL AND slug NOT IN "
            f"({','.join('?' * len(slugs))})", (now, *slugs))
    return SyncReport(tuple(added), tuple(updated), tuple(retired))
