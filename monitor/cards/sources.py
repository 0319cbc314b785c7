"""The sources a card's links imply, and putting them into sources.yaml without duplicates."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from monitor.cards import labels
from monitor.cards.model import Card
from monitor.config import SourcesEdit

# Networks whose profile URL is what their kind reads; others (Facebook, YouTube channel
# pages) either have no kind or need a different URL, so a person chooses.
IMPLIED = ("website", "linkedin", "x")


@dataclass(frozen=True)
class Implied:
    """Sources to add (sources.yaml mappings) and what was left out, in words."""

    sources: tuple[Mapping[str, object], ...]
    skipped: tuple[str, ...]


def implied_sources(card: Card, kinds: Collection[str]) -> Implied:
    """Website, social and news sources for a card, limited to the kinds that exist now."""
    sources: list[Mapping[str, object]] = []
    skipped: list[str] = []
    for link in card.links:
        kind = link.network
        if kind in IMPLIED and kind in kinds:
            sources.append({"kind": kind, "url": link.url})
        elif kind in IMPLIED:
            skipped.append(f"{kind} {link.url} (no '{kind}' source kind)")
        else:
            skipped.append(f"{kind} {link.url} (not watched automatically; add it by hand)")
    if card.name and "news" in kinds:
        from monitor.sources.news import GOOGLE_NEWS, google_url

        sources.append({"kind": "news", "url": google_url(GOOGLE_NEWS, [card.name], [], "en", "US")})
    elif card.name:
        skipped.append(f"news search for {card.name!r} (no 'news' source kind)")
    return Implied(tuple(sources), tuple(skipped))


def _same(wanted: Mapping[str, object], kind: str, url: str) -> bool:
    if wanted["kind"] == "news":  # one news search per company; its query may have been edited
        return kind == "news"
    return wanted["kind"] == kind and labels.link_key(str(wanted["url"])) == labels.link_key(url)


def plan_sources(edit: SourcesEdit, slug: str, card: Card, implied: Implied) -> list[str]:
    """Add the company, or the sources it lacks, to a prepared edit; returns what was added.

    Nothing is written here: the caller writes the edit together with the card, so that a
    failure leaves sources.yaml and the database as they were.
    """
    existing = edit.company(slug)
    if existing is None:
        edit.add_company({"slug": slug, "name": card.name or slug,
                          "sources": [dict(s) for s in implied.sources]})
        return [f"{s['kind']} {s['url']}" for s in implied.sources]
    added = []
    for wanted in implied.sources:
        if any(_same(wanted, s.kind, s.url) for s in existing.sources):
            continue
        edit.add_source(slug, dict(wanted))
        added.append(f"{wanted['kind']} {wanted['url']}")
    return added
