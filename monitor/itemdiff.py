"""Item rules, one set for every kind (feeds, lists on pages, job boards). Pure.

- A new item is ``added`` once it was seen on ``confirm`` consecutive checks (two by default,
  at once with ``confirm: 1``): one that shows and vanishes before that is forgotten, never
  added then removed.
- A missing item is gone after ``confirm`` checks missing (at least two). It is ``removed``
  when it was withdrawn from among items that are still listed; it is retired quietly when it
  left the tail of the list's window (nothing listed after it remains, or it is older than
  nearly everything listed, or an item that had left the tail is listed again), because a
  list that shows the newest twenty always loses one;
  so does a flood of departures in one check (a window or layout change, not withdrawals).
- A new title or price of the same item, seen on ``confirm`` consecutive checks, is one
  ``modified`` change; a flip back inside that window is nothing.
- An item that comes back after it was removed is one ``added`` change (after confirmation);
  one that was retired quietly returns quietly.
- The same URL under a new key is the same item (volatile GUIDs). Reordering is never a change.
- A list can be a sample of a larger pool ("latest posts", case studies, customer logos drawn
  anew each day): its members leave and come back. Once two items of a source have come back
  after they left, its lists are samples: an item listed again within ``SAMPLE_WINDOW`` of its
  last sighting is no news, however it left, and a missing item is not removed until it has
  been gone for ``SAMPLE_WINDOW`` (then it is, by the rules above). So is a list whose
  undated items are replaced at once (``_redrawn``), before any came back, and, for the check,
  one whose undated items listed lately and never reported leave again (``_drawn_and_gone``).
  An item never listed before is news once it has been listed on every check, in the same
  place, for two settle periods; one that leaves before is remembered as seen and gone
  quietly, and one drawn again elsewhere in the list is a member, so a pool member drawn now
  and then is never news, while a new item that stays is.
- An item listed before its date (an upcoming event on an agenda) that leaves once its date
  came took place: it is retired quietly, never removed.
- An undated item tells that it is new only by staying: it is news once it has been listed on
  every check for the source's settle period (a day by default); one that leaves before is
  remembered as seen, quietly. (A dated item's date tells its age.)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta

from monitor.models import (
    TITLE_KEY,
    Category,
    Change,
    ChangeKind,
    Item,
    ItemsResult,
    ItemState,
    Source,
    State,
)
from monitor.rotation import moment

# Many dated items leaving at once is a window or layout change (or a partial read), not many
# withdrawals: the Apple newsroom went from 35 tiles to 22 in one capture. Undated offers that
# leave together are a sale that ended: those are removals.
FLOOD_MIN = 3
FLOOD_SHARE = 0.3
OLDER_THAN_SHARE = 0.8  # of the dated items still listed, that are newer than a tail item
# A sample's member shown once a week still comes back within this; a withdrawn item is then
# reported two weeks late, only on sources whose lists were seen to be samples.
SAMPLE_WINDOW = timedelta(days=15)
SAMPLE_RETURNS = 2  # items that came back before a source's lists count as samples
# A new item of a sample is news once it held its place for this many settle periods: a member
# of a 3-of-10 daily sample stays a day by chance 3 times in 10, two days (and in the same
# place) about 1 time in 100.
SAMPLE_HOLD = 2
REDRAWN_MIN = 2  # never-reported items arriving while as many listed ones are away


@dataclass
class _Run:
    """What one diff of items collects as it walks the observation."""

    items: list[Item] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    sightings: dict[str, int] = field(default_factory=dict)
    candidates: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    position: int = 0  # of the item being judged
    now: str = ""  # the time of the check ("" for a list known complete)


def diff_items(source: Source, prev: State, items: Iterable[Item], category: Category,
               removals: bool = True, complete: bool = False, now: str = "") -> ItemsResult:
    """Present, pending, missing and gone items of one observation, and their changes.

    ``complete``: the observation lists every item there is (a job board's API, not a page's
    window), so a missing item is always withdrawn, never retired. ``now``: the time of the
    observation, which sampled lists are judged by (none: no item counts as recent).
    """
    present: dict[str, Item] = {}
    for item in items:  # duplicates resolve the same way in any order: the smallest version
        if item.key not in present or item.version < present[item.key].version:
            present[item.key] = item
    aliases = _aliases(prev, present)
    need = max(source.confirm, 1)
    run = _Run(now="" if complete else now)
    run.returned = [k for k in (aliases.get(key, key) for key in present)
                    if k in prev.items and (prev.items[k].misses or prev.items[k].removed)]
    returns = sum(1 for s in prev.items.values() if s.returns) + sum(
        1 for k in run.returned if not prev.items[k].returns)
    sampled = ((returns >= SAMPLE_RETURNS
                or _redrawn(prev, present, aliases, now, SAMPLE_HOLD * source.settle)
                or _drawn_and_gone(prev, present, aliases))
               and not complete and not prev.baseline)
    positions: dict[str, int] = {}
    for pos, (key, item) in enumerate(present.items()):
        stored_key = aliases.get(key, key)
        positions[stored_key] = run.position = pos
        _one(source, prev, item, stored_key, category, need, run, now if sampled else "")
    missed, removed, quiet, dropped, tails = _missing(source, prev, present, positions, need,
                                                      complete, now if sampled else "", run.now)
    if not prev.baseline:
        run.changes += [_removed(source, prev.items[k], category)
                        for k in removed if removals and k not in quiet]
    return ItemsResult(
        present=tuple(run.items), missed=missed, removed=tuple(removed), aliases=aliases,
        changes=tuple(run.changes), pending=tuple(run.pending),
        sightings=run.sightings, dropped=tuple(dropped),
        quiet=tuple(k for k in removed if k in quiet or not removals), candidates=run.candidates,
        positions=positions, tails=tuple(tails), returned=tuple(run.returned))


def _one(source: Source, prev: State, item: Item, key: str, category: Category, need: int,
         run: _Run, sampled: str = "") -> None:
    """Judge one listed item against what is stored under its key (``sampled``: the time of
    the check, when the source's lists are samples)."""
    st = prev.items.get(key)
    if prev.baseline:
        run.items.append(item)
        return
    if st is not None and st.removed and _within(st.last_seen, sampled):
        run.items.append(item)  # a sample's member back, seen lately: no news
        return
    if sampled and st is not None and st.pending and not st.removed and st.position is not None \
            and st.position != run.position:
        run.items.append(item)  # a sample's member, drawn again in another place: known now
        return
    if st is None or st.pending or (st.removed and not st.retired):
        seen = (st.pending if st is not None else 0) + 1
        hold = (SAMPLE_HOLD * source.settle if sampled else
                source.settle if run.now and not item.published_at else 0.0)
        if seen >= need and (not hold or _held(st, run.now, hold)):
            run.changes.append(_added(source, item, category, back=st is not None and st.removed))
        else:
            run.pending.append(key)
            run.sightings[key] = seen
        run.items.append(item)
        return
    if st.removed or not st.title or item.version == st.version:
        run.items.append(item)  # back from a quiet retirement, or unchanged
        return
    version, seen = _candidate(st.candidate)
    seen = seen + 1 if version == item.version else 1
    if seen >= need:
        run.changes.append(_modified(source, st, item, category))
        run.items.append(item)
        return
    run.candidates[key] = f"{seen}{_SEEN}{item.version}"  # not confirmed yet: keep the old one
    run.items.append(replace(item, title=st.title, price=st.price))


_SEEN = "\x1e"  # "2\x1e<title>\x1f<price>": a candidate version and how many checks saw it


def _candidate(stored: str) -> tuple[str, int]:
    """(version, sightings) of a stored candidate; a bare version was seen once."""
    count, sep, version = stored.partition(_SEEN)
    if sep and count.isdigit():
        return version, int(count)
    return stored, 1 if stored else 0


def _missing(source: Source, prev: State, present: Mapping[str, Item], positions: Mapping[str, int],
             need: int, complete: bool, sampled: str = "", now: str = ""
             ) -> tuple[dict[str, int], list[str], set[str], list[str], list[str]]:
    """Missing items: (miss counts, keys gone, gone quietly, pending forgotten, tail leavers).

    Whether an item left the tail is judged at its first miss, when every position compared
    was taken on the same (previous) check. ``sampled``: the time of this check when the
    source's lists are samples (then an item is only gone once it was away ``SAMPLE_WINDOW``).
    """
    dated = sorted(i.published_at for i in present.values() if i.published_at)
    listed = [s for k, s in prev.items.items() if k in positions and s.position is not None]
    last = max((s.position for s in listed if s.position is not None), default=None)
    listed_before = sum(1 for s in prev.items.values() if not s.removed and not s.misses)
    first_misses = sum(1 for k, s in prev.items.items()
                       if k not in positions and not s.removed and not s.pending and not s.misses)
    flood = first_misses >= max(FLOOD_MIN, FLOOD_SHARE * listed_before)
    # A dated item that had left the tail is listed again: the window moved back (a stale copy
    # of the page, a cache flip), so what is missing left the window too. (Undated lists
    # judge their window by its length.)
    refilled = any(s.retired for k, s in prev.items.items() if k in positions)
    missed: dict[str, int] = {}
    removed: list[str] = []
    quiet: set[str] = set()
    dropped: list[str] = []
    tails: list[str] = []
    for key, st in prev.items.items():
        if key in positions or (st.removed and not st.pending):
            continue
        if st.pending and (sampled or (now and not st.published_at)) and not st.removed:
            removed.append(key)  # a sample's member drawn for a day: seen, and gone quietly
            quiet.add(key)
            continue
        if st.pending:
            dropped.append(key)
            continue
        if complete:
            tail = False
        elif st.misses and st.position is not None:  # judged at the first miss; dates still count
            tail = st.retired or _tail(st, dated, None, 1, 2)
        else:
            tail = ((flood or refilled) and bool(st.published_at)) or _tail(
                st, dated, last, len(present), listed_before)
        tail = tail or (not complete and _took_place(st, now))
        if tail and not st.misses:
            tails.append(key)
        if st.misses + 1 < max(need, 2) or (sampled and _within(st.last_seen, sampled)):
            missed[key] = st.misses + 1
            continue
        if sampled and st.published_at and dated:
            # A sample's members come back all the time, which says nothing of its window:
            # only its date tells a post that aged out from one that was withdrawn.
            tail = _tail(st, dated, None, 1, 2)
        removed.append(key)
        if tail or prev.baseline:
            quiet.add(key)
    return missed, removed, quiet, dropped, tails


def _took_place(st: ItemState, now: str) -> bool:
    """Whether an item listed before its date (an upcoming event) leaves once its date came:
    the event took place, nothing was withdrawn. A news item is dated before it is listed."""
    date, first, at = (moment(t) if t else None for t in (st.published_at, st.first_seen, now))
    return date is not None and first is not None and at is not None and first < date <= at


def _tail(st: ItemState, dated: list[str], last: int | None, n_now: int, n_before: int) -> bool:
    """True when a missing item fell off the end of the list rather than being withdrawn.

    Dated: older than nearly everything still listed (a featured evergreen story must not make
    every other departure look like a withdrawal). Undated: the list kept its length (another
    item took the place: the window moved), or the item stood below every item still listed.
    """
    if st.published_at and dated:
        newer = len(dated) - bisect.bisect_right(dated, st.published_at)
        return newer >= OLDER_THAN_SHARE * len(dated)
    if n_now > 0 and n_now >= n_before:
        return True
    return st.position is not None and last is not None and st.position > last


def _aliases(prev: State, present: Mapping[str, Item]) -> dict[str, str]:
    """New keys that name a stored item: the same URL (volatile GUIDs), or the same title of
    an item no longer listed when one of the two was known by its title only (a list block
    that gained or lost its own link). URLs that several items share (the page's own) and
    titles that several items share identify nothing."""
    def unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
        found: dict[str, str | None] = {}
        for value, key in pairs:
            found[value] = None if value in found else key
        return {v: k for v, k in found.items() if k is not None and v}

    stored_urls = unique((_url_key(s.url), k) for k, s in prev.items.items() if s.url)
    stored_titles = unique((s.title.casefold(), k) for k, s in prev.items.items()
                           if k not in present and not s.removed)
    urls_now = unique((_url_key(i.url), k) for k, i in present.items() if i.url)
    aliases: dict[str, str] = {}
    for key, item in present.items():
        if key in prev.items:
            continue
        url = _url_key(item.url)
        if url and urls_now.get(url) == key and url in stored_urls:
            aliases[key] = stored_urls[url]
        elif item.title.casefold() in stored_titles and TITLE_KEY in (
                key[:len(TITLE_KEY)], stored_titles[item.title.casefold()][:len(TITLE_KEY)]):
            aliases[key] = stored_titles[item.title.casefold()]
    kept: dict[str, str] = {}
    for key, stored in aliases.items():  # one new key per stored item, and never a listed one
        if stored not in present and stored not in kept.values():
            kept[key] = stored
    return kept


def _redrawn(prev: State, present: Mapping[str, Item], aliases: Mapping[str, str],
             now: str = "", lately: float = 0.0) -> bool:
    """Whether the lists are being redrawn: several undated items never reported are listed
    while as many undated ones that were listed are away (or left within ``lately`` seconds
    of ``now``). A news list gains a post at a time and loses its oldest; a sample replaces
    most of itself at once, before any member had time to come back. (Dated items tell their
    age by their dates.)"""
    arriving = 0
    for key, item in present.items():
        st = prev.items.get(aliases.get(key, key))
        arriving += not item.published_at and (st is None or bool(st.pending and not st.removed))
    if arriving < REDRAWN_MIN:
        return False
    stored = {aliases.get(k, k) for k in present}
    away = sum(1 for k, s in prev.items.items()
               if k not in stored and not s.pending and not s.published_at
               and (not s.removed or _left_lately(s, now, lately)))
    return away >= arriving


def _left_lately(st: ItemState, now: str, seconds: float) -> bool:
    """Whether an item that left was last listed at most ``seconds`` before ``now``."""
    then, at = moment(st.last_seen) if st.last_seen else None, moment(now) if now else None
    return then is not None and at is not None and (at - then).total_seconds() <= seconds


def _drawn_and_gone(prev: State, present: Mapping[str, Item], aliases: Mapping[str, str]) -> bool:
    """Whether undated items listed lately and never reported left again: drawn for a while
    from a pool, as a sample does; a news list's new post stays."""
    stored = {aliases.get(k, k) for k in present}
    return any(s.pending and not s.removed and not s.published_at and k not in stored
               for k, s in prev.items.items())


def _held(st: ItemState | None, now: str, settle: float) -> bool:
    """Whether a new item (undated, or of a sampled list) has been listed on every check for
    ``settle`` seconds: a member drawn by chance is gone again within a day or two, a new one
    stays."""
    if settle <= 0:
        return True
    if st is None:
        return False  # its first sighting
    first, last = moment(st.first_seen) if st.first_seen else None, moment(now)
    # a time that cannot be read counts as held: nothing is kept back for ever
    return first is None or last is None or (last - first).total_seconds() >= settle


def _within(then: str, now: str) -> bool:
    """Whether ``then`` is at most ``SAMPLE_WINDOW`` before ``now`` (unknown times are not)."""
    a, b = moment(then) if then else None, moment(now) if now else None
    return a is not None and b is not None and b - a <= SAMPLE_WINDOW


def _url_key(url: str | None) -> str:
    """URLs that differ only by a trailing slash name the same item."""
    return (url or "").rstrip("/")


def _added(source: Source, item: Item, category: Category, back: bool) -> Change:
    why = "listed again after it was removed" if back else item.evidence or item.summary
    return Change(company=source.company, source=source.id, field=item.kind, key=item.key,
                  change=ChangeKind.ADDED, category=item.category or category, new=item.label,
                  url=item.url or source.url, evidence=why[:200])


def _modified(source: Source, st: ItemState, item: Item, category: Category) -> Change:
    old = ", ".join(p for p in (st.title, st.price or "") if p)
    new = ", ".join(p for p in (item.title, item.price or "") if p)
    return Change(company=source.company, source=source.id, field=item.kind, key=item.key,
                  change=ChangeKind.MODIFIED, category=item.category or category, old=old,
                  new=new, url=item.url or source.url, evidence=item.evidence[:200])


def _removed(source: Source, st: ItemState, category: Category) -> Change:
    cat = Category(st.category) if st.category in {c.value for c in Category} else category
    return Change(company=source.company, source=source.id, field=st.kind or "item", key=st.key,
                  change=ChangeKind.REMOVED, category=cat, old=st.title or st.key,
                  url=st.url or source.url, evidence="withdrawn from the middle of the list")


def next_items(prev: Mapping[str, ItemState], res: ItemsResult, now: str) -> dict[str, ItemState]:
    """The items a source keeps after one check's ``res`` (the rules ``store.record`` writes):
    listed items with their sightings, last and first sighting and returns; missed, retired,
    removed and dropped ones as the differ decided. Pure: ``prev`` is not changed."""
    kept = dict(prev)
    for item in res.present:
        key = res.aliases.get(item.key, item.key)
        was = kept.get(key)
        pending = res.sightings.get(key, 1) if key in res.pending else 0
        kept[key] = ItemState(
            key, item.url, item.published_at, removed=bool(pending and was and was.removed),
            title=item.title, price=item.price, pending=pending, position=res.positions.get(key),
            candidate=res.candidates.get(key, ""), kind=item.kind,
            category=item.category.value if item.category else None, last_seen=now,
            first_seen=was.first_seen if was and was.first_seen else now,
            returns=(was.returns if was else 0) + (key in res.returned))
    for key, n in res.missed.items():
        kept[key] = replace(kept[key], misses=n)
    for key in res.tails:
        kept[key] = replace(kept[key], retired=True)
    for key in res.removed:
        kept[key] = replace(kept[key], removed=True, misses=0, retired=key in res.quiet)
    for key in res.dropped:
        if kept[key].removed:
            kept[key] = replace(kept[key], pending=0)
        else:
            del kept[key]
    return kept
