"""The building, floor and flat parts of an address (monitor.extract.postal): a building named
by its word before the street (Indonesian "Gedung", "Menara" with its floor "Lt."), the old and
new door numbers Chennai writes both, an Armenian flat after the street. The parts before the
street stay with it; a building word in prose does not make an address.
"""

from __future__ import annotations

import pytest

from monitor.extract import organization
from tests.test_address_world import found, holds


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["Hubungi Kami", "Gedung Sampoerna Strategic Square, Menara Selatan Lt. 21, Jl. Jend. Sudirman Kav. 45-46, "
          "Jakarta Selatan 12930", "Telp: (021) 5790 8812"], ("Lt. 21", "45-46", "12930")),
        (["Contacto", "Torre Norte, Av. Insurgentes Sur 1602, 03940 Ciudad de México", "Tel. 55 5555 1234"],
         ("Torre Norte", "1602", "03940")),
        (["Chartered Accountants", "Old No. 14, New No. 31", "Sivaswamy Salai, Mylapore", "Chennai - 600 004, Tamil Nadu",
          "Phone: 044-2555 8812"], ("Old No. 14", "31", "600 004")),
        (["Կապ", "Մաշտոցի պող. 47, բն. 12", "Երեւան 0009, Հայաստան", "+374 10 55 58 12"], ("47", "12", "0009")),
    ],
)  # fmt: skip
def test_the_premises_before_the_street_stay_with_it(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


def test_a_building_word_in_prose_is_no_address() -> None:
    assert found(["Contact", "Our new tower building opens in spring, with 12 floors for 300 people"]) == []


def test_a_japanese_building_line_stays_with_the_address_above_it() -> None:
    lines = ["みなとみらい整形外科クリニック", "〒220-0012", "神奈川県横浜市西区みなとみらい3-6-1", "みなとみらいセンタービル4階",
             "TEL 045-555-1234"]  # fmt: skip
    assert found(lines) == ["〒220-0012 神奈川県横浜市西区みなとみらい3-6-1 みなとみらいセンタービル4階"]
    # a line after the address that names no building stays apart
    lines = ["会社概要", "〒100-0005", "東京都千代田区丸の内1-1-1", "代表取締役 山田太郎"]
    assert found(lines) == ["〒100-0005 東京都千代田区丸の内1-1-1"]


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ({"postalCode": "220-0012", "addressRegion": "神奈川県", "addressLocality": "横浜市西区",
          "streetAddress": "みなとみらい3-6-1 みなとみらいセンタービル4階", "addressCountry": "JP"},
         "〒220-0012 神奈川県横浜市西区みなとみらい3-6-1 みなとみらいセンタービル4階"),
        ({"postalCode": "100-0005", "addressRegion": "東京都", "streetAddress": "東京都千代田区丸の内1-1-1"},
         "〒100-0005 東京都千代田区丸の内1-1-1"),
        ({"postalCode": "06159", "addressRegion": "서울특별시", "addressLocality": "강남구", "streetAddress": "테헤란로 427"},
         "06159 서울특별시 강남구 테헤란로 427"),
        ({"postalCode": "10115", "addressLocality": "Berlin", "streetAddress": "Hauptstraße 5"}, "Hauptstraße 5, 10115 Berlin"),
    ],
)  # fmt: skip
def test_a_json_ld_address_in_east_asian_order(value: dict[str, str], want: str) -> None:
    """Japanese, Korean (and Chinese) addresses run from the region down to the house."""
    assert organization.postal_address(value) == want
