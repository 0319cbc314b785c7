"""Rotation learned per source: from lines that come back, and from places that keep changing.

Homepages rotate testimonials, quotes, slogans, teasers and cards, per visit, per day or per
week. No list of such widgets can be written for pages nobody has seen; two things every
rotation shows are learned instead, per source:

- **A line that left and came back** is volatile: from then on it is neither a change when it
  comes nor when it goes (and what it replaced goes with it).
- **A slot whose text was replaced twice within ``WINDOW``** is volatile. A slot is where on the
  page a block sits, named by its neighbours: the nearest lines before and after it, on the
  page it was replaced on, that do not rotate themselves. Each check's lines are aligned with
  the last check's (each line remembers its position); a run of lines that replaced another
  run between the same neighbours is one replacement of that slot. When a neighbour is edited,
  the slot follows it; lines that arrived lately in one slot and leave from another (a block
  whose neighbour was another rotating block's text) make the two one place. Once the slot is volatile, every line seen in it is rotation, so its
  texts need not come back first, and the lines a later check adds to or drops from it are
  rotation too. A change of most of the page is a redesign, not a slot.

A volatile slot that stays unchanged for ``STILL`` is trusted again (decay): its next change is
news. So is a line that stayed on the page for ``STILL`` (a rotation that stopped beside one
that goes on): its leaving, and the line that takes its place, are news. Lines and slots are
bounded per source; ``monitor show`` lists the volatile ones and ``monitor show
--reset-rotation`` forgets them.

What it costs: a rotating slot's *first* replacement looks exactly like an edit. The differ
holds new prose back for the source's settle period (``diff``, a day by default), within which
a daily or per-visit rotation is replaced again, so its slot is volatile before anything is
reported; on the simulated web (``tests/simweb2``) that took the 24 false changes of daily
slogans to none and the 8 of per-visit quotes to 1. Prose changes reach analysts up to one settle
period later. A text that holds longer than the settle period (a weekly one) still costs one
change, marked as rotation in the store once its slot rotates or it comes back
(``was_rotation``). A slot edited for real twice within ``WINDOW`` has its second edit taken for rotation
(both, when the second came within the settle period). A value still needs its two sightings
in a row (``confirm``) to count. Pure: values in, values out; the store keeps lines
(``text_lines``) and slots (``text_slots``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher

from monitor import words
from monitor.models import SeenLine, Slot

MAX_LINES = 5000  # per source: enough for a large page's history of rotations
MAX_SLOTS = 500  # per source
WINDOW = timedelta(days=15)  # a slot replaced twice this close together rotates (weekly too)
STILL = timedelta(days=15)  # a volatile slot unchanged this long is trusted again


def key(line: str) -> str:
    """A line's key (its text may be long; the key is what is stored and compared)."""
    return hashlib.blake2b(line.encode("utf-8"), digest_size=8).hexdigest()


def slot_key(before: str, after: str) -> str:
    """A slot's key from its neighbours' line keys ("" for the page's start or end)."""
    return hashlib.blake2b(f"{before}|{after}".encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Lessons:
    """What one observation taught: the lines and the slots it touched (to be stored)."""

    lines: dict[str, SeenLine] = field(default_factory=dict)
    slots: dict[str, Slot] = field(default_factory=dict)


def learn(
    seen: Mapping[str, SeenLine],
    lines: Iterable[str],
    now: str = "",
    slots: Mapping[str, Slot] | None = None,
) -> Lessons:
    """The lines and slots this observation touches: new lines recorded, returning ones made
    volatile, those that left marked absent, positions kept; slots replaced, and decayed."""
    texts = {key(line): line for line in lines}
    order = list(texts)
    touched = _returns(seen, texts, now)
    slots = slots or {}
    lessons = Lessons(touched, {})
    _decay(lessons, slots, now)
    previous = sorted((k for k, s in seen.items() if s.present), key=lambda k: seen[k].position)
    if previous and all(seen[k].position >= 0 for k in previous):
        _slots(lessons, seen, slots, previous, order, texts, now)
    for i, k in enumerate(order):
        cur = touched.get(k) or seen.get(k)
        if cur is not None and cur.position != i:
            touched[k] = replace(cur, position=i)
    return lessons


def _returns(seen: Mapping[str, SeenLine], texts: Mapping[str, str],
             now: str) -> dict[str, SeenLine]:
    """Line lessons: new lines recorded, returning ones volatile, those that left absent."""
    touched: dict[str, SeenLine] = {}
    for k, line in texts.items():
        was = seen.get(k)
        if was is None:
            if len(seen) + len(touched) < MAX_LINES:
                touched[k] = SeenLine(line, since=now)
        elif not was.present:  # it left, and it is back: rotation
            touched[k] = replace(was, returns=was.returns + 1, present=True, volatile=True,
                                 since=now)
    back = sum(1 for line in touched.values() if line.volatile)
    gone = [(k, was) for k, was in seen.items() if was.present and k not in texts]
    # What a returning line replaced rotates with it: one quote out, one quote in. Only as
    # many lines as came back, so a real removal beside a rotation still counts.
    partners = 0 < len(gone) <= back
    for k, was in gone:
        touched[k] = replace(was, present=False, volatile=was.volatile or partners)
    return touched


def _slots(lessons: Lessons, seen: Mapping[str, SeenLine], slots: Mapping[str, Slot],
           previous: Sequence[str], order: Sequence[str], texts: Mapping[str, str],
           now: str) -> None:
    """Align the last check's lines with this one's; each run that changed between the same
    neighbours is a change of that slot (a replacement when lines went and came)."""
    lines = lessons.lines

    def line(k: str) -> SeenLine | None:
        return lines.get(k) or seen.get(k)

    def rotates(k: str) -> bool:
        cur = line(k)
        if cur is None:
            return False
        slot = lessons.slots.get(cur.slot) or slots.get(cur.slot)
        return cur.volatile or (slot is not None and slot.volatile)

    ops = SequenceMatcher(None, previous, order, autojunk=False).get_opcodes()

    def anchor(i: int, step: int) -> str:
        """The nearest line of the last check's page, from ``i`` on, that does not rotate:
        where a block sat is read on the page it was replaced on."""
        while 0 <= i < len(previous) and rotates(previous[i]):
            i += step
        return previous[i] if 0 <= i < len(previous) else ""

    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" or 2 * (i2 - i1 + j2 - j1) > len(previous) + len(order):
            continue  # unchanged, or most of the page rewritten: a redesign is no slot
        before, after = anchor(i1 - 1, -1), anchor(i2, 1)
        skey = slot_key(before, after)
        slot = lessons.slots.get(skey) or slots.get(skey)
        if tag == "replace":
            if slot is None and len(slots) + len(lessons.slots) >= MAX_SLOTS:
                continue
            slot = _replaced(slot, _text(before, texts, seen), _text(after, texts, seen), now)
            slot = _same_place(lessons, slots, slot, skey, [line(k) for k in previous[i1:i2]], now)
        elif slot is None or not slot.volatile:
            continue  # lines added or dropped where nothing rotates: an edit
        lessons.slots[skey] = slot
        news = _replacing_still(seen, previous[i1:i2], order[j1:j2], now)
        if slot.volatile:  # the rotation beside the edit goes on: above it, and below it
            for n in news:
                for pair in ((n, after), (before, n)):
                    _known_as(lessons, slots, slot, pair, texts, seen)
        for k in (*previous[i1:i2], *order[j1:j2]):
            cur = line(k)
            if cur is None or cur.slot == skey or k in news:
                continue
            held = lessons.slots.get(cur.slot) or slots.get(cur.slot)
            if held is None or not held.volatile or slot.volatile:
                lines[k] = replace(cur, slot=skey)
    _follow(lessons, slots, ops, previous, order, texts, seen, now)


def _same_place(lessons: Lessons, slots: Mapping[str, Slot], slot: Slot, skey: str,
                leaving: Sequence[SeenLine | None], now: str) -> Slot:
    """A replaced run whose lines came lately into another slot, replaced once and not known to
    rotate, is that slot's place seen between other neighbours (a block beside another
    rotating one, whose text served as its neighbour): one place replaced twice rotates, and
    so does its other name. (Lines of a rotating slot beside an edit say nothing of it.)"""
    others = {cur.slot for cur in leaving if cur is not None and cur.slot and cur.slot != skey}
    for other in others:
        was = lessons.slots.get(other) or slots.get(other)
        if was is None or was.volatile or not _within(was.changed_at, now, WINDOW):
            continue
        slot = replace(slot, volatile=True)
        lessons.slots[other] = replace(was, changes=was.changes + 1, changed_at=now, volatile=True)
    return slot


def _pairs(old: Sequence[str], new: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Which new line took which old line's place in a replaced run: in order when the runs
    are as long, else only their first lines and their last."""
    if len(old) == len(new):
        return zip(old, new, strict=True)
    return ((old[0], new[0]), (old[-1], new[-1])) if old and new else ()


def _replacing_still(seen: Mapping[str, SeenLine], old: Sequence[str], new: Sequence[str],
                     now: str) -> set[str]:
    """The new lines that took the place of a line that had stood still: an edit, not the
    slot's rotation, even where the slot rotates around it."""
    return {n for o, n in _pairs(old, new) if o in seen and stood_still(seen[o], now)}


def stood_still(line: SeenLine, now: str) -> bool:
    """Whether a line has been on the page, unchanged, for ``STILL``: it is page text now,
    whatever rotated before it or around it."""
    return line.present and bool(line.since) and not _within(line.since, now, STILL)


def _follow(lessons: Lessons, slots: Mapping[str, Slot], ops: Sequence[tuple[str, int, int, int, int]],
            previous: Sequence[str], order: Sequence[str], texts: Mapping[str, str],
            seen: Mapping[str, SeenLine], now: str) -> None:
    """A slot follows its neighbour's edit: when the line above (or below) a rotating or
    recently replaced slot is replaced, the slot is also known under the new neighbour, so an
    edit next to a rotating block does not make the block's next text news."""
    renamed: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in ops:
        if tag == "replace":
            renamed.update(_pairs(previous[i1:i2], order[j1:j2]))
    if not renamed:
        return
    recent = [s for s in {**slots, **lessons.slots}.values()
              if s.volatile or _within(s.changed_at, now, WINDOW)]
    for slot in recent:
        was = (key(slot.before) if slot.before else "", key(slot.after) if slot.after else "")
        then = (renamed.get(was[0], was[0]), renamed.get(was[1], was[1]))
        if then != was:
            _known_as(lessons, slots, slot, then, texts, seen)


def _known_as(lessons: Lessons, slots: Mapping[str, Slot], slot: Slot, landmarks: tuple[str, str],
              texts: Mapping[str, str], seen: Mapping[str, SeenLine]) -> None:
    """Record a slot's history under other neighbours too (unless those already name one)."""
    skey = slot_key(*landmarks)
    if skey in lessons.slots or skey in slots or len(slots) + len(lessons.slots) >= MAX_SLOTS:
        return
    lessons.slots[skey] = replace(slot, before=_text(landmarks[0], texts, seen),
                                  after=_text(landmarks[1], texts, seen))


def _replaced(slot: Slot | None, before: str, after: str, now: str) -> Slot:
    """A slot after one more replacement: volatile when the last one was within ``WINDOW``."""
    if slot is None:
        return Slot(before, after, 1, now, False)
    close = _within(slot.changed_at, now, WINDOW)
    return replace(slot, changes=slot.changes + 1, changed_at=now, volatile=slot.volatile or close)


def _decay(lessons: Lessons, slots: Mapping[str, Slot], now: str) -> None:
    """Volatile slots left unchanged for ``STILL`` are trusted again."""
    for skey, slot in slots.items():
        if skey in lessons.slots or not slot.volatile:
            continue
        if not _within(slot.changed_at, now, STILL):
            lessons.slots[skey] = replace(slot, volatile=False)


def _text(k: str, texts: Mapping[str, str], seen: Mapping[str, SeenLine]) -> str:
    if not k:
        return ""
    return texts.get(k) or (seen[k].text if k in seen else "")


def moment(text: str) -> datetime | None:
    """An ISO time as an aware datetime (UTC when it names no zone), or None if unreadable."""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _within(then: str, now: str, span: timedelta) -> bool:
    """Whether ``now`` is at most ``span`` after ``then`` (unreadable times count as close)."""
    a, b = moment(then), moment(now)
    return a is None or b is None or b - a <= span


def volatile(seen: Mapping[str, SeenLine], lessons: Lessons,
             slots: Mapping[str, Slot] | None = None, now: str = "") -> frozenset[str]:
    """Keys of the lines known to rotate (by returning, or by sitting in a volatile slot),
    this observation's lessons included; not those that had stood still up to this check."""
    merged = {**seen, **lessons.lines}
    places = {**(slots or {}), **lessons.slots}
    hot = {k for k, slot in places.items() if slot.volatile}
    return frozenset(
        k for k, line in merged.items()
        if (line.volatile or line.slot in hot) and not (k in seen and stood_still(seen[k], now)))


def steady(text: str, rotating: frozenset[str]) -> list[str]:
    """The lines of a text fact that do not rotate."""
    return [line for line in text.splitlines() if key(line) not in rotating] if rotating else text.splitlines()


def rotating_texts(lines: Mapping[str, SeenLine], slots: Mapping[str, Slot],
                   now: str = "") -> dict[str, tuple[bool, bool]]:
    """Every line's text the source has shown → (known to rotate, as ``volatile`` counts it;
    rotated itself: came back, or left with one that did, or left a rotating slot again). A
    line that only sits in a rotating slot and stays has not: a real edit beside a rotating
    block takes the block's slot, and stays."""
    rotating = volatile(lines, Lessons(), slots, now)
    return {line.text: (k in rotating, k in rotating and (line.volatile or not line.present))
            for k, line in lines.items()}


def was_rotation(old: str | None, new: str | None, texts: Mapping[str, tuple[bool, bool]]) -> bool:
    """Whether a reported prose change (its removed and added sentences) was rotation: each
    sentence it removed is found only in lines known to rotate, and each it added only in
    lines that rotated on in their turn. A weekly motto's first replacement is reported like an
    edit; a week later its text is replaced again, and the change is known for what it was.
    (A sentence also found in a line that stays, such as a rewritten paragraph reusing a
    rotating quote's words, keeps the change.)"""
    def only_in(side: str | None, which: int) -> bool:
        for sentence in words.sentences((side or "").splitlines()):
            holders = [flags[which] for text, flags in texts.items() if sentence in text]
            if not holders or not all(holders):
                return False
        return True

    return bool(old or new) and only_in(old, 0) and only_in(new, 1)
