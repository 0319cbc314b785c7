"""Shared kit for the alert tests (no tests here): a local Slack webhook receiver, an aiosmtpd
SMTP sink, a database with companies, and changes recorded through ``monitor.store.record``.
"""

from __future__ import annotations

import email
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlite_utils import Database

from monitor.clock import iso
from monitor.models import (
    Category,
    Change,
    ChangeKind,
    CheckResult,
    Company,
    DiffResult,
    Fetched,
    ItemsResult,
    Outcome,
    Source,
)
from monitor.notify.base import Alert
from monitor.store.db import open_db
from monitor.store.record import Router, record
from monitor.store.sync import sync_config

T0 = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
TOKEN = "T0001/B0002/s3cr3tWebhookToken"
ALERT_ID = re.compile(r"`([0-9a-f]{16})`")


class Clock:
    """A settable clock for the dispatcher."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# ---- database ---------------------------------------------------------------------------------

def source_of(slug: str) -> Source:
    """The website source of a test company."""
    return Source(id=f"{slug}:website:1", company=slug, kind="website",
                  url=f"https://www.{slug}-inc.com/en/company/", every=86400, confirm=1)


def company_db(tmp_path: Path, names: dict[str, str] | None = None) -> Database:
    """A migrated database with companies and one website source each (synced for real)."""
    names = names or {"ispace": "ispace", "acme": "ACME Corp"}
    db = open_db(tmp_path / "monitor.db")
    sync_config(db, [Company(slug, name, sources=(source_of(slug),)) for slug, name in names.items()],
                iso(T0))
    return db


def record_changes(db: Database, changes: Sequence[Change], now: datetime, route: Router) -> None:
    """Record changes as one successful check per source, through ``record`` (outbox included)."""
    by_source: dict[str, list[Change]] = {}
    for change in changes:
        by_source.setdefault(change.source, []).append(change)
    for source_id, found in by_source.items():
        slug = source_id.split(":")[0]
        source = source_of(slug)
        result = CheckResult(
            source=source, fetched=Fetched(url=source.url, final_url=source.url, outcome=Outcome.OK,
                                           status=200), outcome=Outcome.OK, started_at=iso(now),
            ms=1.0, next_due_at=iso(now), diff=DiffResult(tuple(found), (), (), ItemsResult()),
            stored_items={})  # no items: none stored, none written
        record(db, result, iso(now), route=route)


def change(slug: str, field_name: str, old: str | None, new: str | None, category: Category,
           key: str | None = None, url: str | None = None) -> Change:
    """A change of a test company's website."""
    kind = ChangeKind.MODIFIED if old and new else ChangeKind.ADDED if new else ChangeKind.REMOVED
    return Change(slug, source_of(slug).id, field_name, kind, category, old=old, new=new, key=key,
                  url=url or source_of(slug).url)


def statuses(db: Database) -> dict[str, int]:
    """Outbox rows per status."""
    return dict(db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())


# ---- Slack ------------------------------------------------------------------------------------

@dataclass
class Received:
    """One request the receiver got."""

    at: float
    path: str
    body: dict[str, Any]

    @property
    def alert_ids(self) -> set[str]:
        """Alert ids named in the message's context blocks."""
        texts = [e.get("text", "") for b in self.body.get("blocks", []) if b["type"] == "context"
                 for e in b["elements"]]
        return {m for t in texts for m in ALERT_ID.findall(t)}

    @property
    def text(self) -> str:
        """Every text of the payload, joined."""
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class SlackReceiver:
    """A local stand-in for Slack's webhook endpoint: records JSON, answers from a script."""

    script: list[tuple[int, dict[str, str], str]] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)

    def __enter__(self) -> SlackReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                receiver.requests.append(Received(time.monotonic(), self.path, body))
                status, headers, text = receiver.script.pop(0) if receiver.script else (200, {}, "ok")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(text.encode())))
                self.end_headers()
                self.wfile.write(text.encode())

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, token: str = TOKEN) -> str:
        """The webhook URL (its path plays the secret token)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/services/{token}"

    def delivered(self) -> list[str]:
        """Every alert id received, once per message that carried it."""
        return [a for r in self.requests for a in sorted(r.alert_ids)]


# ---- SMTP -------------------------------------------------------------------------------------

class _Controller(Controller):
    """aiosmtpd's controller on port 0: its first connection (which makes aiosmtpd build its
    protocol) goes to the port the server was given."""

    def _trigger_server(self) -> None:
        if self.port == 0 and self.server is not None:
            self.port = int(self.server.sockets[0].getsockname()[1])
        super()._trigger_server()


class SmtpSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""

    def __init__(self, port: int = 0, *, reply: str | None = None,
                 users: dict[str, str] | None = None, **smtp: Any) -> None:
        self.port = port  # 0: the one the server gets, known once it started
        self.reply = reply  # e.g. "451 4.3.0 try again later": refuse DATA with it
        self.users = users
        self.logins: list[tuple[str, bool]] = []
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        if users is not None:
            smtp["authenticator"] = self._authenticate
        self._controller = _Controller(self, hostname="127.0.0.1", port=port, **smtp)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Record the message, or refuse it with the scripted reply."""
        if self.reply:
            return self.reply
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=default_policy)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:
        user = auth_data.login.decode()
        ok = self.users is not None and self.users.get(user) == auth_data.password.decode()
        self.logins.append((user, ok))
        return AuthResult(success=ok, handled=False)  # unhandled: aiosmtpd replies 535

    def __enter__(self) -> SmtpSink:
        self._controller.start()
        self.port = self._controller.port
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    def delivered(self) -> list[str]:
        """Every alert id received, once per message that carried it."""
        return [a for m in self.messages for a in str(m.get("X-Monitor-Alert-Ids", "")).split()]


def smtp_env(port: int, **extra: str) -> dict[str, str]:
    """Environment for an email channel through a local relay."""
    return {"MONITOR_SMTP_HOST": "127.0.0.1", "MONITOR_SMTP_PORT": str(port),
            "MONITOR_SMTP_FROM": "monitor@example.org", "MONITOR_SMTP_TLS": "none", **extra}


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=30)
    return cert, key


def counts(generated: Iterable[str], delivered: Sequence[str]) -> dict[str, int]:
    """Alerts generated, delivered (distinct), duplicated (extra copies) and lost."""
    wanted = set(generated)
    got = set(delivered)
    return {"generated": len(wanted), "delivered": len(got & wanted),
            "duplicated": len(delivered) - len(got), "lost": len(wanted - got)}


def alert_of(c: Change, n: int, *, name: str | None = None, mode: str = "immediate",
             channel: str = "slack:team", at: datetime = T0) -> Alert:
    """The Alert a dispatcher would build for change number ``n`` (for pure render tests)."""
    return Alert(alert_id=f"{n:016x}", channel=channel, mode=mode, change_id=n,
                 company=c.company, company_name=name or c.company, source=c.source,
                 source_url=source_of(c.company).url, field=c.field, change=c.change,
                 category=c.category, old=c.old, new=c.new, key=c.key, url=c.url,
                 detected_at=iso(at), due_at=iso(at))
