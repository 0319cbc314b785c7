"""The C loader's tree with line numbers, so a mistake is located without the round-trip parser.

Loading validates the fast tree, which has no lines; a file with a problem is validated again
on a tree that knows them. That tree came from ruamel's round-trip parser, pure Python: ten
seconds to name the line of a typo in a 10,000-company file. Here it is built from the nodes
libyaml composes, whose marks hold the same lines: dicts and lists that carry an ``lc`` like
ruamel's (``lc.line``, ``lc.key(k)``, ``lc.item(i)``), which the checks already read.
Scalars are built by the fast loader's own constructors, so values read as in the first pass.
Anything the fast loader would not vouch for (aliases, merge keys, duplicate keys, a syntax
error) is left to the round-trip parser, as before.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml as pyyaml

from monitor.config.reader import Unsure, _check_events, _FastLoader, fast_available

__all__ = ["LinedDict", "LinedList", "parse_lined"]


class Lines:
    """Where a mapping or list and its keys or items start (0-based, as ruamel's ``lc``)."""

    __slots__ = ("col", "keys", "line")

    def __init__(self, line: int, col: int, keys: dict[Any, tuple[int, int]] | list[tuple[int, int]]):
        self.line, self.col, self.keys = line, col, keys

    def key(self, key: Hashable) -> tuple[int, int]:
        """Line and column of a mapping's key."""
        assert isinstance(self.keys, dict)
        return self.keys[key]

    def item(self, index: int) -> tuple[int, int]:
        """Line and column of a list's item."""
        assert isinstance(self.keys, list)
        return self.keys[index]


class LinedDict(dict[Any, Any]):
    """A mapping of the file, with ``lc``."""

    lc: Lines


class LinedList(list[Any]):
    """A list of the file, with ``lc``."""

    lc: Lines


def parse_lined(text: str, name: str) -> object:
    """The fast loader's tree with lines; ``Unsure`` when the round-trip parser must read it,
    ConfigError for what is refused on sight (as ``parse_fast``)."""
    if not fast_available() or "<<" in text:
        raise Unsure("round-trip loader needed")
    try:
        if _check_events(pyyaml.parse(text, Loader=_FastLoader), name):
            raise Unsure("aliases")  # shared nodes: ruamel keeps them shared
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else _build(loader, node)
        finally:
            loader.dispose()
    except (Unsure, pyyaml.YAMLError):
        raise Unsure("round-trip loader needed") from None


def _at(node: Any) -> tuple[int, int]:
    return int(node.start_mark.line), int(node.start_mark.column)


def _build(loader: _FastLoader, node: Any) -> Any:
    if isinstance(node, pyyaml.ScalarNode):
        build = loader.yaml_constructors.get(node.tag)
        if build is None:
            raise Unsure(f"scalar tag {node.tag}")
        return build(loader, node)
    if isinstance(node, pyyaml.SequenceNode):
        items = LinedList(_build(loader, item) for item in node.value)
        items.lc = Lines(*_at(node), [_at(item) for item in node.value])
        return items
    mapping = LinedDict()
    keys: dict[Any, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        key = _build(loader, key_node)
        try:
            if key in mapping:
                raise Unsure("duplicate key")
        except TypeError:
            raise Unsure("unhashable key") from None
        mapping[key] = _build(loader, value_node)
        keys[key] = _at(key_node)
    mapping.lc = Lines(*_at(node), keys)
    return mapping
