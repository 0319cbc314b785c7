"""Offers and openings in Datasette, served by `monitor serve` over HTTP from a real history.

The history: a careers source (Greenhouse's answer shape) and a deals page, each checked on
loopback servers through the real pipeline and store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import feedparser
import httpx
import pytest

from tests.test_kind_careers import _greenhouse
from tests.test_kind_support import run_checks, source
from tests.test_serve import rows, start_serve, stop_serve
from tests.webserver import serve

DEALS = """<html><head><title>Deals</title></head><body><h1>Special offers</h1>
<div class="deals">{}</div></body></html>"""
TILE = '<div class="deal"><h3>{0}</h3><span class="price">{1} €</span><a href="/deals/{2}">Details</a></div>'


def deals(*names: str) -> str:
    return DEALS.format("".join(TILE.format(n, f"{i + 1},99", i) for i, n in enumerate(names)))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db_path = tmp_path_factory.mktemp("lists") / "monitor.db"
    with serve() as (site, base):
        board = source("careers", f"{base}/board")
        asyncio.run(run_checks(db_path, board, [
            (lambda t=t: site.set("/board", _greenhouse(*t), content_type="application/json"))
            for t in (("A", "B"), ("A", "B", "C"), ("A", "B", "C"))]))
        page = source("website", f"{base}/deals")
        asyncio.run(run_checks(db_path, page, [
            (lambda d=d: site.set("/deals", deals(*d)))
            for d in (("Server S", "Server M", "Server L"),) * 1
            + (("Server S", "Server M", "Server L", "Server XL"),) * 2]))
    proc, url = start_serve(db_path)
    try:
        with httpx.Client(base_url=url, timeout=10, trust_env=False) as client:
            yield client
    finally:
        stop_serve(proc)


def test_open_roles_per_company_and_department(served: httpx.Client) -> None:
    got = rows(served, "/monitor/openings.json", company="acme")
    assert sorted(r["title"] for r in got) == ["A", "B", "C"]
    assert {r["department"] for r in got} == {"Engineering"}
    by_dept = rows(served, "/monitor/openings_by_department.json")
    assert [(r["department"], r["open_roles"]) for r in by_dept] == [("Engineering", 3)]


def test_current_offers_with_prices(served: httpx.Client) -> None:
    got = rows(served, "/monitor/offers.json", company="acme")
    assert sorted((r["title"], r["price"]) for r in got) == [
        ("Server L", "3,99 €"), ("Server M", "2,99 €"), ("Server S", "1,99 €"), ("Server XL", "4,99 €")]


@pytest.mark.parametrize(("query", "title"), [("hiring_feed", "C"), ("offer_feed", "Server XL")])
def test_atom_feeds_for_hiring_and_offers_per_company(served: httpx.Client, query: str, title: str) -> None:
    response = served.get(f"/monitor/{query}.atom", params={"company": "acme"})
    assert response.status_code == 200
    entries = feedparser.parse(response.content).entries
    assert len(entries) == 1 and title in entries[0].title


def test_company_page_shows_open_roles_and_offers(served: httpx.Client) -> None:
    html = served.get("/company/acme").text
    assert "Open roles (3)" in html and "Offers (4)" in html and "Server XL" in html
