"""Commands that read the history: ``history`` and ``show``."""

from __future__ import annotations

import click
from rich.table import Table

from monitor.cli.app import app_of
from monitor.diff import category_of
from monitor.errors import ConfigError
from monitor.models import Category


def _known(ctx: click.Context, slug: str) -> None:
    app = app_of(ctx)
    row = app.db().execute("SELECT 1 FROM companies WHERE slug = ?", [slug]).fetchone()
    if row is None:
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
    sql = ("SELECT c.detected_at, c.category, c.field, c.key, c.change, c.old, c.new, s.kind, c.url"
           " FROM changes c JOIN sources s ON s.id = c.source WHERE c.company = ?")
    params: list[object] = [slug]
    if category:
        sql += " AND c.category = ?"
        params.append(category)
    rows = app.db().execute(sql + " ORDER BY c.id DESC LIMIT ?", [*params, limit]).fetchall()
    if not rows:
        app.console.print(f"No changes recorded for {slug} yet.")
        return
    table = Table("detected", "category", "what", "source")
    for at, cat, field, key, change, old, new, kind, url in rows:
        subject = f"{field} {key}" if key else field
        what = {"added": f"{subject} added: {new or ''}", "removed": f"{subject} removed: {old or ''}",
                "modified": f"{subject}: {old} → {new}"}[change]
        table.add_row(at, cat, _clip(what, 160), f"{kind} {url or ''}")
    app.console.print(table)


@click.command("show")
@click.argument("slug")
@click.option("--items", "n_items", default=10, show_default=True, help="How many latest items.")
@click.pass_context
def show(ctx: click.Context, slug: str, n_items: int) -> None:
    """The company's profile now, with where and since when each value was seen.

    \b
    Example:
        monitor show ispace
    """
    app = app_of(ctx)
    _known(ctx, slug)
    db = app.db()
    name = db.execute("SELECT name FROM companies WHERE slug = ?", [slug]).fetchone()[0]
    app.console.print(f"[bold]{name}[/bold] ({slug})")
    facts = db.execute(
        "SELECT f.field, f.value, f.role, f.first_seen, s.url, f.evidence FROM facts f"
        " JOIN sources s ON s.id = f.source WHERE f.company = ? AND f.field != 'text'"
        " ORDER BY f.field, f.value", [slug]).fetchall()
    table = Table("field", "value", "since", "source", "evidence")
    for field, value, role, first_seen, url, evidence in sorted(
            facts, key=lambda r: (category_of(r[0]).value, r[0], r[1])):
        shown = f"{value} — {role}" if role else value
        table.add_row(field, _clip(shown, 80), first_seen[:10], url, _clip(evidence or "", 60))
    app.console.print(table)
    items = db.execute(
        "SELECT published_at, title, url FROM items WHERE company = ? AND removed_at IS NULL"
        " ORDER BY COALESCE(published_at, first_seen) DESC LIMIT ?", [slug, n_items]).fetchall()
    if items:
        app.console.print("[bold]Latest items[/bold]")
        for published, title, url in items:
            app.console.print(f"  {(published or '')[:10]:10}  {_clip(title, 90)}  {url or ''}", markup=False)
    health = db.execute(
        "SELECT kind, url, status, last_checked_at, error FROM sources WHERE company = ?"
        " AND removed_at IS NULL ORDER BY kind, url", [slug]).fetchall()
    app.console.print("[bold]Sources[/bold]")
    for kind, url, status, checked, error in health:
        app.console.print(f"  {kind:8} {status:18} {checked or 'never':20} {url} {error or ''}", markup=False)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


COMMANDS = (history, show)
