"""Rotation learned by slot: a place on the page whose text keeps being replaced is no news.

Unit level through ``diff`` (the differ with its rotation memory), and end to end through a
real HTTP server, the pipeline, the SQLite store, the CLI and Datasette.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from monitor import rotation
from monitor.diff import diff
from monitor.models import Category, Fact, SeenLine, Slot, Source, State
from tests.test_serve import rows, start_serve, stop_serve
from tests.webserver import serve

SRC = Source(id="acme:website:1", company="acme", kind="website", url="https://acme.example/",
             every=86400, confirm=2)
TOP, BOTTOM = "Acme builds boats in Kiel.", "Visit our yard any weekday."


def _day(n: int, hour: int = 9) -> str:
    return f"{date(2026, 1, 1) + timedelta(days=n)}T{hour:02d}:00:00Z"


def _observe(state: State, text: str, now: str) -> tuple[list, State]:
    """One observation of a page whose only fact is its text; (changes, next state)."""
    result = diff(SRC, state, [Fact("text", text)], [], [], now=now, item_category=Category.NEWS)
    return list(result.changes), State(
        facts=result.facts, pending=result.pending, baseline=False,
        lines={**state.lines, **result.lines}, slots={**state.slots, **result.slots})


def _daily(state: State, days: range, middle: list[str]) -> tuple[list[tuple[int, list]], State]:
    """A page checked twice a day whose middle line is ``middle[day]``; the days with changes."""
    found = []
    for day in days:
        for hour in (6, 18):
            changes, state = _observe(state, f"{TOP}\n{middle[day]}\n{BOTTOM}", _day(day, hour))
            if changes:
                found.append((day, changes))
    return found, state


def test_slot_churn_makes_volatile_without_any_text_coming_back() -> None:
    """A daily slogan that never repeats: only its first replacement is news; the slot between
    the two stable lines is volatile from the second replacement on."""
    slogans = [f"Slogan number {n}: sailing on." for n in range(10)]
    found, state = _daily(State(), range(10), slogans)
    assert [day for day, _ in found] == [1]
    assert [(c.old, c.new) for c in found[0][1]] == [(slogans[0], slogans[1])]
    hot = [s for s in state.slots.values() if s.volatile]
    assert [(s.before, s.after) for s in hot] == [(TOP, BOTTOM)] and hot[0].changes == 9


def test_a_per_visit_block_of_two_lines_is_learned_by_its_place() -> None:
    """A quote and its author, a new pair on every visit, never the same twice: after the
    second replacement nothing in that place is a change."""
    state, found = State(), []
    for visit in range(12):
        text = f"{TOP}\nQuote {visit}: they were great.\nCustomer {visit}, Boatyard {visit}\n{BOTTOM}"
        changes, state = _observe(state, text, _day(visit // 2, 6 + 12 * (visit % 2)))
        found += changes
    assert found == []


def test_one_off_change_of_a_slot_is_still_reported_once() -> None:
    """A stable paragraph rewritten once is news, on its second sighting, and only once."""
    state = State()
    found, state = _daily(state, range(20), ["We ship worldwide."] * 8 + ["We ship to Europe."] * 12)
    assert [(day, [(c.old, c.new) for c in changes]) for day, changes in found] == [
        (8, [("We ship worldwide.", "We ship to Europe.")])]
    assert not any(s.volatile for s in state.slots.values())


def test_a_real_change_beside_a_rotating_slot_is_found() -> None:
    """Two slots: one rotates daily, the other is edited once; the edit is found."""
    state, found = State(), []
    for day in range(12):
        mission = "Our mission: clean seas." if day < 9 else "Our mission: clean seas and rivers."
        text = f"{TOP}\nOffer of day {day}\n{BOTTOM}\n{mission}\nContact us."
        for hour in (6, 18):
            changes, state = _observe(state, text, _day(day, hour))
            found += [(day, c.new) for c in changes]
    assert found == [(1, "Offer of day 1"), (9, "Our mission: clean seas and rivers.")]


def test_a_volatile_slot_that_stays_still_decays_and_its_next_change_is_news() -> None:
    """A slot that rotated, then stood still for longer than ``STILL``, is trusted again."""
    still = rotation.STILL.days
    days = range(5 + still + 3)
    middle = [f"Offer {n}" for n in range(5)] + ["Offer 4"] * (still + 1) + ["Brand new offer"] * 2
    found, _ = _daily(State(), days, middle)
    assert [day for day, _ in found] == [1, 5 + still + 1]
    assert found[-1][1][0].new == "Brand new offer"


def test_lines_added_to_a_volatile_slot_are_rotation_but_not_elsewhere() -> None:
    """Once a slot rotates, an extra line appearing in it is rotation; a line added between
    two stable lines where nothing rotates is news."""
    state = State()
    _, state = _daily(state, range(4), [f"Offer {n}" for n in range(4)])
    found, state = _daily(state, range(4, 6), [""] * 4 + ["Offer 4\nAnd a bonus offer"] * 2)
    assert found == []
    text = f"{TOP}\nOffer 5\n{BOTTOM}\nA new line at the end."
    first, state = _observe(state, text, _day(7))
    second, state = _observe(state, text, _day(7, 18))
    assert first == [] and [c.new for c in second] == ["A new line at the end."]


def test_lines_keep_their_positions_and_slots_are_bounded() -> None:
    """Each stored line knows its place (that is what aligns two checks); a source keeps at
    most ``MAX_SLOTS`` slots, however many places change."""
    lessons = rotation.learn({}, ["a", "b", "c"], _day(0))
    assert [lessons.lines[rotation.key(x)].position for x in "abc"] == [0, 1, 2]
    seen = {rotation.key(f"s{n}"): SeenLine(f"s{n}", position=n) for n in range(3000)}
    now = [f"s{n}" if n % 2 == 0 else f"t{n}" for n in range(3000)]
    full = {f"k{n}": Slot("x", "y") for n in range(rotation.MAX_SLOTS)}
    assert rotation.learn(seen, now, _day(1), full).slots == {}


# --- end to end ---------------------------------------------------------------------------


def test_slot_rotation_is_stored_shown_served_and_resettable_end_to_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, monitor_cli: Callable[..., str]) -> None:
    """Through the real server, pipeline, store and CLI: a teaser whose texts never repeat is
    news once, then its slot is volatile; ``show`` and Datasette list the slot, and
    ``--reset-rotation`` forgets it, so the next new teaser is news again."""
    run = monitor_cli

    def teaser(n: int) -> bytes:
        return (f"<!doctype html><html lang=en><head><title>Acme</title></head><body><main>"
                f"<h1>Acme builds boats in Kiel.</h1><a href='/story/{n}'><h3>Story {n}: a new "
                f"hull</h3><p>Read how team {n} built it.</p></a><p>Visit our yard any weekday."
                f"</p></main></body></html>").encode()

    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        settle: 0\n")
        reported = []
        for n in range(6):
            site.set("/", teaser(n))
            for _ in range(2):
                reported.append((n, run("check").count("text: ")))
        assert [n for n, count in reported if count] == [1], reported
        shown = run("show", "acme")
        assert "Rotating slots" in shown and "Acme builds boats in Kiel." in shown
        assert "Story 5: a new hull" in shown  # the slot's texts are listed as rotating

        proc, url = start_serve(tmp_path / "monitor.db")
        try:
            with httpx.Client(base_url=url, timeout=30) as client:
                slots = rows(client, "/monitor/text_slots.json", volatile="1")
        finally:
            stop_serve(proc)
        assert [(s["before"], s["after"]) for s in slots] == [
            ("Acme builds boats in Kiel.", "Visit our yard any weekday.")]

        assert "and 1 rotating slot(s) of acme" in run("show", "acme", "--reset-rotation")
        assert "Rotating slots" not in run("show", "acme")
        site.set("/", teaser(6))
        run("check")
        assert "Story 6" in run("check")  # news again after the reset


def test_a_page_rewritten_twice_is_a_redesign_not_a_rotating_slot() -> None:
    """Most of the page replaced, twice in a few days: both rewrites are news, and nothing
    is learned to rotate, so a later one-line edit is news too."""
    versions = ["One.\nTwo.\nThree.", "Uno.\nDos.\nTres.", "Eins.\nZwei.\nDrei.", "Eins.\nZwei.\nVier."]
    state, found = State(), []
    for day, text in enumerate(versions):
        for hour in (6, 18):
            changes, state = _observe(state, f"{TOP}\n{text}", _day(day, hour))
            found += [day for _ in changes]
    assert found == [1, 2, 3] and not any(s.volatile for s in state.slots.values())


@pytest.mark.parametrize("between", ["", "Open since 1990.\n", "Tip {n} of our week.\n"])
def test_an_edit_next_to_a_rotating_block_is_found_and_the_block_stays_rotation(between: str) -> None:
    """A tagline right above a daily offer, or one line above it (a stable line, or a weekly
    tip) is edited once: the edit is news, and the offers after it are still rotation."""
    state, found = State(), []
    for day in range(12):
        tagline = "Boats for every sea." if day < 6 else "Boats and ships for every sea."
        text = f"{TOP}\n{tagline}\n{between.format(n=day // 3)}Offer of day {day}\n{BOTTOM}"
        for hour in (6, 18):
            changes, state = _observe(state, text, _day(day, hour))
            found += [(day, c.new) for c in changes]
    first_tip = [3] if "Tip" in between else []  # the tip's own first replacement
    assert [day for day, _ in found] == sorted([1, 6, *first_tip]), found
    assert "Boats and ships for every sea." in dict(found)[6]


def test_a_rotation_that_stopped_beside_one_that_goes_on_finds_its_real_change() -> None:
    """A banner rotated daily next to a daily offer, then stood still for longer than
    ``STILL`` while the offer went on: the banner's later real change is news."""
    still = rotation.STILL.days
    change = 5 + still + 4
    state, found = State(), []
    for day in range(change + 3):
        banner = f"Banner {min(day, 5) % 4}" if day < change else "A brand new banner"
        text = f"{TOP}\n{banner}\nOffer of day {day}\n{BOTTOM}"
        for hour in (6, 18):
            changes, state = _observe(state, text, _day(day, hour))
            found += [(day, c.new) for c in changes]
    assert [day for day, _ in found if day > 1] == [change], found
    assert "A brand new banner" in dict(found)[change]


def test_a_fact_read_from_a_rotating_line_rotates_with_it() -> None:
    """A testimonial's author line ("Ann Berg, CTO, Berg Marine AB") read as the firm's legal
    name on the days it is shown: no identity change when it comes or goes, while the legal
    name of a stable line still changes when it is edited."""
    authors = [f"Quote {n}: great boats, says client {n} of Firm {n} AB" for n in range(4)]
    footer = "Acme Boats AB"
    state, found = State(), []
    for day in range(12):
        middle = authors[day % 4]
        legal = middle if day % 4 == 2 else footer
        if day >= 10:
            legal = footer = "Acme Yachts AB"  # a real rename, from a stable line
        for hour in (6, 18):
            text = f"{TOP}\n{middle}\n{BOTTOM}\n{footer}"
            result = diff(SRC, state, [Fact("text", text), Fact("legal_name", legal, None, legal)],
                          [], [], now=_day(day, hour), item_category=Category.NEWS)
            found += [(day, c.field, c.new) for c in result.changes if c.field == "legal_name"]
            state = State(facts=result.facts, pending=result.pending, baseline=False,
                          lines={**state.lines, **result.lines}, slots={**state.slots, **result.slots})
    assert found == [(10, "legal_name", "Acme Yachts AB")]


def test_a_prose_change_is_known_as_rotation_once_its_lines_rotate() -> None:
    """A weekly motto is reported like an edit at its first replacement; once its slot has
    rotated, that change's sentences all belong to rotating lines: it was rotation. An edit
    of a stable line never is."""
    mottos = [f"Motto of week {n}: steady as she goes." for n in range(4)]
    state, found = State(), []
    for day in range(22):
        for hour in (6, 18):
            changes, state = _observe(state, f"{TOP}\n{mottos[day // 7]}\n{BOTTOM}", _day(day, hour))
            found += changes
    assert [(c.old, c.new) for c in found] == [(mottos[0], mottos[1])]
    texts = rotation.rotating_texts(state.lines, state.slots, _day(21, 18))
    assert rotation.was_rotation(found[0].old, found[0].new, texts)
    assert not rotation.was_rotation(TOP, "Acme builds yachts in Kiel.", texts)
    assert not rotation.was_rotation(mottos[2], mottos[3], texts)  # shown now: it may be an edit
    assert not rotation.was_rotation(None, None, texts)


def test_a_change_found_to_be_rotation_is_shown_as_rotation_end_to_end(
        tmp_path: Path, monitor_cli: Callable[..., str]) -> None:
    """Through the real server, pipeline, store and CLI: a teaser's first replacement is
    reported; when its slot rotates, the stored change is marked, and ``history`` shows it as
    rotation (Datasette has ``rotation_at``); an edit of a stable line stays a change."""
    run = monitor_cli

    def page(n: int, top: str = "Acme builds boats in Kiel.") -> bytes:
        return (f"<!doctype html><html lang=en><head><title>Acme</title></head><body><main>"
                f"<h1>{top}</h1><p>Teaser {n}: how team {n} built a hull.</p>"
                f"<p>Visit our yard any weekday.</p></main></body></html>").encode()

    with serve() as (site, base):
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: acme\n    name: Acme\n    sources:\n"
            f"      - kind: website\n        url: {base}/\n        settle: 0\n")
        site.set("/", page(0))
        run("check")
        site.set("/", page(1))
        run("check")
        run("check")
        assert "(rotation)" not in run("history", "acme")  # reported like an edit, for now
        site.set("/", page(2))
        run("check")
        run("check")
        site.set("/", page(2, "Acme builds yachts in Kiel."))
        run("check")
        run("check")
        shown = run("history", "acme")
    lines = [line for line in shown.splitlines() if "content" in line]
    assert len(lines) == 2, shown
    assert "content (rotation)" in lines[1] and "Teaser" in lines[1]  # the older one
    assert "rotation" not in lines[0] and "yachts" in lines[0]
