"""Reading sources.yaml safely: file trust, size caps, no tags, bounded aliases, line lookups.

The loader is ruamel.yaml in round-trip mode, because it keeps line numbers (``.lc``) for
error messages and comments for ``monitor add``. Round-trip mode never executes tags, but it
keeps them as opaque objects, so tags are refused outright before construction (R44, A2).
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean

from monitor.errors import ConfigError

MAX_BYTES = 1024 * 1024  # far above any real config; keeps parsing time and memory bounded (A3)
MAX_ALIASES = 1000  # anchors are handy for shared options, bombs need many more expansions
MAX_DEPTH = 32  # real configs nest 5 deep; the composer recurses, so depth must be capped
MAX_NODES = 500_000  # nodes after alias expansion; a 1 MiB file without aliases stays below
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
    try:
        return int(node.lc.key(key)[0]) + 1  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return default


def item_line(node: object, index: int, default: int) -> int:
    """The 1-based line of item ``index`` of a sequence."""
    try:
        return int(node.lc.item(index)[0]) + 1  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError, IndexError):
        return default


def node_line(node: object, default: int = 1) -> int:
    """The 1-based line where a mapping or sequence starts."""
    line = getattr(getattr(node, "lc", None), "line", None)
    return int(line) + 1 if line is not None else default


def plain(value: object) -> Any:
    """ruamel's round-trip objects as plain dicts, lists, str, int, float and bool."""
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
        raise ConfigError(f"{name}: file is {info.st_size} bytes; the limit is {MAX_BYTES} (1 MiB)")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may grow after stat()
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{name}: file is larger than {MAX_BYTES} bytes (1 MiB)")
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


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # round-trip: line numbers and comments; safe, tags are refused below
    yaml.allow_duplicate_keys = False
    return yaml


def _scan_events(text: str, name: str) -> None:
    """Refuse tags, deep nesting and too many aliases before anything is constructed."""
    depth = aliases = 0
    for event in _yaml().parse(text):
        line = f"{event.start_mark.line + 1}:{event.start_mark.column + 1}"
        if isinstance(event, AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise ConfigError(f"{name}:{line}: more than {MAX_ALIASES} aliases (alias bomb?)")
        elif isinstance(event, NodeEvent) and getattr(event, "tag", None) is not None:
            shown = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!")
            raise ConfigError(
                f"{name}:{line}: YAML tag '{shown}' refused: tags are not allowed "
                "(safe loading only; quote the value instead)"
            )
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ConfigError(f"{name}:{line}: nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _expanded_size(node: object, seen: dict[int, int]) -> int:
    """Values the tree holds once aliases are expanded; memoised, so linear in the real graph."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return 1
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = 0  # a self-referencing alias counts once instead of recursing forever
    children = node.items() if isinstance(node, CommentedMap) else enumerate(node)
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
