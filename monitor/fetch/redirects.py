"""What we send where: the URL gate as a fetch failure, redirect vetting and header hygiene (R29).

Every hop of a redirect chain passes the same gate as the first URL (``netguard.check_url``);
credentials never follow a redirect to another origin; https never downgrades to http; a
login wall ends the chain as BLOCKED; loops and long chains end it as ``too_many_redirects``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import httpx

from monitor.errors import UnsafeURL
from monitor.fetch import netguard
from monitor.fetch.classify import FetchFailure, is_authwall
from monitor.fetch.robots import origin_of
from monitor.models import Outcome

MAX_LOCATION = 4096
CREDENTIALS = frozenset({"authorization", "cookie", "proxy-authorization"})
# Headers the fetch layer owns; a caller's value for them is dropped, not sent.
OWNED = frozenset({"host", "accept-encoding", "content-length", "transfer-encoding", "connection",
                   "te", "upgrade", "user-agent", "proxy-authorization"})


def gate(url: str, *, allow_private: bool, first: bool = True) -> str:
    """check_url as a FetchFailure: address refusals are ssrf_blocked, others unsafe_url.

    On a redirect hop (``first=False``) every refusal is ``redirect_blocked``.
    """
    try:
        return netguard.check_url(url, allow_private=allow_private)
    except UnsafeURL as exc:
        code = "ssrf_blocked" if isinstance(exc, netguard.PrivateAddress) else "unsafe_url"
        raise FetchFailure(code if first else "redirect_blocked", exc.reason) from None


def next_hop(current: str, location: str, seen: Sequence[str], *, max_redirects: int,
             allow_private: bool) -> str:
    """Resolve and vet a Location: shape, auth wall, downgrade, gate, loop, count."""
    if len(location) > MAX_LOCATION or any(ord(ch) < 0x20 or ch == "\\" for ch in location):
        raise FetchFailure("redirect_blocked", "malformed Location header")
    try:
        target = str(httpx.URL(current).join(location.strip()))
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchFailure("redirect_blocked", f"bad Location: {exc}") from None
    if is_authwall(target):
        raise FetchFailure("authwall", f"redirected to a login wall: {target[:200]}", Outcome.BLOCKED)
    if current.lower().startswith("https:") and target.lower().startswith("http:"):
        raise FetchFailure("redirect_blocked", f"https to http downgrade refused: {target[:200]}")
    target = gate(target, allow_private=allow_private, first=False)
    if target in seen:
        raise FetchFailure("too_many_redirects", f"redirect loop back to {target[:200]}")
    if len(seen) > max_redirects:
        raise FetchFailure("too_many_redirects", f"more than {max_redirects} redirects")
    return target


def carry_headers(headers: Mapping[str, str], current: str, target: str) -> dict[str, str]:
    """The headers for the next hop: credentials only while the origin stays the same."""
    if origin_of(target) == origin_of(current):
        return dict(headers)
    return {k: v for k, v in headers.items() if k.lower() not in CREDENTIALS}


def clean_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Caller headers minus the ones we own, and minus values that could split a request."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        ok = value.isprintable() and value.isascii() and name.isascii() and name.isprintable()
        if ok and name.lower() not in OWNED and ":" not in name:
            out[name] = value
    return out


def response_headers(response: httpx.Response) -> dict[str, str]:
    """Lower-cased headers; repeats joined, except Content-Type where the first wins."""
    out: dict[str, str] = {}
    for name, value in response.headers.multi_items():
        if name in out and name != "content-type":
            out[name] = f"{out[name]}, {value}"
        elif name not in out:
            out[name] = value
    return out
