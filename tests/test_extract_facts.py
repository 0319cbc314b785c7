"""Facts read once and in every form: phones in prose and in any format, networks, founders.

Each test names the behaviour it guards; the pages are small, written like the real ones in
tests/data/judgments (whose figures tests/judge.py measures).
"""

from __future__ import annotations

import json

import pytest

from monitor.extract import address, company_name, html, layout
from monitor.extract.page import extract_page
from monitor.extract.social import classify
from monitor.models import Fact


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    """A minimal HTML page."""
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'.encode()


def facts(body: bytes, url: str = "https://acme.example/") -> tuple[Fact, ...]:
    """The facts the website extractor reads from a page."""
    return extract_page(body, url, "text/html").facts


def values(found: tuple[Fact, ...], name: str) -> set[str]:
    """The values of one field."""
    return {f.value for f in found if f.field == name}


def test_jsonld_founder_keeps_its_job_title() -> None:
    """A founder with a jobTitle ("Founder & CEO") keeps it; a bare founder is "Founder"."""
    org = {"@context": "https://schema.org", "@type": "Organization", "name": "Acme",
           "founder": [{"@type": "Person", "name": "Jane Doe", "jobTitle": "Founder & CEO"},
                       {"@type": "Person", "name": "John Roe"}]}  # fmt: skip
    head = f'<script type="application/ld+json">{json.dumps(org)}</script>'
    people = {f.value: f.role for f in facts(page("<p>About us</p>", head)) if f.field == "person"}
    assert people == {"Jane Doe": "Founder & CEO", "John Roe": "Founder"}


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://www.xing.com/companies/sassdatentechnikag", ("xing", "https://www.xing.com/companies/sassdatentechnikag")),
        ("https://www.xing.com/profile/Bernhard_Sgoda", ("xing", "https://www.xing.com/profile/bernhard_sgoda")),
        ("http://www.pinterest.com/vondersee/", ("pinterest", "https://www.pinterest.com/vondersee")),
        ("https://www.pinterest.de/acme/", ("pinterest", "https://www.pinterest.com/acme")),
        ("https://vimeo.com/shabka", ("vimeo", "https://vimeo.com/shabka")),
        ("https://pinterest.com/pin/create/button/?url=x", None),  # a share button
        ("https://vimeo.com/123456789", None),  # one video
        ("https://www.xing.com/", None),
    ],
)  # fmt: skip
def test_xing_pinterest_and_vimeo_profiles_are_links(href: str, expected: tuple[str, str] | None) -> None:
    """XING (companies, pages, profiles), Pinterest and Vimeo accounts; never shares or videos."""
    assert classify(href) == expected


def test_touching_inline_elements_keep_a_word_boundary() -> None:
    """``<span>Events</span><a>Atlas</a>`` reads "Events Atlas"; ``<b>W</b>ord`` stays a word."""
    tree = html.parse('<p><span>Events</span><a href="/a">Atlas</a> Labs and <b>W</b>ord</p>')
    assert layout.read(tree).lines == ("Events Atlas Labs and Word",)


@pytest.mark.parametrize(
    ("written", "url", "lang"),
    [
        ("03-4567-8902", "https://acme.co.jp/", "ja"),
        ("+81-3-4567-8902", "https://acme.co.jp/", "ja"),
        ("+81 3 4567 8902", "https://acme.example/", "en"),
        ("03.4567.8902", "https://acme.example/", "ja"),
    ],
)
def test_a_phone_in_prose_is_one_number_in_every_format(written: str, url: str, lang: str) -> None:
    """National and international forms of one number in running text give one E.164 value."""
    body = page(f"<p>お問い合わせは{written}までお電話ください。</p><p>Welcome to our company</p>", lang=lang)
    assert values(facts(body, url), "phone") == {"+81345678902"}


def test_prose_phone_without_label_is_read_for_the_pages_country() -> None:
    """"Ring oss på 21 23 98 31" on a Norwegian site is a phone, written nationally."""
    body = page("<p>Spørsmål? Ring oss på 21 23 98 31.</p><p>Faks: 21 23 12 66</p>", lang="no")
    found = facts(body, "https://acme.no/")
    assert values(found, "phone") == {"+4721239831"}
    assert values(found, "fax") == {"+4721231266"}


def test_an_invalid_labelled_number_is_kept_raw_and_flagged() -> None:
    """A labelled number failing validation is kept as written, and evidence says so."""
    body = page("<p>Telefon: +49 (0) 1234 56</p><p>Willkommen bei Acme</p>", lang="de")
    phones = [f for f in facts(body, "https://acme.de/") if f.field == "phone"]
    assert [f.value for f in phones] == ["+49123456"]
    assert phones[0].evidence.startswith("unvalidated number, kept as written")


def test_text_fact_holds_only_prose() -> None:
    """People, phone and e-mail lines and dated list entries are facts or items, not text."""
    body = page(
        "<main><p>We build boats in Kiel since 1990.</p>"
        "<p>Geschäftsführer: Erika Muster, Max Beispiel</p>"
        "<p>Telefon: +49 431 123456</p><p>E-Mail: info@acme.de</p>"
        '<ul><li><time>04.05.2026</time> <a href="/n/1">New hall opened</a></li></ul></main>',
        lang="de",
    )
    text = values(facts(body, "https://acme.de/"), "text")
    assert text == {"We build boats in Kiel since 1990."}


def people(found: tuple[Fact, ...]) -> dict[str, str | None]:
    """Name → role of the person facts."""
    return {f.value: f.role for f in found if f.field == "person"}


def test_team_list_with_titles_no_lexicon_knows() -> None:
    """Name/title pairs three times in a row count when the names start with known first
    names ("Sysadmin", "Netzwerker"); "Katze Kira" / "Chillerin" (the office cat) does not."""
    rows = [("Roland Alton", "Kommunikationsarchitekt"), ("Christian König", "IT Consulting"),
            ("David Ayers", "Sysadmin"), ("Dieter Koschek", "Netzwerker"),
            ("Katze Kira", "Chillerin")]  # fmt: skip
    body = page("<main><h2>Unser Team</h2>" + "".join(f"<p>{n}</p><p>{r}</p>" for n, r in rows) + "</main>",
                lang="de")
    assert people(facts(body, "https://acme.de/")) == dict(rows[:4])


def test_quoted_customers_are_not_people_but_quoted_chiefs_are() -> None:
    """A testimonial's signature (with its firm, or under a plain-paragraph quote) is a
    customer; "Ryan Merkley, CEO" under a quote on the company's page is its chief."""
    body = page(
        "<main><blockquote><p>They deliver on time.</p><footer>Lucas Smit, Technisch Directeur, "
        "Jansen &amp; Co</footer></blockquote>"
        "<p>\"Jodel ist für uns der ideale Kanal, um eine junge Zielgruppe anzusprechen.\"</p>"
        "<p>Robert Waltke, Senior Manager Digital Marketing</p>"
        "<blockquote><p>Our work is to build a vibrant commons.</p><p>Ryan Merkley, CEO</p></blockquote>"
        "</main>"
    )
    assert people(facts(body)) == {"Ryan Merkley": "CEO"}


def test_the_company_name_over_its_slogan_is_not_a_person() -> None:
    """ "Larsen Werke" above "Your reliable partner" is the company, not a partner."""
    body = page("<main><h1>Larsen Werke</h1><p>Uw betrouwbare partner</p><h2>Team</h2>"
                "<p>Daan Jansen</p><p>Algemeen Directeur</p><p>Emma Visser</p><p>Financieel Directeur</p>"
                "</main>", head="<title>Larsen Werke</title>", lang="nl")
    assert people(facts(body, "https://larsen.nl/")) == {
        "Daan Jansen": "Algemeen Directeur", "Emma Visser": "Financieel Directeur"}


@pytest.mark.parametrize(
    ("line", "lang", "name", "title"),
    [
        ("Teknisk direktør: Ingrid Olsen", "no", "Ingrid Olsen", "Teknisk direktør"),
        ("Der neue Besitzer: Reinhold Messner", "de", "Reinhold Messner", "Besitzer"),
        ("Amministratore Delegato: Lorenzo Rossi", "it", "Lorenzo Rossi", "Amministratore Delegato"),
        ("Verkställande direktör: Erik Andersson", "sv", "Erik Andersson", "Verkställande direktör"),
    ],
)
def test_title_colon_name_lines_in_many_languages(line: str, lang: str, name: str, title: str) -> None:
    """ "Title: Name" names a person in NO, DE, IT, SV as in EN."""
    assert people(facts(page(f"<main><p>{line}</p><p>Welcome.</p></main>", lang=lang))) == {name: title}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["© 2021 The Jodel Venture GmbH. All Rights Reserved."], "The Jodel Venture GmbH"),
        (["Copyright © 2001-2026 Finya GmbH & Co. KG. Alle Rechte vorbehalten."], "Finya GmbH & Co. KG"),
        (["The app is provided by Personal Best, Inc. (\"Personals\")."], "Personal Best, Inc"),
        (["The data is processed by SAS HAPPN, in its capacity as data controller."], "SAS HAPPN"),
        (["together ag | Poststrasse 18 | CH-9001 St.Gallen"], "together ag"),
        (["© 2020, St. Georgs Chorknaben Ulm"], "St. Georgs Chorknaben Ulm"),
        (["Wir nutzen einen Dienst des Unternehmens Google Ireland Limited, Gordon House."], None),
    ],
)
def test_legal_name_from_imprint_copyright_and_controller_lines(lines: list[str], expected: str | None) -> None:
    """The name with its legal form, the © holder; never a processor named in passing."""
    found = [f.value for f in company_name.find(lines)]
    assert found == ([expected] if expected else [])


def test_the_sites_own_name_wins_over_its_insurer() -> None:
    """An imprint names its insurer with a legal form; the site's own name is the company."""
    lines = ["Angaben zur Berufshaftpflichtversicherung", "Gothaer Allgemeine Versicherung AG",
             "© 2020 Agentur MARKE ICH"]
    assert [f.value for f in company_name.find(lines, "markeich")] == ["Agentur MARKE ICH"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Kontakt", "PO Box 1866, Mountain View, CA 94042"], "PO Box 1866, Mountain View, CA 94042"),
        (["Kontakt", "Rua Augusta 27", "1100-048 Lisboa"], "Rua Augusta 27, 1100-048 Lisboa"),
        (["Kontakt", "Storgatan 48", "111 51 Stockholm"], "Storgatan 48, 111 51 Stockholm"),
        (["Kontakt", "Kerkstraat 8", "1012 AB Amsterdam"], "Kerkstraat 8, 1012 AB Amsterdam"),
        (["Postadresse: Postboks", "113 Kalbakken, 0902 Oslo"], "113 Kalbakken, 0902 Oslo"),
        (["Rechtsanwalt", "Vorwerks Hof 9, 32130 Enger", "kanzlei@example.de"], "Vorwerks Hof 9, 32130 Enger"),
    ],
    ids=["po-box-us", "pt", "se", "nl", "no-po-box", "contact-block"],
)  # fmt: skip
def test_postal_addresses_of_more_shapes(lines: list[str], expected: str) -> None:
    """PO boxes, Portuguese, Swedish, Dutch postcodes; an address in a contact block."""
    assert [f.value for f in address.find(lines)] == [expected]


@pytest.mark.parametrize("content_type", ["text/plain; charset=utf-8", "text/markdown"])
def test_plain_text_and_markdown_pages_give_facts(content_type: str) -> None:
    """A text or Markdown page goes through the same extractors (it used to fail as not HTML)."""
    body = (
        "[Acme](/)\n\n[](https://facebook.com/acmeboats)[](https://mastodon.social/@acme)\n\n"
        "**Impressum**\nAcme GmbH\nHauptstraße 5\n10115 Berlin\nTelefon: +49 30 1234567\n"
        "Geschäftsführer: Erika Muster\n"
    ).encode()
    obs = extract_page(body, "https://acme.de/impressum.md", content_type)
    assert obs.outcome.value == "ok", obs.detail
    assert values(obs.facts, "phone") == {"+49301234567"}
    assert values(obs.facts, "link.mastodon") == {"https://mastodon.social/@acme"}
    assert values(obs.facts, "link.facebook") == {"https://www.facebook.com/acmeboats"}
    assert people(obs.facts) == {"Erika Muster": "Geschäftsführer"}
    assert values(obs.facts, "address") == {"Hauptstraße 5, 10115 Berlin"}


def test_class_marked_name_and_title_pair_and_staff_quotes_count() -> None:
    """``…__name`` / ``…__title`` pair a person; a staff quote signed with the company's
    name counts, a customer's testimonial card does not."""
    body = page(
        '<main><cite><span class="elementor-testimonial__name">Anna Rass</span>'
        '<span class="elementor-testimonial__title">PR &amp; Communications, Shabka</span></cite>'
        '<div class="testimonial-wrapper"><p>Great reach.</p><div class="testimonial-details">'
        '<div class="name">Robert Waltke</div><div class="title">Senior Manager Digital Marketing'
        "</div></div></div><p>We are a think tank.</p></main>"
    )
    assert people(facts(body, "https://shabka.org/about-us/")) == {
        "Anna Rass": "PR & Communications, Shabka"}


@pytest.mark.parametrize(
    ("body", "url", "expected"),
    [
        ("<p>Hey, I'm Kiko Beats, a millennial doing stuff on internet.</p>", "https://kikobeats.com/", "Kiko Beats"),
        ("<p>Ich bin Jens-Christof Niemeyer, Rechtsanwalt in Enger.</p>", "https://anwalt.example/", "Jens-Christof Niemeyer"),
        ("<p>©2020 - Bernhard Sgoda - RENT A SALESMAN®</p>", "https://rent-a-salesman.eu/", "Bernhard Sgoda"),
    ],
)  # fmt: skip
def test_a_personal_sites_owner_introduces_themself(body: str, url: str, expected: str) -> None:
    """ "I'm X" (a known first name, or the site's own name) and a person holding the ©."""
    assert expected in people(facts(page(f"<main>{body}<p>Welcome to the site.</p></main>"), url))


def test_contacts_of_authorities_and_vendors_are_not_the_companys() -> None:
    """A privacy page names its supervisory authority and a vendor with their numbers and
    mail: none of those is the company's; its own DPO address (cnil@…) is."""
    body = page(
        "<main><p>Verantwortlich: Acme GmbH, Kehrwieder 11, 20457 Hamburg</p>"
        "<p>E-Mail: datenschutz@acme.de</p><p>Exercer vos droits : cnil@acme.fr</p>"
        "<p>Wir verwenden Google Maps, einen Dienst des Unternehmens Google Ireland Limited, "
        "Tel: +353 1 543 1000</p>"
        "<p>Zuständige Datenschutzaufsichtsbehörde:</p><p>Der Hamburgische Beauftragte für "
        "Datenschutz und Informationsfreiheit</p><p>Ludwig-Erhard-Str. 22</p><p>20459 Hamburg</p>"
        "<p>Tel.: 040 42854 - 4040</p><p>E-Mail: mailbox@datenschutz.hamburg.de</p></main>",
        lang="de",
    )
    found = facts(body, "https://acme.de/datenschutz")
    assert values(found, "email") == {"datenschutz@acme.de", "cnil@acme.fr"}
    assert not values(found, "phone")


def test_evidence_says_which_rule_found_each_person_and_titles_are_dropped() -> None:
    """Each person's evidence names its reading ([label], [card], …); "Mag." and "Ing." are
    academic titles, not part of the name."""
    body = page(
        "<main><p>Geschäftsführer: Mag. Eva Huber, Ing. Karl-Heinz Maier</p>"
        '<div class="card"><h3>Anna Weber</h3><p>Head of Design</p></div>'
        '<div class="card"><h3>Jonas Berg</h3><p>Head of Sales</p></div></main>',
        lang="de",
    )
    evidence = {f.value: f.evidence for f in facts(body, "https://acme.at/") if f.field == "person"}
    assert set(evidence) == {"Eva Huber", "Karl-Heinz Maier", "Anna Weber", "Jonas Berg"}
    assert evidence["Eva Huber"].startswith("[label] Geschäftsführer:")
    assert evidence["Anna Weber"].startswith("[") and "Anna Weber / Head of Design" in evidence["Anna Weber"]


def test_jsonld_persons_with_a_job_title_are_people_but_not_other_firms_staff() -> None:
    """A top-level Person or an about page's main entity with a jobTitle is a person; a
    speaker "VP of Sales at Cloudera" or a contributing writer is not the company's."""
    nodes = [
        {"@context": "https://schema.org", "@type": "AboutPage",
         "mainEntity": {"@type": "Person", "name": "Dr. Anna Weber", "jobTitle": "Geschäftsführerin"}},
        {"@context": "https://schema.org", "@type": "Person", "name": "Lars Nilsson",
         "jobTitle": "VP of Global Inside Sales at Cloudera"},
        {"@context": "https://schema.org", "@type": "Person", "name": "Joanne Carew",
         "jobTitle": "Contributing writer"},
    ]  # fmt: skip
    head = "".join(f'<script type="application/ld+json">{json.dumps(n)}</script>' for n in nodes)
    assert people(facts(page("<p>Über uns und mehr</p>", head, lang="de"))) == {"Anna Weber": "Geschäftsführerin"}


def test_the_address_tells_the_country_of_national_numbers() -> None:
    """A .com page without a language region reads "0471 80 60 745" for the country its own
    address names ("…, Deutschland"), where it used to leave the number unread."""
    body = page("<main><p>Impressum</p><p>Acme GmbH</p><p>Eckleinjarten 6</p><p>27580 Bremerhaven</p>"
                "<p>Deutschland</p><p>Tel.: 0471 80 60 745</p></main>").replace(b' lang="en"', b"")
    assert values(facts(body, "https://acme.com/"), "phone") == {"+494718060745"}
