"""Source kinds: one small class per kind, one explicit registry.

``KINDS`` maps each kind's name to its instance. A kind's module, and the parsers it reads
with, is imported the first time the kind is looked up: a run over websites and feeds never
loads the X, LinkedIn, news or native-feed readers, and ``sorted(KINDS)`` or a test of a
name (``kind in KINDS``) loads none, nor pydantic, which ``Kind`` and ``SourceOptions`` (read on
first use) bring.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING

from monitor.lazy import exports

if TYPE_CHECKING:
    from monitor.sources.base import Kind, SourceOptions

__getattr__ = exports(__name__, {"Kind": "base", "SourceOptions": "base"})

# Where each kind lives: "module:Class" under monitor.sources.
KIND_CLASSES: dict[str, str] = {
    "website": "website:Website",
    "feed": "feed:Feed",
    "news": "news:News",
    "linkedin": "linkedin:LinkedIn",
    "x": "x:X",
    "mastodon": "native:Mastodon",
    "bluesky": "native:Bluesky",
    "youtube": "native:YouTube",
    "careers": "careers:Careers",
}


class Kinds(MutableMapping[str, "Kind"]):
    """The kinds registry: each kind is imported and built when it is first looked up."""

    def __init__(self, classes: Mapping[str, str]) -> None:
        self._classes = dict(classes)
        self._built: dict[str, Kind] = {}

    def __getitem__(self, name: str) -> Kind:
        if name not in self._built:
            module, _, cls = self._classes[name].partition(":")
            kind = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
            self._built[name] = kind()
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._classes  # a test of the name: nothing is imported

    def __setitem__(self, name: str, kind: Kind) -> None:
        self._classes.setdefault(name, "")
        self._built[name] = kind

    def __delitem__(self, name: str) -> None:
        del self._classes[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)


KINDS: MutableMapping[str, Kind] = Kinds(KIND_CLASSES)

__all__ = ["KINDS", "KIND_CLASSES", "Kind", "Kinds", "SourceOptions"]
