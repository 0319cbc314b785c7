"""An adversarial HTTP/1.1 server on 127.0.0.x for fetch-layer tests (the C cases of docs/reliability.md).

Raw asyncio sockets in a thread of their own, so it can lie about lengths, break chunked
framing, reset mid-body, drip bytes, never answer, and send status lines no framework would.
Modelled on Scrapy's tests/mockserver/http_resources.py. Every loop is bounded in count and
time. ``hits`` logs every request (time, Host, path, headers) so tests can measure gaps.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import ssl
import struct
import threading
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"
MAX_STREAM_SECONDS = 120.0  # no endless route runs longer; well past every test's hang guard
Writer = asyncio.StreamWriter


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    at: float  # time.monotonic()
    host: str  # Host header without the port
    path: str  # path and query
    headers: dict[str, str]  # lower-cased names
    local: str  # the server address the connection reached


def head(status: int | str, headers: dict[str, str] | list[tuple[str, str]], reason: str = "X") -> bytes:
    """A status line and header block."""
    items = headers.items() if isinstance(headers, dict) else headers
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in items]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def reply(status: int | str, body: bytes = b"", **extra: str) -> bytes:
    """A complete response with Content-Length."""
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
    headers.update({k.replace("_", "-"): v for k, v in extra.items()})
    return head(status, headers) + body


class HostileServer:
    """The adversarial server. Use as a context manager; ``url(path, host)`` builds URLs."""

    _bomb: bytes | None = None

    def __init__(self, address: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None) -> None:
        self.address, self.port, self._tls = address, port, tls
        self.hits: list[Hit] = []
        self.robots: dict[str, tuple[int, bytes]] = {}  # Host -> (status, body); 0 = silent
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._thread = threading.Thread(target=self._main, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("hostile server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def url(self, path: str, host: str | None = None) -> str:
        """``http(s)://host:port/path`` (host defaults to the bound address)."""
        scheme = "https" if self._tls else "http"
        return f"{scheme}://{host or self.address}:{self.port}{path}"

    def hits_for(self, prefix: str, host: str | None = None) -> list[Hit]:
        """Requests whose path starts with ``prefix`` (and came for ``host``)."""
        return [h for h in list(self.hits) if h.path.startswith(prefix) and host in (None, h.host)]

    def _main(self) -> None:
        asyncio.run(self._serve_forever())

    async def _serve_forever(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        server = await asyncio.start_server(self._connection, self.address, self.port, ssl=self._tls)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stop.wait()
        server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: Writer) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            for _ in range(1000):  # keep-alive, bounded
                try:
                    raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, OSError):
                    break
                if not await self._dispatch(raw, writer):
                    break
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            writer.close()

    async def _dispatch(self, raw: bytes, writer: Writer) -> bool:
        lines = raw.decode("latin-1").split("\r\n")
        target = lines[0].split(" ")[1]
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        host = headers.get("host", "").rsplit(":", 1)[0]
        local = str(writer.get_extra_info("sockname")[0])
        self.hits.append(Hit(time.monotonic(), host, target, headers, local))
        parts = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        for prefix, handler in self._routes():
            if parts.path.startswith(prefix):
                return await handler(writer, parts.path, query, headers)
        return await self._send(writer, reply(404, b"not here"))

    def _routes(self) -> list[tuple[str, Callable[[Writer, str, dict[str, str], dict[str, str]], Awaitable[bool]]]]:
        return [
            ("/robots.txt", self._robots), ("/ok", self._ok), ("/etag", self._etag),
            ("/rotating-etag", self._rotating), ("/headers", self._echo), ("/endless", self._endless),
            ("/huge-length", self._huge_length), ("/gzip-bomb", self._gzip_bomb),
            ("/encoded", self._encoded), ("/loop/", self._loop_route), ("/chain/", self._chain),
            ("/redirect", self._redirect), ("/drip", self._drip), ("/silent", self._silent), ("/slow", self._slow),
            ("/reset", self._reset), ("/short", self._short), ("/broken-chunked", self._broken_chunked),
            ("/status/", self._status), ("/retry-after", self._retry_after),
            ("/cf-challenge", self._challenge), ("/big-header", self._big_header), ("/dup-ct", self._dup_ct),
        ]

    async def _send(self, writer: Writer, data: bytes, keep: bool = True) -> bool:
        writer.write(data)
        await writer.drain()
        return keep

    async def _robots(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        status, body = self.robots.get(h.get("host", "").rsplit(":", 1)[0], (404, b"none"))
        if status == 0:  # never answer
            await asyncio.sleep(MAX_STREAM_SECONDS)
            return False
        if 300 <= status < 400:  # the body names where robots.txt moved
            return await self._send(w, reply(status, b"", Location=body.decode()))
        return await self._send(w, reply(status, body, Content_Type="text/plain"))

    async def _ok(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        body = (b"a" * int(q["size"])) if "size" in q else f"<html>hello {path}</html>".encode()
        return await self._send(w, reply(200, body, ETag='"ok-v1"'))

    async def _etag(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        if h.get("if-none-match") == '"v1"' or h.get("if-modified-since") == LAST_MODIFIED:
            return await self._send(w, head(304, {"ETag": '"v1"'}))
        return await self._send(w, reply(200, b"<html>stable</html>", ETag='"v1"', Last_Modified=LAST_MODIFIED))

    async def _rotating(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        return await self._send(w, reply(200, b"<html>same body</html>", ETag=f'"{uuid.uuid4()}"'))

    async def _echo(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        return await self._send(w, reply(200, json.dumps(h).encode(), Content_Type="application/json"))

    async def _endless(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        w.write(head(200, {"Transfer-Encoding": "chunked", "Content-Type": "text/html"}))
        chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
        deadline = time.monotonic() + MAX_STREAM_SECONDS
        for _ in range(40_000):  # at most ~2.5 GB, or until the client hangs up
            if time.monotonic() > deadline:
                break
            w.write(chunk)
            await w.drain()
        return False

    async def _huge_length(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        w.write(head(200, {"Content-Length": "10737418240", "Content-Type": "text/html"}))
        for _ in range(100):  # a little of the promised 10 GB, slowly: 6 MB over 50 s
            w.write(b"x" * 65536)
            await w.drain()
            await asyncio.sleep(0.5)
        return False

    async def _gzip_bomb(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        if HostileServer._bomb is None:  # ~10 KB on the wire, 10 MiB of zeros decoded; made once
            HostileServer._bomb = gzip.compress(b"\0" * (10 * 1024 * 1024), compresslevel=9)
        return await self._send(w, reply(200, HostileServer._bomb, Content_Encoding="gzip"))

    async def _encoded(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        text = b"<html>" + b"compressed hello " * 100 + b"</html>"
        kind = path.rsplit("/", 1)[-1]
        raw_deflate = zlib.compressobj(wbits=-15)
        bodies = {
            "gzip": ("gzip", gzip.compress(text)), "deflate": ("deflate", zlib.compress(text)),
            "raw-deflate": ("deflate", raw_deflate.compress(text) + raw_deflate.flush()),
            "br": ("br", b"\x1b\xff\xff" * 300), "zstd": ("zstd", b"\x28\xb5\x2f\xfd" + b"\0" * 900),
            "nested": ("gzip, gzip", gzip.compress(gzip.compress(text))),
            "cut-gzip": ("gzip", gzip.compress(text)[:40]), "garbage": ("gzip", b"not gzip at all"),
        }
        coding, body = bodies[kind]
        return await self._send(w, reply(int(q.get("status", "200")), body, Content_Encoding=coding))

    async def _loop_route(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        other = "/loop/b" if path.endswith("/a") else "/loop/a"
        return await self._send(w, reply(302, b"", Location=other))

    async def _chain(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        left = int(path.rsplit("/", 1)[-1])
        if left <= 0:
            return await self._send(w, reply(200, b"<html>end of chain</html>"))
        return await self._send(w, reply(302, b"", Location=f"/chain/{left - 1}"))

    async def _redirect(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        return await self._send(w, reply(int(q.get("status", "302")), b"", Location=q["to"]))

    async def _drip(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        w.write(head(200, {"Content-Length": "100000", "Content-Type": "text/html"}))
        every = float(q.get("every", "0.5"))
        for _ in range(int(MAX_STREAM_SECONDS / every)):  # 1 byte per interval, "forever"
            w.write(b"x")
            await w.drain()
            await asyncio.sleep(every)
        return False

    async def _slow(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        await asyncio.sleep(min(float(q.get("s", "0.2")), MAX_STREAM_SECONDS))
        return await self._send(w, reply(200, b"<html>slow</html>"))

    async def _silent(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        await asyncio.sleep(MAX_STREAM_SECONDS)
        return False

    async def _reset(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        await self._send(w, head(200, {"Content-Length": "100000", "Content-Type": "text/html"}) + b"x" * 1000)
        await asyncio.sleep(0.05)
        sock = w.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
        w.transport.abort()
        return False

    async def _short(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        return await self._send(w, head(200, {"Content-Length": "1000", "Content-Type": "text/html"}) + b"y" * 500, False)

    async def _broken_chunked(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        framing = head(200, {"Transfer-Encoding": "chunked", "Content-Type": "text/html"})
        if "split" in q:  # the head first, so the breakage arrives while the body is read
            await self._send(w, framing + b"5\r\nhello\r\n")
            await asyncio.sleep(0.05)
            framing = b""
        return await self._send(w, framing + b"5\r\nhello\r\nzz-not-hex\r\nboom\r\n0\r\n\r\n", False)

    async def _status(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        code = path.rsplit("/", 1)[-1]
        return await self._send(w, head(code, {"Content-Length": "6", "Content-Type": "text/html"}, "Request denied") + b"status")

    async def _retry_after(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        extra = {"Retry_After": q["value"]} if "value" in q else {}
        return await self._send(w, reply(int(q.get("status", "429")), b"slow down", **extra))

    async def _challenge(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        body = b"<html><head><title>Just a moment...</title></head><body>checking</body></html>"
        return await self._send(w, reply(int(q.get("status", "503")), body, cf_mitigated="challenge"))

    async def _big_header(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        return await self._send(w, reply(200, b"ok", X_Huge="h" * 70_000), False)

    async def _dup_ct(self, w: Writer, path: str, q: dict[str, str], h: dict[str, str]) -> bool:
        headers = [("Content-Type", "text/html"), ("Content-Type", "application/json"), ("Content-Length", "2")]
        return await self._send(w, head(200, headers) + b"ok")
