"""The feed kind over every real feed in the corpus, and over hostile feeds (D3–D13)."""

from __future__ import annotations

import builtins
import re
from pathlib import Path
from typing import Any

import pytest

from monitor.extract.feed import NotAFeed, parse_xml, to_items
from monitor.extract.feed_fallback import parse_json, parse_loose
from monitor.models import Fetched, Observation, Outcome, Source
from monitor.sources.feed import Feed, read_entries
from tests.conftest import CORPUS

FEEDS = sorted(
    p
    for p in (CORPUS / "feeds").rglob("*")
    if p.is_file() and p.suffix in (".xml", ".rss", ".atom", ".rdf", ".json")
)
HISTORY_FEEDS = sorted((CORPUS / "sites_history").glob("hetzner_news_rss_from_html*/*.xml"))
ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
SOURCE = Source(id="feed", company="acme", kind="feed", url="https://acme.example/feed", every=3600)


def extract(body: bytes, source: Source = SOURCE, content_type: str = "") -> Observation:
    """Run the feed kind on a body as the pipeline would after a 200."""
    headers = {"content-type": content_type} if content_type else {}
    fetched = Fetched(
        url=source.url,
        final_url=source.url,
        outcome=Outcome.OK,
        status=200,
        headers=headers,
        body=body,
    )
    return Feed().extract(fetched, source)


def _rss(items: str, head: str = "") -> bytes:
    return f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


@pytest.mark.parametrize("path", FEEDS + HISTORY_FEEDS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_feed_parses_to_stable_items(path: Path) -> None:
    """≥1 item, unique non-empty keys, capped text-only fields, ISO UTC dates, same twice."""
    body = path.read_bytes()
    first, second = extract(body), extract(body)
    assert first.outcome is Outcome.OK, first.detail
    assert first == second
    keys = [i.key for i in first.items]
    assert keys and all(keys) and len(set(keys)) == len(keys)
    assert keys == sorted(keys)  # reordering entries can never reorder items
    for item in first.items:
        assert len(item.title) <= 500 and len(item.summary) <= 2000
        assert not re.search(r"<(?:p|a|div|img|br)\b", item.summary), item.summary[:200]
        assert item.published_at is None or ISO_UTC.fullmatch(item.published_at)


@pytest.mark.parametrize("path", [p for p in FEEDS if p.suffix != ".json"], ids=lambda p: p.name)
def test_lean_path_agrees_with_feedparser(path: Path) -> None:
    """The lxml walk and feedparser read the same keys, titles and dates from real feeds."""
    lean = to_items(parse_xml(path.read_bytes()), None)
    loose = to_items(parse_loose(path.read_bytes())[0], None)
    assert [(i.key, i.title, i.published_at) for i in lean] == [
        (i.key, i.title, i.published_at) for i in loose
    ]


def test_reordered_entries_give_the_same_items() -> None:
    """Order is never a change: the same entries shuffled give identical items."""
    one = "<item><guid>a</guid><title>A</title></item>"
    two = "<item><guid>b</guid><title>B</title></item>"
    assert extract(_rss(one + two)).items == extract(_rss(two + one)).items


def test_identity_falls_back_from_guid_to_link_to_hash() -> None:
    """GUID, else the canonical link (tracking dropped), else a hash of title and date."""
    items = extract(
        _rss(
            "<item><guid>g-1</guid><title>G</title><link>https://acme.example/g</link></item>"
            "<item><title>L</title><link>https://ACME.example/l?utm_source=x#top</link></item>"
            "<item><title>H</title><pubDate>Mon, 05 Feb 2024 19:00:00 GMT</pubDate></item>"
        )
    ).items
    by_title = {i.title: i for i in items}
    assert by_title["G"].key == "g-1"
    assert by_title["L"].key == "https://acme.example/l"
    assert (
        by_title["H"].key.startswith("xxh:")
        and by_title["H"].published_at == "2024-02-05T19:00:00Z"
    )


def test_duplicate_guids_collapse_to_the_first() -> None:
    """D10: a feed repeating a GUID yields one item."""
    items = extract(
        _rss(
            "<item><guid>x</guid><title>one</title></item><item><guid>x</guid><title>two</title></item>"
        )
    ).items
    assert [(i.key, i.title) for i in items] == [("x", "one")]


def test_summaries_are_text_and_dates_are_utc() -> None:
    """HTML in descriptions is stripped, entities decoded; offsets are converted to UTC."""
    body = _rss(
        "<item><guid>1</guid><title>T &amp;amp; C</title><pubDate>Tue, 06 Feb 2024 09:00:00 +0900</pubDate>"
        "<description>&lt;p&gt;Hello&amp;nbsp;&lt;b&gt;world&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description></item>"
    )
    (item,) = extract(body).items
    assert item.summary == "Hello world"
    assert item.title == "T & C"
    assert item.published_at == "2024-02-06T00:00:00Z"


def test_ignore_option_drops_matching_titles() -> None:
    """``ignore`` regexes apply to titles."""
    source = Source(
        id="f",
        company="acme",
        kind="feed",
        url=SOURCE.url,
        every=3600,
        options={"ignore": ["^Sponsored"]},
    )
    items = extract(
        _rss(
            "<item><guid>1</guid><title>Sponsored: buy</title></item><item><guid>2</guid><title>News</title></item>"
        ),
        source,
    ).items
    assert [i.title for i in items] == ["News"]


@pytest.mark.timeout(60)  # hang guard: 10**9 expansions never end
def test_billion_laughs_is_neither_expanded_nor_slow() -> None:
    """D7: entity declarations are cut before parsing: nothing is expanded, nothing hangs."""
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    head = f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
    body = _rss("<item><guid>1</guid><title>&lol9;</title></item>", head)
    obs = extract(body)
    assert all(len(i.title) < 100 for i in obs.items)


def test_external_entities_are_never_resolved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """D8: a SYSTEM entity pointing at a local file is not read, on either parser path."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    head = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    obs = extract(_rss("<item><guid>1</guid><title>a &xxe; b</title></item>", head))
    assert "TOP-SECRET" not in repr(obs)
    assert str(secret) not in opened


def test_a_body_that_names_a_file_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """feedparser opens str/bytes that look like paths; we only ever hand it a stream."""
    opened: list[str] = []
    real_open = builtins.open
    monkeypatch.setattr(
        builtins, "open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k)
    )
    obs = extract(b"/etc/hostname")
    assert obs.outcome is Outcome.EXTRACTION_FAILED
    assert not any("hostname" in name for name in opened)


@pytest.mark.timeout(60)  # hang guard: the uncut field costs minutes
def test_author_email_redos_input_is_cut_short() -> None:
    """D9: feedparser's quadratic author regex never sees a 128 KB author field."""
    author = "a@" + "a." * 64000 + "!"  # 16x the seconds feedparser spends on 32 KB
    body = _rss(
        f"<item><guid>1</guid><title>t</title><author>{author}</author><bad></item>"
    )  # ill-formed
    obs = extract(body)
    assert obs.outcome is Outcome.OK


def test_ill_formed_feed_falls_back_to_feedparser() -> None:
    """D12: an unclosed tag breaks lxml; feedparser's loose parser still reads the items."""
    body = _rss(
        "<item><guid>1</guid><title>Fine</title><description>unclosed <b>bold</description></item>"
    )
    with pytest.raises(NotAFeed):
        parse_xml(body)
    assert [i.title for i in extract(body).items] == ["Fine"]


def test_utf16_feed_with_bom_is_read() -> None:
    """D3: UTF-16 input is re-encoded before the (byte-level) DOCTYPE strip and the parse."""
    text = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><item><guid>1</guid><title>Grüße</title></item></channel></rss>'
    obs = extract(b"\xff\xfe" + text.encode("utf-16-le"))
    assert [i.title for i in obs.items] == ["Grüße"]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"", "empty body"),
        (b"<!DOCTYPE html><html><body>Not a feed</body></html>", "expected a feed, got HTML"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', "without an items list"),
        (b'{"hello": "world"}', "not a JSON Feed"),
        (_rss(""), "feed has no entries"),
        (b"<html-ish>garbage", "not a feed"),
    ],
    ids=["empty", "html", "jsonfeed-no-items", "other-json", "no-entries", "garbage"],
)
def test_wrong_or_empty_bodies_fail_extraction(body: bytes, detail: str) -> None:
    """D13: never "every item removed" — a status with a reason instead."""
    obs = extract(body)
    assert obs.outcome is Outcome.EXTRACTION_FAILED
    assert detail in (obs.detail or "")


def test_json_feed_items() -> None:
    """JSON Feed 1.1: id, url, title, content_text, date_published."""
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": 7, "url": "https://a.example/p",'
        b' "title": "Post", "content_html": "<p>Body</p>", "date_published": "2024-01-02T03:04:05+01:00"}]}'
    )
    (item,) = to_items(parse_json(body), None)
    assert (item.key, item.title, item.summary, item.published_at) == (
        "7",
        "Post",
        "Body",
        "2024-01-02T02:04:05Z",
    )


def test_read_entries_dispatches_on_the_body() -> None:
    """JSON → JSON Feed reader; XML → lxml; neither → NotAFeed."""
    assert read_entries(b'{"version": "https://jsonfeed.org/version/1", "items": []}') == []
    assert len(read_entries(_rss("<item><guid>1</guid></item>"))) == 1
    with pytest.raises(NotAFeed):
        read_entries(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")
