"""Postal addresses in the formats of more countries (monitor.extract.address and .places).

An address over several lines closing on its country in the page's language ("20095 Hamburg,
Allemagne"), Scandinavian PO boxes and postcodes, Dutch, Portuguese, Polish ("ul. Mińska 25" /
"03-808 Warszawa"), and addresses with no postcode where the country has none in that place (a
Paris arrondissement, Dublin): missed, each was a lost "address changed" alert. A sentence that
merely names a street is no address.
"""

from __future__ import annotations

import pytest

from monitor.extract import address
from monitor.extract.page import extract_page


def found(lines: list[str]) -> list[str]:
    return [f.value for f in address.find(lines)]


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["Contact", "Speersort 10", "20095 Hamburg, Allemagne"], "Speersort 10, 20095 Hamburg, Allemagne"),
        (["Kontakt", "Postboks 123 Sentrum", "0102 Oslo", "Norge"], "Postboks 123 Sentrum, 0102 Oslo, Norge"),
        (["Kontakt", "Keizersgracht 123", "1015 CJ Amsterdam", "Nederland"],
         "Keizersgracht 123, 1015 CJ Amsterdam, Nederland"),
        (["Contacto", "Rua Augusta 100", "1100-048 Lisboa", "Portugal"], "Rua Augusta 100, 1100-048 Lisboa, Portugal"),
        (["Kontakt", "Drottninggatan 5", "111 51 Stockholm", "Sverige"], "Drottninggatan 5, 111 51 Stockholm, Sverige"),
        (["Kontakt", "ul. Mińska 25", "03-808 Warszawa", "Polska"], "ul. Mińska 25, 03-808 Warszawa, Polska"),
        (["Biuro: Inuru Sp. z o.o., Mińska 25, 03-808 Warszawa, Polska"], "Mińska 25, 03-808 Warszawa, Polska"),
        (["Le responsable du traitement est :", "Lunaro S.A.S.", "53 rue de Châteaudun Paris 9 France"],
         "53 rue de Châteaudun, Paris 9, France"),
        (["Contact us", "12 Merrion Square, Dublin, Ireland"], "12 Merrion Square, Dublin, Ireland"),
        (["Nous contacter", "8 rue Oberkampf, Paris 11e"], "8 rue Oberkampf, Paris 11e"),
    ],
)  # fmt: skip
def test_an_address_of_another_countrys_format_is_read(lines: list[str], want: str) -> None:
    assert found(lines) == [want]


@pytest.mark.parametrize(
    "line",
    ["Contact: 3 rue de la Paix est fermée le dimanche.", "Contact: 10 avenue des Champs, Toulouse",
     "Contact: 12 Market Street, Dublin"],
)  # fmt: skip
def test_a_street_without_a_country_or_an_arrondissement_is_no_address(line: str) -> None:
    """Without a postcode, only a country or an arrondissement closing the line makes it one."""
    assert found(["Kontakt", line.split(": ", 1)[1]]) == []


def test_a_privacy_pages_controller_address_without_postcode_end_to_end() -> None:
    page = (
        "<!doctype html><html><head><title>Politique de confidentialité</title></head><body><main>"
        "<h2>1. Qui sommes-nous ?</h2><p>La société responsable de vos données est :</p>"
        "<p>Lunaro S.A.S.</p><p>Lunaro</p><p>53 rue de Châteaudun Paris 9 France</p></main></body></html>"
    )
    facts = extract_page(page.encode(), "https://www.lunaro.fr/confidentialite", "text/html").facts
    assert [f.value for f in facts if f.field == "address"] == ["53 rue de Châteaudun, Paris 9, France"]
