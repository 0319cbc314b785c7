"""Change alerts by Slack, email and Apprise: routed from alerts.yaml, sent from the outbox.

How the parts fit (R36)::

    record(change) ──route()──▶ outbox rows (same transaction)      routing.py, loading.py
                   (no alerts file: ``unrouted``, routed by the first dispatcher that has one)
    Dispatcher.tick() ──claim──▶ plan (batches, digests, storms) ──▶ senders ──▶ mark sent
                                 planning.py, modes.py              slack.py, smtp.py, apprise_sender.py

Use it from the daemon::

    config = load_alerts(Path("alerts.yaml"))   # required=True when the path was named
    ctx = Context(db=db, fetcher=fetcher, clock=utcnow, route=config.router)
    async with Dispatcher(db, config, clock=utcnow) as dispatcher:
        report = await dispatcher.tick()   # every ~30 s

Every send has a total deadline (``base.SEND_DEADLINE``) and channels send side by side, so a
webhook that drips its answer costs its own channel one retry, never the others.

Secrets come only from the environment: ``MONITOR_SLACK_WEBHOOK_<NAME>`` for ``slack:<name>``,
``MONITOR_SMTP_HOST/PORT/USER/PASSWORD/FROM/TLS`` for email channels,
``MONITOR_APPRISE_URL_<NAME>`` for ``apprise:<name>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.lazy import exports

if TYPE_CHECKING:
    from monitor.notify.base import Alert, Links, Message, MessageKind, Sender
    from monitor.notify.dispatch import Dispatcher, DispatchReport
    from monitor.notify.loading import load_alerts
    from monitor.notify.routing import AlertConfig, ChannelConfig, Route
    from monitor.notify.senders import build_senders, make_sender

# Loaded when first used: a check that routes its changes reads ``loading`` and ``routing``
# and never imports the senders, their HTTP and SMTP clients, Apprise or jinja2.
__getattr__ = exports(__name__, {
    "Alert": "base", "Links": "base", "Message": "base", "MessageKind": "base", "Sender": "base",
    "Dispatcher": "dispatch", "DispatchReport": "dispatch",
    "load_alerts": "loading",
    "AlertConfig": "routing", "ChannelConfig": "routing", "Route": "routing",
    "build_senders": "senders", "make_sender": "senders",
})

__all__ = [
    "Alert",
    "AlertConfig",
    "ChannelConfig",
    "DispatchReport",
    "Dispatcher",
    "Links",
    "Message",
    "MessageKind",
    "Route",
    "Sender",
    "build_senders",
    "load_alerts",
    "make_sender",
]
