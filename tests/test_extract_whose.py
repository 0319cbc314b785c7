"""Whose page it is (monitor.extract.whose): a press release belongs to the firm that issued it.

A press wire or press service shows releases of other firms: the quoted chief, the media
contact, the "About <Firm>" address are that firm's, and reporting them as the site's is a
false leadership and contact alert. Hand-made pages in four house styles and languages; the
site's own newsroom, and a company page whose menu says "Über Anna Berg", keep their people.
"""

from __future__ import annotations

import json

from monitor.extract.page import extract_page


def _facts(html: str, url: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for fact in extract_page(html.encode(), url, "text/html").facts:
        out.setdefault(fact.field, set()).add(fact.value)
    return out


def _ld(publisher: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "News",
            "publisher": {"@type": "Organization", "name": publisher}}  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _wire_en(issuer: str, site_name: str) -> str:
    return (
        f"<!doctype html><html><head><title>{issuer} launches Beacon | {site_name}</title>"
        f'<meta property="og:type" content="article"><meta property="og:site_name" content="{site_name}">'
        f"{_ld(issuer)}</head><body><main><article><h1>{issuer} launches Beacon</h1>"
        f"<p>May 2, 2024 09:00 ET | Source: {issuer}</p>"
        f'<p>"Beacon is our biggest launch," said Laura Whitfield, CEO and co-founder of {issuer}.</p>'
        '<p>"We rely on it daily," said Omar Haddad, Director of Analytics at Parcelly.</p>'
        f"<h2>About {issuer}</h2><p>{issuer} builds data tools for retailers.</p>"
        "<p>Media contact:</p><p>Nina Brooks</p><p>Brightline PR</p>"
        '<p><a href="mailto:brightfold@brightline-pr.com">brightfold@brightline-pr.com</a></p>'
        "<p>Phone: +1 415 555 0134</p>"
        "</article></main></body></html>"
    )


def test_a_wires_release_gives_neither_the_issuers_people_nor_its_media_contact() -> None:
    found = _facts(_wire_en("Brightfold", "NewsFlow Wire"), "https://www.newsflowwire.com/release/1")
    assert not found.get("person"), found.get("person")
    assert "brightfold@brightline-pr.com" not in found.get("email", set())
    assert "+14155550134" not in found.get("phone", set())


def test_the_sites_own_release_keeps_its_chief_and_its_contact() -> None:
    found = _facts(_wire_en("Brightfold", "Brightfold"), "https://www.brightfold.com/news/beacon")
    assert "Laura Whitfield" in found.get("person", set())


def test_a_german_press_service_drops_the_issuers_contacts_and_address() -> None:
    page = (
        "<!doctype html><html><head><title>Pressemitteilung | Energiedienst-Presse</title></head>"
        "<body><main><p>Pressemitteilung</p><p>Herausgeber: Windhafen SE</p>"
        "<h1>Windhafen liefert 40 Turbinen</h1><p>Die Windhafen Group hat einen Auftrag erhalten.</p>"
        "<p>Pressekontakt:</p><p>Windhafen SE</p><p>Jonas Albrecht</p>"
        "<p>Tel: +49 40 3003 1000</p><p>E-Mail: jalbrecht@windhafen-online.com</p>"
        "<p>Windhafen SE</p><p>Am Kaiserkai 12</p><p>20457 Hamburg</p>"
        "<h2>Über Windhafen SE</h2><p>Die Windhafen SE baut Windenergieanlagen seit 1985.</p>"
        "<footer><p>Copyright © Energiedienst 2024</p></footer></main></body></html>"
    )
    found = _facts(page, "https://www.energiedienst-presse.de/pm-1")
    assert "jalbrecht@windhafen-online.com" not in found.get("email", set())
    assert "+494030031000" not in found.get("phone", set())
    assert not found.get("address"), found.get("address")
    assert "Windhafen SE" not in found.get("legal_name", set())


def test_a_french_and_a_spanish_release_name_their_issuer_their_own_way() -> None:
    fr = (
        "<!doctype html><html><head><title>Communiqué | Fil Presse</title></head><body><main>"
        "<p>Émetteur : Vertalia</p><h1>Vertalia ouvre Lyon</h1>"
        "<p>Le Directeur Général de Vertalia est Monsieur Hugo Ferrand.</p>"
        "<h2>À propos de Vertalia</h2><p>Vertalia conçoit des logiciels.</p></main></body></html>"
    )
    es = (
        "<!doctype html><html><head><title>Nota de prensa | Agencia Cable</title></head><body><main>"
        "<p>Fuente: Solerno</p><h1>Solerno abre en Madrid</h1>"
        "<p>Marta Gil, Directora General de Solerno, presentó el plan.</p>"
        "<h2>Acerca de Solerno</h2><p>Solerno fabrica baterías.</p></main></body></html>"
    )
    assert not _facts(fr, "https://www.filpresse.fr/c/1").get("person")
    assert not _facts(es, "https://www.agenciacable.es/n/1").get("person")


def test_one_kind_of_sign_is_no_issuer() -> None:
    """A menu repeating "Über Anna Berg", a photo credit "Quelle: dpa": the site's people stay."""
    page = (
        "<!doctype html><html><head><title>Impressum | Berg Design</title></head><body>"
        "<nav><a>Über Anna Berg</a></nav><main><h1>Impressum</h1><p>Berg Design GmbH</p>"
        "<p>Geschäftsführerin: Anna Berg</p><p>Quelle: dpa</p></main>"
        "<footer><a>Über Anna Berg</a></footer></body></html>"
    )
    assert "Anna Berg" in _facts(page, "https://www.bergdesign.de/impressum").get("person", set())


def test_a_customers_officer_quoted_on_the_sites_own_release_is_not_its_person() -> None:
    """ "Director of Analytics at Parcelly", "Geschäftsführerin bei Kundenwerk": another firm's
    officer; "CTO at Brightfold" on brightfold.com is the site's own."""
    page = (
        "<!doctype html><html><head><title>News | Brightfold</title></head><body><main>"
        '<p>"We rely on it daily," said Omar Haddad, Director of Analytics at Parcelly.</p>'
        "<p>„Ein Gewinn“, sagte Jana Roth, Geschäftsführerin bei Kundenwerk.</p>"
        "<p>Léa Morel, directrice générale chez Vertalia, a salué le lancement.</p>"
        '<p>"It scales," said Tom Reyes, CTO at Brightfold.</p></main></body></html>'
    )
    people = _facts(page, "https://www.brightfold.com/news/beacon").get("person", set())
    assert people == {"Tom Reyes"}


def test_what_was_left_out_and_why_is_said_in_the_detail() -> None:
    html = _wire_en("Brightfold", "NewsFlow Wire")
    detail = extract_page(html.encode(), "https://www.newsflowwire.com/release/1", "text/html").detail or ""
    assert "person Laura Whitfield (a person of Brightfold's release" in detail
    assert detail.count("brightfold@brightline-pr.com") == 1


def _wire_story(ending: str) -> str:
    return (
        "<!doctype html><html><head><title>Lumen opens Oslo office</title>"
        '<meta property="og:type" content="article"></head><body><main><article>'
        "<h1>Lumen opens Oslo office</h1>"
        '<p>"Oslo is our gateway to the Nordics," said Ingrid Olsen, CEO of Lumen.</p>'
        f"{ending}</article></main></body></html>"
    )


def test_on_a_press_wire_one_sign_names_the_issuer_and_none_still_means_one() -> None:
    """A wire's release ends with "SOURCE Lumen AS" only, or names no issuer at all."""
    for ending in ("<p>SOURCE Lumen AS</p>", "<p>Contact: press@lumen.no</p>"):
        found = _facts(_wire_story(ending), "https://www.prnewswire.com/news-releases/lumen-301.html")
        assert not found.get("person"), (ending, found.get("person"))
        assert "press@lumen.no" not in found.get("email", set())


def test_a_wires_own_team_page_keeps_its_people() -> None:
    page = (
        "<!doctype html><html><head><title>Leadership | PR Newswire</title></head><body><main>"
        '<div class="member"><h3>Anna Berg</h3><p>Chief Executive Officer</p></div>'
        '<div class="member"><h3>Tom Lind</h3><p>Chief Technology Officer</p></div></main></body></html>'
    )
    assert {"Anna Berg", "Tom Lind"} <= _facts(page, "https://www.prnewswire.com/about/leadership").get("person", set())


def test_a_reprinted_release_names_its_issuer_in_its_dateline_and_boilerplate() -> None:
    """A trade magazine reprinting a wire's release: the dateline and "About Lumen" agree."""
    page = (
        "<!doctype html><html><head><title>Lumen opens Oslo office | Nordic Tech Weekly</title></head>"
        "<body><main><article><h1>Lumen opens Oslo office</h1>"
        "<p>OSLO, Norway, May 2, 2024 /PRNewswire/ -- Lumen Systems AS, the sensor maker, today opened "
        'an office in Oslo. "Oslo is our gateway," said Ingrid Olsen, CEO of Lumen.</p>'
        "<h2>About Lumen Systems</h2><p>Lumen Systems builds sensors.</p></article></main></body></html>"
    )
    assert not _facts(page, "https://www.nordictechweekly.no/news/lumen-oslo").get("person")
