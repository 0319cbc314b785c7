"""Commands that read the history and the fleet: ``history``, ``show`` and ``list``.

They read the database and sources.yaml: none loads the fetch layer or the fetchers' libraries.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict

import click

from monitor.cli.app import app_of
from monitor.cli.output import describe, print_json, print_rows, say
from monitor.errors import ConfigError
from monitor.models import Category
from monitor.store import queries, rebases

JSON_HELP = "Print one JSON document (full values) instead of a table."


def _known(ctx: click.Context, slug: str, db: queries.Reader | None = None) -> None:
    app = app_of(ctx)
    if not queries.company_known(db if db is not None else app.reader(), slug):
        app.config().company(slug)  # raises with the known slugs when it is not configured
        raise ConfigError(f"{slug}: no history yet; run: monitor check {slug}")


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
@click.pass_context
def list_companies(ctx: click.Context, as_json: bool) -> None:
    """List tracked companies with their sources and the sources' health.

    \b
    Example:
        monitor list
        monitor list --json
    """
    app = app_of(ctx)
    config = app.config()
    status = queries.source_statuses(app.reader()) if app.db_path.exists() else {}
    if as_json:
        print_json([{"slug": c.slug, "name": c.name,
                     "sources": [{"kind": s.kind, "url": s.url, "status": status.get(s.id, "new")}
                                 for s in c.sources]} for c in config.companies])
        return
    if not config.companies:
        say(app, f"No companies in {config.path}. Add one: monitor add SLUG --name NAME --website URL")
        return
    rows = []
    for company in config.companies:
        states = [status.get(s.id, "new") for s in company.sources]
        summary = ", ".join(f"{states.count(s)} {s}" for s in sorted(set(states)))
        kinds = ", ".join(sorted({s.kind for s in company.sources}))
        rows.append((company.slug, company.name, f"{len(company.sources)} ({kinds})", summary))
    print_rows(app, ("slug", "name", "sources", "health"), rows)


@click.command("history")
@click.argument("slug")
@click.option("--category", type=click.Choice([c.value for c in Category]), help="Only this category.")
@click.option("--limit", default=50, show_default=True, help="How many changes.")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def history(ctx: click.Context, slug: str, category: str | None, limit: int, as_json: bool) -> None:
    """A company's changes, newest first.

    \b
    Example:
        monitor history ispace --category leadership
        monitor history ispace --json
    """
    app = app_of(ctx)
    rows = None
    bare = app.bare_reader()  # a few rows: read without sqlite-utils when the schema allows
    if bare is not None:
        try:
            rows = _changes(ctx, bare, slug, category, limit)
        except sqlite3.OperationalError:  # an older schema: read as every reader does (migrated)
            rows = None
        finally:
            bare.close()
    if rows is None:
        rows = _changes(ctx, app.reader(), slug, category, limit)
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    if not rows:
        say(app, f"No changes recorded for {slug} yet.")
        return
    print_rows(app, ("detected", "category", "what", "source"),
               [(r.detected_at, _category(r), _what(r), f"{r.kind} {r.url or ''}")
                for r in rows], widths=(None, None, 160))


def _changes(ctx: click.Context, db: queries.Reader, slug: str, category: str | None,
             limit: int) -> list[queries.ChangeRow]:
    """A known company's newest changes, with what an upgraded extractor read differently
    (rebases) among them, marked as such."""
    _known(ctx, slug, db)
    rows = queries.history(db, slug, category=category, limit=limit)
    rows += [r for r in rebases.history(db, slug, limit=limit) if category in (None, r.category)]
    return sorted(rows, key=lambda r: r.detected_at, reverse=True)[:limit]


def _category(r: queries.ChangeRow) -> str:
    """The category, marked when the row is no change on the site (a rebase, a rotation)."""
    if r.rebase:
        return f"{r.category} (rebase)"
    return f"{r.category} (rotation)" if r.rotation_at else r.category


def _what(r: queries.ChangeRow) -> str:
    """A change in words; a page-text change as its changed words only ([-old-] {+new+}); a
    rebase says it is none."""
    if r.rebase:
        return ("re-read by a newer extractor, not a change on the site: "
                + describe(r.field, r.key, r.change, r.old, r.new))
    if r.field == "text" and r.evidence and ("[-" in r.evidence or "{+" in r.evidence):
        return f"page text: {' '.join(r.evidence.split())}"
    return describe(r.field, r.key, r.change, r.old, r.new)


@click.command("show")
@click.argument("slug")
@click.option("--items", "n_items", default=10, show_default=True, help="How many latest items.")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.option("--reset-rotation", is_flag=True,
              help="Forget the page text learned to rotate (it counts as news again).")
@click.pass_context
def show(ctx: click.Context, slug: str, n_items: int, as_json: bool, reset_rotation: bool) -> None:
    """The company's profile now, with where and since when each value was seen.

    Page text that left and came back (rotating quotes, slogans, teasers), and the slots
    whose text keeps being replaced, are listed as rotating: they are not reported as
    changes; --reset-rotation forgets them.

    \b
    Example:
        monitor show ispace
        monitor show ispace --json
        monitor show ispace --reset-rotation
    """
    from monitor.cards.store import card_companies, card_values  # not for ``history``
    from monitor.diff import category_of  # the fact identity rules: not for ``history``

    app = app_of(ctx)
    db = app.reader()
    if slug not in card_companies(db):  # an imported card is a profile before any check
        _known(ctx, slug)
    if reset_rotation:
        lines, slots = queries.reset_rotation(app.db(), slug)
        say(app, f"forgot {lines} rotating line(s) and {slots} rotating slot(s) of {slug}")
    name = queries.company_name(db, slug)
    facts = queries.current_facts(db, slug)
    card = card_values(db, slug, [(f.field, f.value) for f in facts])
    rows = sorted([(f.field, f"{f.value} — {f.role}" if f.role else f.value, f.first_seen[:10],
                    f.source_url, f.evidence or "") for f in facts]
                  + [(v.field, f"{v.value} — {v.role}" if v.role else v.value, (v.as_of or "")[:10],
                      "the card", "the card's value; no source states it") for v in card],
                  key=lambda r: (category_of(r[0]).value, r[0], r[1]))
    items = queries.latest_items(db, slug, n_items)
    sources = queries.company_sources(db, slug)
    rotating = queries.rotating_lines(db, slug)
    places = queries.rotating_slots(db, slug)
    if as_json:
        print_json({"slug": slug, "name": name, "facts": [asdict(f) for f in facts],
                    "card": [asdict(v) for v in card],
                    "items": [asdict(i) for i in items], "sources": [asdict(s) for s in sources],
                    "rotating": [{"url": u, "text": x, "returns": n} for u, x, n in rotating],
                    "rotating_slots": [{"url": u, "before": b, "after": a, "changes": n,
                                        "changed_at": t} for u, b, a, n, t in places]})
        return
    say(app, f"{name} ({slug})")
    print_rows(app, ("field", "value", "since", "source", "evidence"), rows,
               widths=(None, 80, None, None, 60))
    if items:
        say(app, "Latest items")
        print_rows(app, ("published", "title", "url"),
                   [((i.published_at or "")[:10], i.title, i.url or "") for i in items],
                   widths=(None, 90))
    if rotating:
        say(app, "Rotating text (learned; not reported as changes)")
        print_rows(app, ("returns", "text", "url"),
                   [(f"{n}x", x, u) for u, x, n in rotating[:20]], widths=(None, 90))
    if places:
        say(app, "Rotating slots (text between these lines keeps being replaced; not reported)")
        print_rows(app, ("replaced", "after the line", "before the line", "last", "url"),
                   [(f"{n}x", b or "(page start)", a or "(page end)", t[:10], u)
                    for u, b, a, n, t in places[:20]], widths=(None, 50, 50, None, None))
    say(app, "Sources")
    print_rows(app, ("kind", "status", "last checked", "url", "error"),
               [(s.kind, s.status, s.last_checked_at or "never", s.url, s.error or "")
                for s in sources])


COMMANDS = (history, show, list_companies)
