"""The people pages served next to Datasette's tables: companies, a company, changes, charts.

Each handler reads the views of migration m003 through Datasette's read-only, time-limited
connection and renders a template (Jinja autoescape on: scraped text is always escaped).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from datasette.app import Datasette
from datasette.utils.asgi import Request, Response
from markupsafe import Markup

from monitor.datasette import cells, charts, screens, shape
from monitor.fetch.classify import NETWORK_FAILURES
from monitor.fetch.reach import no_network
from monitor.models import Outcome

RECENT_DAYS = 30
MAX_DAYS = 3660
WEEKS = 26
TOP_COMPANIES = 9  # companies drawn as their own series on the charts page
MAX_METRIC_CHARTS = 24
COMPANIES_PER_PAGE = 200
MAX_COMPANY_CHOICES = 1000  # more companies than this: /changes asks for a slug, no drop-down


def _db(datasette: Datasette) -> Any:
    return datasette.get_database()


async def _rows(datasette: Datasette, sql: str, params: Mapping[str, object] | None = None
                ) -> list[dict[str, Any]]:
    result = await _db(datasette).execute(sql, dict(params or {}))
    return [dict(row) for row in result.rows]


async def _page(datasette: Datasette, request: Request, template: str, context: dict[str, Any],
                status: int = 200) -> Response:
    db = _db(datasette)
    context = {"db_name": db.name, "db_path": datasette.urls.database(db.name),
               "entry_lines": partial(cells.entry_lines, path=datasette.urls.path), **context}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def network_verdict(datasette: Datasette) -> str | None:
    """"no network: 9 of 9 sources unreachable, DNS failed" when the last check of every
    active source failed before any host answered; the daemon logs the same words."""
    healthy = {o.value for o in Outcome if o.healthy}
    # One answer that is not a network failure settles it: looked up by index, so the home page
    # does not read 30,000 sources into Python on every visit.
    names = {f"h{i}": v for i, v in enumerate(sorted(healthy))}
    codes = {f"n{i}": v for i, v in enumerate(sorted(NETWORK_FAILURES))}
    settled = await _rows(datasette, f"""
        select 1 from sources
        where removed_at is null and last_checked_at is not null
          and (status in ({", ".join(":" + k for k in names)}) or error is null
               or error not in ({", ".join(":" + k for k in codes)}))
        limit 1""", {**names, **codes})
    if settled:
        return None
    rows = await _rows(datasette, """
        select url, status, error from sources
        where removed_at is null and last_checked_at is not null""")
    return no_network((r["url"], None if r["status"] in healthy else r["error"]) for r in rows)


def _since(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _week_start(weeks: int) -> str:
    today = datetime.now(UTC).date()
    return (today - timedelta(days=today.weekday(), weeks=weeks - 1)).isoformat()


async def companies_page(datasette: Datasette, request: Request) -> Response:
    """Every tracked company with its health and latest change, a page of them at a time.

    The page's companies are chosen first and only they are counted: per-company figures for
    10,000 companies, and a 10,000-row table to render, would take seconds for one look.
    """
    total = (await _rows(datasette, "select count(*) as n from companies"))[0]["n"]
    pages_count = max(1, -(-total // COMPANIES_PER_PAGE))
    page = _int(request.args.get("page"), 1, 1, pages_count)
    rows = await _rows(datasette, """
        with shown as (
          select slug, name, tags, removed_at from companies
          order by removed_at is not null, name collate nocase limit :limit offset :offset)
        select c.slug, c.name, c.tags, c.removed_at,
          (select count(*) from company_profile p where p.company = c.slug) as facts,
          (select max(detected_at) from changes x where x.company = c.slug) as last_change,
          (select count(*) from changes x where x.company = c.slug and x.detected_at >= :since)
            as recent,
          (select group_concat(health, ',') from source_health h
            where h.company = c.slug and h.health != 'retired') as health
        from shown c order by c.removed_at is not null, c.name collate nocase""",
        {"since": _since(RECENT_DAYS), "limit": COMPANIES_PER_PAGE,
         "offset": (page - 1) * COMPANIES_PER_PAGE})
    for row in rows:
        states = [h for h in (row.pop("health") or "").split(",") if h]
        row["sources"] = len(states)
        row["problems"] = sum(1 for h in states if h in ("failing", "blocked"))
    first = (page - 1) * COMPANIES_PER_PAGE + 1
    return await _page(datasette, request, "monitor_companies.html", {
        "companies": rows, "recent_days": RECENT_DAYS, "page": page, "pages": pages_count,
        "total": total, "first": first, "last": first + len(rows) - 1})


async def company_page(datasette: Datasette, request: Request) -> Response:
    """One company, read like a profile: values, people, charts, timeline, sources."""
    slug = request.url_vars["slug"]
    found = await _rows(datasette, "select * from companies where slug = :slug", {"slug": slug})
    if not found:
        return await _page(datasette, request, "monitor_missing.html", {"slug": slug}, status=404)
    args = {"slug": slug}
    profile = shape.profile(await _rows(datasette, """
        select * from company_profile where company = :slug
        order by field, value""", args))
    lines = await _rows(datasette, """
        select * from company_timeline where company = :slug order by at desc limit 60""", args)
    timeline = await screens.attach(datasette, shape.entries(lines), lines)
    weekly = await _rows(datasette, """
        select week, category, changes from weekly_changes
        where company = :slug and week >= :from""", {**args, "from": _week_start(WEEKS)})
    metrics = shape.metric_series(await _rows(datasette, """
        select name, observed_at, value from (
          select name, observed_at, value, row_number() over (
            partition by name order by observed_at desc) as n
          from metrics where company = :slug) where n <= 200""", args))
    sources = await _rows(datasette, """
        select kind, url, health, status, error, last_checked_at, last_change_at, next_due_at
        from source_health where company = :slug and health != 'retired'
        order by kind, url""", args)
    for src in sources:
        src["href"] = shape.safe_href(src["url"])
    openings, offers = await _lists(datasette, slug)
    return await _page(datasette, request, "monitor_company.html", {
        "openings": openings, "offers": offers,
        "company": found[0], "tags": _json_list(found[0]["tags"]), "profile": profile, "timeline": shape.by_day(timeline),
        "weekly_chart": _weekly_chart(weekly, "category", "Changes per week by category"),
        "metric_charts": [(name, Markup(charts.line(points, title=f"{name} over time")))
                          for name, points in sorted(metrics.items())],
        "sources": sources, "label": shape.label})


async def _lists(datasette: Datasette, slug: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The company's open roles and current offers (lists on pages and job boards)."""
    args = {"slug": slug}
    openings = await _rows(datasette, """
        select title, department, location, url from current_openings where company = :slug
        order by department, title limit 200""", args)
    offers = await _rows(datasette, """
        select title, price, url from current_offers where company = :slug
        order by title limit 200""", args)
    for row in (*openings, *offers):
        row["href"] = shape.safe_href(row["url"]) if row["url"] else None
    return openings, offers


# Category filter values: '' is every category but health (a source's own trouble is not
# company news), 'all' brings health back, a category name shows only that one.
CATEGORY_FILTER = """(case :category when '' then category != 'health' when 'all' then 1
                     else category = :category end)"""


async def changes_page(datasette: Datasette, request: Request) -> Response:
    """Recent changes of all companies, by day, filterable by company, category and days.

    Source health events are kept apart: left out by default (with a count and a link), shown
    alone with ``category=health`` (the "Source events" page), and with the rest for ``all``.
    """
    company = request.args.get("company") or ""
    category = request.args.get("category") or ""
    days = _int(request.args.get("days"), RECENT_DAYS, 1, MAX_DAYS)
    args = {"since": _since(days), "company": company, "category": category}
    rows = await _rows(datasette, f"""
        select * from recent_changes
        where detected_at >= :since
          and (:company = '' or company = :company)
          and {CATEGORY_FILTER}
        order by detected_at desc, id desc limit 500""", args)
    hidden = 0
    if not category:
        hidden = (await _rows(datasette, """
            select count(*) as n from recent_changes
            where detected_at >= :since and (:company = '' or company = :company)
              and category = 'health'""", args))[0]["n"]
    # More companies than a list can hold: the template offers a slug box instead of a list
    # nobody can scroll (counted first: sorting 10,000 names to drop them was a tenth of the page).
    many = (await _rows(datasette, "select count(*) as n from (select 1 from companies limit :most)",
                        {"most": MAX_COMPANY_CHOICES + 1}))[0]["n"] > MAX_COMPANY_CHOICES
    names = [] if many else await _rows(
        datasette, "select slug, name from companies order by name collate nocase")
    shown = await screens.attach(datasette, shape.entries(rows), rows)
    return await _page(datasette, request, "monitor_changes.html", {
        "days_by": shape.by_day(shown), "count": len(rows), "companies": names,
        "categories": shape.CATEGORIES, "company": company, "category": category, "days": days,
        "hidden_health": hidden, "feed_query": _feed_query(company, category),
        "health_query": _feed_query(company, "health")})


async def charts_page(datasette: Datasette, request: Request) -> Response:
    """Changes per week, by category and by company (the nine busiest, the rest as others).

    Read from the weekly roll-ups the writer keeps (``monitor.store.weeks``), never from
    ``changes``: at 10,000 companies the chart's 26 weeks hold about 185,000 changes, and
    counting them on each visit cost 135 ms of CPU. A company's count over the weeks is its
    count of all time less its running count before them (one lookup per company).
    """
    since = {"from": _week_start(WEEKS)}
    weekly = await _rows(datasette, """
        select week, category, changes from change_weeks where week >= :from""", since)
    top = await _rows(datasette, f"""
        with busiest as (
          select t.company, t.changes - coalesce(
            (select running from company_weeks w where w.company = t.company and w.week < :from
             order by w.week desc limit 1), 0) as n
          from company_changes t order by n desc, t.company limit {TOP_COMPANIES})
        select w.week, coalesce(co.name, w.company) as company_name, sum(w.changes) as changes
        from busiest b join company_weeks w on w.company = b.company and w.week >= :from
        left join companies co on co.slug = w.company
        where b.n > 0 group by 1, 2""", since)
    by_company = top + _others(weekly, top)
    return await _page(datasette, request, "monitor_charts.html", {
        "by_category": _weekly_chart(weekly, "category", "Changes per week by category"),
        "by_company": _weekly_chart(by_company, "company_name", "Changes per week by company"),
        "metric_charts": await _metric_charts(datasette),
        "total": sum(r["changes"] for r in weekly), "weeks": WEEKS})


def _others(weekly: list[dict[str, Any]], top: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per week, the changes of every company but the busiest: all of them less the top's."""
    rest: dict[str, int] = {}
    for row in weekly:
        rest[row["week"]] = rest.get(row["week"], 0) + row["changes"]
    for row in top:
        rest[row["week"]] -= row["changes"]
    return [{"week": week, "company_name": "others", "changes": n}
            for week, n in rest.items() if n > 0]


async def _metric_charts(datasette: Datasette) -> list[tuple[str, Markup]]:
    """One small line chart per company and metric, for the last WEEKS weeks."""
    metrics = await _rows(datasette, """
        select m.company, coalesce(c.name, m.company) as company_name, m.name, m.observed_at,
          m.value
        from (select company, name, observed_at, value, row_number() over (
                partition by company, name order by observed_at desc) as n
              from metrics where observed_at >= :since) m
        left join companies c on c.slug = m.company
        where m.n <= 200""", {"since": _since(WEEKS * 7)})
    series: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in metrics:
        series.setdefault((row["company_name"], row["name"]), []).append(row)
    metric_charts = [
        (f"{company}: {name}", Markup(charts.line(
            [(r["observed_at"], float(r["value"])) for r in sorted(rows, key=lambda r: r["observed_at"])],
            title=f"{company}: {name}", frame=charts.Frame(width=460, height=180, right=16))))
        for (company, name), rows in sorted(series.items())[:MAX_METRIC_CHARTS]]
    return metric_charts


def _weekly_chart(rows: list[dict[str, Any]], key: str, title: str) -> Markup | None:
    if not rows:
        return None
    series = shape.weekly_series(rows, key)
    today = datetime.now(UTC).date().isoformat()
    weeks = charts.weeks_between(min(r["week"] for r in rows), today, WEEKS)
    return Markup(charts.stacked_bars(weeks, series, title=title))


def _feed_query(company: str, category: str) -> str:
    from urllib.parse import urlencode

    params = {k: v for k, v in (("company", company), ("category", category)) if v}
    return "?" + urlencode(params) if params else ""


def _json_list(text: object) -> list[str]:
    try:
        value = json.loads(str(text))
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _int(text: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return min(max(int(text or default), lo), hi)
    except ValueError:
        return default
