"""Addresses without a postcode after an address label, kept apart from the rules' making: a
check that the rules hold for lines they were not written against (see
tests/test_address_labelled.py)."""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds

ASIDE = [
    # Norway: a visiting address, the street and the town
    (["Kontakt oss", "Besøksadresse: Kongens gate 14, Trondheim"], ("14", "Trondheim")),
    # Finland: the visiting address label in Finnish
    (["Yhteystiedot", "Käyntiosoite: Hämeenkatu 9, Tampere"], ("9", "Tampere")),
    # English: a head office label, the town and the country
    (["About us", "Head office: 22 Marina Road, Accra, Ghana"], ("22", "Accra")),
    # Spanish: a labelled address
    (["Contacto", "Dirección: Calle Sarmiento 1450, Rosario"], ("1450", "Rosario")),
]

NEGATIVE = [
    # a label that is no address label
    ["Öppettider: Måndag 8, Fredag"],
    # an address label over prose with numbers
    ["Contact", "Address: we moved 3 times, finally"],
]


@pytest.mark.parametrize(("lines", "want"), ASIDE)
def test_aside_labelled(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


@pytest.mark.parametrize("lines", NEGATIVE)
def test_aside_no_address(lines: list[str]) -> None:
    assert found(lines) == []
