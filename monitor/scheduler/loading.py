"""A big sources.yaml is read in a child process: the daemon keeps the companies, not the heap.

Validating 10,000 companies builds the whole YAML tree and every option model at once; the
objects die, but the interpreter keeps most of the memory they took (about 45 MiB of a
daemon's resident set at 10,000 sources, against 6 for the companies themselves). So a file
above ``CHILD_BYTES`` is loaded by ``python -m monitor.scheduler.loading``, which pickles the
validated defaults and companies back; a smaller one costs little and is read in-process
(the child's interpreter start is about 0.5 s of CPU). Pickles pass only between this process
and its own child, never from anything a page controls.
"""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from monitor.config import Config, load_config
from monitor.errors import ConfigError

CHILD_BYTES = 256 * 1024  # about 2,000 one-source companies
TIMEOUT_S = 600.0  # far past the 64 MiB cap's parse time


def load(path: Path, *, allow_private: bool, env: Mapping[str, str] | None,
         child_bytes: int = CHILD_BYTES, cache: Path | None = None) -> Config:
    """``load_config``, in a child process when the file is over ``child_bytes``; ConfigError
    as it would be. With ``cache`` (``monitor.config.cache``), a config whose files did not
    change is read from there, in-process: no child, no parsing."""
    with Preload(path, allow_private=allow_private, env=env, cache=cache,
                 child_bytes=child_bytes) as loading:
        return loading.result()


class Preload:
    """A load begun now and finished by ``result()``: the child process (a big file whose
    cache is stale) validates while the caller goes on, as ``monitor run`` imports and opens
    everything else meanwhile. ``close()`` (or leaving ``with``) stops a child never asked."""

    def __init__(self, path: Path, *, allow_private: bool, env: Mapping[str, str] | None,
                 cache: Path | None, child_bytes: int = CHILD_BYTES) -> None:
        from monitor.config.cache import read_fresh

        self.request = (path, allow_private, None if env is None else dict(env), cache)
        big = _size(path) > child_bytes
        # No cache to read: the child starts at once (its key is computed meanwhile).
        self._child = _spawn(path, allow_private, env) if big and not _exists(cache) else None
        self._config, self._key = read_fresh(path, cache=cache, allow_private=allow_private,
                                             env=env)
        if self._config is None and big and self._child is None:
            self._child = _spawn(path, allow_private, env)

    @property
    def in_child(self) -> bool:
        """True while a child process validates the file (seconds for a big file)."""
        return self._child is not None

    def serves(self, path: Path, *, allow_private: bool, env: Mapping[str, str] | None,
               cache: Path | None) -> bool:
        """Whether this load is the one asked for (the same file, switch, settings, cache)."""
        return self.request == (path, allow_private, None if env is None else dict(env), cache)

    def result(self) -> Config:
        """The config (ConfigError as ``load_config`` has it); kept in the cache when loaded."""
        if self._config is not None:
            return self._config
        from monitor.config.cache import store

        path, allow_private, env, cache = self.request
        child, self._child = self._child, None
        config = _answer(path, child) if child is not None \
            else load_config(path, allow_private=allow_private, env=env)
        store(cache, self._key, config)
        self._config = config
        return config

    def close(self) -> None:
        """Stop the child if its answer was never asked for."""
        child, self._child = self._child, None
        if child is not None and child.poll() is None:
            child.kill()
        if child is not None:
            child.communicate()

    def __enter__(self) -> Preload:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _exists(cache: Path | None) -> bool:
    return cache is not None and cache.exists()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # load_config says what is wrong with the path


def _spawn(path: Path, allow_private: bool, env: Mapping[str, str] | None
           ) -> subprocess.Popen[bytes]:
    """The loader child, its request written (a few hundred bytes: the pipe takes them).

    Its stdin is a pipe of our own, written and closed here, so ``communicate()`` only reads."""
    request = pickle.dumps((path, allow_private, None if env is None else dict(env)))
    read_end, write_end = os.pipe()
    try:
        child = subprocess.Popen([sys.executable, "-m", "monitor.scheduler.loading"],
                                 stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except BaseException:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)  # the child has its copy (the write end is not inherited)
    try:
        with open(write_end, "wb") as stdin:
            stdin.write(request)
    except OSError:  # it died at once: its exit status and stderr say why
        pass
    return child


def _answer(path: Path, child: subprocess.Popen[bytes]) -> Config:
    """The child's config, or its error as ConfigError."""
    try:
        out, err = child.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise ConfigError(f"{path}: not loaded within {TIMEOUT_S:g} s") from None
    if child.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ConfigError(f"{path}: the loader exited with {child.returncode}: {tail[0][:300]}")
    status, *rest = pickle.loads(out)
    if status == "error":
        from monitor.config.include import FilesError  # the validator's modules: not here

        message, stamps = rest
        raise FilesError(message, stamps) if stamps else ConfigError(message)
    config: Config = rest[0]
    return config


def dumps(value: object) -> bytes:
    """``value`` pickled, read-only mapping views included (as views of dicts)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {MappingProxyType: _as_view}
    pickler.dump(value)
    return out.getvalue()


def _pickled(config: Config) -> bytes:
    """The config (its companies, defaults and the files it read), for the parent."""
    return dumps(("ok", config))


def _as_view(view: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _view, (dict(view),)


def _view(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view again (``MappingProxyType`` itself cannot be pickled by name)."""
    return MappingProxyType(mapping)


def main() -> None:
    """The child: a pickled request on stdin, the pickled config (or the error) on stdout."""
    from monitor.config.include import FilesError

    path, allow_private, env = pickle.loads(sys.stdin.buffer.read())
    try:
        answer = _pickled(load_config(path, allow_private=allow_private, env=env))
    except ConfigError as exc:  # with the files it read, to be watched for a fix
        answer = pickle.dumps(("error", str(exc), exc.stamps if isinstance(exc, FilesError) else ()))
    sys.stdout.buffer.write(answer)


if __name__ == "__main__":  # run as the module proper, so what it pickles names it, not __main__
    from monitor.scheduler.loading import main as run_child

    run_child()
