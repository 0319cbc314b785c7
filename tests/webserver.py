"""A small real HTTP server on 127.0.0.1 for tests: routes set by the test, every request logged.

Serves corpus pages byte for byte, with optional ETag/Last-Modified validation, so the fetch
layer meets real sockets, headers and conditional requests.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import xxhash


@dataclass
class Page:
    """What one path answers."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag/Last-Modified and answer 304 when they match


@dataclass(frozen=True)
class Hit:
    """One logged request."""

    path: str
    at: float
    status: int
    headers: dict[str, str]


class Site:
    """The mutable state of the server: its pages and its request log."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.log: list[Hit] = []
        self.lock = threading.Lock()

    def set(self, path: str, body: bytes | str, **kwargs: object) -> None:
        """Serve ``body`` at ``path`` from now on."""
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.pages[path] = Page(data, **kwargs)  # type: ignore[arg-type]

    def hits(self, path: str | None = None) -> list[Hit]:
        """Logged requests, optionally for one path."""
        with self.lock:
            return [h for h in self.log if path is None or h.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with site.lock:
                page = site.pages.get(path)
            status, body, headers = self._answer(page)
            with site.lock:
                site.log.append(Hit(path, time.monotonic(), status, dict(self.headers.items())))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, page: Page | None) -> tuple[int, bytes, dict[str, str]]:
            if page is None:
                if self.path == "/robots.txt":
                    return 200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"}
                return 404, b"not found", {"Content-Type": "text/plain"}
            headers = {"Content-Type": page.content_type, **page.headers}
            if page.validators and page.status == 200:
                etag = '"' + xxhash.xxh64_hexdigest(page.body) + '"'
                headers["ETag"] = etag
                headers["Last-Modified"] = formatdate(1_700_000_000, usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    return 304, b"", {"ETag": etag}
            return page.status, page.body, headers

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads the request log instead."""

    return Handler


class _Server(ThreadingHTTPServer):
    """Quiet when a client hangs up mid-answer (a fetch deadline on a loaded machine): that is
    the client's behaviour to test, and a traceback on stderr would land in a CLI's output."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


async def loopback(host: str, port: int) -> list[str]:
    """A resolver for the Fetcher: every test host name is this machine."""
    return ["127.0.0.1"]


@contextmanager
def serve(site: Site | None = None, address: str = "127.0.0.1") -> Iterator[tuple[Site, str]]:
    """Run a server on ``address`` (127.0.0.1) on a free port; yields (site, base URL)."""
    site = site or Site()
    server = _Server((address, 0), _handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://{address}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
