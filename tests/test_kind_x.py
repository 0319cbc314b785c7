"""The x kind: real saved x.com pages, a local X API v2 with its rate limits, a feed bridge."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.models import Outcome
from monitor.sources import KINDS
from tests.test_kind_support import DATA, FAST, changes, corpus, fetched, run_checks, source, status
from tests.webserver import serve

X = KINDS["x"]
SRC = source("x", "https://x.com/Kikobeats")
TOKEN = "AAAAAAAAAAAAAAAAAAAAAtest-token-never-stored"
API = replace(FAST, x_token=TOKEN)  # MONITOR_X_BEARER_TOKEN, as the command read it


def card(path: str) -> tuple[Outcome, dict[str, str], dict[str, float]]:
    obs = X.extract(fetched(SRC.url, corpus(f"social/twitter_x/{path}")), SRC)
    return obs.outcome, {f.field: f.value for f in obs.facts}, {m.name: m.value for m in obs.metrics}


def test_full_profile_page_jsonld_card_and_counts() -> None:
    # shared/corpus/social/twitter_x/x_profile_2025-12-23.html (JSON-LD ProfilePage)
    outcome, facts, metrics = card("x_profile_2025-12-23.html")
    assert outcome is Outcome.OK
    assert facts["display_name"] == "Kiko Beats"
    assert facts["bio"].startswith("Building web infra & open source")
    assert facts["location"] == "PORT_ALREADY_USED"
    assert facts["avatar"] == "https://pbs.twimg.com/profile_images/2000931726244106244/Ty7-KT2j.jpg"
    assert facts["link.website"] == "http://kikobeats.com/"
    assert metrics == {"followers": 3893.0, "following": 406.0, "posts": 23961.0}


def test_legacy_2023_profile_reads_given_name() -> None:
    # shared/corpus/social/twitter_x/legacy_profile_2023-01-01.html (author Person, no "name")
    outcome, facts, metrics = card("legacy_profile_2023-01-01.html")
    assert outcome is Outcome.OK and facts["display_name"] == "#!/kiko/beats"
    assert metrics["followers"] == 3324.0


@pytest.mark.parametrize("path", ["x_profile-og_2025-12-23.html", "x_profile_2024-12-07.html",
                                  "legacy_profile_2024-01-06.html", "x_profile_2024-05-20.html"])
def test_og_only_variants_give_name_bio_avatar_only(path: str) -> None:
    # shared/corpus/social/twitter_x/<path>: only <head> meta tags, empty react-root
    outcome, facts, metrics = card(path)
    assert outcome is Outcome.OK
    assert set(facts) == {"display_name", "bio", "avatar"}
    assert facts["display_name"] == "#!/kiko/beats"
    assert facts["bio"].startswith("engineering ▲ @vercel; founder of")
    assert facts["avatar"].startswith("https://pbs.twimg.com/profile_images/")
    assert not facts["avatar"].endswith("_200x200.jpg")  # size suffix dropped: copies compare equal
    assert metrics == {}


@pytest.mark.parametrize("path", ["x_post-og_2025-12-23.html", "x_post_2025-12-23.html",
                                  "status_gif_2017-12-14.html"])
def test_post_pages_give_only_the_name(path: str) -> None:
    # shared/corpus/social/twitter_x/<path>: og:description there is a post, not the bio
    outcome, facts, _ = card(path)
    assert outcome is Outcome.OK and set(facts) == {"display_name"}


def test_javascript_shell_and_login_page_are_blocked() -> None:
    shell = b'<html><head><title>X</title></head><body><noscript><div>JavaScript is not available.</div></noscript><div id="react-root"></div></body></html>'
    assert X.extract(fetched(SRC.url, shell), SRC).outcome is Outcome.BLOCKED
    login = fetched(SRC.url, b"<html></html>", final_url="https://x.com/i/flow/login?redirect_after_login=%2FKikobeats")
    assert X.extract(login, SRC).outcome is Outcome.BLOCKED


def api_site(site: object, user: bytes, tweets: bytes, **headers: str) -> None:
    limits = {"x-rate-limit-limit": "300", "x-rate-limit-remaining": "299",
              "x-rate-limit-reset": str(int(time.time()) + 900), **headers}
    site.set("/2/users/by/username/XDevelopers", user, content_type="application/json",  # type: ignore[attr-defined]
             headers=limits, validators=False)
    site.set("/2/users/2244994945/tweets", tweets, content_type="application/json",  # type: ignore[attr-defined]
             headers=limits, validators=False)


async def test_api_profile_posts_and_metric_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONITOR_X_BEARER_TOKEN", raising=False)  # the settings hold it
    user = json.loads((DATA / "x_api_user.json").read_text())
    tweets = (DATA / "x_api_tweets.json").read_bytes()

    def followers(n: int) -> bytes:
        user["data"]["public_metrics"]["followers_count"] = n
        return json.dumps(user).encode()

    with serve() as (site, base):
        src = source("x", "https://x.com/XDevelopers", confirm=1, api_base=f"{base}/2",
                     thresholds={"followers": 1000})
        steps = [lambda: api_site(site, followers(513958), tweets),
                 lambda: api_site(site, followers(514100), tweets),  # +142: below the threshold
                 lambda: api_site(site, followers(515000), tweets)]  # +1042 since the mark
        db, results = await run_checks(tmp_path / "m.db", src, steps, API)
        auth = {v for h in site.hits("/2/users/2244994945/tweets") for k, v in h.headers.items()
                if k.lower() == "authorization"}
    assert [r.outcome for r in results] == [Outcome.OK] * 3
    assert auth == {f"Bearer {TOKEN}"}
    facts = dict(db.execute("SELECT field, value FROM facts WHERE source = ?", [src.id]).fetchall())
    assert facts["display_name"] == "X Dev"
    assert facts["bio"].endswith("Docs: https://docs.x.com")  # t.co expanded
    assert facts["link.website"] == "https://developer.x.com/en/community"
    assert facts["avatar"] == "https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO.jpg"
    items = db.execute("SELECT key, url FROM items WHERE source = ? ORDER BY key", [src.id]).fetchall()
    assert items == [("x:1293593516040269825", "https://x.com/XDevelopers/status/1293593516040269825"),
                     ("x:1460323737035677698", "https://x.com/XDevelopers/status/1460323737035677698")]
    assert changes(db) == [("metric.followers", "modified", "513958", "515000")]
    dump = "\n".join(str(row) for table in db.table_names() if not table.startswith(("items_fts", "changes_fts"))
                     for row in db.execute(f"SELECT * FROM [{table}]"))
    assert TOKEN not in dump  # the bearer token never reaches the database


async def test_api_rate_limit_used_up_skips_second_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONITOR_X_BEARER_TOKEN", raising=False)  # the settings hold it
    with serve() as (site, base):
        src = source("x", "https://x.com/XDevelopers", api_base=f"{base}/2")
        steps = [lambda: api_site(site, (DATA / "x_api_user.json").read_bytes(),
                                  (DATA / "x_api_tweets.json").read_bytes(), **{"x-rate-limit-remaining": "0"})]
        db, results = await run_checks(tmp_path / "m.db", src, steps, API)
        assert site.hits("/2/users/2244994945/tweets") == []
    assert results[0].outcome is Outcome.ERROR and results[0].fetched.error == "rate_limited"
    assert 800 <= (results[0].fetched.retry_after or 0) <= 901
    assert changes(db) == []


async def test_api_429_then_recovery_makes_no_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONITOR_X_BEARER_TOKEN", raising=False)  # the settings hold it
    user, tweets = (DATA / "x_api_user.json").read_bytes(), (DATA / "x_api_tweets.json").read_bytes()
    with serve() as (site, base):
        src = source("x", "https://x.com/XDevelopers", api_base=f"{base}/2", confirm=1)

        def limited() -> None:
            api_site(site, user, tweets)
            site.set("/2/users/2244994945/tweets", (DATA / "x_api_429.json").read_bytes(), status=429,
                     content_type="application/json", validators=False,
                     headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + 600)})

        steps = [lambda: api_site(site, user, tweets), limited, limited]
        db, results = await run_checks(tmp_path / "m.db", src, steps, API)
    assert results[0].outcome is Outcome.OK
    assert [r.outcome for r in results[1:]] == [Outcome.ERROR, Outcome.ERROR]
    assert 500 <= (results[1].fetched.retry_after or 0) <= 601
    assert changes(db) == [] and status(db, src.id) == "error"
    assert db.execute("SELECT count(*) FROM items WHERE source = ? AND misses = 0", [src.id]).fetchone()[0] == 2


@pytest.mark.parametrize(("body", "code", "outcome"), [
    ("x_api_not_found.json", 200, Outcome.GONE), ("x_api_401.json", 401, Outcome.BLOCKED)])
async def test_api_problems_are_statuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str,
                                         code: int, outcome: Outcome) -> None:
    monkeypatch.delenv("MONITOR_X_BEARER_TOKEN", raising=False)  # the settings hold it
    with serve() as (site, base):
        src = source("x", "https://x.com/XDevelopers", api_base=f"{base}/2")
        steps = [lambda: site.set("/2/users/by/username/XDevelopers", (DATA / body).read_bytes(), status=code,
                                  content_type="application/json", validators=False)] * 2
        db, results = await run_checks(tmp_path / "m.db", src, steps, API)
    assert [r.outcome for r in results] == [outcome, outcome]
    assert changes(db) == []


async def test_bridge_feed_posts_keyed_like_the_api(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = source("x", "https://x.com/ispace_inc", bridge=f"{base}/{{handle}}/rss")
        steps = [lambda: site.set("/ispace_inc/rss", (DATA / "nitter_user.rss").read_bytes(),
                                  content_type="application/rss+xml")]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert results[0].outcome is Outcome.OK
    items = db.execute("SELECT key, url FROM items WHERE source = ? ORDER BY key", [src.id]).fetchall()
    assert items == [("x:1858456789012345678", "https://x.com/ispace_inc/status/1858456789012345678"),
                     ("x:1863765432109876543", "https://x.com/ispace_inc/status/1863765432109876543")]
    facts = dict(db.execute("SELECT field, value FROM facts WHERE source = ?", [src.id]).fetchall())
    assert facts == {"display_name": "ispace"}


async def test_profile_page_shell_twice_is_blocked_without_change(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = source("x", f"{base}/Kikobeats", confirm=1)
        steps = [lambda: site.set("/Kikobeats", corpus("social/twitter_x/x_profile-og_2025-12-23.html")),
                 lambda: site.set("/Kikobeats", b"<html><body><noscript>JavaScript is not available.</noscript></body></html>"),
                 lambda: None]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert [r.outcome for r in results] == [Outcome.OK, Outcome.BLOCKED, Outcome.BLOCKED]
    assert changes(db) == [] and status(db, src.id) == "blocked"


async def test_handle_auto_follows_the_websites_x_link(tmp_path: Path) -> None:
    # the real microlink.io homepage (footer link twitter.com/microlinkhq), then the same page
    # after the company moved to another handle
    home = corpus("pages/metascraper/microlink.io.html")
    moved = home.replace(b"twitter.com/microlinkhq", b"twitter.com/microlink_new")
    feed = (DATA / "nitter_user.rss").read_bytes()
    with serve() as (site, base):
        src = source("x", f"{base}/", confirm=1, handle="auto", bridge=f"{base}/bridge/{{handle}}/rss")
        site.set("/bridge/microlinkhq/rss", feed, content_type="application/rss+xml")
        site.set("/bridge/microlink_new/rss", feed.replace(b"/status/18", b"/status/19"),
                 content_type="application/rss+xml")
        steps = [lambda: site.set("/", home), lambda: site.set("/", moved),
                 lambda: site.set("/", b"<html><body>maintenance</body></html>")]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert [r.outcome for r in results] == [Outcome.OK, Outcome.OK, Outcome.EXTRACTION_FAILED]
    found = changes(db)
    assert ("link.x", "modified", "https://x.com/microlinkhq", "https://x.com/microlink_new") in found
    assert sorted(c[0] for c in found) == ["link.x", "post", "post"]  # the new account's two posts
    urls = {r[0] for r in db.execute("SELECT url FROM items WHERE url LIKE '%microlink_new%'")}
    assert urls == {"https://x.com/microlink_new/status/1963765432109876543",
                    "https://x.com/microlink_new/status/1958456789012345678"}


async def test_profile_redirected_to_login_is_blocked(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = source("x", f"{base}/Kikobeats", confirm=1)
        redirect = {"Location": "/i/flow/login?redirect_after_login=%2FKikobeats"}
        steps = [lambda: site.set("/Kikobeats", corpus("social/twitter_x/x_profile_2025-12-23.html")),
                 lambda: site.set("/Kikobeats", b"", status=302, headers=redirect, validators=False),
                 lambda: None]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
        assert site.hits("/i/flow/login") == []  # the wall is recognised from the Location alone
    assert [r.outcome for r in results] == [Outcome.OK, Outcome.BLOCKED, Outcome.BLOCKED]
    assert changes(db) == [] and status(db, src.id) == "blocked"
    assert db.execute("SELECT count(*) FROM metric_marks").fetchone()[0] == 3  # followers, following, posts


async def test_the_token_comes_from_the_settings_never_from_the_environment_while_fetching(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_X_BEARER_TOKEN", TOKEN)  # set after the settings were read
    with serve() as (site, base):
        src = source("x", "https://x.com/XDevelopers", api_base=f"{base}/2",
                     bridge=f"{base}/bridge/{{handle}}")
        steps = [lambda: api_site(site, (DATA / "x_api_user.json").read_bytes(),
                                  (DATA / "x_api_tweets.json").read_bytes())]
        await run_checks(tmp_path / "m.db", src, steps)  # settings without a token
        assert site.hits("/2/users/by/username/XDevelopers") == []
        assert site.hits("/bridge/XDevelopers")  # the route without a token, on this server
