"""One policy for the sources monitor proposes (add --discover, import) and ships.

- LinkedIn only when asked for: its terms forbid automated access, so its accounts are
  listed and become sources only with `add --discover URL --with linkedin` (or by hand).
- X accounts as x.com: twitter.com, mobile.twitter.com and www.x.com links become
  https://x.com/<handle>.
- https when the site says so: an http:// page is tracked at the https:// URL the site
  redirects it to (asked once, when the source is proposed; kept as it is when the site
  cannot be reached or does not redirect).

`monitor kinds` prints these rules (POLICY).
"""

from __future__ import annotations

import inspect
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from monitor.models import Outcome

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

ASK_FIRST = frozenset({"linkedin"})
_X_HOSTS = frozenset({"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com",
                      "mobile.x.com"})

POLICY = inspect.cleandoc(__doc__ or "").split("\n\n")[1]


@dataclass(frozen=True)
class Chosen:
    """The sources the policy keeps, and what it held back or changed, in words."""

    sources: tuple[dict[str, object], ...]
    notes: tuple[str, ...] = ()


def x_url(url: str) -> str:
    """``https://twitter.com/Acme?ref=x`` → ``https://x.com/Acme``; other URLs unchanged."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in _X_HOSTS:
        return url
    handle = parts.path.strip("/").split("/")[0].lstrip("@")
    return f"https://x.com/{handle}" if handle else url


def choose(sources: Iterable[Mapping[str, object]], asked: Collection[str] = ()) -> Chosen:
    """Apply the pure rules: ask-first kinds held back unless asked for; X links as x.com."""
    kept: list[dict[str, object]] = []
    notes: list[str] = []
    for source in sources:
        kind, url = str(source["kind"]), str(source["url"])
        if kind in ASK_FIRST and kind not in asked:
            notes.append(f"{kind} {url} not added: {kind} only when asked for (--with {kind})")
            continue
        wanted = {**source, "url": x_url(url)} if kind == "x" else dict(source)
        if wanted not in kept:
            kept.append(wanted)
    return Chosen(tuple(kept), tuple(notes))


def same_site(a: str, b: str) -> bool:
    """True when two URLs are on one host, ``www.`` aside."""
    def host(url: str) -> str:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host(a) == host(b) != ""


async def https_of(url: str, fetcher: Fetcher) -> str | None:
    """The https URL an http:// page redirects to on the same site, else None."""
    answer = await fetcher.fetch(url)
    final = answer.final_url or url
    if answer.outcome is Outcome.OK and final.startswith("https://") and same_site(url, final):
        return final
    return None


async def upgrade(chosen: Chosen, fetcher: Fetcher) -> Chosen:
    """Replace each http:// website source by the https URL the site redirects it to."""
    kept: list[dict[str, object]] = []
    notes = list(chosen.notes)
    for source in chosen.sources:
        url = str(source["url"])
        if source["kind"] == "website" and url.startswith("http://"):
            better = await https_of(url, fetcher)
            if better is not None:
                notes.append(f"{url} redirects to {better}: tracking {better}")
                source = {**source, "url": better}
        kept.append(source)
    return Chosen(tuple(kept), tuple(notes))

