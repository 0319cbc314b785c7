"""People in the data a page's scripts render from: a component's JSON props
(``<div data-props='{"members": [{"fullName": …, "jobTitle": …}]}'>``), a framework's page
state (``<script id="__NEXT_DATA__" type="application/json">``, ``window.__INITIAL_PROPS__ = …``).

A page built in the browser may show its team only after its scripts run; the data it renders
from is in the HTML. A list of two or more objects that each hold a person's name under a name
key and a job under a title key is a team. A list under a key that names other people
(testimonials, authors, speakers, investors) is not, nor is an object that quotes or reviews
(a testimonial's "author" and "company"), nor a product's "name" beside a price.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract.given import ends_with_given, starts_with_given
from monitor.extract.roles import ROLE_WORD, is_role_line, role
from monitor.models import Fact

RULE = "component data"
_NAME_KEYS = ("fullName", "full_name", "name", "displayName", "display_name", "personName", "memberName")
_TITLE_KEYS = ("jobTitle", "job_title", "position", "role", "designation", "title", "jobPosition", "function")
_JOB_KEY = re.compile(r'"(?:jobTitle|job_title|position|role|designation|jobPosition)"\s*:')
# Keys of lists of other people, and of objects that are not a firm's staff.
_OTHERS = re.compile(
    r"(?i)testimon|review|quote|author|writer|speaker|investor|customer|client|partner|guest|judge"
    r"|mentor|sponsor|comment|post|article|product|item|cart|offer"
)
_NOT_PERSON_KEYS = frozenset({"quote", "review", "rating", "price", "sku", "offers", "testimonial", "company", "comment"})
_PROPS = ("[data-props],[data-react-props],[data-component-props],[data-initial-props],[data-page],"
          "[data-vue-props],[data-state],[data-json]")
_MAX_TEXT = 2_000_000  # a script's state beyond this is a store dump, not a page's props
_MAX_FACTS = 200
_ASSIGN = re.compile(r"=\s*(?=[{\[])")


def _documents(tree: LexborHTMLParser) -> Iterator[Any]:
    """The JSON values of component props and of inline scripts that hold a job key."""
    decoder = json.JSONDecoder()
    for node in tree.css(_PROPS):
        for value in node.attributes.values():
            if value and value.lstrip()[:1] in "{[" and _JOB_KEY.search(value):
                try:
                    yield json.loads(value)
                except ValueError:
                    continue
    for node in tree.css("script:not([src])"):
        kind = (node.attributes.get("type") or "").lower()
        if "ld+json" in kind:
            continue  # JSON-LD is read as such
        text = node.text() or ""
        if len(text) > _MAX_TEXT or not _JOB_KEY.search(text):
            continue
        starts = [0] if text.lstrip()[:1] in "{[" else [m.end() for m in _ASSIGN.finditer(text)][:20]
        for start in starts:
            try:
                yield decoder.raw_decode(text.lstrip() if start == 0 else text[start:])[0]
            except ValueError:
                continue


def _pick(obj: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return nz.text(value)
    return ""


def _member(obj: dict[str, Any]) -> tuple[str, str] | None:
    """A (name, title) pair of an object that describes a person with a job."""
    if _NOT_PERSON_KEYS.intersection(obj):
        return None
    raw, title = _pick(obj, _NAME_KEYS), _pick(obj, _TITLE_KEYS)
    name = nz.person_name(raw) if raw and title and len(title) <= 80 else None
    if name is None:
        return None
    known = is_role_line(title) or ROLE_WORD.search(title) is not None
    if not known and nz.person_name(title):
        return None  # two names: a pair of people, or a name under a "title" key
    return (name, title) if known or starts_with_given(name) or ends_with_given(name) else None


def _lists(value: Any, key: str = "", depth: int = 0) -> Iterator[tuple[str, list[Any]]]:
    """Every list in a JSON value, with the key it sits under (bounded in depth)."""
    if depth > 12:
        return
    if isinstance(value, list):
        yield key, value
        for item in value[:500]:
            yield from _lists(item, key, depth + 1)
    elif isinstance(value, dict):
        for k, item in list(value.items())[:500]:
            yield from _lists(item, str(k), depth + 1)


_BYLINES = "[class*=byline],[class*=Byline],[class*=post-meta],[class*=entry-meta]"


def in_bylines(tree: LexborHTMLParser) -> list[Fact]:
    """Writers whose byline element gives their job at the firm ("By Pieter van Wyk, Principal
    Electrical Engineer · 28 April 2025"), read from the tree: a blog index's post cards are
    items, not the page's lines."""
    from monitor.extract.people import bylines  # people reads the page's lines; this, its tree

    texts = [nz.text(node.text(deep=True, separator=" ")) for node in tree.css(_BYLINES)[:100]]
    return [Fact("person", name, title, nz.clip(f"[byline] {texts[i]}", 200)) for i, name, title in bylines(texts, "")]


def find(tree: LexborHTMLParser) -> list[Fact]:
    """Person facts from lists of people in a page's component data (read before the page's
    scripts are dropped), and from bylines that give a writer's job."""
    out: list[Fact] = in_bylines(tree)
    seen: set[str] = {nz.fold(f.value) for f in out}
    for document in _documents(tree):
        for key, items in _lists(document):
            if _OTHERS.search(key):
                continue
            members = [m for item in items[:500] if isinstance(item, dict) and (m := _member(item))]
            if len(members) < 2 or 2 * len(members) < len(items):
                continue
            for name, title in members:
                if nz.fold(name) not in seen and len(out) < _MAX_FACTS:
                    seen.add(nz.fold(name))
                    out.append(Fact("person", name, role(title), nz.clip(f"[{RULE}] {name} / {title}", 200)))
    return out
