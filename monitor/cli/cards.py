"""Commands for hand-kept profile cards: ``import``, ``review`` and ``export``."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from monitor.cards import Card, Difference, export, parse
from monitor.cards.labels import ascii_slug
from monitor.cards.sources import Implied, implied_sources, plan_sources
from monitor.cards.store import (
    Coverage,
    card_companies,
    coverage,
    review_company,
    save_card,
    save_review,
)
from monitor.cli.app import App, app_of
from monitor.clock import iso, utcnow
from monitor.config import SourcesEdit, validate_slug
from monitor.discover.policy import ASK_FIRST, Chosen, choose, upgrade
from monitor.errors import ConfigError, MonitorError
from monitor.fetch.client import Fetcher
from monitor.models import Source
from monitor.sources import KINDS
from monitor.store import queries

MAX_CARD_BYTES = 1024 * 1024  # real cards are 5-50 kB


def read_card(path: Path) -> str:
    """A card file's text (UTF-8), refusing what cannot be a card."""
    with path.open("rb") as handle:
        data = handle.read(MAX_CARD_BYTES + 1)
    if len(data) > MAX_CARD_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CARD_BYTES} bytes; not a card")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def slug_for(card: Card, path: Path) -> str:
    """The company slug: from the card's title, else from the file name."""
    return validate_slug(ascii_slug(card.name) or ascii_slug(path.stem) or path.stem)


@click.command("import")
@click.argument("cards", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", help="The company's slug (one card only). Default: from the title.")
@click.option("--no-sources", is_flag=True, help="Store the card only; leave sources.yaml alone.")
@click.option("--with", "asked", multiple=True, type=click.Choice(sorted(ASK_FIRST)),
              help="Also add these accounts (added only when asked for; see monitor kinds).")
@click.option("--no-fetch", is_flag=True,
              help="Do not ask http:// sites whether they redirect to https.")
@click.pass_context
def import_cmd(ctx: click.Context, cards: tuple[Path, ...], slug: str | None,
               no_sources: bool, asked: tuple[str, ...], no_fetch: bool) -> None:
    """Import hand-kept profile cards (markdown) and the sources their links imply.

    Each card becomes the company's stored profile as of the card's date. The company is
    added to sources.yaml, or given the sources it lacks: its website, LinkedIn and X
    accounts (when those kinds exist) and a news search for its name, following the policy
    `monitor kinds` states (LinkedIn only with --with linkedin, x.com, https when the site
    redirects there). Importing the same card again changes nothing.

    \b
    Example:
        monitor import cards/ispace.md cards/*.md
        monitor review ispace
    """
    app = app_of(ctx)
    if slug and len(cards) > 1:
        raise click.UsageError("--slug names one company: give one card with it")
    failed = 0
    for path in cards:
        try:
            _import_one(app, path, slug, no_sources, Policy(frozenset(asked), not no_fetch))
        except MonitorError as exc:
            failed += 1
            app.console.print(Text(f"{path}: {exc}", style="red"))
    if failed:
        raise click.ClickException(f"{failed} of {len(cards)} card(s) not imported")


@dataclass(frozen=True)
class Policy:
    """How ``import`` applies the source policy: kinds asked for, whether to ask sites."""

    asked: frozenset[str]
    fetch: bool


def _chosen(app: App, implied: Implied, policy: Policy) -> tuple[Implied, tuple[str, ...]]:
    """The card's implied sources under the source policy, and what the policy changed."""
    chosen = choose(implied.sources, policy.asked)
    held = len(chosen.notes)
    if policy.fetch and any(str(s["url"]).startswith("http://") for s in chosen.sources):
        async def ask() -> Chosen:
            async with Fetcher(app.fetch_settings()) as fetcher:
                return await upgrade(chosen, fetcher)

        chosen = asyncio.run(ask())
    return (Implied(chosen.sources, implied.skipped + chosen.notes[:held]), chosen.notes[held:])


def _import_one(app: App, path: Path, slug: str | None, no_sources: bool, policy: Policy) -> None:
    """Prepare the sources.yaml edit, then store the card and write the file together."""
    card = parse(read_card(path))
    company = validate_slug(slug) if slug else slug_for(card, path)
    as_of = card.as_of.isoformat() if card.as_of else "an unknown date"
    edit, added, implied = None, [], implied_sources(card, KINDS)
    upgraded: tuple[str, ...] = ()
    if not no_sources:
        implied, upgraded = _chosen(app, implied, policy)
        edit = SourcesEdit(app.sources_path, allow_private=app.allow_private, missing_ok=True)
        added = plan_sources(edit, company, card, implied)
    before = queries.card_origin(app.db(), company)
    changed = save_card(app.db(), company, card, str(path), iso(utcnow()), also=edit)
    if changed and before and before[0] and card.as_of and before[0] > card.as_of.isoformat():
        app.console.print(f"{company}: note: this card replaces a newer one ({before[0]}, "
                          f"from {before[1]})", markup=False)
    if changed:
        app.console.print(f"{company}: card of {as_of} imported ({len(card.facts())} facts, "
                          f"{len(card.people)} people) from {path}", markup=False)
    else:
        app.console.print(f"{company}: card of {as_of} already imported, unchanged", markup=False)
    if edit is None:
        return
    where = edit.home(company) if added else app.sources_path  # or a file it includes
    app.console.print(f"  {where}: added " + ", ".join(added) if added else
                      f"  {where}: nothing to add", markup=False)
    for note in implied.skipped:
        app.console.print(f"  skipped: {note}", markup=False)
    for note in upgraded:
        app.console.print(f"  note: {note}", markup=False)


@click.command("review")
@click.argument("slug", required=False)
@click.option("--news", "news_limit", default=20, show_default=True,
              help="How many news items to list per company.")
@click.pass_context
def review_cmd(ctx: click.Context, slug: str | None, news_limit: int) -> None:
    """List where the monitored sources now disagree with the imported cards.

    A company none of whose sources has been read yet is "not checked yet" (its card
    stands); sources not read yet are listed under the differences of the others.

    Field by field (e-mail, phone, fax, address, links, people, founding date) with the
    evidence: the page, when it was seen, the snippet; then news since the card's date.
    The result is also kept in the card_review table for Datasette.

    \b
    Example:
        monitor review ispace
        monitor review
    """
    app = app_of(ctx)
    db = app.db()
    slugs = [validate_slug(slug)] if slug else card_companies(db)
    if not slugs:
        app.console.print("No cards imported yet. Import one: monitor import CARD.md")
        return
    for company in slugs:
        stored, differences = review_company(db, company)
        as_of = stored.card.as_of.isoformat() if stored.card.as_of else "?"
        cover = coverage(db, company, _configured(app, company))
        if not cover.read:  # nothing was read: silence would look like agreement
            save_review(db, company, stored.card, (), iso(utcnow()))
            app.console.print(_not_checked(company, as_of, cover), markup=False)
            continue
        save_review(db, company, stored.card, differences, iso(utcnow()))
        if not differences:
            app.console.print(f"{company}: no differences with the card of {as_of}", markup=False)
        else:
            app.console.print(review_table(company, as_of, differences, news_limit))
        for source in cover.unread:
            app.console.print(f"  not checked yet: {source}", markup=False)


def _configured(app: App, company: str) -> tuple[Source, ...]:
    """The company's sources in sources.yaml (none when the file or the company is absent)."""
    if not app.sources_path.exists():
        return ()
    found = [c for c in app.config().companies if c.slug == company]
    return found[0].sources if found else ()


def _not_checked(company: str, as_of: str, cover: Coverage) -> str:
    if not cover.total:
        return (f"{company}: not checked yet: no source watches it; the card of {as_of} stands"
                f" (add one: monitor add {company} --website URL)")
    lines = [f"{company}: not checked yet (0 of {cover.total} source(s) read); the card of"
             f" {as_of} stands; run: monitor check {company}"]
    lines += [f"  not checked yet: {source}" for source in cover.unread]
    return "\n".join(lines)


def review_table(company: str, as_of: str, differences: tuple[Difference, ...],
                 news_limit: int) -> Table:
    """The differences of one company as a table, news beyond ``news_limit`` summarised."""
    news = [d for d in differences if d.field == "news"]
    table = Table("field", "kind", "card", "now", "evidence",
                  title=f"{company}: {len(differences)} difference(s) with the card of {as_of}")
    for d in [d for d in differences if d.field != "news"] + news[:news_limit]:
        e = d.evidence
        seen = (e.seen or "")[:10] if e else ""
        evidence = " ".join(x for x in (e.url or "", seen, _clip(e.snippet, 80)) if x) if e else ""
        field = f"{d.field}: {d.subject}" if d.subject else d.field
        # Text, not markup: scraped snippets and titles may hold "[...]".
        table.add_row(*(Text(x) for x in (field, d.kind, d.card or "", d.world or "", evidence)))
    if len(news) > news_limit:
        table.add_row("news", "new", "", f"… and {len(news) - news_limit} more (see card_review)", "")
    return table


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@click.command("export")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True,
              help="md: the card in its own layout; json: its facts and the differences.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of printing.")
@click.pass_context
def export_cmd(ctx: click.Context, slug: str, fmt: str, out: Path | None) -> None:
    """Write the company's card updated with what the sources say now.

    New values are added and changed ones replaced, in the card's own layout; a value a
    source listed and then stopped listing is struck through (~~value~~), and what no
    source contradicted is kept. News since the card's date extends its timeline and the
    date line is updated. Everything else is kept byte for byte: with no differences, the
    card comes back exactly as imported.

    \b
    Example:
        monitor export ispace --out cards/ispace.md
    """
    app = app_of(ctx)
    stored, differences = review_company(app.db(), validate_slug(slug))
    text = export(stored.card, differences, utcnow().date())
    if fmt == "json":
        updated = parse(text)
        text = json.dumps({
            "company": stored.company,
            "as_of": updated.as_of.isoformat() if updated.as_of else None,
            "facts": [{"field": f.field, "value": f.value, "role": f.role} for f in updated.facts()],
            "differences": [_difference_json(d) for d in differences],
        }, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8", newline="")
    app.console.print(f"{slug}: card written to {out} ({len(differences)} difference(s) applied)",
                      markup=False)


def _difference_json(d: Difference) -> dict[str, object]:
    e = d.evidence
    return {"field": d.field, "subject": d.subject, "kind": d.kind, "card": d.card,
            "now": d.world, "url": e.url if e else None, "seen": e.seen if e else None,
            "snippet": e.snippet if e else None}


COMMANDS = (import_cmd, review_cmd, export_cmd)
