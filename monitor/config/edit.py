"""Editing sources.yaml for ``monitor add/remove/import``: prepared in memory, written at once.

``SourcesEdit`` holds the files' text and applies edits to them (see ``files`` for where an
edit is made, ``window`` for the part of a big file it reads, ``document`` for how the lines
are placed, ``flow`` for flow-style lists); each edit is validated like a fresh load
as it is made. ``write`` replaces the file atomically, and only then: a command that also
writes the database prepares the file edit first, so a failure leaves both as they were.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml as pyyaml
from yaml.events import AliasEvent

from monitor import normalize
from monitor.config import Config
from monitor.config.document import (
    append_company,
    append_source,
    has_company,
    remove_company_lines,
    remove_source_lines,
)
from monitor.config.files import FileEdit, Spot, at, naming
from monitor.config.include import Loaded, load_files
from monitor.config.layout import to_map
from monitor.config.reader import _FastLoader
from monitor.config.stamps import stamp_of
from monitor.config.values import unknown_slug_message, validate_slug
from monitor.errors import ConfigError
from monitor.models import Company, Source


class SourcesEdit:
    """Edits of a sources.yaml and the files it includes, made on their text in memory;
    ``write`` saves them at once.

    A company's sources are edited in the file that defines it; a new company goes to the
    main file, or to ``into`` (a file of the config). Each edit is validated like a fresh load
    of every file, as it is made, so a caller can prepare every edit first, then write the
    files only when everything else it does has succeeded. Only the files edited are read
    with the round-trip parser, and only they are written.
    """

    def __init__(self, path: Path, *, allow_private: bool = False, missing_ok: bool = False,
                 loaded: Config | None = None):
        """``loaded``: the config as a command already validated it (from the config cache,
        say), used for lookups while the main file is still as it was then; it saves
        validating the whole fleet once more before the first edit."""
        self.path = path
        self.allow_private = allow_private
        self._files = {path: FileEdit(path, missing_ok=missing_ok)}
        self._fleet: Loaded | Config | None = None
        if loaded is not None and stamp_of(path) == dict(loaded.stamps).get(path, False):
            self._fleet = loaded  # read after it was validated: the same bytes

    @property
    def changed(self) -> bool:
        """True when any edit was made."""
        return any(edit.changed for edit in self._files.values())

    @property
    def files_changed(self) -> tuple[Path, ...]:
        """The files the edits change (written by ``write``)."""
        return tuple(path for path, edit in self._files.items() if edit.changed)

    def text(self) -> str:
        """The edited text of the main file."""
        return self._files[self.path].text()

    def company(self, slug: str) -> Company | None:
        """The company with this slug as the edited files have it, or None."""
        return next((c for c in self._load().companies if c.slug == slug), None)

    def home(self, slug: str) -> Path:
        """The file that defines the company (ConfigError naming the known slugs if none)."""
        homes = self._load().homes
        if slug not in homes:
            message = unknown_slug_message(slug, list(homes), self.path)
            raise ConfigError(f"{self.path}: {message}")
        return homes[slug]

    def add_company(self, company: Mapping[str, object], into: Path | None = None) -> None:
        """Append a company to the main file or ``into`` (validated first; a slug already
        used in any file is refused)."""
        target = self.path if into is None else self._member(into)
        with naming(target):
            slug = validate_slug(company.get("slug"))  # type: ignore[arg-type]  # non-text refused
        if slug in self._load().homes:
            self._exists(slug)  # named by the file that has it
        with naming(target):
            edit = self._file(target)
            entry = to_map(company)

            def append(spot: Spot) -> str:
                spot.to_block(("companies",))
                return spot.file_text(append_company(spot.doc, entry))

            text = at(edit, None, append)
            self._apply(edit, text, self.allow_private,
                        lambda companies: has_company(companies, slug), slug)

    def add_source(self, slug: str, source: Mapping[str, object]) -> None:
        """Append a source to an existing company, in its file (validated first)."""
        edit = self._file(self.home(slug))
        with naming(edit.path):
            entry_source = to_map(source)

            def append(spot: Spot) -> tuple[int, str]:
                index, _ = spot.doc.require(slug)
                spot.to_block(("companies", index, "sources"))
                index, entry = spot.doc.require(slug)
                count = len(entry.get("sources") or ())
                return count, spot.file_text(append_source(spot.doc, index, entry, entry_source))

            before, text = at(edit, slug, append)

            def landed(companies: tuple[Company, ...]) -> bool:
                return any(c.slug == slug and len(c.sources) == before + 1 for c in companies)

            self._apply(edit, text, self.allow_private, landed, slug)

    def remove_company(self, slug: str) -> None:
        """Remove a company and the lines of its entry (with their comments), in its file."""
        edit = self._file(self.home(slug))
        with naming(edit.path):

            def remove(spot: Spot) -> str:
                spot.doc.require(slug)
                spot.to_block(("companies",))
                index, _ = spot.doc.require(slug)
                return spot.file_text(remove_company_lines(spot.doc, index))

            text = at(edit, slug, remove)
            # Removing cannot add a URL, so private addresses need no permission here.
            self._apply(edit, text, True, lambda companies: not has_company(companies, slug), slug)

    def remove_source(self, slug: str, url: str, kind: str | None = None) -> Source:
        """Remove the company's source with this URL (and kind, when two kinds share it)."""
        edit = self._file(self.home(slug))
        with naming(edit.path):
            company = self.company(slug)
            assert company is not None  # home() found it
            position, source = _pick_source(company, url, kind)

            def remove(spot: Spot) -> str:
                index, _ = spot.doc.require(slug)
                spot.to_block(("companies", index, "sources"))
                index, entry = spot.doc.require(slug)
                return spot.file_text(remove_source_lines(spot.doc, index, entry, position))

            text = at(edit, slug, remove)

            def landed(companies: tuple[Company, ...]) -> bool:
                return any(c.slug == slug and source.id not in {s.id for s in c.sources}
                           and len(c.sources) == len(company.sources) - 1 for c in companies)

            self._apply(edit, text, True, landed, slug)
            return source

    def write(self) -> None:
        """Replace each edited file atomically; nothing happens without edits. If a later
        file cannot be written, the ones already written are put back."""
        done: list[FileEdit] = []
        try:
            for edit in self._files.values():
                edit.write()
                done.append(edit)
        except BaseException:
            for edit in done:
                edit.undo()
            raise

    def undo(self) -> None:
        """Put the files back as they were read, after ``write`` (when what followed failed)."""
        for edit in self._files.values():
            edit.undo()

    def _file(self, path: Path) -> FileEdit:
        if path not in self._files:
            self._files[path] = FileEdit(path)
        return self._files[path]

    def _member(self, path: Path) -> Path:
        """``path`` as the config names it, if it is one of its files."""
        real = os.path.realpath(path)
        for member in self._load().files:
            if os.path.realpath(member) == real:
                return member
        raise ConfigError(f"{path}: not {self.path} nor a file it includes; add an include "
                          f"for it to {self.path} first")

    def _exists(self, slug: str) -> None:
        edit = self._file(self.home(slug))
        found = edit.doc.find(slug)
        assert found is not None  # home() found it in this file
        index, entry = found
        raise ConfigError(f"{edit.path}:{entry.lc.line + 1}: companies[{index}].slug: "
                          f"company {slug!r} already exists")

    def _texts(self) -> dict[Path, str]:
        return {path: edit.text() for path, edit in self._files.items()}

    def _load(self) -> Loaded | Config:
        """Every file as edited so far, validated together (cached until the next edit)."""
        if self._fleet is None:
            self._fleet = load_files(self.path, allow_private=self.allow_private,
                                     texts=self._texts())
        return self._fleet

    def _apply(self, edit: FileEdit, text: str, allow_private: bool,
               landed: Callable[[tuple[Company, ...]], bool], slug: str) -> None:
        """Validate the edited text with the other files like a fresh load; make it current.
        Only the company ``slug`` may differ from before."""
        try:
            fleet = load_files(self.path, allow_private=allow_private,
                               texts={**self._texts(), edit.path: text})
        except ConfigError as exc:
            _anchor_kept(edit.path, edit.text(), text)
            raise ConfigError(
                f"{exc}\n{edit.path}: not changed (line numbers are those of the edited text)"
            ) from None
        if not landed(fleet.companies):  # a layout this editor misread: never write a surprise
            raise ConfigError(f"{edit.path}: could not place the edit safely; not changed")
        _others_unchanged(edit.path, self._load().companies, fleet.companies, slug)
        edit.replace(text)
        self._fleet = fleet


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


def _anchor_kept(path: Path, old: str, new: str) -> None:
    """Refuse, naming its line, an edit that removed an anchor its aliases still use (the
    edited text then fails to load as an "undefined alias"; this says why)."""
    try:
        before = {e.anchor: e.start_mark.line for e in pyyaml.parse(old, Loader=_FastLoader)
                  if not isinstance(e, AliasEvent) and getattr(e, "anchor", None)}
        events = list(pyyaml.parse(new, Loader=_FastLoader))
    except pyyaml.YAMLError:
        return
    kept = {e.anchor for e in events if not isinstance(e, AliasEvent) and getattr(e, "anchor", None)}
    used = [e.anchor for e in events if isinstance(e, AliasEvent)]
    lost = next((name for name in used if name in before and name not in kept), None)
    if lost is not None:
        raise ConfigError(f"{path}:{before[lost] + 1}: the anchor &{lost} is still used by an"
                          f" alias (*{lost}) elsewhere; replace the alias first; not changed")


def _others_unchanged(path: Path, before: tuple[Company, ...], after: tuple[Company, ...],
                      slug: str) -> None:
    """Refuse an edit of one company that changes another: they share a value through a
    YAML anchor (``&name``) and an alias or merge key (``*name``, ``<<:``)."""
    old = {c.slug: c for c in before if c.slug != slug}
    new = {c.slug: c for c in after if c.slug != slug}
    touched = sorted(s for s in old.keys() | new.keys() if old.get(s) != new.get(s))
    if touched:
        raise ConfigError(f"{path}: this edit of {slug} would also change {', '.join(touched)}"
                          " (they share a value through a YAML anchor and alias); not changed")


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


