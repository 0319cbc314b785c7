"""``monitor prune``: roll old checks up per source and day (the daemon does it daily)."""

from __future__ import annotations

import click

from monitor.cli.app import app_of


@click.command("prune")
@click.option("--keep", default=None, metavar="DAYS",
              help="Raw checks to keep, e.g. 90d or 12w (default: MONITOR_KEEP_CHECKS, else 90d).")
@click.pass_context
def prune_cmd(ctx: click.Context, keep: str | None) -> None:
    """Fold checks older than the retention window into one row per source and day.

    Checks that recorded a change and each source's first capture are kept; snapshots no kept
    check needs are dropped. The daemon (`monitor run`) does this once a day by itself.

    \b
    Example:
        monitor prune --keep 30d
    """
    from monitor.clock import utcnow
    from monitor.store.retention import parse_keep, roll_up

    app = app_of(ctx)
    window = parse_keep(keep) if keep else app.settings.keep_checks()
    done = roll_up(app.db(), utcnow(), window)
    app.console.print(f"Kept {window.days} days of checks: {done}.", markup=False)


COMMANDS = (prune_cmd,)
