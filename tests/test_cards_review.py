"""Reviewing a card against the world: the pure comparison, and the stored tables behind it.

Card: ../shared/examples/ispace.md. World: tests/data/cards/ispace_world.json (what the
website and feed kinds extract from tests/data/ispace_site/now), or rows written with SQL.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from monitor.cards import Card, Link, Person, WorldFact, WorldItem, parse, review
from monitor.cards.store import card_companies, load_card, review_company, save_card, save_review
from monitor.store.db import open_db
from tests.conftest import EXAMPLES

CARDS = Path(__file__).parent / "data" / "cards"
ISPACE = EXAMPLES / "ispace.md"
NOW = "2024-05-01T09:00:00Z"


# The card's differences from the ispace world, as (field, kind, subject, card, world): the
# same whether reviewed here from ispace_world.json or end to end from the site (test_cards_e2e).
ISPACE_DIFFERENCES = [
    ("email", "new", None, None, "pr@ispace-inc.com"),
    ("address", "changed", None,
     "2-7-17, Shiba, Sumitomo Shibakoen Building 10F, Tokyo, Minato-ku 105-0014, JP",
     "Nihonbashi Hamacho F-Tower 3F, 3-42-3 Nihonbashi Hamacho, 103-0007 Chuo-ku, Tokyo, JP"),
    ("link.x", "new", None, None, "https://x.com/ispace_europe"),
    ("person", "changed", "Jumpei Nozaki", "Director & CFO", "Director"),
    ("person", "missing", "Kazuya Yoshida", "Director & Technology Advisor", None),
    ("person", "new", "Jane Doe", None, "CFO"),
    ("news", "new", None, None, "HAKUTO-R Mission 1 Lander Launches on a SpaceX Falcon 9"),
    ("news", "new", None, None, "ispace Mission 1 Lander Reaches Lunar Orbit"),
    ("news", "new", None, None, "ispace Lander for Mission 2 Completes Assembly"),
]


def ispace() -> Card:
    """The real card."""
    return parse(ISPACE.read_bytes().decode("utf-8"))


def ispace_world() -> tuple[list[WorldFact], list[WorldItem]]:
    """The facts and items of tests/data/cards/ispace_world.json."""
    data = json.loads((CARDS / "ispace_world.json").read_text(encoding="utf-8"))
    return [WorldFact(**f) for f in data["facts"]], [WorldItem(**i) for i in data["items"]]


def ispace_gone() -> list[WorldFact]:
    """What the ispace sources listed and then stopped listing (ispace_world.json: gone)."""
    data = json.loads((CARDS / "ispace_world.json").read_text(encoding="utf-8"))
    return [WorldFact(**f) for f in data["gone"]]


def summary(card: Card, facts: list[WorldFact], items: list[WorldItem],
            gone: list[WorldFact]) -> list[tuple[object, ...]]:
    """Differences as (field, kind, subject, card, world) tuples."""
    return [(d.field, d.kind, d.subject, d.card, d.world) for d in review(card, facts, items, gone)]


def test_the_ispace_world_differs_in_exactly_the_known_ways() -> None:
    facts, items = ispace_world()
    assert summary(ispace(), facts, items, ispace_gone()) == ISPACE_DIFFERENCES


def test_evidence_names_the_page_the_time_and_the_snippet() -> None:
    facts, items = ispace_world()
    found = {(d.field, d.subject): d for d in review(ispace(), facts, items, ispace_gone())}
    email = found[("email", None)].evidence
    assert email is not None and email.url == "https://ispace-inc.com/contact/"
    assert email.seen == NOW and "mailto:pr@ispace-inc.com" in email.snippet
    gone = found[("person", "Kazuya Yoshida")].evidence
    assert gone is not None and gone.url == "https://ispace-inc.com/company/"
    assert gone.snippet == "no longer listed on https://ispace-inc.com/company/" and gone.seen == NOW
    news = next(d for d in review(ispace(), facts, items) if d.field == "news").evidence
    assert news is not None and news.seen == "2022-12-11T08:00:00Z"
    assert news.url == "https://ispace-inc.com/news-en/?p=4102"


def test_a_world_that_reports_a_field_not_at_all_says_nothing_about_it() -> None:
    only_people = [WorldFact("person", p.name, p.role) for p in ispace().people]
    assert review(ispace(), only_people, []) == ()  # no e-mails, links, address on that page


def test_spellings_that_mean_the_same_are_no_difference() -> None:
    card = Card("acme", date(2020, 1, 1), emails=("Info@Acme.example",),
                links=(Link("x", "https://twitter.com/AcmeCorp"), Link("website", "http://acme.example/")),
                founded="2010-09", people=(Person("Jane Doe", "Founder & CEO"),),
                address="Musterstraße 1, 10115 Berlin, DE")
    world = [WorldFact("email", "info@acme.example"), WorldFact("link.twitter", "https://x.com/acmecorp"),
             WorldFact("link.website", "https://www.acme.example"), WorldFact("founded", "2010-09-10"),
             WorldFact("person", "Jane Doe", "Chief Executive Officer; Founder"),
             WorldFact("address", "Musterstrasse 1, 10115 Berlin"),
             WorldFact("address", "1 Main St, Springfield, IL 62701")]  # a second office
    assert review(card, world, []) == ()


def test_a_person_is_missing_only_when_a_source_stopped_listing_them() -> None:
    card = Card("acme", people=(Person("Jane Doe", "CEO"), Person("John Roe", "CTO")))
    team = [WorldFact("person", "Jane Doe", "CEO", source="team"),
            WorldFact("person", "Erika Muster", "CTO", source="team")]
    assert [(d.kind, d.subject) for d in review(card, team, [])] == [
        ("new", "Erika Muster")]  # John Roe is not on this page: nobody said he left
    left = [WorldFact("person", "John Roe", "CTO", source="team", url="https://acme.example/team",
                      last_seen="2024-03-01T00:00:00Z")]
    found = review(card, team, [], left)
    assert [(d.kind, d.subject) for d in found] == [("missing", "John Roe"), ("new", "Erika Muster")]
    assert found[0].evidence is not None and found[0].evidence.seen == "2024-03-01T00:00:00Z"
    elsewhere = [*team, WorldFact("person", "John Roe", "Advisor", source="board")]
    assert [(d.kind, d.subject, d.world) for d in review(card, elsewhere, [], left)] == [
        ("changed", "John Roe", "Advisor"), ("new", "Erika Muster", "CTO")]  # listed elsewhere


def test_a_link_nobody_shows_stands_and_one_a_source_dropped_is_missing() -> None:
    card = Card("acme", links=(Link("facebook", "https://facebook.com/acme"),
                               Link("x", "https://x.com/acme")))
    seen = [WorldFact("link.x", "https://x.com/acme")]
    assert review(card, seen, []) == ()  # the site shows X, not Facebook: no claim on Facebook
    dropped = [WorldFact("link.facebook", "https://www.facebook.com/acme/", url="https://acme.example/")]
    assert [(d.field, d.kind, d.card) for d in review(card, seen, [], dropped)] == [
        ("link.facebook", "missing", "https://facebook.com/acme")]
    back = [*seen, WorldFact("link.facebook", "https://facebook.com/acme")]
    assert review(card, back, [], dropped) == ()  # gone once, shown again now


def test_news_is_what_was_published_after_the_cards_day_once_per_story() -> None:
    card = Card("acme", date(2020, 7, 4))
    items = [WorldItem("Same day", "https://n.example/0", "2020-07-04T20:00:00Z"),
             WorldItem("Next day", "https://n.example/1", "2020-07-05T01:00:00Z"),
             WorldItem("Next day", "https://other.example/syndicated", "2020-07-05T03:00:00Z"),
             WorldItem("A post", "https://x.com/acme/status/1", "2021-01-01T00:00:00Z", kind="post"),
             WorldItem("Undated", "https://n.example/2", None, first_seen="2024-01-01T00:00:00Z",
                       kind="press")]
    assert [d.world for d in review(card, [], items)] == ["Next day", "Undated"]


def test_founded_and_phone_changes() -> None:
    card = Card("acme", founded="2010-09", phones=("+49301234567",))
    world = [WorldFact("founded", "2011"), WorldFact("phone", "+49307654321")]
    replaced = [WorldFact("phone", "+49 30 1234567")]  # the page showed it, then the new one
    assert [(d.field, d.kind, d.card, d.world) for d in review(card, world, [], replaced)] == [
        ("phone", "new", None, "+49307654321"), ("phone", "missing", "+49301234567", None),
        ("founded", "changed", "2010-09", "2011")]


def _world_db(tmp_path: Path) -> Database:
    """A database with the ispace company, two sources and the JSON world as rows."""
    db = open_db(tmp_path / "monitor.db")
    facts, items = ispace_world()
    db.execute("INSERT INTO companies (slug, name, added_at) VALUES ('ispace', 'ispace', ?)", [NOW])
    for sid, url in (("ispace:website:1", "https://ispace-inc.com/contact/"),
                     ("ispace:website:2", "https://ispace-inc.com/company/"),
                     ("ispace:feed:3", "https://ispace-inc.com/news/feed/")):
        db.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
                   " VALUES (?, 'ispace', ?, ?, 'ispace-inc.com', 86400, 2, ?)",
                   [sid, sid.split(":")[1], url, NOW])
    sources = {"https://ispace-inc.com/contact/": "ispace:website:1",
               "https://ispace-inc.com/company/": "ispace:website:2"}
    for i, f in enumerate(facts):
        db.execute("INSERT INTO facts (company, source, field, subject, value, role, first_seen,"
                   " last_seen, evidence) VALUES ('ispace', ?, ?, ?, ?, ?, ?, ?, ?)",
                   [sources[str(f.url)], f.field, str(i), f.value, f.role, f.first_seen,
                    f.last_seen, f.evidence])
    db.execute("INSERT INTO changes (company, source, field, key, change, old, category,"
               " detected_at, url) VALUES ('ispace', 'ispace:website:2', 'person', 'Kazuya Yoshida',"
               " 'removed', 'Director & Technology Advisor', 'leadership', ?,"
               " 'https://ispace-inc.com/company/')", [NOW])
    for i, item in enumerate(items):
        db.execute("INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
                   " first_seen, last_seen) VALUES ('ispace', 'ispace:feed:3', ?, ?, ?, ?, ?, ?, ?, ?)",
                   [str(i), item.kind, item.title, item.url, item.published_at, item.summary, NOW, NOW])
    db.conn.commit()
    return db


def test_review_from_the_database_matches_the_pure_review(tmp_path: Path) -> None:
    db = _world_db(tmp_path)
    card = ispace()
    assert save_card(db, "ispace", card, str(ISPACE), NOW)
    stored, differences = review_company(db, "ispace")
    assert stored.card == card and stored.path == str(ISPACE)
    facts, items = ispace_world()
    assert [(d.field, d.kind, d.subject, d.world) for d in differences] == [
        (d.field, d.kind, d.subject, d.world) for d in review(card, facts, items, ispace_gone())]
    save_review(db, "ispace", card, differences, NOW)
    save_review(db, "ispace", card, differences, NOW)  # a refresh replaces, never piles up
    rows = db.execute("SELECT field, kind, subject, url, card_as_of FROM card_review"
                      " ORDER BY id").fetchall()
    assert len(rows) == 9 and rows[3] == ("person", "changed", "Jumpei Nozaki",
                                          "https://ispace-inc.com/company/", "2020-07-04")
    db.execute("UPDATE sources SET removed_at = ? WHERE id = 'ispace:feed:3'", [NOW])
    db.conn.commit()
    assert [d.field for d in review_company(db, "ispace")[1]].count("news") == 0


def test_saving_the_same_card_twice_writes_nothing(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    card = ispace()
    assert save_card(db, "ispace", card, "a.md", NOW) is True
    before = db.execute("SELECT * FROM cards ORDER BY id").fetchall()
    assert save_card(db, "ispace", card, "b.md", "2030-01-01T00:00:00Z") is False
    assert db.execute("SELECT * FROM cards ORDER BY id").fetchall() == before
    assert db.execute("SELECT path, imported_at FROM card_sources").fetchall() == [("a.md", NOW)]
    people = db.execute("SELECT value, role FROM cards WHERE field = 'person' ORDER BY position")
    assert [r[0] for r in people][:2] == ["Takeshi Hakamada", "Takahiro Nakamura"]
    assert len(before) == len(card.facts()) and card_companies(db) == ["ispace"]
    loaded = load_card(db, "ispace")
    assert loaded is not None and loaded.card.text == card.text
