"""One file of sources.yaml as an edit holds it, and where in it an edit is made.

``FileEdit`` keeps the file's text as edited so far and parses the whole of it round-trip
only when an edit needs that; ``FileEdit.spot`` gives the document an edit reads and changes,
a window of the file when one can be cut (``monitor.config.window``), else the whole file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ruamel.yaml.comments import CommentedMap

from monitor.config.atomic import write_atomic
from monitor.config.document import Document, parse_document, read_source
from monitor.config.flow import block_path
from monitor.config.reader import parse_yaml
from monitor.config.window import Window, cut
from monitor.errors import ConfigError

__all__ = ["FileEdit", "Spot", "at", "naming"]

BOM = b"\xef\xbb\xbf"
T = TypeVar("T")


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """Make every ConfigError of an edit start with the file it is about."""
    try:
        yield
    except ConfigError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise ConfigError(f"{path}: {exc}") from None


class FileEdit:
    """One file's text in memory, as edited so far; parsed whole only when an edit needs it."""

    def __init__(self, path: Path, *, missing_ok: bool = False) -> None:
        with naming(path):
            self.raw, self.original = read_source(path, missing_ok=missing_ok)
        self.path = path
        self._text = self.original
        self._doc: Document | None = None  # the whole file's tree, parsed when first needed
        self.written: bytes | None = None

    @property
    def doc(self) -> Document:
        """The whole document as edited (ruamel's round-trip parse of every line: slow)."""
        if self._doc is None:
            with naming(self.path):
                self._doc = parse_document(self.path, self.raw, self._text)
        return self._doc

    @property
    def changed(self) -> bool:
        return self._text != self.original

    def text(self) -> str:
        return self._text

    def spot(self, slug: str | None) -> Spot:
        """Where an edit of ``slug`` (None: a new company) is made: a window of the file
        (``monitor.config.window``) when one can be cut, else the whole document."""
        lines = self._text.splitlines(keepends=True)
        window = cut(lines, slug) if lines else None
        if window is not None:
            try:
                tree = parse_yaml("".join(window.lines), str(self.path))
            except ConfigError:  # an alias to an anchor outside the window, say
                return self.whole()
            if isinstance(tree, CommentedMap):
                doc = Document(self.path, self.raw, window.lines, tree)
                return Spot(self, doc, window, lines)
        return self.whole()

    def whole(self) -> Spot:
        return Spot(self, self.doc)

    def to_block(self, path: tuple[str | int, ...]) -> None:
        """Rewrite the flow collections on ``path`` in block style (in memory)."""
        if self.doc.tree is None:
            return
        text = block_path(self.text(), path, str(self.path))
        if text != self.text():
            self.replace(text)

    def replace(self, text: str) -> None:
        self._text = text
        self._doc = None

    def write(self) -> None:
        if not self.changed:
            return
        raw = self.raw  # the bytes as read, whatever the edits
        data = (BOM if raw and raw.startswith(BOM) else b"") + self.text().encode("utf-8")
        with naming(self.path):
            write_atomic(self.path, data, raw)
        self.written = data

    def undo(self) -> None:
        if self.written is None:
            return
        with naming(self.path):
            if self.raw is None:
                self.path.unlink(missing_ok=True)
            else:
                write_atomic(self.path, self.raw, self.written)
        self.written = None


class Uncut(Exception):
    """An edit reached outside its window: it is made on the whole file instead."""


@dataclass
class Spot:
    """The document an edit reads and changes: the whole file, or a window of it."""

    edit: FileEdit
    doc: Document
    window: Window | None = None
    file_lines: list[str] = field(default_factory=list)  # the file's lines, for a window

    def to_block(self, path: tuple[str | int, ...]) -> None:
        """Rewrite the flow collections on ``path`` in block style (in memory)."""
        if self.window is None:
            self.edit.to_block(path)
            self.doc = self.edit.doc
            return
        text = "".join(self.doc.lines)
        converted = block_path(text, path, str(self.edit.path))
        if converted == text:
            return
        lines = converted.splitlines(keepends=True)
        self.file_lines = self._carry(lines)
        self.edit.replace("".join(self.file_lines))
        self.window = self.window.moved(lines)
        tree = parse_yaml(converted, str(self.edit.path))
        assert isinstance(tree, CommentedMap)  # block_path keeps the data
        self.doc = Document(self.edit.path, self.edit.raw, lines, tree)

    def file_text(self, lines: list[str]) -> str:
        """The whole file's text once this spot's lines are ``lines``."""
        return "".join(lines if self.window is None else self._carry(lines))

    def _carry(self, lines: list[str]) -> list[str]:
        assert self.window is not None
        carried = self.window.carry(self.file_lines, lines)
        if carried is None:
            raise Uncut
        return carried


def at(edit: FileEdit, slug: str | None, change: Callable[[Spot], T]) -> T:
    """``change`` made on a window of the file, else (when it reached outside) on the whole."""
    try:
        return change(edit.spot(slug))
    except Uncut:
        return change(edit.whole())
