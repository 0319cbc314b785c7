"""Editing sources.yaml for ``monitor add/remove/import``: prepared in memory, written at once.

``SourcesEdit`` holds the file's text and applies edits to it (see ``document`` for how the
lines are placed, ``flow`` for flow-style lists); each edit is validated like a fresh load
as it is made. ``write`` replaces the file atomically, and only then: a command that also
writes the database prepares the file edit first, so a failure leaves both as they were.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from monitor import normalize
from monitor.config.atomic import write_atomic
from monitor.config.document import (
    Document,
    append_company,
    append_source,
    has_company,
    read_document,
    remove_company_lines,
    remove_source_lines,
)
from monitor.config.flow import block_path
from monitor.config.layout import to_map
from monitor.config.reader import parse_yaml
from monitor.config.schema import validate_text
from monitor.config.values import validate_slug
from monitor.errors import ConfigError
from monitor.models import Company, Source

BOM = b"\xef\xbb\xbf"


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Make every ConfigError of an edit start with the file it is about."""
    try:
        yield
    except ConfigError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise ConfigError(f"{path}: {exc}") from None


class SourcesEdit:
    """Edits of one sources.yaml made on its text in memory; ``write`` saves them at once.

    Each edit is validated like a fresh load as it is made, so a caller can prepare every
    edit first, then write the file only when everything else it does has succeeded.
    """

    def __init__(self, path: Path, *, allow_private: bool = False, missing_ok: bool = False):
        with _naming(path):
            self._doc = read_document(path, missing_ok=missing_ok)
        self.path = path
        self.allow_private = allow_private
        self._companies: tuple[Company, ...] | None = None
        self._original = "".join(self._doc.lines)
        self._written: bytes | None = None

    @property
    def changed(self) -> bool:
        """True when any edit was made."""
        return self.text() != self._original

    def text(self) -> str:
        """The edited text."""
        return "".join(self._doc.lines)

    def company(self, slug: str) -> Company | None:
        """The company with this slug as the edited text has it, or None."""
        if self._companies is None:
            with _naming(self.path):
                self._companies = validate_text(
                    self.text(), str(self.path), allow_private=self.allow_private)[1]
        return next((c for c in self._companies if c.slug == slug), None)

    def add_company(self, company: Mapping[str, object]) -> None:
        """Append a company (validated first; a duplicate slug is refused)."""
        with _naming(self.path):
            slug = validate_slug(company.get("slug"))  # type: ignore[arg-type]  # non-text refused
            self._to_block(("companies",))
            found = self._doc.find(slug)
            if found is not None:
                index, entry = found
                raise ConfigError(f"{self.path}:{entry.lc.line + 1}: companies[{index}].slug: "
                                  f"company {slug!r} already exists")
            lines = append_company(self._doc, to_map(company))
            self._apply(lines, self.allow_private, lambda companies: has_company(companies, slug))

    def add_source(self, slug: str, source: Mapping[str, object]) -> None:
        """Append a source to an existing company (validated first)."""
        with _naming(self.path):
            index, _ = self._doc.require(slug)
            self._to_block(("companies", index, "sources"))
            index, entry = self._doc.require(slug)
            before = len(entry.get("sources") or ())
            lines = append_source(self._doc, index, entry, to_map(source))

            def landed(companies: tuple[Company, ...]) -> bool:
                return any(c.slug == slug and len(c.sources) == before + 1 for c in companies)

            self._apply(lines, self.allow_private, landed)

    def remove_company(self, slug: str) -> None:
        """Remove a company and the lines of its entry (with their comments)."""
        with _naming(self.path):
            self._doc.require(slug)
            self._to_block(("companies",))
            index, _ = self._doc.require(slug)
            lines = remove_company_lines(self._doc, index)
            # Removing cannot add a URL, so private addresses need no permission here.
            self._apply(lines, True, lambda companies: not has_company(companies, slug))

    def remove_source(self, slug: str, url: str, kind: str | None = None) -> Source:
        """Remove the company's source with this URL (and kind, when two kinds share it)."""
        with _naming(self.path):
            index, _ = self._doc.require(slug)
            company = self.company(slug)
            assert company is not None  # require() found it
            position, source = _pick_source(company, url, kind)
            self._to_block(("companies", index, "sources"))
            index, entry = self._doc.require(slug)
            lines = remove_source_lines(self._doc, entry, position)

            def landed(companies: tuple[Company, ...]) -> bool:
                return any(c.slug == slug and source.id not in {s.id for s in c.sources}
                           and len(c.sources) == len(company.sources) - 1 for c in companies)

            self._apply(lines, True, landed)
            return source

    def write(self) -> None:
        """Replace the file atomically with the edited text; nothing happens without edits."""
        if not self.changed:
            return
        doc = self._doc
        data = (BOM if doc.raw and doc.raw.startswith(BOM) else b"") + self.text().encode("utf-8")
        with _naming(self.path):
            write_atomic(self.path, data, doc.raw)
        self._written = data

    def undo(self) -> None:
        """Put the file back as it was read, after ``write`` (when what followed it failed)."""
        if self._written is None:
            return
        with _naming(self.path):
            if self._doc.raw is None:
                self.path.unlink(missing_ok=True)
            else:
                write_atomic(self.path, self._doc.raw, self._written)
        self._written = None

    def _to_block(self, path: tuple[str | int, ...]) -> None:
        """Rewrite the flow collections on ``path`` in block style (in memory)."""
        if self._doc.tree is None:
            return
        text = block_path(self.text(), path, str(self.path))
        if text != self.text():
            self._replace(text)

    def _apply(self, lines: list[str], allow_private: bool,
               landed: Callable[[tuple[Company, ...]], bool]) -> None:
        """Validate the edited text like a fresh load and make it the current one."""
        text = "".join(lines)
        try:
            _, companies = validate_text(text, str(self.path), allow_private=allow_private)
        except ConfigError as exc:
            raise ConfigError(
                f"{exc}\n{self.path}: not changed (line numbers are those of the edited text)"
            ) from None
        if not landed(companies):  # a layout this editor misread: never write a surprise
            raise ConfigError(f"{self.path}: could not place the edit safely; not changed")
        self._replace(text)
        self._companies = companies

    def _replace(self, text: str) -> None:
        tree = parse_yaml(text, str(self.path))
        assert tree is None or isinstance(tree, CommentedMap)  # edits keep the top mapping
        self._doc = Document(self.path, self._doc.raw, text.splitlines(keepends=True), tree)
        self._companies = None


def add_company(path: Path, company: Mapping[str, object], *, allow_private: bool = False) -> None:
    """Append a company to sources.yaml (validated first; a duplicate slug is refused)."""
    edit = SourcesEdit(path, allow_private=allow_private, missing_ok=True)
    edit.add_company(company)
    edit.write()


def add_source(
    path: Path, slug: str, source: Mapping[str, object], *, allow_private: bool = False
) -> None:
    """Append a source to an existing company in sources.yaml (validated first)."""
    edit = SourcesEdit(path, allow_private=allow_private)
    edit.add_source(slug, source)
    edit.write()


def remove_company(path: Path, slug: str) -> None:
    """Remove a company and the lines of its entry (with their comments) from sources.yaml."""
    edit = SourcesEdit(path, allow_private=True)
    edit.remove_company(slug)
    edit.write()


def remove_source(path: Path, slug: str, url: str, kind: str | None = None) -> Source:
    """Remove one source of a company from sources.yaml; returns the source removed."""
    edit = SourcesEdit(path, allow_private=True)
    source = edit.remove_source(slug, url, kind)
    edit.write()
    return source


def _pick_source(company: Company, url: str, kind: str | None) -> tuple[int, Source]:
    """The position and source matching ``url`` (exactly, else canonically) and ``kind``."""
    candidates = [(i, s) for i, s in enumerate(company.sources) if kind in (None, s.kind)]
    found = [(i, s) for i, s in candidates if s.url == url]
    if not found:
        found = [(i, s) for i, s in candidates if _same_url(s.url, url)]
    if len(found) == 1:
        return found[0]
    listed = "; ".join(f"{s.kind} {s.url}" for s in company.sources) or "none"
    if not found:
        raise ConfigError(f"{company.slug} has no {kind or ''}{' ' if kind else ''}source "
                          f"{url}; its sources: {listed}")
    kinds = ", ".join(s.kind for _, s in found)
    raise ConfigError(f"{company.slug}: {url} is the URL of {len(found)} sources ({kinds});"
                      " name the kind, e.g. feed=URL")


def _same_url(a: str, b: str) -> bool:
    return normalize.url(a).rstrip("/") == normalize.url(b).rstrip("/")


