"""An organisation chart written as a navigation element (monitor.extract.layout): a ``<nav>``
whose list items are people with their titles is read as content, its names and titles on
lines of their own; a menu stays navigation. Each page is small and written for the test.
"""

from __future__ import annotations

from monitor.extract.page import extract_page


def people_of(body: str, lang: str = "en", url: str = "https://example.org/about/structure") -> dict[str, str]:
    page = (f'<!doctype html><html lang="{lang}"><head><title>Structure</title></head><body>'
            f'<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li>'
            f'<li><a href="/contact">Contact</a></li></ul></nav></header>{body}</body></html>')
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def test_a_nested_chart_in_a_nav_with_linked_names_and_titles_in_em() -> None:
    body = """<main><h1>Our structure</h1><nav class="chart" aria-label="Organisation chart"><ul>
    <li><span class="node"><a href="/p/1">Margaret Hollis</a> <em>Chief Executive</em></span><ul>
      <li><span class="node"><a href="/p/2">Daniel Price</a> <em>Finance Director</em></span><ul>
        <li><span class="node">Sarah Quinn <em>Financial Controller</em></span></li>
        <li><span class="node">Oliver Grant <em>Payroll Lead</em></span></li></ul></li>
      <li><span class="node"><a href="/p/3">Rachel Moore</a> <em>Operations Director</em></span></li>
    </ul></li></ul></nav></main>"""
    found = people_of(body)
    assert found == {"Margaret Hollis": "Chief Executive", "Daniel Price": "Finance Director",
                     "Sarah Quinn": "Financial Controller", "Oliver Grant": "Payroll Lead",
                     "Rachel Moore": "Operations Director"}


def test_a_german_chart_in_a_navigation_role_with_titles_in_spans() -> None:
    body = """<main><h1>Organigramm</h1><div role="navigation"><ul>
    <li><strong>Katrin Vogel</strong><span>Geschäftsführerin</span><ul>
      <li><strong>Jonas Richter</strong><span>Leiter Vertrieb</span></li>
      <li><strong>Miriam Hahn</strong><span>Leiterin Produktion</span></li>
      <li><strong>Felix Neumann</strong><span>Leiter Einkauf</span></li></ul></li></ul></div></main>"""
    found = people_of(body, "de")
    assert set(found) == {"Katrin Vogel", "Jonas Richter", "Miriam Hahn", "Felix Neumann"}
    assert found["Jonas Richter"] == "Leiter Vertrieb"


def test_a_menu_of_products_named_like_people_stays_navigation() -> None:
    body = """<main><h1>Tools</h1><p>Our range.</p><nav><ul>
    <li><a href="/max">Max Power Drill</a> <em>Cordless 18 V</em></li>
    <li><a href="/anna">Anna Garden Shears</a> <em>Steel blades</em></li>
    <li><a href="/leo">Leo Work Light</a> <em>LED</em></li></ul></nav></main>"""
    assert people_of(body) == {}
