"""The base of every source kind: declared options, user docs, and a pure extract step."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from monitor.models import Category, Fetched, Observation, Source

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher


class SourceOptions(BaseModel):
    """Options every kind accepts. A kind extends this with its own (``extra`` is forbidden)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: str
    url: str = Field(description="What to fetch.")
    every: str | None = Field(None, description="Interval between checks, e.g. 30m, 6h, 1d.")
    confirm: int | None = Field(
        None, ge=1, le=10, description="Consecutive checks a new value must be seen before it is a change."
    )
    settle: str | float | None = Field(
        None, description="How long a page's new prose must hold before it is a change, e.g. "
        "12h, 1d (default 1d; 0: at once). Facts and items are not held back.")
    include: list[str] = Field(default_factory=list, description="CSS selectors: only these parts.")
    exclude: list[str] = Field(default_factory=list, description="CSS selectors to drop first.")
    ignore: list[str] = Field(default_factory=list, description="Regular expressions of text to ignore.")
    proxy: str | None = Field(
        None, pattern=r"^(?:none|[a-z0-9_]{1,32})$",
        description="A proxy's name: its URL is read from MONITOR_PROXY_URL_<NAME> in the "
        "environment (none: go direct even when MONITOR_PROXY_URL is set).")


class Kind:
    """A family member of sources: one small class per kind, registered in ``monitor.sources.KINDS``.

    The class docstring is the kind's user documentation (``monitor kinds`` prints it).
    ``extract`` must be pure: bytes and options in, an Observation out.
    """

    kind: ClassVar[str]
    Options: ClassVar[type[SourceOptions]] = SourceOptions
    item_category: ClassVar[Category] = Category.NEWS
    default_every: ClassVar[str] = "6h"
    # Search results come and go: an item leaving them is not news, and no result is no fault.
    reports_removed_items: ClassVar[bool] = True
    # A job board's API lists every opening; a page or feed shows a window of the latest.
    lists_every_item: ClassVar[bool] = False
    empty_is_normal: ClassVar[bool] = False

    def options(self, source: Source) -> SourceOptions:
        """The validated options of a source of this kind."""
        return self.Options.model_validate({"kind": self.kind, "url": source.url, **source.options})

    async def fetch(
        self, source: Source, fetcher: Fetcher, etag: str | None, last_modified: str | None
    ) -> Fetched:
        """Fetch what this kind reads; kinds needing several requests override this."""
        return await fetcher.fetch(source.url, etag=etag, last_modified=last_modified)

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Turn a fetched OK response into an Observation. Pure: no network, clock or DB."""
        raise NotImplementedError
