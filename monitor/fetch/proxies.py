"""The Fetchers of named proxies: one per ``proxy: <name>`` that sources use, made on first use.

Apart from ``proxy`` (the proxied connection itself), because a Fetcher is built from the
client, which uses the proxied transport: the client stands above ``proxy``, and this above both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.proxy import from_env


class ProxyFetchers:
    """One Fetcher per named proxy, made on first use; sources without one use the default."""

    def __init__(self, settings: FetchSettings, environ: Mapping[str, str] | None = None,
                 **fetcher_kwargs: Any) -> None:
        """``environ`` overrides the named proxies ``settings`` were read with."""
        self._environ = dict(settings.named_proxies) if environ is None else environ
        self._settings, self._kwargs = settings, fetcher_kwargs
        self._made: dict[str, Fetcher] = {}

    def for_source(self, options: Mapping[str, object], default: Fetcher) -> Fetcher:
        """The Fetcher for a source's ``proxy`` option (``default`` when it has none)."""
        name = options.get("proxy")
        if not isinstance(name, str):
            return default
        if name not in self._made:
            proxy = from_env(self._environ, name)
            self._made[name] = Fetcher(replace(self._settings, proxy=proxy), **self._kwargs)
        return self._made[name]

    async def __aenter__(self) -> ProxyFetchers:
        """``async with ProxyFetchers(...)`` closes what it made at the end."""
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Close every Fetcher made here."""
        await self.aclose()

    async def aclose(self) -> None:
        """Close every Fetcher made here."""
        for fetcher in self._made.values():
            await fetcher.aclose()
        self._made.clear()
