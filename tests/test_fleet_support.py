"""Helpers of the fleet tests: a real redis-server on a free loopback port, monitor processes.

No tests here; ``test_fleet*.py`` import these. Every process has a hard bound in time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis

from tests.ports import ATTEMPTS, free_port

REDIS = os.environ.get("REDIS_SERVER", "redis-server")
HEARTBEAT_S = 1.5  # a killed process's messages come back after this (production: 60 s)


class RedisServer:
    """``redis-server`` without persistence: a restart loses everything, as the worst case.

    It is told its port (``--port 0`` would not listen at all): a first start takes another
    one when the port was taken meanwhile; a restart keeps it, as a rebooted broker does."""

    def __init__(self, workdir: Path) -> None:
        self.port, self.workdir = free_port(), workdir
        self.proc: subprocess.Popen[bytes] | None = None
        self._started = False

    @property
    def url(self) -> str:
        """The broker URL of this server."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start and wait until it answers PING."""
        for _ in range(1 if self._started else ATTEMPTS):
            if self._launch():
                self._started = True
                return
            if not self._started:
                self.port = free_port()
        raise AssertionError("redis-server did not start")

    def _launch(self) -> bool:
        """One start on ``self.port``: whether it is ours that answers (False: it exited, as
        when another process has the port)."""
        proc = self.proc = subprocess.Popen(
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir), "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                info = redis.Redis(port=self.port, socket_connect_timeout=0.2,
                                   socket_timeout=1).info("server")
                if info["process_id"] == proc.pid:  # not another process's server on the port
                    return True
            except (redis.ConnectionError, redis.TimeoutError):  # not up, or not a redis
                pass
            time.sleep(0.05)
        self.stop()
        return False

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
               MONITOR_SOURCES=str(tmp / "sources.yaml"),  # alerts.yaml: found beside it
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


class HeldSite:
    """A loopback web server whose pages can be held: a request waits until ``release()``.

    That is how a test catches a worker *mid-fetch*, deterministically.
    """

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.pages: dict[str, bytes] = {}
        self.hits: list[tuple[str, float]] = []
        self.held = threading.Event()
        self.held.set()
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site._lock:
                    site.hits.append((self.path, time.monotonic()))
                if self.path != "/robots.txt":
                    site.held.wait(60)
                body = site.pages.get(self.path)
                status = 200 if body is not None else 404
                body = body if body is not None else b"not found"
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8"
                                 if self.path != "/robots.txt" else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{address}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def hold(self) -> None:
        """Requests (except robots.txt) wait from now on."""
        self.held.clear()

    def release(self) -> None:
        """Waiting requests go on."""
        self.held.set()

    def count(self, path: str) -> int:
        """How many requests reached ``path``."""
        with self._lock:
            return sum(1 for p, _ in self.hits if p == path)

    def close(self) -> None:
        """Stop serving."""
        self.release()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def held_site() -> Iterator[HeldSite]:
    """A HeldSite for one test."""
    site = HeldSite()
    try:
        yield site
    finally:
        site.close()


def page(company: str, email: str) -> bytes:
    """A small company page with one contact address (a fact the extractor finds)."""
    return (f"<!doctype html><html><head><title>{company}</title></head><body><main>"
            f"<h1>{company}</h1><p>Write to us: <a href='mailto:{email}'>{email}</a></p>"
            "</main></body></html>").encode()


def sources_yaml(base: str | dict[str, str], names: list[str]) -> str:
    """One website source per name (on ``base``, or on ``base[name]``), every hour, changes
    confirmed at once."""
    bases = base if isinstance(base, dict) else dict.fromkeys(names, base)
    rows = "".join(f"""\
  - slug: {n}
    name: {n.title()}
    sources:
      - kind: website
        url: {bases[n]}/{n}
        every: 1h
        confirm: 1
""" for n in names)
    return f"companies:\n{rows}"


def read(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """A query on a separate read-only connection."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # not created or migrated yet
        return []
    finally:
        conn.close()
