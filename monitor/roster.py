"""People who come and go, learned per source: a block that samples its people, a card that
cycles one person, and people who come back. Pure: values in, values out.

Company pages show people who are not news as they come and go. No list of such blocks can
be written for pages nobody has seen; what their people do is learned instead, per source, by
name (folded):

- **A person who left and came back** (unreported, after any absence) belongs to a pool: a
  block that shows a few of the staff on each visit. Their coming and going is no news (a
  change of their role still is). Once ``POOL`` people of a source did so, its people are
  sampled: a person never seen before is news once present on every check for ``SAMPLE_HOLD``
  settle periods (a member of a three-of-eight sample checked twice a day stays a day by
  chance about one time in seven, two days about one in fifty), and a departure waits up to ``WINDOW`` unless
  the person had stood on the page (see below).
- **A swap**: once a person of the source came and went within ``WINDOW`` unreported (a
  card cycled them), a person arriving on the check where another (not of a pool) left,
  neither having the other's role, waits ``WINDOW``, and so does the departure. A card that shows one
  colleague a week ("employee of the month", "meet …") replaces its newcomer within it: the
  newcomer is forgotten, and the departure it came with is recorded quietly. A person who
  takes the leaver's role is a successor, told at once (one settle period).
- **A person who stood on the page** (present on every check for ``SAMPLE_HOLD`` settle periods
  before leaving, never back and forth) and leaves on their own is a departure after the
  settle period, whatever other blocks of the page do.
- **A person reported gone who comes back within ``MEMORY``** is no new arrival: they are
  recorded again quietly, once seen ``confirm`` times (a value already seen is not news).

- **Where the page shows them** (``Fact.where``: the section, by nearest heading, of each
  line naming a person): a section that has shown two or more different people each as its
  only person, and is no list (never two at once), is a card; its people come and go as no
  news from its first change, at any pace, and a person also in a list is judged by the list.
  A section with ``POOL`` people away unreported or back draws its people: an arrival or a
  departure there waits ``WINDOW`` (a chance draw on a few checks is no arrival). A person
  gone unreported and back after any absence is a pool's member.

What it costs: on a page whose people carry no section (no headings, no page blocks), a card's first cycle is told (its first newcomer and the person it replaced);
after it, on that source, a real departure and a real arrival on the same check, with
different roles, reach analysts ``WINDOW`` (15 days) later; a person the memory never saw
(shown since before it began) counts as having stood on the page; a spotlight that changes less often than ``WINDOW``
still costs a change per person. The store keeps what was learned (``people_seen``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cached_property

from monitor.models import PersonSeen
from monitor.rotation import WINDOW, moment

MEMORY = timedelta(days=90)  # a departure remembered this long: a return within it is quiet
MAX_PEOPLE = 2000  # per source
POOL = 2  # people who came back before a source's people count as sampled
SAMPLE_HOLD = 2  # settle periods a new person of a sampled source must stay
MAX_SECTIONS = 8  # sections remembered per person as having shown them alone

__all__ = ["MAX_PEOPLE", "MEMORY", "POOL", "SAMPLE_HOLD", "WINDOW", "Crowd", "learn"]


def learn(seen: Mapping[str, PersonSeen], present: Mapping[str, str],
          now: str, where: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, PersonSeen]:
    """The people this observation touches (folded name → memory): new ones recorded, those
    back again counted (an unreported return makes a pool member), those missing marked
    away from ``now``. ``present``: the folded names shown now → their names as shown;
    ``where``: the folded names → the page's sections showing them (``Fact.where``)."""
    where = where or {}
    shown = Counter(section for sections in where.values() for section in sections)
    touched: dict[str, PersonSeen] = {}
    for key, name in present.items():
        was = seen.get(key)
        sections = where.get(key, ())
        solo = tuple(section for section in sections if shown[section] == 1)
        if was is None:
            if len(seen) + len(touched) < MAX_PEOPLE:
                touched[key] = PersonSeen(name, since=now, last_seen=now, where=sections,
                                          alone=solo[:MAX_SECTIONS])
            continue
        alone = was.alone + tuple(s for s in solo if s not in was.alone)
        if not was.present:
            back = not was.gone_at  # gone unreported, back at any time: a pool's member
            touched[key] = replace(was, name=name, since=now, last_seen=now, present=True,
                                   returns=was.returns + back, left="", where=sections,
                                   alone=alone[:MAX_SECTIONS])
        else:
            touched[key] = replace(was, last_seen=now, where=sections, alone=alone[:MAX_SECTIONS])
    for key, was in seen.items():
        if was.present and key not in present:
            touched[key] = replace(was, present=False, left=now)
    return touched


@dataclass(frozen=True)
class Crowd:
    """What the people memory says in one check: ``before`` it, and ``after`` its lessons."""

    before: Mapping[str, PersonSeen]
    after: Mapping[str, PersonSeen]
    now: str

    @cached_property
    def cards(self) -> frozenset[str]:
        """The page's sections that have shown two or more different people each as their only
        person, and are no list: cards that cycle one colleague."""
        shown: dict[str, set[str]] = {}
        for key, was in self.after.items():
            for section in was.alone:
                shown.setdefault(section, set()).add(key)
        return frozenset(section for section, who in shown.items()
                         if len(who) >= 2 and section not in self.lists)

    @cached_property
    def lists(self) -> frozenset[str]:
        """The sections that show two or more people at once, now or on the check before."""
        out: set[str] = set()
        for memory in (self.before, self.after):
            count = Counter(section for was in memory.values() if was.present
                            for section in was.where)
            out.update(section for section, n in count.items() if n > 1)
        return frozenset(out)

    def carded(self, key: str) -> bool:
        """Whether the person is shown (or was last shown) on a card and in no list: their
        coming and going is no news (a person of the team list is judged by the list)."""
        was = self.after.get(key)
        return (was is not None and any(s in self.cards for s in was.where)
                and not any(s in self.lists for s in was.where))

    def churning(self, key: str) -> bool:
        """Whether a section showing the person draws its people (``POOL`` or more others of it
        away unreported: a block not yet learned as a pool; or back: a pool's), and no steady
        list shows them (a person also in a steady list is judged by the list). A member drawn
        on a few checks by chance is not news; three of a team list leaving at once wait too."""
        was = self.after.get(key)
        if was is None or not was.where:
            return False
        own = Counter(was.where) if _moving(was) else Counter()
        moving = {section: self._moving[section] - own[section] for section in was.where}
        drawing = [section for section in was.where if moving[section] >= POOL]
        steady = [section for section in was.where
                  if section in self.lists and moving[section] < POOL]
        return bool(drawing) and not steady  # a person also in a steady list is judged by it

    @cached_property
    def _moving(self) -> Counter[str]:
        """Per section, the people it showed who are away unreported or came back: counted once
        per check (``churning`` asks for every mover, so a page of many people stays linear)."""
        return Counter(section for seen in self.after.values() if _moving(seen)
                       for section in seen.where)

    def pooled(self, key: str) -> bool:
        """Whether the person came and went (a sample's member): their presence is no news."""
        was = self.after.get(key)
        return was is not None and was.returns > 0 and not was.gone_at

    def sampled(self) -> bool:
        """Whether the source's people are a sample (``POOL`` of them came back)."""
        return sum(1 for key in self.after if self.pooled(key)) >= POOL

    def returned(self, key: str) -> bool:
        """Whether an arriving person was reported gone within ``MEMORY``: no news."""
        was = self.before.get(key)
        return was is not None and bool(was.gone_at) and _within(was.gone_at, self.now, MEMORY)

    def stood(self, key: str, span: float) -> bool:
        """Whether the person had been on every check for ``span`` seconds before leaving,
        never back and forth (a team list's member, not a sample's)."""
        was = self.after.get(key)
        if was is None:  # shown since before the memory began (an upgrade): a list's member
            return True
        if was.returns or not was.since or not was.last_seen:
            return False
        first, last = moment(was.since), moment(was.last_seen)
        return first is not None and last is not None and (last - first).total_seconds() >= span

    def swapped(self, key: str, first: str, arriving: bool) -> bool:
        """Whether someone else left when this person arrived, or someone new arrived when
        this person left: both at ``first``, the check that first saw the change. (People of
        a pool, and people back after a reported departure, are no one's swap; and a source
        whose card never cycled a person has no swaps: its people change as a list's do.)"""
        return bool(first) and self.cycling() and any(
            other != key and _plain(was) and (was.left if arriving else was.since) == first
            and self._listed(other) for other, was in self.after.items())

    def cycling(self) -> bool:
        """Whether a person came after the memory began and went again within ``WINDOW``,
        unreported: the source has a card that cycles its people, learned from one cycle."""
        starts = [m for was in self.after.values() if (m := moment(was.since)) is not None]
        if not starts:
            return False
        begun = min(starts)
        return any(
            _plain(was) and not was.present and was.left
            and (since := moment(was.since)) is not None and since > begun
            and _within(was.since, was.left, WINDOW) for was in self.after.values())

    def passed(self, key: str, first: str, kept: Mapping[str, object]) -> bool:
        """Whether the person new when this one left (at ``first``) has left again unreported
        (not in ``kept``): a card cycling its person, so this departure is too."""
        return bool(first) and any(
            other != key and other not in kept and not was.present and was.since == first
            and _plain(was) and self._listed(other) for other, was in self.after.items())

    def _listed(self, key: str) -> bool:
        """Whether the person is neither a known card's nor shown in a section that draws its
        people: a card or a draw moving beside a list's person is no swap with them."""
        return not self.carded(key) and not self.churning(key)


def _moving(was: PersonSeen) -> bool:
    """Whether a person is away unreported, or came back after such an absence."""
    return not was.gone_at and bool(was.returns or (not was.present and was.left))


def _plain(was: PersonSeen) -> bool:
    """Whether a person never came back (neither from a sample's draw nor after a reported
    departure): a card's newcomer can be, a pool's member cannot."""
    return not was.returns and not was.gone_at


def _within(then: str, now: str, span: timedelta) -> bool:
    """Whether ``now`` is at most ``span`` after ``then`` (unreadable times are not)."""
    a, b = moment(then) if then else None, moment(now) if now else None
    return a is not None and b is not None and b - a <= span
