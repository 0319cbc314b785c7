"""The differ: identity-based comparison, confirmation window, items, metrics (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.diff import diff, diff_facts, diff_items, diff_metrics
from monitor.models import Category, ChangeKind, Fact, Item, ItemState, Metric, Source, State
from tests.webserver import serve

SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=3600, confirm=2)
NOW = "2026-11-24T10:00:00Z"


def page(body: str) -> bytes:
    """A small HTML page."""
    return f"<!doctype html><html lang=en><head><title>Acme</title></head><body>{body}</body></html>".encode()


def settle(facts: list[Fact], source: Source = SRC) -> State:
    """The state after a baseline of these facts."""
    _, confirmed, _ = diff_facts(source, State(), facts, NOW)
    return State(facts=confirmed, baseline=False)


def step(state: State, facts: list[Fact], source: Source = SRC) -> tuple[list, State]:
    """One more observation: (changes, next state)."""
    changes, confirmed, pending = diff_facts(source, state, facts, NOW)
    return changes, State(facts=confirmed, pending=pending, baseline=False)


PEOPLE = [Fact("person", "Jane Doe", "CFO"), Fact("person", "Takeshi Hakamada", "CEO")]


def test_baseline_records_no_change() -> None:
    changes, confirmed, pending = diff_facts(SRC, State(), PEOPLE, NOW)
    assert changes == [] and pending == ()
    assert {f.value for f in confirmed} == {"Jane Doe", "Takeshi Hakamada"}


def test_role_change_is_one_modified_change_after_confirmation() -> None:
    state = settle(PEOPLE)
    moved = [Fact("person", "Jane Doe", "COO"), PEOPLE[1]]
    first, state = step(state, moved)
    assert first == [] and len(state.pending) == 1
    second, state = step(state, moved)
    assert len(second) == 1
    change = second[0]
    assert (change.field, change.key, change.old, change.new) == ("person", "Jane Doe", "CFO", "COO")
    assert change.change is ChangeKind.MODIFIED and change.category is Category.LEADERSHIP
    assert change.describe() == "person Jane Doe: CFO → COO"


def test_flip_back_inside_window_is_no_change() -> None:
    """E4: A→B→A with confirm=2 records nothing and leaves nothing pending."""
    a = [Fact("email", "info@acme.example")]
    b = [Fact("email", "hello@acme.example")]
    state = settle(a)
    c1, state = step(state, b)
    c2, state = step(state, a)
    assert c1 == [] and c2 == [] and state.pending == ()


def test_confirm_one_records_at_once() -> None:
    src = replace(SRC, confirm=1)
    state = settle([Fact("phone", "+81 3 1234 5678")], src)
    changes, _ = step(state, [Fact("phone", "+81 3 9999 0000")], src)
    assert [(c.change, c.old, c.new) for c in changes] == [
        (ChangeKind.MODIFIED, "+81 3 1234 5678", "+81 3 9999 0000")]


def test_set_field_pairs_single_swap_but_not_multiple() -> None:
    src = replace(SRC, confirm=1)
    state = settle([Fact("link.x", "https://x.com/a")], src)
    changes, _ = step(state, [Fact("link.x", "https://x.com/b")], src)
    assert [(c.change, c.old, c.new, c.category) for c in changes] == [
        (ChangeKind.MODIFIED, "https://x.com/a", "https://x.com/b", Category.LINKS)]
    changes, _ = step(state, [Fact("link.x", "https://x.com/b"), Fact("link.x", "https://x.com/c")], src)
    assert sorted(c.change for c in changes) == [ChangeKind.ADDED, ChangeKind.ADDED, ChangeKind.REMOVED]


def test_text_change_reports_changed_lines_only() -> None:
    src = replace(SRC, confirm=1)
    state = settle([Fact("text", "We build landers.\nOffices in Tokyo.")], src)
    changes, _ = step(state, [Fact("text", "We build landers.\nOffices in Tokyo and Denver.")], src)
    assert len(changes) == 1
    assert changes[0].old == "Offices in Tokyo." and changes[0].new == "Offices in Tokyo and Denver."
    assert changes[0].category is Category.CONTENT


facts_st = st.lists(
    st.builds(Fact, field=st.sampled_from(["email", "phone", "person", "name", "link.x"]),
              value=st.text(min_size=1, max_size=12), role=st.sampled_from([None, "CEO", "CFO"])),
    max_size=12)


@given(facts_st, st.randoms(use_true_random=False))
def test_property_diff_with_itself_and_reordered_is_empty(facts: list[Fact], rnd) -> None:  # type: ignore[no-untyped-def]
    state = settle(facts)
    shuffled = list(facts)
    rnd.shuffle(shuffled)
    changes, confirmed, pending = diff_facts(SRC, state, shuffled, NOW)
    assert changes == [] and pending == ()
    assert set(confirmed) == set(state.facts)


@given(facts_st, facts_st)
def test_property_flapping_never_confirms(a: list[Fact], b: list[Fact]) -> None:
    """E3: any A/B/A/B sequence with confirm=2 records no change."""
    state = settle(a)
    for facts in (b, a, b, a):
        changes, state = step(state, facts)
        assert changes == []


def items(*keys: str, dated: bool = True) -> list[Item]:
    return [Item(key=k, title=f"Story {k}", url=f"https://acme.example/{k}",
                 published_at=f"2026-11-{int(k):02d}T00:00:00Z" if dated else None) for k in keys]


def stored(result_items: list[Item]) -> dict[str, ItemState]:
    return {i.key: ItemState(i.key, i.url, i.published_at) for i in result_items}


def test_new_items_are_added_once_and_reordering_is_nothing() -> None:
    prev = State(items=stored(items("1", "2", "3")), baseline=False)
    res = diff_items(SRC, prev, list(reversed(items("1", "2", "3", "4"))), Category.NEWS)
    assert res.changes == () and res.pending == ("4",)  # a new item is seen twice first
    prev = replace(prev, items={**prev.items, "4": ItemState("4", None, None, pending=True)})
    res = diff_items(SRC, prev, list(reversed(items("1", "2", "3", "4"))), Category.NEWS)
    assert [(c.change, c.key, c.category) for c in res.changes] == [(ChangeKind.ADDED, "4", Category.NEWS)]


def test_rolled_off_item_is_retired_silently_but_deleted_item_is_removed() -> None:
    prev = State(items={k: replace(v, misses=1) for k, v in stored(items("1", "2", "3")).items()},
                 baseline=False)
    rolled = diff_items(SRC, prev, items("2", "3", "4"), Category.NEWS)
    assert rolled.removed == ("1",) and rolled.changes == () and rolled.pending == ("4",)
    deleted = diff_items(SRC, prev, items("1", "3"), Category.NEWS)
    assert deleted.removed == ("2",)
    assert [(c.change, c.key) for c in deleted.changes] == [(ChangeKind.REMOVED, "2")]


def test_missing_once_is_not_removed() -> None:
    """Hetzner-style flapping: an item absent from one capture only is kept."""
    prev = State(items=stored(items("1", "2", "3")), baseline=False)
    res = diff_items(SRC, prev, items("1", "3"), Category.NEWS)
    assert res.removed == () and res.missed == {"2": 1} and res.changes == ()


def test_volatile_guid_with_known_url_is_the_same_item() -> None:
    """D10: a GUID that changes on every fetch for the same link is no new item."""
    prev = State(items=stored(items("1")), baseline=False)
    fresh = [replace(items("1")[0], key="guid-random-xyz")]
    res = diff_items(SRC, prev, fresh, Category.NEWS)
    assert res.changes == () and res.aliases == {"guid-random-xyz": "1"}


def test_metrics_change_only_past_threshold() -> None:
    prev = State(metrics={"followers": 5750.0}, baseline=False)
    small, _ = diff_metrics(SRC, prev, [Metric("followers", 5790)], {"followers": 100})
    big, marks = diff_metrics(SRC, prev, [Metric("followers", 5900)], {"followers": 100})
    none, _ = diff_metrics(SRC, prev, [Metric("followers", 9000)], {})
    assert small == [] and none == []
    assert [(c.old, c.new, c.category) for c in big] == [("5750", "5900", Category.METRIC)]
    assert marks == {"followers": 5900}


def test_full_diff_combines_all_parts() -> None:
    src = replace(SRC, confirm=1)
    prev = State(facts=(Fact("email", "a@acme.example"),), items=stored(items("1")), baseline=False)
    result = diff(src, prev, [Fact("email", "b@acme.example")], items("1", "2"), [],
                  now=NOW, item_category=Category.NEWS)
    assert sorted(c.category.value for c in result.changes) == ["contact", "news"]


# --- rotation learned per source --------------------------------------------------------------


def _observe(state: State, text: str) -> tuple[list, State]:
    """One observation of a page whose only fact is its text, through ``diff``."""
    result = diff(SRC, state, [Fact("text", text)], [], [], now=NOW, item_category=Category.NEWS)
    lines = {**state.lines, **result.lines}
    return list(result.changes), State(facts=result.facts, pending=result.pending,
                                       baseline=False, lines=lines)


def test_a_rotating_quote_stops_being_a_change_once_it_comes_back() -> None:
    """A line that left and came back is rotation: no change when it comes or goes again."""
    quotes = ["Great service!", "Best supplier ever.", "Always on time."]
    state = State()
    found: list = []
    for day in range(12):  # one quote per day, each seen on two checks (confirm=2)
        text = f"We build boats.\n{quotes[day % 3]}"
        for _ in range(2):
            changes, state = _observe(state, text)
            found += [(day, c) for c in changes]
    assert {day for day, _ in found} <= {1, 2}  # only the first cycle, before anything returned
    assert {line.text for line in state.lines.values() if line.volatile} == set(quotes)


def test_a_new_line_still_needs_two_sightings_and_is_not_rotation() -> None:
    """A line never shown before is news: confirmed on its second sighting, never volatile."""
    state = State()
    _, state = _observe(state, "We build boats.")
    first, state = _observe(state, "We build boats.\nNow also ships.")
    second, state = _observe(state, "We build boats.\nNow also ships.")
    assert first == [] and [c.new for c in second] == ["Now also ships."]
    assert not any(line.volatile for line in state.lines.values())


def test_rotation_is_stored_shown_and_resettable_end_to_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, monitor_cli: Callable[..., str]) -> None:
    """Through the real server, pipeline, SQLite store and CLI: a homepage quote rotating per
    day makes no change once learned; ``show`` lists it and ``--reset-rotation`` forgets it."""
    run = monitor_cli

    quotes = ["Great service, every time.", "The best boats on the Baltic.", "Always on time."]
    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        settle: 0\n")
        recorded = []
        for day in range(8):
            site.set("/", page(f"<main><p>Acme builds boats in Kiel.</p><blockquote><p>"
                               f"{quotes[day % 3]}</p></blockquote></main>"))
            for _ in range(2):
                out = run("check")
                recorded.append((day, out.count("text: ")))
    assert any(n for day, n in recorded if day < 3), recorded  # the first cycle is news
    assert all(n == 0 for day, n in recorded if day >= 3), recorded
    shown = run("show", "acme")
    assert "Rotating text" in shown and all(q in shown for q in quotes)
    assert "forgot 3 rotating line(s)" in run("show", "acme", "--reset-rotation")
    assert "Rotating text" not in run("show", "acme")


def test_text_change_shows_the_changed_sentence_and_its_words() -> None:
    """A one-word edit in a long paragraph reports that sentence only, with the words marked;
    a new sentence is shown whole."""
    before = "We build boats in Kiel. Since 1990 our yard has grown every year.\nContact us."
    after = "We build ships in Kiel. Since 1990 our yard has grown every year.\nContact us.\nNew: a hall."
    state = settle([Fact("text", before)])
    _, state = step(state, [Fact("text", after)])
    changes, _ = step(state, [Fact("text", after)])
    assert [(c.old, c.new) for c in changes] == [("We build boats in Kiel.", "We build ships in Kiel.\nNew: a hall.")]
    assert changes[0].evidence == "We build [-boats-] {+ships+} in Kiel.\n{+New: a hall.+}"


def test_history_shows_a_text_change_as_its_changed_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, monitor_cli: Callable[..., str]) -> None:
    """`monitor history` prints a page-text change as the words that changed, compactly."""
    run = monitor_cli

    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        settle: 0\n")
        site.set("/", page("<main><p>Acme builds boats in Kiel. Since 1990 we grow.</p></main>"))
        run("check")
        site.set("/", page("<main><p>Acme builds ships in Kiel. Since 1990 we grow.</p></main>"))
        run("check")
        run("check")
    assert "page text: Acme builds [-boats-] {+ships+} in Kiel." in run("history", "acme")


def test_datasette_highlights_the_changed_words_and_escapes_the_rest() -> None:
    """The changes table shows a text change's words struck and inserted, never raw HTML."""
    from monitor.datasette.plugin import word_diff

    html = str(word_diff("We build [-<b>boats</b>-] {+ships+} in Kiel."))
    assert html == "We build <del>&lt;b&gt;boats&lt;/b&gt;</del> <ins>ships</ins> in Kiel."
    assert word_diff("Kehrwieder 11, 20457 Hamburg") is None
