"""Offers with prices and lists of openings on any page, in many builder styles and languages.

The pages are the working list cases (``tests/listcases``): every offer style gives its five
offers with their prices, every openings style its five openings; a price written another way
is no change, a new figure one ``offer`` change, a new opening one ``hiring`` addition.
"""

from __future__ import annotations

import pytest

from monitor import prices
from monitor.extract.page import extract_page
from monitor.models import Category
from tests.listcases import working
from tests.listcases.run import Case, changes

LANG = working.LANGS["de"]


def case(offer_style: str, job_style: str, scenario: str = "price", lang: str = "de") -> Case:
    return Case(working.LANGS[lang], offer_style, job_style, scenario,
                working.OFFER_STYLES[offer_style], working.JOB_STYLES[job_style])


def items(c: Case, step: int = 0) -> dict[Category | None, list]:
    obs = extract_page(c.page(step, 0), c.url, "text/html")
    out: dict[Category | None, list] = {}
    for i in obs.items:
        out.setdefault(i.category, []).append(i)
    return out


@pytest.mark.parametrize("style", sorted(working.OFFER_STYLES))
def test_every_offer_style_gives_its_offers_with_prices(style: str) -> None:
    found = items(case(style, "personio"))[Category.OFFER]
    assert [i.title for i in found] == list(LANG.products)
    assert all(i.evidence.startswith("offer:") for i in found)
    first = "1299" if style == "jsonld" else "from 1299"  # schema.org states figures only
    assert [prices.parse(i.price).key for i in found] == [first, "349", "89.9", "24.5", "59"]


@pytest.mark.parametrize("style", sorted(working.JOB_STYLES))
def test_every_openings_style_gives_its_openings_with_places(style: str) -> None:
    found = items(case("woocommerce", style))[Category.HIRING]
    assert [i.title for i in found] == [t for t, _ in LANG.jobs_list]
    assert [dict(i.details).get("location") for i in found] == [p for _, p in LANG.jobs_list]
    assert all(i.evidence.startswith("hiring:") for i in found)


@pytest.mark.parametrize(("offers", "jobs", "lang"), [
    ("plain-lines", "plain-rows", "sv"), ("wix", "dl", "ja"), ("dl", "plain-terms", "fr")])
def test_a_reformatted_price_is_nothing_a_new_figure_one_offer_change(offers: str, jobs: str,
                                                                      lang: str) -> None:
    assert changes(case(offers, jobs, "reformat", lang)) == []
    assert changes(case(offers, jobs, "price", lang)) == [("offer", "modified")]


@pytest.mark.parametrize(("offers", "jobs", "lang"), [
    ("shopify", "plain-cards", "es"), ("table", "greenhouse", "nl"), ("plain-figure", "wix", "pt")])
def test_a_new_opening_is_one_addition_and_resorting_nothing(offers: str, jobs: str, lang: str) -> None:
    assert changes(case(offers, jobs, "new", lang)) == [("hiring", "added")]
    assert changes(case(offers, jobs, "reorder", lang)) == []


def test_entries_without_links_stay_page_content_without_prices_or_a_careers_heading() -> None:
    team = "".join(f'<div class="card"><h3>{n}</h3><p>{r}</p></div>' for n, r in (
        ("Jane Doe", "Sales Manager"), ("John Roe", "Software Engineer"), ("Ann Poe", "Accountant")))
    features = "".join(f"<tr><td>{f}</td><td>Included</td></tr>" for f in (
        "Unlimited projects", "Email support", "Single sign-on"))
    body = (f'<main><h2>Our team</h2><div class="team">{team}</div><h2>Pricing</h2>'
            f'<table>{features}</table></main>').encode()
    obs = extract_page(b"<html><body>" + body + b"</body></html>", "https://acme.example/", "text/html")
    assert obs.items == ()
    assert {f.value for f in obs.facts if f.field == "person"} >= {"Jane Doe", "John Roe"}


def test_a_description_list_that_is_no_list_of_items_keeps_its_markup() -> None:
    people = "".join(f"<dt>{n}</dt><dd>{r}</dd>" for n, r in (
        ("Jane Doe", "Chief Executive Officer"), ("John Roe", "Chief Financial Officer"),
        ("Ann Poe", "Chief Technology Officer")))
    page = f"<html><body><main><h2>Management</h2><dl>{people}</dl></main></body></html>".encode()
    obs = extract_page(page, "https://acme.example/about", "text/html")
    assert obs.items == ()
    roles = {f.value: f.role for f in obs.facts if f.field == "person"}
    assert set(roles) == {"Jane Doe", "John Roe", "Ann Poe"} and all(roles.values())


def test_schema_org_products_are_offers_once_beside_their_cards() -> None:
    found = items(case("jsonld", "personio"))[Category.OFFER]
    assert [i.title for i in found] == list(LANG.products)
    assert all(i.evidence == "offer: schema.org Product" for i in found)
