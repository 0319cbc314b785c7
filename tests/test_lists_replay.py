"""Real page histories with lists, replayed check by check through extract and the item rules.

Captures: ``../shared/corpus/sites_history/`` apple_newsroom (Apple Newsroom, HTML),
netcup_sonderangebote_deals (a hosting company's deals page, HTML) and the two Hetzner news
histories (RSS built from the news page's list). A change must come from a real change of the visible
text: with two sightings needed, a change reported at version k needs the text (tags, scripts
and styles stripped, whitespace collapsed) of version k or k-1 to differ from the one before.
Anything else is a false change, and there must be none.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from selectolax.lexbor import LexborHTMLParser

from monitor.diff import diff
from monitor.itemdiff import next_items
from monitor.models import Category, Change, Fetched, ItemsResult, Outcome, Source, State
from monitor.sources import KINDS

HISTORY = Path(__file__).parent.parent.parent / "shared" / "corpus" / "sites_history"
SERIES = {
    "apple_newsroom": ("website", "https://www.apple.com/newsroom/", "text/html"),
    "netcup_sonderangebote_deals": ("website", "https://www.netcup-sonderangebote.de/", "text/html"),
    "hetzner_news_rss_from_html": ("feed", "https://www.hetzner.com/news", "application/rss+xml"),
    "hetzner_news_rss_from_html_2021": ("feed", "https://www.hetzner.com/news", "application/rss+xml"),
}


def settle(prev: State, res: ItemsResult, now: str = "2026-01-01T00:00:00Z") -> State:
    """The item state the store keeps after recording ``res``."""
    return State(items=next_items(prev.items, res, now), baseline=False)


def visible(body: bytes) -> str:
    """The crude visible text a noise-only version keeps unchanged."""
    tree = LexborHTMLParser(body.decode("utf-8", "replace"))
    tree.strip_tags(["script", "style", "noscript"])
    return " ".join((tree.body.text(separator=" ") if tree.body else "").split())


def replay(name: str) -> list[tuple[str, bool, int, list[Change]]]:
    """(file, visible text changed since the previous version, items found, changes)."""
    kind, url, ctype = SERIES[name]
    folder = HISTORY / name
    source = Source(id=f"x:{kind}:1", company="x", kind=kind, url=url, every=3600.0)
    with (folder / "VERSIONS.tsv").open(encoding="utf-8") as index:
        rows = list(csv.DictReader(index, delimiter="\t"))
    state = State()
    out = []
    last = None
    for row in rows:
        body = (folder / row["file"]).read_bytes()
        text = visible(body.replace(b"<![CDATA[", b"").replace(b"]]>", b""))
        moved, last = text != last, text
        fetched = Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                          headers={"content-type": ctype}, body=body)
        obs = KINDS[kind].extract(fetched, source)
        assert obs.outcome is Outcome.OK, (row["file"], obs.detail)
        result = diff(source, state, (), obs.items, (), now="2026-01-01T00:00:00Z",
                      item_category=KINDS[kind].item_category)
        out.append((row["file"], moved, len(obs.items), list(result.changes)))
        state = settle(state, result.items, "2026-01-01T00:00:00Z")
    return out


@pytest.mark.skipif(not HISTORY.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("name", sorted(SERIES))
def test_noise_only_versions_of_real_lists_make_no_item_change(name: str) -> None:
    runs = replay(name)
    assert all(n > 0 for _, _, n, _ in runs), "every version of these pages lists items"
    noisy = [(f, [c.describe() for c in ch]) for k, (f, moved, _, ch) in enumerate(runs)
             if ch and not moved and not (k and runs[k - 1][1])]
    assert noisy == []


@pytest.mark.skipif(not HISTORY.is_dir(), reason="corpus not present")
def test_deals_page_offers_are_offer_items_with_prices() -> None:
    """netcup_sonderangebote_deals/001: ten deal cards, each an offer with a price in euros."""
    runs = replay("netcup_sonderangebote_deals")
    assert runs[0][2] == 10
    changes = [c for _, _, _, ch in runs for c in ch]
    assert changes and {c.category for c in changes} == {Category.OFFER}


@pytest.mark.skipif(not HISTORY.is_dir(), reason="corpus not present")
def test_newsroom_new_story_is_news_added_not_content() -> None:
    """apple_newsroom: new stories are ``news`` items added, never a change of the page text."""
    changes = [c for _, _, _, ch in replay("apple_newsroom") for c in ch]
    assert any(c.category is Category.NEWS and c.change.value == "added" for c in changes)


CORPUS_EXPECTED = Path(__file__).parent / "data" / "lists" / "corpus_expected.yaml"


@pytest.mark.skipif(not HISTORY.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("capture", sorted(
    YAML(typ="safe").load(CORPUS_EXPECTED.read_text("utf-8"))))
def test_real_capture_items_match_what_a_reader_sees(capture: str) -> None:
    """Titles read from the capture itself; only the documented misses may be absent."""
    case = YAML(typ="safe").load(CORPUS_EXPECTED.read_text("utf-8"))[capture]
    obs = KINDS["website"].extract(Fetched(
        url=case["url"], final_url=case["url"], outcome=Outcome.OK, status=200,
        headers={"content-type": "text/html"}, body=(HISTORY / capture).read_bytes()),
        Source(id="x:website:1", company="x", kind="website", url=case["url"], every=3600.0))
    assert sorted(i.title for i in obs.items) == sorted(
        set(case["titles"]) - set(case.get("known_missed", [])))
    assert {i.category for i in obs.items} == {Category(case["category"])}


@pytest.mark.skipif(not HISTORY.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("name", ["hetzner_news_rss_from_html", "hetzner_news_rss_from_html_2021"])
def test_feed_items_dated_only_in_their_content_get_that_date(name: str) -> None:
    """RSS built from a news page: no <pubDate>, the date is the content's first line
    ("23. August 2023"). Every item of the first capture gets it as its published date."""
    folder = HISTORY / name
    first = sorted(p for p in folder.iterdir() if p.suffix == ".xml")[0]
    _, url, ctype = SERIES[name]
    obs = KINDS["feed"].extract(Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                                        headers={"content-type": ctype}, body=first.read_bytes()),
                                Source(id="x:feed:1", company="x", kind="feed", url=url, every=3600.0))
    assert obs.items and all(i.published_at for i in obs.items)
