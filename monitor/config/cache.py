"""The validated config kept beside the database, reused while nothing it came from changed.

Validating sources.yaml is most of what a one-source ``monitor check`` costs (about 0.12 s of
CPU at 1,000 companies, 1.2 s at 10,000), and the files rarely change between two commands.
So a full load also writes what it validated to ``<database>.config-cache``, with everything
the result depended on:

- every file read and every globbed folder, by stamp (mtime_ns, size, inode, ctime_ns: a
  save moves ctime, which nobody can set back; a file put in another's place has its inode);
- what every glob include matched, globbed again on use (a file in a new sub-folder shows);
- the key: this format, Python's version, monitor's own code (every module's stamp), the
  installed versions of the libraries validation runs on (pydantic, pydantic-core,
  ruamel.yaml, PyYAML: an upgrade of one alone may read or validate the files otherwise), the
  file's absolute path, ``allow_private``, and a digest of the MONITOR_* settings and of the
  chromium found (named proxies and ``render: browser`` are checked against them).

Any difference, or any doubt (no file, unreadable, not ours, writable by others, corrupt, an
older format), means the full load, which writes the cache anew. Errors are never cached:
a bad file is reported by the full load every time. The pickle is read by an unpickler that
can build only ``Company`` and ``Source`` and builtin values, never call anything, and only
from a file this user owns and others cannot write, as with sources.yaml itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import monitor
from monitor.config import Config
from monitor.config.stamps import Glob, glob_files, stamp_of
from monitor.environ import process_environ

log = logging.getLogger(__name__)

FORMAT = 1
SUFFIX = ".config-cache"
MAX_BYTES = 256 * 1024 * 1024  # far above 100,000 companies; a bigger file is not ours
_ALLOWED = frozenset({("monitor.models", "Company"), ("monitor.models", "Source")})
# What parses and validates the files besides monitor's code, as their .dist-info folders
# name them (lower case, "_" for "-" and ".").
LIBRARIES = frozenset({"pydantic", "pydantic_core", "ruamel_yaml", "pyyaml"})


def cache_path(db_path: Path | str) -> Path | None:
    """Where the config cache of this database lives; None for an in-memory database."""
    name = str(db_path)
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name + SUFFIX)


def load_cached(path: Path, *, cache: Path | None, allow_private: bool = False,
                env: Mapping[str, str] | None = None,
                full: Callable[[], Config] | None = None) -> Config:
    """The config of ``path``: from ``cache`` while it is fresh, else a full load (``full``:
    how; ``load_config`` by default), which is then cached. ConfigError as a full load has it."""
    cached, key = read_fresh(path, cache=cache, allow_private=allow_private, env=env)
    if cached is not None:
        return cached
    config = _full(path, allow_private, env, full)
    store(cache, key, config)
    return config


def read_fresh(path: Path, *, cache: Path | None, allow_private: bool = False,
               env: Mapping[str, str] | None = None) -> tuple[Config | None, str | None]:
    """The cached config while it is fresh (else None), and the key a full load of it is
    to be ``store``d under (None without a cache)."""
    if cache is None:
        return None, None
    key = _key(path, allow_private, env)
    return _read(cache, key, path), key


def store(cache: Path | None, key: str | None, config: Config) -> None:
    """Keep a fully loaded config under the key ``read_fresh`` gave."""
    if cache is not None and key is not None:
        _write(cache, key, config)


def _full(path: Path, allow_private: bool, env: Mapping[str, str] | None,
          full: Callable[[], Config] | None) -> Config:
    if full is not None:
        return full()
    from monitor.config import load_config

    return load_config(path, allow_private=allow_private, env=env)


def _key(path: Path, allow_private: bool, env: Mapping[str, str] | None) -> str:
    """Everything besides the files that validation depended on, as one digest."""
    from monitor.fetch.chromium import chromium_path

    environ = process_environ(env)
    settings = sorted((k, v) for k, v in environ.items() if k.startswith("MONITOR_"))
    parts = (FORMAT, sys.version, _code_stamps(), _library_versions(), os.path.abspath(path),
             allow_private, settings, chromium_path(environ))
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _code_stamps() -> list[tuple[str, int, int]]:
    """monitor's modules and their stamps: a changed kind or check revalidates (about 0.5 ms)."""
    found: list[tuple[str, int, int]] = []
    folders = [os.path.dirname(monitor.__file__)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    found.append((entry.path, info.st_mtime_ns, info.st_size))
    return sorted(found)


def _library_versions() -> list[tuple[str, str]]:
    """The ``.dist-info`` folders of ``LIBRARIES`` on the import path, in its order (the first
    is the one imported): their names carry the versions, read without importing the libraries
    (importlib.metadata took 13 ms for the four, listing the folders 0.8 ms)."""
    found: list[tuple[str, str]] = []
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as entries:
                names = [entry.name for entry in entries if entry.name.endswith(".dist-info")]
        except OSError:  # a zip file, a folder gone
            continue
        for name in sorted(names):
            project = name.split("-", 1)[0].lower().replace("-", "_").replace(".", "_")
            if project in LIBRARIES:
                found.append((folder, name))
    return found


class _Unpickler(pickle.Unpickler):
    """Builds companies, sources and builtin values; refuses every other global."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a config cache")
        return super().find_class(module, name)


def _read(cache: Path, key: str, path: Path) -> Config | None:
    """The cached config when it is ours, of this key, and every file is as it was."""
    try:
        fd = os.open(cache, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if (not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES
                or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())
                or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return None
        data = handle.read(MAX_BYTES + 1)
    try:
        found = _Unpickler(io.BytesIO(data)).load()
        fmt, cached_key, payload = found
        if fmt != FORMAT or cached_key != key:
            return None
        defaults, companies, homes, files, stamps, globs = payload
        if not _fresh(stamps, globs):
            return None
        paths = {name: Path(name) for name in files}
        return Config(path=path, defaults=MappingProxyType(defaults), companies=companies,
                      files=tuple(paths.values()),
                      homes=MappingProxyType({slug: paths[files[i]] for slug, i in homes.items()}),
                      stamps=tuple((Path(name), stamp) for name, stamp in stamps), globs=globs)
    except Exception as exc:  # corrupt, truncated, another shape: the full load decides
        log.debug("config cache %s not used: %s", cache, exc)
        return None


def _fresh(stamps: tuple[tuple[str, object], ...], globs: tuple[Glob, ...]) -> bool:
    """True when every file and folder has its stamp and every glob the same matches."""
    if any(stamp_of(Path(name)) != stamp for name, stamp in stamps):
        return False
    return all(tuple(map(str, glob_files(Path(base), pattern))) == matches
               for base, pattern, matches in globs)


def _write(cache: Path, key: str, loaded: Config) -> None:
    """Replace the cache atomically (mode 0600); a folder we cannot write just means no cache."""
    files = [str(name) for name in loaded.files]
    index = {name: i for i, name in enumerate(files)}
    payload = (dict(loaded.defaults), loaded.companies,
               {slug: index[str(home)] for slug, home in loaded.homes.items()}, files,
               tuple((str(name), stamp) for name, stamp in loaded.stamps), loaded.globs)
    tmp = ""
    try:
        data = pickle.dumps((FORMAT, key, payload), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=f".{cache.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:  # mkstemp: 0600 already
            handle.write(data)
        os.replace(tmp, cache)
    except (OSError, pickle.PicklingError, KeyError) as exc:
        log.debug("config cache %s not written: %s", cache, exc)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
