"""Post-office boxes of more countries and scripts, kept apart from the rules' making: a
check that the rules hold for layouts they were not written against (see
tests/test_address_boxes.py)."""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds

ASIDE = [
    # Australia: a GPO box after the street address, on the same footer line
    (
        ["Contact", "Banksia Legal Pty Ltd", "Level 3, 80 Collins Street, Melbourne VIC 3000 · GPO Box 4410, Melbourne VIC 3001"],
        ("GPO Box 4410", "3001"),
    ),
    # New Zealand: a box, the town and its code
    (["Contact us", "Kōwhai Software Ltd", "PO Box 9876, Wellington 6141"], ("9876", "6141")),
    # South Africa: a box after the street, the code alone at the end
    (
        ["Contact", "Fynbos Tea (Pty) Ltd · 4 Dorp Street, Stellenbosch, 7600 · PO Box 512, Stellenbosch, 7599"],
        ("512", "7599"),
    ),
    # Kenya: a box with its postcode after a hyphen
    (["Contact Us", "Savanna Agro Ltd", "P.O. Box 30123-00100, Nairobi"], ("30123", "Nairobi")),
    # Saudi Arabia: the Arabic box abbreviation, the town and its code
    (["اتصل بنا", "شركة النخيل للتجارة", "ص.ب 44120، جدة 21551"], ("44120", "21551")),
    # Australia in prose: the postal address after the registered office
    (
        ["About Wattle Gold Limited", "Registered office: 10 Hay Street, Perth WA 6000. Postal address: PO Box 2281, Perth WA 6001."],
        ("2281", "6001"),
    ),
]

NEGATIVE = [
    # a box in a product text is no address
    ["Our gift box 12, with six jars of honey, ships within 3 days"],
    ["Contact", "Each box 24 contains the spare parts for model 3000 Series"],
]


@pytest.mark.parametrize(("lines", "want"), ASIDE)
def test_aside_box(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


@pytest.mark.parametrize("lines", NEGATIVE)
def test_aside_no_box(lines: list[str]) -> None:
    assert found(lines) == []
