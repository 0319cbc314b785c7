"""Addresses without a postcode after an address label (monitor.extract.postal.labelled):
a Swedish visiting address, a registered office in Devanagari with a ward number, a
Portuguese, an Italian and a German labelled line; the label stands where a postcode would
tell the line is an address. Labels that are no address labels, prose after an address
label and a street without its town are none.
"""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["Norrskog Bioenergi AB (publ)", "Box 3041, 903 03 Umeå", "Besöksadress: Storgatan 48, Umeå"], ("48", "Umeå")),
        (["Kontakta oss", "Besöksadress: Storgatan 24, Vilhelmsfors"], ("24", "Vilhelmsfors")),
        (["हिमाली जलविद्युत कम्पनी लिमिटेड", "रजिस्टर्ड कार्यालय: बालुवाटार-४, काठमाडौं, नेपाल"], ("४", "काठमाडौं")),
        (["Contactos", "Morada: Rua das Flores 120, Porto"], ("120", "Porto")),
        (["Contatti", "Indirizzo: Via Roma 15, Bologna"], ("15", "Bologna")),
        (["Kontakt", "Anschrift: Lindenweg 3, Hallstatt, Österreich"], ("3", "Hallstatt")),
        (["Contact", "Registered office: 14 Adeola Odeku Street, Lagos"], ("14", "Lagos")),
    ],
)  # fmt: skip
def test_a_labelled_address_without_postcode(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


@pytest.mark.parametrize(
    "lines",
    [
        ["Kontakt", "Öppettider: Måndag 8, Fredag"],  # opening hours
        ["Contact", "Address: we moved 3 times, finally"],  # prose
        ["Kontakt", "Besöksadress: Storgatan 48"],  # no town
        ["Contact", "Office: 12 people, 3 countries, 2 languages"],  # counts
    ],
)
def test_no_labelled_address(lines: list[str]) -> None:
    assert found(lines) == []
