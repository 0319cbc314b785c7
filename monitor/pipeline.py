"""One check of one source: fetch → extract → diff → record. No exception crosses ``check``.

The network, the database and the clock come in as arguments (docs/architecture.md); extract and diff
are pure. Blocked, failing, empty and unchanged answers become the source's status, never
changes of the company's profile.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlite_utils import Database
from xxhash import xxh3_128_hexdigest as fingerprint  # monitor.normalize's, without its imports

from monitor.clock import iso, utcnow
from monitor.errors import StoreError
from monitor.fetch.browser import Browser, process_browser
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.proxies import ProxyFetchers
from monitor.models import (
    Category,
    Change,
    ChangeKind,
    CheckResult,
    Fetched,
    Observation,
    Outcome,
    Source,
)
from monitor.noise import strip_volatile
from monitor.pictures import Job, Pictures
from monitor.settings import Settings
from monitor.sources import KINDS
from monitor.store.batch import BatchWriter
from monitor.store.record import CrashHook, Router, no_crash, record
from monitor.store.robots import SqliteRobots
from monitor.store.state import SourceRow, load_state, source_row
from monitor.text_safety import clean_observation
from monitor.workers import ParserPool, PoolSettings
from monitor.workers.precheck import precheck

log = logging.getLogger("monitor.check")

Extractor = Callable[[Source, Fetched], Awaitable[Observation]]
FAILURES_BEFORE_ALERT = 3
MAX_BACKOFF = timedelta(days=1)


async def extract_inline(source: Source, fetched: Fetched) -> Observation:
    """Run the kind's pure extract in this process; a parser exception is a failed check."""
    try:
        return clean_observation(KINDS[source.kind].extract(fetched, source))
    except Exception as exc:  # a parser bug must cost one check, never the process
        log.warning("%s: extraction crashed: %r", source.id, exc)
        return Observation(outcome=Outcome.EXTRACTION_FAILED, detail=f"parser error: {exc!r}"[:300])


@dataclass(frozen=True)
class Context:
    """What a check needs from the outside world, passed in (never global)."""

    db: Database
    fetcher: Fetcher
    clock: Callable[[], datetime]
    extractor: Extractor = extract_inline
    route: Router | None = None
    crash: CrashHook = no_crash
    rng: random.Random = field(default_factory=random.Random)
    writer: BatchWriter | None = None  # None: each check commits on its own
    browser: Browser | None = None  # None: no chromium, pages are read as fetched
    proxies: ProxyFetchers | None = None  # the Fetchers of sources with a ``proxy`` option
    # None: a changed page is pictured inside its check; else after the check is recorded.
    pictures: Pictures | None = None


@asynccontextmanager
async def checking(db: Database, fetch: FetchSettings, *, route: Router | None,
                   clock: Callable[[], datetime] = utcnow,
                   crash: CrashHook | None = None,
                   settings: Settings | None = None,
                   dry_run: bool = False, warm: bool = False) -> AsyncIterator[Context]:
    """The one wiring of a run of checks (``monitor check`` and the daemon alike): the shared
    guarded Fetcher (robots.txt kept in the database), the parser pool (started by the first
    page to parse), the batching writer, the browser (when chromium is installed; it starts on
    first use), the pictures of changed pages (taken off the checks' path, waited for at the
    end), the Fetchers of named proxies and the crash points, closed together.
    ``settings`` are the command's (read from the environment here when not given); a
    ``dry_run`` writes nothing, not even robots.txt answers to the cache, and takes no picture.
    ``warm`` starts the parser workers now, in the background (the daemon, whose new sources
    all parse), instead of with the first page."""
    settings = settings or Settings.from_env()
    writer = BatchWriter(db)
    async with Fetcher(fetch, robots_store=SqliteRobots(db, read_only=dry_run)) as fetcher, \
            ParserPool(PoolSettings(lazy=True)) as pool, \
            process_browser(settings.browser()) as browser, ProxyFetchers(fetch) as proxies:
        pictures = Pictures(db, browser) if browser is not None else None  # a dry run takes none
        warming = asyncio.create_task(_warm(pool)) if warm else None
        try:
            yield Context(db=db, fetcher=fetcher, clock=clock, route=route, extractor=pool.extract,
                          crash=crash if crash is not None else settings.crash_points(),
                          writer=writer, browser=browser, proxies=proxies, pictures=pictures)
        except BaseException:
            if pictures is not None:
                pictures.cancel()
            raise
        finally:
            if warming is not None:  # a start cut short would leave a worker unowned
                await warming
            if pictures is not None:
                await pictures.aclose()
            await writer.aclose()


async def _warm(pool: ParserPool) -> None:
    """Start the pool's workers ahead of the first page (a failure is the first page's to say:
    it starts them again and gets the error)."""
    try:
        await pool.start()
    except (RuntimeError, OSError) as exc:  # said again, with its check, by the first page
        log.warning("parser workers did not start ahead of the first page: %s", exc)


@dataclass(frozen=True)
class _Check:
    """One check in progress: what every way of finishing it needs."""

    source: Source
    ctx: Context
    row: SourceRow
    started: datetime
    t0: float

    def finish(self, fetched: Fetched, outcome: Outcome, detail: str | None,
               hashes: Hashes | None = None) -> CheckResult:
        """The check's result with its health transition and next due time."""
        failures, alerted, health = health_transition(self.source, self.row, outcome,
                                                      detail or fetched.error)
        due = next_due(self.source, self.started, failures, fetched.retry_after, self.ctx.rng)
        return CheckResult(source=self.source, fetched=fetched, outcome=outcome,
                           started_at=iso(self.started),
                           ms=(time.perf_counter() - self.t0) * 1000, next_due_at=iso(due),
                           body_hash=hashes.page if hashes else None,
                           raw_hash=hashes.raw if hashes else None, detail=detail,
                           health=health, failures=failures, health_alerted=alerted)


async def check(source: Source, ctx: Context, *, dry_run: bool = False) -> CheckResult:
    """Check one source now and record the result (unless ``dry_run``).

    Fetch, parse and extraction problems come back as the result's outcome. The one error
    raised is StoreError, when the database cannot take the result (the check is then not
    recorded at all, and is redone later).
    """
    started = ctx.clock()
    row = source_row(ctx.db, source.id, waiting_prose(source, started)) \
        or SourceRow(source.id, "new", None, None, None, 0, False, None)
    run = _Check(source, ctx, row, started, time.perf_counter())
    try:
        result = await _run(run)
    except Exception as exc:  # the last guard: exceptions never cross check()
        log.exception("%s: check failed unexpectedly", source.id)
        fetched = Fetched(url=source.url, final_url=source.url, outcome=Outcome.ERROR,
                          error="internal", detail=repr(exc)[:300])
        result = run.finish(fetched, Outcome.ERROR, fetched.detail)
    if not dry_run:
        now = iso(ctx.clock())
        try:
            if ctx.writer is not None:  # shares a transaction with checks finishing meanwhile
                check_id = await ctx.writer.record(result, now, route=ctx.route, crash=ctx.crash)
            else:
                check_id = record(ctx.db, result, now, route=ctx.route, crash=ctx.crash)
        except sqlite3.Error as exc:  # disk full, I/O error: the caller must hold back (R35)
            raise StoreError(f"cannot record the check of {source.id}: {exc}") from exc
        if ctx.pictures is not None and result.diff and result.diff.changes \
                and wants_picture(source, result.fetched, ctx.browser):
            await ctx.pictures.take(Job(source, result.fetched, _fetcher(source, ctx), check_id,
                                        now))
        # The body is in the snapshot (when it is worth keeping); a round of a thousand
        # checks should not hold a thousand pages in memory until it ends.
        if result.fetched.body or result.fetched.render is not None:  # a 304 has neither
            result = replace(result, fetched=replace(result.fetched, body=b"", render=None))
        ctx.crash("after_commit")
    log.info("%s %s %s %d change(s) %.0f ms", source.id, result.outcome.value,
             result.fetched.error or "", len(result.changes), result.ms)
    return result


async def _run(run: _Check) -> CheckResult:
    source, ctx, row = run.source, run.ctx, run.row
    kind = KINDS[source.kind]
    baseline = row.baseline_at is None
    steady = settled(row)
    # A page always rendered is asked for in full: its shell may stay the same while the
    # data its scripts load does not.
    conditional = steady and render_mode(source, ctx.browser) != "browser"
    fetcher = _fetcher(source, ctx)
    plain = await kind.fetch(source, fetcher, row.etag if conditional else None,
                             row.last_modified if conditional else None)
    # A page read through the browser records its DOM's hash, so a plain answer with the hash
    # last recorded was read as fetched then too: unchanged, with no shell test and no browser
    # (the test parses the page: 0.4 ms of every unchanged check, chromium installed).
    plain_hashes = (body_hashes(plain.body, row.raw_hash, row.body_hash)
                    if steady and plain.outcome is Outcome.OK and conditional else None)
    fetched = plain if plain_hashes is not None and plain_hashes.page == row.body_hash \
        else await rendered(source, plain, ctx.browser, fetcher)
    ctx.crash("after_fetch")
    if fetched.outcome is not Outcome.OK:
        return run.finish(fetched, fetched.outcome, fetched.detail)
    if cut_short(fetched):
        detail = "truncated: the connection closed before </html> (no length, no chunking)"
        return run.finish(fetched, Outcome.EXTRACTION_FAILED, detail)
    hashes = plain_hashes if fetched is plain and plain_hashes is not None \
        else body_hashes(fetched.body, row.raw_hash, row.body_hash)
    if hashes.page == row.body_hash and steady:
        return run.finish(fetched, Outcome.UNCHANGED, None, hashes)
    obs = await ctx.extractor(source, replace(fetched, render=None))
    if fetched.render is not None:
        from monitor.extract.shell import mark_rendered  # a parser module: only with a browser

        obs = mark_rendered(obs)
    ctx.crash("after_parse")
    if obs.outcome is not Outcome.OK:
        return run.finish(fetched, obs.outcome, obs.detail)
    state = load_state(ctx.db, source.id, baseline)
    if obs.empty and not baseline and not kind.empty_is_normal:
        detail = f"extraction found nothing (previously {len(state.facts)} facts, {len(state.items)} items)"
        return run.finish(fetched, Outcome.EXTRACTION_FAILED, detail)
    thresholds = _thresholds(source)
    from monitor.diff import diff  # loaded by the first page that changed, not by every run
    from monitor.rebase import rebased

    # An upgraded extractor re-reads the stored page first: what only it changed is no change.
    rebase = await rebased(source, state, obs, ctx.db, ctx.extractor, now=iso(run.started),
                           item_category=kind.item_category)
    stored, state = state.items, rebase.state if rebase is not None else state

    result = diff(source, state, obs.facts, obs.items, obs.metrics, now=iso(run.started),
                  item_category=kind.item_category, thresholds=thresholds,
                  removals=kind.reports_removed_items, complete=kind.lists_every_item)
    if result.changes and fetched.render is None and ctx.pictures is None:
        fetched = await pictured(source, fetched, ctx.browser, fetcher)
    done = run.finish(fetched, Outcome.OK, None, hashes)
    return replace(done, diff=result, metrics=obs.metrics, rebase=rebase, stored_items=stored)


def _fetcher(source: Source, ctx: Context) -> Fetcher:
    """The source's own Fetcher: its named proxy's, else the run's."""
    return ctx.proxies.for_source(source.options, ctx.fetcher) if ctx.proxies else ctx.fetcher


def waiting_prose(source: Source, now: datetime) -> tuple[int, str] | None:
    """What ``source_row`` needs to tell a page text that only waits for its settle window."""
    if source.settle <= 0:
        return None
    return source.confirm, iso(now - timedelta(seconds=source.settle))


def settled(row: SourceRow | None) -> bool:
    """Whether no value of the source awaits confirmation: only then may an unchanged page
    be answered "not modified" or skip extraction (the second sighting is what confirms)."""
    return row is not None and row.baseline_at is not None and not row.unsettled


def render_mode(source: Source, browser: Browser | None) -> str:
    """``browser``, ``auto`` or ``never``: the source's ``render`` option where its kind has
    one and a browser is installed; ``never`` otherwise."""
    kind = KINDS.get(source.kind)
    if browser is None or kind is None or "render" not in kind.Options.model_fields:
        return "never"
    return str(source.options.get("render", "auto"))


async def rendered(source: Source, fetched: Fetched, browser: Browser | None,
                   fetcher: Fetcher) -> Fetched:
    """The page as the browser shows it, when the source asks for that or the plain answer
    is a JavaScript shell; the plain answer otherwise. The browser's requests go through
    the source's own fetcher (and so its proxy)."""
    mode = render_mode(source, browser)
    if browser is None or fetched.outcome is not Outcome.OK or mode == "never":
        return fetched
    if fetched.content_type and "html" not in fetched.content_type:
        return fetched  # a PDF, a feed, JSON: read as they are
    # The shell test parses the page: only what the parser pool would parse too.
    from monitor.extract.shell import needs_browser  # a parser module: only with a browser

    if mode == "browser" or (precheck(fetched.body) is None and needs_browser(fetched)):
        return await browser.render(fetched, fetcher)
    return fetched


async def pictured(source: Source, fetched: Fetched, browser: Browser | None,
                   fetcher: Fetcher) -> Fetched:
    """A page read without the browser that just recorded a change: a picture of it now,
    so the change has one (its "before" is the picture of the source's previous change)."""
    if browser is None or not wants_picture(source, fetched, browser):
        return fetched
    shown = await browser.render(fetched, fetcher)
    if shown.render is None or not shown.render.screenshot:
        return fetched
    return replace(fetched, render=replace(shown.render, on_change=True))


def wants_picture(source: Source, fetched: Fetched, browser: Browser | None) -> bool:
    """Whether a change of this page, read without the browser, gets a picture: an HTML page
    of a kind that renders, with a browser installed."""
    if fetched.render is not None or render_mode(source, browser) != "auto":
        return False
    return not fetched.content_type or "html" in fetched.content_type


def cut_short(fetched: Fetched) -> bool:
    """An HTML body that only the connection's close ended, and that lacks ``</html>``, may be
    a page cut at a tag boundary: it would read as a valid page with facts missing (C11)."""
    headers = fetched.headers
    if "content-length" in headers or "chunked" in headers.get("transfer-encoding", "").lower():
        return False
    return "html" in fetched.content_type and b"</html" not in fetched.body[-2048:].lower()


PAGE_HASHES = 16_384  # ~250 bytes an entry: 4 MiB at most, every page of a 10k-source round
_page_hashes: dict[str, str] = {}


class Hashes(NamedTuple):
    """A body's noise-free hash (``page``) and its raw bytes' hash, stored as a pair."""

    page: str
    raw: str


def page_hash(body: bytes) -> str:
    """``fingerprint(strip_volatile(body))``: the noise-free hash a check compares with the last."""
    return _stripped(fingerprint(body), body)


def body_hashes(body: bytes, raw_hash: str | None, body_hash: str | None) -> Hashes:
    """The body's hashes, without stripping it when its raw bytes are the ones the source
    recorded last (``raw_hash``, stored with their noise-free hash ``body_hash``), in this
    process or another. The writer's check and a fleet worker both decide by it."""
    raw = fingerprint(body)
    if raw == raw_hash and body_hash is not None:
        return Hashes(body_hash, raw)
    return Hashes(_stripped(raw, body), raw)


def _stripped(raw: str, body: bytes) -> str:
    """The noise-free hash of ``body`` (whose own hash is ``raw``), remembered by ``raw``.

    The raw bytes' hash costs under 1 % of stripping (8 us against 1.3 ms for an 80 KB page
    of the corpus), so a page that comes back byte for byte is not stripped again. Keyed by
    content, the memo has nothing to invalidate; it is bounded (when full it starts over: one
    call, safe from any thread).
    """
    known = _page_hashes.get(raw)
    if known is None:
        known = fingerprint(strip_volatile(body))
        if len(_page_hashes) >= PAGE_HASHES:
            _page_hashes.clear()
        _page_hashes[raw] = known
    return known


def _thresholds(source: Source) -> dict[str, float]:
    raw = source.options.get("thresholds")
    return {str(k): float(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def health_transition(source: Source, row: SourceRow, outcome: Outcome,
                      detail: str | None) -> tuple[int, bool, Change | None]:
    """Failures count up; after several in a row one health change, and one on recovery."""
    if outcome.healthy:
        if row.health_alerted:
            return 0, False, Change(source.company, source.id, "status", ChangeKind.MODIFIED,
                                    Category.HEALTH, old=row.status, new="ok", url=source.url)
        return 0, False, None
    failures = row.failures + 1
    if failures >= FAILURES_BEFORE_ALERT and not row.health_alerted:
        new = f"{outcome.value}: {detail}" if detail else outcome.value
        old = "new" if row.baseline_at is None else "ok"  # a source that never worked was never ok
        return failures, True, Change(source.company, source.id, "status", ChangeKind.MODIFIED,
                                      Category.HEALTH, old=old, new=new[:300], url=source.url)
    return failures, row.health_alerted, None


def next_due(source: Source, now: datetime, failures: int, retry_after: float | None,
             rng: random.Random) -> datetime:
    """Next check time: the interval ±10 % jitter, exponential backoff while failing."""
    every = timedelta(seconds=source.every)
    if failures:
        base = min(every, timedelta(hours=1)) * (1 << min(failures - 1, 10))
        delay = min(base, max(every, MAX_BACKOFF))
        delay = delay / 2 + delay / 2 * rng.random()  # "equal jitter": never a stampede
    else:
        delay = every * (0.9 + 0.2 * rng.random())
    if retry_after:
        delay = max(delay, timedelta(seconds=min(retry_after, 6 * 3600)))
    return now + delay


async def check_many(sources: Sequence[Source], ctx: Context, *, dry_run: bool = False,
                     concurrency: int = 20,
                     on_done: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Check several sources concurrently (per-host politeness is the fetcher's job).

    ``concurrency`` runners take the next source as each check ends, so no more than that
    many checks (and their pages) are alive at once however long the list; each result is
    recorded and its body dropped as it finishes.
    """
    results: list[CheckResult | None] = [None] * len(sources)
    queue = iter(enumerate(sources))

    async def runner() -> None:
        for index, source in queue:
            result = await check(source, ctx, dry_run=dry_run)
            results[index] = result
            if on_done:
                on_done(result)

    await asyncio.gather(*(runner() for _ in range(max(1, min(concurrency, len(sources))))))
    return [r for r in results if r is not None]
