"""Mirror the companies and sources of sources.yaml into the database (history is kept).

The daemon syncs on every reload, and a 10,000-company file usually changes one company at a
time: the rows are compared with what the file says, and only the ones that differ are written
(an unchanged config writes nothing: no churn in the WAL, no rows rewritten).
"""

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


# Built once: ``json.dumps`` with options builds an encoder per call, a third of a 10k sync.
_LIST = json.JSONEncoder(ensure_ascii=False).encode
_OPTIONS = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _company_row(company: Company) -> tuple[str, str, str]:
    """(name, aliases, tags) as the companies table stores them."""
    return (company.name, _LIST(list(company.aliases)) if company.aliases else "[]",
            _LIST(list(company.tags)) if company.tags else "[]")


def sync_config(db: Database, companies: Iterable[Company], now: str) -> SyncReport:
    """Insert new companies/sources, update changed ones, retire the ones no longer listed.

    New sources are due at once. Retired rows get ``removed_at``; their history stays.
    A source that comes back is revived with its history and state. One transaction; rows
    that already say what the file says are not written.
    """
    companies = tuple(companies)
    added: list[str] = []
    updated: list[str] = []
    with write(db) as conn:
        known = {row[0]: row[1:] for row in conn.execute(
            "SELECT slug, name, aliases, tags, removed_at FROM companies")}
        current = {row[0]: row[1:] for row in conn.execute(
            "SELECT id, url, options, every_s, confirm, removed_at FROM sources")}
        # New rows go in with one statement each kind (a new 10,000-company file: 20,000 rows),
        # companies first, which their sources name.
        new_companies: list[tuple[object, ...]] = []
        new_sources: list[tuple[object, ...]] = []
        for company in companies:
            wanted = _company_row(company)
            if company.slug not in known:
                new_companies.append((company.slug, *wanted, now))
            elif known[company.slug] != (*wanted, None):  # changed, or listed again
                conn.execute(
                    "UPDATE companies SET name = ?, aliases = ?, tags = ?, removed_at = NULL"
                    " WHERE slug = ?", (*wanted, company.slug))
            for s in company.sources:
                options = _OPTIONS(dict(s.options)) if s.options else "{}"
                row = (s.url, options, s.every, s.confirm, None)
                if s.id not in current:
                    new_sources.append((s.id, s.company, s.kind, s.url, s.host, options, s.every,
                                        s.confirm, now, now))
                    added.append(s.id)
                elif current[s.id] != row:
                    conn.execute(
                        "UPDATE sources SET url = ?, host = ?, options = ?, every_s = ?, confirm = ?,"
                        " removed_at = NULL, next_due_at = COALESCE(next_due_at, ?) WHERE id = ?",
                        (s.url, s.host, options, s.every, s.confirm, now, s.id))
                    updated.append(s.id)
        conn.executemany("INSERT INTO companies (slug, name, aliases, tags, added_at)"
                         " VALUES (?, ?, ?, ?, ?)", new_companies)
        conn.executemany(
            "INSERT INTO sources (id, company, kind, url, host, options, every_s, confirm,"
            " next_due_at, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new_sources)
        listed = {s.id for c in companies for s in c.sources}
        retired = [sid for sid, row in current.items() if sid not in listed and row[4] is None]
        conn.executemany("UPDATE sources SET removed_at = ? WHERE id = ?", [(now, r) for r in retired])
        slugs = {c.slug for c in companies}
        gone = [slug for slug, row in known.items() if slug not in slugs and row[3] is None]
        conn.executemany("UPDATE companies SET removed_at = ? WHERE slug = ?", [(now, g) for g in gone])
    return SyncReport(tuple(added), tuple(updated), tuple(retired))
