"""Address shapes kept apart from the rules' making (see tests/test_address_named_streets.py): streets
named after a date, postcodes after the town, letter-and-digit postcodes, post-office boxes on
their own line."""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds

ASIDE = [
    # France: a street named after a date, then the postcode and town
    (["Nous contacter", "Atelier Brun SARL", "4 avenue du 14 Juillet", "69003 Lyon"], ("69003", "4")),
    # Belgium: a street named after a date, number after the name
    (["Contact", "Rue du 11 Novembre 27, 4000 Liège"], ("4000", "27")),
    # Russia: a street named after a date, the house after "д."
    (["Контакты", "ООО «Вектор»", "119019, г. Москва, ул. 1 Мая, д. 7"], ("119019", "7")),
    # Malta: a three-letter, four-digit postcode after the town
    (["Contact us", "22, Triq il-Kbira", "Mosta MST 1012", "Malta"], ("MST 1012", "22")),
    # Oman: the postcode after the town, with a PO box
    (["Contact", "P.O. Box 456", "Ruwi 112", "Sultanate of Oman"], ("112", "456")),
    # Ireland: an Eircode after a building name
    (["Contact", "Harbour House", "3 Quay Street", "Limerick V94 X2K4"], ("V94 X2K4", "3")),
]


@pytest.mark.parametrize(("lines", "want"), ASIDE)
def test_aside_address(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)
