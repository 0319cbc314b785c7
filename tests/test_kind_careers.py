"""The careers kind: each job board's public answer shape, served on loopback, through the store."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from monitor.models import Category, Outcome
from monitor.sources import KINDS
from monitor.sources.careers import api_url
from tests.test_kind_support import fetched, run_checks, source
from tests.webserver import serve

CAREERS = KINDS["careers"]
GNC = "Senior GNC Engineer"

BOARDS: dict[str, tuple[str, bytes]] = {
    "greenhouse": ("application/json", json.dumps({"jobs": [
        {"id": 101, "title": GNC, "absolute_url": "https://boards.greenhouse.io/acme/jobs/101",
         "location": {"name": "Tokyo"}, "departments": [{"id": 1, "name": "Engineering"}],
         "updated_at": "2024-05-02T10:00:00-04:00", "first_published": "2024-05-01T10:00:00-04:00"}],
        "meta": {"total": 1}}).encode()),
    "lever": ("application/json", json.dumps([
        {"id": "a1b2", "text": GNC, "hostedUrl": "https://jobs.lever.co/acme/a1b2",
         "createdAt": 1714557600000, "workplaceType": "onsite",
         "categories": {"location": "Tokyo", "team": "GNC", "department": "Engineering",
                        "commitment": "Full-time"}}]).encode()),
    "ashby": ("application/json", json.dumps({"apiVersion": "1", "jobs": [
        {"id": "c3d4", "title": GNC, "department": "Engineering", "team": "GNC",
         "employmentType": "FullTime", "location": "Tokyo", "isRemote": False,
         "publishedAt": "2024-05-01T10:00:00.000+00:00",
         "jobUrl": "https://jobs.ashbyhq.com/acme/c3d4"}]}).encode()),
    "workable": ("application/json", json.dumps({"name": "Acme", "jobs": [
        {"title": GNC, "shortcode": "AB12CD", "department": "Engineering", "city": "Tokyo",
         "country": "Japan", "telecommuting": False, "employment_type": "Full-time",
         "published_on": "2024-05-01", "url": "https://apply.workable.com/j/AB12CD"}]}).encode()),
    "smartrecruiters": ("application/json", json.dumps({"offset": 0, "limit": 100, "totalFound": 1,
        "content": [{"id": "744000001", "name": GNC, "releasedDate": "2024-05-01T10:00:00.000Z",
                     "location": {"city": "Tokyo", "country": "jp", "remote": False},
                     "department": {"id": "9", "label": "Engineering"},
                     "typeOfEmployment": {"label": "Full-time"},
                     "ref": "https://api.smartrecruiters.com/v1/companies/acme/postings/744000001"}]}).encode()),
    "recruitee": ("application/json", json.dumps({"offers": [
        {"id": 55, "title": GNC, "slug": "senior-gnc-engineer", "department": "Engineering",
         "location": "Tokyo, Japan", "remote": False, "employment_type_code": "fulltime",
         "published_at": "2024-05-01 10:00:00 UTC",
         "careers_url": "https://acme.recruitee.com/o/senior-gnc-engineer"}]}).encode()),
    "personio": ("application/xml", b"""<?xml version="1.0" encoding="UTF-8"?>
<workzag-jobs><position><id>777</id><subcompany>Acme KK</subcompany><office>Tokyo</office>
<department>Engineering</department><recruitingCategory>Engineering</recruitingCategory>
<name>Senior GNC Engineer</name><employmentType>permanent</employmentType><schedule>full-time</schedule>
<createdAt>2024-05-01T10:00:00+00:00</createdAt></position></workzag-jobs>"""),
}


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_each_board_shape_gives_the_job_with_location_and_department(board: str) -> None:
    ctype, body = BOARDS[board]
    with serve() as (site, base):
        site.set(f"/{board}", body, content_type=ctype)
        src = source("careers", f"{base}/{board}")

        async def go() -> object:
            from monitor.fetch.client import Fetcher
            from tests.test_kind_support import FAST
            async with Fetcher(FAST) as fetcher:
                return await CAREERS.fetch(src, fetcher, None, None)

        got = asyncio.run(go())
    obs = CAREERS.extract(got, src)  # type: ignore[arg-type]
    assert obs.outcome is Outcome.OK
    (job,) = obs.items
    details = dict(job.details)
    assert (job.title, job.category, job.kind) == (GNC, Category.HIRING, "job")
    assert details["location"].startswith("Tokyo") and details.get("department") == "Engineering"
    assert (job.published_at or "").startswith("2024-05-0")
    assert {m.name: m.value for m in obs.metrics}["jobs.department.Engineering"] == 1.0


def test_board_urls_map_to_their_public_apis() -> None:
    assert api_url("https://boards.greenhouse.io/acme") == "https://boards-api.greenhouse.io/v1/boards/acme/jobs"
    assert api_url("https://jobs.lever.co/acme") == "https://api.lever.co/v0/postings/acme?mode=json"
    assert api_url("https://acme.jobs.personio.de/") == "https://acme.jobs.personio.de/xml"
    assert api_url("http://127.0.0.1:1/any") == "http://127.0.0.1:1/any"


def test_an_answer_of_no_board_is_an_extraction_failure() -> None:
    src = source("careers", "https://x.example/")
    assert CAREERS.extract(fetched(src.url, b'{"hello": 1}', "application/json"), src).outcome \
        is Outcome.EXTRACTION_FAILED


def _greenhouse(*titles: str) -> bytes:
    return json.dumps({"jobs": [
        {"id": ord(t), "title": t, "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{ord(t)}",
         "location": {"name": "Tokyo"}, "departments": [{"name": "Engineering"}]}
        for t in titles]}).encode()


def test_new_job_is_added_once_after_two_checks_and_withdrawn_one_removed(tmp_path: Path) -> None:
    """Through the real store: baseline, a job seen twice → one ``added``; a job withdrawn from
    the middle for two checks → one ``removed``; a job seen once and gone → nothing."""
    steps = [("A", "B", "C"), ("A", "B", "C", "D"), ("A", "B", "C", "D"), ("A", "C", "D", "E"),
             ("A", "C", "D"), ("A", "C", "D")]
    with serve() as (site, base):
        src = source("careers", f"{base}/board")
        db, results = asyncio.run(run_checks(tmp_path / "m.db", src, [
            (lambda t=titles: site.set("/board", _greenhouse(*t), content_type="application/json"))
            for titles in steps]))
    rows = [tuple(r) for r in db.execute(
        "SELECT field, change, category, COALESCE(new, old) FROM changes ORDER BY id")]
    assert rows == [("job", "added", "hiring", "D, Tokyo"), ("job", "removed", "hiring", "B")]
    assert all(r.outcome.healthy for r in results)
    opened = db.execute("SELECT value FROM metrics WHERE name = 'jobs.open' ORDER BY id").fetchall()
    assert [int(r[0]) for r in opened][:2] == [3, 4] and int(opened[-1][0]) == 3
