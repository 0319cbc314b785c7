"""A news site's writers are not the company's people (monitor.extract.voices and .named).

An article names who wrote it (JSON-LD ``author``, ``meta name=author``, a byline), and a news
homepage credits a writer beside each headline, often marked "author-name" next to a "title".
Neither is a person who runs the company: a false person makes a false leadership alert. A
site's own owner writing on their own site, and the company's own chief quoted in its press
release, stay.
"""

from __future__ import annotations

import json

from monitor.extract.page import extract_page


def people_of(html: str, url: str = "https://news.example/2024/05/story") -> dict[str, str]:
    facts = extract_page(html.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def _article(author: str, body: str, og: str = "article") -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": "Acme ships", "author": {"@type": "Person", "name": author}})  # fmt: skip
    return (
        f"<!doctype html><html><head><title>Acme ships | News Example</title>"
        f'<meta property="og:type" content="{og}"><meta name="author" content="{author}">'
        f'<script type="application/ld+json">{ld}</script></head><body><main>'
        f'<article><h1>Acme ships</h1><div class="byline"><span class="author-name">{author}</span>'
        f'<span class="author-title">Editor</span></div>{body}</article></main>'
        f"<footer>News Example Ltd, 1 Main Street, London</footer></body></html>"
    )


def test_an_articles_writer_is_not_a_person_of_the_site() -> None:
    found = people_of(_article("Frederic Lardinois", "<p>Acme ships a new app today.</p>"))
    assert "Frederic Lardinois" not in found


def test_a_chief_quoted_in_the_article_is_still_read() -> None:
    body = "<p>Jane Miller, CEO of News Example, said the paper grows.</p>"
    found = people_of(_article("Frederic Lardinois", body))
    assert "Frederic Lardinois" not in found
    assert found.get("Jane Miller") == "CEO"


def test_the_author_meta_of_a_company_page_is_not_dropped() -> None:
    """On a page that is no article, the author meta tag often names the owner: kept as read."""
    page = (
        "<!doctype html><html><head><title>Team | Acme</title>"
        '<meta name="author" content="Anna Berg"></head><body><main><h1>Team</h1>'
        '<div class="member"><h3>Anna Berg</h3><p>Managing Director</p></div>'
        '<div class="member"><h3>Tom Lind</h3><p>CTO</p></div></main></body></html>'
    )
    found = people_of(page, "https://acme.example/team")
    assert found.get("Anna Berg") == "Managing Director"
    assert found.get("Tom Lind") == "CTO"


def test_headlines_credited_to_writers_on_a_news_homepage_make_no_people() -> None:
    """Story teasers: writer marked "author-name", headline marked "title"."""
    teasers = "".join(
        f'<div class="post"><h2 class="entry-title">{headline}</h2>'
        f'<span class="author-name">{writer}</span></div>'
        for writer, headline in [
            ("Alice Colapietra", "Le 5 cose più fastidiose che capitano d'estate a Milano"),
            ("Andrea Urbano", "Milano non fa schifo ma le buche sull'asfalto"),
            ("Laura Lionti", "Un tuffo nell'occhio della terra"),
        ]
    )
    page = f"<!doctype html><html><head><title>News Example</title></head><body><main>{teasers}</main></body></html>"
    assert people_of(page, "https://news.example/") == {}


def test_the_writers_profiles_in_an_author_box_are_not_the_sites_links() -> None:
    box = (
        '<div class="post-authors"><div class="author-card"><span>Frederic Lardinois</span>'
        '<a href="https://twitter.com/fredericl">X</a><a href="https://www.facebook.com/frederic">FB</a>'
        "</div></div>"
    )
    footer = '<a href="https://twitter.com/newsexample">X</a>'
    page = _article("Frederic Lardinois", f"<p>Acme ships.</p>{box}").replace(
        "<footer>", f"<footer>{footer}"
    )
    facts = extract_page(page.encode(), "https://news.example/2024/05/story", "text/html").facts
    links = {f.value for f in facts if f.field.startswith("link.") and f.field != "link.website"}
    assert links == {"https://x.com/newsexample"}


def _story(body: str) -> str:
    return (
        "<!doctype html><html><head><title>Notizie</title>"
        '<meta property="og:type" content="article"></head><body><main><article>'
        f"<h1>Un nuovo stabilimento</h1>{body}</article></main></body></html>"
    )


def test_a_news_story_does_not_make_the_chiefs_it_quotes_the_sites_people() -> None:
    """A publisher quoting another firm's chief in its story: that chief is not its staff."""
    body = ("<p>Il gruppo apre un nuovo stabilimento a Brescia.</p>"
            "<p>«Cresciamo ancora», ha detto l'amministratore delegato Marco Ferretti.</p>")  # fmt: skip
    assert "Marco Ferretti" not in people_of(_story(body), "https://www.giornaleeconomico.it/2024/impianto")


def test_a_press_release_on_the_firms_own_site_keeps_its_chief() -> None:
    """The same sentence after a paragraph naming the site's firm is the firm's own news."""
    body = ("<p>Ferrotec apre un nuovo stabilimento a Brescia.</p>"
            "<p>«Cresciamo ancora», ha detto l'amministratore delegato Marco Ferretti.</p>")  # fmt: skip
    found = people_of(_story(body), "https://www.ferrotec.it/notizie/impianto")
    assert "Marco Ferretti" in found
