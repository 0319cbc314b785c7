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
    db.table("items").enable_fts(["title", "summary", "publisher"], create_triggers=True)
    db.table("changes").enable_fts(["field", "key", "old", "new"], create_triggers=True)


@migrations()
def m002_alerts(db: Database) -> None:
    """Alert delivery state (issue 4): digest due times, the message that carried each alert,
    and a queue of notices to the operator channel (dead alerts)."""
    db.executescript(
        """
        ALTER TABLE outbox ADD COLUMN due_at TEXT;
        ALTER TABLE outbox ADD COLUMN message_id TEXT;
        ALTER TABLE outbox ADD COLUMN sent_as TEXT;
        CREATE INDEX outbox_channel ON outbox(channel, status, sent_at);
        CREATE INDEX outbox_message ON outbox(message_id);
        CREATE INDEX outbox_change ON outbox(change_id);
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY, channel TEXT NOT NULL, subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,
            lease_until TEXT, last_error TEXT, created_at TEXT NOT NULL, sent_at TEXT
        );
        CREATE INDEX notices_due ON notices(status, next_attempt_at);
        """
    )


@migrations()
def m003_views(db: Database) -> None:
    """Views written for people, read by Datasette (issue 3)."""
    # Views only read: the category and subject rules mirror monitor.diff (category_of,
    # identity), so Datasette and `monitor publish` work without any Python on the reader's side.
    db.executescript(
        """
        ALTER TABLE sources ADD COLUMN claimed_at TEXT;
        CREATE INDEX changes_source_field ON changes(source, field, detected_at);

        CREATE VIEW recent_changes AS
        SELECT c.id, c.detected_at, c.company, co.name AS company_name, c.category,
            CASE
                WHEN c.field = 'person' AND c.change = 'added'
                    THEN 'person added: ' || c.key || COALESCE(' (' || c.new || ')', '')
                WHEN c.field = 'person' AND c.change = 'removed'
                    THEN 'person removed: ' || c.key || COALESCE(' (' || c.old || ')', '')
                WHEN c.field = 'person'
                    THEN c.key || ': ' || COALESCE(c.old, '?') || ' → ' || COALESCE(c.new, '?')
                WHEN c.field = 'text' THEN 'page text changed'
                WHEN c.field = 'item' THEN 'item removed: ' || COALESCE(c.old, c.key)
                WHEN c.key IS NOT NULL AND c.change = 'added'
                    THEN c.field || ': ' || COALESCE(c.new, c.key)
                WHEN c.change = 'modified'
                    THEN c.field || ': ' || COALESCE(c.old, '') || ' → ' || COALESCE(c.new, '')
                WHEN c.change = 'added' THEN c.field || ' added: ' || COALESCE(c.new, '')
                ELSE c.field || ' removed: ' || COALESCE(c.old, '')
            END AS what,
            c.field, c.key, c.change, c.old, c.new, s.kind AS source_kind,
            COALESCE(c.url, s.url) AS url, c.evidence, c.source
        FROM changes c
        LEFT JOIN companies co ON co.slug = c.company
        LEFT JOIN sources s ON s.id = c.source;

        CREATE VIEW change_feed AS
        SELECT id, company, category, detected_at,
            'monitor:change:' || id AS atom_id,
            COALESCE(company_name, company) || ' — ' || what AS atom_title,
            detected_at AS atom_updated,
            url AS atom_link,
            COALESCE(company_name, company) AS atom_author_name,
            '<p><strong>' || replace(replace(replace(COALESCE(company_name, company), '&', '&amp;'),
                '<', '&lt;'), '>', '&gt;') || '</strong> · ' || category || ' · ' || change
            || '</p>'
            || CASE WHEN old IS NOT NULL THEN '<p>Before: ' || replace(replace(replace(old,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || '</p>' ELSE '' END
            || CASE WHEN new IS NOT NULL THEN '<p>After: ' || replace(replace(replace(new,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || '</p>' ELSE '' END
            || '<p>Seen on ' || COALESCE(source_kind, 'source') || ' '
            || replace(replace(replace(COALESCE(url, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
            || ' at ' || detected_at || '</p>' AS atom_content_html
        FROM recent_changes;

        CREATE VIEW company_profile AS
        SELECT f.company, co.name AS company_name,
            CASE WHEN f.field = 'person' THEN 'leadership'
                 WHEN f.field IN ('email', 'phone', 'fax', 'address') THEN 'contact'
                 WHEN f.field LIKE 'link.%' OR f.field = 'feed' THEN 'links'
                 WHEN f.field = 'text' THEN 'content' ELSE 'identity' END AS category,
            f.field, f.value, f.role,
            COALESCE((SELECT max(c.detected_at) FROM changes c
                      WHERE c.source = f.source AND c.field = f.field AND c.change != 'removed'
                        AND CASE WHEN f.field = 'person' THEN c.key = f.value
                                 ELSE c.new = f.value END), f.first_seen) AS since,
            f.first_seen, f.last_seen, s.kind AS source_kind, s.url AS source_url, f.evidence,
            f.source
        FROM facts f
        JOIN sources s ON s.id = f.source
        LEFT JOIN companies co ON co.slug = f.company
        WHERE s.removed_at IS NULL AND f.field != 'text';

        CREATE VIEW role_holders AS
        SELECT company, company_name, role, value AS person, since, source_url, evidence
        FROM company_profile WHERE field = 'person';

        CREATE VIEW role_changes AS
        SELECT detected_at, company, company_name, key AS person, change,
            old AS old_role, new AS new_role, url, evidence
        FROM recent_changes WHERE field = 'person';

        CREATE VIEW company_timeline AS
        SELECT detected_at AS at, company, company_name, 'change' AS entry, category, what AS title,
            url, source_kind, 'changes/' || id AS ref
        FROM recent_changes r
        WHERE NOT (r.change = 'added' AND r.key IS NOT NULL AND r.field != 'person'
                   AND EXISTS (SELECT 1 FROM items i WHERE i.source = r.source AND i.key = r.key))
        UNION ALL
        SELECT COALESCE(i.published_at, i.first_seen), i.company, co.name, i.kind,
            CASE i.kind WHEN 'post' THEN 'post' WHEN 'news' THEN 'news' ELSE 'content' END,
            i.title, i.url, s.kind, 'items/' || i.id
        FROM items i
        JOIN sources s ON s.id = i.source
        LEFT JOIN companies co ON co.slug = i.company;

        CREATE VIEW source_health AS
        SELECT s.id, s.company, co.name AS company_name, s.kind, s.url, s.host,
            CASE WHEN s.removed_at IS NOT NULL THEN 'retired'
                 WHEN s.status IN ('ok', 'unchanged', 'not_modified') THEN 'healthy'
                 WHEN s.status = 'new' THEN 'new'
                 WHEN s.status IN ('blocked', 'disallowed') THEN 'blocked'
                 ELSE 'failing' END AS health,
            s.status, s.failures, s.error, s.detail, s.every_s, s.last_checked_at, s.last_ok_at,
            s.last_change_at, s.next_due_at, s.claimed_at, s.added_at
        FROM sources s LEFT JOIN companies co ON co.slug = s.company;

        CREATE VIEW weekly_changes AS
        SELECT date(detected_at, 'weekday 0', '-6 days') AS week, company, category,
            count(*) AS changes
        FROM changes GROUP BY week, company, category;

        CREATE VIEW fact_events AS
        SELECT c.id, c.company, c.source, c.field, c.detected_at AS at,
            CASE WHEN c.field = 'person' THEN lower(c.key)
                 WHEN c.category = 'identity' THEN ''
                 ELSE lower(COALESCE(c.new, c.old)) END AS subject,
            c.change != 'removed' AS present,
            CASE WHEN c.field = 'person' THEN c.key ELSE c.new END AS value,
            CASE WHEN c.field = 'person' THEN c.new END AS role,
            c.change != 'added' AS was_present,
            CASE WHEN c.field = 'person' THEN c.key ELSE c.old END AS was_value,
            CASE WHEN c.field = 'person' THEN c.old END AS was_role
        FROM changes c
        WHERE c.category IN ('leadership', 'contact', 'links', 'identity')
          AND NOT (c.change = 'modified' AND c.category IN ('contact', 'links'))
        UNION ALL
        SELECT c.id, c.company, c.source, c.field, c.detected_at, lower(c.old), 0, NULL, NULL,
            1, c.old, NULL
        FROM changes c WHERE c.change = 'modified' AND c.category IN ('contact', 'links')
        UNION ALL
        SELECT c.id, c.company, c.source, c.field, c.detected_at, lower(c.new), 1, c.new, NULL,
            0, NULL, NULL
        FROM changes c WHERE c.change = 'modified' AND c.category IN ('contact', 'links');
        """
    )


@migrations()
def m004_cards(db: Database) -> None:
    """Imported profile cards (issue 6)."""
    # card_review cannot be a view: comparing a card with the world needs Python (x.com ==
    # twitter.com handles, role and address spellings), so `monitor review` refreshes a table.
    db.executescript(
        """
        CREATE TABLE card_sources (
            company TEXT PRIMARY KEY, name TEXT NOT NULL, path TEXT, as_of TEXT,
            text TEXT NOT NULL, sha256 TEXT NOT NULL, imported_at TEXT NOT NULL
        );
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL REFERENCES card_sources(company),
            field TEXT NOT NULL, subject TEXT NOT NULL, value TEXT NOT NULL, role TEXT,
            position INTEGER NOT NULL, as_of TEXT, imported_at TEXT NOT NULL,
            UNIQUE (company, field, subject)
        );
        CREATE INDEX cards_company ON cards(company, position);
        CREATE TABLE card_review (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL, field TEXT NOT NULL, subject TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('new', 'missing', 'changed')),
            card_value TEXT, world_value TEXT, source TEXT, url TEXT, seen_at TEXT,
            snippet TEXT, card_as_of TEXT, reviewed_at TEXT NOT NULL
        );
        CREATE INDEX card_review_company ON card_review(company, field);
        """
    )


@migrations()
def m005_check_days(db: Database) -> None:
    """Old checks rolled up per source and day; the indexes a long history needs."""
    # A check row per check forever grows without bound; past the retention window the raw rows
    # become one row per source and day (store/retention.py). Checks that recorded a change stay:
    # they are the provenance of that change.
    db.executescript(
        """
        CREATE TABLE check_days (
            source TEXT NOT NULL, company TEXT NOT NULL, day TEXT NOT NULL,
            checks INTEGER NOT NULL, ok INTEGER NOT NULL, unchanged INTEGER NOT NULL,
            failed INTEGER NOT NULL, bytes INTEGER NOT NULL, ms_total REAL NOT NULL,
            ms_max REAL NOT NULL,
            PRIMARY KEY (source, day)
        );
        CREATE INDEX check_days_company ON check_days(company, day);
        CREATE INDEX checks_started ON checks(started_at);
        CREATE INDEX checks_snapshot ON checks(snapshot) WHERE snapshot IS NOT NULL;
        CREATE INDEX changes_category ON changes(category, detected_at);
        CREATE INDEX changes_check ON changes(check_id);
        CREATE VIEW source_days AS
        SELECT source, company, day, checks, ok, unchanged, failed, bytes, ms_total, ms_max,
            'rolled up' AS kept
        FROM check_days
        UNION ALL
        SELECT source, company, substr(started_at, 1, 10) AS day, count(*) AS checks,
            sum(outcome = 'ok') AS ok, sum(outcome IN ('unchanged', 'not_modified')) AS unchanged,
            sum(outcome NOT IN ('ok', 'unchanged', 'not_modified')) AS failed,
            coalesce(sum(bytes), 0) AS bytes, coalesce(sum(ms), 0) AS ms_total,
            coalesce(max(ms), 0) AS ms_max, 'raw' AS kept
        FROM checks GROUP BY source, company, substr(started_at, 1, 10);
        """
    )


@migrations()
def m006_screenshots(db: Database) -> None:
    """Screenshots of rendered pages: before and after of each change they show."""
    # source_shots keeps each source's last few rendered checks (confirm + 1 of them), so
    # the "before" of a change confirmed over several checks is still at hand; everything
    # else is deleted as it leaves that window, unless a change holds on to it.
    db.executescript(
        """
        CREATE TABLE screenshots (
            hash TEXT PRIMARY KEY, image BLOB NOT NULL, media_type TEXT NOT NULL,
            width INTEGER NOT NULL, height INTEGER NOT NULL, bytes INTEGER NOT NULL,
            boxes TEXT NOT NULL DEFAULT '[]', first_seen TEXT NOT NULL
        );
        CREATE TABLE source_shots (
            source TEXT NOT NULL, taken_at TEXT NOT NULL, hash TEXT NOT NULL,
            PRIMARY KEY (source, taken_at)
        );
        CREATE TABLE change_shots (
            change_id INTEGER PRIMARY KEY REFERENCES changes(id), before TEXT, after TEXT NOT NULL
        );
        CREATE VIEW change_screenshots AS
        SELECT c.id AS change_id, c.detected_at, c.company, c.category, c.field, c.key, c.change,
            c.old, c.new, c.url, s.before, s.after
        FROM changes c JOIN change_shots s ON s.change_id = c.id;
        """
    )


@migrations()
def m007_routing(db: Database) -> None:
    """Changes waiting for a routing decision, and an id that names this database.

    A change recorded while no alert routing was in force waits in ``unrouted`` until a
    dispatcher with routing takes it, so a missing alerts file delays alerts but never loses
    them. ``database_id`` goes into alert ids: two databases (a rebuild, staging and
    production) never give the same id to different alerts.
    """
    db.executescript(
        """
        CREATE TABLE unrouted (
            change_id INTEGER PRIMARY KEY REFERENCES changes(id), recorded_at TEXT NOT NULL
        );
        CREATE TABLE monitor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO monitor_meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
        """
    )


@migrations()
def m008_item_lists(db: Database) -> None:
    """Items from lists on pages and job boards: categories, offers and openings."""
    # SQLite cannot alter a CHECK constraint; its documented way for a change that leaves the
    # stored rows valid is to edit the table's SQL in the schema and bump schema_version.
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    db.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '''metric'', ''health'')',"
        " '''metric'', ''health'', ''offer'', ''hiring'')') WHERE type = 'table' AND name = 'changes'")
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")
    db.executescript(
        """
        ALTER TABLE items ADD COLUMN category TEXT;
        ALTER TABLE items ADD COLUMN price TEXT;
        ALTER TABLE items ADD COLUMN image TEXT;
        ALTER TABLE items ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE items ADD COLUMN evidence TEXT;
        ALTER TABLE items ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE items ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE items ADD COLUMN position INTEGER;
        ALTER TABLE items ADD COLUMN candidate TEXT NOT NULL DEFAULT '';
        CREATE INDEX items_category ON items(company, category, removed_at);

        CREATE VIEW current_offers AS
        SELECT i.company, co.name AS company_name, i.title, i.price, i.url, i.published_at,
               i.summary, i.image, i.first_seen, i.evidence, i.source
        FROM items i LEFT JOIN companies co ON co.slug = i.company
        WHERE i.category = 'offer' AND i.removed_at IS NULL AND i.pending = 0;

        CREATE VIEW current_openings AS
        SELECT i.company, co.name AS company_name, i.title,
               json_extract(i.details, '$.department') AS department,
               json_extract(i.details, '$.location') AS location,
               json_extract(i.details, '$.remote') AS remote,
               json_extract(i.details, '$.employment') AS employment_type,
               i.published_at, i.url, i.first_seen, i.source
        FROM items i LEFT JOIN companies co ON co.slug = i.company
        WHERE i.category = 'hiring' AND i.removed_at IS NULL AND i.pending = 0;

        CREATE VIEW openings_by_department AS
        SELECT company, company_name, COALESCE(department, '(none)') AS department,
               COUNT(*) AS open_roles
        FROM current_openings GROUP BY company, company_name, COALESCE(department, '(none)');

        CREATE VIEW openings_by_location AS
        SELECT company, company_name, COALESCE(location, '(none)') AS location,
               COUNT(*) AS open_roles
        FROM current_openings GROUP BY company, company_name, COALESCE(location, '(none)');
        """
    )


@migrations()
def m009_text_lines(db: Database) -> None:
    """Lines of page text each source has shown; the volatile ones rotate (learned, resettable)."""
    db.executescript(
        """
        CREATE TABLE text_lines (
            source TEXT NOT NULL REFERENCES sources(id), key TEXT NOT NULL, text TEXT NOT NULL,
            returns INTEGER NOT NULL DEFAULT 0, present INTEGER NOT NULL DEFAULT 1,
            volatile INTEGER NOT NULL DEFAULT 0, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
            PRIMARY KEY (source, key)
        );
        CREATE INDEX text_lines_volatile ON text_lines(source) WHERE volatile;
        """
    )


@migrations()
def m010_robots(db: Database) -> None:
    """robots.txt answers per origin, shared by every process on this database until they expire."""
    db.executescript(
        """
        CREATE TABLE robots (
            origin TEXT PRIMARY KEY, state TEXT NOT NULL, detail TEXT NOT NULL,
            code TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
            expires REAL NOT NULL, fetched_at TEXT NOT NULL
        );
        """
    )


def _html(expr: str) -> str:
    """SQL that escapes ``expr`` for an HTML text node (&, <, >)."""
    return f"replace(replace(replace({expr}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


@migrations()
def m011_history_reads(db: Database) -> None:
    """What reading a long history needs: a company's sources by index, and Atom entries whose
    HTML is escaped value by value in SQL, so feeds need no HTML sanitizer pass per entry."""
    # change_feed escaped company, old, new and url; category, change, source kind and time
    # are escaped now too, so every value in atom_content_html is text, whatever wrote the row.
    db.executescript(
        f"""
        CREATE INDEX sources_company ON sources(company);
        DROP VIEW change_feed;
        CREATE VIEW change_feed AS
        SELECT id, company, category, detected_at,
            'monitor:change:' || id AS atom_id,
            COALESCE(company_name, company) || ' — ' || what AS atom_title,
            detected_at AS atom_updated,
            url AS atom_link,
            COALESCE(company_name, company) AS atom_author_name,
            '<p><strong>' || {_html("COALESCE(company_name, company)")} || '</strong> · '
            || {_html("category")} || ' · ' || {_html("change")} || '</p>'
            || CASE WHEN old IS NOT NULL THEN '<p>Before: ' || {_html("old")} || '</p>' ELSE '' END
            || CASE WHEN new IS NOT NULL THEN '<p>After: ' || {_html("new")} || '</p>' ELSE '' END
            || '<p>Seen on ' || {_html("COALESCE(source_kind, 'source')")} || ' '
            || {_html("COALESCE(url, '')")} || ' at ' || {_html("detected_at")} || '</p>'
            AS atom_content_html
        FROM recent_changes;
        """
    )


@migrations()
def m012_history_order(db: Database) -> None:
    """The orders Datasette's table pages open in: newest first, by a time column alone.

    ``items`` (by published_at), ``metrics`` (by observed_at), ``check_days`` (by day) and
    ``text_lines`` (by last_seen) had their time only behind another column, or not indexed,
    so every visit sorted the whole table: at 10,000 companies over three years, past
    Datasette's time limit.
    """
    db.executescript(
        """
        CREATE INDEX items_published ON items(published_at);
        CREATE INDEX metrics_observed ON metrics(observed_at);
        CREATE INDEX check_days_day ON check_days(day);
        CREATE INDEX text_lines_seen ON text_lines(last_seen);
        """
    )


@migrations()
def m013_text_slots(db: Database) -> None:
    """Where on its page each line of text sits, and the slots whose text was replaced: a slot
    replaced twice in a short window rotates (learned, decays, resettable)."""
    db.executescript(
        """
        ALTER TABLE text_lines ADD COLUMN position INTEGER NOT NULL DEFAULT -1;
        ALTER TABLE text_lines ADD COLUMN slot TEXT NOT NULL DEFAULT '';
        ALTER TABLE text_lines ADD COLUMN since TEXT NOT NULL DEFAULT '';
        CREATE TABLE text_slots (
            source TEXT NOT NULL REFERENCES sources(id), key TEXT NOT NULL,
            before TEXT NOT NULL, after TEXT NOT NULL, changes INTEGER NOT NULL DEFAULT 1,
            changed_at TEXT NOT NULL, volatile INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
            PRIMARY KEY (source, key)
        );
        CREATE INDEX text_slots_volatile ON text_slots(source) WHERE volatile;
        """
    )


@migrations()
def m014_item_returns(db: Database) -> None:
    """How often each item was listed again after it had left: a list whose members come back
    is a sample of a larger pool, whose departures are not removals until they last."""
    db.executescript("ALTER TABLE items ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;")


@migrations()
def m015_rebases(db: Database) -> None:
    """The extraction version each source's profile was read with, and the rebases: what a newer
    extractor read differently on a source's stored page (history, never alerted)."""
    db.executescript(
        """
        ALTER TABLE sources ADD COLUMN extraction TEXT;
        CREATE TABLE rebases (
            id INTEGER PRIMARY KEY, company TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
            field TEXT NOT NULL, key TEXT, change TEXT NOT NULL, old TEXT, new TEXT,
            category TEXT NOT NULL, evidence TEXT, rebased_at TEXT NOT NULL,
            version TEXT NOT NULL, was TEXT, page TEXT NOT NULL, check_id INTEGER
        );
        CREATE INDEX rebases_company ON rebases(company, id);
        CREATE INDEX rebases_at ON rebases(rebased_at);
        """
    )


@migrations()
def m016_raw_hash(db: Database) -> None:
    """The raw bytes' hash of the body whose noise-free hash is ``body_hash``: a page that comes
    back byte for byte is known unchanged without stripping it, in any process (the memo in
    ``monitor.pipeline`` lasts one process; a ``monitor check`` run is one)."""
    db.execute("ALTER TABLE sources ADD COLUMN raw_hash TEXT")


# The views of m017 read newest first through an index when Datasette asks for a page of them.
# SQLite merges the arms of a UNION ALL view in order (each arm reading an index) only when it
# can flatten the view into the query, which needs every column to have the same affinity in
# every arm: a bare table column has its column's, an expression none, so ``+col`` (no
# affinity) and ``CAST(expr AS TEXT)`` (TEXT) line the arms up without changing any value.
_SOURCE_DAY_SUMS = (  # column of check_days, SQL over one source-day's checks x, its affinity
    ("checks", "count(*)", "INTEGER"),
    ("ok", "coalesce(sum(x.outcome = 'ok'), 0)", "INTEGER"),
    ("unchanged", "coalesce(sum(x.outcome IN ('unchanged', 'not_modified')), 0)", "INTEGER"),
    ("failed", "coalesce(sum(x.outcome NOT IN ('ok', 'unchanged', 'not_modified')), 0)", "INTEGER"),
    ("bytes", "coalesce(sum(x.bytes), 0)", "INTEGER"),
    ("ms_total", "coalesce(sum(x.ms), 0)", "REAL"),
    ("ms_max", "coalesce(max(x.ms), 0)", "REAL"),
)
_CHECK_DAY = "CAST(substr(started_at, 1, 10) AS TEXT)"  # indexed as checks_day


def _source_days() -> str:
    """The raw arm of source_days without GROUP BY (an aggregate arm is never merged in
    order): one row per source and day, at the day's last check, its sums from that source's
    checks of the day (checks_source; stamps are ISO, so a day's stamps sort below day || 'T99').
    The company is the source's (the same as the check's; a check's source always exists), so
    a page of one company reads its three sources' checks through sources_company."""
    day = _CHECK_DAY.replace("started_at", "c.started_at")
    same_day = f"x.source = c.source AND x.started_at >= {day} AND x.started_at < {day} || 'T99'"
    sums = ", ".join(f"CAST((SELECT {sql} FROM checks x WHERE {same_day}) AS {kind}) AS {name}"
                     for name, sql, kind in _SOURCE_DAY_SUMS)
    return f"""
        CREATE VIEW source_days AS
        SELECT source, company, day, checks, ok, unchanged, failed, bytes, ms_total, ms_max,
            'rolled up' AS kept
        FROM check_days
        UNION ALL
        SELECT c.source, s.company, {day} AS day, {sums}, 'raw' AS kept
        FROM checks c JOIN sources s ON s.id = c.source
        WHERE NOT EXISTS (SELECT 1 FROM checks x WHERE {same_day}
                          AND (x.started_at > c.started_at
                               OR (x.started_at = c.started_at AND x.id > c.id)));
        """


_FACT_NAMES = ("subject", "present", "value", "role", "was_present", "was_value", "was_role")
_FACT_VALUES = {  # which row a change makes in fact_events: its subject and both states
    "whole": ("CASE WHEN c.field = 'person' THEN lower(c.key) WHEN c.category = 'identity'"
              " THEN '' ELSE lower(COALESCE(c.new, c.old)) END",
              "c.change != 'removed'", "CASE WHEN c.field = 'person' THEN c.key ELSE c.new END",
              "CASE WHEN c.field = 'person' THEN c.new END", "c.change != 'added'",
              "CASE WHEN c.field = 'person' THEN c.key ELSE c.old END",
              "CASE WHEN c.field = 'person' THEN c.old END"),
    "old": ("lower(c.old)", "0", "NULL", "NULL", "1", "+c.old", "NULL"),  # the old value went
    "new": ("lower(c.new)", "1", "+c.new", "NULL", "0", "NULL", "NULL"),  # and the new came
}


def _fact_events() -> str:
    """fact_events as one arm per category and change (values the schema's CHECKs allow), each
    one range of changes_category_change read newest first: the same rows as before."""
    arms: list[tuple[str, str, str]] = []
    for category in ("leadership", "identity", "contact", "links"):
        arms += [(category, "added", "whole"), (category, "removed", "whole")]
        if category in ("contact", "links"):  # a modified contact or link: one value went,
            arms += [(category, "modified", "old"), (category, "modified", "new")]  # one came
        else:
            arms.append((category, "modified", "whole"))
    selects = []
    for n, (category, change, values) in enumerate(arms):
        named = [f"{v} AS {k}" if n == 0 else v for k, v in zip(_FACT_NAMES, _FACT_VALUES[values],
                                                                   strict=True)]
        where = f"c.category = '{category}' AND c.change = '{change}'"
        selects.append(f"SELECT c.id, c.company, c.source, c.field, c.detected_at"
                       f"{' AS at' if n == 0 else ''}, {', '.join(named)} FROM changes c WHERE {where}")
    return "CREATE VIEW fact_events AS\n        " + "\n        UNION ALL\n        ".join(selects) + ";"


# A change's week (its Monday), indexed as changes_week; with detected_at in the index too, a
# count of weeks reads the index alone (SQLite 3.40 reads an indexed expression's column from
# the table unless the index holds it).
_WEEK = "date({c}detected_at, 'weekday 0', '-6 days')"
_same_week = (f"{_WEEK.format(c='x.')} = {_WEEK.format(c='c.')} AND x.company = c.company"
              " AND x.category = c.category")


@migrations()
def m017_history_pages(db: Database) -> None:
    """Unfiltered pages of the history views read only the rows they show, newest first.

    source_days, company_timeline, weekly_changes and fact_events sorted (or grouped) every row
    of their tables for a page of 50: past Datasette's time limit at 10,000 companies. They now
    read indexes in the order of their pages (same columns, same rows). items_newest is the
    order of the items table's pages after the first (published_at newest first, then id, as
    Datasette pages), which items_published (m012) could only give by sorting every item.
    """
    db.executescript(
        f"""
        CREATE INDEX checks_day ON checks({_CHECK_DAY});
        CREATE INDEX items_at ON items(CAST(COALESCE(published_at, first_seen) AS TEXT));
        CREATE INDEX changes_week ON changes({_WEEK.format(c="")}, company, category,
            detected_at);
        CREATE INDEX changes_category_change ON changes(category, change, detected_at);
        DROP INDEX items_published;
        CREATE INDEX items_newest ON items(published_at DESC, id);
        DROP VIEW source_days;
        {_source_days()}
        DROP VIEW weekly_changes;
        CREATE VIEW weekly_changes AS
        SELECT {_WEEK.format(c="c.")} AS week, c.company, c.category,
            (SELECT count(*) FROM changes x WHERE {_same_week}) AS changes
        FROM changes c
        WHERE NOT EXISTS (SELECT 1 FROM changes x WHERE {_same_week} AND x.id > c.id);
        DROP VIEW fact_events;
        {_fact_events()}
        DROP VIEW company_timeline;
        CREATE VIEW company_timeline AS
        SELECT detected_at AS at, company, company_name, 'change' AS entry, +category AS category,
            +what AS title, +url AS url, source_kind, 'changes/' || id AS ref
        FROM recent_changes r
        WHERE NOT (r.change = 'added' AND r.key IS NOT NULL AND r.field != 'person'
                   AND EXISTS (SELECT 1 FROM items i WHERE i.source = r.source AND i.key = r.key))
        UNION ALL
        SELECT CAST(COALESCE(i.published_at, i.first_seen) AS TEXT), i.company, co.name, +i.kind,
            CASE i.kind WHEN 'post' THEN 'post' WHEN 'news' THEN 'news' ELSE 'content' END,
            +i.title, +i.url, s.kind, 'items/' || i.id
        FROM items i
        JOIN sources s ON s.id = i.source
        LEFT JOIN companies co ON co.slug = i.company;
        """
    )


@migrations()
def m018_change_weeks(db: Database) -> None:
    """Weekly roll-ups of changes for the charts page (``monitor.store.weeks``): per week and
    category, and per company and week with a running count; kept by triggers on ``changes``
    and filled from the changes recorded so far (a run cut short is simply run again:
    ``executescript`` commits the tables before the fill, which starts from empty)."""
    from monitor.store import weeks

    db.executescript(weeks.SCHEMA + weeks.TRIGGERS)
    weeks.fill(db.conn)


@migrations()
def m019_change_rotation(db: Database) -> None:
    """When a reported prose change was found to be rotation: a text that held longer than the
    settle window was reported like an edit, until its slot rotated or the text came back.
    History, Datasette and digests show it as rotation from then on."""
    db.execute("ALTER TABLE changes ADD COLUMN rotation_at TEXT")


@migrations()
def m022_check_days_newest(db: Database) -> None:
    """check_days in the order of its Datasette pages: newest day first, a day's sources in key
    order (``day DESC, source``), instead of ``check_days_day`` (day alone, m012).

    A later page is ordered by the day and the primary key, and every source shares each day
    (30,000 rows a day at 10,000 companies): with the day alone indexed, each page sorted its
    day's rows. The first page, ordered by the day alone, took that day's rows in insertion
    order, so the second page (which starts after the first page's last source) could skip rows
    or show them twice; with the key in the index both read one order.
    """
    db.executescript(
        """
        CREATE INDEX check_days_newest ON check_days(day DESC, source);
        DROP INDEX check_days_day;
        """
    )


@migrations()
def m023_people_seen(db: Database) -> None:
    """People each source has shown (``roster``): when they last came, how often they came back
    after leaving (a block sampling its staff), when they left and when their departure was
    reported (a return within a few months is no news). Learned, per source."""
    db.executescript(
        """
        CREATE TABLE people_seen (
            source TEXT NOT NULL REFERENCES sources(id), key TEXT NOT NULL, name TEXT NOT NULL,
            since TEXT NOT NULL DEFAULT '', last_seen TEXT NOT NULL DEFAULT '',
            present INTEGER NOT NULL DEFAULT 1, returns INTEGER NOT NULL DEFAULT 0,
            left_at TEXT NOT NULL DEFAULT '', gone_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (source, key)
        );
        """
    )


@migrations()
def m024_people_seen_where(db: Database) -> None:
    """Where the page showed each person (``roster``): the sections of their last presence and
    those that showed them as their only person (a card cycling one colleague), newline-joined."""
    db.executescript(
        """
        ALTER TABLE people_seen ADD COLUMN where_seen TEXT NOT NULL DEFAULT '';
        ALTER TABLE people_seen ADD COLUMN alone TEXT NOT NULL DEFAULT '';
        """
    )
