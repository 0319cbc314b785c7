"""Structured data embedded in pages: JSON-LD (objects, arrays, @graph) and microdata.

Both come out as plain dicts in JSON-LD shape (``@type`` a list of bare type names, values
lists or scalars), so one reader (``organization``) handles both. ``@id`` references are
resolved against the page's other nodes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

_SCHEMA_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?schema\.org/|^schema:", re.I)
_JSON_JUNK = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$", re.M)


@dataclass(frozen=True)
class Node:
    """One structured-data object: its data, whether it stood at the top level, and its order."""

    data: dict[str, Any]
    top: bool
    order: int

    @property
    def types(self) -> list[str]:
        """Bare schema.org type names (``Organization``, not ``http://schema.org/Organization``)."""
        return types_of(self.data)


def types_of(data: dict[str, Any]) -> list[str]:
    """Bare type names of a JSON-LD object."""
    raw = data.get("@type", [])
    items = raw if isinstance(raw, list) else [raw]
    return [_SCHEMA_PREFIX.sub("", str(t)).strip() for t in items if t]


def _load(raw: str) -> Any:
    """One block's JSON, or None: a broken or absurdly nested block costs that block only."""
    try:
        return json.loads(raw, strict=False)
    except RecursionError:  # "[[[[…" 500k deep: the decoder gives up, so do we
        return None
    except ValueError:
        pass
    try:
        return json.loads(_JSON_JUNK.sub("", raw), strict=False)
    except (ValueError, RecursionError):
        return None


def _walk(value: Any, top: bool, out: list[tuple[dict[str, Any], bool]]) -> None:
    """Objects in document order; iterative, so nesting depth never meets the stack limit."""
    stack: list[tuple[Any, bool]] = [(value, top)]
    while stack:
        current, at_top = stack.pop()
        if isinstance(current, list):
            stack.extend((item, at_top) for item in reversed(current))
        elif isinstance(current, dict):
            out.append((current, at_top))
            stack.extend((child, at_top and key == "@graph")
                         for key, child in reversed(list(current.items())))


def jsonld(tree: LexborHTMLParser) -> list[Node]:
    """Every JSON-LD object of the page, nested ones included, in document order."""
    found: list[tuple[dict[str, Any], bool]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        _walk(_load(script.text(deep=True)), True, found)
    return [Node(data, top, i) for i, (data, top) in enumerate(found)]


def resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """Replace a bare ``{"@id": …}`` reference by the node it names, when the page has it."""
    if isinstance(value, dict) and set(value) <= {"@id"} and value.get("@id") in index:
        return index[value["@id"]]
    return value


def id_index(nodes: list[Node]) -> dict[str, dict[str, Any]]:
    """``@id`` → the fullest object with that id."""
    index: dict[str, dict[str, Any]] = {}
    for node in nodes:
        key = node.data.get("@id")
        if isinstance(key, str) and len(node.data) > len(index.get(key, {})):
            index[key] = node.data
    return index


# --- microdata ------------------------------------------------------------------------------


def _scope_of(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None:
        if "itemscope" in parent.attributes:
            return parent
        parent = parent.parent
    return None


def _prop_value(node: LexborNode, depth: int) -> Any:
    attrs = node.attributes
    if "itemscope" in attrs:
        return _item(node, depth + 1)
    if node.tag == "meta":
        return attrs.get("content") or ""
    if node.tag in ("a", "link", "area"):
        return attrs.get("href") or ""
    if node.tag in ("img", "audio", "video", "source", "embed", "iframe"):
        return attrs.get("src") or ""
    if node.tag in ("time", "data", "meter"):
        return attrs.get("datetime") or attrs.get("value") or node.text(deep=True)
    return attrs.get("content") or node.text(deep=True)


def _item(scope: LexborNode, depth: int = 0) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": (scope.attributes.get("itemtype") or "").split()}
    if depth > 8:  # pathological nesting: stop rather than recurse without end
        return item
    for prop in scope.css("[itemprop]"):
        owner = _scope_of(prop)
        if owner is None or owner.mem_id != scope.mem_id:
            continue
        for name in (prop.attributes.get("itemprop") or "").split():
            item.setdefault(name, []).append(_prop_value(prop, depth))
    return {
        k: (v[0] if isinstance(v, list) and len(v) == 1 and k != "@type" else v)
        for k, v in item.items()
    }


def microdata(tree: LexborHTMLParser) -> list[Node]:
    """Top-level microdata items (``itemscope`` without ``itemprop``) as JSON-LD-like dicts."""
    items = [s for s in tree.css("[itemscope]") if "itemprop" not in s.attributes]
    return [Node(_item(scope), True, i) for i, scope in enumerate(items)]
