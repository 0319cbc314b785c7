"""The parser workers' wire format: length-prefixed frames; pickled tasks in, JSON answers out.

Tasks travel parent → worker as pickles (the parent is trusted and a ``Fetched`` pickles in
microseconds). Answers travel back as JSON and are rebuilt field by field, so a worker that a
hostile page managed to subvert still cannot make the parent unpickle anything (Scrapy
security.rst: never unpickle what a response could control). The frame header is the one
``multiprocessing.connection.Connection`` uses (4-byte big-endian signed length), so the worker
side can use ``send_bytes``/``recv_bytes``.
"""

from __future__ import annotations

import json
import pickle
import struct
from typing import Any

from monitor.models import Category, Fact, Fetched, Item, Metric, Observation, Outcome, Source

HEADER = struct.Struct("!i")
MAX_FRAME = 0x7FFFFFFF


class BadAnswer(ValueError):
    """A worker's answer that is not a well-formed Observation."""


def frame(payload: bytes) -> bytes:
    """``payload`` with its length header, as ``Connection.recv_bytes`` expects it."""
    if len(payload) > MAX_FRAME:
        raise ValueError("frame too large")
    return HEADER.pack(len(payload)) + payload


def task(kind: str, fetched: Fetched, source: Source) -> bytes:
    """One extraction task for a worker."""
    return pickle.dumps((kind, fetched, source), protocol=pickle.HIGHEST_PROTOCOL)


def encode(obs: Observation) -> bytes:
    """An Observation as compact JSON."""
    return json.dumps(
        [obs.outcome.value, obs.detail,
         [[f.field, f.value, f.role, f.evidence, *([list(f.where)] if f.where else [])]
          for f in obs.facts],
         [[i.key, i.title, i.url, i.published_at, i.summary, i.publisher, i.kind, list(i.links),
           i.category.value if i.category else None, i.price, i.image,
           [list(pair) for pair in i.details], i.evidence]
          for i in obs.items],
         [[m.name, m.value] for m in obs.metrics]],
        ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> Observation:
    """The inverse of ``encode``; anything malformed raises ``BadAnswer``."""
    try:
        outcome, detail, facts, items, metrics = json.loads(data)
        return Observation(
            outcome=Outcome(outcome), detail=checked_opt(detail),
            facts=tuple(_fact(*row) for row in facts),
            items=tuple(_item(*row) for row in items),
            metrics=tuple(Metric(checked_str(n), float(v)) for n, v in metrics))
    except (ValueError, TypeError) as exc:
        raise BadAnswer(f"malformed answer from a parser worker: {exc}") from None


def _fact(field: Any, value: Any, role: Any, evidence: Any, where: Any = ()) -> Fact:
    """A fact of an answer; ``where`` (the page's sections showing a person) is optional."""
    if not isinstance(where, (list, tuple)):
        raise TypeError(f"a fact's sections are a list, not {type(where).__name__}")
    return Fact(checked_str(field), checked_str(value), checked_opt(role), checked_str(evidence),
                tuple(checked_str(w) for w in where))


def _item(key: Any, title: Any, url: Any, published: Any, summary: Any, publisher: Any,
          kind: Any, links: Any, category: Any, price: Any, image: Any, details: Any,
          evidence: Any) -> Item:
    if not isinstance(links, list) or not isinstance(details, list):
        raise TypeError("links and details must be lists")
    return Item(key=checked_str(key), title=checked_str(title), url=checked_opt(url), published_at=checked_opt(published),
                summary=checked_str(summary), publisher=checked_opt(publisher), kind=checked_str(kind),
                links=tuple(checked_str(link) for link in links),
                category=None if category is None else Category(checked_str(category)),
                price=checked_opt(price), image=checked_opt(image),
                details=tuple((checked_str(k), checked_str(v)) for k, v in details), evidence=checked_str(evidence))


def checked_str(value: Any) -> str:
    """``value`` if it is a string; TypeError otherwise (a decoded message is never trusted)."""
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def checked_opt(value: Any) -> str | None:
    """``value`` if it is a string or None; TypeError otherwise."""
    return None if value is None else checked_str(value)
