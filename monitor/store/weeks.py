"""Weekly roll-ups of ``changes``, kept by triggers in the transaction that writes a change.

The charts page shows the last 26 weeks of changes per category and for the nine busiest
companies. Counted from ``changes`` that is every change of half a year (185,000 at 10,000
companies) on every visit. A roll-up per (week, company, category) would not help: at that
size nearly every change is alone in its group. Three roll-ups bound the page instead:

- ``change_weeks``: changes per week and category (a few hundred rows for 26 weeks);
- ``company_weeks``: changes per company and week, with ``running``, the company's changes up
  to and including that week;
- ``company_changes``: each company's changes of all time, so its count over the last weeks
  is one row less one lookup (its ``running`` before them), whatever those weeks hold.

Triggers on ``changes`` keep them: a row recorded, deleted (``monitor publish`` drops the
monitor's own health changes) or moved (its week, company or category rewritten) updates them
in the same statement, so they are never stale or partial, whichever code writes. ``fill``
builds them from ``changes`` (the migration, and a bulk load that dropped the triggers);
``drift`` says where they disagree with a count over ``changes`` (empty when right).
Migration m018 made the tables and triggers from this text: change them only in a new one.
"""

from __future__ import annotations

import sqlite3

# A change's week, as its Monday (the week the charts and weekly_changes use).
WEEK = "date({c}detected_at, 'weekday 0', '-6 days')"
TABLES = ("change_weeks", "company_weeks", "company_changes")

SCHEMA = """
CREATE TABLE IF NOT EXISTS change_weeks (
    week TEXT NOT NULL, category TEXT NOT NULL, changes INTEGER NOT NULL,
    PRIMARY KEY (week, category)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS company_weeks (
    company TEXT NOT NULL, week TEXT NOT NULL, changes INTEGER NOT NULL,
    running INTEGER NOT NULL,
    PRIMARY KEY (company, week)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS company_changes (
    company TEXT PRIMARY KEY, changes INTEGER NOT NULL
) WITHOUT ROWID;
"""


def _add(row: str) -> str:
    """Statements counting change ``row`` (``new``) in: its week and category, its company's
    week (made with the running count of the company's week before), and every running count
    from its week on."""
    week = WEEK.format(c=f"{row}.")
    return f"""
    INSERT INTO change_weeks (week, category, changes) VALUES ({week}, {row}.category, 1)
        ON CONFLICT (week, category) DO UPDATE SET changes = changes + 1;
    INSERT INTO company_weeks (company, week, changes, running) VALUES ({row}.company, {week}, 0,
        coalesce((SELECT running FROM company_weeks WHERE company = {row}.company
                  AND week < {week} ORDER BY week DESC LIMIT 1), 0))
        ON CONFLICT (company, week) DO NOTHING;
    UPDATE company_weeks SET changes = changes + (week = {week}), running = running + 1
        WHERE company = {row}.company AND week >= {week};
    INSERT INTO company_changes (company, changes) VALUES ({row}.company, 1)
        ON CONFLICT (company) DO UPDATE SET changes = changes + 1;"""


def _remove(row: str) -> str:
    """Statements counting change ``row`` (``old``) out; a week left with no change goes (the
    running counts after it never read it)."""
    week = WEEK.format(c=f"{row}.")
    return f"""
    UPDATE change_weeks SET changes = changes - 1 WHERE week = {week} AND category = {row}.category;
    DELETE FROM change_weeks WHERE week = {week} AND category = {row}.category AND changes <= 0;
    UPDATE company_weeks SET changes = changes - (week = {week}), running = running - 1
        WHERE company = {row}.company AND week >= {week};
    DELETE FROM company_weeks WHERE company = {row}.company AND week = {week} AND changes <= 0;
    UPDATE company_changes SET changes = changes - 1 WHERE company = {row}.company;
    DELETE FROM company_changes WHERE company = {row}.company AND changes <= 0;"""


TRIGGERS = f"""
CREATE TRIGGER IF NOT EXISTS change_weeks_insert AFTER INSERT ON changes BEGIN {_add("new")}
END;
CREATE TRIGGER IF NOT EXISTS change_weeks_delete AFTER DELETE ON changes BEGIN {_remove("old")}
END;
CREATE TRIGGER IF NOT EXISTS change_weeks_update AFTER UPDATE OF company, category, detected_at ON changes
BEGIN {_remove("old")} {_add("new")}
END;
"""

# What the roll-ups hold, counted from ``changes`` (``fill`` writes it, ``drift`` compares).
_BY_CATEGORY = (f"SELECT {WEEK.format(c='')} AS week, category, count(*) AS changes"
                " FROM changes GROUP BY 1, 2")
_BY_COMPANY = (
    "SELECT company, week, changes, sum(changes) OVER (PARTITION BY company ORDER BY week)"
    f" AS running FROM (SELECT company, {WEEK.format(c='')} AS week, count(*) AS changes"
    " FROM changes GROUP BY 1, 2)")
_BY_COMPANY_EVER = "SELECT company, count(*) AS changes FROM changes GROUP BY 1"


def fill(conn: sqlite3.Connection) -> None:
    """Both roll-ups anew from ``changes``, inside the caller's transaction."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.execute(f"INSERT INTO change_weeks (week, category, changes) {_BY_CATEGORY}")
    conn.execute(f"INSERT INTO company_weeks (company, week, changes, running) {_BY_COMPANY}")
    conn.execute(f"INSERT INTO company_changes (company, changes) {_BY_COMPANY_EVER}")


def drift(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Rows where a roll-up and the count over ``changes`` disagree, as (table, side, row...):
    side "roll-up" for a row only the table holds, "changes" for one only the count gives.
    An empty list when the roll-ups are right."""
    out: list[tuple[object, ...]] = []
    for table, columns, truth in (("change_weeks", "week, category, changes", _BY_CATEGORY),
                                  ("company_weeks", "company, week, changes, running",
                                   _BY_COMPANY),
                                  ("company_changes", "company, changes", _BY_COMPANY_EVER)):
        for side, sql in (("roll-up", f"SELECT {columns} FROM {table} EXCEPT {truth}"),
                          ("changes", f"{truth} EXCEPT SELECT {columns} FROM {table}")):
            out += [(table, side, *row) for row in conn.execute(sql)]
    return out


__all__ = ["SCHEMA", "TABLES", "TRIGGERS", "WEEK", "drift", "fill"]
