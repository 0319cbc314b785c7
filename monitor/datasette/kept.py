"""Schema answers kept per schema version, so a page asks SQLite only for its data.

Datasette 0.65 asks the database about its schema on every page: the table and view names,
each table's columns, keys and full-text index, and (since 0.65.5) each table's spelling in
``sqlite_master`` for every permission check. Each question is a round trip to a reader thread:
the home page made ~235 of them a visit (measured: 29 ms CPU, 43 ms quiet), and under load
each round trip waits for a core again. Datasette already reads ``PRAGMA schema_version`` at
the start of every request (``refresh_schemas``); SQLite changes that number with every change
of the schema, so every answer below is kept under the version it was read at and asked again
once the version moves (a migration run by ``monitor run`` while Datasette serves).
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from typing import Any

from datasette.database import Database

# Datasette 0.65.5's permission check looks each table's name up in the schema; the statement
# is recognized by its text, so a Datasette that words it otherwise simply asks SQLite again.
SPELLING_SQL = ("select name from sqlite_master where type in ('table', 'view') and name = ?"
                " collate nocase")
KEPT_AT_MOST = 4096  # answers per version: names in URLs are anyone's to invent
SCHEMA_METHODS = (
    "table_names", "view_names", "hidden_table_names", "table_exists", "table_columns",
    "table_column_details", "primary_keys", "fts_table", "foreign_keys_for_table",
    "get_all_foreign_keys", "label_column_for_table", "get_table_definition",
    "get_view_definition",
)


def _words(sql: str) -> str:
    return " ".join(sql.split())


class KeptSchemaDatabase(Database):  # type: ignore[misc]
    """A Datasette database that answers schema questions from what it read at this version.

    ``schema_version`` is set by ``MonitorDatasette`` when a request starts; until it is
    known (None) every question goes to SQLite as Datasette would send it.
    """

    schema_version: int | None = None

    def _answers(self) -> dict[tuple[Any, ...], Any]:
        kept: dict[tuple[Any, ...], Any] = self.__dict__.setdefault("_monitor_answers", {})
        if self.__dict__.get("_monitor_answered_at") != self.schema_version:
            kept.clear()
            self.__dict__["_monitor_answered_at"] = self.schema_version
        return kept

    async def _kept(self, key: tuple[Any, ...], ask: Callable[[], Awaitable[Any]],
                    *, copied: bool = True) -> Any:
        version = self.schema_version
        if version is None:
            return await ask()
        answers = self._answers()
        if key in answers:
            answer = answers[key]
        else:
            answer = await ask()
            # Kept only if no newer version was read meanwhile (the answers were then cleared).
            if (self.schema_version == version == self.__dict__.get("_monitor_answered_at")
                    and len(answers) < KEPT_AT_MOST):
                answers[key] = answer
        # A copy: a caller that appends to a list it was given must not change the next answer.
        return copy.deepcopy(answer) if copied else answer

    async def execute(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Data goes to SQLite; the permission check's name lookup is answered from memory."""
        if (args or kwargs or len(sql) > 2 * len(SPELLING_SQL) or _words(sql) != SPELLING_SQL
                or not isinstance(params, list | tuple)):
            return await super().execute(sql, params, *args, **kwargs)
        # Datasette's Results (rows of sqlite3.Row) is only read by its callers.
        return await self._kept(("execute", sql, tuple(params)),
                                lambda: super(KeptSchemaDatabase, self).execute(sql, params),
                                copied=False)


def _kept_method(name: str) -> Callable[..., Awaitable[Any]]:
    asked = getattr(Database, name)

    async def method(self: KeptSchemaDatabase, *args: Any, **kwargs: Any) -> Any:
        return await self._kept((name, args, tuple(sorted(kwargs.items()))),
                                lambda: asked(self, *args, **kwargs))

    method.__name__ = name
    method.__doc__ = f"Datasette's ``{name}``, kept per schema version."
    return method


for _name in SCHEMA_METHODS:
    setattr(KeptSchemaDatabase, _name, _kept_method(_name))
