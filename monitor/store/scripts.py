"""The database a writer opens: sqlite-utils' ``Database`` with a script splitter that scales.

Kept apart from ``monitor.store.db`` so that opening a file read-only for a few rows
(``read_connection``) imports neither sqlite-utils nor the schema.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from monitor.store.db import statements


class ScriptDatabase(Database):
    """sqlite-utils, inside a transaction (where every migration runs), splits a script by
    joining it up again after each character: quadratic in a statement's length, so the long
    views made opening a new database take over a second. This one splits at semicolons."""

    def executescript(self, sql: str) -> sqlite3.Cursor:
        if not self.conn.in_transaction:
            return super().executescript(sql)
        if self._tracer:
            self._tracer(sql, None)
        cursor = self.conn.cursor()
        for statement in statements(sql):
            cursor.execute(statement)
        return cursor


__all__ = ["ScriptDatabase"]
