"""Property tests of the SSRF gate (B1-B12 in docs/reliability.md): every notation, every resolver answer.

Properties: an IPv4 address in any legacy spelling is refused; a host is blocked exactly when
some resolved address is non-global; ``check_url`` on any text returns the URL or raises
UnsafeURL, nothing else.
"""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.errors import UnsafeURL
from monitor.fetch import netguard
from monitor.fetch.netguard import check_url
from monitor.fetch.transport import GuardedResolver


async def _answers(addresses: list[str]) -> list[str]:
    """Resolve through GuardedResolver with a stub that returns ``addresses``."""

    async def stub(host: str, port: int) -> list[str]:
        return addresses

    return [r["host"] for r in await GuardedResolver(stub, allow_private=False).resolve("h.test", 443)]


def _notations(ip: ipaddress.IPv4Address) -> list[str]:
    """Spellings of one IPv4 address that C resolvers or URL parsers accept."""
    n = int(ip)
    a, b, c, d = ip.packed
    return [str(n), hex(n), f"0{a:o}.{b}.{c}.{d}", f"{a}.{(b << 16) | (c << 8) | d}", f"[::ffff:{ip}]"]


@settings(max_examples=300, deadline=None)
@given(st.ip_addresses(v=4))
def test_B2_property_every_notation_gated(ip: ipaddress.IPv4Address) -> None:
    public = netguard.is_public_address(str(ip))
    if public:
        assert check_url(f"http://{ip}/") == f"http://{ip}/"
    else:
        with pytest.raises(netguard.PrivateAddress):
            check_url(f"http://{ip}/")
    for spelling in _notations(ip):
        if spelling.startswith("[") and public:
            continue  # a mapped public address is just that public address
        with pytest.raises(UnsafeURL):
            check_url(f"http://{spelling}/")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.ip_addresses(), min_size=1, max_size=5))
def test_B6_property_blocked_iff_any_non_global(addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> None:
    def non_global(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        if isinstance(ip, ipaddress.IPv6Address):
            inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
            if inner is None and (ip in ipaddress.ip_network("::/96") or ip in ipaddress.ip_network("64:ff9b::/96")):
                inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
            if inner is not None:
                return non_global(inner)
            if ip in ipaddress.ip_network("64:ff9b:1::/48"):
                return True
        return not ip.is_global or ip.is_multicast or ip in ipaddress.ip_network("100.64.0.0/10")

    blocked = False
    try:
        asyncio.run(_answers([str(a) for a in addresses]))
    except netguard.BlockedAddress:
        blocked = True
    assert blocked == any(non_global(a) for a in addresses)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.from_regex(r"(?i)https?://[^/]{0,40}(/.{0,40})?", fullmatch=True)))
def test_B11_property_check_url_only_raises_unsafe_url(url: str) -> None:
    for allow_private in (False, True):
        try:
            checked = check_url(url, allow_private=allow_private)
        except UnsafeURL:
            continue
        assert checked == url.strip() and checked.lower().startswith(("http://", "https://"))
