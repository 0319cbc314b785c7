"""Discovery on local copies of real homepages (shared/corpus/pages/...) served on 127.0.0.1.

The expected feeds and accounts below were written down by reading each page: the feeds its
<link rel=alternate> declares (comment feeds left out), and the social accounts that belong to
the site (header, footer, sidebar, rel=me, JSON-LD sameAs), not the people its posts cite.
Feeds on other hosts cannot be reached from the test (the resolver answers NXDOMAIN), so they
are proposed as unverified. Where a page declares a relative feed, a real feed from the corpus
stands in for the site's own at that path.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import load_config
from monitor.discover import Proposal, discover, render
from monitor.fetch.client import Fetcher
from tests.test_kind_support import FAST, corpus
from tests.webserver import serve


async def no_dns(host: str, port: int) -> list[str]:
    """Every name but 127.0.0.1 is unknown here: the test never leaves the machine."""
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: not resolvable in this test")


ATOM, RSS = "feeds/rsparser/DaringFireball.atom", "feeds/rsparser/cloudblog.rss"
X, LI, FB, IG, YT, GH = "x", "linkedin", "facebook", "instagram", "youtube", "github"
CASES: dict[str, dict[str, object]] = {
    "pages/rsparser/DaringFireball.html": {
        "serve": {"/feeds/main": ATOM},
        "name": "Daring Fireball",
        "feeds": [("{base}/feeds/main", True)],
        "profiles": [(X, "https://x.com/daringfireball")],  # sidebar; the status links in posts are citations
    },
    "pages/rsparser/coco.html": {  # a theatlantic.com article page
        "serve": {"/feed/all/": RSS, "/feed/best-of/": ATOM},
        "name": "The Atlantic",
        "feeds": [("{base}/feed/all/", True), ("{base}/feed/best-of/", True)],
        "profiles": [(FB, "https://www.facebook.com/theatlantic"), (X, "https://x.com/theatlantic"),
                     (IG, "https://www.instagram.com/theatlantic"),
                     (LI, "https://www.linkedin.com/company/the-atlantic"),
                     ("pinterest", "https://www.pinterest.com/theatlantic")],  # the author's link is not the site's
    },
    "pages/rsparser/furbo.html": {
        "name": "furbo.org by Craig Hockenberry",
        "feeds": [("http://furbo.org/feed/", False)],
        "profiles": [(X, "https://x.com/chockenberry")],  # "follow me" in the sidebar; capttaco, mrgan are cited
    },
    "pages/rsparser/inessential.html": {
        "name": "inessential",
        "feeds": [("http://inessential.com/xml/rss.xml", False)],
        "profiles": [],  # its Twitter links are inside an HTML comment
    },
    "pages/rsparser/sixcolors.html": {
        "name": "Six Colors",
        "feeds": [("http://feedpress.me/sixcolors", False)],
        "profiles": [(X, "https://x.com/bleedsixcolors")],  # footer; @dmoren, @Apple… are in posts
    },
    "pages/metascraper/kikobeats.com.html": {
        "serve": {"/feed.xml": ATOM},
        "name": "kikobeats",
        "feeds": [("{base}/feed.xml", True)],
        "profiles": [(GH, "https://github.com/kikobeats"), (X, "https://x.com/kikobeats"),
                     ("linkedin_person", "https://www.linkedin.com/in/kikobeats")],
    },
    "pages/metascraper/microlink.io.html": {
        "name": "Microlink",
        "feeds": [],  # none declared, none at the common paths
        "profiles": [(GH, "https://github.com/microlinkhq"), (X, "https://x.com/microlinkhq")],
    },
    "pages/metascraper/chowhanandsons.com.html": {
        "name": "Chowhan and Sons",
        "feeds": [("https://www.chowhanandsons.com/feed/", False)],  # the comments feed is left out
        "profiles": [(FB, "https://www.facebook.com/chowhanandsons1980"),
                     (YT, "https://www.youtube.com/channel/UCs8x3vNH7kVLcXPlnuWRZNw")],
    },
    "pages/trafilatura/prof-pc.de.html": {  # a farewell post: "Auf meinem Twitter-Account poste ich …"
        "name": None,  # the title is just "Home"
        "feeds": [],
        "profiles": [(X, "https://x.com/baltpeter")],  # in the text, but named as the author's own account
    },
    "pages/trafilatura/sass-ag.de.index.html": {
        "serve": {"/feed/": RSS},  # a WordPress site declaring no feed: found by probing
        "name": "SASS Datentechnik AG",
        "feeds": [("{base}/feed/", True)],
        "profiles": [(FB, "https://www.facebook.com/sass.datentechnik.ag"),
                     (LI, "https://www.linkedin.com/company/sass-datentechnik-ag"),
                     ("xing", "https://www.xing.com/companies/sassdatentechnikag"),
                     (YT, "https://www.youtube.com/channel/UCxbT_MqJPKWRTP3dbs0jSLw"),
                     (IG, "https://www.instagram.com/sass_datentechnik_ag")],  # the Twitter and
        # Pinterest links are share buttons
    },
}


async def run(page: str) -> tuple[Proposal, str]:
    case = CASES[page]
    with serve() as (site, base):
        site.set("/", corpus(page))
        for path, feed in dict(case.get("serve", {})).items():  # type: ignore[call-overload]
            site.set(path, corpus(feed), content_type="application/xml")
        async with Fetcher(FAST, resolver=no_dns) as fetcher:
            proposal = await discover(f"{base}/", fetcher)
    return proposal, base


@pytest.mark.parametrize("page", sorted(CASES))
async def test_discovery_proposes_what_the_page_really_has(page: str) -> None:
    proposal, base = await run(page)
    case = CASES[page]
    assert proposal.name == case["name"]
    feeds = [(f.url, f.verified) for f in proposal.feeds]
    assert feeds == [(u.format(base=base), v) for u, v in case["feeds"]]  # type: ignore[attr-defined]
    assert list(proposal.profiles) == case["profiles"]
    kinds = {(s["kind"], s["url"]) for s in proposal.sources(["X"])}
    for network, url in proposal.profiles:
        assert ((network, url) in kinds) == (network in ("linkedin", "x", "mastodon", "bluesky", "youtube"))
    assert ("website", f"{base}/") in kinds


async def test_news_source_from_name_aliases_and_page_language() -> None:
    proposal, _ = await run("pages/trafilatura/sass-ag.de.index.html")
    block = proposal.company("sass", aliases=("SASS AG",))
    news = [s for s in block["sources"] if s["kind"] == "news"]  # type: ignore[attr-defined]
    assert news == [{"kind": "news", "query": ["SASS Datentechnik AG", "SASS AG"],
                     "url": "https://news.google.com/rss/search?q=%22SASS+Datentechnik+AG%22+OR+%22SASS+AG%22"
                            "&hl=de-DE&gl=DE&ceid=DE:de"}]
    assert "- kind: linkedin" in render(block)


async def test_about_page_is_read_and_tracked() -> None:
    with serve() as (site, base):
        home = corpus("pages/trafilatura/sass-ag.de.index.html")
        site.set("/", home)
        site.set("/unternehmen/", home.replace(b"sass-datentechnik-ag", b"sass-ag-company"))
        async with Fetcher(FAST, resolver=no_dns) as fetcher:
            proposal = await discover(f"{base}/", fetcher)
        assert len(site.hits("/unternehmen/")) == 1
    assert proposal.pages == (f"{base}/", f"{base}/unternehmen/")
    assert (LI, "https://www.linkedin.com/company/sass-ag-company") in proposal.profiles


def test_cli_add_discover_writes_a_valid_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    sources = tmp_path / "sources.yaml"
    runner = CliRunner()
    with serve() as (site, base):
        site.set("/", corpus("pages/metascraper/kikobeats.com.html"))
        site.set("/feed.xml", corpus(ATOM), content_type="application/atom+xml")
        args = ["--sources", str(sources), "add", "kiko", "--discover", f"{base}/", "--tag", "dev"]
        declined = runner.invoke(main, args, input="n\n")
        assert declined.exit_code == 0 and "Nothing written." in declined.output
        assert not sources.exists()
        result = runner.invoke(main, [*args, "--yes"])
        again = runner.invoke(main, [*args, "--yes"])
    assert result.exit_code == 0, result.output
    assert "- kind: x" in result.output and "link only" in result.output
    company = load_config(sources, allow_private=True).company("kiko")
    assert company.name == "kikobeats" and company.tags == ("dev",)
    got = sorted((s.kind, s.url) for s in company.sources)
    assert got == sorted([("website", f"{base}/"), ("feed", f"{base}/feed.xml"), ("x", "https://x.com/kikobeats"),
                          ("news", "https://news.google.com/rss/search?q=%22kikobeats%22&hl=en-US&gl=US&ceid=US:en")])
    assert again.exit_code == 0 and "nothing to add" in again.output


def test_cli_discover_unreachable_homepage_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    with serve() as (_site, base):
        result = CliRunner().invoke(main, ["--sources", str(tmp_path / "s.yaml"), "add", "x1",
                                           "--discover", f"{base}/missing"])
    assert result.exit_code == 1 and "Error: cannot fetch" in result.output
    assert "Traceback" not in result.output


async def test_feed_links_the_fetch_policy_refuses_are_dropped() -> None:
    # inessential.html with its feed link turned into an address the SSRF gate always refuses
    for bad in (b"http://2130706433/xml/rss.xml", b"http://0x7f.1/xml/rss.xml"):
        page = corpus("pages/rsparser/inessential.html").replace(b"http://inessential.com/xml/rss.xml", bad)
        with serve() as (site, base):
            site.set("/", page)
            async with Fetcher(FAST, resolver=no_dns) as fetcher:
                proposal = await discover(f"{base}/", fetcher)
        assert proposal.feeds == (), bad
