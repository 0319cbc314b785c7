"""Writers whose byline gives their job at the firm are its people (monitor.extract.people,
monitor.extract.people_props): on a blog index's post cards and on a post's own lines, in
several languages. A byline without a job, or with another firm's, names no one of the firm.
Each page is small and written for the test.
"""

from __future__ import annotations

from monitor.extract.page import extract_page


def people_of(body: str, lang: str = "en", url: str = "https://example.org/insights") -> dict[str, str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>Insights</title></head><body>{body}</body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def card(title: str, byline: str) -> str:
    return f'<article class="post-card"><h2><a href="/p/{len(title)}">{title}</a></h2><p class="byline">{byline}</p><p>Summary of the post.</p></article>'


def test_a_blog_index_whose_bylines_give_the_writers_jobs() -> None:
    body = "<main><h1>Insights</h1><div class='posts'>" + "".join([
        card("Wheeling explained", "By <span class='author'>Grace Mbeki</span>, Head of Regulation &middot; 12 May 2025"),
        card("Battery sizing", "By <span class='author'>Hendrik Botha</span>, Principal Engineer &middot; 28 April 2025"),
        card("Agrivoltaics", "By <span class='author'>Lindiwe Khumalo</span> &middot; 3 April 2025"),
        card("Guest post: tariffs", "By <span class='author'>Jane Roe</span>, CEO at Initech &middot; 20 March 2025"),
    ]) + "</div></main>"
    found = people_of(body)
    assert found == {"Grace Mbeki": "Head of Regulation", "Hendrik Botha": "Principal Engineer"}


def test_bylines_in_german_and_french_post_lists() -> None:
    de = "<main><h1>Blog</h1>" + "".join([
        card("Wärmepumpen im Altbau", "Von Katrin Berger, Leiterin Vertrieb · 4. Mai 2025"),
        card("Förderung 2025", "Von Stefan Maier, Geschäftsführer · 2. April 2025"),
    ]) + "</main>"
    assert people_of(de, "de") == {"Katrin Berger": "Leiterin Vertrieb", "Stefan Maier": "Geschäftsführer"}
    fr = "<main><h1>Blog</h1>" + "".join([
        card("La rénovation", "Par Claire Dubois, Directrice technique — 3 mai 2025"),
        card("Les aides", "Par Julien Martin, Responsable commercial — 2 avril 2025"),
    ]) + "</main>"
    assert set(people_of(fr, "fr")) == {"Claire Dubois", "Julien Martin"}


def test_a_byline_without_a_job_or_with_a_firm_is_no_one_of_the_firm() -> None:
    body = "<main><article><h1>Tariffs after 2025</h1><p class='byline'>By Anton Smit, Professor of Economics, University of Cape Town · 1 May 2025</p>" \
           "<p>Text of the post, long enough to be prose for the page.</p></article></main>"
    assert people_of(body) == {}
