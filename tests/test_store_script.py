"""The database's own script splitter: the same statements, and the same schema, as sqlite-utils."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from monitor.store.db import open_db, statements
from monitor.store.schema import migrations

SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


def test_a_semicolon_in_a_string_a_comment_or_a_trigger_body_does_not_end_a_statement() -> None:
    script = """
        CREATE TABLE t (a TEXT);  -- one; two
        INSERT INTO t VALUES ('x; y');
        CREATE TRIGGER k AFTER INSERT ON t BEGIN
            UPDATE t SET a = a || ';';
        END;
        SELECT 1 /* ; */ ;
        SELECT 2"""
    assert list(statements(script)) == [
        "CREATE TABLE t (a TEXT);",
        "-- one; two\n        INSERT INTO t VALUES ('x; y');",
        "CREATE TRIGGER k AFTER INSERT ON t BEGIN\n            UPDATE t SET a = a || ';';\n        END;",
        "SELECT 1 /* ; */ ;",
        "SELECT 2",
    ]


def test_blank_and_empty_scripts_have_no_statements() -> None:
    assert list(statements("")) == []
    assert list(statements("  \n\t ")) == []


def test_a_new_database_has_the_schema_sqlite_utils_itself_would_make(tmp_path: Path) -> None:
    reference = Database(sqlite3.connect(tmp_path / "reference.db"))
    migrations.apply(reference)
    ours = open_db(tmp_path / "monitor.db")
    expected = reference.execute(SCHEMA).fetchall()
    assert len(expected) > 50
    assert ours.execute(SCHEMA).fetchall() == expected
    assert not migrations.pending(ours)


def test_a_failing_statement_in_a_script_leaves_the_transaction_to_roll_back(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    db.execute("CREATE TABLE n (a INTEGER)")
    db.conn.execute("BEGIN")
    with pytest.raises(sqlite3.OperationalError, match="missing"):
        db.executescript("INSERT INTO n VALUES (1); INSERT INTO missing VALUES (2);")
    db.conn.execute("ROLLBACK")
    assert db.execute("SELECT count(*) FROM n").fetchone()[0] == 0
