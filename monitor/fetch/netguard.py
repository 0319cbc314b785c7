"""The fetch policy for URLs and addresses: the one gate every outbound URL passes (R1-R4, R7).

``check_url`` is the static part (scheme, credentials, backslashes, length, IP literals in
every notation, private host names, ports); config loading, the CLI and every redirect hop
call it. ``check_addresses`` and ``check_sockaddr`` are the resolver-level part: the HTTP
transport (``monitor.fetch.transport``) refuses a host when *any* resolved address is non-global
and checks the exact address each socket connects to, so DNS rebinding cannot slip through.
"""

from __future__ import annotations

import errno
import ipaddress
import re
import socket
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from monitor.errors import UnsafeURL

MAX_URL_LENGTH = 2048
ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Policy (B12): only the standard web ports unless private access is on.
ALLOWED_PORTS: frozenset[int] = frozenset({80, 443})
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
# A NAT64 gateway or an IPv4-compatible address reaches the IPv4 address in the low 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_V4_COMPATIBLE = ipaddress.ip_network("::/96")
_PRIVATE_SUFFIXES = (".localhost", ".internal", ".local", ".home.arpa", ".intranet", ".lan")
# A host made only of these characters may be a legacy numeric IPv4 form (0x7f.1, 2130706433).
_NUMERIC_HOST = re.compile(r"^[0-9a-fx.]+$", re.IGNORECASE)
_HOST_CHARS = re.compile(r"^[a-z0-9_.-]+$", re.IGNORECASE)
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})  # 。 ． ｡
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f\\]")  # controls, space, backslash (GHSA-rph4-96w6-q594)


class PrivateAddress(UnsafeURL):
    """A URL refused because its host is (or spells) a non-public address or name."""


class BlockedAddress(OSError):
    """A resolved or connected address refused by the SSRF gate (raised inside the transport).

    It is an ``OSError`` on purpose: aiohttp wraps resolver and socket errors that are
    ``OSError`` into its connector errors, keeping this one as the cause.
    """

    def __init__(self, host: str, addresses: Iterable[str]) -> None:
        listed = ", ".join(addresses)
        super().__init__(errno.EACCES, f"refused by the SSRF gate: {host} -> {listed}")
        self.host = host


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, compatible, NAT64)."""
    embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
    if embedded is None and (ip in _V4_COMPATIBLE or ip in _NAT64):
        embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return embedded


def is_public_address(address: str) -> bool:
    """True when an IP address is globally routable (IPv4 embedded in IPv6 unwrapped)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return is_public_address(str(embedded))
        if ip in _NAT64_LOCAL:
            return False
    if ip in _CGNAT:
        return False
    return ip.is_global and not ip.is_multicast


def check_addresses(host: str, addresses: list[str], *, allow_private: bool) -> list[str]:
    """Return the addresses if every one is acceptable, else raise BlockedAddress (B6)."""
    for address in addresses:
        ipaddress.ip_address(address.split("%")[0])  # ValueError for garbage from a resolver
    if not allow_private:
        bad = [a for a in addresses if not is_public_address(a)]
        if bad:
            raise BlockedAddress(host, bad)
    return addresses


def check_sockaddr(sockaddr: tuple[object, ...], *, allow_private: bool) -> None:
    """Raise BlockedAddress unless the socket address about to be connected is allowed."""
    address = str(sockaddr[0])
    if not allow_private and not is_public_address(address):
        raise BlockedAddress(address, [address])


def _is_numeric(host: str) -> bool:
    """An IP literal or a legacy numeric IPv4 spelling."""
    if _legacy_ipv4(host) is not None:
        return True
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


def _legacy_ipv4(host: str) -> str | None:
    """The dotted quad a numeric-looking host means to C resolvers (127.1, 0x7f000001)."""
    if not _NUMERIC_HOST.match(host):
        return None
    try:
        return socket.inet_ntoa(socket.inet_aton(host))
    except OSError:
        return None


def normalized_host(host: str) -> str:
    """The host as URL parsers and IDNA read it: NFKC, ideographic dots as dots, lower case.

    ``１２７.０.０.１``, ``①②⑦.0.0.1`` and ``127.0.0.1。`` all become ``127.0.0.1`` there, so the
    gate judges that spelling, not the one written.
    """
    folded = unicodedata.normalize("NFKC", host)
    return folded.translate(_DOTS).lower()


def _literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address ``host`` spells, or None for a name. Only an IPv6 literal has a colon and
    only an IPv4 one is all ASCII digits and dots: a name has neither, and is not parsed twice
    to fail (the gate judges every configured and fetched URL)."""
    address = host.split("%")[0]
    if ":" not in address and address.strip("0123456789."):
        return None
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _check_host(url: str, host: str, *, allow_private: bool) -> None:
    """Refuse IP literals that are not public and names that only exist on private networks."""
    bare = host.rstrip(".")
    legacy = _legacy_ipv4(bare)
    if legacy is not None and legacy != bare:
        # Parsers disagree about these spellings (GHSA-3c45-4pj5-ch7m); nobody needs them.
        raise PrivateAddress(url, f"ambiguous numeric host (means {legacy})")
    literal = _literal(bare)
    if allow_private:
        return
    if literal is not None and not is_public_address(str(literal)):
        raise PrivateAddress(url, "private, loopback or link-local address refused")
    if literal is None and (bare == "localhost" or bare.endswith(_PRIVATE_SUFFIXES)):
        raise PrivateAddress(url, "private host name refused")
    if literal is None and "." not in bare:
        raise PrivateAddress(url, "single-label host name refused (intranet name)")


def _check_idna(url: str, host: str) -> None:
    """Refuse host names DNS cannot carry: bad IDN, odd characters, empty or long labels."""
    if ":" in host:
        return  # an IPv6 literal; ipaddress judges it
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise UnsafeURL(url, "invalid international host name") from exc
    labels = ascii_host.rstrip(".").split(".")
    if not _HOST_CHARS.match(ascii_host) or any(not label or len(label) > 63 for label in labels):
        raise UnsafeURL(url, "invalid host name")


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Return the URL stripped of surrounding blanks, or raise UnsafeURL saying why not."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURL(url[:80] + "...", f"URL longer than {MAX_URL_LENGTH} characters")
    if _BAD_CHARS.search(url):
        raise UnsafeURL(url, "URL contains a backslash, space or control character")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:  # e.g. an unclosed "[" of an IPv6 literal
        raise UnsafeURL(url, f"malformed URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or not url.lower().startswith(scheme + "://"):
        raise UnsafeURL(url, "scheme not allowed (only http:// and https://)")
    if "@" in parts.netloc:
        raise UnsafeURL(url, "credentials in URLs are not supported")
    if not host:
        raise UnsafeURL(url, "URL has no host")
    try:
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(url, "invalid port") from exc
    _check_idna(url, host)
    normal = normalized_host(host)
    if normal != host.lower():  # written in other characters: judged, and named, as read
        bare = normal.rstrip(".")
        if _is_numeric(bare):
            raise PrivateAddress(url, "IP address written in other characters (means "
                                      f"{_legacy_ipv4(bare) or bare})")
        try:
            _check_host(url, normal, allow_private=allow_private)
        except PrivateAddress as exc:
            raise PrivateAddress(url, f"{exc.reason} (means {bare})") from None
    _check_host(url, normal, allow_private=allow_private)
    if not allow_private and port is not None and port not in ALLOWED_PORTS:
        raise UnsafeURL(url, "only ports 80 and 443 are allowed")
    return url
