"""Postal addresses in running text, as one line "street, postcode city[, country]".

Shapes: German/Austrian/Swiss ("Kehrwieder 11" / "20457 Hamburg"), French ("10 Place Vendôme
75001 Paris"), British ("1 High Street, London EC1A 1BB"), US ("1 Main St, Springfield, IL
62701") and Japanese ("〒100-0005 東京都千代田区…"), on one line or split over two or three.
An address counts only near a word that says "this is who we are" (Impressum, contact,
headquarters, a legal form such as GmbH or SARL): addresses of venues in articles are not
the company's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from monitor import normalize as nz
from monitor.extract import places, postal, streets
from monitor.extract.legal_forms import CJK, FORMS
from monitor.extract.places import is_country, without_postcode
from monitor.extract.scan import DIGITS, Scan, ascii_scan, scan_of
from monitor.models import Fact

_UP = "A-ZÄÖÜÀ-ÖØ-Þ"
_STREET_DE = (  # "ul. Mińska 25", "al. Jerozolimskie 65": Polish streets open with a small abbreviation
    rf"(?:(?:ul|al|pl|os)\.\s?)?[{_UP}ŁŚŹŻ][\w\-.'’ ]{{1,50}}?\s\d{{1,4}}(?:\s?[a-zA-Z])?(?:\s?[-/]\s?\d{{1,4}}[a-zA-Z]?)?"
)
_STREET_NUM_FIRST = r"\d{1,5}(?:\s?(?:bis|ter|[a-zA-Z]))?,?\s+[A-Za-zÀ-ÿ][\w\-.'’ ]{2,50}?"
# Postcodes: DE/AT/CH/IT/ES/FR/NO/DK (4-5 digits), PT "1100-048", PL "03-808", SE "111 51", NL "1012 AB".
_PC_DE = (
    r"(?:(?:D|A|CH|DE|AT|I|L|B|FL|F|NL|S|SE|N|NO|DK|P|PT|E|ES|PL)[-\s])?"
    r"(?:\d{4}-\d{3}|\d{2}-\d{3}(?=\s)|\d{3}\s\d{2}(?=\s)|\d{4}\s[A-Z]{2}(?=\s)|\d{4,5})"
)
_POBOX = (
    r"(?:P\.?\s?O\.?\s?Box|Post(?:fach|boks|box|bus)|Box|Apartado|Casella postale|Boîte postale"
    r"|B\.?P\.?)\s+\d{1,6}"
)
_CITY = rf"[{_UP}][\w\-./()'’]*(?:\s+(?:(?:am|an|der|im|in|bei|ob|sur|sous|en|de|la|le|les|lès|on|upon|a\.|i\.)\s+)?[{_UP}][\w\-./()'’]*){{0,3}}"
_ONE_LINE = [
    re.compile(
        rf"(?:^|[,·|;]\s*)(?P<street>(?:{_POBOX}|\d{{1,5}}\s+[{_UP}][\w-]+)(?:\s[{_UP}][\w-]+)?)\s*[,·|]\s*"
        rf"(?P<pc>{_PC_DE})\s+(?P<city>{_CITY})"
    ),
    re.compile(
        rf"(?P<street>{_POBOX}),\s*(?P<city>[A-Z][\w .'-]+?),?\s+(?P<pc>[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?)\b"
    ),
    re.compile(
        rf"(?:^|[,·|;]\s*)(?P<street>{_STREET_DE})\s*[,·|]?\s+(?P<pc>{_PC_DE})\s+(?P<city>{_CITY})"
    ),
    re.compile(
        rf"(?:^|[,·|;]\s*|\s)(?P<street>\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|quai"
        rf"|allée|chemin|impasse|cours|route|square|passage|voie|parvis|esplanade)\b[^,\n\d]{{2,60}}?),?\s+"
        rf"(?P<pc>\d{{5}})\s+(?P<city>{_CITY})"
    ),
    re.compile(
        r"(?P<street>\d+[A-Za-z]?\s+[A-Z][\w .'-]+?(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr"
        r"|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Square|Sq|Plaza|Terrace|Circle|Cir"
        r"|Trail|Trl|Center|Ctr|Loop|Alley|Broadway|Turnpike|Tpke)\.?"
        r"(?:,?\s*(?:Suite|Ste\.?|Floor|Fl\.?|Unit|#)\s*[\w-]+)?),\s*(?P<city>[A-Z][\w .'-]+?),?\s+"
        r"(?P<pc>[A-Z]{2}\s+\d{5}(?:-\d{4})?)\b"
    ),
    re.compile(
        r"(?P<street>\d+[A-Za-z]?\s+[A-Z][\w' -]+?(?:Street|Road|Avenue|Lane|Way|Place|Square|Court|Drive"
        r"|Row|Hill|Gardens|Terrace|Walk|Close|Crescent|Yard|Wharf|Parade|Mews|Green|Grove|Park|Gate|Quay"
        r"|St|Rd|Ave|Sq)\.?)(?!\w),?\s+"
        r"(?P<city>[A-Z][\w' -]+?),?\s+(?P<pc>(?:[A-Z]{1,2}\d[A-Z\d]?)\s?\d[A-Z]{2})\b"
    ),
    re.compile(
        r"(?:(?P<pc>〒?\s?\d{3}-\d{4})[\s,、·・|]*)?(?P<city>(?:東京都|北海道|大阪府|京都府|[^\s、。]{2,3}県)"
        r"[^\s、。()（）]{2,60}(?:\s[^\s、。()（）]{1,30})?)"
    ),
    # Japanese written in English: "2-7-17, Shiba, Minato-ku, Tokyo 105-0014"
    re.compile(
        r"(?<![\d-])(?P<street>\d{1,2}-\d{1,3}(?:-\d{1,4})?,?\s+[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?),\s*"
        r"(?P<city>[A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura)"
        r"(?:,\s*[A-Z][a-z]+(?:-(?:ku|shi|cho|machi|gun|ken|to|fu))?){0,2}),?\s+(?P<pc>\d{3}-\d{4})\b"
    ),
    # Korean: "(06159) 서울특별시 강남구 테헤란로 427": province or metropolis, district, road and number
    re.compile(
        r"(?:\(?(?P<pc>\d{5})\)?\s*)?(?P<city>[가-힣]{2,}(?:특별시|광역시|특별자치시|특별자치도|도)"
        # the road, a numbered side road off it ("판교로 255번길 35"), the building's number
        r"(?:\s[가-힣0-9]+){0,3}?\s[가-힣0-9]+(?:로|길)(?:\s?\d{1,5}번?길)?\s?\d{1,5}(?:-\d{1,4})?"
        # then the building, its wing and floor ("실리콘파크 B동 7층") where they end in 동, 층 or 호
        r"(?:,?\s(?:[가-힣A-Za-z0-9]+\s){0,3}[가-힣A-Za-z0-9]*\d{1,4}(?:층|호))?)"
    ),
    # Chinese (Taiwan, mainland): "300 新竹市東區光復路二段 101 號", "江苏省苏州市…188号 邮编:215128"
    re.compile(
        # (not from inside a word: "県岡谷市…" is the tail of a Japanese prefecture's address)
        r"(?<![\u3040-\u30ff\u4e00-\u9fff])"
        r"(?:(?P<pc>\d{3}(?:\d{2,3})?)\s*)?(?P<city>(?:臺灣|台灣|台湾|[\u4e00-\u9fff]{2,3}(?:省|自治区))?"
        r"[\u4e00-\u9fff]{1,3}[市縣县][\u4e00-\u9fff0-9 ]{1,40}?\d+\s?[號号]"
        # then the building and its floor or room, written apart ("… 创意产业园12幢5楼", "… A座1203室")
        r"(?:\s[\u4e00-\u9fff]{0,12}(?:\d{1,3}|[A-Z])[幢栋棟座号號](?:\d{1,3}[楼樓层層]|\d{1,5}室)?"
        r"|\s[\u4e00-\u9fff]{0,12}\d{1,3}[楼樓层層](?:\d{1,5}室)?)?)"
        r"(?:\s*(?:邮编|郵編|邮政编码|郵遞區號)\s?[:：]?\s?(?P<code>\d{5,6})|\s(?P<bare>\d{6})(?!\d))?"
    ),
]
_STREET_LINE = re.compile(rf"(?:{_STREET_DE}|{_STREET_NUM_FIRST}|{_POBOX}(?:\s[{_UP}][\w-]+)?)")
_PC_LINE = [
    re.compile(rf"(?P<pc>{_PC_DE})\s+(?P<city>{_CITY})"),
    re.compile(
        rf"(?P<city>[{_UP}][\w' -]+?),?\s+(?P<pc>(?:[A-Z]{{1,2}}\d[A-Z\d]?)\s?\d[A-Z]{{2}})"
    ),
    re.compile(r"(?P<city>[A-Z][\w .'-]+?),\s*(?P<pc>[A-Z]{2}\s+\d{5}(?:-\d{4})?)"),
]
# Searched in the lower-cased line without re.I (case-insensitive alternations are slow).
_CONTEXT = re.compile(
    r"impressum|imprint|kontakt|contact|anschrift|adresse|address|sitz\b|siège|headquarter|\bhq\b"
    r"|office|büro|standort|legal|mentions|angaben gem|tmg|betreiber|herausgeber|publisher|operator"
    r"|verantwortlich|postanschrift|find us|visit us|location|firmensitz|registered|controller"
    r"|responsable du traitement|titolare del trattamento|responsable del tratamiento|siedziba|biuro"
    r"|kontor|oficina|sede|kantoor|toimisto|s\.a\.s|s\.a\.|b\.v\.|n\.v\.|sp\. z o\.o"
    r"|contat|fale conosco|contacto|indirizzo|endereço|dirección|direccion|\badres|osoite|yhteystiedot"
    r"|aadress|kapcsolat|iletişim|επικοινωνία|διεύθυνση|контакт|адрес|연락처|주소|오시는|联系|聯絡|地址"
    r"|お問い合わせ|bezoek|besøk|besök|käynti|posti|צור קשר|כתובת|اتصل|عنوان|ติดต่อ|ที่อยู่|संपर्क|पता|liên hệ|địa chỉ|kontak|alamat"
    r"|agence|agencia|sucursal|succursale|filiale|niederlassung|vestiging|\bbranch"  # a branch's heading
    r"|\b(?:gmbh|ag|kg|ug|se|ohg|gbr|e\.\s?v|mbh|sarl|sas|sasu|sa|ltd|llc|inc|plc|limited|corp|bv|nv|"
    r"s\.?r\.?l|s\.?p\.?a|oy|ab|as|aps|kk|co)\b|株式会社|会社|所在地|本社"
)
_LINE_CAP = 80
_MONTH = re.compile(
    r"(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|février|mar(?:ch|s)?|märz|apr(?:il)?|avril|may|mai|"
    r"jun[ei]?|juin|jul[iy]?|juillet|aug(?:ust)?|août|sep(?:t|tember|tembre)?|oct(?:ober|obre)?|"
    r"okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember)?|dez(?:ember)?|décembre)\.?\s+\d",
    re.I,
)
# A street named after a date ("rue du 8 Mai 1945", "avenue du 14 Juillet", "Calle 5 de Mayo",
# "Via 20 Settembre"): the day after a street word or an article, its month and perhaps a year.
_DATE_STREET = re.compile(
    r"(?i:\b(?:rue|avenue|av\.|bd|boulevard|place|pl\.|quai|allée|cours|square|chemin|impasse|route"
    r"|calle|avenida|via|viale|piazza|corso|largo|rua|praça|ul\.|ulica|al\.|aleja|plac|str\.|straße|strasse"
    r"|ул\.|улица|вул\.|вулиця|пр\.|просп\.|пл\.|площадь)(?:\s+(?:du|de|des|de la|del|dei|della|dello))?"
    r"\s+\d{1,2}(?:er|e|\.)?\s+[^\W\d_]+(?:\s+\d{4})?)"
)


def _dated(value: str) -> bool:
    """Whether a value reads as a date: a month and a number, not in a street named after a day."""
    return bool(_MONTH.search(_DATE_STREET.sub(" ", value)))


_PC_GATE = re.compile(r"(?:\d{4,5}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}|\d{4} [A-Z]{2}) [A-ZÄÖÜÅØÆŁŚŻ]")
_POBOX_GATE = re.compile(r"(?i:box|postfach|postbus|apartado|postale|b\.?p\.?)\s+\d")
_NUM_FIRST_GATE = re.compile(r"^\d{1,5} [A-ZÄÖÜÅØÆ].*, (?:\d{4,5}|\d{4}-\d{3}|\d{3} \d{2}|\d{4} [A-Z]{2}) ")
_US_GATE = re.compile(r" [A-Z]{2} \d{5}")
_JP_WARDS = ("-ku", "-shi", "-cho", "-machi", "-gun", "-mura")
_UK_GATE = re.compile(r" [A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_FR_STREETS = (
    "rue ",
    "avenue",
    "av. ",
    "boulevard",
    "bd ",
    "place ",
    "quai ",
    "allée",
    "chemin",
    "impasse",
    "cours ",
    "route ",
    "square",
    "passage",
    "voie ",
    "parvis",
    "esplanade",
)


def _city(raw: str) -> str:
    return nz.text(raw).rstrip(".,;")


_FIRM = re.compile(rf"(?<![\w&])(?:{FORMS})(?![\w&])|{CJK.pattern}")
_CONTACT_LINE = re.compile(
    r"@|\btel|phone|fon\b|\+\d|\(at\)|e-?mail|\btlf|puh|電話|전화"
    # a one-letter label before a phone number of six digits or more: "T. 93 111 22 33", "F: 0351 …"
    r"|(?<![\w.])(?<!\d\s)[tfmτφтфм]\.?\s?:?\s?\+?\(?\d[\d\s()./-]{5,}\d",
    re.I,
)


def _near_context(lines: Sequence[str], i: int, memo: dict[int, bool]) -> bool:
    for j in range(max(0, i - 6), i + 1):
        if j not in memo:  # a contact word, or a firm's name with its legal form ("… GK", "… A/S")
            low = lines[j].lower()
            memo[j] = bool(_CONTEXT.search(low) or streets.CONTEXT.search(low) or _FIRM.search(lines[j]))
        if memo[j]:
            return True
    # a contact block: the address with an e-mail or a phone number on its line or next to it
    near = [*range(max(0, i - 3), min(len(lines), i + 4))]
    return any(_CONTACT_LINE.search(lines[j]) or streets.contact_line(lines[j]) for j in near)


def _candidates(line: str) -> list[re.Pattern[str]]:
    """The one-line patterns worth running on a line (cheap gates before costly regexes)."""
    low = line.lower()
    out = [_ONE_LINE[2]] if _PC_GATE.search(line) else []
    box = "ox " in low or "post" in low or "apartado" in low or "b.p" in low or "bp " in low
    box = box and bool(_POBOX_GATE.search(line))
    if box or (line[:1].isdigit() and _NUM_FIRST_GATE.search(line)):
        out.append(_ONE_LINE[0])
    if box and _US_GATE.search(line):
        out.append(_ONE_LINE[1])
    if any(word in low for word in _FR_STREETS):
        out.append(_ONE_LINE[3])
    if _US_GATE.search(line):
        out.append(_ONE_LINE[4])
    if _UK_GATE.search(line):
        out.append(_ONE_LINE[5])
    if not line.isascii() and ("-" in line or any(c in line for c in "都道府県")):  # its postcode may stand above
        out.append(_ONE_LINE[6])
    if any(ward in line for ward in _JP_WARDS):
        out.append(_ONE_LINE[7])
    if ("로 " in line or "길 " in line) and not line.isascii():
        out.append(_ONE_LINE[8])
    if "號" in line or "号" in line:
        out.append(_ONE_LINE[9])
    return out


def _with_country(value: str, lines: Sequence[str], j: int) -> str:
    if j < len(lines) and is_country(lines[j]):
        return f"{value}, {lines[j].strip(' .,')}"
    return value


def _two_line(lines: Sequence[str], i: int) -> tuple[str, int] | None:
    street = lines[i]
    if len(street) > _LINE_CAP or not _STREET_LINE.fullmatch(street) or i + 1 >= len(lines):
        return None
    if _MONTH.match(street) or streets.MEASURE.match(street) or streets.prose_numbers(street):
        return None  # a date ("February 27"), a distance ("500 m vom Bahnhof"), prose ("Im Jahr 2019 Nr. 5")
    nxt, country = lines[i + 1], ""
    town, comma, last = nxt.rpartition(",")
    if comma and is_country(last):  # "20095 Hamburg, Allemagne"
        nxt, country = town.strip(), last.strip(" .")
    for pattern in _PC_LINE:
        m = pattern.fullmatch(nxt)
        if m and len(nxt) <= _LINE_CAP and not streets.counted(m.group("city")):
            pc_city = f"{m.group('pc')} {_city(m.group('city'))}" if pattern is _PC_LINE[0] else nxt
            value = f"{street.rstrip(' ,')}, {pc_city}"
            return (f"{value}, {country}", i + 2) if country else (_with_country(value, lines, i + 2), i + 2)
    return None


_JP_POSTCODE = re.compile(r"〒?\s?\d{3}-\d{4}")
# A Japanese address's building on the line after it: its name and floor or room ("…ビル4階").
_JP_BUILDING = re.compile(
    r"[^\s、。,]{1,30}?(?:ビル|ビルディング|タワー|センター|プラザ|ハイツ|マンション|会館|館|棟)"
    r"(?:\s?(?:\d{1,3}(?:階|F|Ｆ)|\d{1,4}号室?))?"
)
_JAPANESE_ADDRESS = re.compile(r"(?:東京都|北海道|大阪府|京都府|県)[^\s、。]{2,60}\d")


def _lone_postcode(lines: Sequence[str], i: int) -> str:
    """A Japanese postcode standing alone on the line before ``i`` ("〒100-0005" above
    "東京都千代田区…"), or ""."""
    before = lines[i - 1].strip(" ,、·・") if i > 0 else ""
    return before if _JP_POSTCODE.fullmatch(before) else ""


def _one_line_value(pattern: re.Pattern[str], m: re.Match[str], postcode_before: str = "") -> str | None:
    """The match in the shape the multi-line reader gives, so both forms dedupe as one; a
    Japanese address takes its postcode from the line before where it stands alone there."""
    if pattern in (_ONE_LINE[8], _ONE_LINE[9]):  # Korean, Chinese: as written, postcode first
        code = m.group("pc") or (m.group("code") or m.group("bare") if pattern is _ONE_LINE[9] else None)
        return nz.text(f"{code or ''} {m.group('city')}").strip()
    if pattern is _ONE_LINE[6]:  # Japanese: postcode and the address as written
        code = m.group("pc") or postcode_before
        return f"{code.strip()} {m.group('city')}" if code else None
    if pattern is _ONE_LINE[7]:  # Japanese in English: as written, with the country if given
        value = f"{nz.text(m.group('street'))}, {m.group('city')} {m.group('pc')}"
        rest = m.string[m.end() :].lstrip(" ,")
        return f"{value}, Japan" if rest.lower().startswith("japan") else value
    street = nz.text(m.group("street")).strip(" ,-")
    if pattern is _ONE_LINE[0] and _POBOX_GATE.match(street):  # "Poststrasse 18 | Postfach 2150 | …"
        before = re.split(r"\s*[,·|;]\s*", m.string[: m.start("street")].rstrip(" ,·|;"))[-1]
        street = f"{before}, {street}" if re.fullmatch(_STREET_DE, before) else street
    if _MONTH.match(street) or streets.MEASURE.search(street) or streets.prose_numbers(street):
        return None  # a blog date ("February 27, 2019 …"), a distance, a year and a count in prose
    city = _city(m.group("city"))
    if streets.counted(city):
        return None  # "Menu 12, 2500 Calories": a count, not a town
    if pattern in (_ONE_LINE[4], _ONE_LINE[1]):  # US: "street, City, ST 12345"
        return f"{street}, {city}, {m.group('pc')}"
    if pattern is _ONE_LINE[5]:  # UK: "street, City POSTCODE"
        return f"{street}, {city} {m.group('pc')}"
    return f"{street}, {m.group('pc').strip()} {city}"


def _with_labelled_code(value: str, lines: Sequence[str], last: int) -> str:
    """The address with the postcode its page writes after a label on its line or the next."""
    code = streets.labelled_code(lines, last, value)
    return f"{value}, {code}" if code else value


def find(lines: Sequence[str] | Scan, country: str | None = None) -> list[Fact]:
    """Address facts in text lines; evidence is the line(s) the address was read from.

    A page that gives its own address (an imprint or contact block) loses the addresses of
    third parties it names: its insurer, a regulator, a CDN or analytics vendor. Digits of
    other scripts are read as digits and kept as written; ``country`` (the page's, or None)
    admits the three-digit postcodes of the countries that write them.
    """
    written = scan_of(lines)
    scan = ascii_scan(written)
    facts = _find(scan, places.three_digit_codes(country, scan.text))
    return facts if scan is written else _as_written(facts, written.lines, scan.lines)


def _as_written(facts: list[Fact], written: Sequence[str], read: Sequence[str]) -> list[Fact]:
    """The facts with their digits as the page writes them ("۱۲" where "12" was read)."""
    back = digits_as_written(written, read)
    return [Fact(f.field, back(f.value), f.role, back(f.evidence)) for f in facts]


def digits_as_written(written: Sequence[str], read: Sequence[str]) -> Callable[[str], str]:
    """A function giving a value read from ``read`` (the lines with ASCII digits) the digits
    ``written`` has in their place: each digit run as the page writes it."""
    runs: dict[str, str] = {}
    for before, after in zip(written, read, strict=True):
        if before != after:
            runs.update((m.group(), before[m.start() : m.end()]) for m in re.finditer(r"\d+", after))

    def back(value: str) -> str:
        return re.sub(r"\d+", lambda m: runs.get(m.group(), m.group()), value)

    return back


def _find(scan: Scan, three: bool) -> list[Fact]:
    text = scan.lines
    digits = set(scan.find_lines(DIGITS, lower=False))
    found: list[tuple[Fact, bool]] = []
    memo: dict[int, bool] = {}
    used: set[int] = set()
    # a block of parts closing on a locality of any country first, then the older line shapes
    for value, first, last in postal.find(text, sorted(digits), three):
        if _dated(value) or not _near_context(text, last, memo):
            continue  # "Last updated July 26, 2025" is a date
        value = _with_labelled_code(value, text, last)
        fact = Fact("address", nz.clip(value, 300), None, nz.clip(" / ".join(text[first : last + 1]), 200))
        found.append((fact, third_party(text, first)))
        used.update(range(first, last + 1))
    for i in sorted(digits - used):
        line = text[i]
        two = _two_line(text, i) if i + 1 in digits and i + 1 not in used else None
        if two and _near_context(text, i, memo):
            fact = Fact("address", two[0], None, nz.clip(" / ".join(text[i : two[1]]), 200))
            found.append((fact, third_party(text, i)))
            continue
        code = _lone_postcode(text, i)
        values = [v for p in _candidates(line) for m in p.finditer(line) if (v := _one_line_value(p, m, code))]
        building = text[i + 1] if i + 1 < len(text) and _JP_BUILDING.fullmatch(text[i + 1]) else ""
        if building and _JAPANESE_ADDRESS.search(line):  # "…みなとみらい3-6-1" / "みなとみらいセンタービル4階"
            values = [f"{v} {building}" if _JAPANESE_ADDRESS.search(v) else v for v in values]
        bare = without_postcode(line) if not values and line[:1].isdigit() else None
        if not values and not bare and ":" in line:  # "Besöksadress: Storgatan 48, Umeå"
            bare = postal.labelled(line)
        if not values and not bare:  # "Thamel, Kathmandu / P.O. Box 8975"
            bare = postal.box_line(text, i)
        for value in [*values, *([bare] if bare else [])]:
            if not _near_context(text, i, memo):
                break
            value = _with_labelled_code(value, text, i)
            fact = Fact("address", nz.clip(value, 300), None, nz.clip(line, 200))
            found.append((fact, third_party(text, i)))
    own = [fact for fact, third in found if not third]
    kept = own or [fact for fact, _ in found]
    values = [f.value for f in kept]  # "Postfach 2150, CH-9001 …" is part of "Poststrasse 18, Postfach …"
    kept = [f for f in kept if not any(v != f.value and v.endswith(", " + f.value) for v in values)]
    # "Havnegade 39, 2. sal, 1058 København K" is "Havnegade 39, 1058 København K" with its floor
    groups = [frozenset(re.findall(r"\d+", f.value)) for f in kept]
    return [f for f, g in zip(kept, groups, strict=True) if not any(len(o) >= 2 and o < g for o in groups)]


# Words that make an address someone else's: the site names its insurer, a regulator, a vendor.
_THIRD_PARTY = (
    "versicherung", "insurance", "insurer", "assureur", "haftpflicht", "aufsichtsbehörde",
    "supervisory authority", "data protection authority", "datenschutzbehörde", "regulator",
    "landesbeauftragte", "autorité de contrôle", "cnil", "schlichtungsstelle", "ombudsman",
    "arbitration", "dienst des unternehmens", "a service of", "provided by", "service provider",
    "dienstleister", "anbieter", "hosting", "hoster", "gehostet", "hosted by", "hébergeur",
    "hébergement", "hébergé par", "alojamiento", "alojado por", "hospedagem", "hospedado por",
    "ospitato da", "webhosting", "webhotel",
    "content delivery", "cdn", "google", "facebook", "meta platforms", "cloudflare", "microsoft",
    "amazon web services", "beauftragte für datenschutz", "representative in the", "uk representative",
    "eu representative", "representation",
)  # fmt: skip
# Words that open the site's own block: reading back from an address, they win if met first.
_OWN = (
    "impressum", "imprint", "kontakt", "contact", "angaben gemäß", "anschrift", "headquarter",
    "siège", "registered office", "our address", "unsere adresse", "verantwortlich",
)  # fmt: skip


_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+")


def third_party(lines: Sequence[str], i: int, memo: dict[int, bool | None] | None = None) -> bool:
    """Whether the address (or contact) on line ``i`` is introduced as a third party's.

    ``memo`` keeps each line's verdict (own, third party, neither) between calls on one page.
    """
    words: dict[int, bool | None] = memo if memo is not None else {}
    for j in range(i, max(-1, i - 7), -1):
        if j not in words:
            low = _ADDRESSES.sub(" ", lines[j]).lower()  # "cnil@mektoube.fr" is mektoube's
            own = any(word in low for word in _OWN)
            words[j] = False if own else True if any(w in low for w in _THIRD_PARTY) else None
        if words[j] is not None:
            return bool(words[j])
    return False


def key(address: str) -> str:
    """A shape-independent identity (the one the differ uses: ``normalize.address_key``)."""
    return nz.address_key(address)
