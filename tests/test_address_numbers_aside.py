"""Numbers near addresses and phones, kept apart from the rules' making: prose with years,
counts and ranks, distances, digits of other scripts, one-letter phone labels and three-digit
postcodes, in cases the rules were not written against (see tests/test_address_numbers.py)."""

from __future__ import annotations

import pytest

from monitor.extract import address, contacts

# (lines, the page's country, pieces one found address must hold)
ASIDE_ADDRESSES = [
    # a distance line between the street and the locality is no part of the address
    (
        ["Kontakt", "Bäckerei Sonne", "Lindenweg 7", "5 Gehminuten vom Bahnhof", "79098 Freiburg"],
        "DE",
        ("79098", "7"),
    ),
    # Arabic-Indic digits: the house number and the postcode
    (["اتصل بنا", "شارع الملك فهد ١٢، الرياض ١١٥٦٤"], "SA", ("١١٥٦٤", "١٢")),
    # Devanagari digits
    (["संपर्क", "१२, गांधी मार्ग, नई दिल्ली ११०००१"], "IN", ("११०००१", "१२")),
    # Bengali digits
    (["যোগাযোগ", "১২ গুলশান এভিনিউ, ঢাকা ১২১২"], "BD", ("১২১২", "১২")),
    # Thai digits, the whole address in one part
    (["ติดต่อเรา", "๙๙/๕ ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพฯ ๑๐๑๑๐"], "TH", ("๑๐๑๑๐", "๙๙")),
    # full-width digits in a Japanese address
    (["お問い合わせ", "〒１５０-０００２ 東京都渋谷区渋谷２-２１-１"], "JP", ("１５０-０００２",)),
    # Iceland: three digits on a page of the country
    (["Hafið ehf.", "Laugavegur 26", "101 Reykjavík", "Sími 555 6789"], "IS", ("101", "26")),
    # Iceland: the country's name after the locality says it on a page of any domain
    (
        ["Um okkur", "Bryggjan ehf.", "Hafnargata 8", "230 Reykjanesbær", "Ísland"],
        None,
        ("230", "8"),
    ),
    # Faroe Islands: the postcode with its country prefix
    (["Kontakt", "Skipalag P/F", "Gongin 5", "FO-100 Tórshavn"], None, ("100", "5")),
    # one-letter labels as the only contact sign: French, Danish, Italian
    (
        ["Atelier Lune", "14 rue des Lilas", "69003 Lyon", "T. 04 78 12 34 56"],
        "FR",
        ("69003", "14"),
    ),
    (
        ["Studio Nord", "Vesterbrogade 12", "1620 København V", "M. +45 20 12 34 56"],
        "DK",
        ("1620", "12"),
    ),
    (
        ["Laboratorio Sole", "Via Garibaldi 8", "10122 Torino", "F. 011 123 4567"],
        "IT",
        ("10122", "8"),
    ),
]

# (lines, the page's country): nothing here is an address
ASIDE_NOT_ADDRESSES = [
    (["Kontakt", "Seit 2012 Nr. 1 bei 45000 Kunden"], "DE"),
    (["Contact", "In 2020 we were No. 3 with 15000 Customers"], "GB"),
    (["Contact", "En 2018, n° 2 avec 30000 Clients"], "FR"),
    (["Contacto", "En 2017 fuimos nº 4 con 28000 Clientes"], "ES"),
    (["Contatti", "Nel 2021 n. 1 con 20100 Utenti"], "IT"),
    (["Kontakt", "W 2019 roku nr 5 i 15000 Klientów"], "PL"),
    (["Contact", "500 m from the station", "75001 Paris"], "FR"),
    (["Kontakt", "5 min zu Fuß", "8001 Zürich"], "CH"),
    (["Contact", "Only 2 km from the airport, 30000 Visitors a year"], "GB"),
    (["Kontakt", "Artikel 4711 12345 Edition"], "DE"),
    (["Kontakt", "Preis 1299 Euro, 2499 Euro Premium"], "DE"),
    (["Hafið ehf.", "Opið 10 til 18", "Við erum 12", "300 Starfsmenn"], "IS"),
]

# (line, the page's country, the E.164 numbers read from it)
ASIDE_PHONES = [
    ("تلفن: ۰۲۱-۸۸۷۷۶۶۵۵", "IR", {"+982188776655"}),
    ("फ़ोन: ०११ २३४५ ६७८९", "IN", {"+911123456789"}),
    ("โทร. ๐๒ ๑๒๓ ๔๕๖๗", "TH", {"+6621234567"}),
    ("هاتف: ٠١١ ٤٦٥ ١٢٣٤", "SA", {"+966114651234"}),
    ("電話：０３－１２３４－５６７８", "JP", {"+81312345678"}),
    ("M. 06 12345678", "NL", {"+31612345678"}),
    ("T. 93 111 22 33", "ES", {"+34931112233"}),
    ("Im Jahr 2019 Nr. 5 12000 Kunden", "DE", set()),
    ("M. 12 Jahre Erfahrung", "DE", set()),
    ("F. 25 Stück", "DE", set()),
]


def addresses(lines: list[str], country: str | None) -> list[str]:
    return [f.value for f in address.find(lines, country)]


def phones(line: str, country: str) -> set[str]:
    facts = contacts.from_text(["Kontakt", line], country)
    return {f.value for f in facts if f.field in ("phone", "fax")}


@pytest.mark.parametrize(("lines", "country", "want"), ASIDE_ADDRESSES)
def test_aside_address(lines: list[str], country: str | None, want: tuple[str, ...]) -> None:
    found = addresses(lines, country)
    assert any(all(piece in value for piece in want) for value in found), found


@pytest.mark.parametrize(("lines", "country"), ASIDE_NOT_ADDRESSES)
def test_aside_not_an_address(lines: list[str], country: str | None) -> None:
    assert addresses(lines, country) == []


@pytest.mark.parametrize(("line", "country", "want"), ASIDE_PHONES)
def test_aside_phones(line: str, country: str, want: set[str]) -> None:
    assert phones(line, country) == want
