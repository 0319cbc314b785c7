"""The fetch layer: one guarded, polite HTTP client for the whole process (DESIGN "fetch").

``Fetcher.fetch(url)`` returns a ``Fetched`` value and never raises for network or server
trouble. On the way it applies, in order: the static URL gate (``netguard.check_url``), the
host's Retry-After back-off, robots.txt (``robots``), per-host turn and gap (``politeness``),
the pinned SSRF-safe transport (``transport``), a hard wall-clock deadline, bounded body
decoding (``body``), a manual redirect loop that re-checks every hop, and classification
(``classify``). See docs/reliability.md: R21-R32 and the B and C cases.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from types import TracebackType

import httpx

from monitor.environ import allow_private, process_environ
from monitor.fetch.body import ACCEPT_ENCODING, read_body
from monitor.fetch.classify import (
    HOST_FAILURES,
    REDIRECT_STATUSES,
    FetchFailure,
    classify_status,
    parse_retry_after,
    transport_code,
    transport_detail,
)
from monitor.fetch.netguard import check_url
from monitor.fetch.politeness import Politeness
from monitor.fetch.proxy import ProxiedTransport, ProxyURL, named_proxies
from monitor.fetch.proxy import from_env as proxy_from_env
from monitor.fetch.redirects import carry_headers, clean_headers, gate, next_hop, response_headers
from monitor.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache, RobotsState, RobotsStore
from monitor.fetch.transport import GuardedTransport, Resolver
from monitor.models import Fetched, Outcome
from monitor.redact import install_log_filter

__all__ = ["FetchSettings", "Fetched", "Fetcher", "Resolver", "check_url", "parse_retry_after"]

log = logging.getLogger(__name__)
wire_log = logging.getLogger("httpx")  # the line httpx's client logs for every exchange

DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
X_TOKEN = "MONITOR_X_BEARER_TOKEN"  # the official X API
ERROR_BODY_CAP = 64 * 1024  # enough of an error page to spot a challenge, no more
DEFAULT_429_BACKOFF = 60.0  # a 429 without a usable Retry-After still keeps us away a while


@dataclass(frozen=True)
class FetchSettings:
    """Knobs of the fetch layer; the defaults are the production policy."""

    user_agent: str = "monitor/0.1 (+https://github.com/monitor-dev/monitor; company-intelligence bot)"
    allow_private: bool = False  # MONITOR_ALLOW_PRIVATE=1 turns it on (tests, intranet)
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # hard wall clock per fetch incl. body (httpx#1450 slow-loris)
    max_bytes: int = 5 * 1024 * 1024  # decoded body cap; wire cap 2x
    max_redirects: int = 5
    min_host_delay: float = 1.0  # politeness gap between two requests to one host
    robots: bool = True
    max_concurrency: int = 50
    proxy: ProxyURL | None = None  # MONITOR_PROXY_URL; the SSRF gate still judges the target
    # MONITOR_PROXY_URL_<NAME> as read (parsed when a source names it): they hold credentials
    named_proxies: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    x_token: str | None = field(default=None, repr=False)  # MONITOR_X_BEARER_TOKEN, for the X API

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> FetchSettings:
        """Defaults, with ``MONITOR_ALLOW_PRIVATE=1`` switching private addresses on,
        ``MONITOR_MIN_HOST_DELAY`` (seconds) setting the politeness gap and
        ``MONITOR_PROXY_URL`` a proxy for every request."""
        env = process_environ(environ)
        flag = allow_private(env)
        try:
            gap = max(0.0, float(env.get("MONITOR_MIN_HOST_DELAY", "1.0")))
        except ValueError:
            gap = 1.0
        return cls(allow_private=flag, min_host_delay=gap, proxy=proxy_from_env(env),
                   named_proxies=named_proxies(env), x_token=env.get(X_TOKEN, "").strip() or None)

    @property
    def robots_token(self) -> str:
        """The product token robots.txt groups are matched against (R31)."""
        return self.user_agent.split("/")[0].split()[0].lower()


class _NoCookies(httpx.Cookies):
    """A cookie store that keeps nothing."""

    def extract_cookies(self, response: httpx.Response) -> None:
        """Ignore Set-Cookie: httpx would otherwise parse it on every response (~0.4 ms)."""


class CookielessClient(httpx.AsyncClient):
    """The shared client: no cookie is ever kept or sent (privacy, R29), at no parsing cost."""

    @property
    def cookies(self) -> httpx.Cookies:
        """Always empty."""
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, value: object) -> None:
        if value:
            raise TypeError("this client keeps no cookies")


_NO_COOKIES = _NoCookies()
_NO_BODY = httpx.ByteStream(b"")


@dataclass(frozen=True)
class _Plan:
    """What one fetch asks for, carried along the redirect hops."""

    headers: dict[str, str]
    max_bytes: int
    truncate: bool = False
    robots: bool = True
    etag: str | None = None
    last_modified: str | None = None
    started: float = field(default_factory=time.monotonic)

    def elapsed_ms(self) -> float:
        """Milliseconds since the fetch began."""
        return (time.monotonic() - self.started) * 1000.0


@dataclass(frozen=True)
class _Answer:
    """One HTTP exchange: status, lower-cased headers and the decoded body."""

    status: int
    headers: dict[str, str]
    body: bytes = b""


class _Budget:
    """The wall-clock deadline of one fetch, spent only while talking to servers.

    It covers every hop's request and body (httpx#1450), but not the wait for a host's
    politeness turn: twenty sources queued on one host must not time each other out.
    robots.txt is fetched under a budget of its own, since its answer serves many fetches.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = self.left = seconds

    @asynccontextmanager
    async def spend(self) -> AsyncIterator[None]:
        """Run the block under what is left of the deadline; TimeoutError when it runs out."""
        start = time.monotonic()
        try:
            if self.left <= 0:
                raise TimeoutError
            async with asyncio.timeout(self.left):
                yield
        except TimeoutError:
            raise FetchFailure("timeout", f"no complete answer within {self.seconds:g} s") from None
        finally:
            self.left -= time.monotonic() - start


URL_MEMO_SIZE = 16_384  # ~450 bytes a parsed URL: 4.4 MiB for 10k sources, 7 MiB when full


@lru_cache(maxsize=URL_MEMO_SIZE)
def _gated(url: str, allow_private: bool) -> tuple[str, httpx.URL]:
    """A source's URL through the static gate and httpx's parser, once per process: both are
    pure, and together they cost about 20 us, a tenth of a whole 304 exchange."""
    current = gate(url, allow_private=allow_private)
    return current, httpx.URL(current)


def _host(url: str | httpx.URL) -> str:
    """The politeness key of a URL: its host name, lower-cased, without a trailing dot."""
    return (url if isinstance(url, httpx.URL) else httpx.URL(url)).host.rstrip(".")


class Fetcher:
    """The process-wide HTTP client: guarded, polite, bounded; fetch errors are values."""

    def __init__(self, settings: FetchSettings | None = None, *, resolver: Resolver | None = None,
                 ssl_context: ssl.SSLContext | None = None,
                 robots_store: RobotsStore | None = None) -> None:
        """``resolver`` and ``ssl_context`` (a private CA, say) default to the system's;
        ``robots_store`` keeps robots.txt answers beyond this process (else memory only)."""
        self.settings = s = settings or FetchSettings.from_env()
        install_log_filter("httpx", __name__, "monitor.check")  # ?api_key= never in a log line
        if s.allow_private:  # announced once per command by the CLI; here only for debugging
            log.debug("fetching from private addresses is ON (allow_private)")
        kind = partial(ProxiedTransport, s.proxy) if s.proxy else GuardedTransport
        transport = kind(resolver=resolver, allow_private=s.allow_private,
                         ssl_context=ssl_context, dns_timeout=s.connect_timeout,
                         pool_limit=max(100, 2 * s.max_concurrency))
        self.client = CookielessClient(
            transport=transport, trust_env=False, follow_redirects=False,
            headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout,
                                  write=s.read_timeout, pool=s.connect_timeout),
        )
        self._transport: httpx.AsyncBaseTransport = transport
        self._defaults = dict(self.client.headers.items())  # lower-cased names
        self._timeouts = self.client.timeout.as_dict()
        self._polite = Politeness(min_delay=s.min_host_delay, max_concurrency=s.max_concurrency)
        self._robots = RobotsCache(self._fetch_robots, store=robots_store)

    async def __aenter__(self) -> Fetcher:
        """``async with Fetcher(...) as fetcher:`` closes the client at the end."""
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        """Close the client."""
        await self.aclose()

    async def aclose(self) -> None:
        """Close the shared client and its connections."""
        await self.client.aclose()

    def not_before(self, host: str) -> float | None:
        """time.time() until which a host backs off (Retry-After), None if free."""
        return self._polite.not_before(host.lower().rstrip("."))

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    max_bytes: int | None = None, accept: str | None = None,
                    headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given); never raises for I/O trouble."""
        wanted = clean_headers(headers or {})
        usable = accept and accept.isprintable() and accept.isascii()
        wanted["Accept"] = accept if accept and usable else DEFAULT_ACCEPT
        for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified)):
            if value and value.isprintable() and value.isascii():
                wanted[name] = value  # verbatim, as the server sent it (R25)
        plan = _Plan(wanted, max_bytes or self.settings.max_bytes, robots=self.settings.robots,
                     etag=etag, last_modified=last_modified)
        try:
            result = await self._run(url, plan)
        except Exception as exc:  # the last line of defence: errors are values, always
            log.exception("unexpected failure fetching %s", url)
            result = Fetched(url=url, final_url=url, outcome=Outcome.ERROR, error="internal",
                             detail=f"{type(exc).__name__}: {exc}"[:300],
                             elapsed_ms=plan.elapsed_ms())
        return result

    async def _fetch_robots(self, robots_url: str) -> Fetched:
        """robots.txt through the same guarded path: our UA, 500 KiB, same gates (R23)."""
        plan = _Plan({"Accept": "text/plain, */*;q=0.1"}, ROBOTS_MAX_BYTES, truncate=True, robots=False)
        return await self._run(robots_url, plan)

    async def _run(self, url: str, plan: _Plan) -> Fetched:
        """The redirect loop: every hop is gated, robots-checked, polite and deadline-bound."""
        current, budget, headers = url, _Budget(self.settings.deadline), dict(plan.headers)
        seen: list[str] = []
        private = self.settings.allow_private
        try:
            current, parsed = _gated(url, private)
            while True:
                seen.append(current)
                await self._admit(parsed, plan)
                answer = await self._exchange(parsed, headers, plan, budget, hop=len(seen) - 1)
                location = answer.headers.get("location")
                if answer.status not in REDIRECT_STATUSES or not location:
                    return self._final(url, current, answer, plan)
                target = next_hop(current, location, seen, max_redirects=self.settings.max_redirects,
                                  allow_private=private)
                headers, current = carry_headers(headers, current, target), target
                parsed = httpx.URL(current)  # parsed once per hop: it is the hot path
        except FetchFailure as failure:
            return self._failed(url, current, failure, plan)

    async def _admit(self, url: httpx.URL, plan: _Plan) -> None:
        """Refuse a hop while its host backs off or robots.txt says no (or cannot be read)."""
        host = _host(url)
        until = self._polite.not_before(host)
        if until is not None:
            raise FetchFailure("backoff", f"{host} asked us to wait until {time.ctime(until)}")
        if not plan.robots:
            return
        rules = await self._robots.rules(url)
        self._polite.set_robots_delay(host, rules.delay(self.settings.robots_token))
        if rules.state is RobotsState.UNREACHABLE:
            if rules.code in HOST_FAILURES:  # the host itself failed, not its robots.txt
                raise FetchFailure(rules.code, rules.detail)
            raise FetchFailure("robots_unreachable", f"robots.txt unreachable ({rules.detail})")
        if not rules.allows(url, self.settings.robots_token):
            raise FetchFailure("robots_disallowed", "robots.txt disallows this URL", Outcome.DISALLOWED)

    async def _exchange(self, url: httpx.URL, headers: dict[str, str], plan: _Plan, budget: _Budget,
                        *, hop: int) -> _Answer:
        """One request/response in the host's turn and under the deadline."""
        host = _host(url)
        async with self._polite.turn(host):
            started, ok = time.monotonic(), False
            try:
                async with budget.spend():
                    answer = await self._send(url, headers, plan)
                ok = answer.status < 400
                return answer
            except FetchFailure as failure:
                if hop and failure.code == "ssrf_blocked":
                    raise FetchFailure("redirect_blocked", failure.detail) from None
                raise
            finally:
                self._polite.observe(host, time.monotonic() - started, ok=ok)

    async def _send(self, url: httpx.URL, headers: dict[str, str], plan: _Plan) -> _Answer:
        """Send the GET and read a bounded body; transport errors become FetchFailures."""
        if self.client.is_closed:
            raise RuntimeError("this Fetcher is closed")
        try:
            response = await self._transport.handle_async_request(self._request(url, headers))
        except httpx.HTTPError as exc:
            code = transport_code(exc, in_body=False)
            raise FetchFailure(code, transport_detail(code, exc, _host(url))[:300]) from None
        except httpx.InvalidURL as exc:
            # A URL httpx will not carry (javascript:, data: ...): next_hop refuses those
            # first; should one get here, it is a refused target, not an internal error.
            raise FetchFailure("redirect_blocked", f"redirect to a URL that is not http(s): "
                                                   f"{exc}"[:300]) from None
        wire_log.info('HTTP Request: GET %s "%s %d %s"', url, response.http_version,
                      response.status_code, response.reason_phrase)
        try:
            status, found = response.status_code, response_headers(response)
            if status in REDIRECT_STATUSES or status in (204, 304, 404, 410):
                return _Answer(status, found)  # no body worth reading
            if 200 <= status < 300:
                body = await read_body(response, plan.max_bytes, truncate=plan.truncate)
            else:
                body = await self._error_body(response, plan)
            return _Answer(status, found, body)
        except httpx.HTTPError as exc:
            code = transport_code(exc, in_body=True)
            raise FetchFailure(code, transport_detail(code, exc, _host(url))[:300]) from None
        finally:
            await response.aclose()

    def _request(self, url: httpx.URL, headers: dict[str, str]) -> httpx.Request:
        """The GET that ``client.send`` would make (its default headers, ours over them, Host,
        its timeouts), handed to the transport directly: the client's generic layers (header
        and URL merging, auth, redirects, cookies, event hooks) cost about as much as the
        whole exchange on aiohttp, and this fetch layer does its own redirects and keeps no
        cookies (bench/http_micro.py)."""
        merged = {"host": url.netloc.decode("ascii"), **self._defaults}
        for name, value in headers.items():
            merged[name.lower()] = value
        return httpx.Request("GET", url, headers=merged, stream=_NO_BODY,
                             extensions={"timeout": self._timeouts})

    @staticmethod
    async def _error_body(response: httpx.Response, plan: _Plan) -> bytes:
        """The head of an error page, for challenge markers; its faults never mask the status."""
        try:
            return await read_body(response, min(plan.max_bytes, ERROR_BODY_CAP), truncate=True)
        except (FetchFailure, httpx.HTTPError):
            return b""

    def _final(self, url: str, final_url: str, answer: _Answer, plan: _Plan) -> Fetched:
        """Classify the last answer of the redirect chain into a Fetched."""
        h, status = answer.headers, answer.status
        etag, modified = h.get("etag"), h.get("last-modified")
        if status == 304:  # validators stay valid when a 304 omits them
            return Fetched(url=url, final_url=final_url, outcome=Outcome.NOT_MODIFIED,
                           status=status, headers=h, elapsed_ms=plan.elapsed_ms(),
                           etag=etag or plan.etag, last_modified=modified or plan.last_modified)
        retry_after = self._note_retry_after(final_url, answer)
        failure = classify_status(status, h, answer.body)
        if failure is None:
            return Fetched(url=url, final_url=final_url, outcome=Outcome.OK, status=status,
                           headers=h, body=answer.body, elapsed_ms=plan.elapsed_ms(), etag=etag,
                           last_modified=modified)
        return Fetched(url=url, final_url=final_url, outcome=failure.outcome, status=status,
                       headers=h, elapsed_ms=plan.elapsed_ms(), error=failure.code,
                       detail=failure.detail, etag=etag, last_modified=modified,
                       retry_after=retry_after)

    def _note_retry_after(self, url: str, answer: _Answer) -> float | None:
        """Record a 429/503 Retry-After as the host's back-off (capped); return the seconds."""
        if answer.status not in (429, 503):
            return None
        seconds = parse_retry_after(answer.headers.get("retry-after"), time.time())
        if seconds is not None or answer.status == 429:
            self._polite.back_off(_host(url), DEFAULT_429_BACKOFF if seconds is None else seconds)
        return seconds

    def _failed(self, url: str, final_url: str, failure: FetchFailure, plan: _Plan) -> Fetched:
        """A Fetched for a fetch that produced no usable answer."""
        retry_after = None
        if failure.code == "backoff":
            until = self._polite.not_before(_host(final_url))
            retry_after = max(0.0, until - time.time()) if until else None
        return Fetched(url=url, final_url=final_url, outcome=failure.outcome, error=failure.code,
                       detail=failure.detail, retry_after=retry_after, elapsed_ms=plan.elapsed_ms())
