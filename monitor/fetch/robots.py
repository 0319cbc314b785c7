"""robots.txt per origin, parsed with protego and cached (RFC 9309, R23).

The cache never fetches by itself: it is handed the Fetcher's own guarded fetch (same SSRF
gate, politeness, caps, redirects), so a robots.txt request is just another polite request.
RFC 9309 decisions: 2xx parse; 4xx "unavailable" = allow all; 5xx, network errors and
timeouts "unreachable" = fetch nothing from the origin for now; cache at most 24 h, less when
the answer's Cache-Control or Expires says so.

Behind the in-memory cache an optional ``RobotsStore`` (``monitor.store.robots``: SQLite) keeps
the answers across processes, so ``monitor check`` and ``monitor run`` on one database ask each
host once a day instead of once per run. Expiry times are wall-clock seconds for that reason.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import httpx
from protego import Protego

from monitor.fetch.classify import HOST_FAILURES
from monitor.models import Fetched, Outcome

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB, truncate the rest
ROBOTS_TTL = 24 * 3600.0  # RFC 9309 2.4
UNREACHABLE_TTL = 15 * 60.0  # skip the origin for the rest of the cycle without re-asking
MIN_TTL = 60.0  # a "max-age=0" robots.txt is still read once per run, not once per request
MAX_ORIGINS = 10_000
MAX_VERDICTS = 4096  # per origin: remembered verdicts, forgotten all at once beyond


class RobotsState(StrEnum):
    """What a robots.txt fetch came to."""

    PARSED = "parsed"
    ALLOW_ALL = "allow_all"  # 4xx, empty, too many redirects: RFC "unavailable"
    UNREACHABLE = "unreachable"  # 5xx, 429, timeout, network: RFC "complete disallow"


@dataclass(frozen=True)
class RobotsRules:
    """One origin's robots.txt verdicts for our product token."""

    state: RobotsState
    detail: str = ""
    parser: Protego | None = None
    expires: float = 0.0  # wall-clock seconds (time.time())
    code: str = ""  # the fetch error code when unreachable ("dns", "http_5xx", ...)
    text: str = ""  # the robots.txt as parsed, so a store can keep and re-parse it
    # verdicts by (url, token): the same pages are asked about every round; rules read anew
    # (a refreshed robots.txt) are a new object with an empty memo
    _verdicts: dict[tuple[str, str], bool] = field(default_factory=dict, init=False,
                                                   compare=False, repr=False)

    def allows(self, url: str | httpx.URL, token: str) -> bool:
        """True when ``url`` may be fetched (never when the origin is unreachable)."""
        if self.state is RobotsState.UNREACHABLE:
            return False
        if self.parser is None:
            return True
        key = (str(url), token)
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) >= MAX_VERDICTS:
                self._verdicts.clear()
            verdict = self._verdicts[key] = self.parser.can_fetch(key[0], token)
        return verdict

    def delay(self, token: str) -> float | None:
        """Seconds between requests asked for by Crawl-delay or Request-rate, if any."""
        if self.parser is None:
            return None
        delays = [self.parser.crawl_delay(token) or 0.0]
        rate = self.parser.request_rate(token)
        if rate is not None and rate.requests:
            delays.append(rate.seconds / rate.requests)
        return max(delays) or None


def origin_of(url: str | httpx.URL) -> str:
    """``scheme://host:port`` of a URL, the key robots.txt applies to."""
    parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    host = parsed.raw_host.decode("ascii")
    return f"{parsed.scheme}://{f'[{host}]' if ':' in host else host}:{port}"


_MAX_AGE = re.compile(r"(?:^|[,\s])(s-maxage|max-age)\s*=\s*\"?(\d+)", re.IGNORECASE)


def lifetime(headers: Mapping[str, str], now: float) -> float:
    """Seconds an answer may be kept: its Cache-Control or Expires, within 1 min .. 24 h."""
    control = headers.get("cache-control", "")
    ages = {name.lower(): int(value) for name, value in _MAX_AGE.findall(control)}
    if "no-store" in control.lower() or "no-cache" in control.lower():
        seconds = 0.0
    elif ages:
        seconds = float(ages.get("s-maxage", ages.get("max-age", 0)))
    elif expires := headers.get("expires"):
        try:
            seconds = email.utils.parsedate_to_datetime(expires).timestamp() - now
        except (TypeError, ValueError, IndexError, OverflowError):
            seconds = 0.0  # RFC 9111 5.3: an invalid Expires means "already expired"
    else:
        seconds = ROBOTS_TTL
    return min(ROBOTS_TTL, max(MIN_TTL, seconds))


def parse_rules(state: RobotsState, detail: str, text: str, expires: float,
                code: str = "") -> RobotsRules:
    """Rules from their stored parts (the text is parsed again; unparseable allows all)."""
    if state is not RobotsState.PARSED:
        return RobotsRules(state, detail, None, expires, code)
    try:
        parser = Protego.parse(text)
    except Exception as exc:  # lenient (RFC 9309 2.3.1.5): unparseable means no rules
        return RobotsRules(RobotsState.ALLOW_ALL, f"unparseable: {exc}", None, expires)
    return RobotsRules(state, detail, parser, expires, code, text)


def interpret(answer: Fetched, now: float) -> RobotsRules:
    """RFC 9309 2.3.1: turn the fetched robots.txt into rules."""
    keep = now + lifetime(answer.headers, now)
    if answer.outcome is Outcome.OK:
        text = answer.body.decode("utf-8", errors="replace").lstrip("\ufeff")
        return parse_rules(RobotsState.PARSED, f"HTTP {answer.status}", text, keep)
    if answer.error == "too_many_redirects":
        return RobotsRules(RobotsState.ALLOW_ALL, "too many redirects", None, now + ROBOTS_TTL)
    if 400 <= answer.status < 500 and answer.status != 429 and answer.outcome is not Outcome.BLOCKED:
        return RobotsRules(RobotsState.ALLOW_ALL, f"HTTP {answer.status}", None, keep)
    if answer.error in HOST_FAILURES:  # the host failed: say that, not "robots.txt"
        return RobotsRules(RobotsState.UNREACHABLE, answer.detail or answer.error, None,
                           now + UNREACHABLE_TTL, code=answer.error)
    why = f"{answer.error}: {answer.detail}" if answer.error else f"HTTP {answer.status}"
    return RobotsRules(RobotsState.UNREACHABLE, why, None, now + UNREACHABLE_TTL,
                       code=answer.error or f"http_{answer.status}")


class RobotsStore(Protocol):
    """Where answers outlive the process: one entry per origin, each with its expiry."""

    def load(self, origin: str, now: float) -> RobotsRules | None:
        """The unexpired entry for ``origin``, or None."""

    def save(self, origin: str, rules: RobotsRules) -> None:
        """Keep ``rules`` for ``origin`` until ``rules.expires``."""


class RobotsCache:
    """robots.txt rules per origin, fetched once at a time and kept for at most 24 h."""

    def __init__(
        self,
        fetch: Callable[[str], Awaitable[Fetched]],
        *,
        clock: Callable[[], float] = time.time,
        max_origins: int = MAX_ORIGINS,
        store: RobotsStore | None = None,
    ) -> None:
        """Without ``store`` the answers live in this process only (a fleet worker, a test)."""
        self._fetch = fetch
        self._clock = clock
        self._max = max_origins
        self._store = store
        self._cache: OrderedDict[str, RobotsRules] = OrderedDict()
        self._locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    def _fresh(self, origin: str) -> RobotsRules | None:
        """A cached, unexpired entry (marked recently used), or None."""
        rules = self._cache.get(origin)
        if rules is None or rules.expires <= self._clock():
            return None
        self._cache.move_to_end(origin)
        return rules

    async def rules(self, url: str | httpx.URL) -> RobotsRules:
        """The rules for the origin of ``url``; concurrent callers share one fetch."""
        origin = origin_of(url)
        hit = self._fresh(origin)
        if hit is not None:
            return hit
        lock, users = self._locks.setdefault(origin, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                hit = self._fresh(origin)
                if hit is not None:
                    return hit
                rules = self._store.load(origin, self._clock()) if self._store else None
                if rules is None:
                    rules = interpret(await self._fetch(origin + "/robots.txt"), self._clock())
                    # An unreachable host is asked again by the next process: a store
                    # would carry an outage (or a laptop offline) into runs that could succeed.
                    if self._store is not None and rules.state is not RobotsState.UNREACHABLE:
                        self._store.save(origin, rules)
                self._cache[origin] = rules
                while len(self._cache) > self._max:
                    self._cache.popitem(last=False)
                return rules
        finally:
            users[0] -= 1
            if not users[0]:
                self._locks.pop(origin, None)
