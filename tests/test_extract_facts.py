"""Facts read once and in every form: phones in prose and in any format, networks, founders.

Each test names the behaviour it guards; the pages are small, written like the real ones in
tests/data/judgments (whose figures tests/judge.py measures).
"""

from __future__ import annotations

import json

import pytest

from monitor.extract import html, layout
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
