"""``monitor notify``: one dispatch pass by hand, a test message, or dead alerts back in the queue."""

from __future__ import annotations

import asyncio

import click

from monitor.cli.app import App, app_of
from monitor.clock import iso, utcnow
from monitor.errors import DeliveryError, MonitorError, NotConfigured
from monitor.notify import AlertConfig, Dispatcher, make_sender
from monitor.notify.base import Links
from monitor.notify.outbox import revive
from monitor.notify.samples import sample_message
from monitor.store import queries
from monitor.store.db import write


@click.command("notify")
@click.option("--test", "test", metavar="slack|email|CHANNEL",
              help="Send a sample message through the first channel of that type"
                   " (or the named channel, e.g. slack:bizdev) and stop.")
@click.option("--retry-dead", "retry_dead", metavar="CHANNEL|all",
              help="Put alerts that failed for good back in the queue (after fixing the channel).")
@click.option("--status", is_flag=True, help="Count alerts per channel and state, send nothing.")
@click.pass_context
def notify_cmd(ctx: click.Context, test: str | None, retry_dead: str | None, status: bool) -> None:
    """Send the alerts that are due now: one pass of what `monitor run` does every 30 s.

    Channels and routing are read from alerts.yaml (--alerts); secrets only from the
    environment: MONITOR_SLACK_WEBHOOK_<NAME> for slack:<name>, MONITOR_SMTP_HOST, _PORT,
    _USER, _PASSWORD, _FROM and _TLS (starttls|tls|none) for email channels.

    \b
    Example:
        monitor notify --test slack
        monitor notify --test email:analysts
        monitor notify
        monitor notify --retry-dead slack:bizdev
    """
    app = app_of(ctx)
    config = app.alerts()
    if test:
        _test(app, config, test)
    elif retry_dead:
        _retry_dead(app, retry_dead)
    elif status:
        _status(app)
    else:
        _dispatch(app, config)


def _test(app: App, config: AlertConfig, wanted: str) -> None:
    channel = _pick(config, wanted, app)
    try:
        sender = make_sender(config.channels[channel], app.settings.env)
    except NotConfigured as exc:
        raise click.ClickException(f"{channel} is not configured: {exc}") from None
    links = Links(app.settings.datasette_url, app.db_path.stem or "monitor")
    message = sample_message(channel, utcnow(), links)

    async def send() -> None:
        try:
            await sender.send(message)
        finally:
            await sender.aclose()

    try:
        asyncio.run(send())
    except DeliveryError as exc:
        raise click.ClickException(f"{channel}: test message not delivered: {exc}") from None
    app.console.print(f"Sent a test message to {channel}.", markup=False)


def _pick(config: AlertConfig, wanted: str, app: App) -> str:
    if wanted in config.channels:
        return wanted
    for name in config.channels:
        if name.split(":", 1)[0] == wanted:
            return name
    known = ", ".join(config.channels) or "none"
    example = "slack:team: {}" if wanted == "slack" else "email:team: {to: [you@example.com]}"
    raise MonitorError(f"no {wanted} channel in {app.alerts_file} (channels: {known}); add one"
                       f" under channels:, e.g. {example}")


def _dispatch(app: App, config: AlertConfig) -> None:
    if not config.channels:
        app.console.print(f"No alert channels: {app.alerts_file} is missing or lists none.",
                          markup=False)
        return

    async def one_pass() -> str:
        async with Dispatcher(app.db(), config, clock=utcnow, env=app.settings.env) as dispatcher:
            report = await dispatcher.tick()
            off = "".join(f"\n{name} is off: {why}" for name, why in dispatcher.off.items())
        return f"{report}{off}"

    app.console.print(asyncio.run(one_pass()), markup=False)


def _retry_dead(app: App, channel: str) -> None:
    with write(app.db()) as conn:
        n = revive(conn, None if channel == "all" else channel, iso(utcnow()))
    app.console.print(f"{n} dead alert(s) back in the queue; they go out on the next pass.",
                      markup=False)


def _status(app: App) -> None:
    rows = queries.outbox_summary(app.db())
    if not rows:
        app.console.print("The outbox is empty.", markup=False)
    for channel, state, n, error in rows:
        why = f"  ({error})" if error and state in ("dead", "pending") else ""
        app.console.print(f"{channel}  {state}  {n}{why}", markup=False)


COMMANDS: tuple[click.Command, ...] = (notify_cmd,)
