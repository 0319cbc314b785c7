"""The fleet's wire format: one versioned codec for the check order and for its answer.

An order carries everything a fetch needs (the source, its validators, whether a value awaits
confirmation, the last body hash); an answer carries everything the writer needs (every HTTP
exchange the kind made, and the observation when one was extracted). Both travel as
``{"v": VERSION, "type": ..., "data": <base64 of zlib'd JSON>}``: the version is readable without
decoding the rest, so a worker of another release refuses an order in one clear line instead of
crashing on a field it does not know. Answers are rebuilt field by field and type-checked: the
writer never trusts what a page could have shaped.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from monitor.fetch.client import FetchSettings
from monitor.fetch.render import ShotSettings
from monitor.models import Fetched, Observation, Outcome, Render, Source
from monitor.workers.protocol import BadAnswer, checked_opt, checked_str
from monitor.workers.protocol import decode as decode_observation
from monitor.workers.protocol import encode as encode_observation

VERSION = 2  # 2: answers carry what a worker's browser rendered (page, picture, refusals)
MAX_BODY = 2 * FetchSettings().max_bytes  # an answer's body is never larger than a fetch reads
MAX_SHOT = 2 * ShotSettings().max_bytes  # nor a screenshot larger than the browser keeps


class CodecError(ValueError):
    """A message this release cannot read (another version, or malformed)."""


@dataclass(frozen=True)
class Order:
    """One check to run: sent by the scheduler, read by any worker."""

    check_id: str
    source: Source
    etag: str | None = None
    last_modified: str | None = None
    settled: bool = False  # no value awaits confirmation: an unchanged body may skip extraction
    body_hash: str | None = None
    raw_hash: str | None = None  # the raw bytes' hash of the body that hashed to body_hash
    sent_at: float = 0.0  # time.time() of the first send (re-sends keep it)


@dataclass(frozen=True)
class Answer:
    """What a worker saw for one order: its exchanges, in order, and maybe an observation."""

    check_id: str
    source_id: str
    exchanges: tuple[tuple[str, Fetched], ...]  # (requested URL, what came back)
    final: Fetched | None  # what the kind's fetch made of them (a bundle, say)
    observation: Observation | None
    ms: float  # the worker's fetch + extract time
    worker: str
    # The page as the worker's browser showed it (DOM, screenshot, refused requests), when
    # the source asked for that or the page was a script shell; a failed render is an ERROR.
    rendered: Fetched | None = None
    # A picture of a page read without the browser, taken because its body changed: the
    # writer keeps it only if the diff records a change (as the embedded path takes it).
    picture: Render | None = None


def encode_order(order: Order) -> dict[str, Any]:
    """An order as a JSON-safe message argument."""
    s = order.source
    return _wrap("order", {
        "check": order.check_id, "etag": order.etag, "last_modified": order.last_modified,
        "settled": order.settled, "body_hash": order.body_hash, "raw_hash": order.raw_hash,
        "sent_at": order.sent_at,
        "source": {"id": s.id, "company": s.company, "kind": s.kind, "url": s.url,
                   "every": s.every, "options": dict(s.options), "confirm": s.confirm}})


def decode_order(message: Any) -> Order:
    """The inverse of ``encode_order``; another version or a malformed order raises CodecError."""
    d = _unwrap(message, "order")
    try:
        s = d["source"]
        source = Source(id=checked_str(s["id"]), company=checked_str(s["company"]), kind=checked_str(s["kind"]),
                        url=checked_str(s["url"]), every=float(s["every"]), options=dict(s["options"]),
                        confirm=int(s["confirm"]))
        return Order(check_id=checked_str(d["check"]), source=source, etag=checked_opt(d["etag"]),
                     last_modified=checked_opt(d["last_modified"]), settled=bool(d["settled"]),
                     body_hash=checked_opt(d["body_hash"]), raw_hash=checked_opt(d.get("raw_hash")),
                     sent_at=float(d["sent_at"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise CodecError(f"malformed order: {exc!r}") from None


def encode_answer(answer: Answer) -> dict[str, Any]:
    """An answer as a JSON-safe message argument (bodies compressed inside)."""
    obs = answer.observation
    return _wrap("answer", {
        "check": answer.check_id, "source": answer.source_id, "ms": answer.ms,
        "worker": answer.worker,
        "exchanges": [[url, _fetched(f)] for url, f in answer.exchanges],
        "final": _final(answer),
        "rendered": None if answer.rendered is None else _fetched(answer.rendered),
        "picture": None if answer.picture is None else _render(answer.picture),
        "observation": None if obs is None else json.loads(encode_observation(obs))})


def decode_answer(message: Any) -> Answer:
    """The inverse of ``encode_answer``; anything malformed raises CodecError."""
    d = _unwrap(message, "answer")
    try:
        obs, final, shown, picture = d["observation"], d["final"], d["rendered"], d["picture"]
        exchanges = tuple((checked_str(url), _unfetched(f)) for url, f in d["exchanges"])
        return Answer(
            check_id=checked_str(d["check"]), source_id=checked_str(d["source"]), ms=float(d["ms"]),
            worker=checked_str(d["worker"]),
            exchanges=exchanges,
            final=(None if final is None else exchanges[final][1] if isinstance(final, int)
                   else _unfetched(final)),
            observation=None if obs is None else decode_observation(json.dumps(obs).encode()),
            rendered=None if shown is None else _unfetched(shown),
            picture=None if picture is None else _unrender(picture))
    except (KeyError, TypeError, ValueError, BadAnswer) as exc:
        raise CodecError(f"malformed answer: {exc!r}") from None


def version_of(message: Any) -> int | None:
    """The codec version a message says it speaks, None when it says nothing readable."""
    v = message.get("v") if isinstance(message, Mapping) else None
    return v if isinstance(v, int) else None


def _wrap(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return {"v": VERSION, "type": kind, "data": base64.b64encode(zlib.compress(raw, 1)).decode()}


def _unwrap(message: Any, kind: str) -> dict[str, Any]:
    v = version_of(message)
    if v != VERSION:
        said = "no version" if v is None else f"format v{v}"
        raise CodecError(f"{kind} in {said}; this release reads v{VERSION}: run the same "
                         "monitor release on the scheduler and on every worker")
    if message.get("type") != kind:
        raise CodecError(f"expected an {kind}, got {message.get('type')!r}")
    try:
        data = json.loads(zlib.decompress(base64.b64decode(message["data"])))
    except (KeyError, TypeError, ValueError, zlib.error) as exc:
        raise CodecError(f"unreadable {kind}: {exc!r}") from None
    if not isinstance(data, dict):
        raise CodecError(f"unreadable {kind}: not an object")
    return data


def _final(answer: Answer) -> int | dict[str, Any] | None:
    """The final Fetched: an index when it is one of the exchanges (no body sent twice)."""
    if answer.final is None:
        return None
    for i, (_, f) in enumerate(answer.exchanges):
        if f is answer.final:
            return i
    return _fetched(answer.final)


def _fetched(f: Fetched) -> dict[str, Any]:
    return {"url": f.url, "final_url": f.final_url, "outcome": f.outcome.value,
            "status": f.status, "headers": dict(f.headers),
            "body": base64.b64encode(zlib.compress(f.body, 1)).decode(), "elapsed_ms": f.elapsed_ms,
            "error": f.error, "detail": f.detail, "etag": f.etag,
            "last_modified": f.last_modified, "retry_after": f.retry_after,
            "render": None if f.render is None else _render(f.render)}


def _unfetched(d: Any) -> Fetched:
    headers = d["headers"]
    if not isinstance(headers, dict):
        raise TypeError("headers must be an object")
    retry, render = d["retry_after"], d["render"]
    return Fetched(url=checked_str(d["url"]), final_url=checked_str(d["final_url"]),
                   outcome=Outcome(d["outcome"]), status=int(d["status"]),
                   headers={checked_str(k): checked_str(v) for k, v in headers.items()},
                   body=_inflate(base64.b64decode(checked_str(d["body"]))), elapsed_ms=float(d["elapsed_ms"]),
                   error=checked_opt(d["error"]), detail=checked_opt(d["detail"]), etag=checked_opt(d["etag"]),
                   last_modified=checked_opt(d["last_modified"]),
                   retry_after=None if retry is None else float(retry),
                   render=None if render is None else _unrender(render))


def _render(r: Render) -> dict[str, Any]:
    return {"screenshot": base64.b64encode(r.screenshot).decode(), "width": r.width,
            "height": r.height, "boxes": r.boxes, "requests": r.requests,
            "refused": list(r.refused), "on_change": r.on_change}


def _unrender(d: Any) -> Render:
    shot = base64.b64decode(checked_str(d["screenshot"]))
    if len(shot) > MAX_SHOT:
        raise ValueError("screenshot larger than the browser keeps")
    refused = d["refused"]
    if not isinstance(refused, list):
        raise TypeError("refused must be a list")
    return Render(screenshot=shot, width=int(d["width"]), height=int(d["height"]),
                  boxes=checked_str(d["boxes"]), requests=int(d["requests"]),
                  refused=tuple(checked_str(x) for x in refused), on_change=bool(d["on_change"]))


def _inflate(data: bytes) -> bytes:
    """A body compressed on its own (base64 of raw HTML would defeat the outer zlib: answers
    were about half the page's size, now about a third); never larger than a fetch may read."""
    inflater = zlib.decompressobj()
    body = inflater.decompress(data, MAX_BODY)
    if inflater.unconsumed_tail:
        raise ValueError("body larger than any fetch may read")
    return body


