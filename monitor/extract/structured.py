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

from monitor.normalize import person_name

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


# --- microformats -----------------------------------------------------------------------------

# Property class names of h-adr / adr (microformats 2 and 1), in the order an address is written.
_ADR_PARTS = (
    ("post-office-box",), ("street-address",), ("extended-address",), ("postal-code",),
    ("locality",), ("region",), ("country-name",),
)  # fmt: skip
_ADR_ROOTS = ".h-adr, .adr, .h-card, .vcard"


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def _adr_value(root: LexborNode) -> str | None:
    """One address from the property classes under a root: "street, postcode locality, …"."""
    found: dict[str, str] = {}
    for (name,) in _ADR_PARTS:
        for node in root.css(f".p-{name}, .{name}"):
            text = " ".join(node.text(deep=True).split())
            if text and name not in found:
                found[name] = text
    if "street-address" not in found and "post-office-box" not in found:
        return None
    town = " ".join(found[k] for k in ("postal-code", "locality") if k in found)
    if not town:
        return None
    parts = [found.get("post-office-box"), found.get("street-address"), found.get("extended-address"),
             town, found.get("region"), found.get("country-name")]  # fmt: skip
    return ", ".join(p for p in parts if p)


def _card_of(node: LexborNode) -> LexborNode | None:
    """The h-card or vcard an element stands in (itself included), if any."""
    current: LexborNode | None = node
    while current is not None:
        if _classes(current) & {"h-card", "vcard"}:
            return current
        current = current.parent
    return None


def _a_persons(card: LexborNode | None) -> bool:
    """Whether a card names a person and no organisation (an author's card)."""
    if card is None or card.css_first(".p-org, .org") is not None:
        return False
    name = card.css_first(".p-name, .fn")
    return name is not None and person_name(name.text(deep=True)) is not None


def microformat_addresses(tree: LexborHTMLParser) -> list[str]:
    """Addresses marked up with microformats (``h-adr``/``adr``, or the properties of an
    ``h-card``/``vcard`` without one), each once, in document order; a person's card gives none."""
    out: list[str] = []
    for root in tree.css(_ADR_ROOTS):
        is_card = bool(_classes(root) & {"h-card", "vcard"})
        if is_card and root.css_first(".h-adr, .adr") is not None:
            continue  # its h-adr is read on its own
        if _a_persons(_card_of(root)):
            continue
        value = _adr_value(root)
        if value and value not in out:
            out.append(value)
    return out


def postal_nodes(nodes: list[Node]) -> list[dict[str, Any]]:
    """Top-level ``PostalAddress`` objects, and the addresses of top-level ``Place`` objects:
    a contact page's address marked up without its organisation."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        if not node.top:
            continue
        if "PostalAddress" in node.types:
            out.append(node.data)
        elif "Place" in node.types and isinstance(node.data.get("address"), dict):
            out.append(node.data["address"])
    return out
