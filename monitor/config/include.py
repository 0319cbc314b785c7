"""A sources.yaml and the files it includes, read and validated as one fleet.

``include:`` names paths or globs relative to the including file; their companies join the
fleet, and they may include further files. A file reached again while it is being read (a
cycle) or from a second place is refused at the line that names it, as is a path or glob that
finds no file (a typo must not retire a folder of companies). A slug is unique across all files.

Defaults: each file may carry ``defaults:``; they apply to its own companies and to the files it
includes, and a file's own keys override the ones it inherits (the main file's reach everyone).

Every file is parsed with the fast loader first; when any problem is found, the walk is made
again with the round-trip loader for the files the problems are in or point into, so every
message names its file and line (see ``monitor.config.schema``).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from monitor.config.lined import parse_lined
from monitor.config.reader import (
    LIMIT_WORDS,
    MAX_BYTES,
    MAX_PROBLEMS,
    Problems,
    Unsure,
    decode,
    parse_fast,
    parse_yaml,
    read_config_bytes,
)
from monitor.config.schema import Include, Shared, check_tree
from monitor.config.stamps import Glob, Stamp, glob_files, stamp_of
from monitor.environ import process_environ
from monitor.errors import ConfigError
from monitor.models import Company

MAX_FILES = 10_000  # a folder per company at 10,000 companies is already odd
MAX_NESTING = 32  # includes of includes: the walk recurses, so the depth is capped

class FilesError(ConfigError):
    """A ConfigError that also says which files were read (watch them: a fix may come there)."""

    def __init__(self, message: str, stamps: tuple[tuple[Path, Stamp], ...]) -> None:
        super().__init__(message)
        self.stamps = stamps


@dataclass(frozen=True)
class Loaded:
    """The fleet of a sources.yaml and its includes."""

    defaults: dict[str, object]  # the main file's own
    companies: tuple[Company, ...]
    homes: Mapping[str, Path]  # slug → the file that defines it
    files: tuple[Path, ...]  # main file first, then includes depth first
    stamps: tuple[tuple[Path, Stamp], ...]  # files and globbed folders, as they were read
    globs: tuple[Glob, ...] = ()  # what each glob include matched


@dataclass
class _Walk:
    """One pass over the include tree."""

    allow_private: bool
    env: Mapping[str, str]
    texts: dict[Path, str]  # file → text: edits not written yet, and what pass one read
    exact: frozenset[str] = frozenset()  # files to parse with the round-trip loader
    shared: Shared = field(default_factory=Shared)
    checks: list[Problems] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    homes: dict[str, Path] = field(default_factory=dict)
    files: dict[str, tuple[Path, str]] = field(default_factory=dict)  # real path → (path, by)
    stamps: dict[Path, Stamp] = field(default_factory=dict)
    globs: list[Glob] = field(default_factory=list)
    size: int = 0
    defaults: dict[str, object] = field(default_factory=dict)

    def visit(self, path: Path, chain: tuple[str, ...], inherited: Mapping[str, object],
              via: tuple[Problems, Include] | None) -> None:
        real = os.path.realpath(path)
        if via is not None and not self._admit(path, real, chain, *via):
            return
        self.files[real] = (path, f"{via[0].file}:{via[1].line}" if via else "")
        text = self._text(path)
        name = str(path)
        if name in self.exact:  # lines wanted: the C loader's marks, else ruamel's
            try:
                tree = parse_lined(text, name)
            except Unsure:
                tree = parse_yaml(text, name)
        else:
            try:
                tree = parse_fast(text, name)
            except Unsure:
                tree = parse_yaml(text, name)
        found = check_tree(tree, text, name, self.allow_private, self.env, self.shared, inherited)
        self.checks.append(found.problems)
        if via is None:
            self.defaults = found.defaults
        for company in found.companies:
            self.companies.append(company)
            self.homes[company.slug] = path
        effective = {**inherited, **found.defaults}
        for include in found.includes:
            for target in self._resolve(path, include, found.problems):
                self.visit(target, (*chain, real), effective, (found.problems, include))

    def _admit(self, path: Path, real: str, chain: tuple[str, ...], problems: Problems,
               include: Include) -> bool:
        """False, with the problem recorded, for a cycle, a second inclusion or too many files."""
        if real in chain:
            loop = [str(self.files[r][0]) for r in chain[chain.index(real):]]
            problems.add(include.line, include.key,
                         f"include cycle: {' → '.join([*loop, str(path)])}; a file cannot "
                         "include itself, directly or through others")
            return False
        if real in self.files:
            first, by = self.files[real]
            where = f"by {by}" if by else "as the main file"
            problems.add(include.line, include.key, f"{path} is included twice (first as {first} "
                         f"{where}); each file may be included once")
            return False
        if len(chain) >= MAX_NESTING:
            problems.add(include.line, include.key, f"includes nested more than {MAX_NESTING} "
                         "files deep")
            return False
        if len(self.files) >= MAX_FILES:
            problems.add(include.line, include.key, f"more than {MAX_FILES} files included")
            return False
        return True

    def _text(self, path: Path) -> str:
        if path in self.texts:
            text = self.texts[path]
            self.size += len(text)
        else:
            self.stamps[path] = stamp_of(path)  # before reading: a save during the read shows
            data = read_config_bytes(path)
            self.size += len(data)
            text = self.texts[path] = decode(data, str(path))
        if self.size > MAX_BYTES:
            raise ConfigError(f"{path}: the included files pass {MAX_BYTES} bytes together "
                              f"({LIMIT_WORDS}); that is the limit for all files at once")
        return text

    def _resolve(self, path: Path, include: Include, problems: Problems) -> Iterator[Path]:
        """The files an include names, in sorted order; a problem when it names none."""
        base = path.parent
        raw = os.path.expanduser(include.pattern)
        where = f"relative to {base if str(base) != '.' else 'this folder'}"
        if not glob.has_magic(raw):
            target = Path(os.path.normpath(os.path.join(base, raw)))
            if target.is_file():
                yield target
            else:
                self.stamps[target] = stamp_of(target)  # watched: creating it is the fix
                what = "a folder, not a file" if target.is_dir() else "no such file"
                problems.add(include.line, include.key, f"{include.pattern}: {what} ({where})")
            return
        folder = Path(os.path.normpath(os.path.join(base, _fixed_part(raw))))
        self.stamps[folder] = stamp_of(folder)  # a file added to the folder shows here
        found = glob_files(base, raw)
        self.globs.append((str(base), raw, tuple(map(str, found))))
        for match in found:
            if match.parent != folder:
                self.stamps.setdefault(match.parent, stamp_of(match.parent))
        if not found:
            problems.add(include.line, include.key, f"{include.pattern}: matches no file ({where})")
        yield from found

    def raise_if_any(self) -> None:
        """One ConfigError: every file's problems, files in walk order, lines in order."""
        lines = [text for problems in self.checks
                 for _, text in sorted(problems.lines, key=lambda pair: pair[0])]
        if not lines:
            return
        if len(lines) > MAX_PROBLEMS:
            lines = [*lines[:MAX_PROBLEMS], f"... and {len(lines) - MAX_PROBLEMS} more"]
        raise ConfigError("\n".join(lines))

    def loaded(self) -> Loaded:
        return Loaded(self.defaults, tuple(self.companies), self.homes,
                      tuple(path for path, _ in self.files.values()), tuple(self.stamps.items()),
                      tuple(self.globs))


def _fixed_part(pattern: str) -> str:
    """The folder part of a glob before its first wildcard."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]
    return os.path.join(*fixed) if fixed else "."


def load_files(main: Path, *, allow_private: bool = False, env: Mapping[str, str] | None = None,
               texts: Mapping[Path, str] | None = None) -> Loaded:
    """Read and validate ``main`` and every file it includes; one ConfigError if anything is
    wrong. ``texts``: files' contents to use instead of what is on disk (an edit not written)."""
    environ = process_environ(env)
    first = _Walk(allow_private, environ, dict(texts or {}))
    try:
        first.visit(main, (), {}, None)
        if not any(problems.lines for problems in first.checks):
            return first.loaded()
        located = {problems.file for problems in first.checks if problems.lines}
        again = _Walk(allow_private, environ, first.texts,
                      exact=frozenset(located | first.shared.involved), stamps=first.stamps)
        again.visit(main, (), {}, None)
        again.raise_if_any()
        return again.loaded()  # the fast tree misjudged; the round-trip one is the reference
    except ConfigError as exc:
        raise FilesError(str(exc), tuple(first.stamps.items())) from None
