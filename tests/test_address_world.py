"""Company addresses as footers and contact blocks of many countries write them.

Each case is written by hand for a country's convention (the street word before or after its
name, the house number before or after the street, the postcode's shape and place, a post
box, a unit, a script without Latin letters); the check is lenient on spelling: the found
address must hold the postcode (or, without one, the town) and the house number.
"""

from __future__ import annotations

import pytest

from monitor.extract import address


def found(lines: list[str]) -> list[str]:
    return [f.value for f in address.find(lines)]


def holds(values: list[str], *pieces: str) -> bool:
    return any(all(piece in value for piece in pieces) for value in values)


WORLD = [
    # Romania: block, staircase, floor and flat after the number, then Bucharest's sector
    (
        ["Contact", "Bd. Unirii nr. 15, bl. 3, sc. A, et. 2, ap. 10, Sector 3, 030823 București"],
        ("030823", "Unirii nr. 15"),
    ),
    # Vietnam: the house and street, the ward, the numbered district, the city and its code
    (
        ["Liên hệ", "Số 12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh 700000"],
        ("700000", "Số 12"),
    ),
    # Turkey: no commas, the house number after "No:", the postcode and the town
    (["Adres", "Barbaros Mah. Begonya Sok. No: 7/2 34746 Ataşehir / İstanbul"], ("34746", "7/2")),
    # South Africa: a suburb between the street and the town, the code alone at the end
    (
        ["Contact", "Zulu Crafts (Pty) Ltd", "15 Florida Road, Morningside, Durban, 4001"],
        ("4001", "15"),
    ),
    # Tamil: the house number in a part of its own before the road
    (["தொடர்பு", "12, அண்ணா சாலை, சென்னை 600002"], ("600002", "12")),
    # Cambodia: Khmer words for house and street
    (["ទំនាក់ទំនង", "ផ្ទះលេខ 12 ផ្លូវ 51, ភ្នំពេញ 12207"], ("12207", "12")),
    # Tanzania: a Swahili post box, the town and the country, without a street
    (
        ["Mawasiliano", "Anwani: S.L.P. 2211, Mwanza, Tanzania", "Simu: 0754 555 000"],
        ("2211", "Mwanza"),
    ),
    # Kenya: a post box and its town
    (
        ["Contact us", "Savanna Seeds Ltd", "P.O. Box 4455, Nairobi", "Tel: +254 20 555 0000"],
        ("4455", "Nairobi"),
    ),
    # Russia: the postcode, the region, the town, then the street and the house
    (
        ["Контакты", "420103, Республика Татарстан, г. Казань, ул. Маршала Чуйкова, д. 54"],
        ("420103", "54"),
    ),
    # Catalonia: a floor word after the number, the page's e-mail under it
    (
        [
            "Estudi Vall SLP",
            "Carrer de Mallorca, 214, baixos",
            "08008 Barcelona",
            "estudi@vall.cat",
        ],
        ("08008", "214"),
    ),
    # Bulgaria: the street's name in quotation marks
    (
        ['"Софийска пекарна" ЕООД', 'ул. "Граф Игнатиев" 15, 1000 София', "Телефон: 02 555 1234"],
        ("1000", "15"),
    ),
    # Ukraine: an office after the number, the postcode alone after the town
    (
        ['ТОВ "Зерно"', "вул. Хрещатик, 22, офіс 5, Київ, 01001", "Тел.: +38 044 555 1234"],
        ("01001", "22"),
    ),
    # Urdu: Arabic commas between the parts
    (["رابطہ", "45-بی، مال روڈ، لاہور 54000", "فون: 042-3555-0000"], ("54000", "45")),
    # Arabic: Arabic commas, a post box
    (["اتصل بنا", "ص.ب 1234، الرياض 11431", "هاتف: 011 555 0000"], ("11431",)),
    # China: the postcode on the next line, after its label
    (
        [
            "杭州云帆科技有限公司",
            "浙江省杭州市西湖区文三路90号",
            "邮编:310012",
            "电话:0571-5555 1234",
        ],
        ("310012", "90"),
    ),
    # Korea: the postcode after the address, after its mark
    (
        [
            "상호: 한빛상사 | 대표: 이민호",
            "주소: 부산광역시 해운대구 센텀중앙로 79, 5층 (우) 48058",
        ],
        ("48058", "79"),
    ),
    # Turkey: neighbourhood, street, number, postcode and town
    (
        [
            "İletişim",
            "Moda Mah. Bahariye Cad. No: 12, 34710 Kadıköy/İstanbul",
            "Tel: 0216 555 00 00",
        ],
        ("34710", "12"),
    ),
    # Romania: a street word abbreviated, a number word, then the postcode and the town
    (
        [
            "Contact",
            "SC Alfa Soft SRL",
            "Str. Lipscani nr. 18, 030031 București",
            "Tel: 021 555 0000",
        ],
        ("030031", "18"),
    ),
    # Czechia: the postcode in two groups
    (["Kontakt", "Sluneční s.r.o.", "Vinohradská 1511/230", "100 00 Praha 10"], ("100 00", "1511")),
    # Hungary: the postcode and the town first, then the street
    (["Kapcsolat", "Fény Kft.", "1052 Budapest, Váci utca 19."], ("1052", "19")),
    # Greece: the street and number, the postcode in two groups
    (["Επικοινωνία", "Οδός Ερμού 25, 105 63 Αθήνα", "Τηλ.: 210 555 0000"], ("105 63", "25")),
    # Slovenia, Croatia: the street then the postcode and town
    (["Kontakt", "Lipa d.o.o.", "Slovenska cesta 54, 1000 Ljubljana"], ("1000", "54")),
    (["Kontakt", "More d.o.o., Ilica 242, 10000 Zagreb, Hrvatska"], ("10000", "242")),
    # Indonesia: jalan abbreviated, the number after No.
    (
        ["Hubungi Kami", "PT Sinar Jaya", "Jl. Jenderal Sudirman No. 52, Jakarta Selatan 12190"],
        ("12190", "52"),
    ),
    # Vietnam: a number before the street, the district, the city
    (
        ["Liên hệ", "Công ty TNHH Sao Mai", "Số 25 Lý Thường Kiệt, Quận Hoàn Kiếm, TP. Hà Nội"],
        ("25", "Hà Nội"),
    ),
    # New Zealand: the four-digit postcode after the town in a " · " footer
    (
        ["Kiwi Tools Limited · 88 Victoria Street, Te Aro, Wellington 6011 · 04 555 0000"],
        ("6011", "88"),
    ),
    # Mexico: calle, number, colonia, C.P.
    (
        [
            "Contacto",
            "Av. Insurgentes Sur 1602, Col. Crédito Constructor, C.P. 03940, Ciudad de México",
        ],
        ("03940", "1602"),
    ),
    # Netherlands: the postcode with its letters
    (
        ["Contact", "Brouwerij Dijk B.V.", "Keizersgracht 174", "1016 DW Amsterdam"],
        ("1016 DW", "174"),
    ),
]


@pytest.mark.parametrize(("lines", "want"), WORLD)
def test_world_address(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


# A phone label of one letter ("T.") as the only contact sign near the address, and a
# three-digit postcode on a page that speaks the country's language ("Sími", "ehf.").
ONE_LETTER_AND_THREE_DIGITS = [
    (
        [
            "Estudi Vall SLP",
            "Carrer de Mallorca, 214, baixos",
            "08008 Barcelona",
            "T. 93 111 22 33",
        ],
        ("08008", "214"),
    ),
    (["Sjávarfang ehf.", "Strandgata 12", "220 Hafnarfjörður", "Sími: 555 1234"], ("220", "12")),
]


@pytest.mark.parametrize(("lines", "want"), ONE_LETTER_AND_THREE_DIGITS)
def test_one_letter_label_and_three_digits(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


NOT_ADDRESSES = [
    # a year and a count in prose
    ["Kontakt", "Im Jahr 2019 haben wir 1200 Kunden betreut."],
    # a phone number alone
    ["Contact", "Tel: 1000 2000 3000"],
    # a Turkish-looking number word and a count in prose, the sentence going on after them
    ["İletişim", "Sipariş No: 7 12000 Müşteri memnun kaldı"],
    # a box and a room number are no town
    ["Contact us", "Box 12, Room 5"],
    # an opening-hours line
    ["İletişim", "Pazartesi - Cuma 09:00 - 18:00"],
]


@pytest.mark.parametrize("lines", NOT_ADDRESSES)
def test_not_an_address(lines: list[str]) -> None:
    assert found(lines) == []


def test_firm_before_the_street_is_no_unit() -> None:
    """Two letters that are a unit word in some language ("LT", "SC") opening a firm's name
    stay out of the street: only a number or a single letter makes them a unit."""
    values = found(["Contact", "LT Services, 105 rue Anatole France, 92300 Levallois-Perret"])
    assert values == ["105 rue Anatole France, 92300 Levallois-Perret"]
    assert holds(
        found(["Contact", "Bd. Unirii nr. 15, sc. A, 030823 București"]), "030823", "sc. A"
    )
