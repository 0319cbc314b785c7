"""Commands that manage tracked companies: ``list``, ``kinds``, ``add``, ``remove``."""

from __future__ import annotations

import inspect

import click
from rich.table import Table

from monitor.cli.app import app_of
from monitor.config import add_company, remove_company, validate_slug
from monitor.errors import ConfigError
from monitor.sources import KINDS
from monitor.store.db import iso, utcnow, write


@click.command("list")
@click.pass_context
def list_companies(ctx: click.Context) -> None:
    """List tracked companies with their sources and the sources' health.

    \b
    Example:
        monitor list
    """
    app = app_of(ctx)
    config = app.config()
    if not config.companies:
        app.console.print(f"No companies in {config.path}. Add one: monitor add SLUG --name NAME --website URL")
        return
    status = {}
    if app.db_path.exists():
        status = {r[0]: r[1] for r in app.db().execute("SELECT id, status FROM sources")}
    table = Table("slug", "name", "sources", "health")
    for company in config.companies:
        states = [status.get(s.id, "new") for s in company.sources]
        summary = ", ".join(f"{states.count(s)} {s}" for s in sorted(set(states)))
        kinds = ", ".join(sorted({s.kind for s in company.sources}))
        table.add_row(company.slug, company.name, f"{len(company.sources)} ({kinds})", summary)
    app.console.print(table)


@click.command("kinds")
@click.pass_context
def kinds(ctx: click.Context) -> None:
    """Describe every source kind and its options.

    \b
    Example:
        monitor kinds
    """
    console = app_of(ctx).console
    for name, kind in KINDS.items():
        console.print(f"[bold]{name}[/bold]")
        console.print(inspect.cleandoc(type(kind).__doc__ or ""), markup=False)
        fields = kind.Options.model_fields
        options = ", ".join(f for f in fields if f != "kind")
        console.print(f"Options: {options}\n", markup=False)


@click.command("add")
@click.argument("slug")
@click.option("--name", help="Display name (defaults to the slug).")
@click.option("--alias", "aliases", multiple=True, help="Other names, for news queries.")
@click.option("--tag", "tags", multiple=True, help="Free tags, e.g. lunar.")
@click.option("--website", "websites", multiple=True, help="A web page to track (kind website).")
@click.option("--feed", "feeds", multiple=True, help="A news/press feed URL (kind feed).")
@click.option("--source", "extra", multiple=True, metavar="KIND=URL", help="Any kind, e.g. feed=URL.")
@click.option("--every", help="Check interval for these sources, e.g. 6h.")
@click.pass_context
def add(ctx: click.Context, slug: str, name: str | None, aliases: tuple[str, ...],
        tags: tuple[str, ...], websites: tuple[str, ...], feeds: tuple[str, ...],
        extra: tuple[str, ...], every: str | None) -> None:
    """Add a company to sources.yaml, keeping its comments and layout.

    \b
    Example:
        monitor add ispace --name ispace --website https://ispace-inc.com/ \\
            --feed https://ispace-inc.com/feed/ --tag lunar
    """
    app = app_of(ctx)
    validate_slug(slug)
    sources = [{"kind": "website", "url": u} for u in websites]
    sources += [{"kind": "feed", "url": u} for u in feeds]
    for spec in extra:
        kind, sep, url = spec.partition("=")
        if not sep:
            raise ConfigError(f"--source {spec!r}: expected KIND=URL, e.g. feed=https://...")
        sources.append({"kind": kind, "url": url})
    if every:
        sources = [{**s, "every": every} for s in sources]
    block: dict[str, object] = {"slug": slug, "name": name or slug}
    if aliases:
        block["aliases"] = list(aliases)
    if tags:
        block["tags"] = list(tags)
    block["sources"] = sources
    add_company(app.sources_path, block, allow_private=app.allow_private)
    app.console.print(f"Added {slug} with {len(sources)} source(s) to {app.sources_path}.")
    if not sources:
        app.console.print("It has no sources yet: add --website or --feed.")


@click.command("remove")
@click.argument("slug")
@click.pass_context
def remove(ctx: click.Context, slug: str) -> None:
    """Stop tracking a company; its history stays in the database.

    \b
    Example:
        monitor remove acme
    """
    app = app_of(ctx)
    remove_company(app.sources_path, slug)
    if app.db_path.exists():
        now = iso(utcnow())
        with write(app.db()) as conn:
            conn.execute("UPDATE companies SET removed_at = ? WHERE slug = ?", (now, slug))
            conn.execute("UPDATE sources SET removed_at = ? WHERE company = ? AND removed_at IS NULL",
                         (now, slug))
    app.console.print(f"Removed {slug} from {app.sources_path}; its history is kept.")


COMMANDS = (list_companies, kinds, add, remove)
