"""Held-aside cases for titles, post-nominals, procuration lines and company bodies: names
with titles of many languages lose them, procuration holders are people, a company's organs
are not (monitor.normalize.person_name, monitor.extract.page). Each case is written for the test.
"""

from __future__ import annotations

import pytest

from monitor.extract.page import extract_page
from monitor.normalize import person_name


def people_of(body: str, lang: str, url: str = "https://example.net/impressum") -> dict[str, str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>Seite</title></head><body>{body}</body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Dr. med. dent. Katharina Vogelsang", "Katharina Vogelsang"),
        ("Dipl.-Kfm. Jörg Hellweger", "Jörg Hellweger"),
        ("Dr. rer. pol. Sabine Kronauer", "Sabine Kronauer"),
        ("doc. MUDr. Pavel Kratochvíl, CSc.", "Pavel Kratochvíl"),
        ("dr hab. inż. Marek Wiśniewski", "Marek Wiśniewski"),
        ("Mag. iur. Theresa Aigner", "Theresa Aigner"),
        ("Bw. Juma Mwinyimkuu", "Juma Mwinyimkuu"),
        ("Alhaji Musa Danladi", "Musa Danladi"),
        ("Chief Emeka Okonkwo", "Emeka Okonkwo"),
        ("Dkt. Amina Salim", "Amina Salim"),
        ("Prof. Dr. Eva Lindqvist, MBA", "Eva Lindqvist"),
        ("Av. Mehmet Karaca", "Mehmet Karaca"),
        ("Haji Ahmad Faizal", "Ahmad Faizal"),
        ("Lic. Gabriela Mendoza Ruiz", "Gabriela Mendoza Ruiz"),
        ("Fru Ingrid Dahl", "Ingrid Dahl"),
        ("Anna Korhonen, KTM", "Anna Korhonen"),
        ("pani Agnieszka Zielińska", "Agnieszka Zielińska"),
        ("Доктор Игорь Смирнов", "Игорь Смирнов"),
    ],
)
def test_held_titles_are_dropped(raw: str, name: str) -> None:
    assert person_name(raw) == name


@pytest.mark.parametrize(
    "raw",
    ["Rada Nadzorcza", "Raad van Commissarissen", "Consiglio di Amministrazione", "Direktionen",
     "Nadzorni Odbor", "Yönetim Kurulu", "Правління Товариства", "Dozorčí Rada"],
)
def test_held_bodies_are_not_people(raw: str) -> None:
    assert person_name(raw) is None


def test_held_procuration_line_names_people() -> None:
    people = people_of(
        "<h1>Impressum</h1><p>Nordlicht Anlagenbau GmbH</p><p>Geschäftsführer: Henrik Albers</p>"
        "<p>Einzelprokura: Miriam Kessler, Tobias Rehm</p><p>Amtsgericht Kiel HRB 4411</p>",
        "de",
    )
    assert {"Henrik Albers", "Miriam Kessler", "Tobias Rehm"} <= set(people)


def test_held_prokurista_line_in_czech() -> None:
    people = people_of(
        "<h1>Kontakty</h1><p>Jednatel: Ondřej Málek</p><p>Prokurista: Lenka Horáková</p>",
        "cs",
        "https://example.net/kontakty",
    )
    assert "Lenka Horáková" in people
