"""Merging news stories from several providers and publishers into one item per story.

Stories are the same story when their headlines agree (case, accents, punctuation and a
trailing "..." ignored; the first 80 characters compared, so a headline Google cut short still
meets the full one) or when one lists the other in its cluster. The item is the story as first
published (earliest time, then publisher domain): its key is the normalised headline plus that
publisher, so it stays the same when later syndications or a second provider join it; their
URLs become the item's extra ``links``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import xxhash

from monitor import normalize as nz
from monitor.extract.gnews import Story
from monitor.models import Item

_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
_NON_WORD = re.compile(r"[\W_]+")
IDENT_CHARS = 80
MAX_LINKS = 20
MIN_PREFIX = 20  # a cut headline shorter than this is too vague to match by its start


def ident(title: str) -> str:
    """What two headlines are compared by."""
    folded = nz.fold(_ELLIPSIS.sub("", title))
    return _NON_WORD.sub(" ", folded).strip()[:IDENT_CHARS]


def excluded(story: Story, terms: list[str]) -> bool:
    """True when the headline or publisher contains one of the excluded terms."""
    haystack = nz.fold(f"{story.title} {story.publisher}")
    return any(nz.fold(t) and nz.fold(t) in haystack for t in terms)


def _same(a: str, b: str, a_cut: bool, b_cut: bool) -> bool:
    """Equal headlines, or one cut short ("...") that the other continues."""
    if a == b:
        return True
    if a_cut and len(a) >= MIN_PREFIX and b.startswith(a):
        return True
    return b_cut and len(b) >= MIN_PREFIX and a.startswith(b)


def group(stories: Iterable[Story]) -> list[list[Story]]:
    """Stories grouped by headline and cluster membership, in first-seen order."""
    groups: list[list[Story]] = []
    known: list[tuple[str, bool, int]] = []  # (ident, cut short, group index)
    for story in stories:
        titles = [story.title] + [t for t, _, _ in story.related]
        keys = [(ident(t), bool(_ELLIPSIS.search(t))) for t in titles]
        keys = [(k, cut) for k, cut in keys if k]
        if not keys:
            continue
        at = next((g for k, cut in keys for old, old_cut, g in known if _same(k, old, cut, old_cut)), None)
        if at is None:
            at = len(groups)
            groups.append([])
        groups[at].append(story)
        known += [(k, cut, at) for k, cut in keys]
    return groups


def _title(rep: Story, stories: list[Story]) -> str:
    """The representative headline, or a longer one with the same start if it was cut."""
    if not _ELLIPSIS.search(rep.title):
        return rep.title
    stem = ident(rep.title)
    longer = [s.title for s in stories if not _ELLIPSIS.search(s.title) and ident(s.title).startswith(stem)]
    return max(longer, key=len) if longer else rep.title


def item_of(stories: list[Story]) -> Item:
    """One item for a group of stories (see the module docs)."""
    rep = min(stories, key=lambda s: (s.published or "9999", s.domain, s.provider))
    links: list[str] = []
    for s in stories:
        for link in (s.link, *(u for _, _, u in s.related)):
            if link and link != rep.link and link not in links:
                links.append(link)
    others = sorted({s.publisher for s in stories if s.domain != rep.domain}
                    | {p for s in stories for _, p, _ in s.related if p and p != rep.publisher})
    key = "news:" + xxhash.xxh64_hexdigest(f"{ident(rep.title)}|{rep.domain}".encode())
    summary = nz.clip("Also: " + ", ".join(others), 300) if others else ""
    return Item(key=key, title=nz.clip(_title(rep, stories), 300), url=rep.link,
                published_at=rep.published, summary=summary, publisher=rep.publisher or None,
                kind="news", links=tuple(sorted(links)[:MAX_LINKS]))


def merge(stories: Iterable[Story], exclude: list[str]) -> tuple[Item, ...]:
    """Items of all providers' stories: excluded terms dropped, duplicates merged."""
    kept = [s for s in stories if not excluded(s, exclude)]
    items = [item_of(g) for g in group(kept)]
    unique: dict[str, Item] = {}
    for item in items:
        unique.setdefault(item.key, item)
    return tuple(sorted(unique.values(), key=lambda i: (i.published_at or "", i.key), reverse=True))
