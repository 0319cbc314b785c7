"""Turning HTTP answers and transport failures into outcomes and short error codes (R26, R32).

Pure functions of values: status, headers, the head of a body, an exception. ``FetchFailure``
is the fetch layer's internal carrier of an error code; ``Fetcher.fetch`` turns it into a
``Fetched`` value, so it never escapes to callers.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from datetime import UTC
from email.utils import parsedate_to_datetime

import httpx

from monitor.fetch.authwall import is_authwall as is_authwall  # re-exported: redirects, tests
from monitor.fetch.transport import BodyError, DNSError, SSRFBlocked, TLSError
from monitor.models import Outcome

RETRY_AFTER_CAP = 6 * 3600.0  # R26: never back off a host longer than 6 h on its say-so
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHALLENGE_STATUSES = frozenset({401, 403, 429, 503})
_DIGITS = re.compile(r"[0-9]+")
# Markers on an error status (401/403/429/503) that mean "a bot wall", not "a broken site".
_WALL_MARKERS = (
    b"just a moment",
    b"challenge-platform",
    b"cf-chl-",
    b"captcha",
    b"attention required! | cloudflare",
    b"verify you are human",
    b"are you a robot",
)
# On a 2xx only unmistakable interstitials count: a contact form may well carry a captcha.
_STRONG_MARKERS = (b"<title>just a moment", b"challenge-platform/", b"cf-chl-", b"cf_chl_opt")
_SNIFF = 32 * 1024
# Codes that mean "no conversation with the host began": name the host's failure, not the
# robots.txt request that happened to meet it first.
HOST_FAILURES = frozenset({"dns", "connect", "tls"})
# Codes that, on every source at once, mean the machine itself has no working network.
NETWORK_FAILURES = HOST_FAILURES | {"timeout", "network"}
_NO_ROUTE = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN})


class FetchFailure(Exception):
    """Internal: why a fetch produced no usable response (``code`` is the Fetched.error)."""

    def __init__(self, code: str, detail: str, outcome: Outcome = Outcome.ERROR) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.outcome = outcome


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date), capped at 6 h."""
    if value is None:
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    if _DIGITS.fullmatch(text):
        return min(float(int(text[:12])), RETRY_AFTER_CAP)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # asctime dates are GMT by definition
    try:
        delay = when.timestamp() - now
    except (OverflowError, OSError, ValueError):
        return None
    return min(max(delay, 0.0), RETRY_AFTER_CAP)


def is_challenge(status: int, headers: Mapping[str, str], body: bytes) -> bool:
    """True for bot challenges: ``cf-mitigated: challenge`` or captcha/interstitial markers."""
    if "challenge" in headers.get("cf-mitigated", "").lower():
        return True
    head = body[:_SNIFF].lower()
    if 200 <= status < 300:
        return any(marker in head for marker in _STRONG_MARKERS)
    return status in CHALLENGE_STATUSES and any(marker in head for marker in _WALL_MARKERS)


def classify_status(status: int, headers: Mapping[str, str], body: bytes) -> FetchFailure | None:
    """None for a usable 2xx answer, else the FetchFailure (BLOCKED/GONE/ERROR) it means."""
    if status == 999:
        return FetchFailure("blocked_999", "HTTP 999: request denied (bot block)", Outcome.BLOCKED)
    if not 100 <= status <= 599:
        return FetchFailure("bad_status", f"invalid HTTP status {status}")
    if is_challenge(status, headers, body):
        return FetchFailure("challenge", f"HTTP {status}: bot challenge or captcha", Outcome.BLOCKED)
    if 200 <= status < 300:
        return None
    if status in (404, 410):
        return FetchFailure(f"http_{status}", f"HTTP {status}: page gone", Outcome.GONE)
    if status == 429:
        return FetchFailure("http_429", "HTTP 429: too many requests")
    if status >= 500:
        return FetchFailure("http_5xx", f"HTTP {status}: server error")
    if status >= 400:
        return FetchFailure("http_4xx", f"HTTP {status}: client error")
    return FetchFailure("bad_status", f"unexpected final HTTP status {status}")


def transport_code(exc: BaseException, *, in_body: bool) -> str:
    """The short error code for a transport failure; any non-timeout failure mid-body is data loss."""
    if isinstance(exc, SSRFBlocked):
        return "ssrf_blocked"
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, DNSError):
        return "dns"
    if isinstance(exc, TLSError):
        return "tls"
    if in_body or isinstance(exc, BodyError):
        return "truncated"
    if isinstance(exc, httpx.ConnectError):
        return "connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "protocol"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "unsafe_url"
    return "network"


def _os_errno(exc: BaseException) -> int | None:
    """The errno of the OSError somewhere in an exception's cause chain, if any."""
    seen: BaseException | None = exc
    for _ in range(8):  # bounded walk: cause chains are short
        if seen is None:
            return None
        found = getattr(seen, "os_error", None) or seen
        if isinstance(found, OSError) and found.errno is not None:
            return found.errno
        seen = seen.__cause__
    return None


def transport_detail(code: str, exc: BaseException, host: str) -> str:
    """What failed, in words a person reads first: the host, then the library's own message."""
    raw = str(exc)[:200]
    if code == "dns":
        return f"DNS failed: {host} could not be resolved ({raw})"
    if code == "tls":
        return f"TLS failed with {host} ({raw})"
    if code == "timeout":
        return f"{host} did not answer in time ({raw or type(exc).__name__})"
    if code == "connect":
        number = _os_errno(exc)
        if number == errno.ECONNREFUSED:
            return f"connection refused by {host} ({raw})"
        if number in _NO_ROUTE:
            return f"{host} cannot be reached: no route to the host ({raw})"
        return f"{host} did not answer ({raw})"
    return raw
