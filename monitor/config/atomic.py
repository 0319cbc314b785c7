"""Replacing sources.yaml atomically: same mode, symlinks kept, never over someone else's save."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from monitor.errors import ConfigError

NEW_FILE_MODE = 0o644


def write_atomic(path: Path, data: bytes, expected: bytes | None) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and a rename.

    ``expected`` is the file's content when it was read (None: it did not exist); a file
    changed since by another ``monitor add`` or an editor is not overwritten.
    """
    target = Path(os.path.realpath(path))  # a symlinked config stays a symlink
    mode = NEW_FILE_MODE if expected is None else target.stat().st_mode & 0o777
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write next to it: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        current = target.read_bytes() if target.exists() else None
        if current != expected:  # another `monitor add` or an editor saved meanwhile
            raise ConfigError(f"{path}: changed by someone else while editing; try again")
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ConfigError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
    sync_directory(target.parent)


def sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); some file systems cannot, which is fine."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
