"""Fleet settings from the environment, and the one way to reach the broker.

``MONITOR_BROKER_URL`` (``redis://host:6379/0``) switches the fleet on. The rest are operator
knobs with production defaults; the tests shorten the heartbeat so a killed worker's checks come
back in seconds rather than a minute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from monitor.environ import process_environ
from monitor.errors import MonitorError

if TYPE_CHECKING:
    import redis

ENV_URL = "MONITOR_BROKER_URL"
CHECKS = "monitor.checks"  # queue of orders, read by workers
ANSWERS = "monitor.answers"  # queue of answers, read by the scheduler/writer
CHECK_ACTOR = "check"
ANSWER_ACTOR = "record"


class BrokerError(MonitorError):
    """The broker cannot be reached or refuses us."""


@dataclass(frozen=True)
class FleetSettings:
    """How the fleet talks through Redis."""

    url: str
    namespace: str = "monitor"  # prefix of every Redis key (queues, gate, leases, workers)
    heartbeat_s: float = 60.0  # a process silent this long is dead: its messages are requeued
    maintenance_per_million: int = 1000  # broker commands that also requeue dead ones' messages
    lease_s: float = 300.0  # an order unanswered this long is sent again (same check id)
    result_retries: int = 1000  # an answer the database refused is retried, never dropped

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> FleetSettings | None:
        """The fleet settings, or None when ``MONITOR_BROKER_URL`` is unset (embedded mode)."""
        env = process_environ(environ)
        url = env.get(ENV_URL, "").strip()
        if not url:
            return None
        return cls(url=url,
                   namespace=env.get("MONITOR_FLEET_NAMESPACE", "monitor") or "monitor",
                   heartbeat_s=_number(env, "MONITOR_FLEET_HEARTBEAT", 60.0),
                   maintenance_per_million=int(_number(env, "MONITOR_FLEET_MAINTENANCE", 1000)),
                   lease_s=_number(env, "MONITOR_FLEET_LEASE", 300.0))

    def key(self, *parts: str) -> str:
        """A Redis key of ours: ``monitor:gate:example.com``."""
        return ":".join((self.namespace, *parts))


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise MonitorError(f"{name}={raw!r}: expected a number") from None
    if value <= 0:
        raise MonitorError(f"{name}={raw!r}: must be positive")
    return value


def client(settings: FleetSettings) -> redis.Redis:
    """A Redis client that has answered a PING, or BrokerError with one clear line."""
    import redis  # only a fleet needs it: the embedded daemon starts without

    try:
        conn = redis.Redis.from_url(settings.url, socket_connect_timeout=5, socket_timeout=30,
                                    health_check_interval=30)
        conn.ping()
    except ValueError as exc:
        raise BrokerError(f"{ENV_URL}={settings.url!r}: {exc}") from None
    except redis.RedisError as exc:
        raise BrokerError(f"cannot reach the broker at {_safe(settings.url)}: {exc}") from None
    return conn


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    if "@" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.rpartition('@')[2]}"
    return url
