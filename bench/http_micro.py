"""Micro-benchmark of the fetch layer: client CPU milliseconds per GET against a local server.

    .venv/bin/python bench/http_micro.py [--requests 2000] [--concurrency 10 100]

The adversarial test server runs in a separate process, so the figures are the client's CPU
only (time.process_time of this process). Modes:

- ``raw``: asyncio streams, one keep-alive connection per slot, a conditional GET written and
  the 304's head read (no parser, no pool, no checks): the cost of the exchange itself;
- ``aiohttp``: a bare ``aiohttp.ClientSession`` (C parser): the floor of a 304 in Python here;
- ``aiohttp-py``: the same on our connector, whose pure-Python parser the transport pins (C10);
- ``httpcore``: plain ``httpx.AsyncClient()`` on its default httpcore pool (the baseline);
- ``guarded``: ``httpx.AsyncClient`` on our pinned aiohttp transport (monitor.fetch.transport);
- ``transport``: the same transport handed ``httpx.Request`` objects directly, as the Fetcher
  does; ``guarded`` − ``transport`` is what the AsyncClient's layers cost, ``transport`` −
  ``aiohttp-py`` what httpx's Request/Response and our mapping cost, ``aiohttp-py`` −
  ``aiohttp`` what the Python parser costs;
- ``fetch-304``: ``Fetcher.fetch`` with an ETag, the "unchanged check" path (robots cached,
  politeness, SSRF gate, classification), spread over as many host names as the concurrency;
- ``fetch-200``: the same with a small 200 body.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
import httpx

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.transport import GuardedTransport, _Connector


def _serve(port_queue: multiprocessing.Queue[int], stop: multiprocessing.Event) -> None:  # type: ignore[type-arg]
    """Run the hostile server in this (child) process until told to stop."""
    from tests.hostile import HostileServer

    with HostileServer() as server:
        port_queue.put(server.port)
        stop.wait(600)


async def _loopback(host: str, port: int) -> list[str]:
    """Every bench host name is this machine."""
    return ["127.0.0.1"]


async def _drive(n: int, concurrency: int, one: Callable[[int], Awaitable[None]]) -> tuple[float, float]:
    """Run ``one(i)`` n times with at most ``concurrency`` in flight; (cpu ms/GET, GET/s)."""
    gate = asyncio.Semaphore(concurrency)

    async def bounded(i: int) -> None:
        async with gate:
            await one(i)

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(bounded(i) for i in range(n)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu * 1000.0 / n, n / wall


async def bench_client(mode: str, port: int, n: int, concurrency: int) -> tuple[float, float]:
    """httpx with its own pool, or with our guarded aiohttp transport."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    transport = None if mode == "httpcore" else GuardedTransport(resolver=_loopback, allow_private=True)
    async with httpx.AsyncClient(transport=transport, limits=limits, trust_env=False) as client:
        url = f"http://127.0.0.1:{port}/etag"

        async def one(i: int) -> None:
            response = await client.get(url, headers={"If-None-Match": '"v1"'})
            assert response.status_code == 304, response.status_code

        await _drive(concurrency, concurrency, one)  # warm the pool
        return await _drive(n, concurrency, one)


async def bench_transport(mode: str, port: int, n: int, concurrency: int) -> tuple[float, float]:
    """Our transport without the AsyncClient: one ``httpx.Request`` per GET, as the Fetcher does."""
    transport = GuardedTransport(resolver=_loopback, allow_private=True)
    url = httpx.URL(f"http://127.0.0.1:{port}/etag")
    timeouts = httpx.Timeout(10.0).as_dict()
    try:

        async def one(i: int) -> None:
            request = httpx.Request("GET", url, headers={"If-None-Match": '"v1"'},
                                    extensions={"timeout": timeouts})
            response = await transport.handle_async_request(request)
            await response.aclose()
            assert response.status_code == 304, response.status_code

        await _drive(concurrency, concurrency, one)  # warm the pool
        return await _drive(n, concurrency, one)
    finally:
        await transport.aclose()


async def bench_aiohttp(mode: str, port: int, n: int, concurrency: int) -> tuple[float, float]:
    """aiohttp alone: its own connector (C parser) or ours (Python parser)."""
    connector = (_Connector(limit=concurrency) if mode == "aiohttp-py"
                 else aiohttp.TCPConnector(limit=concurrency))
    async with aiohttp.ClientSession(connector=connector) as session:
        url = f"http://127.0.0.1:{port}/etag"

        async def one(i: int) -> None:
            async with session.get(url, headers={"If-None-Match": '"v1"'}) as response:
                await response.read()
                assert response.status == 304, response.status

        await _drive(concurrency, concurrency, one)  # warm the pool
        return await _drive(n, concurrency, one)


async def bench_raw(mode: str, port: int, n: int, concurrency: int) -> tuple[float, float]:
    """The floor: a conditional GET and its 304 on a kept-alive asyncio stream."""
    free: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(concurrency):
        free.put_nowait(await asyncio.open_connection("127.0.0.1", port))
    request = (f"GET /etag HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               'If-None-Match: "v1"\r\nAccept-Encoding: gzip\r\n\r\n').encode()

    async def one(i: int) -> None:
        reader, writer = await free.get()
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 304"), head[:40]
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        if length:
            await reader.readexactly(length)
        free.put_nowait((reader, writer))

    try:
        await _drive(concurrency, concurrency, one)
        return await _drive(n, concurrency, one)
    finally:
        while not free.empty():
            free.get_nowait()[1].close()


async def bench_fetch(mode: str, port: int, n: int, concurrency: int) -> tuple[float, float]:
    """The full Fetcher path, one host name per concurrent slot."""
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, max_concurrency=concurrency)
    path, etag = ("/etag", '"v1"') if mode == "fetch-304" else ("/ok", None)
    async with Fetcher(settings, resolver=_loopback) as fetcher:

        async def one(i: int) -> None:
            result = await fetcher.fetch(f"http://h{i % concurrency}.bench:{port}{path}", etag=etag)
            assert result.error is None, result

        await _drive(concurrency, concurrency, one)  # warm robots.txt and the pool
        return await _drive(n, concurrency, one)


def main() -> None:
    """Start the server process, run every mode at every concurrency, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--modes", nargs="+", help="only these modes (default: all)")
    args = parser.parse_args()
    ctx = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue[int] = ctx.Queue()
    stop = ctx.Event()
    server = ctx.Process(target=_serve, args=(ports, stop), daemon=True)
    server.start()
    try:
        port = ports.get(timeout=30)
        print(f"{'mode':<12} {'conc':>5} {'cpu ms/GET':>11} {'GET/s':>8}")
        for concurrency in args.concurrency:
            for mode in ("raw", "aiohttp", "aiohttp-py", "httpcore", "guarded", "transport", "fetch-304",
                         "fetch-200"):
                if args.modes and mode not in args.modes:
                    continue
                run = (bench_raw if mode == "raw" else bench_client if mode in ("httpcore", "guarded") else
                       bench_transport if mode == "transport" else
                       bench_aiohttp if mode.startswith("aiohttp") else bench_fetch)
                ms, rate = asyncio.run(run(mode, port, args.requests, concurrency))
                print(f"{mode:<12} {concurrency:>5} {ms:>11.3f} {rate:>8.0f}")
    finally:
        stop.set()
        server.join(10)


if __name__ == "__main__":
    main()
