"""Cards in the database: the imported text and its facts, the world to compare, the review.

``card_sources`` keeps each company's card text as imported (the exporter edits that text),
``cards`` the facts parsed from it, one row per value, and ``card_review`` the differences
found by the last ``monitor review``, for Datasette.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlite_utils import Database

from monitor.cards import labels
from monitor.cards.model import Card
from monitor.cards.parse import parse
from monitor.cards.review import Difference, WorldFact, WorldItem, review
from monitor.errors import ConfigError
from monitor.models import Fact, Source
from monitor.store.db import write

if TYPE_CHECKING:
    from monitor.config import SourcesEdit  # the YAML editor: for the commands that edit


@dataclass(frozen=True)
class StoredCard:
    """An imported card with where it came from."""

    company: str
    card: Card
    path: str | None
    imported_at: str


def subject_of(fact: Fact, position: int) -> str:
    """What makes a card fact unique within its field (the comparison key, or its place)."""
    if fact.field in ("email",):
        return labels.email_key(fact.value)
    if fact.field in ("phone", "fax"):
        return labels.phone_key(fact.value) or fact.value
    if fact.field.startswith("link."):
        return labels.link_key(fact.value)
    if fact.field == "person":
        return labels.person_key(fact.value)
    if fact.field == "timeline" or fact.field.startswith("section."):
        return str(position)
    return ""


def save_card(db: Database, company: str, card: Card, path: str | None, now: str,
              also: SourcesEdit | None = None) -> bool:
    """Store a card; False (and nothing stored) when the same text is already stored.

    ``also`` is a prepared edit of sources.yaml, written inside the card's transaction: if
    the file cannot be written the card is not stored, and if the card cannot be stored the
    file is put back, so the database and the file stay in step.
    """
    digest = hashlib.sha256(card.text.encode("utf-8")).hexdigest()
    row = db.execute("SELECT sha256 FROM card_sources WHERE company = ?", [company]).fetchone()
    if row is not None and row[0] == digest:
        if also is not None:
            also.write()
        return False
    try:
        _store(db, company, card, path, now, digest, also)
    except BaseException:
        if db.conn.in_transaction:  # a failed COMMIT leaves the transaction open
            db.conn.execute("ROLLBACK")
        if also is not None:
            also.undo()
        raise
    return True


def _store(db: Database, company: str, card: Card, path: str | None, now: str, digest: str,
           also: SourcesEdit | None) -> None:
    as_of = card.as_of.isoformat() if card.as_of else None
    rows = [(company, f.field, subject_of(f, i), f.value, f.role, i, as_of, now)
            for i, f in enumerate(card.facts())]
    with write(db) as conn:
        conn.execute(
            "INSERT INTO card_sources (company, name, path, as_of, text, sha256, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(company) DO UPDATE SET name = excluded.name,"
            " path = excluded.path, as_of = excluded.as_of, text = excluded.text,"
            " sha256 = excluded.sha256, imported_at = excluded.imported_at",
            (company, card.name or company, path, as_of, card.text, digest, now))
        conn.execute("DELETE FROM cards WHERE company = ?", [company])
        conn.execute("DELETE FROM card_review WHERE company = ?", [company])  # about the old card
        # A card may say one thing twice (the same person in two lists): the first one counts.
        conn.executemany(
            "INSERT OR IGNORE INTO cards (company, field, subject, value, role, position, as_of,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if also is not None:
            also.write()  # last: a failure here rolls the card back


def load_card(db: Database, company: str) -> StoredCard | None:
    """The company's imported card, parsed again from its stored text."""
    row = db.execute("SELECT text, path, imported_at FROM card_sources WHERE company = ?",
                     [company]).fetchone()
    if row is None:
        return None
    return StoredCard(company, parse(row[0]), row[1], row[2])


def card_companies(db: Database) -> list[str]:
    """Slugs of every company with an imported card."""
    return [r[0] for r in db.execute("SELECT company FROM card_sources ORDER BY company")]


def load_world(db: Database, company: str) -> tuple[list[WorldFact], list[WorldItem]]:
    """What the company's current (not removed) sources say now: facts and items."""
    facts = [WorldFact(*r) for r in db.execute(
        "SELECT f.field, f.value, f.role, f.source, s.url, f.first_seen, f.last_seen,"
        " COALESCE(f.evidence, '') FROM facts f JOIN sources s ON s.id = f.source"
        " WHERE f.company = ? AND s.removed_at IS NULL ORDER BY f.source, f.id", [company])]
    items = [WorldItem(*r) for r in db.execute(
        "SELECT i.title, i.url, i.published_at, i.first_seen, COALESCE(i.summary, ''),"
        " i.publisher, i.source, i.kind FROM items i JOIN sources s ON s.id = i.source"
        " WHERE i.company = ? AND i.removed_at IS NULL AND s.removed_at IS NULL"
        " ORDER BY i.published_at, i.id", [company])]
    return facts, items


def load_gone(db: Database, company: str) -> list[WorldFact]:
    """Values a current source listed and then stopped listing, newest first.

    From the change history: a removed value, the old side of a replaced one (a set value
    modified into another) and a person no longer listed. ``last_seen`` is when that was
    detected. Whether a value came back is for the caller to see in the current facts.
    """
    return [WorldFact(*r) for r in db.execute(
        "SELECT c.field, CASE WHEN c.field = 'person' THEN c.key ELSE c.old END,"
        " CASE WHEN c.field = 'person' THEN c.old END, c.source, COALESCE(c.url, s.url),"
        " c.detected_at, c.detected_at, COALESCE(c.evidence, '')"
        " FROM changes c JOIN sources s ON s.id = c.source"
        " WHERE c.company = ? AND s.removed_at IS NULL AND ("
        "   (c.field = 'person' AND c.change = 'removed' AND c.key IS NOT NULL)"
        "   OR ((c.field IN ('email', 'phone', 'fax') OR c.field LIKE 'link.%')"
        "       AND c.change IN ('removed', 'modified') AND c.old IS NOT NULL))"
        " ORDER BY c.id DESC", [company])]


def save_review(db: Database, company: str, card: Card, differences: Sequence[Difference],
                now: str) -> None:
    """Replace the company's rows in ``card_review`` with these differences."""
    as_of = card.as_of.isoformat() if card.as_of else None
    rows = []
    for d in differences:
        e = d.evidence
        rows.append((company, d.field, d.subject, d.kind, d.card, d.world,
                     e.source if e else None, e.url if e else None, e.seen if e else None,
                     e.snippet if e else None, as_of, now))
    with write(db) as conn:
        conn.execute("DELETE FROM card_review WHERE company = ?", [company])
        conn.executemany(
            "INSERT INTO card_review (company, field, subject, kind, card_value, world_value,"
            " source, url, seen_at, snippet, card_as_of, reviewed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def review_company(db: Database, company: str) -> tuple[StoredCard, tuple[Difference, ...]]:
    """The company's card and its differences with what its sources say now."""
    stored = load_card(db, company)
    if stored is None:
        known = ", ".join(card_companies(db)) or "none yet"
        raise ConfigError(f"{company}: no card imported (cards: {known}); "
                          f"run: monitor import CARD.md")
    facts, items = load_world(db, company)
    return stored, review(stored.card, facts, items, load_gone(db, company))


SINGLE_FIELDS = ("name", "description", "address", "founded")


@dataclass(frozen=True)
class CardValue:
    """A value of the imported card, for showing beside what the sources say."""

    field: str
    value: str
    role: str | None
    as_of: str | None


def card_values(db: Database, company: str, world: Iterable[tuple[str, str]]) -> list[CardValue]:
    """The card's profile values that no current fact of the sources states (field, value).

    The card keeps standing where the sources are silent, so ``show`` lists these next to
    the observed facts, labelled as the card's. Timeline and free sections are not values.
    """
    stored = load_card(db, company)
    if stored is None:
        return []
    said = {(field, _key(field, value)) for field, value in world}
    fields = {field for field, _ in world}
    as_of = stored.card.as_of.isoformat() if stored.card.as_of else None
    out = []
    for fact in stored.card.facts():
        if fact.field == "timeline" or fact.field.startswith("section."):
            continue
        if fact.field in SINGLE_FIELDS and fact.field in fields:
            continue
        if (fact.field, _key(fact.field, fact.value)) not in said:
            out.append(CardValue(fact.field, fact.value, fact.role, as_of))
    return out


def _key(field_name: str, value: str) -> str:
    if field_name == "person":
        return labels.person_key(value)
    if field_name in ("email", "phone", "fax") or field_name.startswith("link."):
        return labels.value_key(field_name, value)
    return value


@dataclass(frozen=True)
class Coverage:
    """Which of a company's sources were read: a review speaks only for those."""

    read: tuple[str, ...]  # "kind url" of sources with a successful check
    unread: tuple[str, ...]  # "kind url (why)" of the others

    @property
    def total(self) -> int:
        """How many sources the company has."""
        return len(self.read) + len(self.unread)


def coverage(db: Database, company: str, configured: Sequence[Source]) -> Coverage:
    """The company's sources (configured, or known to the database) and whether each was read."""
    rows = {str(r[0]): r[1:] for r in db.execute(
        "SELECT id, kind, url, status, last_checked_at, last_ok_at FROM sources"
        " WHERE company = ? AND removed_at IS NULL", [company])}
    for source in configured:
        rows.setdefault(source.id, (source.kind, source.url, "new", None, None))
    read, unread = [], []
    for kind, url, status, checked, ok in sorted(rows.values(), key=lambda r: (r[0], r[1])):
        if ok:
            read.append(f"{kind} {url}")
        elif checked:
            unread.append(f"{kind} {url} ({status}, never read)")
        else:
            unread.append(f"{kind} {url}")
    return Coverage(tuple(read), tuple(unread))
