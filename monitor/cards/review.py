"""Where the monitored world disagrees with a card: pure, from values to ``Difference`` values.

Sets (e-mails, phones, faxes, links of each network) compare by key: a value the sources
report that the card lacks is ``new``; a card value they no longer report is ``missing``, but
only when some source reports that field at all (a page that shows no e-mail address says
nothing about the card's). People compare by name: an unknown name is ``new``, a card name
no management list of the sources shows is ``missing``, a different role is ``changed``. The address and the founding
date are single values (``changed``). News items published after the card's date are ``new``.
Name and description are not compared: cards and websites always word them differently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from monitor import normalize
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


def review(card: Card, facts: Sequence[WorldFact], items: Sequence[WorldItem]) -> tuple[Difference, ...]:
    """Every difference between the card and the world, in card order (news last)."""
    out: list[Difference] = []
    out += _set(facts, "email", card.emails, labels.email_key)
    out += _set(facts, "phone", card.phones, labels.phone_key)
    out += _set(facts, "fax", card.faxes, labels.phone_key)
    out += _address(card.address, [f for f in facts if f.field == "address"])
    out += _links(card, facts)
    out += _people(card, [f for f in facts if f.field == "person"])
    out += _founded(card.founded, [f for f in facts if f.field == "founded"])
    out += _news(card.as_of, items)
    return tuple(out)


def _evidence(fact: WorldFact) -> Evidence:
    return Evidence(fact.url, fact.first_seen, fact.evidence, fact.source)


def _absence(reported: Sequence[WorldFact], what: str) -> Evidence:
    """Evidence that a value is gone: what the sources that report the field list now."""
    first = reported[0]
    listed = ", ".join(dict.fromkeys(f.value for f in reported))
    seen = max((f.last_seen or "" for f in reported), default="") or None
    return Evidence(first.url, seen, f"{what}: {listed}"[:300], first.source)


def _set(facts: Sequence[WorldFact], field_name: str, card_values: Iterable[str],
         key: Callable[[str], str]) -> list[Difference]:
    reported = [f for f in facts if f.field == field_name]
    return _compare_set(field_name, list(card_values), reported, key, field_name)


def _compare_set(field_name: str, card_values: list[str], reported: Sequence[WorldFact],
                 key: Callable[[str], str], what: str) -> list[Difference]:
    world: dict[str, WorldFact] = {}
    for fact in reported:
        world.setdefault(key(fact.value), fact)
    mine = {key(v): v for v in card_values}
    out = [Difference(field_name, NEW, None, f.value, evidence=_evidence(f))
           for k, f in world.items() if k not in mine]
    if reported:
        out += [Difference(field_name, MISSING, v, None, evidence=_absence(reported, what))
                for k, v in mine.items() if k not in world]
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


def _links(card: Card, facts: Sequence[WorldFact]) -> list[Difference]:
    """Links per network; a social link is missing only when the sources report social links."""
    reported = [f for f in facts if f.field.startswith("link.")]
    social = [f for f in reported if _network(f.field) != "website"]
    networks = dict.fromkeys([link.network for link in card.links] +
                             [_network(f.field) for f in reported])
    out: list[Difference] = []
    for network in networks:
        theirs = [f for f in reported if _network(f.field) == network]
        mine = [link.url for link in card.links if link.network == network]
        found = _compare_set(f"link.{network}", mine, theirs, labels.link_key, "links")
        if not theirs and network != "website" and social:
            found = [Difference(f"link.{network}", MISSING, url, None,
                                evidence=_absence(social, "links")) for url in mine]
        out += found
    return out


def _lists(card: Card, reported: Sequence[WorldFact]) -> list[WorldFact]:
    """People of the sources that list the management, not just mention someone.

    A list names two of the card's people, or one of them among three or more. A page naming
    one person (an imprint, a press release quoting the CEO next to a partner) says nothing
    about whether the others are still there.
    """
    mine = {labels.person_key(p.name) for p in card.people}
    by_source: dict[str, list[WorldFact]] = {}
    for fact in reported:
        by_source.setdefault(fact.source, []).append(fact)
    out: list[WorldFact] = []
    for facts in by_source.values():
        names = {labels.person_key(f.value) for f in facts}
        if len(names & mine) >= 2 or (names & mine and len(names) >= 3):
            out += facts
    return out


def _people(card: Card, reported: Sequence[WorldFact]) -> list[Difference]:
    world: dict[str, WorldFact] = {}
    for said in reported:
        world.setdefault(labels.person_key(said.value), said)
    lists = _lists(card, reported)
    out: list[Difference] = []
    for person in card.people:
        fact = world.get(labels.person_key(person.name))
        if fact is None and lists:
            out.append(Difference("person", MISSING, person.role, None, person.name,
                                  _absence(lists, "people")))
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
