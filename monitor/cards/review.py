"""Where the monitored world disagrees with a card: pure, from values to ``Difference`` values.

Sets (e-mails, phones, faxes, links of each network) compare by key: a value the sources
report that the card lacks is ``new``. A card value is ``missing`` only when a source said it
is gone: it listed the value and then stopped (``gone``, from the change history). A value no
source ever showed is not contradicted (a Facebook link nobody watches, a manager absent from
one page), so the card's word stands. People compare by name: an unknown name is ``new``, a
name a source stopped listing is ``missing``, a different role is ``changed``. The address and
the founding date are single values (``changed``). News items published after the card's
date are ``new``. Name and description are not compared: cards and websites always word them
differently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from monitor.cards import labels
from monitor.cards.model import Card

NEW, MISSING, CHANGED = "new", "missing", "changed"
NEWS_KINDS = frozenset({"news", "press"})


@dataclass(frozen=True)
class WorldFact:
    """A current fact of one of the company's sources, with where and when it was seen."""

    field: str
    value: str
    role: str | None = None
    source: str = ""
    url: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class WorldItem:
    """A news item or press release of one of the company's sources."""

    title: str
    url: str | None = None
    published_at: str | None = None
    first_seen: str | None = None
    summary: str = ""
    publisher: str | None = None
    source: str = ""
    kind: str = "news"

    @property
    def when(self) -> str:
        """Publication time, or when it was first seen when the source gives none."""
        return self.published_at or self.first_seen or ""


@dataclass(frozen=True)
class Evidence:
    """Why the world says so: the page or item, when it was seen, and the snippet."""

    url: str | None
    seen: str | None
    snippet: str = ""
    source: str = ""


@dataclass(frozen=True)
class Difference:
    """One disagreement; ``subject`` names the person (for ``person``) or is None.

    For ``person`` the values are roles; for ``news`` ``world`` is the title and
    ``evidence.seen`` the publication time.
    """

    field: str
    kind: str  # new | missing | changed
    card: str | None
    world: str | None
    subject: str | None = None
    evidence: Evidence | None = None

    def describe(self) -> str:
        """One line for people, e.g. ``person Jumpei Nozaki: Director & CFO → Director``."""
        head = f"{self.field} {self.subject}" if self.subject else self.field
        if self.kind == CHANGED:
            return f"{head}: {self.card} → {self.world}"
        if self.kind == NEW:
            return f"{head} new: {self.world}" if self.world else f"{head} new"
        return f"{head} missing: {self.card}" if self.card else f"{head} missing"


def review(card: Card, facts: Sequence[WorldFact], items: Sequence[WorldItem],
           gone: Sequence[WorldFact] = ()) -> tuple[Difference, ...]:
    """Every difference between the card and the world, in card order (news last).

    ``gone`` are values a source reported and then no longer did (``last_seen``: when that
    was noticed); only they make a card value ``missing``.
    """
    out: list[Difference] = []
    out += _set(facts, gone, "email", card.emails, labels.email_key)
    out += _set(facts, gone, "phone", card.phones, labels.phone_key)
    out += _set(facts, gone, "fax", card.faxes, labels.phone_key)
    out += _address(card.address, [f for f in facts if f.field == "address"])
    out += _links(card, facts, gone)
    out += _people(card, [f for f in facts if f.field == "person"],
                   [f for f in gone if f.field == "person"])
    out += _founded(card.founded, [f for f in facts if f.field == "founded"])
    out += _news(card.as_of, items)
    return tuple(out)


def _evidence(fact: WorldFact) -> Evidence:
    return Evidence(fact.url, fact.first_seen, fact.evidence, fact.source)


def _gone_evidence(fact: WorldFact) -> Evidence:
    """Why a card value is missing: the source that listed it, and when it stopped."""
    snippet = f"no longer listed on {fact.url}" if fact.url else "no longer listed"
    return Evidence(fact.url, fact.last_seen, snippet, fact.source)


def _set(facts: Sequence[WorldFact], gone: Sequence[WorldFact], field_name: str,
         card_values: Iterable[str], key: Callable[[str], str]) -> list[Difference]:
    reported = [f for f in facts if f.field == field_name]
    dropped = [f for f in gone if f.field == field_name]
    return _compare_set(field_name, list(card_values), reported, dropped, key)


def _compare_set(field_name: str, card_values: list[str], reported: Sequence[WorldFact],
                 gone: Sequence[WorldFact], key: Callable[[str], str]) -> list[Difference]:
    world: dict[str, WorldFact] = {}
    for fact in reported:
        world.setdefault(key(fact.value), fact)
    dropped: dict[str, WorldFact] = {}
    for fact in gone:
        dropped.setdefault(key(fact.value), fact)
    mine = {key(v): v for v in card_values}
    out = [Difference(field_name, NEW, None, f.value, evidence=_evidence(f))
           for k, f in world.items() if k not in mine]
    out += [Difference(field_name, MISSING, v, None, evidence=_gone_evidence(dropped[k]))
            for k, v in mine.items() if k not in world and k in dropped]
    return out


def _address(card_address: str | None, reported: Sequence[WorldFact]) -> list[Difference]:
    if not reported:
        return []
    if card_address is None:
        return [Difference("address", NEW, None, reported[0].value, evidence=_evidence(reported[0]))]
    if any(labels.same_address(card_address, f.value) for f in reported):
        return []
    return [Difference("address", CHANGED, card_address, reported[0].value,
                       evidence=_evidence(reported[0]))]


def _network(field_name: str) -> str:
    network = field_name.removeprefix("link.")
    return labels.NETWORK_ALIASES.get(network, network)


def _links(card: Card, facts: Sequence[WorldFact], gone: Sequence[WorldFact]) -> list[Difference]:
    """Links per network (``twitter`` is ``x``)."""
    reported = [f for f in facts if f.field.startswith("link.")]
    dropped = [f for f in gone if f.field.startswith("link.")]
    networks = dict.fromkeys([link.network for link in card.links] +
                             [_network(f.field) for f in reported])
    out: list[Difference] = []
    for network in networks:
        theirs = [f for f in reported if _network(f.field) == network]
        lost = [f for f in dropped if _network(f.field) == network]
        mine = [link.url for link in card.links if link.network == network]
        out += _compare_set(f"link.{network}", mine, theirs, lost, labels.link_key)
    return out


def _people(card: Card, reported: Sequence[WorldFact],
            gone: Sequence[WorldFact]) -> list[Difference]:
    world: dict[str, WorldFact] = {}
    for said in reported:
        world.setdefault(labels.person_key(said.value), said)
    dropped = {labels.person_key(f.value): f for f in reversed(gone)}  # the newest one wins
    out: list[Difference] = []
    for person in card.people:
        key = labels.person_key(person.name)
        fact = world.get(key)
        if fact is None and key in dropped:
            out.append(Difference("person", MISSING, person.role, None, person.name,
                                  _gone_evidence(dropped[key])))
        elif fact is not None and labels.role_key(fact.role) != labels.role_key(person.role):
            out.append(Difference("person", CHANGED, person.role, fact.role or "", person.name,
                                  _evidence(fact)))
    mine = {labels.person_key(p.name) for p in card.people}
    out += [Difference("person", NEW, None, f.role or "", f.value, _evidence(f))
            for k, f in world.items() if k not in mine]
    return out


def _founded(card_founded: str | None, reported: Sequence[WorldFact]) -> list[Difference]:
    if not reported or any(card_founded and labels.same_date(card_founded, f.value) for f in reported):
        return []
    first = reported[0]
    kind = CHANGED if card_founded else NEW
    return [Difference("founded", kind, card_founded, labels.date_key(first.value) or first.value,
                       evidence=_evidence(first))]


def _news(as_of: date | None, items: Sequence[WorldItem]) -> list[Difference]:
    """News after the card's date, oldest first, one per story (same URL or title)."""
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    after = f"{as_of.isoformat()}T23:59:59Z" if as_of else ""
    seen: set[str] = set()
    out: list[Difference] = []
    for item in sorted(items, key=lambda i: (i.when, i.title)):
        story = {normalize.url(item.url) if item.url else "", normalize.fold(item.title)} - {""}
        if item.kind not in NEWS_KINDS or item.when <= after or story & seen:
            continue
        seen |= story
        snippet = " — ".join(x for x in (item.publisher or "", item.summary) if x)[:300]
        out.append(Difference("news", NEW, None, item.title,
                              evidence=Evidence(item.url, item.when, snippet, item.source)))
    return out
