"""The differ: previous state of one source + a new observation → change events. Pure.

Facts compare by identity, so order never matters:
- single-valued fields (``name``, ``description``, ``text``…) compare their value;
- set fields (``email``, ``phone``, ``link.x``…) compare presence; one removal and one
  addition in the same field in one check read as one ``modified`` change (@a → @b);
- ``person`` facts are keyed by the person's name and compare the role (CFO → COO).

A new value must be seen ``confirm`` consecutive times before it is recorded, so a value that
flips back (A→B→A) inside that window is never a change. The first observation is a baseline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from monitor.models import (
    Category,
    Change,
    ChangeKind,
    DiffResult,
    Fact,
    Item,
    ItemsResult,
    ItemState,
    Metric,
    Pending,
    Source,
    State,
)
from monitor.normalize import SINGLE_FIELDS, identity

KEYED_FIELDS = frozenset({"person"})
TEXT_LIMIT = 2000


def category_of(field_name: str) -> Category:
    """The alert category a fact field belongs to."""
    if field_name in KEYED_FIELDS:
        return Category.LEADERSHIP
    if field_name in ("email", "phone", "fax", "address"):
        return Category.CONTACT
    if field_name.startswith("link.") or field_name == "feed":
        return Category.LINKS
    if field_name == "text":
        return Category.CONTENT
    return Category.IDENTITY


def payload(fact: Fact | None) -> str | None:
    """What is compared for an identity: value, role, or mere presence."""
    if fact is None:
        return None
    if fact.field in KEYED_FIELDS:
        return (fact.role or "").casefold()
    if fact.field == "text":  # lines as a set: reordered blocks are not a change
        return "\n".join(sorted(set(fact.value.splitlines())))
    if fact.field in SINGLE_FIELDS:
        return fact.value
    return ""


def diff_facts(
    source: Source, prev: State, facts: Iterable[Fact], now: str
) -> tuple[list[Change], tuple[Fact, ...], tuple[Pending, ...]]:
    """Confirmed changes, the new confirmed facts and the still-pending candidates."""
    old = {identity(f): f for f in prev.facts}
    new: dict[tuple[str, str], Fact] = {}
    for f in sorted(facts, key=_fact_order):  # sorted: duplicates resolve the same every time
        new.setdefault(identity(f), f)
    if prev.baseline:
        return [], tuple(sorted(new.values(), key=_fact_order)), ()
    pending = {(p.field, p.subject): p for p in prev.pending}
    confirmed = dict(old)
    raw: list[tuple[Fact | None, Fact | None]] = []
    still: list[Pending] = []
    for key in sorted(old.keys() | new.keys()):
        cur, obs = old.get(key), new.get(key)
        if payload(cur) == payload(obs):
            if obs is not None:
                confirmed[key] = replace(cur or obs, evidence=obs.evidence)
            continue
        p = pending.get(key)
        seen = p.seen + 1 if p is not None and payload(p.fact) == payload(obs) else 1
        if seen >= source.confirm:
            raw.append((cur, obs))
            if obs is None:
                confirmed.pop(key, None)
            else:
                confirmed[key] = obs
        else:
            first = p.first_seen if p is not None and seen > 1 else now
            still.append(Pending(key[0], key[1], obs, seen, first))
    changes = _pair(source, raw)
    return changes, tuple(sorted(confirmed.values(), key=_fact_order)), tuple(still)


def _fact_order(f: Fact) -> tuple[str, str, str]:
    return f.field, f.value, f.role or ""


def _pair(source: Source, raw: list[tuple[Fact | None, Fact | None]]) -> list[Change]:
    """Turn (old, new) pairs into changes; a lone removal + addition in a set field is one."""
    by_field: dict[str, list[tuple[Fact | None, Fact | None]]] = {}
    for cur, obs in raw:
        either = cur or obs
        assert either is not None
        name = either.field
        by_field.setdefault(name, []).append((cur, obs))
    out: list[Change] = []
    for name, pairs in by_field.items():
        gone = [c for c, o in pairs if o is None]
        came = [o for c, o in pairs if c is None]
        if name not in SINGLE_FIELDS | KEYED_FIELDS and len(gone) == 1 and len(came) == 1:
            out.append(_change(source, name, ChangeKind.MODIFIED, gone[0], came[0]))
            continue
        for cur, obs in pairs:
            kind = (ChangeKind.ADDED if cur is None else
                    ChangeKind.REMOVED if obs is None else ChangeKind.MODIFIED)
            out.append(_change(source, name, kind, cur, obs))
    return out


def _change(source: Source, name: str, kind: ChangeKind, cur: Fact | None, obs: Fact | None) -> Change:
    either = obs or cur
    assert either is not None, "a change has an old or a new fact"
    base = Change(company=source.company, source=source.id, field=name, change=kind,
                  category=category_of(name), url=source.url, evidence=either.evidence)
    if name in KEYED_FIELDS:
        return replace(base, key=either.value, old=cur.role if cur else None,
                       new=obs.role if obs else None)
    if name == "text" and cur is not None and obs is not None:
        removed, added = _sentence_diff(cur.value, obs.value)
        return replace(base, old=removed, new=added)
    return replace(base, old=cur.value if cur else None, new=obs.value if obs else None)


def _sentence_diff(old: str, new: str) -> tuple[str, str]:
    """The lines only in the old text and the lines only in the new one, each capped."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    old_set, new_set = set(old_lines), set(new_lines)
    removed = "\n".join(line for line in old_lines if line not in new_set)
    added = "\n".join(line for line in new_lines if line not in old_set)
    return removed[:TEXT_LIMIT], added[:TEXT_LIMIT]


def diff_items(source: Source, prev: State, items: Iterable[Item], category: Category,
               removals: bool = True) -> ItemsResult:
    """New items are ``added`` at once; items gone for ``confirm`` checks are ``removed``.

    An item missing because it rolled off the end of a feed (older than everything still
    listed, or the list kept its length) is retired silently; an item whose GUID changed but
    whose URL is known is the same item (volatile GUIDs).
    """
    present: dict[str, Item] = {}
    for item in items:
        present.setdefault(item.key, item)
    by_url = {_url_key(s.url): k for k, s in prev.items.items() if s.url}
    aliases = {k: by_url[_url_key(i.url)] for k, i in present.items()
               if k not in prev.items and i.url and _url_key(i.url) in by_url}
    changes = [] if prev.baseline else [
        Change(company=source.company, source=source.id, field=item.kind, key=key,
               change=ChangeKind.ADDED, category=category, new=item.title,
               url=item.url or source.url, evidence=item.summary[:200])
        for key, item in present.items() if key not in prev.items and key not in aliases]
    missed, removed, gone = _missing(source, prev, present, set(present) | set(aliases.values()))
    changes += [] if prev.baseline or not removals else [
        Change(company=source.company, source=source.id, field="item", key=s.key,
               change=ChangeKind.REMOVED, category=category, old=s.title or s.key, url=s.url)
        for s in gone]
    return ItemsResult(tuple(present.values()), missed, tuple(removed), aliases, tuple(changes))


def _missing(source: Source, prev: State, present: Mapping[str, Item],
             seen: set[str]) -> tuple[dict[str, int], list[str], list[ItemState]]:
    """Missing items: (miss counts, keys to retire, retired ones that count as removals)."""
    oldest = min((i.published_at for i in present.values() if i.published_at), default=None)
    listed_before = sum(1 for s in prev.items.values() if not s.removed and not s.misses)
    missed: dict[str, int] = {}
    removed: list[str] = []
    gone: list[ItemState] = []
    for key, state in prev.items.items():
        if state.removed or key in seen:
            continue
        if state.misses + 1 < max(source.confirm, 2):
            missed[key] = state.misses + 1
            continue
        removed.append(key)
        if not _rolled_off(state, oldest, len(present), listed_before):
            gone.append(state)
    return missed, removed, gone


def _url_key(url: str | None) -> str:
    """URLs that differ only by a trailing slash name the same item."""
    return (url or "").rstrip("/")


def _rolled_off(state: ItemState, oldest: str | None, n_now: int, n_before: int) -> bool:
    """True when a missing item fell off the end of a full window rather than being deleted."""
    if state.published_at and oldest:
        return state.published_at < oldest
    return n_now > 0 and n_now >= n_before


def diff_metrics(
    source: Source, prev: State, metrics: Iterable[Metric], thresholds: Mapping[str, float]
) -> tuple[list[Change], dict[str, float]]:
    """A metric change event only when it moved past the user's threshold since the last one."""
    changes: list[Change] = []
    marks: dict[str, float] = {}
    for m in metrics:
        last = prev.metrics.get(m.name)
        limit = thresholds.get(m.name)
        if last is None:
            marks[m.name] = m.value
        elif limit is not None and abs(m.value - last) >= limit:
            marks[m.name] = m.value
            changes.append(Change(
                company=source.company, source=source.id, field=f"metric.{m.name}",
                change=ChangeKind.MODIFIED, category=Category.METRIC,
                old=_num(last), new=_num(m.value), url=source.url))
    return changes, marks


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def diff(source: Source, prev: State, obs_facts: Iterable[Fact], obs_items: Iterable[Item],
         obs_metrics: Iterable[Metric], *, now: str, item_category: Category,
         thresholds: Mapping[str, float] | None = None, removals: bool = True) -> DiffResult:
    """Diff one successful observation against the stored state of its source."""
    fact_changes, facts, pending = diff_facts(source, prev, obs_facts, now)
    items = diff_items(source, prev, obs_items, item_category, removals)
    metric_changes, marks = diff_metrics(source, prev, obs_metrics, thresholds or {})
    changes = (*fact_changes, *items.changes, *metric_changes)
    return DiffResult(changes, facts, pending, items, marks)
