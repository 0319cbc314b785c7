"""Real page histories from the corpus, replayed through the whole pipeline on 127.0.0.1.

Changes must appear exactly where the company's facts really changed (written down in
tests/data/replay_expected.yaml after reading the captures), and never on markup-only or
noise-only versions.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from monitor.models import Category, ChangeKind
from tests.replay import replay

EXPECTED = YAML(typ="safe").load(Path(__file__).with_name("data").joinpath("replay_expected.yaml"))


@pytest.mark.parametrize("series", ["finya_de_imprint", "adopteunmec_imprint"])
def test_imprint_history_changes_only_where_facts_changed(series: str) -> None:
    """sites_history/<series>: every fact change is one written down, and nothing else."""
    spec = EXPECTED[series]
    found = replay(series, kind=spec["kind"])
    facts = {v.file: sorted(c.describe() for c in v.changes if c.category is not Category.CONTENT)
             for v in found}
    assert {f: d for f, d in facts.items() if d} == {f: sorted(d) for f, d in spec["facts"].items()}
    content = [v.file for v in found if any(c.category is Category.CONTENT for c in v.changes)]
    assert content == spec["content"]
    assert all(v.outcome in ("ok", "unchanged", "not_modified") for v in found)


def test_people_of_imprints_never_change() -> None:
    """The same managing directors stand in all 49 finya captures."""
    found = replay("finya_de_imprint", limit=20)
    assert not [c for v in found for c in v.changes if c.category is Category.LEADERSHIP]


def test_newsroom_rotation_is_content_only_on_text_versions() -> None:
    """sites_history/apple_newsroom: rotating tiles and hashed classes are not changes."""
    found = replay("apple_newsroom")
    changed = [v for v in found if v.changes]
    assert changed, "real new stories must show up"
    assert all(c.category in (Category.CONTENT, Category.NEWS) for v in changed for c in v.changes)
    assert any(c.category is Category.NEWS for v in changed for c in v.changes)  # stories are items
    assert all(v.hint == "text-changed" for v in changed)
    assert all(c.new or c.old for v in changed for c in v.changes)


@pytest.mark.parametrize("series", ["hetzner_news_rss_from_html", "hetzner_news_rss_from_html_2021"])
def test_feed_history_adds_each_story_once_and_removes_none(series: str) -> None:
    """sites_history/hetzner_*: items that flap or roll off are never 'removed', none twice."""
    found = replay(series, kind="feed")
    changes = [c for v in found for c in v.changes]
    assert changes and all(c.category is Category.NEWS for c in changes)
    assert all(c.change is not ChangeKind.REMOVED for c in changes)  # a retitle is "modified"
    keys = Counter((c.key or "").rstrip("/") for c in changes if c.change is ChangeKind.ADDED)
    assert [k for k, n in keys.items() if n > 1] == []
    assert all(v.hint == "text-changed" for v in found if v.changes)
