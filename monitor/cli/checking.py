"""Commands that fetch: ``check`` (check sources now) and ``extract`` (try one page)."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

import click
from sqlite_utils import Database

from monitor import startup
from monitor.cli.app import App, app_of
from monitor.cli.output import describe
from monitor.clock import iso, utcnow
from monitor.fetch.browser import Browser, BrowserSettings
from monitor.fetch.client import Fetcher
from monitor.fetch.netguard import check_url
from monitor.fetch.reach import no_network
from monitor.models import Change, CheckResult, Observation, Outcome, Source
from monitor.pipeline import check_many, checking
from monitor.scheduler.claim import by_due_time
from monitor.sources import KINDS
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from monitor.text_safety import for_terminal
from monitor.workers import ParserPool, PoolSettings

if TYPE_CHECKING:
    from rich.console import Console


@click.command("check")
@click.argument("slugs", nargs=-1)
@click.option("--dry-run", is_flag=True, help="Fetch, extract and diff, print, save nothing.")
@click.option("--concurrency", default=20, show_default=True, help="Checks in flight at once.")
@click.pass_context
def check_cmd(ctx: click.Context, slugs: tuple[str, ...], dry_run: bool, concurrency: int) -> None:
    """Check the sources of some companies (default: all) now and print what changed.

    Failing or blocked sources are reported as statuses; the exit status is 0 anyway.
    With --dry-run, a changed value is shown at once (no confirmation window).

    \b
    Example:
        monitor check ispace
        monitor check --dry-run
    """
    app = app_of(ctx)
    config = app.config()
    companies = [config.company(s) for s in slugs] if slugs else list(config.companies)
    sources = [s for c in companies for s in c.sources]
    if not sources:
        app.console.print("Nothing to check: no sources configured.")
        return
    if dry_run:
        sources = [replace(s, confirm=1, settle=0.0) for s in sources]  # what differs now
        # Compared with the stored history when there is one; nothing is ever written.
        db = app.db() if app.db_path.exists() else open_db(":memory:")
    else:
        db = app.db()
        sync_config(db, config.companies, iso(utcnow()))
    sources = by_due_time(db, sources)  # an interrupted run has done the longest-waiting ones
    startup.settled()
    results = asyncio.run(_check(app, db, sources, dry_run, concurrency))
    _report(app, results, dry_run)


async def _check(app: App, db: Database, sources: list[Source], dry_run: bool,
                 concurrency: int) -> list[CheckResult]:
    # Changes recorded here get their alerts queued exactly as under `monitor run`.
    route = None if dry_run else app.alerts().router
    async with checking(db, app.fetch_settings(), route=route, settings=app.settings,
                        dry_run=dry_run) as ctx:
        with _progress(app.console, len(sources)) as advance:
            return await check_many(sources, ctx, dry_run=dry_run, concurrency=concurrency,
                                    on_done=advance)


@contextmanager
def _progress(console: Console, total: int) -> Iterator[Callable[[CheckResult], None] | None]:
    """A transient progress bar on a terminal; in a pipe, where it would show nothing, none
    (no display refreshed ten times a second for nobody)."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("checking", total=total)
        yield lambda _: progress.advance(task)


def _describe(change: Change) -> str:
    return describe(change.field, change.key, change.change.value, change.old, change.new)


def _report(app: App, results: list[CheckResult], dry_run: bool) -> None:
    console = app.console
    changes = 0
    for r in sorted(results, key=lambda r: r.source.id):
        for change in r.changes:
            changes += 1
            console.print(f"{change.company}  [bold]{change.category.value}[/bold]  "
                          + for_terminal(f"{_describe(change)}  ({r.source.kind} {r.source.url})",
                                         markup=True), markup=True)
        if r.diff and r.diff.pending:
            console.print(f"{r.source.company}  {len(r.diff.pending)} new value(s) awaiting "
                          f"confirmation  ({r.source.kind} {r.source.url})")
        if r.rebase is not None and r.rebase.changes:  # an upgrade met this source
            console.print(f"{r.source.company}  {len(r.rebase.changes)} value(s) read differently"
                          f" by this version: a rebase, not a change  ({r.source.kind} {r.source.url})")
        if not r.outcome.healthy and r.outcome is not Outcome.OK:
            reason = r.detail or r.fetched.detail or r.fetched.error or ""
            console.print(f"{r.source.company}  [yellow]{r.outcome.value}[/yellow]  "
                          + for_terminal(f"{r.source.url}  {reason}", markup=True), markup=True)
    counts = Counter(r.outcome.value for r in results)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    verb = "would record" if dry_run else "recorded"
    console.print(f"{len(results)} source(s) checked: {summary}; {verb} {changes} change(s).")
    verdict = no_network((r.source.url, None if r.outcome.healthy else r.fetched.error)
                         for r in results)
    if verdict:
        console.print(verdict, markup=False)


@click.command("extract")
@click.argument("url")
@click.option("--kind", "kind_name", default="website", show_default=True,
              type=click.Choice(sorted(KINDS)), help="How to read the page.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--render", is_flag=True,
              help="Run the page's scripts in chromium first and read what the browser shows.")
@click.pass_context
def extract_cmd(ctx: click.Context, url: str, kind_name: str, as_json: bool, render: bool) -> None:
    """Fetch one page and print what a kind extracts from it, without saving anything.

    Exits non-zero when the page cannot be fetched or read as that kind (status not ok).

    \b
    Example:
        monitor extract https://ispace-inc.com/company/ --json
        monitor extract https://spa.example.com/about --render
    """
    app = app_of(ctx)
    url = check_url(url, allow_private=app.allow_private)
    source = Source(id=f"extract:{kind_name}", company="extract", kind=kind_name, url=url,
                    every=0, options={})
    settings = app.settings.browser() if render else None
    if render and settings is None:
        raise click.UsageError("--render needs chromium, which is not installed "
                               "(run scripts/ensure-chromium, or set MONITOR_CHROMIUM)")
    status, obs = asyncio.run(_extract(app, source, settings))
    if as_json:
        click.echo(json.dumps(observation_json(status, obs), ensure_ascii=False, indent=2))
    else:
        _print_observation(app, status, obs)
    if status != Outcome.OK.value:  # a page that is gone, unreachable or of another kind
        raise click.ClickException(for_terminal(f"{url}: {status}"
                                                + (f" ({obs.detail})" if obs.detail else "")))


def _print_observation(app: App, status: str, obs: Observation) -> None:
    say = app.console.print
    say(for_terminal(f"status: {status}" + (f" ({obs.detail})" if obs.detail else "")), markup=False)
    for f in obs.facts:
        value = f.value if f.field != "text" else f.value[:200] + ("…" if len(f.value) > 200 else "")
        role = f" — {f.role}" if f.role else ""
        say(for_terminal(f"{f.field}: {value}{role}"), markup=False)
    for item in obs.items:
        say(for_terminal(f"item: {item.published_at or '-'}  {item.title}  {item.url or ''}"),
            markup=False)
    for m in obs.metrics:
        app.console.print(f"metric: {m.name} = {m.value:g}", markup=False)


async def _extract(app: App, source: Source,
                   render: BrowserSettings | None) -> tuple[str, Observation]:
    async with Fetcher(app.fetch_settings()) as fetcher:
        fetched = await KINDS[source.kind].fetch(source, fetcher, None, None)
        if render is not None and fetched.outcome is Outcome.OK:
            async with Browser(render) as browser:
                fetched = await browser.render(fetched, fetcher)
    if fetched.outcome is not Outcome.OK:
        detail = fetched.detail or fetched.error
        return fetched.outcome.value, Observation(outcome=fetched.outcome, detail=detail)
    # Parsed like `check` parses: size/depth precheck, then a worker under CPU and time limits.
    async with ParserPool(PoolSettings(workers=1)) as pool:
        obs = await pool.extract(source, replace(fetched, render=None))
    if fetched.render is not None:
        from monitor.extract.shell import mark_rendered  # a parser module: `check` needs none

        obs = mark_rendered(obs)
        refused = "; ".join(fetched.render.refused[:5])
        if refused:
            obs = replace(obs, detail=f"rendered; refused: {refused}"[:500])
    return obs.outcome.value, obs


def observation_json(status: str, obs: Observation) -> dict[str, object]:
    """The ``extract --json`` shape: status, facts, items, metrics."""
    facts: list[dict[str, object]] = []
    for f in obs.facts:
        row: dict[str, object] = {"field": f.field, "value": f.value, "evidence": f.evidence}
        if f.role is not None:
            row["role"] = f.role
        facts.append(row)
    items = [{"key": i.key, "title": i.title, "url": i.url, "published_at": i.published_at,
              "publisher": i.publisher, "kind": i.kind, "summary": i.summary} for i in obs.items]
    metrics = [{"name": m.name, "value": m.value} for m in obs.metrics]
    return {"status": status, "detail": obs.detail, "facts": facts, "items": items, "metrics": metrics}


COMMANDS = (check_cmd, extract_cmd)
