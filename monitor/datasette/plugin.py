"""The monitor's Datasette plugin: people pages, menu links, company links in tables.

Registered by ``monitor serve`` (``monitor.datasette.serve.make_datasette``); the hooks are plain
functions so pluggy finds them on this module.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils.asgi import Response
from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from monitor.datasette import bounded, cells, errors, pages, screens
from monitor.datasette.search import fts_query

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
SLUG = r"(?P<slug>[a-z0-9][a-z0-9-]{0,63})"
# Tables and views where the ``company`` column holds a slug worth linking to its page.
COMPANY_COLUMNS = frozenset({
    "changes", "recent_changes", "company_profile", "role_holders", "role_changes",
    "company_timeline", "source_health", "facts", "items", "metrics", "sources", "checks",
    "weekly_changes", "change_feed"})


@hookimpl
def register_routes(datasette: Datasette) -> list[tuple[str, Callable[..., Awaitable[Any]]]]:
    """The people pages."""
    return [
        (r"^/companies$", pages.companies_page),
        (rf"^/company/{SLUG}$", pages.company_page),
        (r"^/changes$", pages.changes_page),
        (r"^/charts$", pages.charts_page),
        (rf"^/-/screenshot/{screens.HASH}\.png$", screens.image),
        (r"^/change/(?P<id>[0-9]{1,18})/screenshots$", screens.change_page),
    ]


def app_links(datasette: Datasette) -> list[dict[str, str]]:
    """The app's own pages, in the order of the navigation bar on every page."""
    db = datasette.get_database().name
    return [
        {"href": datasette.urls.path("/changes"), "label": "Recent changes"},
        {"href": datasette.urls.path("/companies"), "label": "Companies"},
        {"href": datasette.urls.path("/charts"), "label": "Charts"},
        {"href": datasette.urls.path("/changes?category=health"), "label": "Source events"},
        {"href": datasette.urls.table(db, "source_health"), "label": "Source health"},
        {"href": datasette.urls.database(db), "label": "All tables"},
    ]


@hookimpl
def menu_links(datasette: Datasette) -> list[dict[str, str]]:
    """The people pages in Datasette's menu."""
    return app_links(datasette)


@hookimpl
def extra_template_vars(view_name: str, datasette: Datasette
                        ) -> Callable[[], Awaitable[dict[str, Any]]]:
    """The navigation bar of templates/base.html, so Datasette's own pages keep the app's;
    on the home page, whether the last round failed for want of network."""
    async def inner() -> dict[str, Any]:
        extra: dict[str, Any] = {"monitor_nav": app_links(datasette)}
        if view_name == "index":
            extra["network_verdict"] = await pages.network_verdict(datasette)
        return extra

    return inner


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    """The filters ``templates/_table.html`` and ``templates/query.html`` write rows with."""
    env.filters["monitor_table_rows"] = cells.table_rows
    env.filters["monitor_query_rows"] = cells.query_rows


@hookimpl(trylast=True)
def prepare_connection(conn: Any) -> None:
    """Search boxes search text: ``escape_fts`` (used for ``?_search=`` and in canned queries)
    becomes one that never yields an FTS5 syntax error. trylast: after Datasette's own."""
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)


@hookimpl
def handle_exception(datasette: Datasette, request: Any, exception: Exception
                     ) -> Callable[[], Awaitable[Response]]:
    """Error pages in the app's layout; an unknown path is a 404, never a 500."""
    async def inner() -> Response:
        return await errors.error_response(datasette, request, exception)

    return inner


@hookimpl
def extra_css_urls() -> list[str]:
    """The monitor's small stylesheet, on every page."""
    return ["/monitor-static/monitor.css"]


@hookimpl
def render_cell(value: object, column: str, table: str | None, datasette: Datasette) -> Markup | None:
    """Company slugs in tables link to the company's page (escaped like any cell); screenshot
    hashes show their picture; a page-text change's evidence shows its changed words struck and
    inserted."""
    picture = screens.cell(value, column, table, datasette)
    if picture is not None:
        return picture
    if column == "evidence" and isinstance(value, str):
        return word_diff(value)
    if column != "company" or table not in COMPANY_COLUMNS or not isinstance(value, str):
        return None
    href = datasette.urls.path(f"/company/{value}")
    return Markup('<a href="{}">{}</a>').format(href, escape(value))


_MARKED = re.compile(r"(\[-.*?-\]|\{\+.*?\+\})", re.S)


def word_diff(value: str) -> Markup | None:
    """``We build [-boats-] {+ships+}`` as HTML with <del>/<ins>; None for other text."""
    if "[-" not in value and "{+" not in value:
        return None
    out = Markup("")
    for part in _MARKED.split(value):
        if part.startswith("[-") and part.endswith("-]"):
            out += Markup("<del>{}</del>").format(part[2:-2])
        elif part.startswith("{+") and part.endswith("+}"):
            out += Markup("<ins>{}</ins>").format(part[2:-2])
        else:
            out += escape(part)
    return out


@hookimpl
def asgi_wrapper(datasette: Datasette) -> Callable[[ASGIApp], ASGIApp]:
    """Refuse paths with a backslash; never redirect off-site (Datasette #2680, H3); pages of
    growing tables without their total row count (``bounded.without_count``)."""
    # Datasette 0.65 answers /\evil.example/ with "Location: /\evil.example", which browsers
    # read as //evil.example: an open redirect fixed upstream only on the 1.0 alpha line.
    def wrap(app: ASGIApp) -> ASGIApp:
        async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and "\\" in scope.get("path", ""):
                await Response.text("Not found", status=404).asgi_send(send)
                return

            scope = bounded.without_count(scope, frozenset(datasette.databases))

            async def checked_send(message: dict[str, Any]) -> None:
                if message.get("type") == "http.response.start":
                    message["headers"] = [_same_site(k, v) for k, v in message.get("headers", [])]
                await send(message)

            await app(scope, receive, checked_send)

        return guarded

    return wrap


def _same_site(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    if name.lower() == b"location" and (value.startswith((b"//", b"/\\")) or b"\\" in value):
        return name, b"/"
    return name, value


@hookimpl
def startup(datasette: Datasette) -> None:
    """Let an Atom feed with no entries yet be an empty feed, not an error page."""
    renderers = getattr(datasette, "renderers", {})
    if "atom" in renderers:
        render, can_render = renderers["atom"]
        renderers["atom"] = (_empty_feed_safe(render), can_render)


def _empty_feed_safe(render: Callable[..., Any]) -> Callable[..., Any]:
    # datasette-atom 0.9 takes max() of the entries' times, which fails when there are none
    # (a new company, a quiet category): answer such a request with a valid empty feed.
    def wrapped(datasette: Datasette, request: Any, sql: str, columns: list[str], rows: list[Any],
                database: str, table: str | None, query_name: str | None, view_name: str,
                data: dict[str, Any]) -> Any:
        if rows:
            return render(datasette=datasette, request=request, sql=sql, columns=columns,
                          rows=rows, database=database, table=table, query_name=query_name,
                          view_name=view_name, data=data)
        return Response(_empty_feed(request.url, _feed_title(datasette, database, query_name, table)),
                        content_type="application/xml; charset=utf-8")

    return wrapped


def _feed_title(datasette: Datasette, database: str, query_name: str | None,
                table: str | None) -> str:
    if query_name:
        query = (datasette.metadata(database=database) or {}).get("queries", {}).get(query_name)
        if isinstance(query, dict) and query.get("title"):
            return str(query["title"])
    return f"{database}/{table or query_name or ''}"


def _empty_feed(url: str, title: str) -> bytes:
    """A valid Atom feed without entries."""
    fg = FeedGenerator()
    fg.id(url)
    fg.link(href=url, rel="self")
    fg.title(title)
    fg.updated(datetime.now(UTC))
    body: bytes = fg.atom_str(pretty=True)
    return body
