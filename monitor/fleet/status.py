"""The fleet's line in ``monitor status``: queue depth, live workers, answers waiting."""

from __future__ import annotations

import time
from dataclasses import dataclass

from monitor.fleet.broker import depth
from monitor.fleet.settings import ANSWERS, CHECKS, FleetSettings, client

SEEN_S = 60.0
FORGET_S = 86400.0


@dataclass(frozen=True)
class FleetStatus:
    """What the broker holds right now."""

    orders_waiting: int
    orders_running: int
    workers: int  # seen in the last minute
    answers_waiting: int
    leases: int  # orders the scheduler awaits

    def line(self) -> str:
        """One line for people."""
        return (f"Fleet: {self.orders_waiting} order(s) queued, {self.orders_running} being "
                f"fetched, {self.workers} worker(s) seen in the last minute, "
                f"{self.answers_waiting} answer(s) waiting to be recorded, "
                f"{self.leases} awaited by the scheduler.")


def fleet_status(settings: FleetSettings) -> FleetStatus:
    """Read the broker (BrokerError when it cannot be reached)."""
    conn = client(settings)
    try:
        waiting, running = depth(conn, settings, CHECKS)
        answers, held = depth(conn, settings, ANSWERS)
        seen = conn.hgetall(settings.key("workers"))
        now = time.time()
        live = sum(1 for beat in seen.values() if now - float(beat) < SEEN_S)
        gone = [name for name, beat in seen.items() if now - float(beat) > FORGET_S]
        if gone:  # killed workers never say goodbye
            conn.hdel(settings.key("workers"), *gone)
        leases = int(conn.hlen(settings.key("leases")))
    finally:
        conn.close()
    return FleetStatus(waiting, running, live, answers + held, leases)
