"""Addresses in the layouts and scripts that site footers use across countries.

Each case is one footer line or block, written by hand for a country's convention: a
postcode alone after the town or before the region, a house number in a part of its own, a
private mailbox after the street, a unit followed by its district, a box with its town where
there are no postcodes, and towns in scripts without capital letters (Hebrew, Thai, Arabic,
Devanagari). A line that only looks like one (a phone number, a year) stays no address.
"""

from __future__ import annotations

import pytest

from monitor.extract import address


def found(lines: list[str]) -> list[str]:
    return [f.value for f in address.find(lines)]


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        # South Africa and Australia: the four-digit postcode in a comma part of its own
        (["Acme (Pty) Ltd · 18 Bree Street, Cape Town, 8001"], "18 Bree Street, Cape Town 8001"),
        (["Contact", "Riverbank Pty Ltd, 7 Wharf Road, Hobart, 7000"], "7 Wharf Road, Hobart 7000"),
        # New Zealand: the postcode after the town, then the region, then the country
        (["Kauri Wines Limited · 412 Rapaura Road, Renwick 7204, Marlborough, New Zealand"],
         "412 Rapaura Road, Renwick 7204"),
        # Brazil: a room after the number, the district after a dash, the CEP alone at the end
        (["Contato", "Rua Sergipe, 1280, sala 504 - Savassi, Belo Horizonte - MG, 30130-171"],
         "Rua Sergipe, 1280, sala 504 - Savassi, Belo Horizonte - MG 30130-171"),
        # India: the house number in a part of its own before a numbered scheme or sector
        (["© 2026 Krishi Pvt. Ltd.", "42, Scheme No. 54, Vijay Nagar, Indore, Madhya Pradesh 452010"],
         "42, Scheme No. 54, Vijay Nagar, Indore, Madhya Pradesh 452010"),
        (["Contact", "17, Sector No. 5, Salt Lake, Kolkata 700091"], "17, Sector No. 5, Salt Lake, Kolkata 700091"),
        # United States: a private mailbox after the street is no town
        (["© 2026 Quill, Inc. · 548 Market St, PMB 90372, San Francisco, CA 94104"],
         "548 Market St, PMB 90372, San Francisco, CA 94104"),
        # Gulf states: no postcode, a plot and a free zone, the box and the town
        (["Al Waha Logistics L.L.C. · Plot S20119, Jebel Ali Free Zone South, P.O. Box 61555, Dubai, UAE"],
         "Plot S20119, Jebel Ali Free Zone South, P.O. Box 61555, Dubai"),
        (["Contact", "Villa 12, Al Olaya District, P.O. Box 3344, Riyadh"], "Villa 12, Al Olaya District, P.O. Box 3344, Riyadh"),
        # Israel: the street and the town in Hebrew, a seven-digit postcode
        (['גליל מים בע"מ · רחוב הנחושת 4, פארק תעשיות תפן 2495900 · טלפון 04-955-5120'],
         "רחוב הנחושת 4, פארק תעשיות תפן 2495900"),
        (["צור קשר", "דרך מנחם בגין 132, תל אביב 6701101"], "דרך מנחם בגין 132, תל אביב 6701101"),
        # Thailand: house number, lane, sub-district, district, city and postcode in one part
        (["บริษัท สยาม จำกัด · 199/12 ซอยสุขุมวิท 55 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพฯ 10110 · โทร. 02 555 0137"],
         "199/12 ซอยสุขุมวิท 55 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพฯ 10110"),
        # a unit in a named farm or park, no street, a postcode with letters (UK, Canada, Netherlands)
        (["Hedgerow Ltd · Unit 3, Lower Buckenhill Farm, Woolhope, Hereford HR1 4RF"],
         "Unit 3, Lower Buckenhill Farm, Woolhope, Hereford HR1 4RF"),
        (["Contact", "Suite 210, Harbourfront Centre, Toronto, ON M5J 2G8"], "Suite 210, Harbourfront Centre, Toronto, ON M5J 2G8"),
        (["Contact", "Unit 5, Bedrijvenpark Noord, 8013 PN Zwolle"], "Unit 5, Bedrijvenpark Noord, 8013 PN Zwolle"),
        # Vietnam and Indonesia: no postcode, the ward, then the city by its word, then the province
        (["CÔNG TY CỔ PHẦN XANH", "Số 88 Lê Duẩn, Phường Tân Thành, TP. Buôn Ma Thuột, Đắk Lắk · Điện thoại: 0262 3555 868"],
         "Số 88 Lê Duẩn, Phường Tân Thành, TP. Buôn Ma Thuột, Đắk Lắk"),
        (["Liên hệ", "12 Nguyễn Huệ, Quận 1, Thành phố Hồ Chí Minh"], "12 Nguyễn Huệ, Quận 1, Thành phố Hồ Chí Minh"),
        (["Kontak", "Jl. Merdeka No. 45, Kelurahan Citarum, Kota Bandung, Jawa Barat"],
         "Jl. Merdeka No. 45, Kelurahan Citarum, Kota Bandung, Jawa Barat"),
        # India in Devanagari: the town with its PIN after the street
        (["संपर्क", "12, गांधी मार्ग, इंदौर 452001"], "12, गांधी मार्ग, इंदौर 452001"),
    ],
)
def test_footer_layouts(lines: list[str], want: str) -> None:
    assert want in found(lines)


def test_chinese_province_and_postcode_label() -> None:
    """A mainland address opens with its province; its postcode follows behind a label."""
    line = "苏州澄湖智能装备股份有限公司 地址:江苏省苏州市吴中区澄湖路188号 邮编:215128"
    assert found([line]) == ["215128 江苏省苏州市吴中区澄湖路188号"]
    line = "联系我们 地址:广东省深圳市南山区科技园路8号"
    assert found([line]) == ["广东省深圳市南山区科技园路8号"]


@pytest.mark.parametrize(
    "lines",
    [
        ["Contact", "Call 5551234, Tel Aviv 6701101"],  # a phone and a town: no street
        ["Contact", "PMB 90372, San Francisco"],  # a mailbox alone is no street
        ["Contact", "Season 2019, Cape Town, 2020"],  # years, no street
        ["Contact", "Founded in 1998 by 3 friends, 12 staff, 2024"],
        ["Contact", "Level 4, Marketing Team, Sydney NSW 2000"],  # a unit and digits only: no street
        ["Contact", "Room 4, Main Hall, Exeter"],  # no postcode
        ["Liên hệ", "Phường Tân Thành, TP. Buôn Ma Thuột"],  # a ward and a city: no street
    ],
)
def test_no_address(lines: list[str]) -> None:
    assert found(lines) == []
