"""Commands that manage tracked companies: ``kinds``, ``add``, ``remove``."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from monitor.cli.app import App, app_of
from monitor.clock import iso, utcnow
from monitor.discover.policy import ASK_FIRST, POLICY, Chosen, choose, upgrade, x_url
from monitor.errors import ConfigError
from monitor.sources import KINDS

# What only `add` and `remove` use is imported by them: `monitor kinds` loads the kinds and
# the policy, not the config editor, discovery, the fetch stack, the parser pool or the store.
if TYPE_CHECKING:
    from monitor.config import SourcesEdit
    from monitor.discover import Proposal
    from monitor.models import Company


@click.command("kinds")
@click.pass_context
def kinds(ctx: click.Context) -> None:
    """Describe every source kind and its options, and which sources are added by themselves.

    \b
    Example:
        monitor kinds
    """
    from pydantic_core import PydanticUndefined

    console = app_of(ctx).console
    for name, kind in KINDS.items():
        console.print(f"[bold]{name}[/bold]")
        console.print(_without_options(inspect.cleandoc(type(kind).__doc__ or "")), markup=False)
        console.print("Options:", markup=False)
        for option, info in kind.Options.model_fields.items():
            if option == "kind":
                continue
            default = "" if info.default in (None, PydanticUndefined) else f" (default: {info.default})"
            console.print(f"  {option}: {info.description or ''}{default}", markup=False)
        console.print("")
    console.print("[bold]Which sources `add --discover` and `import` propose[/bold]")
    console.print(POLICY, markup=False)


def _without_options(doc: str) -> str:
    """A kind's docstring without its hand-written options paragraph (listed from the model)."""
    out: list[str] = []
    skipping = False
    for line in doc.splitlines():
        if line.startswith("Options:"):
            skipping = True
        elif skipping and (not line.strip() or line.startswith("Example:")):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out)


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
@click.option("--with", "asked", multiple=True, type=click.Choice(sorted(ASK_FIRST)),
              help="With --discover: also add these accounts (only added when asked for).")
@click.option("--file", "into", type=click.Path(path_type=Path), default=None,
              help="Write a new company to this file that sources.yaml includes.")
@click.pass_context
def add(ctx: click.Context, slug: str, name: str | None, aliases: tuple[str, ...],
        tags: tuple[str, ...], websites: tuple[str, ...], feeds: tuple[str, ...],
        extra: tuple[str, ...], every: str | None, discover_url: str | None, yes: bool,
        asked: tuple[str, ...], into: Path | None) -> None:
    """Add a company to sources.yaml, keeping its comments and layout.

    With --discover, the homepage (and one about/contact page it links to) is fetched; its
    feeds, JSON-LD name and social accounts become proposed sources (website, feed, linkedin,
    x, mastodon, bluesky, youtube, news), shown as YAML and written after you confirm. If the
    company exists already, only the sources it lacks are added (with or without --discover),
    in the file that holds it (sources.yaml or a file it includes).

    \b
    Example:
        monitor add ispace --name ispace --website https://ispace-inc.com/ \\
            --feed https://ispace-inc.com/feed/ --tag lunar
        monitor add ispace --discover https://ispace-inc.com/ --alias "ispace inc" --yes
        monitor add ispace --feed https://ispace-inc.com/en/feed/   # ispace exists: one more
    """
    from monitor.config import SourcesEdit, validate_slug

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
        wanted = Wanted(sources, name, aliases, tags, every, {*asked, *(s["kind"] for s in sources)})
        _add_discovered(app, slug, discover_url, wanted, yes, into)
        return
    if every:
        sources = [{**s, "every": every} for s in sources]
    edit = SourcesEdit(app.sources_path, allow_private=app.allow_private, missing_ok=True,
                       loaded=app.config_for_edit())
    existing = edit.company(slug) if edit.text() else None
    if existing is not None:
        _add_to_existing(app, edit, existing, sources, name, aliases, tags)
        return
    block: dict[str, object] = {"slug": slug, "name": name or slug}
    if aliases:
        block["aliases"] = list(aliases)
    if tags:
        block["tags"] = list(tags)
    block["sources"] = sources
    edit.add_company(block, into)
    edit.write()
    app.console.print(f"Added {slug} with {len(sources)} source(s) to {edit.home(slug)}.",
                      markup=False)
    if not sources:
        app.console.print("It has no sources yet: add --website or --feed.")


def _add_to_existing(app: App, edit: SourcesEdit, company: Company, sources: list[dict[str, str]],
                     name: str | None, aliases: tuple[str, ...], tags: tuple[str, ...]) -> None:
    """``add`` on a company that exists: add the sources it lacks, in one write."""
    if not sources:
        raise ConfigError(f"{company.slug} exists already; give the sources to add "
                          "(--website, --feed, --source KIND=URL)")
    have = {(s.kind, s.url) for s in company.sources}
    new = [s for s in sources if (s["kind"], s["url"]) not in have]
    for source in new:
        edit.add_source(company.slug, source)
    edit.write()
    where = edit.home(company.slug)
    if name or aliases or tags:
        app.console.print(f"{company.slug} exists: its name, aliases and tags are left as they are"
                          f" (edit {where} to change them).", markup=False)
    skipped = len(sources) - len(new)
    note = f" ({skipped} it had already)" if skipped else ""
    app.console.print(f"Added {len(new)} source(s) to {company.slug} in {where}{note}.", markup=False)


@dataclass(frozen=True)
class Wanted:
    """What the user asked ``add --discover`` for, besides what discovery finds."""

    explicit: list[dict[str, str]]
    name: str | None
    aliases: tuple[str, ...]
    tags: tuple[str, ...]
    every: str | None
    asked: set[str]


def _add_discovered(app: App, slug: str, url: str, wanted: Wanted, yes: bool,
                    into: Path | None) -> None:
    """Discover, apply the source policy, show, confirm, write (new company, or new sources)."""
    from monitor.config import SourcesEdit
    from monitor.discover import render

    proposal, chosen = asyncio.run(_discover(app, slug, url, wanted))
    block = proposal.company(slug, wanted.name, wanted.aliases, wanted.tags)
    existing = _existing(app, slug)
    new = [s for s in chosen.sources if existing is None or (s["kind"], s["url"]) not in existing]
    new = [{**s, "every": wanted.every} for s in new] if wanted.every else new
    block["sources"] = new
    _show(app, proposal, chosen)
    if not new:
        app.console.print(f"{slug} already has every source discovery found; nothing to add.")
        return
    shown = block if existing is None else {"sources": block["sources"]}
    app.console.print(render(shown), markup=False, end="")
    if not yes and not click.confirm(f"Write this to {app.sources_path}?", default=True):
        app.console.print("Nothing written.")
        return
    edit = SourcesEdit(app.sources_path, allow_private=app.allow_private, missing_ok=True,
                       loaded=app.config_for_edit())
    if existing is None:
        edit.add_company(block, into)
    else:  # all of them or none
        for source in new:
            edit.add_source(slug, source)
    edit.write()
    app.console.print(f"Wrote {len(new)} source(s) of {slug} to {edit.home(slug)}.", markup=False)


async def _discover(app: App, slug: str, url: str, wanted: Wanted) -> tuple[Proposal, Chosen]:
    from monitor.discover import discover
    from monitor.fetch.client import Fetcher
    from monitor.workers import ParserPool, PoolSettings
    from monitor.workers.tasks import REGISTRY, BoundedParsers

    # Untrusted pages are parsed in the worker pool, under the same limits as `check`.
    async with Fetcher(app.fetch_settings()) as fetcher, \
            ParserPool(PoolSettings(workers=1, registry=REGISTRY)) as pool:
        proposal = await discover(url, fetcher, BoundedParsers(pool))
        found = cast(list[dict[str, object]],
                     proposal.company(slug, wanted.name, wanted.aliases)["sources"])
        explicit = [s for s in wanted.explicit if s not in found]
        chosen = choose([*found, *explicit], wanted.asked)
        return proposal, await upgrade(chosen, fetcher)


def _existing(app: App, slug: str) -> set[tuple[str, str]] | None:
    """(kind, url) of the company's sources, or None when it is not in sources.yaml."""
    if not app.sources_path.exists():
        return None
    for company in app.config().companies:
        if company.slug == slug:
            return {(s.kind, s.url) for s in company.sources}
    return None


def _show(app: App, proposal: Proposal, chosen: Chosen) -> None:
    """What discovery found, in words, before the YAML."""
    console = app.console
    console.print(f"Discovered on {proposal.homepage}: name {proposal.name or '(none found)'}", markup=False)
    for feed in proposal.feeds:
        state = f"feed ({feed.note})" if feed.note else "feed"
        console.print(f"  {state}: {feed.url}", markup=False)
    kept = {str(s["url"]) for s in chosen.sources}
    for network, link in proposal.profiles:
        role = ("link only (website kind)" if (network, link) in proposal.links_only() else
                "source" if x_url(link) in kept else "not added (ask first)")
        console.print(f"  {network}: {link}  [{role}]", markup=False)
    for note in (*proposal.notes, *chosen.notes):
        console.print(f"  note: {note}", markup=False)


@click.command("remove")
@click.argument("slug")
@click.option("--source", "urls", multiple=True, metavar="URL|KIND=URL",
              help="Remove only this source of the company (repeatable).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def remove(ctx: click.Context, slug: str, urls: tuple[str, ...], yes: bool) -> None:
    """Stop tracking a company, or one of its sources; the history stays in the database.

    Asks before writing sources.yaml unless --yes is given.

    \b
    Example:
        monitor remove acme --yes
        monitor remove acme --source https://acme.example/feed.xml
        monitor remove acme --source feed=https://acme.example/ --yes
    """
    from monitor.config import SourcesEdit, validate_slug
    from monitor.store import queries

    app = app_of(ctx)
    edit = SourcesEdit(app.sources_path, allow_private=app.allow_private,
                       loaded=app.config_for_edit())
    where = edit.home(validate_slug(slug))
    if urls:
        gone = [edit.remove_source(slug, *_source_spec(spec)) for spec in urls]
        what = "; ".join(f"{s.kind} {s.url}" for s in gone)
        question = f"Remove {len(gone)} source(s) of {slug} ({what}) from {where}?"
    else:
        edit.remove_company(slug)
        question = f"Remove {slug} and its sources from {where}?"
    if not yes and not click.confirm(question + " Its history is kept.", default=False):
        app.console.print("Nothing removed.")
        return
    edit.write()
    now = iso(utcnow())
    if urls:
        if app.db_path.exists():
            queries.retire_sources(app.db(), [s.id for s in gone], now)
        app.console.print(f"Removed from {slug}: {what}; their history is kept.", markup=False)
        return
    if app.db_path.exists():
        queries.retire_company(app.db(), slug, now)
    app.console.print(f"Removed {slug} from {where}; its history is kept.", markup=False)


def _source_spec(spec: str) -> tuple[str, str | None]:
    """``URL`` or ``KIND=URL`` → (url, kind or None)."""
    kind, sep, url = spec.partition("=")
    if sep and kind in KINDS:
        return url, kind
    return spec, None


COMMANDS = (kinds, add, remove)
