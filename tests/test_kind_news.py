"""The news kind: Google News RSS (real capture), GDELT, merging, and provider failures."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from monitor.extract.gdelt import gdelt_query
from monitor.extract.gnews import decode_link, split_title
from monitor.models import Outcome
from monitor.sources import KINDS
from monitor.sources.news import google_url
from tests.test_kind_support import DATA, changes, corpus, fetched, run_checks, source, status
from tests.webserver import serve

NEWS = KINDS["news"]
TOP = "feeds/google_news/gnews_top_ja-JP_2024-02-06T091926.xml"  # real Top stories, ja-JP, 2024-02-06
GOOGLE_ONLY = source("news", "https://news.google.com/rss?hl=ja&gl=JP&ceid=JP:ja", providers=["google"])


def top_items() -> dict[str, object]:
    obs = NEWS.extract(fetched(GOOGLE_ONLY.url, corpus(TOP), "application/xml"), GOOGLE_ONLY)
    assert obs.outcome is Outcome.OK
    return {i.title: i for i in obs.items}


def test_google_top_stories_publisher_split_and_clusters() -> None:
    # shared/corpus/feeds/google_news/gnews_top_ja-JP_2024-02-06T091926.xml: 30 clustered items
    items = top_items()
    assert len(items) == 30
    nhk = items["雪の交通影響 首都高・東名など通行止め JR運転見合わせも | NHK"]  # " | NHK" is headline, "- nhk.or.jp" is not
    assert nhk.publisher == "nhk.or.jp"  # type: ignore[attr-defined]
    assert nhk.url == "https://www3.nhk.or.jp/news/html/20240206/k10014348641000.html"  # type: ignore[attr-defined]
    assert nhk.published_at == "2024-02-05T22:42:53Z"  # type: ignore[attr-defined]
    assert len(nhk.links) == 4 and "https://news.yahoo.co.jp/pickup/6490675" in nhk.links  # type: ignore[attr-defined]
    gallery = next(t for t in items if t.startswith("【ギャラリー】ウイリアムズF1"))
    assert gallery.endswith("カラーリング - autosport web")  # inner " - " kept, only "- オートスポーツweb" split
    video = next(i for i in items.values() if i.publisher == "北海道ニュースUHB")  # type: ignore[attr-defined]
    assert video.url == "https://www.youtube.com/watch?v=xMfzgWrnCFQ"  # type: ignore[attr-defined]
    assert all(not str(t).endswith(" - 朝日新聞デジタル") for t in items)


def test_split_title_uses_the_source_name_not_the_last_dash() -> None:
    assert split_title("A - B - C - Publisher", "Publisher") == "A - B - C"
    assert split_title("Headline - with dash", "Other") == "Headline - with dash"


def test_decode_link_old_and_new_tokens() -> None:
    old = "https://news.google.com/rss/articles/CBMiN2h0dHBzOi8vd3d3LmFzYWhpLmNvbS9hcnRpY2xlcy9BU1MyNTZIR1ZTMjRVVElMMDBYLmh0bWzSAQA?oc=5"
    assert decode_link(old) == "https://www.asahi.com/articles/ASS256HGVS24UTIL00X.html"
    assert decode_link("https://news.google.com/rss/articles/CBMiNEFVX3lxTE96V3EzaDZKeDhzSzJwUW01bjBUY1YxYlI3eUU0dUk5b0EyZEY2Z0gzaks4bFo?oc=5") is None
    assert decode_link("https://news.google.com/rss/articles/!!!?oc=5") is None


def test_queries_for_both_providers() -> None:
    url = google_url("https://news.google.com", ["ispace", "ispace inc"], ["brasil"], "en", "US")
    q = parse_qs(urlsplit(url).query)
    assert q["q"] == ['"ispace" OR "ispace inc" -"brasil"'] and q["ceid"] == ["US:en"]
    assert gdelt_query(["ispace"], [], "en") == '"ispace" sourcelang:english'
    assert gdelt_query(["a b", "c"], ["d"], None) == '("a b" OR "c") -"d"'


def serve_news(site: object, gdelt: bytes | None = None, gdelt_status: int = 200, google_status: int = 200,
               headers: dict[str, str] | None = None) -> None:
    site.set("/rss/search", (DATA / "google_news_search_tcs.xml").read_bytes(), status=google_status,  # type: ignore[attr-defined]
             content_type="application/rss+xml; charset=utf-8", validators=False)
    site.set("/api/v2/doc/doc", gdelt or (DATA / "gdelt_artlist_tcs.json").read_bytes(), status=gdelt_status,  # type: ignore[attr-defined]
             content_type="application/json", headers=headers or {}, validators=False)


def tcs(base: str, **options: object) -> object:
    return source("news", f"{base}/rss/search?q=TCS", confirm=1, query=["TCS"],
                  gdelt_url=f"{base}/api/v2/doc/doc", **options)


async def test_two_providers_merge_then_new_story_then_failures(tmp_path: Path) -> None:
    more = (DATA / "gdelt_artlist_tcs.json").read_text().replace(
        '"articles": [', '"articles": [ {"url": "https://www.reuters.com/tcs-wins", "title": '
        '"TCS wins contract from Nordic bank", "seendate": "20260906T080000Z", "domain": "reuters.com"},')
    with serve() as (site, base):
        src = tcs(base)
        steps = [lambda: serve_news(site), lambda: None, lambda: serve_news(site, more.encode()),
                 lambda: serve_news(site, (DATA / "gdelt_limit.txt").read_bytes(), 429, headers={"Retry-After": "5"}),
                 lambda: serve_news(site, google_status=503)]
        db, results = await run_checks(tmp_path / "m.db", src, steps)  # type: ignore[arg-type]
    urls = NEWS.urls(src)  # type: ignore[attr-defined, arg-type]
    assert parse_qs(urlsplit(urls["google"]).query)["q"] == ['"TCS"']
    assert parse_qs(urlsplit(urls["gdelt"]).query)["query"] == ['"TCS" sourcelang:english']
    assert [r.outcome for r in results] == [Outcome.OK, Outcome.UNCHANGED, Outcome.OK, Outcome.ERROR, Outcome.ERROR]
    rows = {r[0]: r for r in db.execute("SELECT title, publisher, url, links FROM items WHERE source = ?",
                                        [src.id])}  # type: ignore[attr-defined]
    assert sorted(rows) == sorted(["Kinshuk Gupta departs from TCS as Chief Communications Officer",
                      "TCS and Lockheed Martin",
                      "TCS arm HyperVault to invest ₹70,000 crore in 1 GW AI data centre campus in Hyderabad",
                      "TCS bags multi-year deal from UK insurer",
                      "TCS Q1 results: Citi, HSBC flag integration risks, falling margins",  # cut title completed
                      "TCS wins contract from Nordic bank"])
    hypervault = rows["TCS arm HyperVault to invest ₹70,000 crore in 1 GW AI data centre campus in Hyderabad"]
    assert hypervault[1] == "ET Manufacturing" and "thehindubusinessline.com" in hypervault[3]
    assert changes(db) == [("news", "added", None, "TCS wins contract from Nordic bank")]
    assert status(db, src.id) == "error"  # type: ignore[attr-defined]


async def test_exclusions_and_google_only(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = tcs(base, exclude=["Lockheed"], providers=["google"])
        db, results = await run_checks(tmp_path / "m.db", src, [lambda: serve_news(site)])  # type: ignore[arg-type]
        assert site.hits("/api/v2/doc/doc") == []
    assert results[0].outcome is Outcome.OK
    titles = [r[0] for r in db.execute("SELECT title FROM items")]
    assert len(titles) == 3 and not any("Lockheed" in t for t in titles)


def test_html_instead_of_rss_is_a_failed_extraction() -> None:
    obs = NEWS.extract(fetched(GOOGLE_ONLY.url, b"<html><body>Before you continue to Google</body></html>"), GOOGLE_ONLY)
    assert obs.outcome is Outcome.EXTRACTION_FAILED and obs.empty
    consent = fetched(GOOGLE_ONLY.url, b"<html></html>", final_url="https://consent.google.com/ml?continue=x")
    assert NEWS.extract(consent, GOOGLE_ONLY).outcome is Outcome.BLOCKED
