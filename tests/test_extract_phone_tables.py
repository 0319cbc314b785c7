"""Numbers in a table column headed by a phone or fax label, and phone and fax labels of more
scripts (monitor.extract.contacts)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import contacts, layout
from monitor.extract.page import extract_page


def page(body: str, lang: str) -> bytes:
    return f'<!doctype html><html lang="{lang}"><head></head><body>{body}</body></html>'.encode()


def numbers(body: str, lang: str, url: str) -> set[tuple[str, str]]:
    found = extract_page(page(body, lang), url, "text/html").facts
    return {(f.field, f.value) for f in found if f.field in ("phone", "fax")}


def table(head: list[str], rows: list[list[str]], thead: bool = True) -> str:
    top = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>" if thead else (
        f"<table><tr>{top}</tr>{body}</table>")


TABLES = [
    # Finland: a staff directory, the number in the third column
    (table(["Nimi", "Tehtävä", "Puhelin"], [["Liisa Mäki", "toimitusjohtaja", "040 512 7731"],
                                           ["Pekka Ojala", "talouspäällikkö", "040 512 7735"]]),
     "fi", "https://yritys.fi/henkilosto", {("phone", "+358405127731"), ("phone", "+358405127735")}),
    # Sweden: no thead, the phone column last
    (table(["Namn", "Befattning", "Telefon"], [["Magnus Ek", "VD", "0612-71 82 01"]], thead=False),
     "sv", "https://bolag.se/kontakt", {("phone", "+46612718201")}),
    # Germany: a phone and a fax column side by side
    (table(["Standort", "Telefon", "Fax"], [["Köln", "0221 555 1230", "0221 555 1239"]]),
     "de", "https://firma.de/standorte", {("phone", "+492215551230"), ("fax", "+492215551239")}),
]


@pytest.mark.parametrize(("body", "lang", "url", "want"), TABLES)
def test_table_column(body: str, lang: str, url: str, want: set[tuple[str, str]]) -> None:
    assert want <= numbers(body, lang, url)


def test_column_without_phone_heading_gives_no_phone() -> None:
    body = table(["Tilausnumero", "Tuote", "Määrä"], [["040 512 7731", "Ruuvi", "12"]])
    assert numbers(body, "fi", "https://kauppa.fi/tilaukset") == set()


def test_other_column_of_a_phone_table_gives_no_phone() -> None:
    body = table(["Asiakasnumero", "Puhelin"], [["040 512 7799", "040 512 7731"]])
    text = layout.read(LexborHTMLParser(page(body, "fi").decode()))
    found = {(f.field, f.value) for f in contacts.table_numbers(text, "FI")}
    assert found == {("phone", "+358405127731")}


LABELS = [
    ("Simu ya mkononi: 0754 381 620", "TZ", ("phone", "+255754381620")),
    ("දුරකථන: 066 222 4871", "LK", ("phone", "+94662224871")),
    ("ෆැක්ස්: 066 222 4879", "LK", ("fax", "+94662224879")),
    ("ໂທ: 021 214 908", "LA", ("phone", "+85621214908")),
    ("ແຟັກ: 021 214 909", "LA", ("fax", "+85621214909")),
    ("Sími 474 1190", "IS", ("phone", "+3544741190")),
]


@pytest.mark.parametrize(("line", "country", "want"), LABELS)
def test_script_labels(line: str, country: str, want: tuple[str, str]) -> None:
    assert want in contacts.phones_in(line, "", country)


@pytest.mark.parametrize("raw", ["+52 1 951 208 4471", "+52 951 208 4471", "+521 9512084471", "951 208 4471"])
def test_mexican_mobile_one_is_one_number(raw: str) -> None:
    assert nz.phone(raw, "MX") == "+529512084471"


def test_mexican_number_of_eleven_digits_keeps_its_digits() -> None:
    assert nz.phone("+52 55 1234 5678", None) == "+525512345678"


@pytest.mark.parametrize(
    ("line", "country", "want"),
    [
        # another line's last digits after a slash: both lines
        ("दूरध्वनी: 0217-272 3541 / 42", "IN", {("phone", "+912172723541"), ("phone", "+912172723542")}),
        ("Tel: 020 7946 0123 / 24", "GB", {("phone", "+442079460123"), ("phone", "+442079460124")}),
        # a range of lines: its first line
        ("فون: +92 41 8712 340-43", "PK", {("phone", "+92418712340")}),
        # a Marathi fax label
        ("फॅक्स: 0217-272 3549", "IN", {("fax", "+912172723549")}),
    ],
)
def test_alternate_endings_and_ranges(line: str, country: str, want: set[tuple[str, str]]) -> None:
    assert set(contacts.phones_in(line, "", country)) == want


@pytest.mark.parametrize(("lang", "body", "want"), [
    ("lo", "<p>ໂທ: 021 214 908</p>", ("phone", "+85621214908")),
    ("si", "<p>දුරකථන: 011 244 7390</p>", ("phone", "+94112447390")),
    ("mr", "<p>दूरध्वनी: 0217-272 3541</p>", ("phone", "+912172723541")),
])
def test_country_from_a_language_of_one_country(lang: str, body: str, want: tuple[str, str]) -> None:
    assert want in numbers(body, lang, "https://example.com/contact")
