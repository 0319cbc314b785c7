"""Table pages of the history that cost what they show, not what the history holds.

Datasette 0.65 answers ``?_search=`` on a table by collecting every match of the full-text
index, and counts the rows of every table page (``select count(*)``). Over years of history
both grow without bound: a common word matches a million items, and counting ``check_days``
reads thirty million rows, on every visit.

- Search (``?_search=``, ``?_search_COLUMN=``) reads the ``NEWEST`` most recently indexed
  matches (FTS rowid order is the order rows were recorded in), newest first from the index:
  a rare word is found wherever it is, a common one among its latest matches. This module
  replaces Datasette's own search filter (``make_datasette`` swaps the plugins) and keeps its
  ``_where`` and ``_through`` filters as they are.
- The growing tables and views (``GROWING``) are shown without their total row count unless a
  search bounds them; their later pages start at their place in the sort order
  (``seek_filters``), so every page reads only the rows it shows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl
from datasette.app import Datasette
from datasette.filters import FilterArguments, through_filters, where_filters
from datasette.utils import escape_sqlite, urlsafe_components
from datasette.utils.asgi import BadRequest

NEWEST = 1000  # matches a table search reads, the most recently recorded first
# Tables and views that gain rows with every check, change or item, for ever.
GROWING = frozenset({
    "checks", "check_days", "source_days", "changes", "recent_changes", "change_feed",
    "role_changes", "company_timeline", "weekly_changes", "fact_events", "items", "metrics",
    "text_lines", "rebases"})
REPLACED = "datasette.filters"  # the stock plugin whose search filter this one bounds
__all__ = ["GROWING", "NEWEST", "REPLACED", "search_filters", "seek_filters", "through_filters",
           "where_filters", "without_count"]


@hookimpl(specname="filters_from_request")
def search_filters(request: Any, database: str, table: str, datasette: Datasette
                   ) -> Callable[[], Awaitable[FilterArguments]]:
    """``?_search=`` and ``?_search_COLUMN=`` as Datasette reads them, each match bounded to
    the ``NEWEST`` latest rows of the full-text index."""
    async def inner() -> FilterArguments:
        metadata = datasette.table_metadata(database, table)
        db = datasette.get_database(database)
        fts = (request.args.get("_fts_table") or metadata.get("fts_table")
               or await db.fts_table(table))
        pk = request.args.get("_fts_pk", metadata.get("fts_pk", "rowid"))
        args = {k: request.args[k] for k in request.args
                if k.startswith("_search") and k != "_searchmode"}
        raw = {"raw": True, "escaped": False}.get(request.args.get("_searchmode", ""),
                                                 metadata.get("searchmode") == "raw")
        extra: dict[str, Any] = {"supports_search": bool(fts)}
        if not fts or not args:
            return FilterArguments([], {}, [], extra)
        wheres, params, said = [], {}, []
        for i, (key, text) in enumerate(args.items()):
            column = fts if key == "_search" else key.split("_search_", 1)[1]
            if key != "_search" and column not in await db.table_columns(fts):
                raise BadRequest("Cannot search by that column")
            name = "search" if key == "_search" else f"search_{i}"
            match = f":{name}" if raw else f"escape_fts(:{name})"
            outer = pk if key == "_search" else "rowid"
            wheres.append(
                f"{escape_sqlite(outer)} in (select rowid from {escape_sqlite(fts)}"
                f" where {escape_sqlite(column)} match {match} order by rowid desc limit {NEWEST})")
            params[name] = text
            said.append(f'search matches "{text}" (the {NEWEST:,} newest matches)'
                        if key == "_search" else
                        f'search column "{column}" matches "{text}" (the {NEWEST:,} newest)')
            extra["search"] = text
        return FilterArguments(wheres, params, said, extra)

    return inner


@hookimpl(specname="filters_from_request")
def seek_filters(request: Any, database: str, table: str, datasette: Datasette
                 ) -> Callable[[], Awaitable[FilterArguments]]:
    """A later page (``?_next=``) of a growing table starts at its place in the sort column's
    index: Datasette's own condition for it (``col < v OR (col = v AND pk > ...)``) is an OR
    that SQLite cannot seek with, so each page read every row before it (a page of check_days
    three years back: past the time limit). ``col <= v`` (``>=`` ascending) says the same of
    those rows and can be sought. A column that may be NULL, newest first: see
    ``_no_null_on_page``. Not with facets: they count the rows of every page."""
    async def inner() -> FilterArguments:
        token = request.args.get("_next")
        if not token or table not in GROWING or any(k.startswith("_facet") for k in request.args):
            return FilterArguments([])
        db = datasette.get_database(database)
        if table in await db.view_names():
            return FilterArguments([])  # a view's pages go by offset
        metadata = datasette.table_metadata(database, table)
        sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
        if not sort and not sort_desc:
            sort, sort_desc = metadata.get("sort"), metadata.get("sort_desc")
        column = sort_desc or sort
        parts = urlsafe_components(token)
        if not column or (sort and sort_desc) or len(parts) < 2 or token.startswith("$null"):
            return FilterArguments([])
        details = {c.name: c for c in await db.table_column_details(table)}
        if column not in details:
            return FilterArguments([])
        if sort_desc and not details[column].notnull and not await _no_null_on_page(
                request, datasette, database, table, column, parts[0]):
            return FilterArguments([])
        op = "<=" if sort_desc else ">="
        return FilterArguments([f"{escape_sqlite(column)} {op} :_seek"], {"_seek": parts[0]})

    return inner


# Arguments that shape a table page without choosing its rows; any other (a column filter,
# _where, _search, _through, a facet) may leave fewer rows than a page, see _no_null_on_page.
_PAGE_ONLY = frozenset({"_next", "_sort", "_sort_desc", "_size", "_nocount", "_shape", "_labels",
                        "_nolabels", "_col", "_nocol", "_nofacet", "_nosuggest", "_json",
                        "_trace", "_timelimit"})


async def _no_null_on_page(request: Any, datasette: Datasette, database: str, table: str,
                           column: str, value: str) -> bool:
    """Whether a later page sorted newest first by a column that may be NULL holds no NULL.

    Datasette adds ``OR column IS NULL`` to such a page's condition (NULLs sort after every
    value), which no index seeks. When a whole page of rows (page size + 1, the one that says
    there is a next page) has a value below ``value``, or the table holds no NULL at all, the
    page holds no NULL and the seek ``column <= value`` reads the same rows (two indexed
    lookups decide). On the last page of values of a table that has NULLs, or with filters
    that may leave fewer rows, the page is read as Datasette reads it.
    """
    if any(key not in _PAGE_ONLY for key in request.args):
        return False
    metadata = datasette.table_metadata(database, table)
    size = request.args.get("_size") or metadata.get("size") or datasette.setting(
        "default_page_size")
    most = int(datasette.setting("max_returned_rows"))
    try:
        rows = most if size == "max" else min(int(size), most)
    except ValueError:
        return False
    name, col = escape_sqlite(table), escape_sqlite(column)
    found = await datasette.get_database(database).execute(
        f"select (select count(*) from (select 1 from {name} where {col} < :v limit :n)),"
        f" exists (select 1 from {name} where {col} is null)", {"v": value, "n": rows + 1})
    below, nulls = found.first()
    return bool(below == rows + 1 or not nulls)


def without_count(scope: dict[str, Any], databases: frozenset[str]) -> dict[str, Any]:
    """The request for a page of a growing table or view with ``_nocount=1`` added (no total
    row count), unless it searches (a search's count is bounded) or already says."""
    parts = scope.get("path", "").strip("/").split("/")
    if scope.get("type") != "http" or len(parts) != 2 or parts[0] not in databases:
        return scope
    relation = parts[1].rsplit(".", 1)[0] if "." in parts[1] else parts[1]
    if relation not in GROWING:
        return scope
    raw: bytes = scope.get("query_string", b"")
    keys = [k for k, _ in parse_qsl(raw.decode("latin-1"), keep_blank_values=True)]
    if any(k == "_nocount" or k.startswith("_search") for k in keys):
        return scope
    return {**scope, "query_string": raw + b"&_nocount=1" if raw else b"_nocount=1"}
