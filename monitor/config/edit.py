"""Editing sources.yaml for ``monitor add/remove`` without disturbing anything else in the file.

Edits are made on the text, not by re-dumping the whole document: ruamel's round trip keeps
comments but still re-flows spacing, quoting and long lines, and a user's hand-kept file must
stay byte for byte the same outside the lines we add or remove. ruamel supplies the line
numbers and renders only the new entry. The result is validated like a fresh load before it
replaces the file atomically; a file changed by someone else meanwhile is not overwritten.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from monitor.config.layout import (
    Style,
    dash_column,
    drop_empty_flow,
    extent,
    render_items,
    to_map,
)
from monitor.config.reader import decode, parse_yaml, read_config_bytes
from monitor.config.schema import validate_text
from monitor.config.values import unknown_slug_message, validate_slug
from monitor.errors import ConfigError
from monitor.models import Company

BOM = b"\xef\xbb\xbf"
NEW_FILE_MODE = 0o644
P = ParamSpec("P")


@dataclass
class _Document:
    """A sources.yaml as read for editing: its bytes, lines and parsed tree."""

    path: Path
    raw: bytes | None  # None when the file does not exist yet
    lines: list[str]
    tree: CommentedMap | None

    @property
    def newline(self) -> str:
        """The file's own line ending, reused for the lines we add."""
        return "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"

    def companies(self) -> CommentedSeq | None:
        """The companies list, or None when there is none yet."""
        value = self.tree.get("companies") if self.tree is not None else None
        return value if isinstance(value, CommentedSeq) else None

    def find(self, slug: str) -> tuple[int, CommentedMap] | None:
        """``(index, entry)`` of the company with this slug."""
        for index, entry in enumerate(self.companies() or ()):
            if isinstance(entry, CommentedMap) and entry.get("slug") == slug:
                return index, entry
        return None

    def require(self, slug: str) -> tuple[int, CommentedMap]:
        """Like ``find``, but a ConfigError naming the known slugs when absent."""
        found = self.find(slug)
        if found is None:
            slugs = [str(e.get("slug")) for e in self.companies() or () if isinstance(e, Mapping)]
            raise ConfigError(f"{self.path}: {unknown_slug_message(slug, slugs, self.path)}")
        return found


def _names_file(edit: Callable[Concatenate[Path, P], None]) -> Callable[Concatenate[Path, P], None]:
    """Make every ConfigError of an edit start with the file it is about."""

    @functools.wraps(edit)
    def wrapper(path: Path, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            edit(path, *args, **kwargs)
        except ConfigError as exc:
            if str(exc).startswith(str(path)):
                raise
            raise ConfigError(f"{path}: {exc}") from None

    return wrapper


@_names_file
def add_company(path: Path, company: Mapping[str, object], *, allow_private: bool = False) -> None:
    """Append a company to sources.yaml (validated first; a duplicate slug is refused)."""
    doc = _read(path, missing_ok=True)
    slug = validate_slug(company.get("slug"))  # type: ignore[arg-type]  # non-text is refused
    found = doc.find(slug)
    if found is not None:
        index, entry = found
        line = entry.lc.line + 1
        raise ConfigError(
            f"{path}:{line}: companies[{index}].slug: company {slug!r} already exists"
        )
    entry_node = to_map(company)
    lines = _append_company(doc, entry_node)
    _commit(doc, lines, allow_private, lambda companies: _has(companies, slug))


@_names_file
def add_source(
    path: Path, slug: str, source: Mapping[str, object], *, allow_private: bool = False
) -> None:
    """Append a source to an existing company in sources.yaml (validated first)."""
    doc = _read(path)
    index, entry = doc.require(slug)
    before = len(entry.get("sources") or ())
    lines = _append_source(doc, index, entry, to_map(source))

    def landed(companies: tuple[Company, ...]) -> bool:
        return any(c.slug == slug and len(c.sources) == before + 1 for c in companies)

    _commit(doc, lines, allow_private, landed)


@_names_file
def remove_company(path: Path, slug: str) -> None:
    """Remove a company and the lines of its entry (with their comments) from sources.yaml."""
    doc = _read(path)
    index, _ = doc.require(slug)
    companies = doc.companies()
    assert companies is not None  # require() found the company in it
    if companies.fa.flow_style():
        raise ConfigError(f"{path}: companies is a flow list [...]; write it as a block list")
    start, dash = dash_column(doc.lines, companies, index)
    end = extent(doc.lines, start, dash, siblings=False)
    start = _header_start(doc.lines, start, dash)
    # Entries separated by blank lines stay separated by one: drop the blanks that followed,
    # or, for the last entry, the ones before it (so add then remove restores the file).
    floor = doc.tree.lc.key("companies")[0] + 1 if doc.tree is not None else 0
    if index == len(companies) - 1:
        while start > floor and not doc.lines[start - 1].strip():
            start -= 1
    else:
        while (
            end < len(doc.lines) and not doc.lines[end].strip() and _blank_before(doc.lines, start)
        ):
            end += 1
    lines = doc.lines[:start] + doc.lines[end:]
    # Removing cannot add a URL, so private addresses need no permission here.
    _commit(doc, lines, True, lambda companies: not _has(companies, slug))


def _header_start(lines: list[str], start: int, dash: int) -> int:
    """Where an entry's own header comment (at its dash column, right above it) starts."""
    # Only a header set off by a blank line: one right under `companies:` may be about them all.
    head = start
    while head > 0 and lines[head - 1].startswith(" " * dash + "#"):
        head -= 1
    return head if head < start and _blank_before(lines, head) else start


def _blank_before(lines: list[str], start: int) -> bool:
    return start > 0 and not lines[start - 1].strip()


def _has(companies: tuple[Company, ...], slug: str) -> bool:
    return any(company.slug == slug for company in companies)


def _read(path: Path, *, missing_ok: bool = False) -> _Document:
    if missing_ok and not path.exists():
        return _Document(path, None, [], None)
    raw = read_config_bytes(path)
    text = decode(raw, str(path))
    tree = parse_yaml(text, str(path))
    if tree is not None and not isinstance(tree, CommentedMap):
        raise ConfigError(f"{path}:1: (top level): expected a mapping with 'companies:'")
    return _Document(path, raw, text.splitlines(keepends=True), tree)


def _append_company(doc: _Document, entry: CommentedMap) -> list[str]:
    lines, style = list(doc.lines), Style.of(doc.tree, doc.lines)
    companies = doc.tree.get("companies") if doc.tree is not None else None
    if doc.tree is None or "companies" not in doc.tree:
        block = ["companies:", *render_items([entry], style.offset, style)]
        return _insert(lines, len(lines), block, doc.newline)
    key_at = doc.tree.lc.key("companies")[0]
    if companies is None or (isinstance(companies, CommentedSeq) and not companies):
        lines[key_at] = drop_empty_flow(lines[key_at], doc.path)
        return _insert(lines, key_at + 1, render_items([entry], style.offset, style), doc.newline)
    if not isinstance(companies, CommentedSeq) or companies.fa.flow_style():
        raise ConfigError(
            f"{doc.path}: companies is not a block list ('- slug: ...'); cannot append"
        )
    _, dash = dash_column(lines, companies, 0)
    end = extent(lines, key_at, dash, siblings=True)
    last_start, _ = dash_column(lines, companies, len(companies) - 1)
    block = render_items([entry], dash, style)
    if _blank_before(lines, last_start):  # entries are spaced out: space the new one too
        block = ["", *block]
    return _insert(lines, end, block, doc.newline)


def _append_source(
    doc: _Document, index: int, company: CommentedMap, source: CommentedMap
) -> list[str]:
    lines, style = list(doc.lines), Style.of(doc.tree, doc.lines)
    companies = doc.companies()
    assert companies is not None
    key_col = company.lc.col
    if "sources" not in company:
        start, dash = dash_column(lines, companies, index)
        end = extent(lines, start, dash, siblings=False)
        block = [" " * key_col + "sources:", *render_items([source], key_col + style.offset, style)]
        return _insert(lines, end, block, doc.newline)
    sources = company["sources"]
    key_at = company.lc.key("sources")[0]
    if sources is None or (isinstance(sources, CommentedSeq) and not sources):
        lines[key_at] = drop_empty_flow(lines[key_at], doc.path)
        items = render_items([source], key_col + style.offset, style)
        return _insert(lines, key_at + 1, items, doc.newline)
    if not isinstance(sources, CommentedSeq) or sources.fa.flow_style():
        raise ConfigError(f"{doc.path}:{key_at + 1}: sources is not a block list; cannot append")
    _, dash = dash_column(lines, sources, 0)
    end = extent(lines, key_at, dash, siblings=True)
    return _insert(lines, end, render_items([source], dash, style), doc.newline)


def _insert(lines: list[str], at: int, block: list[str], newline: str) -> list[str]:
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += newline  # the file ended without a line break
    return lines[:at] + [line + newline for line in block] + lines[at:]


def _commit(
    doc: _Document,
    lines: list[str],
    allow_private: bool,
    landed: Callable[[tuple[Company, ...]], bool],
) -> None:
    """Validate the edited text like a fresh load, then replace the file atomically."""
    text = "".join(lines)
    try:
        _, companies = validate_text(text, str(doc.path), allow_private=allow_private)
    except ConfigError as exc:
        raise ConfigError(
            f"{exc}\n{doc.path}: not changed (line numbers are those of the edited text)"
        ) from None
    if not landed(companies):  # a layout this editor misread: never write a surprise
        raise ConfigError(f"{doc.path}: could not place the edit safely; not changed")
    data = (BOM if doc.raw and doc.raw.startswith(BOM) else b"") + text.encode("utf-8")
    _write_atomic(doc, data)


def _write_atomic(doc: _Document, data: bytes) -> None:
    target = Path(os.path.realpath(doc.path))  # a symlinked config stays a symlink
    mode = NEW_FILE_MODE if doc.raw is None else target.stat().st_mode & 0o777
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ConfigError(f"{doc.path}: cannot write next to it: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        current = target.read_bytes() if target.exists() else None
        if current != doc.raw:  # another `monitor add` or an editor saved meanwhile
            raise ConfigError(f"{doc.path}: changed by someone else while editing; try again")
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ConfigError(f"{doc.path}: cannot write: {exc.strerror or exc}") from None
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); some file systems cannot, which is fine."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
