"""Country names as addresses write them, and addresses that carry no postcode.

An address's last line names its country in the page's language ("20095 Hamburg, Allemagne",
"Mińska 25, 03-808 Warszawa, Polska"). Some addresses have no postcode where the reader
expects one: a Paris, Lyon or Marseille address may give its arrondissement instead ("53 rue
de Châteaudun Paris 9 France"), and Irish, Hong Kong or Gulf addresses often have none. Those
are read only as a whole line of a street (number and street word), a town, and then either an
arrondissement or a country name: the country or the arrondissement stands where the postcode
would, so a sentence that merely mentions a street is not taken.

``country_of`` reads the country an address names (its country word, a prefixed or national
postcode shape): the country of a page's national phone numbers when its domain is generic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    # more countries, in English and as their own addresses write them
    "czechia", "česko", "slovensko", "slovakia", "românia", "romania", "türkiye", "turkey", "israel",
    "ישראל", "ελλάδα", "greece", "magyarország", "hungary", "hrvatska", "croatia", "slovenija",
    "slovenia", "srbija", "србија", "serbia", "bulgaria", "българия", "україна", "ukraine", "россия",
    "russia", "қазақстан", "kazakhstan", "казахстан", "монгол улс", "mongolia", "საქართველო",
    "հայաստան", "armenia", "shqipëria", "albania", "indonesia", "malaysia", "việt nam", "vietnam",
    "ประเทศไทย", "thailand", "philippines", "pilipinas", "bangladesh", "বাংলাদেশ", "भारत", "nepal",
    "नेपाल", "sri lanka", "pakistan", "پاکستان", "iran", "ایران", "egypt", "مصر", "saudi arabia",
    "السعودية", "الإمارات", "الأردن", "morocco", "المغرب", "tunisia", "algeria", "kenya",
    "tanzania", "uganda", "nigeria", "ghana", "ethiopia", "ኢትዮጵያ", "south africa", "suid-afrika",
    "cambodia", "កម្ពុជា", "mexico", "méxico", "argentina", "chile", "colombia", "peru", "perú",
    "brasil", "brazil", "china", "中国", "中國", "taiwan", "台灣", "korea", "south korea", "대한민국",
    "한국", "lietuva", "lithuania", "latvija", "latvia", "eesti", "estonia", "ísland", "iceland",
    "malta", "cyprus", "κύπρος", "türkiye cumhuriyeti", "singapura",
    "oman", "sultanate of oman", "عمان", "سلطنة عمان", "kuwait", "الكويت", "state of kuwait",
    "bahrain", "kingdom of bahrain", "البحرين", "qatar", "state of qatar", "قطر", "jordan",
    "lebanon", "لبنان", "liban", "iraq", "العراق",
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


# --- three-digit postcodes ---------------------------------------------------------------

# Countries whose postcodes have three digits: Iceland, the Faroe Islands, Madagascar, Lesotho,
# Papua New Guinea. Three digits before a town are read only on their pages: elsewhere they are
# a count ("300 Mitarbeiter") or a street number.
THREE_DIGIT_COUNTRIES = frozenset({"IS", "FO", "MG", "LS", "PG"})
# The page says so itself: the country's name, or words of Icelandic and Faroese contact blocks
# (phone, e-mail, address, company number, the legal forms ehf., hf., P/F, Sp/f).
_THREE_DIGIT_PAGE = re.compile(
    r"\b(?:ísland|iceland|island|føroyar|færøerne|faroe islands|madagascar|madagasikara|lesotho"
    r"|papua new guinea|sími|símar|netfang|heimilisfang|kennitala|ehf|p/f|sp/f)\b|þ",
    re.I,
)


def three_digit_codes(country: str | None, text: str) -> bool:
    """Whether three digits before a town may be a postcode on this page: its country writes
    them, or the page names such a country or speaks its contact words."""
    return (country or "").upper() in THREE_DIGIT_COUNTRIES or bool(_THREE_DIGIT_PAGE.search(text))


# --- the country an address names ---------------------------------------------------------

_US = re.compile(r" [A-Z]{2} \d{5}")
_UK = re.compile(r" [A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_COUNTRY_WORDS = {
    "deutschland": "DE", "germany": "DE", "österreich": "AT", "austria": "AT", "schweiz": "CH",
    "suisse": "CH", "switzerland": "CH", "france": "FR", "united kingdom": "GB", "uk": "GB",
    "england": "GB", "usa": "US", "united states": "US", "japan": "JP", "日本": "JP",
    "italia": "IT", "italy": "IT", "nederland": "NL", "netherlands": "NL", "belgique": "BE",
    "belgium": "BE", "españa": "ES", "spain": "ES", "portugal": "PT", "norge": "NO",
    "norway": "NO", "sverige": "SE", "sweden": "SE", "danmark": "DK", "denmark": "DK",
    "india": "IN", "canada": "CA", "australia": "AU", "méxico": "MX", "mexico": "MX", "brasil": "BR",
    "brazil": "BR", "polska": "PL", "poland": "PL", "suomi": "FI", "finland": "FI", "eesti": "EE",
    "estonia": "EE", "türkiye": "TR", "turkey": "TR", "românia": "RO", "romania": "RO",
    "magyarország": "HU", "hungary": "HU", "česko": "CZ", "česká republika": "CZ", "czechia": "CZ",
    "ελλάδα": "GR", "greece": "GR", "россия": "RU", "україна": "UA", "대한민국": "KR", "한국": "KR",
    "korea": "KR", "south korea": "KR", "台灣": "TW", "臺灣": "TW", "taiwan": "TW", "中国": "CN",
    "china": "CN", "ireland": "IE", "new zealand": "NZ", "singapore": "SG", "belgië": "BE",
}  # fmt: skip
_PREFIXES = {"D": "DE", "DE": "DE", "A": "AT", "AT": "AT", "CH": "CH", "F": "FR", "I": "IT",
             "NL": "NL", "S": "SE", "SE": "SE", "N": "NO", "NO": "NO", "DK": "DK", "P": "PT",
             "E": "ES", "B": "BE", "L": "LU", "FL": "LI"}  # fmt: skip
_PREFIXED_PC = re.compile(r"\b([A-Z]{1,2})-\d{4,5}\b")


def country_of(addresses: Sequence[str]) -> str | None:
    """The country the company's addresses say: a country name closing one ("…, Deutschland"),
    a prefixed postcode ("CH-9001"), a US state and ZIP, a UK postcode, a Japanese 〒."""
    for value in addresses:
        last = value.rsplit(",", 1)[-1].strip(" .").casefold()
        if last in _COUNTRY_WORDS:
            return _COUNTRY_WORDS[last]
        if (m := _PREFIXED_PC.search(value)) and m.group(1) in _PREFIXES:
            return _PREFIXES[m.group(1)]
        if _US.search(value):
            return "US"
        if _UK.search(value):
            return "GB"
        if "〒" in value:
            return "JP"
        if found := _SHAPES.search(value):
            return next(code for code, part in zip(_SHAPE_CODES, found.groups(), strict=True) if part)
    return None


# Postcode shapes that name their country: Canadian, Australian (state and four digits), Korean
# (a province or metropolis), Taiwanese (a county or city and a house number in 號).
_SHAPE_CODES = ("CA", "AU", "KR", "TW")
_SHAPES = re.compile(
    r"(\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b)|(\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s\d{4}\b)"
    r"|([가-힣](?:특별시|광역시|특별자치시|특별자치도|도)\s)|([臺台][北中南東]|[縣].*號)"
)
