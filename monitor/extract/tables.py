"""People in tables whose header names a name column and a title column, in any language.

A staff or board table says what its columns hold: "Navn | Titel | Telefon", "Nom | Fonction",
"氏名 | 役職". Where the header says so, each row's name cell pairs with its title cell, so a
firm's own words for its jobs ("Bogholder", "Kassenwart", "Sysadmin") count though no lexicon
lists them. The name cell must still read as a person's; a table of one row needs a known first
name, as a lone pair is as often a product as a person.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract.given import is_cjk, starts_with_given
from monitor.extract.roles import role
from monitor.models import Fact

# Header words, folded, in the lexicon's languages (EN DE FR ES IT PT NL NO SV DA FI PL CS HU TR JA).
_NAME_HEADERS = frozenset(
    nz.fold(w)
    for w in (
        "name", "full name", "names", "person", "navn", "namn", "nimi", "nom", "nom et prénom",
        "prénom et nom", "nombre", "nombre y apellidos", "nome", "nome e cognome", "naam", "imię i nazwisko",
        "jméno", "jméno a příjmení", "meno", "név", "ad soyad", "isim", "氏名", "名前", "mitarbeiter",
        "mitarbeiterin", "ansprechpartner", "ansprechpartnerin", "medarbejder", "medarbeider",
    )
)  # fmt: skip
_ROLE_HEADERS = frozenset(
    nz.fold(w)
    for w in (
        "title", "job title", "position", "role", "function", "funktion", "titel", "rolle", "stilling",
        "befattning", "roll", "tehtävä", "titteli", "asema", "titre", "fonction", "poste", "cargo", "puesto",
        "ruolo", "funzione", "carica", "functie", "rol", "stanowisko", "funkcja", "funkce", "pozice",
        "beosztás", "görev", "unvan", "役職", "肩書", "designation", "aufgabe", "bereich",
    )
)  # fmt: skip
_MAX_ROWS = 200  # a table beyond that is a directory, not a team
_MAX_CELL = 80


def _cells(row: LexborNode) -> list[str]:
    return [
        nz.text(c.text(deep=True, separator=" ")).strip()
        for c in row.iter()
        if c.tag in ("td", "th")
    ]


def _columns(header: list[str]) -> tuple[int, int] | None:
    folded = [nz.fold(h).strip(" :") for h in header]
    names = [i for i, h in enumerate(folded) if h in _NAME_HEADERS]
    roles = [i for i, h in enumerate(folded) if h in _ROLE_HEADERS]
    return (names[0], roles[0]) if names and roles and names[0] != roles[0] else None


def _table(table: LexborNode) -> list[Fact]:
    rows = [r for r in table.css("tr") if r.parent is not None][:_MAX_ROWS]
    if len(rows) < 2:
        return []
    columns = _columns(_cells(rows[0]))
    if columns is None:
        return []
    n, r = columns
    found: list[Fact] = []
    for row in rows[1:]:
        cells = _cells(row)
        if len(cells) <= max(n, r) or not cells[r] or len(cells[r]) > _MAX_CELL:
            continue
        name = nz.person_name(cells[n])
        if name and not nz.person_name(cells[r]):
            evidence = nz.clip(f"[table with name and title columns] {cells[n]} / {cells[r]}", 200)
            found.append(Fact("person", name, role(cells[r]), evidence))
    if len(found) == 1 and not (starts_with_given(found[0].value) or is_cjk(found[0].value)):
        return []
    return found


def find(tree: LexborHTMLParser) -> list[Fact]:
    """Person facts of the page's tables whose header names a name and a title column."""
    out: list[Fact] = []
    for table in tree.css("table"):
        out += _table(table)
    return out
