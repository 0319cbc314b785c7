"""Offers a page declares in schema.org JSON-LD (``Product`` with ``offers``, ``Offer`` with
``itemOffered``) → items of category offer, with their price. Pure.

A price is the offer's ``price`` and ``priceCurrency``; an ``AggregateOffer`` gives its
``lowPrice`` as a "from" price. Items are keyed by the offer's own URL, else by its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import xxhash

from monitor import normalize as nz
from monitor.extract.structured import Node
from monitor.models import TITLE_KEY, Category, Item


def _first_offer(value: Any) -> dict[str, Any] | None:
    for offer in value if isinstance(value, list) else [value]:
        if isinstance(offer, dict) and (offer.get("price") is not None or offer.get("lowPrice") is not None):
            return offer
    return None


def _price(offer: dict[str, Any]) -> str | None:
    currency = str(offer.get("priceCurrency") or "").strip()
    if offer.get("price") is not None:
        return f"{offer['price']} {currency}".strip()
    if offer.get("lowPrice") is not None:
        return f"from {offer['lowPrice']} {currency}".strip()
    return None


def _item(name: Any, url: Any, offer: dict[str, Any], page_url: str, kind: str) -> Item | None:
    title = nz.text(str(name or ""))
    price = _price(offer)
    if not title or not price:
        return None
    link = nz.url(url, page_url) if isinstance(url, str) and url.strip() else None
    key = link if link and link.rstrip("/") != page_url.rstrip("/") else (
        TITLE_KEY + xxhash.xxh64_hexdigest(nz.fold(title).lower().encode()))
    return Item(key=key, title=nz.clip(title, 300), url=link, kind="offer", category=Category.OFFER,
                price=price, evidence=f"offer: schema.org {kind}")


def declared(nodes: Iterable[Node], page_url: str) -> tuple[Item, ...]:
    """The page's schema.org products and offers, each once."""
    out: dict[str, Item] = {}
    for node in nodes:
        d, types = node.data, node.types
        item = None
        if "Product" in types or "Service" in types:
            offer = _first_offer(d.get("offers"))
            item = _item(d.get("name"), d.get("url") or (offer or {}).get("url"), offer, page_url,
                         "Product") if offer else None
        elif "Offer" in types and isinstance(d.get("itemOffered"), dict):
            offered = d["itemOffered"]
            if _first_offer(d):
                item = _item(offered.get("name") or d.get("name"), d.get("url") or offered.get("url"),
                             d, page_url, "Offer")
        if item is not None:
            out.setdefault(item.key, item)
    return tuple(out.values())


def merge(declared_items: tuple[Item, ...], listed: tuple[Item, ...]) -> tuple[Item, ...]:
    """Declared offers first; a listed item of the same key or the same offer's name is one."""
    names = {nz.fold(i.title).lower() for i in declared_items if i.category is Category.OFFER}
    keys = {i.key for i in declared_items}
    return declared_items + tuple(
        i for i in listed if i.key not in keys
        and not (i.category is Category.OFFER and nz.fold(i.title).lower() in names))
