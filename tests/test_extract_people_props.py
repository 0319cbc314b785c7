"""People in the data a page's scripts render from (monitor.extract.people_props): component
props in a data attribute, a framework's page state in a JSON script or a ``window.`` assignment.
Other people's lists (testimonials, authors, investors) and products stay out. Each page is
small and written for the test.
"""

from __future__ import annotations

import json

from monitor.extract.page import extract_page


def people_of(body: str, url: str = "https://example.org/about") -> dict[str, str]:
    page = f'<!doctype html><html lang="en"><head><title>About</title></head><body>{body}</body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def props(value: object) -> str:
    return json.dumps(value).replace("'", "&#39;")


def test_a_team_grid_in_a_components_data_props() -> None:
    members = [{"fullName": "Marta Puig Serra", "jobTitle": "Co-founder & CEO", "photo": "/m.jpg"},
               {"fullName": "Ifeoma Nwachukwu", "jobTitle": "VP Engineering", "photo": "/i.jpg"},
               {"fullName": "Jordi Casals", "jobTitle": "Head of Design", "photo": "/j.jpg"}]
    body = f"<main><h1>About</h1><div data-component='TeamGrid' data-props='{props({'members': members})}'></div></main>"
    found = people_of(body)
    assert found == {"Marta Puig Serra": "Co-founder & CEO", "Ifeoma Nwachukwu": "VP Engineering",
                     "Jordi Casals": "Head of Design"}


def test_a_next_data_script_with_snake_case_keys() -> None:
    state = {"props": {"pageProps": {"leadership": [
        {"name": "Sofia Lindberg", "job_title": "Verkställande direktör"},
        {"name": "Anders Holm", "job_title": "Ekonomichef"},
    ]}}}
    body = f'<main><h1>Om oss</h1></main><script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    assert set(people_of(body)) == {"Sofia Lindberg", "Anders Holm"}


def test_a_window_assignment_of_the_initial_state() -> None:
    state = {"page": "about", "team": [{"displayName": "Lukas Brandt", "position": "Geschäftsführer"},
                                       {"displayName": "Hannah Vogt", "position": "Leiterin Marketing"}]}
    body = f"<main><h1>Über uns</h1></main><script>window.__INITIAL_STATE__ = {json.dumps(state)};</script>"
    assert set(people_of(body)) == {"Lukas Brandt", "Hannah Vogt"}


def test_testimonials_authors_and_products_in_props_are_not_the_team() -> None:
    quotes = {"items": [{"quote": "Great.", "author": "Kelly Brandt", "role": "Head of CX"},
                        {"quote": "Fast.", "author": "Ravi Subramaniam", "role": "Founder"}]}
    writers = {"authors": [{"name": "Emma Stone", "role": "Staff Writer"}, {"name": "Paul Hart", "role": "Editor"}]}
    goods = {"products": [{"name": "Max Power Drill", "title": "Cordless drill", "price": 99},
                          {"name": "Anna Garden Shears", "title": "Shears", "price": 19}]}
    body = "<main><h1>About</h1>" + "".join(
        f"<div data-props='{props(v)}'></div>" for v in (quotes, writers, goods)) + "</main>"
    assert people_of(body) == {}
