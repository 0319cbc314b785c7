"""People in a list after a role word (monitor.extract.people), in the lexicon's languages:
plural titles ("Gérants :", "Managing Directors:"), boards and managements ("Board of
Directors:", "Geschäftsleitung:", "Styrelse:"), the word for "and" of each language ("en",
"og", "och", "y", "e"), names with particles, hyphens and titles (Dr., Ing., DI, Mag.). A board
word labels only known first names: "Direction: A7 Ausfahrt Nord" names no one.
"""

from __future__ import annotations

import pytest

from monitor.extract import people


def read(line: str) -> dict[str, str]:
    return {f.value: f.role or "" for f in people.find(["Impressum", line])}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Gérants : Marie Dupont et Luc Martin", {"Marie Dupont": "Gérants", "Luc Martin": "Gérants"}),
        ("Bestuurders: Jan de Vries en Eva van Dijk", {"Jan de Vries": "Bestuurders", "Eva van Dijk": "Bestuurders"}),
        ("Styreleder: Ola Nordmann og Kari Nordmann", {"Ola Nordmann": "Styreleder", "Kari Nordmann": "Styreleder"}),
        ("Styrelse: Erik Johansson och Anna Svensson", {"Erik Johansson": "Styrelse", "Anna Svensson": "Styrelse"}),
        ("Dirección: Laura Gómez y Pablo Ruiz", {"Laura Gómez": "Dirección", "Pablo Ruiz": "Dirección"}),
        ("Direzione: Marco Rossi e Giulia Bianchi", {"Marco Rossi": "Direzione", "Giulia Bianchi": "Direzione"}),
        ("Board of Directors: Mary Smith, John Miller", {"Mary Smith": "Board of Directors", "John Miller": "Board of Directors"}),
        ("Geschäftsleitung: Thomas Maier, Sandra Huber", {"Thomas Maier": "Geschäftsleitung", "Sandra Huber": "Geschäftsleitung"}),
        ("Managing Directors: Ing. Peter Müller-Lüdenscheidt, DI Eva Gruber",
         {"Peter Müller-Lüdenscheidt": "Managing Directors", "Eva Gruber": "Managing Directors"}),
        ("Gesellschafter: Thomas Maier", {"Thomas Maier": "Gesellschafter"}),
        ("Geschäftsführer: Dr. Hans-Peter van der Berg, Maria de Souza",
         {"Hans-Peter van der Berg": "Geschäftsführer", "Maria de Souza": "Geschäftsführer"}),
    ],
)  # fmt: skip
def test_a_list_after_a_role_word_names_each_person(line: str, want: dict[str, str]) -> None:
    assert read(line) == want


@pytest.mark.parametrize("line", ["Direction: A7 Ausfahrt Nord", "Board: Raspberry Pi", "Direction : Sortie Paris Nord"])
def test_a_board_word_before_things_that_are_no_names_makes_no_people(line: str) -> None:
    assert read(line) == {}
