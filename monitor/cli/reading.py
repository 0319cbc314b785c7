"""Commands that read the history: ``history`` and ``show``."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from monitor.cli.app import app_of
from monitor.diff import category_of
from monitor.errors import ConfigError
from monitor.models import Category
from monitor.store import queries


def _known(ctx: click.Context, slug: str) -> None:
    app = app_of(ctx)
    if not queries.company_known(app.db(), slug):
        app.config().company(slug)  # raises with the known slugs when it is not configured
        raise ConfigError(f"{slug}: no history yet; run: monitor check {slug}")


@click.command("history")
@click.argument("slug")
@click.option("--category", type=click.Choice([c.value for c in Category]), help="Only this category.")
@click.option("--limit", default=50, show_default=True, help="How many changes.")
@click.pass_context
def history(ctx: click.Context, slug: str, category: str | None, limit: int) -> None:
    """A company's changes, newest first.

    \b
    Example:
        monitor history ispace --category leadership
    """
    app = app_of(ctx)
    _known(ctx, slug)
    rows = queries.history(app.db(), slug, category=category, limit=limit)
    if not rows:
        app.console.print(f"No changes recorded for {slug} yet.")
        return
    table = Table("detected", "category", "what", "source")
    for r in rows:
        subject = f"{r.field} {r.key}" if r.key else r.field
        what = {"added": f"{subject} added: {r.new or ''}",
                "removed": f"{subject} removed: {r.old or ''}",
                "modified": f"{subject}: {r.old} → {r.new}"}[r.change]
        if r.field == "text" and r.evidence and ("[-" in r.evidence or "{+" in r.evidence):
            what = f"page text: {' '.join(r.evidence.split())}"  # the changed words only
        table.add_row(r.detected_at, r.category, escape(_clip(what, 160)), f"{r.kind} {r.url or ''}")
    app.console.print(table)


@click.command("show")
@click.argument("slug")
@click.option("--items", "n_items", default=10, show_default=True, help="How many latest items.")
@click.option("--reset-rotation", is_flag=True,
              help="Forget the page text learned to rotate (it counts as news again).")
@click.pass_context
def show(ctx: click.Context, slug: str, n_items: int, reset_rotation: bool) -> None:
    """The company's profile now, with where and since when each value was seen.

    Page text that left and came back (rotating quotes, slogans, teasers) is listed as
    rotating: it is not reported as a change; --reset-rotation forgets it.

    \b
    Example:
        monitor show ispace
        monitor show ispace --reset-rotation
    """
    app = app_of(ctx)
    _known(ctx, slug)
    db = app.db()
    if reset_rotation:
        count = queries.reset_rotation(db, slug)
        app.console.print(f"forgot {count} rotating line(s) of {slug}")
    name = queries.company_name(db, slug)
    app.console.print(f"[bold]{name}[/bold] ({slug})")
    facts = queries.current_facts(db, slug)
    table = Table("field", "value", "since", "source", "evidence")
    for f in sorted(facts, key=lambda f: (category_of(f.field).value, f.field, f.value)):
        shown = f"{f.value} — {f.role}" if f.role else f.value
        table.add_row(f.field, _clip(shown, 80), f.first_seen[:10], f.source_url,
                      _clip(f.evidence or "", 60))
    app.console.print(table)
    items = queries.latest_items(db, slug, n_items)
    if items:
        app.console.print("[bold]Latest items[/bold]")
        for i in items:
            app.console.print(f"  {(i.published_at or '')[:10]:10}  {_clip(i.title, 90)}  {i.url or ''}",
                              markup=False)
    rotating = queries.rotating_lines(db, slug)
    if rotating:
        app.console.print("[bold]Rotating text (learned; not reported as changes)[/bold]")
        for url, text, returns in rotating[:20]:
            app.console.print(f"  {returns:3}x  {_clip(text, 90)}  {url}", markup=False)
    health = queries.company_sources(db, slug)
    app.console.print("[bold]Sources[/bold]")
    for s in health:
        app.console.print(f"  {s.kind:8} {s.status:18} {s.last_checked_at or 'never':20} {s.url} "
                          f"{s.error or ''}", markup=False)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


COMMANDS = (history, show)
