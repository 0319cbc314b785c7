"""Rebasing: when the extractors change, a source's stored profile is re-read, not reported.

An upgrade that reads a page better (a new rule finds a person, an address is read another
way) would otherwise make every source report, on its next check, facts "added" and
"removed" that did not change on the site. So each source remembers the *extraction version*
its profile was read with; on a check where it differs, its last stored page (``snapshots``)
is read again with the current extractors, the difference between the stored profile and that
reading is recorded as a *rebase* (table ``rebases``: history, never alerted, never a change),
and the fresh page is then diffed against the rebased profile as usual.

What counts as the extractor's doing, per fact identity, item and line of text: the stored
page re-read and the fresh page agree with each other and differ from the stored profile.
Where the two pages disagree the site moved between them, and the ordinary diff judges it
(so a real change made at the time of the upgrade is still reported). Values awaiting
confirmation (``pending``, pending items) are left to their own confirmation. Items the new
extractor no longer finds are retired quietly (they return quietly); items it finds anew are
kept as seen. Without a stored page the fresh page stands in: what only the extractor changed
makes no change, but a real change on that same check is absorbed too.

The version is a hash of the source files that decide what a page yields (``extract/``,
``sources/``, normalize, noise, text safety, words) and of the parsing libraries' versions,
plus ``EPOCH``, a number bumped by hand for what no hash sees. It is computed once per
process, on the first check that extracts (about 2 ms), never per check. A hash cannot be
forgotten the way a hand-bumped constant can; its cost is a rebase after an edit that changed
nothing, which re-reads one stored page per source once and records no row.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from sqlite_utils import Database

from monitor import rotation
from monitor.diff import category_of, payload
from monitor.models import (
    Category,
    Change,
    ChangeKind,
    Fact,
    Fetched,
    Item,
    ItemState,
    Observation,
    Outcome,
    Rebase,
    SeenLine,
    Source,
    State,
)
from monitor.normalize import SINGLE_FIELDS, identity
from monitor.store.db import write
from monitor.store.rebases import last_page, stored_version
from monitor.store.rebases import write as record_rebase
from monitor.store.state import load_state, source_row

EPOCH = 1  # bump by hand when extraction changes where the hash cannot see it
_CODE = ("extract", "sources", "normalize.py", "noise.py", "text_safety.py", "words.py",
         "prices.py")
_LIBRARIES = ("selectolax", "lxml", "feedparser", "phonenumbers", "gender-guesser",
              "markdown-it-py", "w3lib", "python-dateutil", "price-parser")
FRESH = "fresh"  # Rebase.page when the check's own page stood in for a stored one

Extract = Callable[[Source, Fetched], Awaitable[Observation]]


@functools.cache
def extraction_version() -> str:
    """``EPOCH.hash`` of the code and libraries that turn a page into facts (once a process)."""
    root = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=8)
    for part in _CODE:
        path = root / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = "-"
        digest.update(f"{name}={found}\n".encode())
    return f"{EPOCH}.{digest.hexdigest()}"


async def rebased(source: Source, state: State, fresh: Observation | None, db: Database,
                  extract: Extract, *, now: str, item_category: Category) -> Rebase | None:
    """The source's rebase when its profile was read by another extractor version, else None.

    ``fresh`` is the check's own observation (None for ``monitor rebase``, which fetches
    nothing). A baseline only gets stamped with the version.
    """
    version, was = extraction_version(), stored_version(db, source.id)
    if was == version:
        return None
    if state.baseline:
        return Rebase(version=version, was=was, state=state)
    page = last_page(db, source.id)
    if fresh is None and (page is None or not page.settled):
        return None  # nothing to re-read alone: the source rebases on its next check
    reread = await extract(source, page.fetched(source.url)) if page is not None else None
    # (An extractor that answers every page with the fresh reading, as a fleet's writer does,
    # re-read nothing: the fresh page stood in.)
    if page is not None and reread is not None and reread.outcome is Outcome.OK \
            and not reread.empty and reread is not fresh:
        used = page.hash
    elif fresh is not None:
        reread, used = fresh, FRESH
    else:
        return None  # the stored page cannot be read now: the source rebases on its next check
    return rebase(source, state, reread, fresh or reread, version=version, was=was, page=used,
                  now=now, item_category=item_category)


async def rebase_source(db: Database, source: Source, extract: Extract, *, now: str,
                        crash: Callable[[str], None]) -> Rebase | None:
    """``monitor rebase`` of one source: its stored page re-read and the rebase recorded in one
    transaction (a crash inside it loses nothing: the old version stays stamped). None when
    there is nothing to do now (up to date, no baseline, or no stored page to re-read)."""
    from monitor.sources import KINDS

    kind = KINDS.get(source.kind)
    row = source_row(db, source.id)
    if kind is None or row is None or row.baseline_at is None:
        return None
    state = load_state(db, source.id, False)
    found = await rebased(source, state, None, db, extract, now=now,
                          item_category=kind.item_category)
    if found is None:
        return None
    with write(db) as conn:
        record_rebase(conn, source, found, now)
        crash("in_transaction")
    crash("after_commit")
    return found


def rebase(source: Source, state: State, stored: Observation, fresh: Observation, *,
           version: str, was: str | None, page: str, now: str,
           item_category: Category) -> Rebase:
    """Pure: the stored state moved to what the current extractor reads on the stored page,
    where the fresh page agrees; the differences as changes (never alerted)."""
    rotating = rotation.volatile(state.lines, rotation.Lessons(), state.slots, now)
    waiting = {(p.field, p.subject) for p in state.pending}
    facts, fact_changes = _facts(source, state, stored.facts, fresh.facts, waiting, rotating)
    lines: dict[str, SeenLine] = {}
    if ("text", "") not in waiting:
        text_change = _text(source, state, facts, stored.facts, fresh.facts, rotating, lines, now)
        fact_changes += text_change
    items, kept, retired, item_changes = _items(source, state, stored.items, fresh.items,
                                                item_category)
    new_state = replace(state, facts=tuple(sorted(facts.values(), key=_order)), items=items,
                        lines={**state.lines, **lines})
    return Rebase(version=version, was=was, state=new_state, page=page,
                  changes=(*fact_changes, *item_changes), facts=new_state.facts, items=kept,
                  retired=retired, lines=lines)


def _order(f: Fact) -> tuple[str, str, str]:
    return f.field, f.value, f.role or ""


def _by_identity(facts: Iterable[Fact]) -> dict[tuple[str, str], Fact]:
    """One fact per identity, the same one the differ keeps."""
    found: dict[tuple[str, str], Fact] = {}
    for f in sorted(facts, key=_order):
        found.setdefault(identity(f), f)
    return found


def _facts(source: Source, state: State, stored: Iterable[Fact], fresh: Iterable[Fact],
           waiting: set[tuple[str, str]], rotating: frozenset[str]
           ) -> tuple[dict[tuple[str, str], Fact], list[Change]]:
    """Facts (text aside) where both pages agree and the stored profile differs."""
    old, again, now = _by_identity(state.facts), _by_identity(stored), _by_identity(fresh)
    facts = dict(old)
    changes: list[Change] = []
    for key in sorted(old.keys() | again.keys() | now.keys()):
        if key in waiting or key[0] == "text":
            continue
        cur, new = old.get(key), again.get(key)
        if payload(new, rotating) != payload(now.get(key), rotating):
            continue  # the site moved between the two pages: the diff judges it
        if payload(new, rotating) == payload(cur, rotating):
            continue
        if new is None:
            facts.pop(key)
        else:
            facts[key] = new
        changes.append(_fact_change(source, key[0], cur, new))
    return facts, _paired(changes)


def _paired(changes: list[Change]) -> list[Change]:
    """A value read another way in a set field (a phone normalized anew) is one ``modified``
    row, not a removal and an addition, as the differ pairs them."""
    out: list[Change] = []
    for name in dict.fromkeys(c.field for c in changes):
        mine = [c for c in changes if c.field == name]
        gone = [c for c in mine if c.change is ChangeKind.REMOVED]
        came = [c for c in mine if c.change is ChangeKind.ADDED]
        if name not in SINGLE_FIELDS | {"person"} and len(gone) == 1 and len(came) == 1:
            mine = [replace(came[0], change=ChangeKind.MODIFIED, old=gone[0].old)]
        out += mine
    return out


def _fact_change(source: Source, name: str, cur: Fact | None, new: Fact | None) -> Change:
    kind = (ChangeKind.ADDED if cur is None else
            ChangeKind.REMOVED if new is None else ChangeKind.MODIFIED)
    either = new or cur
    assert either is not None
    base = Change(company=source.company, source=source.id, field=name, change=kind,
                  category=category_of(name), url=source.url, evidence=either.evidence[:300])
    if name == "person":
        return replace(base, key=either.value, old=cur.role if cur else None,
                       new=new.role if new else None)
    return replace(base, old=cur.value if cur else None, new=new.value if new else None)


def _text(source: Source, state: State, facts: dict[tuple[str, str], Fact],
          stored: Iterable[Fact], fresh: Iterable[Fact], rotating: frozenset[str],
          lines: dict[str, SeenLine], now: str) -> list[Change]:
    """Page text, line by line: lines both pages show that the profile lacks are added,
    lines the profile has that neither page shows are dropped; the rest is the diff's."""
    key = ("text", "")
    cur = facts.get(key)
    old = cur.value.splitlines() if cur else []
    again = _lines_of(stored)
    now_lines = set(_lines_of(fresh))
    have, seen_again = set(old), set(again)
    dropped = [t for t in old if t not in seen_again and t not in now_lines]
    gained = [t for t in dict.fromkeys(again) if t in now_lines and t not in have]
    if not dropped and not gained:
        return []
    kept = have - set(dropped)
    text = [t for t in dict.fromkeys(again) if t in kept or t in gained]
    text += [t for t in old if t in kept and t not in seen_again]
    if text:
        facts[key] = Fact("text", "\n".join(text), evidence=cur.evidence if cur else "")
    else:
        facts.pop(key, None)
    _touch_lines(state.lines, text, dropped, lines, now)
    gone, came = rotation.steady("\n".join(dropped), rotating), rotation.steady(
        "\n".join(gained), rotating)
    if not gone and not came:
        return []
    kind = (ChangeKind.ADDED if cur is None else
            ChangeKind.REMOVED if not text else ChangeKind.MODIFIED)
    return [Change(company=source.company, source=source.id, field="text", change=kind,
                   category=Category.CONTENT, old="\n".join(gone) or None,
                   new="\n".join(came) or None, url=source.url)]


def _lines_of(facts: Iterable[Fact]) -> list[str]:
    return next((f.value.splitlines() for f in sorted(facts, key=_order) if f.field == "text"), [])


def _touch_lines(seen: Mapping[str, SeenLine], text: list[str], dropped: list[str],
                 lines: dict[str, SeenLine], now: str) -> None:
    """Rotation state that agrees with the rebased text: its lines present where they stand
    (none counts as a return), the dropped ones absent (none counts as rotation)."""
    for position, line in enumerate(text):
        k = rotation.key(line)
        was = seen.get(k)
        if was is None:
            if len(seen) + len(lines) < rotation.MAX_LINES:
                lines[k] = SeenLine(line, position=position, since=now)
        elif not was.present or was.position != position:
            lines[k] = replace(was, present=True, position=position, since=was.since or now)
    for line in dropped:
        k = rotation.key(line)
        if k in seen and seen[k].present:
            lines[k] = replace(seen[k], present=False)


def _items(source: Source, state: State, stored: Iterable[Item], fresh: Iterable[Item],
           category: Category
           ) -> tuple[dict[str, ItemState], tuple[Item, ...], tuple[str, ...], list[Change]]:
    """Items both pages list that the store lacks (or titles differently) become seen; listed
    items neither page shows are retired quietly. The same URL under a new key is left to the
    differ, which knows it as the same item."""
    again, now = _unique(stored), _unique(fresh)
    items = dict(state.items)
    urls = {_url(i.url) for i in (*again.values(), *now.values()) if i.url}
    stored_urls = {_url(s.url) for s in state.items.values() if s.url}
    kept: list[Item] = []
    changes: list[Change] = []
    for position, (key, item) in enumerate(again.items()):
        other = now.get(key)
        if other is None or other.version != item.version:
            continue
        st = state.items.get(key)
        if st is None and item.url and _url(item.url) in stored_urls:
            continue  # a new key for a stored item: the differ aliases it by its URL
        if st is not None and (st.pending or st.candidate or (
                not st.removed and (not st.title or st.version == item.version))):
            continue  # awaiting its confirmation (a new title seen once is the site's), or same
        items[key] = ItemState(key, item.url, item.published_at, title=item.title,
                               price=item.price, position=position, kind=item.kind,
                               category=item.category.value if item.category else None)
        kept.append(item)
        changes.append(_item_change(source, st, item, category))
    retired = [k for k, st in state.items.items()
               if not st.removed and not st.pending and not st.misses and k not in again
               and k not in now and not (st.url and _url(st.url) in urls)]
    for k in retired:
        st = state.items[k]
        items[k] = replace(st, removed=True, retired=True)
        cat = Category(st.category) if st.category in set(Category) else category
        changes.append(Change(company=source.company, source=source.id, field=st.kind or "item",
                              change=ChangeKind.REMOVED, category=cat, key=k,
                              old=st.title or k, url=st.url or source.url))
    return items, tuple(kept), tuple(retired), changes


def _unique(items: Iterable[Item]) -> dict[str, Item]:
    """One item per key, as the differ resolves duplicates (the smallest version)."""
    found: dict[str, Item] = {}
    for item in items:
        if item.key not in found or item.version < found[item.key].version:
            found[item.key] = item
    return found


def _url(url: str | None) -> str:
    return (url or "").rstrip("/")


def _item_change(source: Source, st: ItemState | None, item: Item, category: Category) -> Change:
    listed = st is not None and not st.removed
    return Change(company=source.company, source=source.id, field=item.kind, key=item.key,
                  change=ChangeKind.MODIFIED if listed else ChangeKind.ADDED,
                  category=item.category or category,
                  old=", ".join(p for p in (st.title, st.price or "") if p) if listed and st else None,
                  new=item.label, url=item.url or source.url, evidence=item.evidence[:300])


__all__ = ["EPOCH", "FRESH", "extraction_version", "rebase", "rebase_source", "rebased"]
