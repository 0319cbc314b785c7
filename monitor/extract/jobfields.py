"""A job row of a plain careers page → its location, department, employment type and remote. Pure.

Read, strongest first, from schema.org microdata in the row (``jobLocation``,
``addressLocality``, ``employmentType``, ``occupationalCategory``, ``jobLocationType``); from
the names the markup gives a part (a class such as ``location`` or ``job-department``, a
table column headed "Standort"), or a label in its text ("Lieu : Paris"); then from what a
part says: employment words ("Vollzeit", "CDI", "32-40 uur"), remote words ("Remote",
"Télétravail"), department words ("Engineering", "Vertrieb"). One short unlabelled part
left that reads as a name ("Paris", "Rotterdam, NL") is the place: careers pages put the
location next to the title far more often than anything else. Lexicons cover English, German,
French, Spanish, Italian, Dutch, Portuguese and the Scandinavian languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborNode

from monitor import normalize as nz
from monitor.extract import dates

# Names a part's markup or label gives it (class words, column headers, "Label:" text).
_NAMES = {
    "location": "location locations loc city place where office standort ort arbeitsort "
    "einsatzort lieu ville localisation ubicacion ciudad lugar sede localita citta plaats "
    "locatie standplaats vestiging local localizacao cidade plats ort sted arbetsort",
    "department": "department departments dept team teams division area function category "
    "abteilung bereich fachbereich funktion departement equipe service metier departamento "
    "equipo area reparto dipartimento afdeling vakgebied setor avdeling avdelning",
    "employment": "type employment commitment contract schedule hours worktype jobtype "
    "anstellung anstellungsart beschaftigungsart vertrag vertragsart arbeitszeit contrat "
    "temps contrato jornada contratto orario dienstverband uren dienstverband contrato "
    "anstallning anstallningsform ansettelse",
    "remote": "remote workplace telework",
}  # fmt: skip
NAMES = {field: frozenset(words.split()) for field, words in _NAMES.items()}
# What a part says on its own.
_EMPLOYMENT = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|permanent|temporary|fixed[- ]term|contract(?:or)?|"
    r"freelance|internship|intern|apprenticeship|trainee|working student|"
    r"vollzeit|teilzeit|unbefristet|befristet|festanstellung|praktikum|werkstudent(?:in)?|"
    r"ausbildung|minijob|cdi|cdd|temps (?:plein|partiel)|stage|alternance|int[eé]rim|"
    r"tiempo (?:completo|parcial)|jornada (?:completa|parcial)|media jornada|indefinido|"
    r"pr[aá]cticas|tempo (?:pieno|parziale|indeterminato|determinato)|tirocinio|"
    r"voltijd|deeltijd|vast|tijdelijk|stage|bijbaan|heltid|deltid|fast(?:anst[aä]llning)?|"
    r"vikariat|praktik|est[aá]gio|tempo integral|meio per[ií]odo|efetivo)\b"
    r"|\b\d{1,2}(?:\s?[-–]\s?\d{1,2})?\s?(?:hours|hrs|h|std\.?|stunden|heures|horas|ore|uur|"
    r"timer|tim)\b", re.I)
_REMOTE = re.compile(
    r"\b(?:remote|fully remote|work from home|wfh|home ?office|mobiles arbeiten|t[eé]l[eé]travail|"
    r"teletrabajo|remoto|da remoto|smart working|thuiswerken|op afstand|distansarbete|"
    r"fjernarbeid|hjemmefra|trabalho remoto|hybrid[eo]?|anywhere)\b", re.I)
_DEPARTMENT = re.compile(
    r"^(?:engineering|software engineering|research(?: (?:&|and) development)?|r&d|product|"
    r"design|data(?: science)?|sales|marketing|finance|accounting|legal|operations|"
    r"customer (?:success|support|service)|support|people|hr|human resources|it|security|"
    r"manufacturing|production|logistics|supply chain|procurement|communications|"
    r"business development|administration|quality|"
    r"entwicklung|technik|forschung|vertrieb|finanzen|buchhaltung|recht|personal|einkauf|"
    r"produktion|kundenservice|verwaltung|"
    r"ing[eé]nierie|ventes|commercial|finances?|juridique|ressources humaines|achats|"
    r"ingenier[ií]a|ventas|finanzas|recursos humanos|ingegneria|vendite|amministrazione|"
    r"verkoop|financi[eë]n|inkoop|techniek|f[oö]rs[aä]ljning|ekonomi|utveckling|salg|"
    r"vendas|engenharia|financeiro)$", re.I)
_LABEL = re.compile(r"^\s*([^\W\d_][^\W\d]{1,24}(?:\s[^\W\d]{1,16})?)\s?:\s*(.+)$")
_SEPARATORS = re.compile(r"\s+[·|•–—-]\s+|\s*[·|•]\s*")
_TOKEN = re.compile(r"[a-z]+")
_PLACE = re.compile(r"^[^\W\d_][^\d]{1,58}(?:\s\d{4,5})?$")  # "Paris", "São Paulo, BR"
# Badges, not places: "New", "Neu", "Nouveau", "Top"...
_BADGE_WORDS = ("new neu nouveau nouvelle nuevo nueva nuovo nuova nieuw ny nytt novo nova hot "
                "featured urgent dringend top highlight")
_BADGES = frozenset(_BADGE_WORDS.split())
FIELDS = ("location", "department", "employment", "remote")
_MICRODATA = (("jobLocationType", "remote"), ("addressLocality", "location"),
              ("jobLocation", "location"), ("employmentType", "employment"),
              ("occupationalCategory", "department"))


def employment(text: str) -> bool:
    """True for a text that names a kind of employment ("Vollzeit", "CDI", "part-time")."""
    return _EMPLOYMENT.search(text) is not None


def _named(words: set[str]) -> str | None:
    for field in FIELDS:
        if words & NAMES[field]:
            return field
    return None


def _class_words(node: LexborNode, stop: LexborNode) -> set[str]:
    """Class and id words of a part and its ancestors inside the row."""
    out: set[str] = set()
    cur: LexborNode | None = node
    while cur is not None and cur.mem_id != stop.mem_id:
        attrs = cur.attributes
        raw = " ".join(str(attrs.get(a) or "") for a in ("class", "id", "itemprop", "data-field"))
        out |= set(_TOKEN.findall(nz.fold(raw).lower()))
        cur = cur.parent
    return out


def _text(node: LexborNode) -> str:
    return " ".join(node.text(separator=" ").split())


def _leaves(row: LexborNode) -> list[LexborNode]:
    """The row's parts: table cells, else elements holding text but no element with text, and
    the text beside elements ("<strong>Barista</strong><br>Praha": "Praha")."""
    if row.tag == "tr":
        return [c for c in row.iter() if c.tag in ("td", "th")]
    out = []
    for node in row.traverse():
        if node is not row and not _text(node):
            continue
        kids = []
        child = node.child
        while child is not None:
            kids.append(child)
            child = child.next
        if not any(k.tag and not k.tag.startswith("-") and _text(k) for k in kids):
            if node is not row:
                out.append(node)
            continue
        out += [k for k in kids if k.is_text_node and k.text().strip()]
    return out or [row]


def _microdata(leaf: LexborNode, row: LexborNode) -> bool:
    """True inside a microdata property: read above by its name, never guessed from its text."""
    cur: LexborNode | None = leaf
    while cur is not None and cur.mem_id != row.mem_id:
        if cur.attributes.get("itemprop"):
            return True
        cur = cur.parent
    return False


def _in_action(leaf: LexborNode, row: LexborNode) -> bool:
    """True inside a link or button: a title or a call to action ("Apply now"), not a field."""
    cur: LexborNode | None = leaf
    while cur is not None and cur.mem_id != row.mem_id:
        if cur.tag in ("a", "button"):
            return True
        cur = cur.parent
    # A whole row in a link is an action too, unless it holds a card's parts (title, place, type)
    return row.tag == "button" or (row.tag == "a" and len(_leaves(row)) < 3)


def _headers(row: LexborNode) -> list[str]:
    """The column headings of a table row's table, in column order."""
    table = row.parent
    while table is not None and table.tag != "table":
        table = table.parent
    if table is None:
        return []
    head = table.css_first("thead tr") or table.css_first("tr")
    if head is None or head.mem_id == row.mem_id:
        return []
    return [_text(c) for c in head.iter() if c.tag in ("th", "td")]


def _by_value(text: str) -> str | None:
    if _REMOTE.search(text):
        return "remote"
    if _EMPLOYMENT.search(text):
        return "employment"
    if _DEPARTMENT.match(text):
        return "department"
    return None


def read(row: LexborNode, title: str) -> tuple[tuple[str, str], ...]:
    """The row's job fields as ``details`` pairs (only those it states)."""
    found: dict[str, str] = {}

    def put(field: str, value: str) -> None:
        value = nz.clip(nz.text(value), 80)
        if field in ("remote", "location") and _REMOTE.search(value):
            found.setdefault("remote", "yes")
            if field == "remote" and not _REMOTE.fullmatch(value.strip()):
                field = "location"  # "Remote (EU)": a place as well
        if value and field != "remote" and field not in found:
            found[field] = value

    for prop, field in _MICRODATA:
        hit = row.css_first(f"[itemprop={prop}]")
        if hit is None:
            continue
        value = hit.attributes.get("content") or _text(hit)
        if field == "remote":
            if "telecommute" in value.lower():
                found["remote"] = "yes"
        elif value:
            put(field, value)
    headers = _headers(row)
    own = nz.fold(title).lower()
    for index, leaf in enumerate(_leaves(row)):
        text = _text(leaf)
        if nz.fold(text).lower().startswith(own + ","):  # "Barista, Praha": the rest of a line
            text = text[len(own) + 1:].strip()
        if not text or nz.fold(text).lower() == own or dates.find(text) or _microdata(leaf, row):
            continue
        named = _named(_class_words(leaf, row))
        if named is None and index < len(headers):
            named = _named(set(_TOKEN.findall(nz.fold(headers[index]).lower())))
        if named:
            put(named, text)
            continue
        for part in _SEPARATORS.split(text):
            _part(part.strip(" ,;"), leaf, row, own, found, put)
    return tuple((f, found[f]) for f in FIELDS if f in found)


def _part(part: str, leaf: LexborNode, row: LexborNode, own: str, found: dict[str, str],
          put: Callable[[str, str], None]) -> None:
    """One unnamed part of a row: "Label: value", or a value that says what it is."""
    if not part or nz.fold(part).lower() == own:
        return
    label = _LABEL.match(part)
    named = _named(set(_TOKEN.findall(nz.fold(label.group(1)).lower()))) if label else None
    if label and named:
        put(named, label.group(2))
        return
    field = _by_value(part)
    if field:
        put(field, part)
    elif ("location" not in found and len(part.split()) <= 4 and _PLACE.match(part)
          and not _in_action(leaf, row) and nz.fold(part).lower() not in _BADGES
          and not part.endswith((".", "!", "?"))):
        found["location"] = part
