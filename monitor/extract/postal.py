"""Postal addresses as blocks of parts: street parts, then a locality with a postcode.

An address is written in parts (lines of a footer, " · " or " | " pieces of one line, comma
pieces of those) that close on a locality: a postcode in one of the world's shapes with its
town before or after it ("20457 Hamburg", "4000-447 Porto", "852 30 Sundsvall", "Brisbane QLD
4000", "Québec (Québec) G1V 2L1", "Halifax, NS B3K 4X1", "C.P. 37530, León", "Dublin 2" with an
Eircode). Before it stand a street part, which holds a house number next to a name ("Via
dell'Industria, 27", "ul. Kapitańska 12", "Str. Memorandumului nr. 28", "2450, boulevard
Laurier", "120 Edward Street", "Postboks 1423 Laksevåg"), and between them at most a unit
("Level 4", "bureau 300", "3.º"), a district ("Col. Jardines de Jerez") or the town. A
locality without a street part before it is no address: a town and postcode alone say little,
unless the street follows a locality that opens with its postcode, as Hungarian and Russian
write it ("1051 Budapest, Nádor utca 12."). Where the country writes its postcode alone after
the town ("18 Bree Street, Cape Town, 8001") or has none ("P.O. Box 61555, Dubai"), the part
before closes the locality; scripts without capitals (Hebrew, Arabic, Thai, Devanagari) name
their towns with any letter, and Thai writes the whole address in one part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor import normalize as nz
from monitor.extract import streets
from monitor.extract.legal_forms import UPPER
from monitor.extract.places import is_country

# Letters of scripts without capitals (Hebrew, Arabic, Thai, Devanagari): a town or street
# name in them opens with any letter.
UNCASED = "\u05d0-\u05ea\u0620-\u064a\u0e01-\u0e2e\u0904-\u0939"
MARKS = "\u0900-\u0903\u093a-\u094f\u0e31-\u0e3a\u0e47-\u0e4e"  # their vowel signs: no word characters
UNCASED += streets.MORE_UNCASED
MARKS += streets.MORE_MARKS
_PC = (
    r"(?<!\w)(?<!\d-)(?:[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # Canada
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # United Kingdom
    r"|[AC-FHKNPRTV-Y]\d{2}\s[AC-FHKNPRTV-Y0-9]{4}"  # Ireland (Eircode)
    r"|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}"  # Brazil, Portugal, Japan, Poland
    r"|[A-Z]\d{4}[A-Z]{3}|[A-HJ-NP-Z]\d{4}(?=\s[A-ZÀ-Þ])|\d{3}\s\d{3}"  # Argentina (and its short form), India in two groups
    r"|\d{3}\s\d{2}|\d{4}\s?[A-Z]{2}|\d{5}-\d{4}|\d{4,7}"  # SE/CZ/GR, NL, US ZIP+4, most
    r"|(?<=IS-|FO-)\d{3})(?![\w-])"  # Iceland, the Faroe Islands: three digits after their prefix
)
_PC_GATE = re.compile(r"\d{4}|\d{3}[\s-]\d|\d{2}-\d{3}|[A-Z]\d|[A-Z]-\d{3}")
_PC3_GATE = re.compile(r"(?<![\d-])\d{3}\s")
_ADMIN_GATE = re.compile(r"TP\.|Tp\.|Thành phố|Thị xã|Kota\s|Kabupaten|Kab\.")
_PC_LABEL = r"(?:(?:C\.?\s?P\.?|CP|PLZ|CEP|NPA|〒)\s?:?\s?)?(?:[A-Z]{1,2}-)?"
_WORD = rf"[{UPPER}{UNCASED}][\w'’.\-{MARKS}]*"
_TOWN = rf"(?:(?:г|м|с|п)\.\s?)?{_WORD}(?:\s+(?:[a-zà-ÿ]{{1,4}}\s+){{0,2}}(?:{_WORD}|\d{{1,2}}(?!\d)))" + "{0,3}"
_REGION = rf"(?:\({_TOWN}\)|/\s*{_TOWN}|[-–]\s*{_TOWN}|[-–]\s*[A-Z]{{2}})"
_PC_FIRST = re.compile(rf"{_PC_LABEL}(?P<pc>{_PC}),?\s+(?P<town>{_TOWN})(?:\s*{_REGION}){{0,2}}")
_PC_LAST = re.compile(
    # the town and its code joined by a hyphen, as Dhaka writes it: "ঢাকা-১২১২"
    rf"(?:(?P<town>{_TOWN})(?:\s*{_REGION})?(?:(?:,|\s[-–])?\s+|-(?=\d{{4,6}}$)))?(?:[A-Z]{{2,3}},?\s+)?{_PC_LABEL}(?P<pc>{_PC})"
)
_PC_ALONE = re.compile(rf"{_PC_LABEL}(?P<pc>{_PC})")
_PC3_FIRST = re.compile(rf"(?P<pc>\d{{3}})\s+(?P<town>{_TOWN})")
_NUMBER = r"(?:(?i:nr|no|n|núm|num|nº|n°)\.?:?\s?)?\d{1,5}(?:\s?[a-zA-Z](?!\w))?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)*"
_UNIT_WORDS = (
    r"level|suite|ste|unit|floor|fl|bureau|étage|piso|andar|sala|conj|et|etaj|krs|kerros|apt"
    r"|apartment|oficina|despacho|local|room|rm|stock|og|top|bldg|building|lok|lokal|patro|piętro|pmb"
    r"|emelet|kat|etasje|etg|våning|vån|sal|verdieping|etage|stage|kerros|krs"
)
_UNIT = re.compile(
    # the word ends before its number ("Stockholm", "Salzburg" open with one); Polish "m. 5" is a
    # flat only with its number ("500 m" is a distance)
    rf"(?i:#\d{{1,3}}-\d{{1,4}}|(?:{_UNIT_WORDS})(?:\.\s?|\s|(?=[#\d]))#?\s?[\w.-]{{1,8}}|m\.?\s?\d{{1,4}}[a-z]?(?!\w)|\d{{1,3}}(?:st|nd|rd|th|\.?º|\.?ª|\.?o|\.)?\s?"
    rf"(?:{_UNIT_WORDS}|floor|étage|piso|andar|krs|kerros|stock|etage|izquierda|derecha|esq\.?|dto\.?|dir\.?)"
    rf"(?:\s\w+)?|\d{{1,2}}\.?[ºªo]\s?(?:\w+\.?)?|\d{{1,2}}F(?:\s.{{1,40}})?)"
)
# more languages' units: "baixos", "Kat:3", "офіс 12", "ap. 10"; Singapore's floor and unit
# before the building's name ("#22-08 International Plaza")
_UNIT = re.compile(rf"(?:{_UNIT.pattern}|(?i:{streets.UNIT_ALONE}|{streets.UNIT_LABELLED}|{streets.UNIT_NUMBERED})"
                   r"|#\d{1,3}-\d{1,4}\s[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,3})")
_STREET_WORDS = (
    r"rue|avenue|av|boulevard|bd|place|quai|allée|chemin|impasse|cours|route|square|passage|voie"
    r"|calle|avda|avenida|paseo|plaza|via|viale|piazza|corso|largo|rua|travessa|praça|ul|al|str"
    r"|ул|улица|вул|вулиця|пр|просп|проспект|пл|площадь|бул|бульвар|пер|переулок|наб|шоссе"
)
_POBOX = (  # "GPO Box 4410", "PO Box R1120", "Private Bag X12", "P.O. Box 30123-00100" (Kenya)
    r"(?i:g?p\.?\s?o\.?\s?box|post(?:fach|boks|box|bus)|box|pmb|apartado|caixa\s+postal|casella\s+postale"
    rf"|(?:private|locked)\s+bag|b\.?p\.?|{streets.POBOX})\s+(?:[A-Z]\s?)?\d{{1,6}}(?:-\d{{5}})?(?:\s{_WORD})?"
)
_STREET = re.compile(
    rf"(?:(?:(?i:ul|al|pl|os|str|bd|av|avda|c|cl|calle|rua|r)\.?\s|(?i:c|av|pg|pza|ctra)/\s?)?[{UPPER}{UNCASED}]|(?i:{_STREET_WORDS})\.?\s)"
    rf"[\w\-.'’ {MARKS}{streets.QUOTES}]{{1,50}}?,?\s{_NUMBER}(?:\.(?=\s))?"
    rf"(?:\s[A-Z][a-z]{{0,4}}\.?)?(?:\s?[-–]\s?{_UNIT.pattern}|\s{_UNIT.pattern})?"
    rf"|\d{{1,5}}[a-zA-Z]{{0,2}}(?:\s?(?:bis|ter))?,?\s+[^\W\d_][\w\-.'’ {MARKS}]{{2,50}}"
    rf"|{_POBOX}"
    r"|\d{1,2}-\d{1,3}(?:-\d{1,4})?\s+[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?"  # Japanese block numbers
    rf"|(?i:plot|shop|house|flat)?\s?(?i:no)\.?\s?\d{{1,5}}(?:,?\s[\w\s]{{1,30}})?"
    rf"|(?:Số|số)\s\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?\s[{UPPER}][\w\-.'’ ]{{1,40}}"  # "Số 88 Lê Duẩn"
    r"|(?i:plot|lot|villa|warehouse)\s[A-Z]{0,2}-?\d{1,6}[A-Za-z]?"  # "Plot S20119"
)
_PHONE_LABEL = re.compile(r"(?i:tel|phone|fax|fon|mob|tlf|puh|gsm|t\.|f\.|☎)")


def _streetlike(part: str) -> re.Match[str] | None:
    """A street part, and not a phone line ("Tel. 02 5555 1234"), a run of digit groups, a
    distance ("500 m vom Bahnhof") nor prose with a year, a count or a rank ("Im Jahr 2019 Nr. 5")."""
    if _PHONE_LABEL.match(part) or sum(c.isdigit() for c in part) > 8 or streets.MEASURE.search(part):
        return None
    m = _STREET.fullmatch(part)
    return None if m is None or streets.prose_numbers(part) else m


_NUMBER_ONLY = re.compile(rf"(?:(?:д|дом|буд|будинок|№)\.?\s?)?\d{{1,5}}[a-zA-Zа-я]?(?:\s?[-–]\s?{_UNIT.pattern})?")
# a town after its Cyrillic abbreviation ("г. Казань", "м. Карлівка", "смт Козелець"); a street
# word, then a name, which may be a date ("ул. 8 Марта", "rue du 8 Mai")
_NAME = re.compile(rf"(?:(?i:col|bo|barrio|colonia)\.?\s|(?:г|м|с|п|пгт|смт|с-ще)\.?\s)?[{UPPER}{UNCASED}][^\d,;:@]{{1,40}}"
                   rf"|[A-Z]{{2,3}}|(?i:{_STREET_WORDS})\.?\s(?:\d{{1,2}}\s(?=[^\W\d_]))?[^\d,;:@]{{1,40}}")
_STREET_NAME = re.compile(rf"(?i:{_STREET_WORDS})\.?\s[^\d,;:@]{{1,40}}")  # "boulevard Laurier"
_LABEL = re.compile(r"^[^:\d@]{2,40}(?<!\bNo)(?<!\bno)(?<!\bNr):\s+(?=\S)")  # not "Sok. No: 7"
# " · " parts, and the sentences of a line: "… Perth WA 6000. Postal: PO Box 7312, …" (a word
# of five small letters or a number before the full stop: not "ul. Długa", "St. Georges",
# "Depto. B")
_SEGMENTS = re.compile(r"\s[·|•]\s|;\s|\s{3,}|(?:(?<=[a-zà-ÿ]{5})|(?<=\d\d))\.\s+(?=[A-Z])")
_MAX_BACK = 3  # lines before the locality's line that may hold its street


def _parts(line: str) -> list[str]:
    """A line's parts: its " · " segments, each cut at its commas, labels dropped."""
    out = []
    for segment in _SEGMENTS.split(line):
        if not segment.isascii():  # the Arabic and the full-width comma part as a comma does
            segment = streets.PART_COMMAS.sub(",", segment)
        if streets.CODE_GATE.search(segment):  # "No: 7/2 34746 Ataşehir": cut before the postcode
            segment = streets.CODE_IN_PART.sub(r"\1,", segment)
        for part in segment.split(","):
            part = _LABEL.sub("", part.strip(" .;")).strip()
            if part:
                out.append(part)
    return out


def _locality(parts: list[str], k: int, three: bool = False) -> tuple[str, int] | None:
    """The locality at part ``k`` (and how many parts after it it took), or None; ``three``
    admits three digits before the town, where the page's country writes its postcodes so."""
    part = parts[k]
    if len(part) > 60:
        return None
    if three and (m := _PC3_FIRST.fullmatch(part)) and not is_country(m.group("town")):
        return None if streets.counted(m.group("town")) else (part, 0)
    if _STREET_END.search(part):
        return None  # "8750 North Central Expressway" is a street, not "8750 North…"
    if (m := _PC_FIRST.fullmatch(part)) and streets.counted(m.group("town")):
        return None  # "12000 Kunden": a count in prose
    if (m := _PC_FIRST.fullmatch(part)) and not is_country(m.group("town")) and not re.fullmatch(r"\d{7}", m.group("pc")):
        prefix = re.search(r"[A-Z]{1,2}-$", part[: m.start("pc")])  # "CH-9001" keeps its country
        return f"{prefix.group(0) if prefix else ''}{m.group('pc')} {m.group('town')}", 0
    alone = _PC_ALONE.fullmatch(part)
    if alone and k + 1 < len(parts) and _TOWN_ONLY.fullmatch(parts[k + 1]) and not is_country(parts[k + 1]):
        return f"{alone.group('pc')} {parts[k + 1]}", 1  # "C.P. 37530, León"
    if (m := _PC_LAST.fullmatch(part)) and _town_fits(m) and (
            len(m.group("pc")) >= 5 or not m.group("pc").isdigit() or _STATE.match(part)
            or _town_and_code(parts, k, m.group("pc")) or _LABELLED.search(part[: m.start("pc")])
            or _code_after_town(parts, k, m) or _town_code_after_street(parts, k, m)
            or _code_after_suburb(parts, k, m)):
        return part, 0
    if (m := _TOWN_CODE3.fullmatch(part)) and k + 1 < len(parts) and is_country(parts[k + 1]):
        return part, 0  # "Ruwi 112, Sultanate of Oman": three digits after the town, the country after
    return _box_and_town(parts, k) or _admin_town(parts, k)


# A town, then a postcode of three digits, as Oman writes it ("Ruwi 112", "Muscat PC 113"): read
# only where the country's name follows, as three digits after a word are anything elsewhere.
_TOWN_CODE3 = re.compile(rf"(?P<town>{_TOWN})\s+(?:(?i:p\.?\s?c\.?)\s?)?(?P<pc>\d{{3}})")
_TOWN_CODE3_GATE = re.compile(r"[^\W\d_]\s(?:(?i:p\.?\s?c\.?)\s?)?\d{3}(?!\d)")


# Words that open a town's or city's part where addresses have no postcode in common use:
# Vietnamese (TP. = thành phố, city; thị xã, town) and Indonesian (kota, kabupaten).
_ADMIN_TOWN = re.compile(rf"(?:TP\.|Tp\.|Thành phố|Thị xã|Kota|Kabupaten|Kab\.)\s?[{UPPER}][^\d,;:@]{{1,40}}")


def _admin_town(parts: list[str], k: int) -> tuple[str, int] | None:
    """A city named by its administrative word, then at most its province to the end ("TP.
    Buôn Ma Thuột, Đắk Lắk"): the locality of countries whose addresses carry no postcode."""
    if not _ADMIN_TOWN.fullmatch(parts[k]):
        return None
    rest = [p for p in parts[k + 1 : k + 3] if not re.search(r"\d|@", p)]  # a phone or e-mail may follow
    if len(rest) > 1 or (rest and not _TOWN_ONLY.fullmatch(rest[0])):
        return None
    return (f"{parts[k]}, {rest[0]}", 1) if rest else (parts[k], 0)


_NOT_TOWN = re.compile(rf"(?i:{_UNIT_WORDS}|p\.?\s?o\.?|box|postfach|postboks|apartado)\b")


def _town_fits(m: re.Match[str]) -> bool:
    """The town before a postcode is no unit nor box ("PMB 90372", "Suite 1400"), and seven
    digits (Israel) stand only after a town."""
    town = m.group("town")
    if town and _NOT_TOWN.match(town):
        return False
    return town is not None or not re.fullmatch(r"\d{7}", m.group("pc"))


def _code_after_town(parts: list[str], k: int, m: re.Match[str]) -> bool:
    """Four digits in a part of their own after the town, closing the line, and a numbered
    street before the town ("18 Bree Street, Cape Town, 8001"), as South Africa and Australia
    write them: a year stands in a sentence, not after a street and a town."""
    code = m.group("pc")
    if m.group("town") or k < 2 or not _closing(parts, k):
        return False
    if not code.isdigit() or 1900 <= int(code) <= 2099:
        return False
    town, street = parts[k - 1], parts[k - 2]
    numbered = bool(_NUMBER_FIRST.match(street) and _STREET_END.search(street)) or _box(street)
    return bool(_TOWN_ONLY.fullmatch(town)) and numbered


def _town_code_after_street(parts: list[str], k: int, m: re.Match[str]) -> bool:
    """Four digits after the town, behind a numbered street and at most a suburb ("120 Silverdale
    Road, Hillcrest, Hamilton 3216"), as New Zealand and Australia write them: a year or a count
    does not follow a street of its own."""
    code = m.group("pc")
    if not m.group("town") or not code.isdigit() or len(code) != 4 or 1900 <= int(code) <= 2099:
        return False
    for j in range(k - 1, max(-1, k - 3), -1):
        if _numbered_street(parts[j]) or _box(parts[j]):
            return True
        if not _TOWN_ONLY.fullmatch(parts[j]):
            return False
    return False


def _box(part: str) -> bool:
    """A post box part ("PO Box 1904", "GPO Box 4410"): it stands where a street would."""
    return bool(re.fullmatch(_POBOX, part))


def _closing(parts: list[str], k: int) -> bool:
    """The part at ``k`` closes its address: the line ends, a country or a post box follows
    ("27 Boshoff Street, Pietermaritzburg, 3201 · PO Box 1904, …")."""
    return k + 1 >= len(parts) or is_country(parts[k + 1]) or _box(parts[k + 1])


def _numbered_street(part: str) -> bool:
    """A street part with its house number and a street word: "120 Silverdale Road",
    "რუსთაველის გამზირი 12", "Աբովյան փողոց 10"."""
    if not _streetlike(part):
        return False
    return bool(_NUMBER_FIRST.match(part) and _STREET_END.search(part)) or bool(
        streets.STREET_WORD.search(part) and re.search(r"\d", part)
    )


def _code_after_suburb(parts: list[str], k: int, m: re.Match[str]) -> bool:
    """Four digits in a part of their own after the town and its suburb, behind a numbered
    street ("15 Florida Road, Morningside, Durban, 4001")."""
    code = m.group("pc")
    if m.group("town") or k < 3 or not _closing(parts, k):
        return False
    if not code.isdigit() or len(code) != 4 or 1900 <= int(code) <= 2099:
        return False
    town, suburb, street = parts[k - 1], parts[k - 2], parts[k - 3]
    return bool(_TOWN_ONLY.fullmatch(town) and _TOWN_ONLY.fullmatch(suburb) and _numbered_street(street))


def _box_and_town(parts: list[str], k: int) -> tuple[str, int] | None:
    """A post box and its town where there are no postcodes ("P.O. Box 61555, Dubai"): the town
    closes the line or stands before a country (or its short code, "UAE")."""
    if k + 1 >= len(parts) or not re.fullmatch(_POBOX, parts[k]) or parts[k].lower().startswith("pmb"):
        return None
    town = parts[k + 1]
    if not _TOWN_ONLY.fullmatch(town) or is_country(town) or len(town) > 30:
        return None
    rest = parts[k + 2 :]
    if rest and not (is_country(rest[0]) or re.fullmatch(r"[A-Z]{2,3}", rest[0])):
        return None
    return f"{parts[k]}, {town}", 1


def _town_and_code(parts: list[str], k: int, code: str) -> bool:
    """Four digits after a town, then the country ("Auckland 1010, New Zealand"): not a year
    ("Rückblende 2019"), a box ("Postfach 2150") or a unit ("Suite 1400"), and only with the
    country, as "Halle 2300" may as well be a hall."""
    part = parts[k]
    country = k + 1 < len(parts) and is_country(parts[k + 1])  # "Renwick 7204, Marlborough, New Zealand"
    country = country or (k + 2 < len(parts) and bool(_NAME.fullmatch(parts[k + 1])) and is_country(parts[k + 2]))
    if not country or 1900 <= int(code) <= 2099:
        return False
    return not re.match(_POBOX, part) and not _UNIT.fullmatch(part)


# A postcode's label or country prefix just before it: "LV-1010", "C.P. 1234" are postcodes.
_LABELLED = re.compile(r"(?:(?:C\.?\s?P\.?|CP|PLZ|CEP|NPA|〒)\s?:?\s?|[A-Z]{1,2}-)$")
_US_STATE = re.compile(r"([a-z])\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$")
_STATE = re.compile(r"(?:.*\s)?[A-Z]{2,3},?\s+\d{4}$")


_STREET_END = re.compile(
    r"\b(?i:street|st|road|rd|avenue|ave|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|parkway"
    r"|pkwy|highway|hwy|square|sq|plaza|expressway|terrace|circle|trail|row|quay|crescent|marg"
    r"|मार्ग|रोड|पथ)\.?$"
)
_TOWN_ONLY = re.compile(_TOWN)
_ONE_WORD_STREET = re.compile(rf"[{UPPER}][^\s\d,]+\s\d{{1,4}}[a-zA-Z]?")


def _plain_street(part: str) -> bool:
    """A street written as one word and its number ("Laugavegur 26", "Gongin 5"), or with a
    street or building word ("Lot II M 85, Rue Ratsimilaho")."""
    return bool(_ONE_WORD_STREET.fullmatch(part) or streets.STREET_SIGN.search(part))


_RANK_ONLY = re.compile(r"(?i:nr|no|n|nº|n°|núm|num|numéro|nummer|number)\.?:?\s?\d{1,5}")


def _street(parts: list[str], k: int, floor: int) -> tuple[list[str], int] | None:
    """The parts from the street to just before the locality at ``k`` (none before ``floor``),
    and the index of the first."""
    between: list[str] = []
    j = k - 1
    names = 0
    # an area, a town and a state between the street and a postcode of six digits (India)
    # (and a building, its street and town before a postcode with letters, which names a few
    # houses: "Unit 4, Calder Mill, Market Street, Hebden Bridge HX7 6AA")
    most = 3 if re.search(r"(?<!\d)\d{6}$", parts[k]) or _LETTERED_CODE.search(parts[k]) else 2
    while j >= floor and len(between) < 4 + sum(bool(_UNIT.fullmatch(p)) for p in between[:3]):
        part = parts[j]
        if len(part) > 60:
            return None
        if streets.MEASURE.search(part):  # "Seestraße 5, ca. 500 m vom Bahnhof, 12345 Berlin": a note
            j -= 1
            continue
        if _RANK_ONLY.fullmatch(part) and not (between and streets.STREET_SIGN.search(between[0])):
            break  # "Wir sind die Nr. 5, 12000 Kunden": a rank, unless a street follows ("No. 12, MG Road")
        if streets.ADMIN_PART.fullmatch(part) and len(between) < 4:  # "Quận 1", "Phường Bến Nghé"
            between.insert(0, part)
            j -= 1
            continue
        if streets.HOUSE.fullmatch(part) and between and streets.STREET_WORD.search(between[0]):
            return _with_premises(parts, j, floor, [f"{part}, {between[0]}", *between[1:]])  # "45-بی، مال روڈ"
        if _NUMBER_ONLY.fullmatch(part) and between and _STREET_END.search(between[0]):
            return _with_premises(parts, j, floor, [f"{part}, {between[0]}", *between[1:]])  # "12, Gandhi Marg"
        if _NUMBER_ONLY.fullmatch(part) and j > floor and _NAME.fullmatch(parts[j - 1]):
            return _with_premises(parts, j - 1, floor, [parts[j - 1], part, *between])  # "Via X, 27"
        if _STREET_NAME.fullmatch(part) and j > floor and _NUMBER_ONLY.fullmatch(parts[j - 1]):
            return _with_premises(parts, j - 1, floor, [parts[j - 1], part, *between])  # "2450, bd X"
        if _streetlike(part) and not _UNIT.fullmatch(part):
            if j > floor and _after_street(part, parts[j - 1]):
                return _with_premises(parts, j - 1, floor, [parts[j - 1], part, *between])  # "Dublin 2"
            return _with_premises(parts, j, floor, [part, *between])
        named = _NAME.fullmatch(part) or _WARD.fullmatch(part)  # "Uttara", "Gulshan-1"
        if _UNIT.fullmatch(part) or _UNIT_DISTRICT.fullmatch(part) or (named and names < most):
            names += not _UNIT.fullmatch(part)
            between.insert(0, part)
            j -= 1
            continue
        break
    return _premises_named(parts[k], between, j + 1)


_LETTERED_CODE = re.compile(r"[A-Z]\d|\b\d{4}\s?[A-Z]{2}\b")  # "HR1 4RF", "M5J 2G8", "8013 PN"


def _premises_named(locality: str, between: list[str], first: int) -> tuple[list[str], int] | None:
    """A unit in a named building or farm, without a street ("Unit 3, Lower Buckenhill Farm,
    Woolhope, Hereford HR1 4RF"), as rural and estate addresses run: only before a postcode with
    letters, which names a few houses, not before digits that could be anything."""
    units = [n for n, p in enumerate(between) if _UNIT.fullmatch(p)]
    if not units or not _LETTERED_CODE.search(locality):
        return None
    first, between = first + units[0], between[units[0] :]  # a heading before it is no part
    if len(between) < 2:
        return None
    if not all(_NAME.fullmatch(p) and not _UNIT.fullmatch(p) for p in between[1:]):
        return None
    return between, first


_UNIT_DISTRICT = re.compile(rf"(?:{_UNIT.pattern})\s[-–]\s[{UPPER}][^\d,;:@]{{1,30}}")  # "sala 504 - Savassi"
_DISTRICT = re.compile(rf"[{UPPER}][\w'’-]+\s\d{{1,2}}")  # "Dublin 2"
_NUMBER_FIRST = re.compile(r"\d{1,5}[a-zA-Z]{0,2},?\s+[^\W\d]")


def _after_street(part: str, before: str) -> bool:
    """Whether ``part`` is a district or a box written after the street ``before``: "1 Hatch
    Street Upper / Dublin 2", "Poststrasse 18 / Postfach 2150"."""
    if re.fullmatch(_POBOX, part):
        return bool(_streetlike(before)) and not re.fullmatch(_POBOX, before)
    streetlike = _NUMBER_FIRST.match(before) or _STREET_END.search(before)
    return bool(_DISTRICT.fullmatch(part) and streetlike and _streetlike(before))
_BUILDING_WORDS = r"gedung|menara|wisma|graha|building|bldg|tower|torre|edificio|edifício|immeuble|bâtiment|centre|center"
_PREMISE = re.compile(
    r"(?i:(?:plot|shop|house|flat|unit|suite|apt)\.?\s?(?:no\.?|#)?\s?\d{1,5}[a-z]?|(?:old\s|new\s)?no\.?\s?\d{1,5}"
    rf"|\d{{1,2}}F\s.{{1,40}}|{_UNIT.pattern})"
    r"|(?:প্লট|বাড়ি|प्लॉट|मकान)\s?(?:নং|नं)?\.?\s?\d{1,5}"  # Bengali and Hindi plots and houses
    # a building by its word, and its floor: "Gedung Sampoerna Strategic Square", "Menara Selatan
    # Lt. 21", "Torre Norte, piso 3" (the building word opens or closes its name)
    rf"|(?i:{_BUILDING_WORDS})\s[{UPPER}][^\d,;:@]{{1,40}}|[{UPPER}][^\d,;:@]{{1,40}}\s(?i:{_BUILDING_WORDS})"
    rf"|[{UPPER}][^\d,;:@]{{1,40}}\s(?i:lt|lantai|floor|fl|level|piso|étage)\.?\s?\d{{1,3}}"
)


def _with_premises(parts: list[str], j: int, floor: int, taken: list[str]) -> tuple[list[str], int]:
    """The street's parts with the unit or premise parts written before it ("Unit #4315,",
    "3rd Floor, 1 Ashley Road", "4F Sumitomo Fudosan Azabu Bldg / 1-4-1 Mita")."""
    while j > floor and len(taken) < 6 and _PREMISE.fullmatch(parts[j - 1]):
        j -= 1
        taken.insert(0, parts[j])
    if j > floor and not taken[0][:1].isdigit() and _HOUSE.fullmatch(parts[j - 1]):
        j -= 1  # "42, Scheme No. 54": the house number in a part of its own before the street
        taken.insert(0, parts[j])
    return taken, j


_HOUSE = re.compile(r"\d{1,4}[A-Za-z]?(?:/\d{1,4})?")


def _street_after(locality: str, tail: list[str]) -> str | None:
    """The street written after a locality that opens with its postcode, as Hungarian, Russian,
    Ukrainian and Chinese addresses do ("1051 Budapest, Nádor utca 12.", "125009, Москва, ул.
    Тверская, д. 7")."""
    if not locality[:1].isdigit() or not tail:
        return None
    if _PC_LAST.fullmatch(tail[0]) or _PC_FIRST.fullmatch(tail[0]):
        return None  # a second locality, not a street
    if _streetlike(tail[0]) and not _UNIT.fullmatch(tail[0]) and not _PC_ALONE.match(tail[0]):
        return tail[0]
    if len(tail) >= 2 and _NAME.fullmatch(tail[0]) and _NUMBER_ONLY.fullmatch(tail[1]):
        return f"{tail[0]}, {tail[1]}"
    return None


def _town_then_street(locality: str, tail: list[str]) -> str | None:
    """The town, then the street, after a postcode and its region ("420103, Республика
    Татарстан, г. Казань, ул. Маршала Чуйкова, д. 54")."""
    if len(tail) < 2 or not _TOWN_ONLY.fullmatch(tail[0]) or is_country(tail[0]):
        return None
    behind = _street_after(locality, tail[1:])
    return f"{tail[0]}, {behind}" if behind else None


# A whole address in one part, as scripts without commas write it: the house number, the lane,
# the sub-district, the district, the town and its postcode.
_WHOLE = re.compile(r"\d{1,5}(?:/\d{1,4})?\s+[^\W\d_][^,;:@]{4,100}?\s\d{5}")


def find(lines: Sequence[str], indices: Sequence[int], three: bool = False) -> list[tuple[str, int, int]]:
    """``(address, first line, locality line)`` of each block whose locality is on one of the
    lines at ``indices``; ``three`` admits three-digit postcodes (``places.three_digit_codes``)."""
    out: list[tuple[str, int, int]] = []
    done = -1  # the last line an address took: no later address reaches back over it
    for i in indices:
        line = lines[i]
        gate = bool(_PC_GATE.search(line) or _ADMIN_GATE.search(line) or (three and _PC3_GATE.search(line)))
        if not gate and _TOWN_CODE3_GATE.search(line):  # "Ruwi 112, Oman", or the country on the next line
            gate = is_country(line.rpartition(",")[2]) or (i + 1 < len(lines) and is_country(lines[i + 1]))
        if len(line) > 400 or not gate:
            continue  # no postcode of any shape on the line: no locality
        own = _parts(line)
        if i + 1 < len(lines) and is_country(lines[i + 1]):
            own.append(lines[i + 1].strip(" .,"))  # the country on the line after the locality
        before: list[str] = []
        starts: list[int] = []
        for j in range(i - 1, max(done, i - 1 - _MAX_BACK), -1):
            if len(lines[j]) > 80:
                break
            got = _parts(lines[j])
            before = got + before
            starts = [j] * len(got) + starts
        parts = before + own
        lines_of = starts + [i] * len(own)
        floor = 0
        for k in range(len(before), len(parts)):
            if k >= floor and _WHOLE.fullmatch(parts[k]) and re.search(f"[{UNCASED}]", parts[k]):
                out.append((nz.text(parts[k]), i, i))  # "199/12 ซอยสุขุมวิท 55 … กรุงเทพฯ 10110"
                floor, done = k + 1, i
                continue
            local = _locality(parts, k, three) if k >= floor else None
            if not local:
                continue
            # a box with its town on a line of its own is an address of its own: the lines
            # before it are the street address ("Plot S20119, …, P.O. Box 61555, Dubai" is one)
            street = _street(parts, k, max(floor, len(before)) if _box(parts[k]) and local[1] else floor)
            if not street:
                after = k + local[1] + 1
                tail = parts[after:] or (_parts(lines[i + 1]) if i + 1 < len(lines) else [])
                behind = _street_after(local[0], tail) or _town_then_street(local[0], tail)
                if behind is not None:
                    out.append((nz.text(f"{local[0]}, {behind}"), lines_of[k], i + (not parts[after:])))
                    floor, done = after + 2 + behind.count(","), i
                elif re.fullmatch(_POBOX, parts[k]) and local[1]:  # "S.L.P. 1456, Arusha, Tanzania"
                    land = f", {parts[after]}" if after < len(parts) and is_country(parts[after]) else ""
                    out.append((nz.text(local[0] + land), lines_of[k], i))
                    floor, done = after, i
                continue
            taken, first = street
            if three and _PC3_FIRST.fullmatch(parts[k]) and not any(map(_plain_street, taken)):
                continue  # "Við erum 40 / 250 …": words of prose before three digits
            if _PC_ALONE.fullmatch(local[0]) and taken and _NAME.fullmatch(taken[-1]):
                taken = [*taken[:-1], f"{taken[-1]} {local[0]}"]  # "Tokyo, 100-0004" → "Tokyo 100-0004"
                value = ", ".join(taken)
            else:
                value = ", ".join([*taken, local[0]])
            value = _US_STATE.sub(r"\1, \2 \3", value)  # "Springfield IL 62701" → "Springfield, IL …"
            after = k + local[1] + 1
            country = _PC_FIRST.fullmatch(parts[k])
            if country and is_country(country.group("town")):  # "100-0004 Japan"
                value += f", {country.group('town')}"
            elif after < len(parts) and is_country(parts[after]):
                value += f", {parts[after]}"
            out.append((nz.text(value), lines_of[first], i))
            floor, done = after, i
    return out


# Labels that say a line is an address: a visiting, postal or street address, a head or
# registered office, in the languages of the street words above and more.
_ADDRESS_LABEL = re.compile(
    r"^(?i:(?:[^\s:]+\s){0,2}(?:address|adresse|adress|adres|adresa|anschrift|besöksadress|besøksadresse"
    r"|besøgsadresse|bezoekadres|käyntiosoite|osoite|cím|dirección|direccion|domicilio|indirizzo|endereço|morada"
    r"|office|sede|siège|sitz|kontor|kantoor|toimisto|ठेगाना|पता|कार्यालय|কার্যালয়|ঠিকানা))\s?:\s*"
)
# A ward or a sector written with its number after a hyphen: "Baluwatar-4", "Gulshan-1".
_WARD = re.compile(rf"{_WORD}(?:\s{_WORD})?-\d{{1,3}}")


def labelled(line: str) -> str | None:
    """An address without a postcode on a line an address label opens ("Besöksadress:
    Storgatan 48, Umeå", "Registered office: 14 Marina Road, Accra, Ghana"): a numbered
    street, its town, and at most a region or the country; the label stands where the postcode
    would have told it is an address."""
    m = _ADDRESS_LABEL.match(line)
    if not m or len(line) > 160:
        return None
    parts = [p.strip(" .") for p in streets.PART_COMMAS.sub(",", line[m.end() :]).split(",")]
    if not 2 <= len(parts) <= 4 or not all(parts):
        return None
    street, town, rest = parts[0], parts[1], parts[2:]
    if not (_streetlike(street) or _WARD.fullmatch(street)) or not re.search(r"\d", street):
        return None
    if not _TOWN_ONLY.fullmatch(town) or is_country(town) or streets.counted(town):
        return None
    if any(not _TOWN_ONLY.fullmatch(p) or re.search(r"\d", p) for p in rest):
        return None
    return nz.text(", ".join(parts))


_BOX_LINE = re.compile(rf"(?:{_POBOX})|(?i:g?p\.?\s?o\.?\s?box)\s?(?:no\.?)?:\s?\d{{1,6}}")


def box_line(lines: Sequence[str], i: int) -> str | None:
    """A post box alone on its line, with the town on a line next to it, where the country
    writes no postcode in common use ("Thamel, Kathmandu / P.O. Box 8975", "P.O. Box 8975 /
    Kathmandu, Nepal"): the box, its town and, if given, the country."""
    box = lines[i].strip(" ,.")
    if not _BOX_LINE.fullmatch(box):
        return None
    after = lines[i + 1].strip(" .") if i + 1 < len(lines) else ""
    parts = [p.strip() for p in after.split(",")]
    if len(parts) == 2 and _TOWN_ONLY.fullmatch(parts[0]) and not is_country(parts[0]) and is_country(parts[1]):
        return nz.text(f"{box}, {parts[0]}, {parts[1]}")  # the town and the country after it
    land = lines[i + 2].strip(" .") if i + 2 < len(lines) else ""
    if 1 <= len(parts) <= 2 and is_country(land) and all(_TOWN_ONLY.fullmatch(p) and not is_country(p) for p in parts):
        return nz.text(f"{box}, {after}, {land}")  # "S.L.P. 112 / Mbinga, Ruvuma / Tanzania": the town, its region
    before = lines[i - 1].strip(" .") if i > 0 else ""
    parts = [p.strip() for p in before.split(",")]
    if not 2 <= len(parts) <= 3 or len(before) > 60 or is_country(parts[-1]):
        return None
    if not all(_TOWN_ONLY.fullmatch(p) or _WARD.fullmatch(p) for p in parts) or not _TOWN_ONLY.fullmatch(parts[-1]):
        return None  # "Thamel, Kathmandu", "Baluwatar-4, Kathmandu": an area and its town
    land = f", {after}" if is_country(after) else ""
    return nz.text(f"{before}, {box}{land}")
