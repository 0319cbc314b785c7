"""Shared set-up of the reliability tests: one company, one source, a real database, real checks.

``Monitor`` runs ``monitor.pipeline.check`` against a real server on 127.0.0.1 with a real
SQLite file and a clock that moves one hour per check, and reads back what was recorded.
``raw_server`` answers every request with fixed bytes and closes: responses no HTTP framework
would send (no Content-Length, cut mid-body).
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import CheckResult, Company, Source
from monitor.pipeline import Context, check
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from tests.conftest import CORPUS
from tests.webserver import Site

FAST = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0,
                     read_timeout=2.0, connect_timeout=2.0)
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
# A real privacy-policy page with a contact block: e-mails, phone, address, a named DPO.
PAGE = CORPUS / "pages/opentermsarchive/adopteunmec_privacy_policy.html"
OLD_EMAIL, NEW_EMAIL = b"support@adopte.app", b"help@adopte.app"


def page_a() -> bytes:
    """The corpus page as captured."""
    return PAGE.read_bytes()


def page_b() -> bytes:
    """The same page with one e-mail address changed: exactly one real change."""
    body = page_a()
    assert OLD_EMAIL in body
    return body.replace(OLD_EMAIL, NEW_EMAIL)


def route_all(change: object) -> list[tuple[str, str]]:
    """Every change goes to one channel, so every change must have exactly one outbox row."""
    return [("ops", "immediate")]


@cache
def migrated_template() -> Path:
    """A new database, migrated once per test process and closed (its WAL folded in), to copy:
    these tests are about checks, and migrating a file per test cost more than the check."""
    folder = Path(tempfile.mkdtemp(prefix="monitor-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    open_db(folder / "monitor.db").close()
    return folder / "monitor.db"


class Monitor:
    """One website source of company ``acme`` in a fresh database (or the one already at
    ``tmp_path``, as a restarted process would find it)."""

    def __init__(self, tmp_path: Path, url: str, *, confirm: int = 2, kind: str = "website") -> None:
        self.db_path = tmp_path / "monitor.db"
        if not self.db_path.exists():
            tmp_path.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(migrated_template(), self.db_path)
        self.db = open_db(self.db_path)
        self.source = Source(id=f"acme:{kind}:1", company="acme", kind=kind, url=url,
                             every=3600.0, confirm=confirm)
        sync_config(self.db, [Company(slug="acme", name="ACME", sources=(self.source,))],
                    "2026-11-24T08:00:00Z")
        self.now = START

    def clock(self) -> datetime:
        """Each reading is an hour later: checks are ordered and spaced like real ones."""
        self.now += timedelta(hours=1)
        return self.now

    async def check(self, fetcher: Fetcher | None = None) -> CheckResult:
        """One real check, recorded."""
        if fetcher is not None:
            return await check(self.source, self._context(fetcher))
        async with Fetcher(FAST) as own:
            return await check(self.source, self._context(own))

    def _context(self, fetcher: Fetcher) -> Context:
        return Context(db=self.db, fetcher=fetcher, clock=self.clock, route=route_all)

    def profile_changes(self) -> list[tuple[str, str, str | None, str | None]]:
        """(field, change, old, new) of every change that is not a health change."""
        return self.db.execute(
            "SELECT field, change, old, new FROM changes WHERE category != 'health' ORDER BY id"
        ).fetchall()

    def health_changes(self) -> list[tuple[str | None, str | None]]:
        """(old, new) of the source-health changes."""
        return self.db.execute(
            "SELECT old, new FROM changes WHERE category = 'health' ORDER BY id").fetchall()

    def facts(self) -> set[tuple[str, str, str | None]]:
        """The current facts: (field, value, role)."""
        return set(self.db.execute("SELECT field, value, role FROM facts").fetchall())

    def orphans(self) -> int:
        """Changes without exactly one outbox row (must always be 0)."""
        return int(self.db.execute(
            "SELECT count(*) FROM changes c WHERE (SELECT count(*) FROM outbox o"
            " WHERE o.change_id = c.id) != 1").fetchone()[0])


class Pages:
    """One test's own page on a server that a module's tests share (no restart per test)."""

    def __init__(self, server: tuple[Site, str], name: str) -> None:
        self.site, self.path = server[0], f"/{name}/about"
        self.url = server[1] + self.path

    def set(self, body: bytes, path: str | None = None, **kwargs: object) -> None:
        """Serve ``body`` at this test's page, or at ``path`` (absolute) when given."""
        self.site.set(path or self.path, body, **kwargs)


@contextmanager
def raw_server(response: bytes) -> Iterator[str]:
    """A server on 127.0.0.1 sending ``response`` verbatim to every request, then closing."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2.0)
                request = b""
                while b"\r\n\r\n" not in request and len(request) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    request += chunk
                conn.sendall(response)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()
