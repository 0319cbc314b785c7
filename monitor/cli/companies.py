"""Commands that manage tracked companies: ``list``, ``kinds``, ``add``, ``remove``."""

from __future__ import annotations

import asyncio
import inspect
from typing import cast

import click
from rich.table import Table

from monitor.cli.app import App, app_of
from monitor.clock import iso, utcnow
from monitor.config import add_company, add_source, remove_company, validate_slug
from monitor.discover import Proposal, discover, render
from monitor.errors import ConfigError
from monitor.fetch.client import Fetcher
from monitor.sources import KINDS
from monitor.store import queries
from monitor.workers import ParserPool, PoolSettings
from monitor.workers.tasks import REGISTRY, BoundedParsers


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
        status = queries.source_statuses(app.reader())
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
@click.option("--name", help="Display name (defaults to the slug, or the name --discover finds).")
@click.option("--alias", "aliases", multiple=True, help="Other names, for news queries.")
@click.option("--tag", "tags", multiple=True, help="Free tags, e.g. lunar.")
@click.option("--website", "websites", multiple=True, help="A web page to track (kind website).")
@click.option("--feed", "feeds", multiple=True, help="A news/press feed URL (kind feed).")
@click.option("--source", "extra", multiple=True, metavar="KIND=URL", help="Any kind, e.g. feed=URL.")
@click.option("--every", help="Check interval for these sources, e.g. 6h.")
@click.option("--discover", "discover_url", metavar="URL",
              help="Read this homepage and propose its feeds, social accounts and a news search.")
@click.option("--yes", "-y", is_flag=True, help="With --discover: write the proposal without asking.")
@click.pass_context
def add(ctx: click.Context, slug: str, name: str | None, aliases: tuple[str, ...],
        tags: tuple[str, ...], websites: tuple[str, ...], feeds: tuple[str, ...],
        extra: tuple[str, ...], every: str | None, discover_url: str | None, yes: bool) -> None:
    """Add a company to sources.yaml, keeping its comments and layout.

    With --discover, the homepage (and one about/contact page it links to) is fetched; its
    feeds, JSON-LD name and social accounts become proposed sources (website, feed, linkedin,
    x, mastodon, bluesky, youtube, news), shown as YAML and written after you confirm. If the
    company exists already, only the sources it lacks are added.

    \b
    Example:
        monitor add ispace --name ispace --website https://ispace-inc.com/ \\
            --feed https://ispace-inc.com/feed/ --tag lunar
        monitor add ispace --discover https://ispace-inc.com/ --alias "ispace inc" --yes
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
    if discover_url:
        _add_discovered(app, slug, discover_url, sources, name, aliases, tags, every, yes)
        return
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


def _add_discovered(app: App, slug: str, url: str, explicit: list[dict[str, str]], name: str | None,
                    aliases: tuple[str, ...], tags: tuple[str, ...], every: str | None,
                    yes: bool) -> None:
    """Discover, show the proposal, confirm, write (new company, or new sources of one)."""
    proposal = asyncio.run(_discover(app, url))
    block = proposal.company(slug, name, aliases, tags)
    found = cast(list[dict[str, object]], block["sources"])
    wanted = found + [s for s in explicit if s not in found]
    existing = _existing(app, slug)
    new = [s for s in wanted if existing is None or (s["kind"], s["url"]) not in existing]
    new = [{**s, "every": every} for s in new] if every else new
    block["sources"] = new
    _show(app, proposal)
    if not new:
        app.console.print(f"{slug} already has every source discovery found; nothing to add.")
        return
    shown = block if existing is None else {"sources": block["sources"]}
    app.console.print(render(shown), markup=False, end="")
    if not yes and not click.confirm(f"Write this to {app.sources_path}?", default=True):
        app.console.print("Nothing written.")
        return
    if existing is None:
        add_company(app.sources_path, block, allow_private=app.allow_private)
    else:
        for source in new:
            add_source(app.sources_path, slug, source, allow_private=app.allow_private)
    app.console.print(f"Wrote {len(new)} source(s) of {slug} to {app.sources_path}.")


async def _discover(app: App, url: str) -> Proposal:
    # Untrusted pages are parsed in the worker pool, under the same limits as `check`.
    async with Fetcher(app.fetch_settings()) as fetcher, \
            ParserPool(PoolSettings(workers=1, registry=REGISTRY)) as pool:
        return await discover(url, fetcher, BoundedParsers(pool))


def _existing(app: App, slug: str) -> set[tuple[str, str]] | None:
    """(kind, url) of the company's sources, or None when it is not in sources.yaml."""
    if not app.sources_path.exists():
        return None
    for company in app.config().companies:
        if company.slug == slug:
            return {(s.kind, s.url) for s in company.sources}
    return None


def _show(app: App, proposal: Proposal) -> None:
    """What discovery found, in words, before the YAML."""
    console = app.console
    console.print(f"Discovered on {proposal.homepage}: name {proposal.name or '(none found)'}", markup=False)
    for feed in proposal.feeds:
        state = f"feed ({feed.note})" if feed.note else "feed"
        console.print(f"  {state}: {feed.url}", markup=False)
    for network, link in proposal.profiles:
        role = "source" if (network, link) not in proposal.links_only() else "link only (website kind)"
        console.print(f"  {network}: {link}  [{role}]", markup=False)
    for note in proposal.notes:
        console.print(f"  note: {note}", markup=False)


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
        queries.retire_company(app.db(), slug, iso(utcnow()))
    app.console.print(f"Removed {slug} from {app.sources_path}; its history is kept.")


COMMANDS = (list_companies, kinds, add, remove)
