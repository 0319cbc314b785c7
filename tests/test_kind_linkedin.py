"""The linkedin kind: the real guest page, logged-in saves, and LinkedIn's walls on a local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.models import Outcome
from monitor.sources import KINDS
from tests.test_kind_support import DATA, changes, corpus, fetched, run_checks, source, status
from tests.webserver import serve

GUEST = "social/linkedin/company_audiense_2024-10-05.html"  # logged-out guest page, 2024
LINKEDIN = KINDS["linkedin"]
SRC = source("linkedin", "https://www.linkedin.com/company/audiense/")


def test_guest_company_page_facts_metrics_and_posts() -> None:
    # shared/corpus/social/linkedin/company_audiense_2024-10-05.html
    obs = LINKEDIN.extract(fetched("https://uk.linkedin.com/company/audiense", corpus(GUEST)), SRC)
    assert obs.outcome is Outcome.OK
    facts = {f.field: f.value for f in obs.facts}
    assert facts["name"] == "Audiense"
    assert facts["description"].startswith("The Audiense platform combines rich social data sources")
    assert facts["slogan"] == "Put consumer segmentation and cultural understanding at the center of your strategy."
    assert facts["address"].startswith("Kemp House, EC1V2NX London")  # from the JSON-LD PostalAddress
    assert facts["link.website"] == "http://www.audiense.com/"
    assert facts["industry"] == "Advertising Services"
    assert facts["company_size"] == "51-200 employees"
    assert facts["headquarters"] == "London, London"
    assert facts["company_type"] == "Privately Held"
    assert facts["founded"] == "2011"
    assert "followers" not in facts["description"]  # the count lives in og:description only
    assert {m.name: m.value for m in obs.metrics} == {"followers": 5750.0, "employees": 69.0}
    assert len(obs.items) == 10
    first = obs.items[0]
    assert first.key == "urn:li:activity:7248246460041809920"
    assert first.url == "https://www.linkedin.com/feed/update/urn:li:activity:7248246460041809920/"
    assert first.title.startswith("From Twitter tool to audience intelligence platform")
    assert {i.publisher for i in obs.items} >= {"Audiense"}
    # the rotating "Employees at Audiense" sample is not leadership: no person facts
    assert not [f for f in obs.facts if f.field == "person"]


@pytest.mark.parametrize("name", ["company_audiense_2017-12-14.html", "company_audiense_2021-10-24.html"])
def test_logged_in_saves_are_not_mistaken_for_content(name: str) -> None:
    # shared/corpus/social/linkedin/<name>: LinkedIn "voyager" app shell, saved while logged in
    obs = LINKEDIN.extract(fetched(SRC.url, corpus(f"social/linkedin/{name}")), SRC)
    assert obs.outcome is Outcome.EXTRACTION_FAILED
    assert obs.empty and "logged-in" in (obs.detail or "")


def test_pulse_article_is_not_a_company_page() -> None:
    # shared/corpus/social/linkedin/pulse_article_2019-01-10.html
    obs = LINKEDIN.extract(fetched(SRC.url, corpus("social/linkedin/pulse_article_2019-01-10.html")), SRC)
    assert obs.outcome is Outcome.EXTRACTION_FAILED and obs.empty


@pytest.mark.parametrize("body", ["linkedin_signin.html", "linkedin_999.html"])
def test_sign_in_bodies_served_with_200_are_blocked(body: str) -> None:
    obs = LINKEDIN.extract(fetched(SRC.url, (DATA / body).read_bytes()), SRC)
    assert obs.outcome is Outcome.BLOCKED and obs.empty


def test_authwall_final_url_is_blocked() -> None:
    wall = "https://www.linkedin.com/authwall?trk=bf&trkInfo=AQ&sessionRedirect=https%3A%2F%2Fwww.linkedin.com%2Fcompany%2Faudiense"
    obs = LINKEDIN.extract(fetched(SRC.url, corpus(GUEST), final_url=wall), SRC)
    assert obs.outcome is Outcome.BLOCKED


WALLS = {
    "999": dict(body=(DATA / "linkedin_999.html").read_bytes(), status=999),
    "429": dict(body=b"", status=429, headers={"Retry-After": "120"}),
    "login-redirect": dict(body=b"", status=302,
                           headers={"Location": "/authwall?trk=bf&sessionRedirect=%2Fcompany%2Faudiense%2F"}),
    "signin-200": dict(body=(DATA / "linkedin_signin.html").read_bytes(), status=200),
}


@pytest.mark.parametrize("wall", sorted(WALLS))
async def test_walls_after_a_baseline_never_change_anything(tmp_path: Path, wall: str) -> None:
    """A good page, then the wall twice: no change, status blocked/error, backed off."""
    with serve() as (site, base):
        src = source("linkedin", f"{base}/company/audiense/", confirm=1)
        page = corpus(GUEST)
        steps = [lambda: site.set("/company/audiense/", page, validators=False),
                 lambda: site.set("/company/audiense/", validators=False, **WALLS[wall]),
                 lambda: None]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert results[0].outcome is Outcome.OK and results[0].diff is not None
    expected = Outcome.ERROR if wall == "429" else Outcome.BLOCKED  # the fetch layer calls 429 an error
    assert [r.outcome for r in results[1:]] == [expected, expected]
    assert changes(db) == []
    assert status(db, src.id) in ("blocked", "error")
    assert results[2].next_due_at > results[1].started_at
    facts = db.execute("SELECT count(*) FROM facts WHERE source = ?", [src.id]).fetchone()[0]
    assert facts == 10  # the baseline profile is still there, untouched


async def test_429_retry_after_sets_the_next_check(tmp_path: Path) -> None:
    with serve() as (site, base):
        src = source("linkedin", f"{base}/company/audiense/")
        steps = [lambda: site.set("/company/audiense/", b"", status=429, headers={"Retry-After": "3600"})]
        db, results = await run_checks(tmp_path / "m.db", src, steps)
    assert results[0].outcome is Outcome.ERROR and results[0].fetched.retry_after == 3600.0
    assert results[0].next_due_at >= "2026-11-24T11:00:00Z"  # ≥ the hour the server asked for
    assert changes(db) == []
