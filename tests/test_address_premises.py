"""The building, floor and flat parts of an address (monitor.extract.postal): a building named
by its word before the street (Indonesian "Gedung", "Menara" with its floor "Lt."), the old and
new door numbers Chennai writes both, an Armenian flat after the street. The parts before the
street stay with it; a building word in prose does not make an address.
"""

from __future__ import annotations

import pytest

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
