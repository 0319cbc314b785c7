"""Phone and fax numbers as pages of many countries write them (monitor.extract.contacts).

A switchboard or fax label in the page's language ("Centralino", "Sentralbord", "Τηλ.",
"ファックス"), a number alone on a footer's line, a company or tax id that is no phone, a
number the numbering plan does not list yet, and a dealer's number beside the dealer's
address: each was a missed or a wrong contact on pages nobody tuned to.
"""

from __future__ import annotations

import pytest

from monitor.extract import contacts
from monitor.extract.page import extract_page
from monitor.models import Fact


def page(body: str, lang: str) -> bytes:
    return f'<!doctype html><html lang="{lang}"><head></head><body>{body}</body></html>'.encode()


def numbers(body: str, lang: str, url: str) -> set[tuple[str, str]]:
    found = extract_page(page(body, lang), url, "text/html").facts
    return {(f.field, f.value) for f in found if f.field in ("phone", "fax")}


@pytest.mark.parametrize(
    ("line", "country", "want"),
    [
        ("Centralino: 02 5555 1234", "IT", [("phone", "+390255551234")]),
        ("Sentralbord 22 55 51 00", "NO", [("phone", "+4722555100")]),
        ("Τηλ.: 210 555 1234", "GR", [("phone", "+302105551234")]),
        ("ファックス 06-5555-1234", "JP", [("fax", "+81655551234")]),
        ("传真 010-5555-1234", "CN", [("fax", "+861055551234")]),
        ("WhatsApp: 11 5555 1234", "AR", [("phone", "+541155551234")]),
    ],
)  # fmt: skip
def test_a_label_in_the_pages_language_names_the_number(line: str, country: str, want: list[tuple[str, str]]) -> None:
    assert contacts.phones_in(line, "", country) == want


def test_an_id_before_digits_is_no_phone() -> None:
    """"Org.nr. 996 555 120" (Norwegian company id) on a line that also gives the phone."""
    line = "Nordfjell Bygg AS · Org.nr. 996 555 120 MVA · Telefon 22 55 51 00"
    assert contacts.phones_in(line, "", "NO") == [("phone", "+4722555100")]
    assert contacts.phones_in("Vores CVR 36555812 · ring 86 55 50 20", "", "DK") == [("phone", "+4586555020")]


def test_a_number_alone_on_a_footer_line_is_the_phone() -> None:
    """A German footer giving street, town, number and e-mail, one a line, the number unlabelled."""
    body = ("<footer><p>Musterbau GmbH</p><p>Hafenstraße 5</p><p>20457 Hamburg</p><p>040 5555 1234</p>"
            '<p><a href="mailto:info@musterbau.de">info@musterbau.de</a></p></footer>')  # fmt: skip
    assert numbers(body, "de", "https://www.musterbau.de/") == {("phone", "+494055551234")}


@pytest.mark.parametrize("line", ["2023-2026", "12.03.2025", "12555678"])
def test_a_term_a_date_or_a_register_number_alone_is_no_phone(line: str) -> None:
    """Next to an e-mail, still no phone: a term of office, a date, an ungrouped register id."""
    lines = ["Zarząd", line, "biuro@przyklad.pl"]
    assert contacts.bare_numbers(lines, [1], "PL") == []


def test_a_number_the_plan_does_not_list_is_kept_in_e164() -> None:
    """A Dutch-speaking Belgian page: "Tel. 04 555 12 34" is a possible Belgian number that
    the numbering plan does not list; written nationally or with +32, it is one value."""
    assert contacts.phones_in("Tel. 04 555 12 34", "", "BE") == [("phone", "\x00+3245551234")]
    assert contacts.phones_in("Tel. +32 4 555 12 34", "", "BE") == [("phone", "\x00+3245551234")]


def test_a_dealers_number_beside_its_address_is_the_dealers() -> None:
    """A Czech page lists its German dealer: firm, address and number on one line."""
    kept = [Fact("phone", "+494741555220", None, "Holzhaus Nord GmbH, Am Deich 4, 27639 Wurster Nordseeküste, +49 4741 555 220"),
            Fact("phone", "+420222555123", None, "tel. 222 555 123")]  # fmt: skip
    dropped = [(Fact("address", "Am Deich 4, 27639 Wurster Nordseeküste", None, kept[0].evidence),
                "the address of another firm (Holzhaus Nord GmbH)")]  # fmt: skip
    facts, theirs = contacts.beside(kept, dropped)
    assert [f.value for f in facts] == ["+420222555123"]
    assert theirs == [(kept[0], "the address of another firm (Holzhaus Nord GmbH)")]


def test_a_single_letter_says_phone_or_fax() -> None:
    """Swiss footer "T +41 … · F +41 …"; a Spanish tax id "N.I.F." ends in "F." and is no fax."""
    line = "T +41 44 555 12 34 · F +41 44 555 12 35"
    assert contacts.phones_in(line, "", "CH") == [("phone", "+41445551234"), ("fax", "+41445551235")]
    assert contacts.phones_in("N.I.F. 84123456 · T. 91 555 12 34", "", "ES") == [("phone", "+34915551234")]
    found = contacts.from_text(["Zürich", "T 044 555 12 34", "F 044 555 12 35"], "CH")
    assert [(f.field, f.value) for f in found] == [("phone", "+41445551234"), ("fax", "+41445551235")]


def test_the_country_of_a_generic_domain_comes_from_the_language_or_the_address() -> None:
    """A .com page in Turkish reads "0 (212) 555 12 34" as Turkish; a .com page without a
    language region but with a Canadian address reads its national number as Canadian."""
    turkish = "<p>İletişim</p><p>Telefon: 0 (212) 555 12 34</p>"
    assert numbers(turkish, "tr", "https://www.bosphorusyazilim.com/iletisim") == {("phone", "+902125551234")}
    canadian = ("<p>Contact</p><p>Maple Freight Ltd.</p><p>88 Front Street, Toronto, ON M5J 1E6</p>"
                "<p>Phone: 416 555 0123</p>")  # fmt: skip
    assert numbers(canadian, "en", "https://www.maplefreight.com/contact") == {("phone", "+14165550123")}


@pytest.mark.parametrize(
    ("line", "country", "want"),
    [("Telp. (021) 555 1234", "ID", "+62215551234"), ("Điện thoại: 028 3555 1234", "VN", "+842835551234")],
)
def test_indonesian_and_vietnamese_labels(line: str, country: str, want: str) -> None:
    assert contacts.phones_in(line, "", country) == [("phone", want)]
