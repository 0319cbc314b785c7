"""Reading alerts.yaml: where alerts go, never how to log in (secrets come from the environment).

The file::

    timezone: Europe/Berlin      # digest times are local to this zone (default UTC)
    operator: slack:ops          # health changes and failed-delivery notices go here
    channels:
      slack:bizdev: {}           # webhook from env MONITOR_SLACK_WEBHOOK_BIZDEV
      slack:ops: {}
      email:analysts:            # SMTP from env MONITOR_SMTP_HOST/PORT/USER/PASSWORD/FROM/TLS
        to: [analysts@example.com]
    routes:                      # optional; first matching route per channel wins
      - channels: [slack:bizdev]
        categories: [leadership, contact, links, identity]
        companies: [ispace]      # optional: every company
        mode: immediate
      - channels: [email:analysts]
        mode: daily@08:00        # hourly | daily[@HH:MM] | weekly[@mon HH:MM]
    storm: {threshold: 20, window: 10m}
    stale_after: 24h

Without ``routes`` every channel but the operator's gets leadership, contact, links and
identity at once and news, posts, content and metrics in a daily digest at 08:00.
A missing file named explicitly is an error. Without one (the default path, next to
sources.yaml, does not exist) no routing is in force: changes are still queued, in
``unrouted``, and the first dispatcher that has routing turns them into alerts.
"""

from __future__ import annotations

from pathlib import Path

from monitor.errors import ConfigError
from monitor.notify.routing import AlertConfig


def load_alerts(path: Path, *, required: bool = False) -> AlertConfig:
    """Load and validate alerts.yaml; a missing file is an error when ``required``.

    A missing optional file gives a config that is not ``configured``: it routes nothing and
    decides nothing, so changes wait for routing instead of being dropped.
    """
    path = Path(path)
    if not path.exists():
        if required:
            raise ConfigError(f"{path}: alerts file not found; fix the path (--alerts or"
                              " MONITOR_ALERTS), or leave it out to use alerts.yaml next to"
                              " sources.yaml")
        return AlertConfig(configured=False)
    from monitor.notify.alertfile import read_alerts  # the schema: pydantic, only for a file

    return read_alerts(path)
