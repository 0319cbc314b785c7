"""Reading sources.yaml safely: file trust, size caps, no tags, bounded aliases, line lookups.

Two loaders, one meaning. ``parse_yaml`` is ruamel.yaml in round-trip mode: it keeps line
numbers (``.lc``) for error messages and comments for edits (``monitor add``), and is pure
Python (a 10,000-company file took 20-50 s). ``parse_fast`` is libyaml through PyYAML's C
parser with YAML 1.2 resolution borrowed from ruamel (``yes`` stays text, ``010`` is ten), about
30 times faster, without line numbers: loading validates the fast tree and parses again in
round-trip mode only when an error must be located (``monitor.config.schema``). Anything the
fast loader is unsure of (merge keys, duplicate keys, odd scalars) also falls back. Both
refuse tags outright before construction (R44, A2), and bound aliases, depth and size.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml import resolver as ruamel_resolver
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean
from yaml.cyaml import CParser

from monitor.config.aliases import AliasInPlace
from monitor.errors import ConfigError

# 100,000 companies of a few sources each fit (a one-source company is about 120 bytes); the
# cap still bounds parsing time (about 5 s with the C loader) and memory (A3).
MAX_BYTES = 64 * 1024 * 1024
LIMIT_WORDS = "64 MiB, room for about 100,000 companies"
MAX_ALIASES = 1000  # anchors are handy for shared options, bombs need many more expansions
MAX_DEPTH = 32  # real configs nest 5 deep; the composer recurses, so depth must be capped
MAX_NODES = 20_000_000  # values after alias expansion: a full-size file without aliases stays below
MAX_PROBLEMS = 50


@dataclass
class Problems:
    """Collects validation errors so one run reports all of them, then raises one ConfigError."""

    file: str
    lines: list[tuple[int, str]] = field(default_factory=list)
    seen: set[tuple[int, str]] = field(default_factory=set)

    def add(self, line: int, path: str, message: str) -> None:
        """Record ``<file>:<line>: <path>: <message>``; the first problem per place wins."""
        if (line, path) in self.seen:
            return
        self.seen.add((line, path))
        self.lines.append((line, f"{self.file}:{line}: {path}: {message}"))

    def has_line(self, line: int) -> bool:
        """True when a problem is already recorded on this line."""
        return line in {seen_line for seen_line, _ in self.seen}

    def raise_if_any(self) -> None:
        """Raise a ConfigError listing every problem by line, if there are any."""
        if not self.lines:
            return
        ordered = [text for _, text in sorted(self.lines, key=lambda pair: pair[0])]
        if len(ordered) > MAX_PROBLEMS:
            ordered = [*ordered[:MAX_PROBLEMS], f"... and {len(ordered) - MAX_PROBLEMS} more"]
        raise ConfigError("\n".join(ordered))


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice a typo most likely meant, if any is close enough."""
    close = difflib.get_close_matches(str(word).lower(), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def key_line(node: object, key: object, default: int) -> int:
    """The 1-based line of ``key`` in a mapping (keys pulled in by ``<<`` have none)."""
    if type(node) is dict:  # the fast loader's tree: no lines (and no exception to pay for)
        return default
    try:
        return int(node.lc.key(key)[0]) + 1  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return default


def item_line(node: object, index: int, default: int) -> int:
    """The 1-based line of item ``index`` of a sequence."""
    if type(node) is list:
        return default
    try:
        return int(node.lc.item(index)[0]) + 1  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError, IndexError):
        return default


def node_line(node: object, default: int = 1) -> int:
    """The 1-based line where a mapping or sequence starts."""
    line = getattr(getattr(node, "lc", None), "line", None)
    return int(line) + 1 if line is not None else default


_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: object) -> Any:
    """ruamel's round-trip objects as plain dicts, lists, str, int, float and bool."""
    if type(value) in _PLAIN_SCALARS:  # the fast loader's values: already plain
        return value
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, ScalarBoolean):  # an int subclass, so it must come before int
        return bool(value)
    for kind in (str, bool, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


def read_config_text(path: Path) -> str:
    """Read the file as text after the trust checks: regular file, not writable by others, capped."""
    return decode(read_config_bytes(path), str(path))


def read_config_bytes(path: Path) -> bytes:
    """The file's bytes after the trust checks (R44, A3, A8)."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ConfigError(f"{name}: file not found") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{name}: not a regular file")
    # Whoever can write this file decides what gets fetched (R44, A8); Windows has no such bits.
    if os.name != "nt" and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ConfigError(
            f"{name}: refusing a group- or world-writable config "
            f"(mode {stat.S_IMODE(info.st_mode):04o}); fix it with: chmod go-w {name}"
        )
    if info.st_size > MAX_BYTES:
        raise ConfigError(f"{name}: file is {info.st_size} bytes; the limit is {MAX_BYTES} bytes "
                          f"({LIMIT_WORDS})")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may grow after stat()
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{name}: file is larger than {MAX_BYTES} bytes ({LIMIT_WORDS})")
    return data


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); a bad byte is reported with its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{name}:{line}: not valid UTF-8 (byte {exc.start})") from None


def parse_yaml(text: str, name: str) -> object:
    """Parse with the safety checks (no tags, bounded aliases, depth and size); ConfigError on bad."""
    try:
        _scan_events(text, name)
        tree = _yaml().load(text)
    except DuplicateKeyError as exc:
        raise ConfigError(_duplicate_key_message(exc, name)) from None
    except MarkedYAMLError as exc:
        raise ConfigError(_syntax_message(exc, name)) from None
    except ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise ConfigError(
            f"{name}:{line}:{column}: YAML syntax error: {exc.reason} ({char!r})"
        ) from None
    except YAMLError as exc:
        raise ConfigError(f"{name}: YAML error: {exc}") from None
    if _expanded_size(tree, {}) > MAX_NODES:
        raise ConfigError(f"{name}: aliases expand to more than {MAX_NODES} values (alias bomb?)")
    return tree


class Unsure(Exception):
    """The fast loader cannot vouch for this text; the round-trip loader decides."""


class _Resolver12(pyyaml.resolver.BaseResolver):
    """ruamel's YAML 1.2 implicit types, so both loaders read a scalar the same way."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {}


for _versions, _tag, _regexp, _first in ruamel_resolver.implicit_resolvers:
    if (1, 2) in _versions and _tag.rsplit(":", 1)[-1] not in ("value", "yaml", "merge"):
        # ruamel's patterns are compiled lazily behind a proxy that every match goes through
        compiled = re.compile(_regexp.pattern, _regexp.flags)
        _Resolver12.add_implicit_resolver(_tag, compiled, _first)


class _Constructor(pyyaml.constructor.SafeConstructor):
    """Plain dicts and lists; duplicate keys and YAML 1.1 integers are left to ruamel."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        """A mapping whose keys are all distinct (else ``Unsure``: ruamel words the error).

        Built here rather than by PyYAML's (merge keys never reach this loader): a third of
        the C loader's time on a big file went to its generic steps."""
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                if key in mapping:
                    raise Unsure("duplicate key")
            except TypeError:  # unhashable (a mapping as a key): ruamel words the error
                raise Unsure("unhashable key") from None
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: Any) -> int:
        """YAML 1.2 integers as ruamel reads them: ``010`` is ten, ``0o10`` is eight."""
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        for prefix, base in (("0o", 8), ("0x", 16), ("0b", 2)):
            if digits.startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits, 10)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_yaml_map)


class _FastLoader(CParser, _Constructor, _Resolver12):
    """libyaml's parser and composer, our constructor and resolver."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver12.__init__(self)


_SHARED = object()  # what ``_plain_events`` answers for a text with anchors or aliases
_PLAIN_TYPES = (str, int, float, bool, type(None))


def _plain_events(loader: _FastLoader, name: str) -> object:
    """The document as plain values, built from libyaml's events in one pass, with the
    checks ``_check_events`` makes (tags and depth, with their line, in the same order), or
    ``_SHARED`` at the first anchor or alias: nothing is shared then, so each value is built
    once. A plain scalar reads the same wherever it stands, so each distinct one is resolved
    and constructed once (a big file repeats its keys and kinds thousands of times)."""
    events = iter(loader.get_event, None)  # libyaml's parser: no composer, no node tree
    stack: list[Any] = []  # open collections: [list] or [dict, pending key or _NO_KEY]
    known: dict[tuple[str, Any], Any] = {}
    documents, root = 0, None
    yaml_constructors, resolve = loader.yaml_constructors, loader.resolve
    for event in events:
        kind = type(event)
        if kind is pyyaml.ScalarEvent:
            if event.anchor is not None:
                return _SHARED
            if event.tag is not None:
                _refuse_tag(event, name)
            memo = (event.value, event.implicit)
            value = known.get(memo, _NO_KEY)
            if value is _NO_KEY:
                node = pyyaml.ScalarNode(resolve(pyyaml.ScalarNode, event.value, event.implicit),
                                         event.value, event.start_mark, event.end_mark,
                                         style=event.style)
                build = yaml_constructors.get(node.tag)
                if build is None:
                    raise Unsure(f"scalar tag {node.tag}")
                value = build(loader, node)
                if type(value) in _PLAIN_TYPES:
                    known[memo] = value
        elif kind is pyyaml.MappingStartEvent or kind is pyyaml.SequenceStartEvent:
            if event.anchor is not None:
                return _SHARED
            if event.tag is not None:
                _refuse_tag(event, name)
            if len(stack) >= MAX_DEPTH:
                raise ConfigError(f"{name}:{_where(event)}: nested more than {MAX_DEPTH} levels deep")
            stack.append([{}, _NO_KEY] if kind is pyyaml.MappingStartEvent else [[]])
            continue
        elif kind is pyyaml.MappingEndEvent or kind is pyyaml.SequenceEndEvent:
            value = stack.pop()[0]
        elif kind is pyyaml.AliasEvent:
            return _SHARED
        else:
            if kind is pyyaml.StreamEndEvent:
                break
            if kind is pyyaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Unsure("more than one document")
            continue
        if not stack:
            root = value
            continue
        top = stack[-1]
        if len(top) == 1:
            top[0].append(value)
        elif top[1] is _NO_KEY:
            try:
                if value in top[0]:
                    raise Unsure("duplicate key")
            except TypeError:
                raise Unsure("unhashable key") from None
            top[1] = value
        else:
            top[0][top[1]] = value
            top[1] = _NO_KEY
    return root


_NO_KEY = object()


def _refuse_tag(event: Any, name: str) -> None:
    shown = str(event.tag).replace("tag:yaml.org,2002:", "!!")
    raise ConfigError(
        f"{name}:{_where(event)}: YAML tag '{shown}' refused: tags are not allowed "
        "(safe loading only; quote the value instead)"
    )


def fast_available() -> bool:
    """True when PyYAML was built with libyaml (else every load takes the round-trip path)."""
    return bool(getattr(pyyaml, "__with_libyaml__", False))


def parse_fast(text: str, name: str) -> object:
    """Plain dicts and lists through libyaml, with the same safety checks as ``parse_yaml``.

    Raises ConfigError for what is refused on sight (tags, alias and depth bombs, with their
    line) and ``Unsure`` for anything the round-trip loader should judge instead.
    """
    if not fast_available() or "<<" in text:  # merge keys: ruamel's semantics, ruamel's job
        raise Unsure("round-trip loader needed")
    try:
        loader = _FastLoader(text)
        try:
            tree = _plain_events(loader, name)
        finally:
            loader.dispose()
        aliases = 0
        if tree is _SHARED:  # anchors or aliases: checked in full, then PyYAML's composer
            aliases = _check_events(pyyaml.parse(text, Loader=_FastLoader), name)
            tree = pyyaml.load(text, Loader=_FastLoader)
    except ConfigError:
        raise
    except Exception as exc:  # a syntax error or a scalar we do not read like ruamel
        raise Unsure(str(exc)) from None
    # Without aliases nothing is shared: the tree is no bigger than the text that built it.
    if aliases and _expanded_size(tree, {}) > MAX_NODES:
        raise ConfigError(f"{name}: aliases expand to more than {MAX_NODES} values (alias bomb?)")
    return tree


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # round-trip: line numbers and comments; safe, tags are refused below
    yaml.allow_duplicate_keys = False
    yaml.Composer = AliasInPlace  # an aliased item's line is the alias's, not its anchor's
    return yaml


def _scan_events(text: str, name: str) -> None:
    """Refuse tags, deep nesting and too many aliases before anything is constructed."""
    _check_events(_yaml().parse(text), name)


_STARTS = frozenset({"MappingStartEvent", "SequenceStartEvent"})
_ENDS = frozenset({"MappingEndEvent", "SequenceEndEvent"})
_NODES = _STARTS | {"ScalarEvent"}


def _check_events(events: Iterable[Any], name: str) -> int:
    """The event-stream checks shared by both loaders (their event classes share names);
    the number of aliases met."""
    depth = aliases = 0
    open_anchors: list[str | None] = []  # the anchor of each collection being read
    for event in events:
        kind = type(event).__name__
        if kind == "AliasEvent":
            if event.anchor in open_anchors:  # a value that holds itself has no end
                raise ConfigError(f"{name}:{_where(event)}: alias '*{event.anchor}' is used "
                                  f"inside its own anchor '&{event.anchor}' (a value cannot "
                                  "contain itself)")
            aliases += 1
            if aliases > MAX_ALIASES:
                raise ConfigError(f"{name}:{_where(event)}: more than {MAX_ALIASES} aliases"
                                  " (alias bomb?)")
        elif kind in _NODES and getattr(event, "tag", None) is not None:
            shown = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!")
            raise ConfigError(
                f"{name}:{_where(event)}: YAML tag '{shown}' refused: tags are not allowed "
                "(safe loading only; quote the value instead)"
            )
        if kind in _STARTS:
            open_anchors.append(getattr(event, "anchor", None))
            depth += 1
            if depth > MAX_DEPTH:
                raise ConfigError(f"{name}:{_where(event)}: nested more than {MAX_DEPTH} levels deep")
        elif kind in _ENDS:
            open_anchors.pop()
            depth -= 1
    return aliases


def _where(event: Any) -> str:
    return f"{event.start_mark.line + 1}:{event.start_mark.column + 1}"


def _expanded_size(node: object, seen: dict[int, int]) -> int:
    """Values the tree holds once aliases are expanded; memoised, so linear in the real graph."""
    if not isinstance(node, dict | list):  # ruamel's CommentedMap/Seq are dict/list too
        return 1
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = 0  # a self-referencing alias counts once instead of recursing forever
    children = node.items() if isinstance(node, dict) else enumerate(node)
    total = 1
    for _, child in children:
        total += _expanded_size(child, seen)
        if total > MAX_NODES:
            break
    seen[id(node)] = total
    return total


def _syntax_message(exc: MarkedYAMLError, name: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
    problem = exc.problem or exc.context or "invalid YAML"
    hint = " (indent with spaces, not tabs)" if "\\t" in problem or "\t" in problem else ""
    context = ""
    if exc.context and exc.context_mark and exc.problem:
        context = f" ({exc.context} started at line {exc.context_mark.line + 1})"
    return f"{where}: YAML syntax error: {problem}{context}{hint}"


def _duplicate_key_message(exc: DuplicateKeyError, name: str) -> str:
    mark = exc.problem_mark
    where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
    first = exc.context_mark.line + 1 if exc.context_mark else 0
    problem = (exc.problem or "duplicate key").split(" with value")[0]
    return f"{where}: {problem} (in the mapping that starts at line {first})"
