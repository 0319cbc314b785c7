"""The native-feed kinds: youtube, bluesky, mastodon (real pages and feeds, local servers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.models import Outcome
from monitor.sources import KINDS
from monitor.sources._feeds import feed_links_in
from tests.test_kind_support import DATA, changes, corpus, fetched, run_checks, source, status
from tests.webserver import serve

YOUTUBE, BLUESKY, MASTODON = KINDS["youtube"], KINDS["bluesky"], KINDS["mastodon"]
YT_FEED = "feeds/feed-rs/atom_mediarss_youtube_1.xml"  # real channel feed, trimmed to one entry


@pytest.mark.parametrize(("path", "feed"), [
    ("social/youtube/channel.html", "https://www.youtube.com/feeds/videos.xml?channel_id=UCzcRQ3vRNr6fJ1A9rqFn7QA"),
    ("social/youtube/channel_TheVolvoRocks_rsparser.html",
     "https://www.youtube.com/feeds/videos.xml?channel_id=UCct7QF2jcWRY6dhXWMSq9LQ"),
    ("social/bluesky/profile.html", "https://bsky.app/profile/did:plc:h7obn4tkp47wn7gqh4oe5eij/rss"),
])
def test_profile_pages_declare_their_feed(path: str, feed: str) -> None:
    # shared/corpus/<path>: the <link rel=alternate type=application/rss+xml> of a real page
    assert [u for u, _ in feed_links_in(corpus(path), "https://example.invalid/")] == [feed]


def test_feed_urls_derived_without_a_request() -> None:
    assert YOUTUBE.feed_url("https://www.youtube.com/channel/UCxbT_MqJPKWRTP3dbs0jSLw") == (  # type: ignore[attr-defined]
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCxbT_MqJPKWRTP3dbs0jSLw")
    assert YOUTUBE.feed_url("https://www.youtube.com/@pbsspacetime") is None  # type: ignore[attr-defined]
    assert MASTODON.feed_url("https://mastodon.social/@Mastodon") == "https://mastodon.social/@Mastodon.rss"  # type: ignore[attr-defined]
    assert BLUESKY.feed_url("https://bsky.app/profile/did:plc:abc") == "https://bsky.app/profile/did:plc:abc/rss"  # type: ignore[attr-defined]
    assert BLUESKY.feed_url("https://bsky.app/profile/stephenking.bsky.social") is None  # type: ignore[attr-defined]


def test_youtube_feed_video_items() -> None:
    # shared/corpus/feeds/feed-rs/atom_mediarss_youtube_1.xml
    src = source("youtube", "https://www.youtube.com/channel/UC7_gcs09iThXybpVgjHZ_7g")
    obs = YOUTUBE.extract(fetched(src.url, corpus(YT_FEED), "application/atom+xml"), src)
    assert obs.outcome is Outcome.OK
    assert [(f.field, f.value) for f in obs.facts] == [("display_name", "PBS Space Time")]
    (video,) = obs.items
    assert (video.key, video.kind, video.title) == ("yt:video:0A1ouV7iD8o", "video", "Navigating with Quantum Entanglement")
    assert video.url == "https://www.youtube.com/watch?v=0A1ouV7iD8o"
    assert video.published_at == "2020-12-22T19:15:01Z"
    assert video.publisher == "PBS Space Time"


def test_page_without_feed_and_consent_wall() -> None:
    src = source("youtube", "https://www.youtube.com/@x")
    page = YOUTUBE.extract(fetched(src.url, corpus("social/twitter_x/x_profile-og_2025-12-23.html")), src)
    assert page.outcome is Outcome.EXTRACTION_FAILED and page.empty
    consent = fetched(src.url, b"<html><title>Before you continue</title></html>",
                      final_url="https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F%40x")
    assert YOUTUBE.extract(consent, src).outcome is Outcome.BLOCKED


async def test_youtube_channel_then_rate_limited(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = source("youtube", f"{base}/channel/UC7_gcs09iThXybpVgjHZ_7g", confirm=1)
        steps = [lambda: site.set("/feeds/videos.xml", corpus(YT_FEED), content_type="application/atom+xml"),
                 lambda: site.set("/feeds/videos.xml", b"", status=429, headers={"Retry-After": "30"}),
                 lambda: None]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert [r.outcome for r in results] == [Outcome.OK, Outcome.ERROR, Outcome.ERROR]
    assert db.execute("SELECT key FROM items").fetchall() == [("yt:video:0A1ouV7iD8o",)]
    assert changes(db) == [] and status(db, src.id) == "error"


async def test_bluesky_handle_through_its_page(tmp_path: Path) -> None:
    with serve() as (site, base):
        # the real profile page, its absolute bsky.app links pointed at the local server
        page = corpus("social/bluesky/profile.html").replace(b"https://bsky.app", base.encode())
        src = source("bluesky", f"{base}/profile/stephenking.bsky.social")
        steps = [lambda: (site.set("/profile/stephenking.bsky.social", page),
                          site.set("/profile/did:plc:h7obn4tkp47wn7gqh4oe5eij/rss",
                                   (DATA / "bluesky_user.rss").read_bytes(), content_type="application/rss+xml"))]
        db, results = await run_checks(tmp_path / "m.db", src, steps)  # type: ignore[arg-type]
        assert len(site.hits("/profile/did:plc:h7obn4tkp47wn7gqh4oe5eij/rss")) == 1
    assert results[0].outcome is Outcome.OK
    keys = sorted(r[0] for r in db.execute("SELECT key FROM items"))
    assert keys == ["at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lajicqcwgk2e",
                    "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lb2dvsbtbc2x"]


async def test_mastodon_posts_without_titles(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = source("mastodon", f"{base}/@Mastodon")
        steps = [lambda: site.set("/@Mastodon.rss", (DATA / "mastodon_user.rss").read_bytes(),
                                  content_type="application/rss+xml")]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert results[0].outcome is Outcome.OK
    titles = sorted(r[0] for r in db.execute("SELECT title FROM items"))
    # untitled posts are titled by the start of their text (the shared feed reader's rule)
    assert titles[0].startswith("Mastodon 4.3 is out! Better onboarding, notification groups")
    assert titles[1] == "We are hiring a product designer. Apply via our jobs page."
