"""E-mail addresses, phone and fax numbers: from mailto:/tel: links and from labelled text.

A number in running text counts only after a label ("Tel.", "Telefon", "Phone", "T:", "Fon",
"Numéro de téléphone", "電話", …) or alone on its line with a +prefix: bare digit runs are
too often prices, dates or register numbers. "Fax", "Telefax", "Faxnr." and "F:" make a fax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote

from selectolax.lexbor import LexborNode

from monitor import normalize as nz
from monitor.extract.address import third_party
from monitor.extract.layout import PageText
from monitor.extract.scan import DIGITS, Scan, ascii_scan, scan_of
from monitor.models import Fact

_EMAIL_PLAIN = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_BRACKETED = re.compile(
    r"[\w.+-]+\s*(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\]|<at>)\s*[\w-]+"
    r"(?:\s*(?:\.|\(dot\)|\[dot\]|\{dot\}|\(\.\)|\[\.\])\s*[\w-]+)+",
    re.I,
)
_EMAIL_SPELLED = re.compile(r"\b[\w.+-]+\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)+\b", re.I)

# Labels in the languages of the pages read (fax first: "Telefax" is no "Tel"). A label says
# which number follows; a line holding one is read for numbers in any national form.
_FAX = (
    r"(?:tele)?fa[xk]s?(?:i|nr\.?|nummer|-nr\.?|\s+no\.?|\s+number)?|télécopie|telecopia|fax\s*:|\bf\s*:"
    r"|(?<![.\w])(?<!\d\s)[fφф]\.?(?=\s*[+(\d])"
    r"|傳真|传真|팩스|ファックス|φαξ|факс|פקס|فاكس|فکس|فیکس|نمابر|फ्याक्स|फैक्स|फ़ैक्स|ফ্যাক্স|แฟกซ์|ፋክስ"
    r"|ෆැක්ස්|ແຟັກ|ဖက်စ်|ఫ్యాక్స్|தொலைநகல்|ហ្វាក់|फॅक्स"
)
_TEL = (
    r"tel(?:efon|ephone|éphone|\.)?(?:nr\.?|nummer|-nr\.?)?|phone(?:\s+number)?|fon|fone|\bt\s*:|tél|"
    r"mobil(?:e|funk)?|handy|hotline|zentrale|numéro de téléphone|n° de téléphone|call us|電話|"
    r"☎|📞|tel\s*:|(?<![.\w])(?<!\d\s)[tmτт]\.?(?=\s*[+(\d])|tel[eé]fono|telefone|telèfon|telefoni|telefonas|telefoon|tlf|tfn|puh(?:elin)?|vaihde"
    r"|växel|vxl|sentralbord|centrala|centralino|centralita|conmutador|standard(?=\s*:)|whatsapp|mob"
    r"|móvil|movil|celular|cel|cell|gsm|natel|matkapuhelin|komórka|kom|telemóvel|mobiel|infolinia"
    r"|toll[- ]free|sans frais|numéro vert|freephone|helpline|전화|대표\s?전화|대표\s?번호|總機|总机|手機"
    r"|手机|携帯|τηλ(?:έφωνο)?|тел(?:ефон)?|tālr(?:unis)?|telp|điện\s+thoại|đt|โทร(?:ศัพท์)?"
    r"|switchboard|main\s+line|reception|טלפון|טל'|هاتف|تلفن|فون|फ़ोन|फोन|दूरभाष|ফোন|(?:服务|客服|咨询)?热线|(?:服務|客服)?熱線"
    # Swahili, Icelandic, Sinhala, Lao, Burmese, Marathi, Tamil, Telugu, Khmer, Amharic, Urdu
    r"|simu(?:\s+ya\s+mkononi)?|(?:far)?sími|දුරකථන|ජංගම|ໂທ(?:ລະສັບ)?|ມືຖື|ဖုန်း|दूरध्वनी|தொலைபேசி|ఫోన్"
    r"|ទូរស័ព្ទ|ስልክ|موبائل"
)
_LABEL = re.compile(rf"(?<![\w])(?:(?P<fax>{_FAX})|(?P<tel>{_TEL}))(?![\w])", re.I)
_LABEL_STEMS = (
    "tel", "fax", "faks", "phone", "fon", "t:", "f:", "t :", "f :", "tél", "mobil", "handy",
    "hotline", "zentrale", "numéro", "n° de", "call", "télécopie", "電話", "☎", "📞", "tlf", "tfn",
    "puh", "vaihde", "växel", "vxl", "sentralbord", "centrala", "centralino", "centralita",
    "conmutador", "standard", "whatsapp", "mob", "móvil", "movil", "celular", "cel", "gsm", "natel",
    "komórka", "kom.", "kom:", "infolinia", "toll", "sans frais", "numéro vert", "freephone",
    "helpline", "전화", "대표", "總機", "总机", "手機", "手机", "携帯", "τηλ", "тел", "tālr",
    "telecopia", "傳真", "传真", "팩스", "ファックス", "φαξ", "факс", "فکس", "فیکس", "نمابر", "फ्याक्स",
    "फैक्स", "फ़ैक्स", "ফ্যাক্স", "แฟกซ์", "ፋክስ", "điện thoại", "đt", "โทร",
    "switchboard", "main line", "reception", "טלפון", "טל'", "פקס", "هاتف", "تلفن", "فون", "फ़ोन",
    "फोन", "दूरभाष", "ফোন", "فاكس", "热线", "熱線", "simu", "sími", "දුරකථන", "ජංගම", "ෆැක්ස්",
    "ໂທ", "ມືຖື", "ແຟັກ", "ဖုန်း", "ဖက်စ်", "दूरध्वनी", "தொலைபேசி", "தொலைநகல்", "ఫోన్", "ఫ్యాక్స్",
    "ទូរស័ព្ទ", "ហ្វាក់", "ስልክ", "موبائل", "फॅक्स",
)  # fmt: skip
_NUMBER = re.compile(r"\+?\s?(?:\(\s*0\s*\)\s*)?[\d(][\d\s()./\-–]{4,24}\d")
_FILLER = re.compile(r"[\s:.\-–/()]*(?:\((?:\w+\s?){1,3}\)[\s:.]*)?")
_MAX_FOUND = 500
_PLUS_LINE = re.compile(r"\+\d[\d\s()./\-–]{6,22}\d")
# Lines worth a closer look, found by plain substring search over the whole page.
_EMAIL_MARKS = ("@", "(at)", "[at]", "{at}", "<at>", " dot ")
# Verbs that put a number in prose, in the languages the people lexicon covers.
_CALL_STEMS = (
    "call", "ring", "bel ", "bel op", "llám", "llam", "chiam", "appel", "ligue", "anruf", "rufen",
    "contact", "kontakt", "contat", "contacto", "電話", "お電話", "support", "suport", "soporte",
    "suporte", "assistance", "kundenservice", "kundeservice", "kundservice", "asiakaspalvelu",
    "müşteri", "servicio", "service client", "infoline",
)  # fmt: skip
_PHONE_MARKS = (*_LABEL_STEMS, *_CALL_STEMS, "+")
# a lone letter (Latin, Greek, Cyrillic: "T. 93 111 22 33", "M. +34 600…", "Т. +7 495…"): "about
# 2019" is no label, nor a unit after a number ("500 m 0351…")
_LETTER_LABELS = (r"(?<![\w.])[tfmτφтфм]\.?\s?[\d(+]",)
_LETTER_LABEL = re.compile(_LETTER_LABELS[0])


def emails_in(line: str) -> list[str]:
    """Every valid e-mail address in a line of text, plain or obfuscated ("info(at)acme.de")."""
    found: list[str] = []
    low = line.lower()
    patterns = [_EMAIL_PLAIN] if "@" in line else []
    if any(mark in low for mark in ("(at)", "[at]", "{at}", "(@)", "[@]", "<at>")):
        patterns.append(_EMAIL_BRACKETED)
    if " at " in low and " dot " in low:
        patterns.append(_EMAIL_SPELLED)
    for pattern in patterns:
        for m in pattern.finditer(line):
            value = nz.email(m.group(0))
            if value and value not in found:
                found.append(value)
    return found


def _number_after(rest: str) -> str | None:
    filler = _FILLER.match(rest)
    start = filler.end() if filler else 0
    m = _NUMBER.match(rest, start)
    return m.group(0) if m else None


def phones_in(line: str, next_line: str, country: str | None) -> list[tuple[str, str]]:
    """``("phone" | "fax", E.164)`` for every labelled number in a line.

    A label closing its line ("Telefon:") takes its number from the start of the next line.
    A labelled number that fails validation comes back as written (digits and a leading +),
    marked by ``UNVALIDATED`` as its first character, so the caller can say so in evidence.
    """
    found: list[tuple[str, str]] = []
    low = line.lower()
    labelled = any(stem in low for stem in _LABEL_STEMS) or _LETTER_LABEL.search(low)
    labels = _LABEL.finditer(line) if labelled else iter(())
    for m in labels:
        raw = _number_after(line[m.end() :])
        if raw is None and not line[m.end() :].strip(" :.-"):
            raw = _number_after(next_line)
        value = nz.phone(raw, country) if raw else None
        if raw and not value and (alt := _ALTERNATE.search(raw)) and (value := nz.phone(raw[: alt.start()], country)):
            # "3541 / 42": the line's other number differs in its last digits; "340-43": a range
            tail = alt.group(1)
            other = nz.phone(value[: -len(tail)] + tail, country) if "/" in alt.group(0) else None
            if other and other != value:
                found.append(("fax" if m.group("fax") else "phone", other))
        # Kept as written only when it could be read at all: without a country, a national
        # number is unread rather than guessed (its digits would change once one is known).
        readable = country or (raw or "").lstrip().startswith(("+", "00"))
        if raw and not value and readable and (kept := _unvalidated(raw, country)):
            value = UNVALIDATED + kept
        if value:
            found.append(("fax" if m.group("fax") else "phone", value))
    if not found and (m2 := _PLUS_LINE.fullmatch(line.strip(" *|·•"))):
        value = nz.phone(m2.group(0), country)
        if value:
            found.append(("phone", value))
    if country or "+" in line:  # numbers in prose: "Call us on 020 7946 0123", "Ring oss på …"
        found += [("fax" if _fax_before(line, start) else "phone", value)
                  for start, value in nz.phones_in_text(line, country)
                  if not _ID_BEFORE.search(line[max(0, start - 28) : start])]
    return list(dict.fromkeys(found))


UNVALIDATED = "\x00"
# Last digits after a slash or a hyphen that close a number: another line's ending ("3541 / 42")
# or a range of lines ("340-43"), not part of the number.
_ALTERNATE = re.compile(r"\s?[/-]\s?(\d{1,3})$")
# The label of a company, tax, bank or register number just before digits in prose: "CVR
# 36555812", "Org.nr. 996 555 120", "NIP 584-555-12-34" are identifiers, not phones.
_ID_BEFORE = re.compile(
    r"(?i:\b(?:cvr|org\.?\s?n[or]\.?|organisasjonsnummer|organisationsnummer|y-tunnus|mva|moms|vat|tva"
    r"|btw|kvk|ust|uid|nip|regon|krs|cui|cif|nif|nipc|nif|rfc|abn|acn|gst|siret|siren|rcs|hrb|hra"
    r"|iban|bic|swift|registr\w*|kmkr|mersis|cnpj|cpf|p\.?\s?iva|c\.?f\.|ičo|ič|dič|ico|dic|ein|tax\s?id"
    r"|company\s+no|reg\.?\s?no|account|konto|compte|cuenta|conto|tilinumero)(?!\w)|統一編號|사업자등록번호|法人番号)"
    r"[\s.:#-]*(?:n[or°º]\.?\s*)?[A-Z]{0,2}[\s.:-]*$"
)


def _unvalidated(raw: str, country: str | None) -> str | None:
    """A labelled number the numbering plan does not know: E.164 when its length is possible
    for its country (so its other spellings read the same), else its digits as written."""
    return nz.possible_phone(raw, country) or nz.phone_as_written(raw)


def _fax_before(line: str, start: int) -> bool:
    """Whether the nearest label before a number says fax."""
    labels = list(_LABEL.finditer(line[: start + 1], max(0, start - 30)))  # "F +49…": the label looks ahead
    return bool(labels) and labels[-1].group("fax") is not None


# A line that is nothing but a number in a national form ("04 555 21 90", "902.555.0148").
_BARE = re.compile(r"\(?\d[\d\s().\-–/]{6,18}\d")
_NOT_BARE = re.compile(r"\d{4}\s?[-–/]\s?\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|\d{4}-\d{2}-\d{2}")
_CONTACT_NEAR = re.compile(r"@|\(at\)|^\+\d|\d{4,5}\s\w")


def bare_numbers(lines: Sequence[str], digits: Sequence[int], country: str | None) -> list[tuple[int, str]]:
    """``(line, E.164)`` of lines that hold only a national number, in a contact block.

    Footers and cards often give the number alone, without "Tel.": it counts when it is valid
    for the page's country and an e-mail, another number or a postcode stands within two lines
    (so a term "2023-2026", a date or a register number alone on its line is not taken).
    """
    if not country:
        return []
    out = []
    for i in digits:
        line = lines[i].strip()
        if len(line) > 24 or not _BARE.fullmatch(line) or _NOT_BARE.fullmatch(line):
            continue
        near = [*lines[max(0, i - 2) : i], *lines[i + 1 : i + 3]]
        if sum(c.isdigit() for c in line) >= 7 and any(_CONTACT_NEAR.search(n) for n in near):
            grouped = any(not c.isdigit() for c in line)  # a register number is one digit run
            value = nz.phone(line, country) or (nz.possible_phone(line, country) if grouped else None)
            if value:
                out.append((i, value))
    return out


_PIECES = re.compile(r"\s[·|•]\s")
_POSTCODE_NEAR = re.compile(r"\d{4,5}\s\w|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b[A-Z]\d[A-Z]\s\d[A-Z]\d\b|[A-Z]{2}\s\d{5}")


def number_pieces(lines: Sequence[str], digits: Sequence[int], country: str | None) -> list[tuple[int, str, str]]:
    """``(line, field, E.164)`` of the pieces of a footer line ("… · 01432 555 918 · hello@…")
    that are only a national number, when another piece of the line is an e-mail or holds a
    postcode: the number then belongs to that contact line, as a number alone on its line does."""
    if not country:
        return []
    out = []
    for i in digits:
        line = lines[i]
        if len(line) > 300 or not _PIECES.search(line):
            continue
        pieces = [p.strip(" .,;") for p in _PIECES.split(line)]
        for k, piece in enumerate(pieces):
            if not _BARE.fullmatch(piece) or _NOT_BARE.fullmatch(piece) or sum(c.isdigit() for c in piece) < 7:
                continue
            others = pieces[:k] + pieces[k + 1 :]
            if not any("@" in o or _POSTCODE_NEAR.search(o) for o in others):
                continue
            grouped = any(not c.isdigit() for c in piece)  # a register number is one digit run
            value = nz.phone(piece, country) or (nz.possible_phone(piece, country) if grouped else None)
            if value:
                out.append((i, _label_before(pieces[k - 1]) if k else "phone", value))
    return out


_CELLS = ("td", "th")


def _ancestor(page: PageText, k: int, tag: str) -> int:
    """The nearest block of ``tag`` around block ``k`` (``k`` itself included), or -1."""
    while k >= 0 and page.tags[k] != tag:
        k = page.parents[k]
    return k


def table_numbers(page: PageText, country: str | None) -> list[Fact]:
    """Phone and fax facts of a table's column whose heading is a phone or fax label
    ("Puhelin", "Telefon", "Fax"): each cell of that column that is only a number in the
    page's country's national form (a staff or branch directory gives its numbers so, with no
    label in the cell)."""
    if not country or not page.line_block:
        return []
    rows: dict[int, list[int]] = {}  # a row's cells, in document order
    for k, tag in enumerate(page.tags):
        if tag in _CELLS and page.parents[k] >= 0 and page.tags[page.parents[k]] == "tr":
            rows.setdefault(page.parents[k], []).append(k)
    heads: dict[int, dict[int, str]] = {}  # table → column → "phone" or "fax"
    out: list[Fact] = []
    for tr, cells in rows.items():
        table = _ancestor(page, tr, "table")
        for column, k in enumerate(cells):
            text = " ".join(page.lines[page.starts[k] : page.ends[k]]).strip(" :")
            if page.tags[k] == "th" and (m := _LABEL.fullmatch(text)) and len(text) <= 30:
                heads.setdefault(table, {})[column] = "fax" if m.group("fax") else "phone"
                continue
            field = heads.get(table, {}).get(column)
            if not field or page.tags[k] != "td" or page.ends[k] - page.starts[k] != 1:
                continue
            cell = page.lines[page.starts[k]].strip()
            if len(cell) > 24 or not _BARE.fullmatch(cell) or _NOT_BARE.fullmatch(cell):
                continue
            if sum(c.isdigit() for c in cell) < 7:
                continue
            grouped = any(not c.isdigit() for c in cell)
            value = nz.phone(cell, country) or (nz.possible_phone(cell, country) if grouped else None)
            if value:
                out.append(Fact(field, value, None, nz.clip(cell, 200)))
    return out


def from_text(lines: Sequence[str] | Scan, country: str | None) -> list[Fact]:
    """E-mail, phone and fax facts found in text lines; the line is the evidence."""
    written = scan_of(lines)
    scan = ascii_scan(written)  # "۰۲۱-۸۸۷۷۶۶۵۵" is read as "021-88776655", the evidence as written
    text = scan.lines
    out: list[Fact] = []
    memo: dict[int, bool | None] = {}
    for i in scan.find_lines(_EMAIL_MARKS):
        if third_party(text, i, memo):
            continue  # the supervisory authority's or a vendor's address, not the company's
        out += [Fact("email", value, None, nz.clip(written.lines[i], 200)) for value in emails_in(text[i])]
    digits = scan.find_lines(DIGITS, lower=False)  # a number is on the label's line or the next
    near = scan.within([*digits, *(d - 1 for d in digits)])
    lettered = near.match_lines(_LETTER_LABELS)  # "T 919-951-0052", "F. 01 42 68 53 01"
    for i in sorted({*near.find_lines(_PHONE_MARKS), *lettered}):
        if len(out) >= _MAX_FOUND:  # phone parsing costs ~0.2 ms each
            break
        line = text[i]
        if third_party(text, i, memo):
            continue
        following = text[i + 1] if i + 1 < len(text) else ""
        evidence = nz.clip(written.lines[i], 200)
        for field, value in phones_in(line, following, country):
            if value.startswith(UNVALIDATED):
                note = nz.clip(f"unvalidated number, kept as written: {written.lines[i]}", 200)
                out.append(Fact(field, value[1:], None, note))
            else:
                out.append(Fact(field, value, None, evidence))
    for i, value in bare_numbers(text, digits, country):
        if not third_party(text, i, memo):
            out.append(Fact(_label_before(text[i - 1] if i else ""), value, None, nz.clip(written.lines[i], 200)))
    for i, field, value in number_pieces(text, digits, country):
        if not third_party(text, i, memo):
            out.append(Fact(field, value, None, nz.clip(written.lines[i], 200)))
    return out


def beside(facts: list[Fact], dropped: Sequence[tuple[Fact, str]]) -> tuple[list[Fact], list[tuple[Fact, str]]]:
    """Numbers read from the line of an address left out as another firm's are that firm's too
    ("Nordholz Blockhaus GmbH, …, Am Deich 4, 27639 Wurster Nordseeküste, +49 4741 555 220")."""
    lines = {d.evidence.split(" / ")[0]: why for d, why in dropped if d.field == "address"}
    out = [(f, lines[f.evidence]) for f in facts if f.field in ("phone", "fax") and f.evidence in lines]
    return [f for f in facts if all(f is not d for d, _ in out)], out


def _label_before(node_text: str) -> str:
    return "fax" if re.search(rf"(?:{_FAX})[\s:.]*$", node_text, re.I) else "phone"


_LINKS = 'a[href^="mailto:" i],a[href^="tel:" i],a[href^="fax:" i],a[href^="callto:" i]'
# A CDN's e-mail protection: the address XOR-ed with a key that changes on every response.
_PROTECTED = '[data-cfemail],a[href*="/email-protection#"]'
_HEX = re.compile(r"(?:[0-9a-f]{2}){4,200}", re.I)


def unprotect(coded: str) -> str | None:
    """The address a protected e-mail's hex stands for (its first byte is the XOR key)."""
    if not _HEX.fullmatch(coded):
        return None
    raw = bytes.fromhex(coded)
    try:
        return bytes(b ^ raw[0] for b in raw[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _protected(roots: Sequence[LexborNode]) -> list[Fact]:
    out: list[Fact] = []
    for node in (n for root in roots for n in root.css(_PROTECTED)):
        coded = node.attributes.get("data-cfemail") or (
            node.attributes.get("href") or "").rpartition("#")[2]
        value = nz.email(unprotect(coded.strip()) or "")
        if value:
            out.append(Fact("email", value, None, f"protected e-mail: {nz.clip(coded, 80)}"))
    return out


def from_links(roots: Sequence[LexborNode], country: str | None) -> list[Fact]:
    """E-mail, phone and fax facts from mailto: and tel:/fax: links under the given nodes."""
    out: list[Fact] = _protected(roots)
    for anchor in (a for root in roots for a in root.css(_LINKS)):
        href = (anchor.attributes.get("href") or "").strip()
        evidence = nz.clip(f'<a href="{href}">{nz.text(anchor.text(deep=True))}</a>', 200)
        scheme, _, target = href.partition(":")
        if scheme.lower() == "mailto":
            for address in unquote(target.split("?")[0]).split(","):
                value = nz.email(address)
                if value:
                    out.append(Fact("email", value, None, evidence))
            continue
        value = nz.phone(
            re.sub(r"%20|%2B", lambda m: " " if m.group(0) == "%20" else "+", target), country
        )
        if not value:
            continue
        before = anchor.prev.text(deep=True) if anchor.prev is not None else ""
        field = "fax" if scheme.lower() == "fax" else _label_before(before[-30:])
        out.append(Fact(field, value, None, evidence))
    return out
