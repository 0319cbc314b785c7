"""Email through SMTP with a verified TLS context (R41); settings and password from the environment.

``MONITOR_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_FROM``, ``_TLS`` (``starttls``,
the default, ``tls`` or ``none``; ``none`` only for a relay on the loopback address) and
``_CAFILE`` (a private CA to trust, still verified). STARTTLS that the server does not offer
is an error, never a fall-back to plain text; the password is only sent over TLS or loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import smtplib
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from ipaddress import ip_address

from monitor.errors import DeliveryError, NotConfigured
from monitor.notify.base import SEND_DEADLINE, Message, clean_line, redact
from monitor.notify.email_render import email_message

PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail relay."""

    host: str
    port: int
    sender: str
    tls: str = "starttls"
    user: str | None = None
    password: str | None = None
    cafile: str | None = None
    timeout: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings:
        """Read ``MONITOR_SMTP_*``; NotConfigured names what is missing."""
        host, sender = env.get("MONITOR_SMTP_HOST", "").strip(), env.get("MONITOR_SMTP_FROM", "")
        if not host or not sender.strip():
            raise NotConfigured("set MONITOR_SMTP_HOST and MONITOR_SMTP_FROM")
        if any(c in sender for c in "\r\n\x00") or "@" not in sender:
            raise NotConfigured("MONITOR_SMTP_FROM is not an email address")
        tls = env.get("MONITOR_SMTP_TLS", "starttls").strip().lower() or "starttls"
        if tls not in PORTS:
            raise NotConfigured(f"MONITOR_SMTP_TLS={tls!r}; valid: starttls, tls, none")
        if tls == "none" and not _loopback(host):
            raise NotConfigured("MONITOR_SMTP_TLS=none is only allowed for a relay on 127.0.0.1/::1")
        user, password = env.get("MONITOR_SMTP_USER") or None, env.get("MONITOR_SMTP_PASSWORD") or None
        if bool(user) != bool(password):
            raise NotConfigured("set both MONITOR_SMTP_USER and MONITOR_SMTP_PASSWORD, or neither")
        port_text = env.get("MONITOR_SMTP_PORT", "").strip()
        if port_text and not port_text.isdigit():
            raise NotConfigured(f"MONITOR_SMTP_PORT={port_text!r} is not a port number")
        return cls(host, int(port_text) if port_text else PORTS[tls], sender.strip(), tls, user,
                   password, env.get("MONITOR_SMTP_CAFILE") or None)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class EmailSender:
    """Sends each message as one multipart email to the channel's recipients."""

    max_batch = 50

    def __init__(self, channel: str, settings: SmtpSettings, to: tuple[str, ...], *,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 deadline: float = SEND_DEADLINE) -> None:
        self.channel = channel
        self.secrets: tuple[str, ...] = (settings.password,) if settings.password else ()
        self._settings = settings
        self._to = to
        self._clock = clock
        self._deadline = deadline
        self._live: set[smtplib.SMTP] = set()

    async def send(self, message: Message) -> None:
        """Build and send the email in a worker thread (smtplib blocks), within the deadline."""
        msg = email_message(message, sender=self._settings.sender, to=self._to, now=self._clock())
        deadline = asyncio.timeout(self._deadline)
        try:
            async with deadline:
                await asyncio.to_thread(self._deliver, msg)
        except asyncio.CancelledError:
            self._abort()
            raise
        except TimeoutError as exc:
            if not deadline.expired():  # smtplib's own per-read timeout: the server went quiet
                raise self._error(f"cannot reach the SMTP server: {type(exc).__name__}: {exc}"
                                  ) from None
            self._abort()  # smtplib's timeout is per read: a dripping server never trips it
            raise self._error(f"the SMTP server did not finish within {self._deadline:.0f} s"
                              " (timeout)") from None
        except DeliveryError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise self._error(f"SMTP login refused ({exc.smtp_code})", permanent=True) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise self._error(f"SMTP refused the recipients ({codes})",
                              permanent=all(c >= 500 for c in codes)) from None
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) \
                else str(exc.smtp_error)
            raise self._error(f"SMTP {exc.smtp_code} {text}", permanent=exc.smtp_code >= 500) from None
        except smtplib.SMTPNotSupportedError:
            raise self._error("the SMTP server does not offer STARTTLS; refusing to send in plain"
                              " text") from None
        except ssl.SSLError as exc:
            raise self._error(f"TLS failed: {exc}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise self._error(f"cannot reach the SMTP server: {type(exc).__name__}: {exc}") from None

    def _error(self, text: str, *, permanent: bool = False) -> DeliveryError:
        return DeliveryError(clean_line(redact(text, self.secrets), 300), permanent=permanent)

    def _deliver(self, msg: EmailMessage) -> None:
        s = self._settings
        context = ssl.create_default_context(cafile=s.cafile)  # verified, never context=None
        smtp: smtplib.SMTP
        if s.tls == "tls":
            smtp = smtplib.SMTP_SSL(timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(timeout=s.timeout)
        self._live.add(smtp)  # before connecting: a greeting can drip too
        try:
            smtp._host = s.host  # type: ignore[attr-defined]  # TLS server name; set by __init__ only
            smtp.connect(s.host, s.port)
            self._session(smtp, msg, context)
        finally:
            self._live.discard(smtp)
            smtp.close()  # idempotent; covers a connect that failed after the socket opened

    def _session(self, smtp: smtplib.SMTP, msg: EmailMessage, context: ssl.SSLContext) -> None:
        s = self._settings
        with smtp:
            smtp.ehlo()
            if s.tls == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.user and s.password:
                smtp.login(s.user, s.password)
            smtp.send_message(msg, from_addr=s.sender, to_addrs=list(self._to))

    def _abort(self) -> None:
        """Shut the sockets of sends past their deadline, so their worker threads end."""
        for smtp in list(self._live):
            sock = getattr(smtp, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    async def aclose(self) -> None:
        """Nothing to close: a connection is opened per message."""
