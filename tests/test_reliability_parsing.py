"""Parsing hostile bytes in isolated workers (D4, D5, D7, D9, R19, R20, R40).

One bad page costs one failed check, never the process: the parser pool (monitor.workers)
refuses absurd markup before parsing, and kills a worker that segfaults, spins, hangs or runs
out of memory, answering ``EXTRACTION_FAILED`` "parser crashed: ..." and carrying on.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from monitor.models import Fetched, Observation, Outcome, Source
from monitor.pipeline import extract_inline
from monitor.workers import ParserPool, PoolSettings, nesting_depth, precheck
from monitor.workers.protocol import BadAnswer, decode, encode
from tests.conftest import CORPUS

CRASHY = "tests.crashy_kinds:KINDS"
PAGE = CORPUS / "pages/opentermsarchive/adopteunmec_privacy_policy.html"


def source(kind: str, url: str = "https://acme.example/about") -> Source:
    return Source(id=f"acme:{kind}:1", company="acme", kind=kind, url=url, every=3600.0)


def fetched(body: bytes, content_type: str = "text/html; charset=utf-8",
            url: str = "https://acme.example/about") -> Fetched:
    return Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                   headers={"content-type": content_type}, body=body)


def deep_divs(n: int) -> bytes:
    return b"<html><body>" + b"<div>" * n + b"x" + b"</div>" * n + b"</body></html>"


def assert_crashed(obs: Observation, words: str) -> None:
    assert obs.outcome is Outcome.EXTRACTION_FAILED, obs
    assert obs.detail is not None and obs.detail.startswith("parser crashed: "), obs.detail
    assert words in obs.detail, obs.detail


@pytest.fixture
async def crashy() -> AsyncIterator[ParserPool]:
    """One worker with tight CPU and memory limits, loaded with the misbehaving kinds.

    The wall clock is far looser than the CPU limit, so on a loaded machine the CPU limit still
    fires first (one CPU second can take many wall seconds when the cores are shared).
    """
    settings = PoolSettings(workers=1, cpu_seconds=1, wall_seconds=100, memory_mb=512, registry=CRASHY)
    async with ParserPool(settings) as pool:
        yield pool


async def good_page(pool: ParserPool) -> None:
    """The pool still parses a real page (corpus: pages/opentermsarchive/adopteunmec_...), read
    at its own address (under another site's, its e-mails would be a third party's)."""
    own = "https://www.adopteunmec.com/privacy"
    obs = await pool.extract(source("website", own), fetched(PAGE.read_bytes(), url=own))
    assert obs.outcome is Outcome.OK and any(f.field == "email" for f in obs.facts), obs


async def test_D4_deep_nesting_refused_before_parsing() -> None:
    """4.4 MB of 400,000 nested <div>s: refused by the depth pre-check, no worker ever sees it."""
    async with ParserPool(PoolSettings(workers=1)) as pool:
        obs = await pool.extract(source("website"), fetched(deep_divs(400_000)))
        assert obs.outcome is Outcome.EXTRACTION_FAILED and "nested deeper" in (obs.detail or "")
        assert (pool.stats.refused, pool.stats.tasks) == (1, 0)


async def test_D4_deep_nesting_past_the_precheck_dies_at_the_cpu_limit() -> None:
    """With the pre-check off, lexbor's quadratic tree build (~24 s) meets RLIMIT_CPU instead."""
    settings = PoolSettings(workers=1, cpu_seconds=1, wall_seconds=100, max_depth=10**9)
    async with ParserPool(settings) as pool:
        obs = await pool.extract(source("website"), fetched(deep_divs(100_000)))
        assert_crashed(obs, "CPU time limit exceeded (SIGXCPU)")
        await good_page(pool)  # the pool replaced its worker
        assert pool.stats.started == 2


async def test_D7_billion_laughs_feed_is_not_expanded() -> None:
    """Entity declarations are cut before parsing: no expansion, so the CPU limit never fires."""
    names = ["lol", *(f"lol{i}" for i in range(1, 10))]  # lol9 expands to 10**9 "lol"s
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY {name} "{f"&{names[i]};" * 10}">' for i, name in enumerate(names[1:])]
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]><rss version="2.0">'
            "<channel><title>t</title><item><title>&lol9;</title><link>https://acme.example/1</link>"
            "</item><item><title>fine</title><link>https://acme.example/2</link></item>"
            "</channel></rss>").encode()
    settings = PoolSettings(workers=1, memory_mb=512, cpu_seconds=2, wall_seconds=100)
    async with ParserPool(settings) as pool:
        obs = await pool.extract(source("feed", "https://acme.example/feed"),
                                 fetched(body, "application/rss+xml", "https://acme.example/feed"))
    assert pool.stats.crashes == 0
    assert obs.outcome in (Outcome.OK, Outcome.EXTRACTION_FAILED), obs
    assert all(len(item.title) < 200 for item in obs.items), [i.title[:50] for i in obs.items]


def redos_feed() -> bytes:
    author = "a@" + "a." * 16000 + "!"  # feedparser#562, PR #580: 4.5 s of CPU
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
            f"<link>https://acme.example/1</link><author>{author}</author></item></channel></rss>").encode()


async def test_D9_feed_kind_survives_the_author_redos() -> None:
    """The feed kind reads the ReDoS author well inside one CPU second (lean lxml path,
    pre-truncation), where feedparser would spend 4.5 s and be killed."""
    async with ParserPool(PoolSettings(workers=1, cpu_seconds=1, wall_seconds=100)) as pool:
        obs = await pool.extract(source("feed", "https://acme.example/feed"),
                                 fetched(redos_feed(), "application/rss+xml"))
    assert obs.outcome is Outcome.OK and [i.url for i in obs.items] == ["https://acme.example/1"]


async def test_D9_raw_feedparser_redos_dies_at_the_cpu_limit(crashy: ParserPool) -> None:
    """feedparser itself spends seconds on that author: the worker's CPU limit ends it."""
    obs = await crashy.extract(source("rawfeedparser"), fetched(redos_feed(), "application/rss+xml"))
    assert_crashed(obs, "CPU time limit exceeded")
    await good_page(crashy)


async def test_R20_segfault_costs_one_check_and_the_pool_recovers(crashy: ParserPool) -> None:
    """A SIGSEGV in the parser fails its own check; tasks queued behind it still succeed."""
    bad = crashy.extract(source("segfault"), fetched(b"<html></html>"))
    good = [crashy.extract(source("website"), fetched(PAGE.read_bytes())) for _ in range(3)]
    first, *rest = await asyncio.gather(bad, *good)
    assert_crashed(first, "segmentation fault (SIGSEGV)")
    assert all(o.outcome is Outcome.OK and o.facts for o in rest), rest
    assert (crashy.stats.crashes, crashy.stats.started) == (1, 2)


async def test_R20_hung_parser_killed_at_the_wall_clock() -> None:
    """A parser that blocks without using CPU (no RLIMIT_CPU help) is killed at the wall clock."""
    # 5 s: the worker started after the kill must parse a real page within it on a loaded machine
    settings = PoolSettings(workers=1, wall_seconds=5, registry=CRASHY)
    async with ParserPool(settings) as pool:
        async with asyncio.timeout(60):  # hang guard: the parser would sleep 120 s
            obs = await pool.extract(source("hang"), fetched(b"<html></html>"))
        assert_crashed(obs, "no answer within 5 s (worker killed)")
        await good_page(pool)


async def test_R20_out_of_memory_is_a_failed_check(crashy: ParserPool) -> None:
    """RLIMIT_AS turns a 4 GiB allocation into MemoryError; the worker answers, then retires."""
    obs = await crashy.extract(source("hog"), fetched(b"<html></html>"))
    assert_crashed(obs, "out of memory (limit 512 MiB)")
    await good_page(crashy)
    assert crashy.stats.started == 2


async def test_parser_exception_keeps_the_worker(crashy: ParserPool) -> None:
    """An ordinary exception is a failed check like extract_inline's, without a restart."""
    obs = await crashy.extract(source("raises"), fetched(b"<html></html>"))
    assert obs.outcome is Outcome.EXTRACTION_FAILED
    assert obs.detail == "parser error: ValueError('bad markup')"
    assert (crashy.stats.crashes, crashy.stats.started) == (0, 1)


async def test_R40_workers_see_no_environment(crashy: ParserPool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The extraction layer cannot read secrets from the environment (CVE-2026-33981)."""
    monkeypatch.setenv("SLACK_WEBHOOK_TEST", "https://hooks.slack.com/services/TXXXX/BXXXX/secret")
    obs = await crashy.extract(source("environment"), fetched(b"<html></html>"))
    assert [f.value for f in obs.facts] == ["<empty>"]


@pytest.mark.parametrize("path", [
    "pages/opentermsarchive/adopteunmec_privacy_policy.html",
    "pages/opentermsarchive/finya_privacy_policy.html",
    "social/linkedin/company_audiense_2024-10-05.html",
    "feeds/rsparser/scriptingNews.rss",
])
async def test_pool_gives_exactly_what_inline_extraction_gives(path: str) -> None:
    """Same Observation from a worker as in-process: nothing is lost on the way back."""
    body = (CORPUS / path).read_bytes()
    kind = "feed" if path.endswith(".rss") else "website"
    src, got = source(kind), fetched(body, "application/rss+xml" if kind == "feed" else "text/html")
    async with ParserPool(PoolSettings(workers=1)) as pool:
        assert await pool.extract(src, got) == await extract_inline(src, got)


async def test_D5_huge_text_node_and_many_siblings_parse_in_a_worker() -> None:
    """A 4 MiB text node and 100,000 sibling elements: parsed in bounded time, in the worker."""
    text_node = b"<html><body><p>" + b"word " * (4 * 1024 * 1024 // 5) + b"</p></body></html>"
    siblings = b"<html><body>" + b"<p>item</p>" * 100_000 + b"</body></html>"
    async with ParserPool(PoolSettings(workers=2, wall_seconds=100)) as pool:
        results = await asyncio.gather(*(pool.extract(source("website"), fetched(body))
                                         for body in (text_node, siblings)))
    assert [r.outcome for r in results] == [Outcome.OK, Outcome.OK]
    assert all(len(f.value) <= 20_000 for r in results for f in r.facts)  # the text fact is capped


async def test_D5_page_too_big_for_the_memory_cap_fails_cleanly() -> None:
    """400,000 siblings need ~170 MB to parse; under a 200 MiB cap lexbor's allocation fails."""
    siblings = b"<html><body>" + b"<p>x</p>" * 400_000 + b"</body></html>"
    async with ParserPool(PoolSettings(workers=1, memory_mb=200)) as pool:
        obs = await pool.extract(source("website"), fetched(siblings))
        assert obs.outcome is Outcome.EXTRACTION_FAILED, obs
        assert obs.detail and obs.detail.startswith(("parser error: SelectolaxError",
                                                     "parser crashed: out of memory")), obs.detail
        await good_page(pool)


def test_D5_precheck_passes_every_corpus_file() -> None:
    """No real page or feed comes near the limits (deepest in the corpus: under 100 levels)."""
    files = [p for p in CORPUS.rglob("*") if p.suffix in (".html", ".xml", ".rss", ".atom", ".rdf")]
    assert len(files) > 100
    for path in files:
        body = path.read_bytes()
        assert precheck(body) is None, path
        assert nesting_depth(body) < 200, path


@pytest.mark.parametrize(("hostile", "refused"), [
    (b"<script" * 10**6, False), (b"<a " * 2 * 10**6, False), (b"<!--" * 10**6, False),
    (b"<b>" * 10**6, True)])
@pytest.mark.timeout(60)  # hang guard: a quadratic scan of megabytes would never end
def test_D5_precheck_is_linear_on_hostile_markup(hostile: bytes, refused: bool) -> None:
    """Unclosed tags and comments are no nesting; a million nested elements are refused."""
    verdict = precheck(hostile)
    assert (verdict is not None and "nested deeper" in verdict) == refused, verdict


def test_D5_precheck_refuses_oversized_bodies() -> None:
    assert "too large" in (precheck(b"x" * (11 * 1024 * 1024)) or "")
    assert precheck(b"x" * 1024, max_bytes=512) is not None


def test_worker_answers_are_data_never_pickles() -> None:
    """The parent rebuilds an Observation field by field; anything else is refused."""
    obs = Observation(Outcome.OK)
    assert decode(encode(obs)) == obs
    for bad in (b"\x80\x04K\x01.", b"[]", b'["ok", null, [[1, 2, 3, 4]], [], []]', b"{"):
        with pytest.raises(BadAnswer):
            decode(bad)
