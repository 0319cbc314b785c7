"""The rebased state, judged by the differ that starts from it: items seen before stay seen,
rotation state follows the text, and what moved on the site between the two pages is left to
the diff (pure: values in, values out)."""

from __future__ import annotations

from monitor import rotation
from monitor.diff import diff
from monitor.models import (
    Category,
    DiffResult,
    Fact,
    Item,
    ItemState,
    Observation,
    Pending,
    Rebase,
    SeenLine,
    Source,
    State,
)
from monitor.rebase import rebase

NOW = "2026-12-01T09:00:00Z"
SOURCE = Source(id="acme:website:1", company="acme", kind="website",
                url="https://acme.example/", every=86400.0, confirm=1)


def run(state: State, stored: Observation, fresh: Observation) -> tuple[Rebase, DiffResult]:
    moved = rebase(SOURCE, state, stored, fresh, version="2.new", was="1.old", page="h",
                   now=NOW, item_category=Category.NEWS)
    result = diff(SOURCE, moved.state, fresh.facts, fresh.items, (), now=NOW,
                  item_category=Category.NEWS)
    return moved, result


def test_items_read_anew_stay_seen_and_items_no_longer_found_retire_quietly() -> None:
    state = State(baseline=False, items={
        "a": ItemState("a", "https://acme.example/a", None, title="Launch A", position=0),
        "c": ItemState("c", "https://acme.example/c", None, title="Old C", position=1)})
    stored = Observation(items=(Item("a2", "Launch A", url="https://acme.example/a"),
                                Item("b", "Launch B", url="https://acme.example/b")))
    fresh = Observation(items=(*stored.items, Item("d", "Launch D", url="https://acme.example/d")))
    moved, result = run(state, stored, fresh)
    assert [(c.key, c.change.value) for c in moved.changes] == [("b", "added"), ("c", "removed")]
    assert moved.retired == ("c",) and moved.state.items["c"].retired
    # The same URL under a new key is the differ's (an alias); B is seen; D is news.
    assert [(c.key, c.change.value) for c in result.changes] == [("d", "added")]
    back = (*stored.items, Item("c", "Old C", url="https://acme.example/c"))
    again = diff(SOURCE, moved.state, (), back, (), now=NOW, item_category=Category.NEWS)
    assert not again.changes  # a retired item that shows again returns quietly


def test_text_rebases_line_by_line_and_a_real_edit_beside_it_is_still_news() -> None:
    old = "Welcome to ACME\nWe build rockets"
    lines = {rotation.key(t): SeenLine(t, position=i, since="2026-11-01T00:00:00Z")
             for i, t in enumerate(old.splitlines())}
    state = State(baseline=False, facts=(Fact("text", old),), lines=lines)
    stored = Observation(facts=(Fact("text", old + "\nOpening hours 9 to 5"),))
    fresh = Observation(facts=(Fact("text", old + "\nOpening hours 9 to 5\nNow hiring"),))
    moved, result = run(state, stored, fresh)
    assert [(c.field, c.new) for c in moved.changes] == [("text", "Opening hours 9 to 5")]
    assert moved.lines[rotation.key("Opening hours 9 to 5")].present
    assert [(c.field, c.new) for c in result.changes] == [("text", "Now hiring")]


def test_values_awaiting_confirmation_and_values_the_site_moved_are_left_to_the_diff() -> None:
    state = State(baseline=False, facts=(Fact("email", "a@acme.example"),),
                  pending=(Pending("phone", "+1 416 555 0100", Fact("phone", "+1 416 555 0100"),
                                   1, NOW),))
    stored = Observation(facts=(Fact("email", "a@acme.example"), Fact("phone", "+1 416 555 0100"),
                                Fact("person", "Jane Doe", role="CEO"),
                                Fact("link.x", "https://x.com/acme")))
    fresh = Observation(facts=(Fact("email", "a@acme.example"), Fact("phone", "+1 416 555 0100"),
                               Fact("person", "Jane Doe", role="CFO")))
    moved, result = run(state, stored, fresh)
    assert moved.changes == ()  # the phone is pending; the role and the link moved on the site
    assert {(c.field, c.change.value) for c in result.changes} == {
        ("phone", "added"), ("person", "added")}


def test_a_value_read_in_another_form_is_one_modified_rebase_and_no_change() -> None:
    state = State(baseline=False, facts=(Fact("phone", "03-4567-8902"),))
    reread = Observation(facts=(Fact("phone", "+81 3-4567-8902"),))
    moved, result = run(state, reread, reread)
    assert [(c.field, c.change.value, c.old, c.new) for c in moved.changes] == [
        ("phone", "modified", "03-4567-8902", "+81 3-4567-8902")]
    assert not result.changes


def test_a_new_title_already_seen_once_is_the_sites_and_stays_news() -> None:
    state = State(baseline=False, items={"e": ItemState(
        "e", "https://acme.example/e", None, title="Old E", candidate="New E\x1f", position=0)})
    both = Observation(items=(Item("e", "New E", url="https://acme.example/e"),))
    moved, result = run(state, both, both)
    assert moved.changes == ()
    assert [(c.key, c.change.value, c.new) for c in result.changes] == [("e", "modified", "New E")]
