"""The fleet's parts against a real redis-server: idempotent answers, a hostile page on a
worker, another release's order, and politeness shared by two workers.

Runs the writer and the worker machinery in-process (the fault tests run them as processes).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import replace
from pathlib import Path

import dramatiq
import pytest

from monitor.clock import utcnow
from monitor.fetch.client import FetchSettings
from monitor.fleet.broker import send
from monitor.fleet.codec import (
    MAX_BODY,
    VERSION,
    Answer,
    CodecError,
    Order,
    decode_answer,
    decode_order,
    encode_answer,
    encode_order,
)
from monitor.fleet.gate import SharedPoliteness
from monitor.fleet.observe import Replay, _worth_extracting
from monitor.fleet.settings import ANSWER_ACTOR, ANSWERS, CHECK_ACTOR, CHECKS, FleetSettings
from monitor.fleet.worker import FleetFetcher, FleetWorker
from monitor.fleet.writer import FleetRunner
from monitor.models import Fetched, Outcome, Source
from monitor.normalize import fingerprint
from monitor.pipeline import Context, body_hashes, page_hash
from monitor.scheduler.reload import ConfigWatcher
from monitor.sources import KINDS
from monitor.store.db import open_db
from monitor.workers import PoolSettings
from tests import crashy_kinds
from tests.test_fleet_support import (
    HEARTBEAT_S,
    RedisServer,
    page,
    redis_server,
    sources_yaml,
    wait_for,
)
from tests.webserver import serve

__all__ = ["redis_server"]  # a fixture, imported for pytest

GUARD = 60.0


def fleet(server: RedisServer) -> FleetSettings:
    """Settings for one test's server, with the tests' short heartbeat."""
    return FleetSettings(url=server.url, heartbeat_s=HEARTBEAT_S, maintenance_per_million=1_000_000)


def test_codec_refuses_another_version_in_one_clear_line() -> None:
    order = Order(check_id="c1", source=Source("a:website:1", "a", "website", "https://a.example/", 3600))
    assert decode_order(encode_order(order)) == order
    older = dict(encode_order(order), v=VERSION - 1)  # a worker of the previous release
    with pytest.raises(CodecError, match=f"order in format v{VERSION - 1}; this release reads "
                                         f"v{VERSION}: run the same monitor release"):
        decode_order(older)
    with pytest.raises(CodecError, match="no version"):
        decode_answer({"check": "c1"})


def test_a_worker_knows_the_same_bytes_unchanged_by_their_raw_hash() -> None:
    """The order carries the raw hash stored with the page hash: a byte-identical body is not
    extracted again (no stripping either), whatever the page hash; other bytes still are."""
    body = b"<html><body><p>Same as last time</p></body></html>"
    fetched = Fetched(url="u", final_url="u", outcome=Outcome.OK, status=200, body=body)
    source = Source("a:website:1", "a", "website", "https://a.example/", 3600)
    known = Order(check_id="c1", source=source, settled=True, body_hash="not-this-page",
                  raw_hash=fingerprint(body))
    assert decode_order(encode_order(known)) == known
    assert not _worth_extracting(known, fetched)
    assert _worth_extracting(replace(known, raw_hash=fingerprint(b"other bytes")), fetched)
    assert _worth_extracting(replace(known, settled=False), fetched)


def test_the_worker_skips_extraction_exactly_when_the_writer_finds_the_body_unchanged() -> None:
    """The worker's shortcut and the writer's are one rule: for every stored pair (raw hash,
    page hash), the worker extracts when the hashes the writer computes differ from the stored
    page hash. A raw hash stored without its page hash proves nothing: the body is extracted."""
    body = b"<html><body><p>Page of this check</p></body></html>"
    fetched = Fetched(url="u", final_url="u", outcome=Outcome.OK, status=200, body=body)
    source = Source("a:website:1", "a", "website", "https://a.example/", 3600)
    raws = (None, fingerprint(body), fingerprint(b"other bytes"))
    pages = (None, page_hash(body), "another-page")
    for raw, stored in itertools.product(raws, pages):
        order = Order(check_id="c1", source=source, settled=True, body_hash=stored, raw_hash=raw)
        writer_unchanged = body_hashes(body, raw, stored).page == stored
        assert _worth_extracting(order, fetched) is not writer_unchanged, (raw, stored)
    orphan = Order(check_id="c1", source=source, settled=True, raw_hash=fingerprint(body))
    assert _worth_extracting(orphan, fetched)


def test_an_answer_body_larger_than_any_fetch_is_refused() -> None:
    huge = Fetched(url="u", final_url="u", outcome=Outcome.OK, body=b"\0" * (MAX_BODY + 1))
    answer = Answer(check_id="c1", source_id="s", exchanges=(("u", huge),), final=huge,
                    observation=None, ms=1.0, worker="w")
    with pytest.raises(CodecError, match="larger than any fetch"):
        decode_answer(encode_answer(answer))


async def test_an_answer_delivered_twice_is_recorded_once(tmp_path: Path,
                                                          redis_server: RedisServer) -> None:
    url = "http://127.0.0.1:9/acme"
    (tmp_path / "sources.yaml").write_text(sources_yaml("http://127.0.0.1:9", ["acme"]))
    db = open_db(tmp_path / "monitor.db")
    watcher = ConfigWatcher(tmp_path / "sources.yaml", db, utcnow, allow_private=True)
    watcher.load()
    (source,) = watcher.sources.values()
    body = page("Acme", "info@acme.example")
    fetched = Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200, body=body,
                      headers={"content-type": "text/html", "content-length": str(len(body))})
    answer = Answer(check_id="order-1", source_id=source.id, exchanges=((url, fetched),),
                    final=fetched, observation=KINDS["website"].extract(fetched, source), ms=5.0, worker="test")
    ctx = Context(db=db, fetcher=FleetRunner.stand_in(), clock=utcnow)
    async with FleetRunner(fleet(redis_server), ctx, watcher) as runner:
        for _ in range(2):  # a worker killed after sending, an order re-sent by its lease
            send(runner.broker, queue=ANSWERS, actor=ANSWER_ACTOR, argument=encode_answer(answer))
        deadline = time.monotonic() + GUARD
        while (runner.recorded, runner.duplicates) != (1, 1) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    assert (runner.recorded, runner.duplicates) == (1, 1)
    assert db.execute("SELECT count(*) FROM checks").fetchone() == (1,)
    assert db.execute("SELECT check_id FROM fleet_answers").fetchall() == [("order-1",)]
    assert db.execute("SELECT value FROM facts WHERE field = 'email'").fetchall() == [
        ("info@acme.example",)]
    db.close()


def test_a_page_that_kills_the_parser_costs_that_check_not_the_worker(
        redis_server: RedisServer) -> None:
    settings = fleet(redis_server)
    pool = PoolSettings(workers=1, cpu_seconds=1, wall_seconds=5, memory_mb=512,
                        registry="tests.crashy_kinds:KINDS")
    worker = FleetWorker(settings, FetchSettings(allow_private=True, min_host_delay=0.05),
                         concurrency=1, pool=pool, kinds=crashy_kinds.KINDS, name="w1")
    with serve() as (site, base):
        site.set("/p", page("Acme", "info@acme.example"))
        orders = [Order(check_id=kind, source=Source(f"a:{kind}:1", "a", kind, f"{base}/p", 3600))
                  for kind in ("segfault", "website")]
        worker.start()
        try:
            broker = worker.broker
            newer = dict(encode_order(orders[0]), v=VERSION_AHEAD)
            for argument in (newer, *(encode_order(o) for o in orders)):
                send(broker, queue=CHECKS, actor=CHECK_ACTOR, argument=argument)
            answers = wait_for(lambda: _answers(redis_server, 2), GUARD, "two answers")
        finally:
            worker.stop()
    assert isinstance(answers, dict)
    crashed, good = answers["segfault"].observation, answers["website"].observation
    assert crashed is not None and crashed.outcome is Outcome.EXTRACTION_FAILED
    assert "crash" in (crashed.detail or "")
    assert good is not None and good.outcome is Outcome.OK
    assert any(f.value == "info@acme.example" for f in good.facts)
    assert (worker.refused, worker.answered) == (1, 2)  # the same worker answered after the crash


VERSION_AHEAD = VERSION + 1  # an order from a newer scheduler


def _answers(server: RedisServer, n: int) -> dict[str, Answer] | None:
    raw = server.client().hvals(f"monitor:{ANSWERS}.msgs")
    if len(raw) < n:
        return None
    found = [decode_answer(dramatiq.Message.decode(r).args[0]) for r in raw]
    return {a.check_id: a for a in found}


async def test_politeness_holds_across_two_workers(redis_server: RedisServer) -> None:
    settings = fleet(redis_server)
    delay = 0.2
    fetch = FetchSettings(allow_private=True, min_host_delay=delay, robots=False)
    conns = [redis_server.client() for _ in range(2)]
    workers = [FleetFetcher(fetch, SharedPoliteness(settings, c, min_delay=delay,
                                                    max_concurrency=10)) for c in conns]
    with serve() as (site, base):
        site.set("/p", "<html><body>ok</body></html>")
        site.set("/busy", "busy", status=429, headers={"Retry-After": "120"})
        try:
            await asyncio.gather(*(w.fetch(f"{base}/p") for w in workers for _ in range(5)))
            starts = sorted(h.at for h in site.hits("/p"))
            refused = await _retry_after_is_shared(workers, base)
        finally:
            for w in workers:
                await w.aclose()
            for c in conns:
                c.close()
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 10 and min(gaps) >= delay * 0.95, gaps
    assert refused.error == "backoff" and not site.hits("/after")


async def _retry_after_is_shared(workers: list[FleetFetcher], base: str) -> Fetched:
    """Worker 0 meets a 429 with Retry-After; worker 1 must then stay away from the host."""
    first = await workers[0].fetch(f"{base}/busy")
    assert first.status == 429
    until = workers[1].not_before("127.0.0.1")
    assert until is not None and until > time.time() + 60
    return await workers[1].fetch(f"{base}/after")


def test_replay_gives_back_each_url_in_order_and_nothing_else() -> None:
    a1 = Fetched(url="u", final_url="u", outcome=Outcome.OK, status=200, body=b"1")
    a2 = Fetched(url="u", final_url="u", outcome=Outcome.OK, status=200, body=b"2")
    replay = Replay((("u", a1), ("u", a2)))

    async def three() -> list[Fetched]:
        return [await replay.fetch("u"), await replay.fetch("u"), await replay.fetch("v")]

    got = asyncio.run(three())
    assert [g.body for g in got[:2]] == [b"1", b"2"]
    assert got[2].outcome is Outcome.ERROR and got[2].error == "internal"


async def test_a_kind_routed_by_the_workers_environment_is_recorded_from_its_final_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The x kind reads the API when the worker holds a token; the writer holds none."""
    from monitor.fetch.client import Fetcher
    from monitor.fleet.observe import conclude, observe
    from monitor.pipeline import extract_inline
    from monitor.store.db import open_db as open_memory

    with serve() as (site, base):
        site.set("/2/users/by/username/acme",
                 '{"data": {"id": "1", "name": "Acme", "username": "acme",'
                 ' "description": "We make things", "public_metrics": {"followers_count": 5}}}',
                 content_type="application/json")
        site.set("/2/users/1/tweets", '{"data": []}', content_type="application/json")
        source = Source("a:x:1", "a", "x", "https://x.com/acme", 3600,
                        options={"handle": "acme", "api_base": f"{base}/2"})
        order = Order(check_id="c1", source=source)
        monkeypatch.delenv("MONITOR_X_BEARER_TOKEN", raising=False)  # the worker's settings hold it
        own = FetchSettings(allow_private=True, robots=False, x_token="worker-only")
        async with Fetcher(own) as fetcher:
            answer = await observe(order, fetcher, extract_inline, KINDS, "w")
    answer = decode_answer(encode_answer(answer))
    assert answer.final is not None and answer.final.outcome is Outcome.OK
    db = open_memory(":memory:")
    result = await conclude(answer, source, Context(db=db, fetcher=Replay(()), clock=utcnow))
    assert result.outcome is Outcome.OK  # not "the worker's answer holds no response"
    db.close()


async def test_a_crawl_delay_read_by_one_worker_spaces_every_worker(
        redis_server: RedisServer) -> None:
    settings = fleet(redis_server)
    conns = [redis_server.client() for _ in range(2)]
    one, other = (SharedPoliteness(settings, c, min_delay=0.05, max_concurrency=4) for c in conns)
    try:
        one.set_robots_delay("slow.example", 0.6)  # only this worker read robots.txt
        async with one.turn("slow.example"):
            pass
        ended = time.monotonic()
        async with other.turn("slow.example"):
            began = time.monotonic()
    finally:
        for p in (one, other):
            await p.aclose()
        for c in conns:
            c.close()
    assert began - ended >= 0.6 * 0.95


def test_status_shows_queue_workers_and_answers_waiting(tmp_path: Path,
                                                        redis_server: RedisServer) -> None:
    from click.testing import CliRunner

    from monitor.cli import main

    conn = redis_server.client()
    conn.hset("monitor:workers", mapping={"a:1": time.time(), "b:2": time.time() - 3600})
    conn.close()
    (tmp_path / "sources.yaml").write_text(sources_yaml("http://127.0.0.1:9", ["acme"]))
    env = {"MONITOR_BROKER_URL": redis_server.url, "MONITOR_DB": str(tmp_path / "m.db"),
           "MONITOR_SOURCES": str(tmp_path / "sources.yaml")}
    result = CliRunner().invoke(main, ["status"], env=env)
    assert result.exit_code == 0, result.output
    assert ("Fleet: 0 order(s) queued, 0 being fetched, 1 worker(s) seen in the last minute, "
            "0 answer(s) waiting to be recorded") in result.output
    down = dict(env, MONITOR_BROKER_URL="redis://127.0.0.1:9/0")
    result = CliRunner().invoke(main, ["status"], env=down)
    assert result.exit_code == 0 and "Fleet: cannot reach the broker" in result.output
