"""Bounded reading of a response body: size caps and bomb-safe decompression (R22, R27).

We offer only ``Accept-Encoding: gzip, deflate`` and decode ourselves with
``zlib.decompressobj().decompress(data, max_length)``, so one network chunk can never expand
past the cap (httpx's own decoders have no ``max_length``; Scrapy CVE-2025-6176). A coding we
did not offer (br, zstd) or more than one layer is refused without decoding anything.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import httpx

from monitor.fetch.classify import FetchFailure

ACCEPT_ENCODING = "gzip, deflate"
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
_REPLAY_LIMIT = 1024  # input kept until the first output, to retry "deflate" as raw deflate


def content_coding(headers: Mapping[str, str]) -> str | None:
    """The one content-coding to undo (None for identity), or FetchFailure bad_encoding."""
    raw = headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in raw.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1:
        raise FetchFailure("bad_encoding", f"nested content-encoding refused: {raw[:80]}")
    if codings and codings[0] not in _WBITS:
        raise FetchFailure("bad_encoding", f"content-encoding we did not offer: {raw[:80]}")
    return codings[0] if codings else None


def declared_length(headers: Mapping[str, str]) -> int | None:
    """The Content-Length as an int, or None when absent or not a plain number."""
    value = headers.get("content-length", "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


class Inflater:
    """Decoder for one gzip/deflate stream whose output is bounded per call."""

    def __init__(self, coding: str) -> None:
        self._coding = coding
        self._obj = zlib.decompressobj(_WBITS[coding])
        self._raw_tried = False
        self._replay = b""  # input seen before any output, for the raw-deflate retry
        self._produced = False
        self._fed = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode ``data`` into at most ``room + 1`` bytes (more than ``room`` = too large)."""
        self._fed = self._fed or bool(data)
        if not self._produced and len(self._replay) < _REPLAY_LIMIT:
            self._replay += data
        out: list[bytes] = []
        made = 0
        while data and made <= room:
            try:
                piece = self._obj.decompress(data, room - made + 1)
            except zlib.error as exc:
                data = self._retry_raw(exc)
                continue
            made += len(piece)
            out.append(piece)
            self._produced = self._produced or bool(piece)
            if self._obj.eof:
                data = self._next_member(self._obj.unused_data)
            elif not piece and len(self._obj.unconsumed_tail) >= len(data):
                break  # no progress: zlib is waiting for more input
            else:
                data = self._obj.unconsumed_tail
        return b"".join(out)

    def _retry_raw(self, exc: zlib.error) -> bytes:
        """Servers often send raw deflate for "deflate"; retry once that way, from the start."""
        if self._coding != "deflate" or self._raw_tried or self._produced:
            raise FetchFailure("bad_encoding", f"corrupt {self._coding} body: {exc}") from exc
        self._raw_tried = True
        self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._replay

    def _next_member(self, rest: bytes) -> bytes:
        """Continue with a following gzip member; other trailing bytes are ignored."""
        if self._coding in ("gzip", "x-gzip") and rest.startswith(b"\x1f\x8b"):
            self._obj = zlib.decompressobj(_WBITS[self._coding])
            return rest
        return b""

    def finish(self) -> None:
        """Raise FetchFailure truncated unless the stream ended properly (or never began)."""
        if self._fed and not self._obj.eof:
            raise FetchFailure("truncated", f"{self._coding} stream ended early")


async def read_body(response: httpx.Response, max_bytes: int, *, truncate: bool = False) -> bytes:
    """Read and decode the body, capped at ``max_bytes`` decoded and twice that on the wire.

    Over the cap it raises FetchFailure ``too_large`` and keeps nothing, or, with
    ``truncate``, returns the first ``max_bytes`` bytes (robots.txt, RFC 9309 2.5).
    """
    coding = content_coding(response.headers)
    wire_cap = max_bytes if coding is None else 2 * max_bytes
    length = declared_length(response.headers)
    if length is not None and length > wire_cap and not truncate:
        raise FetchFailure("too_large", f"Content-Length {length} is over the {max_bytes} cap")
    inflater = Inflater(coding) if coding else None
    parts: list[bytes] = []
    size = wire = 0
    async for chunk in response.aiter_raw():
        wire += len(chunk)
        data = inflater.feed(chunk, max_bytes - size) if inflater else chunk
        size += len(data)
        parts.append(data)
        if size > max_bytes or wire > wire_cap:
            if truncate:
                return b"".join(parts)[:max_bytes]
            parts.clear()  # keep no partial body
            raise FetchFailure("too_large", f"body larger than {max_bytes} bytes")
    if inflater:
        inflater.finish()
    return b"".join(parts)
