"""A number in a national form as one " · " piece of a footer line, without a label.

Footers of many countries run "name · address · number · e-mail" on one line; the number's
piece is only digits and its separators. It counts when another piece of the line is an
e-mail or an address; a register or VAT number keeps its label and stays out.
"""

from __future__ import annotations

import pytest

from monitor.extract import contacts


def phones(line: str, country: str) -> list[tuple[str, str]]:
    return [(f.field, f.value) for f in contacts.from_text([line], country) if f.field in ("phone", "fax")]


@pytest.mark.parametrize(
    ("line", "country", "want"),
    [
        ("hello@hedgerowandoak.co.uk · 01432 555 918", "GB", "+441432555918"),
        ("Installatie B.V. · Marconistraat 9, 8013 PN Zwolle · 038 555 7120 · info@example.nl", "NL", "+31385557120"),
        ("© 2014 Copperleaf, Inc. · 50 Milk Street, Boston, MA 02109 · (617) 555-0148 · team@example.com", "US",
         "+16175550148"),
        ("Laurentide Inc. | 2200, rue Sainte-Catherine Ouest, Montréal (Québec) H3H 1M6 | 514-555-0148", "CA",
         "+15145550148"),
        ("Hauptstraße 5, 10115 Berlin • 030 5555 1234 • info@example.de", "DE", "+493055551234"),
    ],
)
def test_number_piece(line: str, country: str, want: str) -> None:
    assert phones(line, country) == [("phone", want)]


@pytest.mark.parametrize(
    ("line", "country"),
    [
        ("Company no. 07755120 · VAT GB 118 5501 32", "GB"),  # labelled identifiers
        ("2019 · 2020 · 2021 · news@example.com", "GB"),  # years
        ("Season 2023-2024 · tickets@example.com", "GB"),
        ("Our story · 1998 - 2024 · team", "DE"),  # no e-mail nor address beside it
    ],
)
def test_no_number_piece(line: str, country: str) -> None:
    assert phones(line, country) == []


@pytest.mark.parametrize(
    ("line", "country", "want"),
    [
        ("Switchboard 01484 555 800 · enquiries@example.co.uk", "GB", ("phone", "+441484555800")),
        ("Main line: (212) 555-0100", "US", ("phone", "+12125550100")),
        ("טלפון 04-955-5120", "IL", ("phone", "+97249555120")),
        ("פקס 04-955-5129", "IL", ("fax", "+97249555129")),
        ("هاتف: 04 555 8120", "AE", ("phone", "+97145558120")),
        ("服务热线:400-855-5120", "CN", ("phone", "+864008555120")),
    ],
)
def test_labels_of_more_languages(line: str, country: str, want: tuple[str, str]) -> None:
    """Labels for the switchboard in English, Hebrew, Arabic and Chinese say a phone follows."""
    assert phones(line, country) == [want]
