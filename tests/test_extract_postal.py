"""Addresses read as blocks of parts closing on a locality (monitor.extract.postal, .address).

A unit or floor before the street, a state and postcode after the town, a postcode label
("CEP"), a house number in its own comma part, a label before the street, two addresses on
one line, Korean and Chinese shapes: each was an address missed on pages nobody tuned to. A
year after a word and a date are no address.
"""

from __future__ import annotations

import pytest

from monitor.extract import address
from monitor.extract.page import extract_page


def found(lines: list[str]) -> list[str]:
    return [f.value for f in address.find(lines)]


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        # Irish: a unit before the street, the Dublin district and an Eircode on lines of their own
        (["Contact", "Liffey Analytics Ltd", "Unit 4, 12 Harcourt Street", "Dublin 2", "K78 X285", "Ireland"],
         ["Unit 4, 12 Harcourt Street, Dublin 2, K78 X285, Ireland"]),
        # Brazilian: the number in its own comma part, the state after the town, then the postcode
        (["Fale conosco", "Rua Augusta, 1500 - conj. 12", "São Paulo - SP, 01304-001"],
         ["Rua Augusta, 1500 - conj. 12, São Paulo - SP 01304-001"]),
        # a postcode label, the town in the next comma part
        (["Contato", "Avenida Paulista 900, CEP 01310-100, São Paulo"], ["Avenida Paulista 900, 01310-100 São Paulo"]),
        # Dutch: a label before each street, two addresses on one line
        (["Bezoekadres: Coolsingel 40, 3011 AD Rotterdam · Postadres: Postbus 1234, 3000 BE Rotterdam"],
         ["Coolsingel 40, 3011 AD Rotterdam", "Postbus 1234, 3000 BE Rotterdam"]),
        # Czech: a floor after the street's number, the postcode in three and two digits
        (["Kontakt", "Václavské náměstí 12, 3. patro", "110 00 Praha 1"], ["Václavské náměstí 12, 3. patro, 110 00 Praha 1"]),
        # New Zealand: four digits after the town, then the country; Singapore: "#20-01" is a unit
        (["Contact", "Level 3, 22 Queen Street", "Auckland 1010", "New Zealand"],
         ["Level 3, 22 Queen Street, Auckland 1010, New Zealand"]),
        (["Contact us", "1 Raffles Place, #20-01, Singapore 048616"], ["1 Raffles Place, #20-01, Singapore 048616"]),
        # a street word in lower case before the name; the phone after the town is no street
        (["Contatti", "via Garibaldi 5", "20121 Milano", "Tel. 02 5555 1234"], ["via Garibaldi 5, 20121 Milano"]),
        (["Contatti", "20121 Milano", "Tel. 02 5555 1234"], []),
        # Korean and mainland Chinese
        (["연락처", "(48058) 부산광역시 해운대구 센텀중앙로 79"], ["48058 부산광역시 해운대구 센텀중앙로 79"]),
        (["联系我们", "200120 上海市浦东新区世纪大道100号"], ["200120 上海市浦东新区世纪大道100号"]),
    ],
)  # fmt: skip
def test_an_address_block_of_another_countrys_shape(lines: list[str], want: list[str]) -> None:
    assert found(lines) == want


@pytest.mark.parametrize(
    "lines",
    [["Kontakt", "Årsredovisning 2023, Årsredovisning 2022"],  # a year after a word is no postcode
     ["Contact", "Updated June 3, 2024"],
     ["Kontakt", "Lagerhalle 1400", "Halle 2300"]],
)  # fmt: skip
def test_a_year_or_a_date_is_no_locality(lines: list[str]) -> None:
    assert found(lines) == []


def test_an_address_given_twice_with_and_without_its_floor_is_one() -> None:
    """A Spanish contact page: the block gives the floor, the footer does not."""
    lines = ["Oficinas", "Calle Mayor 15, 2.º", "28013 Madrid", "Tel. 91 555 12 34",
             "Ribera Consultores, S.L. · Calle Mayor 15, 28013 Madrid · info@ribera.es"]  # fmt: skip
    assert found(lines) == ["Calle Mayor 15, 28013 Madrid"]


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["Kapcsolat", "1051 Budapest, Nádor utca 12."], ["1051 Budapest, Nádor utca 12"]),
        (["Kapcsolat", "Duna Szoftver Kft.", "1051 Budapest", "Nádor utca 12.", "Tel.: +36 1 555 1234"],
         ["1051 Budapest, Nádor utca 12"]),
        (["Контакты", "125009, Москва, ул. Тверская, д. 7"], ["125009 Москва, ул. Тверская, д. 7"]),
    ],
)  # fmt: skip
def test_the_street_after_a_locality_that_opens_with_its_postcode(lines: list[str], want: list[str]) -> None:
    """Hungarian and Russian order: postcode and town first, then the street."""
    assert found(lines) == want


def test_microformats_and_a_standalone_postal_address_are_read() -> None:
    """A Czech contact page: the firm's h-card with its h-adr, an author's vcard (a person's,
    not the firm's), and a schema.org PostalAddress in microdata with no organisation around it."""
    body = (
        '<html lang="cs"><body><main><h1>Kontakt</h1>'
        '<div class="h-card"><span class="p-org p-name">Kovo Praha s.r.o.</span><div class="p-adr h-adr">'
        '<span class="p-street-address">Na Příkopě 12</span>, <span class="p-postal-code">110 00</span> '
        '<span class="p-locality">Praha 1</span></div></div>'
        '<aside><div class="vcard"><span class="fn">Jan Novák</span><div class="adr">'
        '<span class="street-address">Dlouhá 5</span><span class="postal-code">110 00</span>'
        '<span class="locality">Praha</span></div></div></aside>'
        '<div itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="streetAddress">'
        'Vinohradská 10</span> <span itemprop="postalCode">120 00</span> <span itemprop="addressLocality">'
        "Praha 2</span></div></main></body></html>"
    )
    facts = extract_page(body.encode(), "https://www.kovopraha.cz/kontakt", "text/html").facts
    structured = {f.value for f in facts if f.field == "address" and f.evidence.startswith(("microformats", "microdata"))}
    assert "Na Příkopě 12, 110 00 Praha 1" in structured
    assert "Vinohradská 10, 120 00 Praha 2" in structured
    assert not any(f.evidence.startswith("microformats") and "Dlouhá" in f.value for f in facts)


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("UAB „Baltijos medis“, Gedimino pr. 10, LT-01103 Vilnius", "Gedimino pr. 10, LT-01103 Vilnius"),
        ("SIA „Rīgas Koks”, Brīvības iela 10, Rīga, LV-1010", "Brīvības iela 10, Rīga LV-1010"),
        ("Pampa Software S.A. · Av. Corrientes 1234, C1043AAZ CABA", "Av. Corrientes 1234, C1043AAZ CABA"),
        ("Chai Leaf Pvt. Ltd., 12 MG Road, Bengaluru - 560 001", "12 MG Road, Bengaluru - 560 001"),
        ("ООО «Ромашка», 125009, г. Москва, ул. Тверская, д. 7", "125009 г. Москва, ул. Тверская, д. 7"),
    ],
)  # fmt: skip
def test_a_footer_line_of_more_countries(line: str, want: str) -> None:
    """A country prefix before the postcode (LT-, LV-), an Argentine postcode, an Indian one in
    two groups after a dash, a Russian town after "г."."""
    assert found(["Kontakt", line]) == [want]
