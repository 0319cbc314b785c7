"""The daemon behind ``monitor run``: claim due sources from SQLite, check them, keep going.

Parts: ``lock`` (one scheduler per database), ``claim`` (due sources by ``next_due_at``),
``reload`` (follow sources.yaml), ``loading`` (a big sources.yaml read in a child process),
``daemon`` (the APScheduler-driven loop), ``upkeep`` (checkpoints and counters), ``service``
(wiring, used by the CLI).

The names below are imported on first use, so a part (``loading`` in its child process,
``lock`` for ``monitor status``) comes without the daemon and everything it imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.lazy import exports

if TYPE_CHECKING:
    from monitor.scheduler.daemon import Daemon, DaemonSettings
    from monitor.scheduler.lock import RunLock, holder, lock_path
    from monitor.scheduler.service import RunOptions, run
    from monitor.scheduler.upkeep import Stats

# Loaded when first used: ``monitor check`` orders its sources with ``claim`` and must not
# import the daemon, APScheduler and the alert senders on the way.
__getattr__ = exports(__name__, {
    "Daemon": "daemon", "DaemonSettings": "daemon", "RunLock": "lock", "holder": "lock",
    "lock_path": "lock", "RunOptions": "service", "run": "service", "Stats": "upkeep",
})

__all__ = ["Daemon", "DaemonSettings", "RunLock", "RunOptions", "Stats", "holder", "lock_path",
           "run"]
