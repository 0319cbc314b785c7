"""Loading, validating and editing ``sources.yaml``: the companies and sources monitor watches.

The file::

    include: [teams/*.yaml]   # optional: more files like this one (``monitor.config.include``)
    defaults:            # optional
      every: 6h          # else each kind's own default (website 1d, feed 1h)
      confirm: 2
    companies:
      - slug: ispace
        name: ispace
        aliases: [ispace inc]
        tags: [lunar]
        sources:
          - kind: website
            url: https://ispace-inc.com/

Everything is checked at load time against the kinds' declared options (STYLE rule 2); every
problem is reported as ``<file>:<line>: <path>: <what is wrong>`` and nothing of a bad file is
used. The file is trusted only if others cannot write it, is parsed without tags, with bounded
aliases and size, and may not hold secrets (R39, R44, A1-A10). The same holds for every file
it includes; a slug is unique across all of them, and edits land in the file that holds the
company (docs/configuration.md).

A validated config is kept beside the database and reused while its files are unchanged
(``monitor.config.cache``).

Public API: ``Config``, ``load_config``, ``parse_config``, ``parse_interval``,
``format_interval``, ``source_id``, ``validate_slug``, ``add_company``, ``add_source``,
``remove_company``, ``remove_source``, ``SourcesEdit`` (several edits,
written at once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from monitor.config.stamps import Glob, Stamp
from monitor.config.values import (
    format_interval,
    parse_interval,
    source_id,
    unknown_slug_message,
    validate_slug,
)
from monitor.errors import ConfigError
from monitor.lazy import exports
from monitor.models import Company, Source

if TYPE_CHECKING:
    from monitor.config.edit import (
        SourcesEdit,
        add_company,
        add_source,
        remove_company,
        remove_source,
    )
    from monitor.config.include import Loaded

# The editor (the round-trip YAML parser and its layout keeping) is loaded by the commands
# that edit: reading the config for a check or a run never needs it.
__getattr__ = exports(__name__, {name: "edit" for name in (
    "SourcesEdit", "add_company", "add_source", "remove_company", "remove_source")})

__all__ = [
    "Config",
    "SourcesEdit",
    "add_company",
    "add_source",
    "format_interval",
    "load_config",
    "parse_config",
    "parse_interval",
    "remove_company",
    "remove_source",
    "source_id",
    "validate_slug",
]


@dataclass(frozen=True)
class Config:
    """A validated sources.yaml and the files it includes: the main file's defaults and every
    company, each with its sources; ``files`` and ``stamps`` say what to watch for changes."""

    path: Path
    defaults: Mapping[str, object]
    companies: tuple[Company, ...]
    files: tuple[Path, ...] = ()
    homes: Mapping[str, Path] = field(default_factory=dict)  # slug → the file defining it
    stamps: tuple[tuple[Path, Stamp], ...] = ()
    globs: tuple[Glob, ...] = ()  # what each glob include matched, as they were read

    @classmethod
    def of(cls, path: Path, loaded: Loaded) -> Config:
        """The Config of a loaded fleet."""
        return cls(path=path, defaults=MappingProxyType(dict(loaded.defaults)),
                   companies=loaded.companies, files=loaded.files,
                   homes=MappingProxyType(dict(loaded.homes)), stamps=loaded.stamps,
                   globs=loaded.globs)

    def company(self, slug: str) -> Company:
        """The company with this slug; ConfigError listing the known slugs if there is none."""
        for company in self.companies:
            if company.slug == slug:
                return company
        slugs = [company.slug for company in self.companies]
        raise ConfigError(unknown_slug_message(slug, slugs, self.path))

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source of every company, in file order."""
        return tuple(source for company in self.companies for source in company.sources)


def load_config(path: Path, *, allow_private: bool = False,
                env: Mapping[str, str] | None = None) -> Config:
    """Read and validate sources.yaml and its includes; ConfigError naming file, line and key if
    anything is wrong. ``env``: the command's settings (named proxies, chromium), else the
    process environment."""
    from monitor.config.include import load_files  # the parsers: not for a cached config

    return Config.of(path, load_files(path, allow_private=allow_private, env=env))


def parse_config(text: str, path: Path, *, allow_private: bool = False,
                 env: Mapping[str, str] | None = None) -> Config:
    """Validate sources.yaml text as if read from ``path`` (named in messages; the files it
    includes are read relative to it)."""
    from monitor.config.include import load_files

    loaded = load_files(path, allow_private=allow_private, env=env, texts={path: text})
    return Config.of(path, loaded)
