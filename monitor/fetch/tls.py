"""TLS for the fetch layer: one verifying context per process, built by the first https fetch.

A context loads a whole CA bundle when it is built (about 15 ms of CPU each on this kind of
machine), and aiohttp builds two more, from the system store, when ``aiohttp.connector`` is
imported (about 36 ms). A run that fetches only http:// URLs needs none of them, and the
transport hands every https request this module's context itself, so aiohttp's two are never
used: aiohttp is imported under ``deferred_ca_loading``, which skips their CA loading. Left empty, they could
only fail a verification, never pass one.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

import certifi

__all__ = ["default_context", "deferred_ca_loading"]


@functools.cache
def default_context() -> ssl.SSLContext:
    """The verifying client context of this process (certifi's CA bundle), built once."""
    return ssl.create_default_context(cafile=certifi.where())


def _skip(self: ssl.SSLContext) -> None:
    """Stands in for ``set_default_verify_paths`` while aiohttp is imported."""


@contextmanager
def deferred_ca_loading() -> Iterator[None]:
    """Contexts built inside this block do not load the system's CA store.

    For the import of aiohttp only, whose module-level default contexts we never hand a
    request. Both of aiohttp's ways to build one (``create_default_context`` and a bare
    ``SSLContext`` followed by ``set_default_verify_paths``) end in that one method.
    """
    saved = ssl.SSLContext.__dict__.get("set_default_verify_paths")
    ssl.SSLContext.set_default_verify_paths = _skip  # type: ignore[method-assign]
    try:
        yield
    finally:
        if saved is None:
            del ssl.SSLContext.set_default_verify_paths
        else:
            ssl.SSLContext.set_default_verify_paths = saved  # type: ignore[method-assign]
