"""Helpers of the fleet tests: a real redis-server on a free loopback port, monitor processes.

No tests here; ``test_fleet*.py`` import these. Every process has a hard bound in time.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

REDIS = os.environ.get("REDIS_SERVER", "redis-server")
HEARTBEAT_S = 1.5  # a killed process's messages come back after this (production: 60 s)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """``redis-server`` without persistence: a restart loses everything, as the worst case."""

    def __init__(self, workdir: Path) -> None:
        self.port, self.workdir = free_port(), workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The broker URL of this server."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start and wait until it answers PING."""
        self.proc = subprocess.Popen(
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir), "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        """SIGKILL: what a crash or a reboot looks like to clients."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def client(self) -> redis.Redis:
        """A client of this server."""
        return redis.Redis(port=self.port, socket_connect_timeout=2)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh redis-server for one test."""
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def fleet_env(tmp: Path, url: str, **extra: str) -> dict[str, str]:
    """The environment of a fleet process: our files, loopback allowed, short heartbeats."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(MONITOR_ALLOW_PRIVATE="1", MONITOR_DB=str(tmp / "monitor.db"),
               MONITOR_SOURCES=str(tmp / "sources.yaml"), MONITOR_ALERTS=str(tmp / "alerts.yaml"),
               MONITOR_BROKER_URL=url, MONITOR_FLEET_HEARTBEAT=str(HEARTBEAT_S),
               MONITOR_FLEET_MAINTENANCE="1000000", MONITOR_MIN_HOST_DELAY="0.2",
               PYTHONUNBUFFERED="1", **extra)
    return env


def spawn(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    """``monitor ARGS`` as a child process, its stderr in ``log``."""
    with open(log, "ab") as handle:
        return subprocess.Popen([sys.executable, "-m", "monitor", "-v", *args], env=env,
                                stdout=handle, stderr=handle)


def stop(proc: subprocess.Popen[bytes], timeout: float = 30) -> int:
    """SIGTERM and wait; SIGKILL (and fail) past ``timeout``."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"pid {proc.pid} did not stop on SIGTERM") from None


def wait_for(what: object, seconds: float, message: str) -> object:
    """Poll ``what()`` until truthy, at most ``seconds`` (a hang guard, not a speed test)."""
    assert callable(what)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = what()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds}s waiting for {message}")
