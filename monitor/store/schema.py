"""The database schema, as registered migrations (sqlite-utils ``Migrations``).

Public tables keep stable names and columns: analysts and other tools query them.
History (``changes``, ``checks``, ``metrics``) is append-only; ``facts``, ``items`` and
``sources`` hold current state. Add a new migration function; never edit an applied one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("monitor")


@migrations()
def m001_core(db: Database) -> None:
    """Companies, sources, checks, snapshots, facts, items, changes, metrics, outbox."""
    db.executescript(
        """
        CREATE TABLE companies (
            slug TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]', added_at TEXT NOT NULL, removed_at TEXT
        );
        CREATE TABLE sources (
            id TEXT PRIMARY KEY, company TEXT NOT NULL REFERENCES companies(slug),
            kind TEXT NOT NULL, url TEXT NOT NULL, host TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '{}', every_s REAL NOT NULL, confirm INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'new', error TEXT, detail TEXT,
            last_checked_at TEXT, last_ok_at TEXT, last_change_at TEXT, next_due_at TEXT,
            etag TEXT, last_modified TEXT, body_hash TEXT,
            failures INTEGER NOT NULL DEFAULT 0, health_alerted INTEGER NOT NULL DEFAULT 0,
            baseline_at TEXT, added_at TEXT NOT NULL, removed_at TEXT
        );
        CREATE INDEX sources_due ON sources(next_due_at) WHERE removed_at IS NULL;
        CREATE TABLE snapshots (
            hash TEXT PRIMARY KEY, content BLOB NOT NULL, content_type TEXT,
            bytes INTEGER NOT NULL, first_seen TEXT NOT NULL
        );
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(id),
            company TEXT NOT NULL, started_at TEXT NOT NULL, outcome TEXT NOT NULL,
            http_status INTEGER, bytes INTEGER, ms REAL, error TEXT, detail TEXT,
            snapshot TEXT REFERENCES snapshots(hash), changes INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX checks_source ON checks(source, started_at);
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
            field TEXT NOT NULL, subject TEXT NOT NULL, value TEXT NOT NULL, role TEXT,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, evidence TEXT,
            UNIQUE (source, field, subject)
        );
        CREATE INDEX facts_company ON facts(company, field);
        CREATE TABLE pending (
            source TEXT NOT NULL, field TEXT NOT NULL, subject TEXT NOT NULL,
            present INTEGER NOT NULL, value TEXT, role TEXT, evidence TEXT,
            seen INTEGER NOT NULL, first_seen TEXT NOT NULL,
            PRIMARY KEY (source, field, subject)
        );
        CREATE TABLE items (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
            key TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, url TEXT,
            published_at TEXT, summary TEXT, publisher TEXT, links TEXT NOT NULL DEFAULT '[]',
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, removed_at TEXT,
            misses INTEGER NOT NULL DEFAULT 0,
            UNIQUE (source, key)
        );
        CREATE INDEX items_company ON items(company, published_at);
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL, source TEXT NOT NULL,
            field TEXT NOT NULL, key TEXT,
            change TEXT NOT NULL CHECK (change IN ('added', 'removed', 'modified')),
            old TEXT, new TEXT,
            category TEXT NOT NULL CHECK (category IN ('leadership', 'contact', 'links',
                'identity', 'content', 'news', 'post', 'metric', 'health')),
            detected_at TEXT NOT NULL, evidence TEXT, url TEXT, check_id INTEGER
        );
        CREATE INDEX changes_company ON changes(company, detected_at);
        CREATE INDEX changes_detected ON changes(detected_at);
        CREATE TABLE metrics (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL, source TEXT NOT NULL,
            name TEXT NOT NULL, value REAL NOT NULL, observed_at TEXT NOT NULL
        );
        CREATE INDEX metrics_company ON metrics(company, name, observed_at);
        CREATE TABLE metric_marks (
            source TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
            PRIMARY KEY (source, name)
        );
        CREATE TABLE outbox (
            alert_id TEXT PRIMARY KEY, change_id INTEGER NOT NULL REFERENCES changes(id),
            channel TEXT NOT NULL, mode TEXT NOT NULL DEFAULT 'immediate',
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'suppressed')),
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,
            lease_until TEXT, last_error TEXT, created_at TEXT NOT NULL, sent_at TEXT
        );
        CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
        """
    )
    db["items"].enable_fts(["title", "summary", "publisher"], create_triggers=True)
    db["changes"].enable_fts(["field", "key", "old", "new"], create_triggers=True)


@migrations()
def m002_alerts(db: Database) -> None:
    """Alert delivery state (issue 4)."""


@migrations()
def m003_views(db: Database) -> None:
    """Views written for people, read by Datasette (issue 3)."""


@migrations()
def m004_cards(db: Database) -> None:
    """Imported profile cards (issue 6)."""
