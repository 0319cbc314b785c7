"""Country names as addresses write them, and addresses that carry no postcode.

An address's last line names its country in the page's language ("20095 Hamburg, Allemagne",
"Mińska 25, 03-808 Warszawa, Polska"). Some addresses have no postcode where the reader
expects one: a Paris, Lyon or Marseille address may give its arrondissement instead ("53 rue
de Châteaudun Paris 9 France"), and Irish, Hong Kong or Gulf addresses often have none. Those
are read only as a whole line of a street (number and street word), a town, and then either an
arrondissement or a country name: the country or the arrondissement stands where the postcode
would, so a sentence that merely mentions a street is not taken.
"""

from __future__ import annotations

import re

from monitor import normalize as nz

COUNTRIES = nz.wordset(
    # the country names of the address lines in their own and their neighbours' languages
    """deutschland germany allemagne alemania germania duitsland tyskland saksa niemcy alemanha
    österreich austria autriche áustria oostenrijk østerrike österrike
    schweiz suisse switzerland svizzera suiza zwitserland sveits schweiz suíça
    france frankreich francia frankrijk frankrike frankrig frança
    italia italy italien italie itália
    españa spain spanien espagne spagna spanje espanha
    portugal portogallo
    nederland netherlands niederlande pays-bas holland
    belgique belgium belgien belgië belgio bélgica
    luxembourg luxemburg lussemburgo
    norge norway norwegen norvège norvegia noruega noorwegen
    sverige sweden schweden suède svezia suecia zweden
    danmark denmark dänemark danemark danimarca dinamarca denemarken
    suomi finland finnland finlande finlandia
    polska poland polen pologne polonia
    ireland irland irlande irlanda éire
    uk england scotland wales
    usa
    japan japon giappone japón 日本
    india canada australia singapore"""
) | {
    "united kingdom", "great britain", "royaume-uni", "vereinigtes königreich", "reino unido",
    "regno unito", "verenigd koninkrijk", "united states", "united states of america",
    "états-unis", "vereinigte staaten", "estados unidos", "stati uniti", "hong kong",
    "united arab emirates", "new zealand", "paesi bassi", "países bajos", "czech republic",
    "česká republika",
}  # fmt: skip


def is_country(text: str) -> bool:
    """Whether a line (or its last comma part) is only a country's name."""
    return text.strip(" .,").casefold() in COUNTRIES


_STREET_FIRST = (  # the street's word before its name: "rue de Châteaudun", "Via Roma", "Rua Augusta"
    r"rue|avenue|av\.|boulevard|bd|place|quai|allée|chemin|impasse|cours|route|square|passage"
    r"|calle|avda\.?|avenida|paseo|plaza|via|viale|piazza|corso|rua|travessa|largo|praça"
)
_STREET_LAST = (  # after it: "Merrion Square", "Queen's Road"
    r"Street|St|Road|Rd|Lane|Drive|Way|Avenue|Ave|Square|Place|Quay|Terrace|Parade|Row|Hill"
)
_TOWN = r"[A-ZÀ-Þ][^\W\d_]*(?:[ '’-][^\W\d_]+){0,3}"  # a capital, then words of letters only
_NO_POSTCODE = re.compile(
    rf"^(?P<street>\d{{1,4}}(?:\s?(?:bis|ter|[a-z]))?,?\s+(?:(?i:{_STREET_FIRST})\s[^,\d]{{2,50}}?"
    rf"|(?:[A-Z][\w'’-]+\s){{1,3}}(?:{_STREET_LAST})\.?)),?\s+"
    rf"(?P<city>(?:Paris|Lyon|Marseille)\s+(?P<arr>\d{{1,2}})(?:e|er|ème)?|{_TOWN})"
    rf"(?:,?\s+(?P<country>(?i:{'|'.join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))})))?\.?$"
)


def without_postcode(line: str) -> str | None:
    """A whole line that is an address without postcode, as "street, town[ arr.], country"."""
    if len(line) > 120 or not line[:1].isdigit():
        return None
    m = _NO_POSTCODE.match(line)
    if not m:
        return None
    country = m.group("country")
    if not country and not m.group("arr"):
        return None  # neither a country nor an arrondissement where the postcode would be
    parts = [nz.text(m.group("street")), nz.text(m.group("city"))]
    return ", ".join(parts + ([country.strip().title()] if country else []))
