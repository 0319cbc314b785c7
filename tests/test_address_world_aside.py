"""Company addresses of more countries, kept apart from the rules' making: a check that the
rules hold for layouts they were not written against (see tests/test_address_world.py)."""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds

ASIDE = [
    # Poland: ul. and a flat number
    (
        ["Kontakt", "Zielony Ogród Sp. z o.o.", "ul. Długa 44/50 lok. 3", "00-241 Warszawa"],
        ("00-241", "44"),
    ),
    # Israel: Hebrew street then town and a seven-digit postcode
    (["צור קשר", "רחוב הרצל 15, תל אביב 6578901", "טלפון: 03-555-0000"], ("6578901", "15")),
    # Thailand: the whole address in one part
    (["ติดต่อเรา", "99/5 ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพฯ 10110"], ("10110", "99")),
    # India: a PIN after the city and state
    (
        ["Contact Us", "Lotus Foods Pvt. Ltd.", "12, MG Road, Bengaluru, Karnataka 560001"],
        ("560001", "12"),
    ),
    # Spain: a floor after the number
    (["Contacto", "Calle de Alcalá, 48, 2º izquierda, 28014 Madrid"], ("28014", "48")),
    # Portugal: a Portuguese postcode
    (["Contactos", "Rua Augusta, 100, 1100-053 Lisboa"], ("1100-053", "100")),
    # Kazakhstan: a Cyrillic street, the postcode after the town
    (["Контакты", 'ТОО "Дала"', "ул. Абая, 52, Алматы, 050000"], ("050000", "52")),
    # Georgia
    (["კონტაქტი", "რუსთაველის გამზირი 12, თბილისი 0108"], ("0108", "12")),
    # Armenia
    (["Կապ", "Աբովյան փողոց 10, Երևան 0001"], ("0001", "10")),
    # United States: a suite line
    (
        ["Contact", "Acme Widgets, Inc.", "500 Elm Street, Suite 200", "Austin, TX 78701"],
        ("78701", "500"),
    ),
]


@pytest.mark.parametrize(("lines", "want"), ASIDE)
def test_aside_address(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)
