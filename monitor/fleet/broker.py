"""Dramatiq on Redis, set up the same way by the scheduler/writer and by every worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import Retries, ShutdownNotifications, TimeLimit

from monitor.fleet.settings import FleetSettings


def make_broker(settings: FleetSettings, conn: redis.Redis, *, time_limit_s: float,
                retries: int) -> RedisBroker:
    """A Redis broker with only the middleware we rely on.

    ``TimeLimit`` ends a message that outlives every deadline below it; ``Retries`` brings back
    a message whose actor raised (the writer raises when the database refuses an answer).
    """
    middleware = [ShutdownNotifications(), TimeLimit(time_limit=int(time_limit_s * 1000)),
                  Retries(max_retries=retries, min_backoff=1000, max_backoff=60_000)]
    return RedisBroker(client=conn, namespace=settings.namespace, middleware=middleware,
                       heartbeat_timeout=int(settings.heartbeat_s * 1000),
                       maintenance_chance=settings.maintenance_per_million)


def declare(broker: RedisBroker, fn: Callable[..., Any], *, name: str, queue: str) -> None:
    """Register ``fn`` as the actor ``name`` reading ``queue`` on this broker."""
    dramatiq.Actor(fn, broker=broker, actor_name=name, queue_name=queue, priority=0, options={})


def send(broker: RedisBroker, *, queue: str, actor: str, argument: dict[str, Any]) -> None:
    """Put one message on a queue (the reader's actor need not be declared here)."""
    broker.enqueue(dramatiq.Message(queue_name=queue, actor_name=actor, args=(argument,),
                                    kwargs={}, options={}))


def depth(conn: redis.Redis, settings: FleetSettings, queue: str) -> tuple[int, int]:
    """Messages of a queue (waiting, taken but not yet acknowledged)."""
    key = settings.key(queue)
    waiting = int(conn.llen(key))
    held = int(conn.hlen(f"{key}.msgs"))
    delayed = int(conn.hlen(f"{key}.DQ.msgs"))  # retries, later
    return waiting + delayed, max(0, held - waiting)
