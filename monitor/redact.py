"""Credentials in URLs: query parameters that look like keys, tokens or signatures, hidden.

Feed bridges and APIs take their key in the query string (``?api_key=…``, ``?key=…``,
``&sig=…``). Such a URL is configuration, and a published copy or a log line must not carry
the key. ``redact_urls`` rewrites every http(s) URL in a text, keeping the parameter and
replacing its value, so the published row still says which parameter was there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

HIDDEN = "REDACTED"
# Names (compared without case, "-" and "_") that carry credentials in the wild.
SECRET_PARAMS = frozenset({
    "apikey", "key", "token", "accesstoken", "refreshtoken", "authtoken", "idtoken", "auth",
    "authorization", "secret", "clientsecret", "appsecret", "sig", "signature", "password",
    "passwd", "pwd", "pass", "session", "sessionid", "sid", "code", "credential",
    "credentials", "privatekey", "xamzsignature", "xamzcredential", "xamzsecuritytoken",
    "googleaccessid", "bearer", "jwt", "hash", "hmac", "otp", "ticket",
})
# Any name that contains one of these is treated as secret too (my_api_key, x-auth-token).
_SECRET_PARTS = ("token", "secret", "passw", "apikey", "signature", "credential", "privatekey")
_URL = re.compile(r"""https?://[^\s"'<>\\]+""", re.IGNORECASE)


def _plain(name: str) -> str:
    return re.sub(r"[-_.\s]", "", name).lower()


def is_secret_param(name: str, extra: Iterable[str] = ()) -> bool:
    """True when a query parameter name looks like it carries a credential."""
    plain = _plain(name)
    return (plain in SECRET_PARAMS or any(p in plain for p in _SECRET_PARTS)
            or plain in {_plain(e) for e in extra})


def redact_url(url: str, extra: Iterable[str] = ()) -> str:
    """The URL with the values of credential-like query parameters replaced."""
    try:
        parts = urlsplit(url)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return url
    extra = tuple(extra)
    if not any(is_secret_param(k, extra) for k, _ in pairs) and not parts.password:
        return url
    query = "&".join(f"{quote(k, safe='[]')}={HIDDEN if is_secret_param(k, extra) else quote(v)}"
                     for k, v in pairs)
    netloc = parts.netloc.rsplit("@", 1)[-1] if parts.password else parts.netloc
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_urls(text: str, extra: Iterable[str] = ()) -> str:
    """Every http(s) URL inside ``text`` (a URL, a JSON document, a sentence) redacted."""
    if "://" not in text:
        return text
    extra = tuple(extra)
    return _URL.sub(lambda m: redact_url(m.group(0), extra), text)


class RedactingFilter(logging.Filter):
    """Rewrites log records so URLs in them lose their credentials (httpx logs every URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keep the record; redact its text when it holds a URL."""
        text = record.getMessage()
        if "://" in text:
            cleaned = redact_urls(text)
            if cleaned != text:
                record.msg, record.args = cleaned, ()
        return True


def install_log_filter(*names: str) -> None:
    """Put one RedactingFilter on each named logger (once)."""
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
