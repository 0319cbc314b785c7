"""The fetch policy for URLs and addresses: the one gate every outbound URL passes (R1-R4, R7).

``check_url`` is the static part (scheme, credentials, backslashes, length, IP literals,
ports); the resolver-level part (every resolved address must be global, the connection
pinned to the validated address) lives in the HTTP transport.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from monitor.errors import UnsafeURL

MAX_URL_LENGTH = 2048
ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_public_address(address: str) -> bool:
    """True when an IP address is globally routable (IPv4 embedded in IPv6 unwrapped)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        for embedded in (ip.ipv4_mapped, ip.sixtofour, ip.teredo and ip.teredo[1]):
            if embedded is not None:
                return is_public_address(str(embedded))
    if ip in ipaddress.ip_network("100.64.0.0/10"):
        return False
    return ip.is_global and not ip.is_multicast


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Return the URL stripped of surrounding blanks, or raise UnsafeURL saying why not."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURL(url[:80] + "...", f"URL longer than {MAX_URL_LENGTH} characters")
    if any(ord(ch) < 0x20 or ch in "\\ " for ch in url):
        raise UnsafeURL(url, "URL contains a backslash, space or control character")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(url, "scheme not allowed (only http and https)")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL(url, "credentials in URLs are not supported")
    host = parts.hostname
    if not host:
        raise UnsafeURL(url, "URL has no host")
    try:
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(url, "invalid port") from exc
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if not allow_private:
        if literal is not None and not is_public_address(str(literal)):
            raise UnsafeURL(url, "private, loopback or link-local address refused")
        if host.rstrip(".") in ("localhost",) or host.rstrip(".").endswith((".localhost", ".internal", ".local")):
            raise UnsafeURL(url, "private host name refused")
        if port is not None and port not in DEFAULT_PORTS.values():
            raise UnsafeURL(url, "only ports 80 and 443 are allowed")
    return url
