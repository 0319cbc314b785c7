"""Numbers near addresses and phones: prose with years, counts and ranks is no address;
distances are no units nor places; digits of other scripts read as digits while the address
keeps them as written; a one-letter phone label marks a contact block; three-digit postcodes
count where the page's country writes them."""

from __future__ import annotations

import pytest

from monitor import normalize as nz
from monitor.extract import address, contacts

# (lines, the page's country, pieces one found address must hold)
NUMBER_ADDRESSES = [
    # a street name with a number of its own keeps it when a street word says it is a street
    (["Kontakt", "Straße des 17. Juni 135", "10623 Berlin"], "DE", ("10623", "135")),
    (["Kontakt", "ul. 3 Maja 12, 00-241 Warszawa"], "PL", ("00-241", "3 Maja 12")),
    (["Contacto", "Calle 13 No. 45, 28013 Madrid"], "ES", ("28013", "45")),
    # a house number after its number word, with a street word
    (["Contatti", "Via Roma n. 5, 00184 Roma"], "IT", ("00184", "5")),
    # a distance between the street and the locality is left out
    (["Kontakt", "Seestraße 5, 500 m vom Bahnhof, 12345 Berlin"], "DE", ("12345", "Seestraße 5")),
    (
        ["Contact", "Harbour Inn Ltd", "12 Quay Street", "200 m from the ferry", "Limerick V94 E2K3"],
        "IE",
        ("V94", "12"),
    ),
    (
        ["Contacto", "Calle Mayor 5", "a 200 metros de la estación", "28013 Madrid"],
        "ES",
        ("28013", "Mayor 5"),
    ),
    (
        ["Kontakt", "Bahnhofstraße 12", "ca. 300 m vom Bahnhof", "80331 München"],
        "DE",
        ("80331", "12"),
    ),
    # a town whose name opens with a unit word is a town
    (["Mawasiliano", "Barabara ya Kenyatta 12", "Mwanza 33101"], "TZ", ("33101", "Mwanza")),
    (["Kontakt", "Hotel Am See GmbH", "Seeweg 4", "Stockholm 11151"], "SE", ("11151", "4")),
    # digits of other scripts: Persian, Arabic-Indic, Devanagari, full-width
    (["تماس با ما", "خیابان ولیعصر ۱۲، تهران ۱۴۳۳۶"], "IR", ("۱۴۳۳۶", "۱۲")),
    (["Kontakt", "Hauptstraße ５", "１２３４５ Berlin"], "DE", ("１２３４５", "５")),
    (["संपर्क", "४५, नेहरू मार्ग, जयपुर ३०२००१"], "IN", ("३०२००१", "४५")),
    # a street word of Bengali before a four-digit postcode after the town
    (["যোগাযোগ", "৪৫ কাকরাইল রাস্তা, ঢাকা ১০০০"], "BD", ("১০০০", "৪৫")),
    # one-letter labels as the only contact sign
    (
        [
            "Estudi Vall SLP",
            "Carrer de Mallorca, 214, baixos",
            "08008 Barcelona",
            "T. 93 111 22 33",
        ],
        "ES",
        ("08008", "214"),
    ),
    (
        ["Atelier Bleu", "Kerkstraat 10", "1017 GB Amsterdam", "E. info@atelierbleu.nl"],
        "NL",
        ("1017 GB", "10"),
    ),
    (
        ["Brauerei Kranz", "Lindenstraße 3", "01067 Dresden", "F: 0351 1234567"],
        "DE",
        ("01067", "3"),
    ),
    # a unit with its number before a named building is one
    (["Contact", "Unit 3", "Lower Farm", "Ludlow SY8 1AA"], "GB", ("SY8 1AA", "Unit 3")),
    # three-digit postcodes: Iceland, the Faroe Islands, Madagascar
    (
        ["Sjávarfang ehf.", "Strandgata 12", "220 Hafnarfjörður", "Sími: 555 1234"],
        None,
        ("220", "12"),
    ),
    (["Kontakt", "Bakkin 3", "100 Tórshavn"], "FO", ("100", "3")),
    (
        ["Contact", "Lot II M 85, Rue Ratsimilaho", "101 Antananarivo"],
        "MG",
        ("101", "Antananarivo"),
    ),
    (["Contact", "Laugavegur 77, IS-101 Reykjavík"], None, ("101", "77")),
]

# (lines, the page's country): nothing here is an address
NUMBER_NOT_ADDRESSES = [
    # years, ranks and counts in prose
    (["Kontakt", "Im Jahr 2019 Nr. 5 12000 Kunden"], "DE"),
    (["Kontakt", "Wir sind Nr. 5, 12000 Kunden"], "DE"),
    (["Contact", "Since 2015 ranked No. 2, 40000 Users"], "US"),
    (["Contacto", "Desde 2010 somos el nº 1 y 25000 Clientes"], "ES"),
    (["Contact", "Depuis 2016 n° 1 et 12000 Clients"], "FR"),
    (["Kontakt", "In 2018 nummer 3 met 8000 Klanten"], "NL"),
    # distances
    (["Kontakt", "500 m vom Bahnhof", "12345 Berlin"], "DE"),
    (["Contact", "2 km from the beach, 12000 Guests"], "GB"),
    (["Kontakt", "10 min. zu Fuß, 80331 München"], "DE"),
    # a town opening with a unit word ("m", "sal") is no unit of a named building
    (["Contact", "Mwanza", "Kisesa Farm", "Hereford HR1 4RF"], "GB"),
    (["Contact", "Salzburg", "Lower Farm", "Ludlow SY8 1AA"], "GB"),
    # three digits where the country does not write them, and counts on an Icelandic page
    (["Kontakt", "Strandgata 12", "220 Hafnarfjörður"], "DE"),
    (["Um okkur", "Sími 555 1234", "Við erum 40", "250 Viðskiptavinir"], "IS"),
    # product, order and model codes
    (["Kontakt", "Bestellnummer 5512 80331 Muster"], "DE"),
    (["Contact", "SKU 2231, 90210 Series"], "US"),
    (["Contact", "Réf. 1204, 75011 Collection"], "FR"),
    # opening hours and prices
    (["Kontakt", "Mo–Fr 9 1800 Uhr"], "DE"),
    (["Contact", "Menu 12 2500 Calories"], "GB"),
]


def addresses(lines: list[str], country: str | None) -> list[str]:
    return [f.value for f in address.find(lines, country)]


@pytest.mark.parametrize(("lines", "country", "want"), NUMBER_ADDRESSES)
def test_number_address(lines: list[str], country: str | None, want: tuple[str, ...]) -> None:
    found = addresses(lines, country)
    assert any(all(piece in value for piece in want) for value in found), found


@pytest.mark.parametrize(("lines", "country"), NUMBER_NOT_ADDRESSES)
def test_number_not_an_address(lines: list[str], country: str | None) -> None:
    assert addresses(lines, country) == []


def test_distance_is_no_part() -> None:
    """The distance is left out of the address, not read as its street."""
    assert addresses(["Kontakt", "Seestraße 5, 500 m vom Bahnhof, 12345 Berlin"], "DE") == [
        "Seestraße 5, 12345 Berlin"
    ]


def test_digits_kept_as_written_and_keyed_as_ascii() -> None:
    """The address keeps the page's digits; its identity is the one of ASCII digits."""
    found = addresses(["تماس با ما", "خیابان ولیعصر ۱۲، تهران ۱۴۳۳۶"], "IR")
    assert found and "۱۴۳۳۶" in found[0] and "14336" not in found[0]
    assert nz.address_key(found[0]) == nz.address_key("خیابان ولیعصر 12، تهران 14336")
    assert nz.ascii_digits("१२ ๑๒ ১২ ١٢ ۱۲ １２") == "12 12 12 12 12 12"


PHONES = [
    ("تلفن: ۰۲۱-۸۸۷۷۶۶۵۵", "IR", {"+982188776655"}),
    ("फोन: +९१ ११ २३४५ ६७८९", "IN", {"+911123456789"}),
    ("Tel: ０３-１２３４-５６７８", "JP", {"+81312345678"}),
    ("T. 0351 1234567", "DE", {"+493511234567"}),
    ("M. +34 600 123 456", "ES", {"+34600123456"}),
    ("Т. +7 495 123-45-67", "RU", {"+74951234567"}),
    # a letter before a year, a count or an amount is no label
    ("T. 2019", "DE", set()),
    ("M. 5 Jahre", "DE", set()),
    ("Im Jahr 2019 Nr. 5 12000 Kunden", "DE", set()),
]


@pytest.mark.parametrize(("line", "country", "want"), PHONES)
def test_phones(line: str, country: str, want: set[str]) -> None:
    facts = contacts.from_text(["Kontakt", line], country)
    assert {f.value for f in facts if f.field in ("phone", "fax")} == want


@pytest.mark.parametrize(
    ("line", "country", "want"),
    [
        ("फ्याक्स: +९७७-१-५५५८४२२", "NP", "+97715558422"),
        ("فکس: ۰۲۱-۸۸۷۷۶۶۵۶", "IR", "+982188776656"),
        ("F. 0351 1234568", "DE", "+493511234568"),
    ],
)
def test_fax_labels(line: str, country: str, want: str) -> None:
    """A fax label of another script, or of one letter, makes the number a fax."""
    facts = contacts.from_text(["Kontakt", line], country)
    assert [(f.field, f.value) for f in facts] == [("fax", want)]
