"""`monitor add --discover` finds job boards from a homepage's careers links (loopback server)."""

from __future__ import annotations

from monitor.discover import discover
from monitor.discover.boards import find
from monitor.fetch.client import Fetcher
from tests.test_discover import no_dns
from tests.test_kind_support import FAST
from tests.webserver import serve

HOME = b"""<html lang="de"><head><title>Acme GmbH</title></head><body><h1>Acme</h1>
<nav><a href="/ueber-uns">Ueber uns</a> <a href="/karriere">Karriere</a></nav></body></html>"""
CAREERS = b"""<html><body><h1>Jobs bei Acme</h1>
<iframe src="https://boards.greenhouse.io/embed/job_board?for=acme"></iframe>
<a href="https://acme.jobs.personio.de/job/123?language=de">Werkstudent Vertrieb</a></body></html>"""


async def test_boards_behind_the_careers_link_become_careers_sources() -> None:
    with serve() as (site, base):
        site.set("/", HOME)
        site.set("/karriere", CAREERS)
        async with Fetcher(FAST, resolver=no_dns) as fetcher:
            proposal = await discover(f"{base}/", fetcher)
    assert proposal.boards == ("https://boards.greenhouse.io/acme", "https://acme.jobs.personio.de/")
    kinds = [(s["kind"], s["url"]) for s in proposal.sources([])]
    assert ("careers", "https://boards.greenhouse.io/acme") in kinds


async def test_careers_page_without_a_board_is_tracked_as_a_page() -> None:
    with serve() as (site, base):
        site.set("/", HOME)
        site.set("/karriere", b"<html><body><h1>Offene Stellen</h1><p>Bald mehr.</p></body></html>")
        async with Fetcher(FAST, resolver=no_dns) as fetcher:
            proposal = await discover(f"{base}/", fetcher)
    assert proposal.boards == () and f"{base}/karriere" in proposal.pages


def test_job_board_links_on_the_homepage_itself_are_found_without_a_request() -> None:
    page = b'<html><body><a href="https://jobs.lever.co/acme/abc-123">Join us</a></body></html>'
    assert find(page, "text/html", "https://acme.example/") == (["https://jobs.lever.co/acme"], [])
