"""What tells us the files of a config changed: stamps of files and folders, glob matches.

Kept apart from the loader so that a caller holding a validated config (the watcher, the
cache) can tell whether it is still current without importing the YAML parsers.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

__all__ = ["Glob", "Stamp", "glob_files", "stamp_of"]

Stamp = tuple[int, int, int, int] | None  # (mtime_ns, size, inode, ctime_ns); None: missing
Glob = tuple[str, str, tuple[str, ...]]  # (folder, pattern, the files it matched, in order)


def stamp_of(path: Path) -> Stamp:
    """What tells us a file (or a globbed folder: its entries) changed: a save, however
    quick, moves ctime (which no one can set); a file put in its place has another inode."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns


def glob_files(base: Path, pattern: str) -> list[Path]:
    """The files a glob include names, relative to ``base``, sorted."""
    # root_dir: wildcards in the pattern only, never in the folder names above it
    matches = (Path(os.path.normpath(os.path.join(base, m)))
               for m in glob.glob(pattern, root_dir=base, recursive=True))
    return sorted(m for m in matches if m.is_file())
