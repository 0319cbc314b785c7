"""People in tables whose header names a name column and a title column, in any language.

A staff or board table says what its columns hold: "Navn | Titel | Telefon", "Nom | Fonction",
"氏名 | 役職". Where the header says so, each row's name cell pairs with its title cell, so a
firm's own words for its jobs ("Bogholder", "Kassenwart", "Sysadmin") count though no lexicon
lists them. The name cell must still read as a person's; a table of one row needs a known first
name, as a lone pair is as often a product as a person.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract.given import is_cjk, starts_with_given
from monitor.extract.roles import is_role_line, role
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


# Between the names of one role cell: commas, ideographic commas, slashes, semicolons, "&", lines.
_SPLIT = re.compile(r"\s*(?:[,、，/;；&\n·•]|\s(?:and|und|et|y|e|en|og|och|ja|i)\s)\s*")
_MAX_NAMES = 8  # a cell beyond that is a roster, read elsewhere


def _names_in(cell: str) -> list[str] | None:
    """The names of a cell, or None when any part of it is not a person's name."""
    parts = [p for p in _SPLIT.split(cell) if p.strip()]
    if not 0 < len(parts) <= _MAX_NAMES:
        return None
    if any(is_role_line(w) for p in parts for w in p.split()):
        return None  # "代表取締役社長 丸井 健太郎": a title before the name, read by the lines' rules
    names = [nz.person_name(p) for p in parts]
    return [n for n in names if n] if all(names) else None


def _role_first(pairs: list[tuple[str, str]], kind: str) -> list[Fact]:
    """People of label/value pairs whose label is a job title and whose value is one or more
    names: a company-overview table ("代表取締役 | 山田 太郎"), an imprint's definition list
    ("Geschäftsführer: A, B"). One of the names must start with a known first name or be a CJK
    name, as title-like labels also head a product's properties ("Director arm | Brushed Steel")."""
    found: list[Fact] = []
    for label, value in pairs:
        label = label.strip(" :：")
        if not label or len(value) > 2 * _MAX_CELL or not is_role_line(label):
            continue
        names = _names_in(value)
        if not names or any(nz.person_name(label) == n for n in names):
            continue
        for name in names:
            evidence = nz.clip(f"[{kind} of titles and names] {label} / {value}", 200)
            found.append(Fact("person", name, role(label), evidence))
    if not any(starts_with_given(f.value) or is_cjk(f.value) for f in found):
        return []
    return found


def _cell_text(cell: LexborNode) -> str:
    lines = (nz.text(t).strip() for t in cell.text(deep=True, separator="\n").split("\n"))
    return "\n".join(t for t in lines if t)


def _pairs_of_table(table: LexborNode) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for row in [r for r in table.css("tr") if r.parent is not None][:_MAX_ROWS]:
        cells = [c for c in row.iter() if c.tag in ("td", "th")]
        if len(cells) == 2:
            pairs.append((nz.text(cells[0].text(deep=True, separator=" ")).strip(), _cell_text(cells[1])))
    return pairs


def _pairs_of_list(dl: LexborNode) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    label = ""
    for child in dl.iter():
        if child.tag == "dt":
            label = nz.text(child.text(deep=True, separator=" ")).strip()
        elif child.tag == "dd" and label:
            pairs.append((label, _cell_text(child)))
            label = ""
    return pairs[:_MAX_ROWS]


def find(tree: LexborHTMLParser) -> list[Fact]:
    """Person facts of the page's tables whose header names a name and a title column, and of
    two-column tables and definition lists whose left side is a title and right side names."""
    out: list[Fact] = []
    for table in tree.css("table"):
        by_header = _table(table)
        out += by_header or _role_first(_pairs_of_table(table), "table")
    for dl in tree.css("dl"):
        out += _role_first(_pairs_of_list(dl), "list")
    return out
