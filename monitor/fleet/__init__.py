"""The fleet: one scheduler/writer, any number of fetch workers, Dramatiq on Redis between.

``MONITOR_BROKER_URL=redis://… monitor run`` claims due sources and sends each check as an
order (``writer``); ``monitor worker`` fetches and extracts orders and sends answers back
(``worker``). ``codec`` is the versioned wire format, ``observe`` both ends of one remote check,
``ledger`` the writer's record of answered orders, ``gate`` politeness across machines,
``broker`` the Dramatiq set-up, ``status`` what ``monitor status`` shows. Nothing here is
imported by the embedded daemon.
"""

from __future__ import annotations

from monitor.fleet.settings import BrokerError, FleetSettings

__all__ = ["BrokerError", "FleetSettings"]
