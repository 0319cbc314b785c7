"""``monitor rebase``: re-read the stored pages with this version's extractors, fetching nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import click

from monitor.cli.app import App, app_of
from monitor.cli.output import say
from monitor.models import Source


@click.command("rebase")
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.pass_context
def rebase_cmd(ctx: click.Context, slugs: tuple[str, ...]) -> None:
    """Re-read each source's last stored page with this version's extractors (all companies
    by default), without fetching.

    What the new extractors read differently is recorded as a rebase (`monitor history` shows
    it; never alerted, never a change), so the next check compares with the same reading. A
    check does this by itself on the first changed page after an upgrade; this command does it
    for every source now, one at a time. Interrupted, it is run again: a source is rebased
    whole or not at all.

    \b
    Example:
        monitor rebase
        monitor rebase acme ispace
    """
    app = app_of(ctx)
    config = app.config()
    companies = [config.company(slug) for slug in slugs] if slugs else list(config.companies)
    sources = [source for company in companies for source in company.sources]
    rebased, rows, waiting, current = asyncio.run(_rebase_all(app, sources))
    say(app, f"Rebased {rebased} source(s): {rows} difference(s) recorded as rebases (never"
             f" alerted); {waiting} left for their next check; {current} needed nothing"
             " (up to date, or never checked).")


async def _rebase_all(app: App, sources: Sequence[Source]) -> tuple[int, int, int, int]:
    """(rebased, differences, left for their next check, up to date) over these sources."""
    from monitor.clock import iso, utcnow
    from monitor.rebase import extraction_version, rebase_source
    from monitor.store.rebases import due
    from monitor.workers import ParserPool, PoolSettings

    db = app.db()
    todo = set(due(db, extraction_version(), [s.id for s in sources]))
    crash = app.settings.crash_points()
    rebased = rows = waiting = 0
    async with ParserPool(PoolSettings(workers=1, lazy=True)) as pool:
        with _progress(app, len(todo)) as advance:
            for source in sources:  # one at a time: one stored page in memory
                if source.id not in todo:
                    continue
                done = await rebase_source(db, source, pool.extract, now=iso(utcnow()),
                                           crash=crash)
                advance()
                if done is None:
                    waiting += 1
                    continue
                rebased += 1
                rows += len(done.changes)
                if done.changes:
                    say(app, f"{source.company} {source.kind} {source.url}:"
                             f" {len(done.changes)} difference(s)")
    return rebased, rows, waiting, len(sources) - len(todo)


@contextmanager
def _progress(app: App, total: int) -> Iterator[Callable[[], None]]:
    """A transient progress bar on a terminal; nothing in a pipe."""
    if not app.console.is_terminal:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=app.console, transient=True) as progress:
        task = progress.add_task("rebasing", total=total)
        yield lambda: progress.advance(task)


COMMANDS = (rebase_cmd,)
