"""The differ: previous state of one source + a new observation → change events. Pure.

Facts compare by identity, so order never matters:
- single-valued fields (``name``, ``description``, ``text``…) compare their value;
- set fields (``email``, ``phone``, ``link.x``…) compare presence; one removal and one
  addition in the same field in one check read as one ``modified`` change (@a → @b);
- ``person`` facts are keyed by the person's name and compare the role (CFO → COO).

A new value must be seen ``confirm`` consecutive times before it is recorded, so a value that
flips back (A→B→A) inside that window is never a change. The first observation is a baseline.

Prose (the ``text`` fact) waits longer: its new text must also have held for the source's
``settle`` period since it was first seen. A rotating block's first replacement looks exactly
like an edit; its second one, usually within a day, makes its slot volatile (``rotation``), the
pending text then equals the stored one again and is dropped. The cost: a real prose edit
reaches analysts up to one settle period later (a day by default). People wait
as prose does, and what they do on the page is learned per source (``roster``): a block that
shows a few of the staff per visit, a card that cycles one colleague, a successor, a team
list's member who leaves beside them, and a person who comes back after a reported departure.
Other facts and items are not held back. The pending text is stored
with the first time it was seen, so a restart changes nothing: the first check after the
period reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from monitor import roster, rotation, words
from monitor.extract.roles import STRONG_RX
from monitor.itemdiff import diff_items
from monitor.models import (
    KEYED_FIELDS,
    Category,
    Change,
    ChangeKind,
    DiffResult,
    Fact,
    Item,
    Metric,
    Pending,
    PersonSeen,
    Source,
    State,
)
from monitor.normalize import SINGLE_FIELDS, identity

TEXT_LIMIT = 2000
# Fields whose new value must also hold for the settle period: prose, and people (a "meet the
# team" card showing one person a day is no one joining; a person really joining or leaving
# still is, one settle period later).
HELD = frozenset({"text", "person"})


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


def payload(fact: Fact | None, rotating: frozenset[str] = frozenset()) -> str | None:
    """What is compared for an identity: value, role, or mere presence.

    Text compares as a set of lines (reordered blocks are not a change), without the lines
    this source has shown rotating (see ``rotation``).
    """
    if fact is None:
        return None
    if fact.field in KEYED_FIELDS:
        return (fact.role or "").casefold()
    if fact.field == "text":
        return "\n".join(sorted(set(rotation.steady(fact.value, rotating))))
    if fact.field in SINGLE_FIELDS:
        return fact.value
    return ""


def diff_facts(
    source: Source, prev: State, facts: Iterable[Fact], now: str,
    rotating: frozenset[str] = frozenset(), crowd: roster.Crowd | None = None,
) -> tuple[list[Change], tuple[Fact, ...], tuple[Pending, ...]]:
    """Confirmed changes, the new confirmed facts and the still-pending candidates.

    ``rotating`` holds the keys of text lines this source rotates: they are no change;
    ``crowd`` what the source's people memory says (see ``roster``).
    """
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
    crowd = crowd or roster.Crowd({}, {}, now)
    moving = {k for k in old.keys() | new.keys()
              if k[0] == "person" and payload(old.get(k), rotating) != payload(new.get(k), rotating)}
    for key in sorted(old.keys() | new.keys()):
        cur, obs = old.get(key), new.get(key)
        if key[0] != "text" and _read_from(rotating, cur, obs):
            continue  # a fact read from a rotating line (a quote's author) rotates with it
        if payload(cur, rotating) == payload(obs, rotating):
            if obs is not None:  # text keeps what it shows now, rotation included: a slot
                # that stops rotating then compares with the text it stopped at
                kept = obs if key[0] == "text" else cur or obs
                confirmed[key] = replace(kept, evidence=obs.evidence)
            continue
        coming = key[0] == "person" and (cur is None) != (obs is None)
        if coming and crowd.pooled(key[1]):
            continue  # a sample's member, shown on some visits: no news either way
        if coming and crowd.carded(key[1]) and not _succeeds(cur, obs, old, new):
            # a card's person, in no list: no news either way
            if obs is None:
                confirmed.pop(key, None)
            continue
        p = pending.get(key)
        same = p is not None and payload(p.fact, rotating) == payload(obs, rotating)
        seen = p.seen + 1 if p is not None and same else 1
        first = p.first_seen if p is not None and seen > 1 else now
        quiet = coming and (crowd.returned(key[1]) if cur is None else
                            crowd.passed(key[1], first, {k[1]: f for k, f in old.items()}))
        if seen >= source.confirm and (quiet or key[0] not in HELD or held(
                first, now, _hold(source, key, cur, obs, old, new, moving, crowd, first))):
            if not quiet:  # a return, or a cycling card's departure: recorded, not news
                raw.append((cur, obs))
            if obs is None:
                confirmed.pop(key, None)
            else:
                confirmed[key] = obs
        else:
            still.append(Pending(key[0], key[1], obs, seen, first))
    changes = _pair(source, raw, rotating)
    return changes, tuple(sorted(confirmed.values(), key=_fact_order)), tuple(still)


def _hold(source: Source, key: tuple[str, str], cur: Fact | None, obs: Fact | None,
          old: dict[tuple[str, str], Fact], new: dict[tuple[str, str], Fact],
          moving: set[tuple[str, str]], crowd: roster.Crowd, first: str) -> float:
    """How long a new value must hold: the settle period; for people, what ``roster`` learned.

    A successor (someone arriving in the role of a leaver who had stood on the page) and the
    leaver wait the settle period only, told together ("CEO: A → B"). Else an arrival in a swap (someone else left on its
    check) waits ``rotation.WINDOW``, within which a card cycling one person replaces it; a new
    person of a sampled source waits ``roster.SAMPLE_HOLD`` settle periods, one drawn into a
    section whose people come and go (``roster.Crowd.churning``) ``rotation.WINDOW``. A
    departure in a swap or from such a section waits ``rotation.WINDOW``; so does one while
    others come and go, unless the person had stood on the page (a team list's member leaving
    beside a sample that moves)."""
    settle = source.settle
    window = max(settle, rotation.WINDOW.total_seconds())
    if key[0] != "person" or (cur is None) == (obs is None):
        return settle
    role = next((f.role or "" for f in (cur, obs) if f is not None), "").casefold()
    span, others = roster.SAMPLE_HOLD * settle, moving - {key}

    def stood(name: str) -> bool:  # without a memory of people, everyone has
        return not crowd.after or crowd.stood(name, span)

    if cur is None:  # the other end of a succession: a leaver who had stood on the page
        ends = [old[k] for k in others if k in old and k not in new and stood(k[1])]
    else:
        ends = [new[k] for k in others if k in new] if stood(key[1]) else []
    if crowd.churning(key[1]):  # drawn into, or out of, a block that draws its people
        return window
    if role and any((f.role or "").casefold() == role for f in ends):
        return settle  # a successor, or the leaver a successor replaces: told together
    if obs is not None:  # an arrival
        if crowd.swapped(key[1], first, arriving=True):
            return window
        return roster.SAMPLE_HOLD * settle if crowd.sampled() else settle
    if crowd.swapped(key[1], first, arriving=False):
        return window
    if not others or (crowd.after and crowd.stood(key[1], span)):
        return settle
    return window


def _succeeds(cur: Fact | None, obs: Fact | None, old: dict[tuple[str, str], Fact],
              new: dict[tuple[str, str], Fact]) -> bool:
    """Whether a person coming or going on a card swaps with one going or coming in the same
    leading role (a chief executive's section showing one person, then their successor): a
    succession, told as one, not a card's colleague."""
    either = obs or cur
    role = (either.role or "").casefold() if either is not None else ""
    if not role or not STRONG_RX.search(role):
        return False
    others = ([f for k, f in old.items() if k not in new] if cur is None
              else [f for k, f in new.items() if k not in old])
    return any(f.field == "person" and (f.role or "").casefold() == role for f in others)


def _read_from(rotating: frozenset[str], *facts: Fact | None) -> bool:
    """Whether one of the facts was read from a line of page text that rotates."""
    return bool(rotating) and any(
        f is not None and f.evidence and rotation.key(f.evidence) in rotating for f in facts)


def held(since: str, now: str, settle: float) -> bool:
    """Whether a value first seen at ``since`` has held for ``settle`` seconds by ``now`` (a
    time that cannot be read counts as held: nothing is kept back for ever)."""
    if settle <= 0:
        return True
    first, last = rotation.moment(since), rotation.moment(now)
    return first is None or last is None or (last - first).total_seconds() >= settle


def _fact_order(f: Fact) -> tuple[str, str, str]:
    return f.field, f.value, f.role or ""


def _pair(source: Source, raw: list[tuple[Fact | None, Fact | None]],
          rotating: frozenset[str] = frozenset()) -> list[Change]:
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
            out.append(_change(source, name, ChangeKind.MODIFIED, gone[0], came[0], rotating))
            continue
        for cur, obs in pairs:
            kind = (ChangeKind.ADDED if cur is None else
                    ChangeKind.REMOVED if obs is None else ChangeKind.MODIFIED)
            out.append(_change(source, name, kind, cur, obs, rotating))
    return out


def _change(source: Source, name: str, kind: ChangeKind, cur: Fact | None, obs: Fact | None,
            rotating: frozenset[str] = frozenset()) -> Change:
    either = obs or cur
    assert either is not None, "a change has an old or a new fact"
    base = Change(company=source.company, source=source.id, field=name, change=kind,
                  category=category_of(name), url=source.url, evidence=either.evidence)
    if name in KEYED_FIELDS:
        return replace(base, key=either.value, old=cur.role if cur else None,
                       new=obs.role if obs else None)
    if name == "text" and cur is not None and obs is not None:
        removed, added = _sentence_diff(rotation.steady(cur.value, rotating),
                                        rotation.steady(obs.value, rotating))
        return replace(base, old=removed, new=added,
                       evidence=words.marked(removed, added)[:TEXT_LIMIT] or base.evidence)
    return replace(base, old=cur.value if cur else None, new=obs.value if obs else None)


def _sentence_diff(old_lines: list[str], new_lines: list[str]) -> tuple[str, str]:
    """The sentences only in the old text and those only in the new one, each capped: a
    paragraph that changed one word shows that sentence, not the whole paragraph."""
    old_s, new_s = words.sentences(old_lines), words.sentences(new_lines)
    old_set, new_set = set(old_s), set(new_s)
    removed = "\n".join(dict.fromkeys(s for s in old_s if s not in new_set))
    added = "\n".join(dict.fromkeys(s for s in new_s if s not in old_set))
    return removed[:TEXT_LIMIT], added[:TEXT_LIMIT]


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
         thresholds: Mapping[str, float] | None = None, removals: bool = True,
         complete: bool = False) -> DiffResult:
    """Diff one successful observation against the stored state of its source."""
    obs_facts = tuple(obs_facts)
    texts = [f.value for f in obs_facts if f.field == "text"]
    lessons = (rotation.learn(prev.lines, texts[0].splitlines(), now, prev.slots) if texts
               else rotation.Lessons())
    rotating = rotation.volatile(prev.lines, lessons, prev.slots, now)
    shown = [(identity(f)[1], f) for f in obs_facts if f.field == "person"]
    people = roster.learn(prev.people, {key: f.value for key, f in shown}, now,
                          {key: f.where for key, f in shown})
    crowd = roster.Crowd(prev.people, {**prev.people, **people}, now)
    fact_changes, facts, pending = diff_facts(source, prev, obs_facts, now, rotating, crowd)
    items = diff_items(source, prev, obs_items, item_category, removals, complete, now)
    metric_changes, marks = diff_metrics(source, prev, obs_metrics, thresholds or {})
    changes = (*fact_changes, *items.changes, *metric_changes)
    return DiffResult(changes, facts, pending, items, marks, lessons.lines, lessons.slots,
                      _told(people, crowd.after, fact_changes, facts, now))


def _told(people: dict[str, PersonSeen], seen: Mapping[str, PersonSeen],
          changes: Iterable[Change], facts: Iterable[Fact], now: str) -> dict[str, PersonSeen]:
    """The people lessons with what was told: a reported departure is remembered (a return
    within ``roster.MEMORY`` is no news), a person in the profile again is no longer gone."""
    for change in changes:
        if change.field == "person" and change.change is ChangeKind.REMOVED and change.key:
            key = identity(Fact("person", change.key))[1]
            if key in seen:
                people[key] = replace(people.get(key) or seen[key], gone_at=now)
    for fact in facts:
        key = identity(fact)[1] if fact.field == "person" else ""
        was = people.get(key) or seen.get(key)
        if was is not None and was.gone_at and was.present:
            people[key] = replace(was, gone_at="")
    return people
