"""More address shapes (monitor.extract.postal, address): a branch's heading ("Agence de
Reims", "Sucursal Rosario", "Niederlassung Graz") places the address below it as the
company's; the Hungarian floor and door after the house number ("Kárász utca 9. II/4."); the
short Argentine postcode of a letter and four digits ("S2121 Pérez"). A letter and four digits
in a product line are no postcode.
"""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["Agence de Reims", "52 boulevard Pommery", "51100 Reims", "Camille Vautrin"], ("52", "51100")),
        (["Sucursal Valencia", "Calle de Colón 12", "46004 Valencia", "Marta Ruiz"], ("12", "46004")),
        (["Niederlassung Graz", "Annenstraße 25", "8020 Graz", "Andrea Huber"], ("25", "8020")),
        (["Tiszavirág Könyvelőiroda Kft.", "6720 Szeged, Kárász utca 9. II/4.", "Telefon: +36 62 555 218"],
         ("6720", "9", "II/4")),
        (["Contacto", "Av. Presidente Arturo Illia 2650", "S2121 Pérez, Santa Fe", "Argentina"], ("2650", "S2121")),
        (["Contacto", "Bv. Oroño 1450", "S2000 Rosario"], ("1450", "S2000")),
    ],
)  # fmt: skip
def test_more_shapes(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


@pytest.mark.parametrize(
    "lines",
    [
        ["Contacto", "Modelo 3, S2121 Turbo"],  # a product's model, no street
        ["Sucursal Valencia", "Abierto de 9 a 14"],  # opening hours below a branch heading
    ],
)
def test_no_address(lines: list[str]) -> None:
    assert found(lines) == []
