"""The company's legal name as the page states it: an imprint's name line, the © line.

Read in this order, the first found wins: a line that is nothing but a name with a legal form
("Finya GmbH & Co. KG", "Meetic S.A.S."), a named legal form in the © line ("© 2021 The Jodel
Venture GmbH. All Rights Reserved."), a name with a legal form in a sentence ("provided by
Personal Best, Inc."), and last the © line's holder ("© 2020, St. Georgs Chorknaben Ulm").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from monitor import normalize as nz
from monitor.extract import legal_forms
from monitor.extract.given import starts_with_given
from monitor.extract.roles import is_role_line
from monitor.extract.scan import Scan, scan_of
from monitor.models import Fact

_FORMS = legal_forms.FORMS
# Latin letters with marks above and below (Vietnamese, Yoruba "Ọ̀ṣun"): a capital of Latin
# Extended Additional, and combining marks inside a word
_MARKED_UPPER = "".join(c for c in map(chr, range(0x1E00, 0x1F00)) if c.isupper())
_CAP = (rf"(?:[{legal_forms.UPPER}{_MARKED_UPPER}0-9][\w'’&.\u0300-\u036f-]*"
        r"|[a-z]+[A-Z][\w'’&.-]*)")  # "eHarmony UK Ltd."
_WORD = rf"(?:{_CAP}|{legal_forms.CONNECTORS})"
_NAMED = re.compile(rf"(?<![\w&])({_CAP},?\s(?:{_WORD},?\s){{0,5}}(?:{_FORMS}))(?![\w&])")
_PREFIX_FORM = re.compile(rf"^((?:{legal_forms.PREFIX_FORMS})\s+{_CAP}(?:\s{_CAP}){{0,3}})$")  # "PT Nusantara Pay"
# "(c)" is a copyright sign only before a year: in a list it is the third item ("(c) Technical Data")
_COPYRIGHT = re.compile(r"(?:(?:©|\(c\)(?=\s*(?:\d{4}|copyright))|&copy;|copyright)\s*)+", re.I)
_YEARS = re.compile(r"^[\s:,.-]*(?:\d{1,2}\.\d{1,2}\.)?\d{4}(?:\s*[-–]\s*\d{4})?(?:\s*-\s*\d{1,2}:\d{2}\s*h)?[\s:,.-]*(?:by\s+)?", re.I)
_HOLDER_END = re.compile(r"\s*(?:[|•·]|\s-\s|\.?\s+(?:powered\s+)?by\s|All rights|Alle Rechte|Tous droits|Todos los|Tutti i|,?\s*developed|,?\s*powered|$)", re.I)
_TRAILING_YEAR = re.compile(r"[\s,]+\d{4}\s*$")
# Words that say whose site it is, before a named company in a sentence.
_CUE = re.compile(
    r"(?i:\bby|\bvon|\bpar|\bdurch|controller|betreiber|anbieter|responsable|verantwortlich|éditeur"
    r"|editor|titular|titolare|operated|provided|processed|exploité|betrieben|headquarters|head\s+office"
    r"|registered\s+office|hauptsitz|firmensitz|siège|sede\s+(?:legale|social)|behalf\s+of)\W[^.;]{0,60}$"
)
# The cue words that make a firm the one in charge (the controller, the operator, the seat), not a
# vendor it names ("provided by Google LLC", "gehostet von Strato AG").
_IN_CHARGE = re.compile(
    r"(?i:controller|betreiber|responsable|verantwortlich|éditeur|titular|titolare|operated|exploité"
    r"|betrieben|headquarters|head\s+office|registered\s+office|hauptsitz|firmensitz|siège|sede"
    r"|behalf\s+of)\W[^.;]{0,60}$"
)
# The same words after the name: "Zoosk, Inc. is the controller", "X GmbH ist verantwortlich".
_CUE_AFTER = re.compile(
    r"\s*(?:\(.{0,40}\)\s*)?(?i:is\s+(?:the\s+)?(?:data\s+)?controller|is\s+responsible|ist\s+verantwortlich"
    r"|est\s+responsable|es\s+responsable|è\s+(?:il\s+)?titolare|is\s+the\s+operator|betreibt"
    # the firm says where it is registered: "X LLP is a limited liability partnership registered in"
    r"|is\s+(?:a\s+(?:[\w-]+\s+){0,4}?)?(?:registered|incorporated)\s+(?:in|with|under)"
    r"|est\s+immatriculée|ist\s+(?:im|beim)\s+(?:Handelsregister|Amtsgericht))"
)
# A label word a name line may start with: "Headquarters Inuru GmbH …", "Sitz: …".
_LEAD = re.compile(r"^(?i:headquarters|head\s+office|hauptsitz|firmensitz|sitz|siège|sede|office|büro)\s+")
# "la société GEB AdoptAGuy, SARL au capital de …": the form after a comma is an apposition
_APPOSITION = re.compile(rf",\s*(?:{_FORMS})$")
_CAPITAL = re.compile(r"\s+(?i:au\s+capital|with\s+(?:a\s+)?(?:share\s+)?capital|con\s+capital|mit\s+einem\s+(?:stamm|grund)kapital)")
_PREFIXED = re.compile(r"\b(?:SAS|SARL|SA)\s+[A-Z][A-Z0-9&'-]+(?:\s[A-Z][A-Z0-9&'-]+)?\b")
_BEFORE_SIGN = re.compile(rf"^({_CAP},?\s(?:{_WORD},?\s){{0,5}}(?:{_FORMS}))\s*$")
_NOT_NAMES = frozenset({"all", "alle", "the", "copyright", "rights"})


def _clean(name: str) -> str:
    return nz.text(name).strip(" ,.;:-–|®™").replace("®", "").replace("™", "").strip()


def holder(line: str) -> tuple[str | None, str | None]:
    """(legal-form name, bare holder) of a © line."""
    m = _COPYRIGHT.search(line)
    if not m:
        return None, None
    rest = _YEARS.sub("", line[m.end():])
    named = _NAMED.search(rest)
    if named and named.start() < 60:
        return _clean(named.group(1)), None
    if (j := _JAPANESE.search(rest)) and j.start() < 20:  # "© 2026 மதுரை … சங்கம் லிட்."
        return _native(j.group(0)), None
    if before := _BEFORE_SIGN.search(line[: m.start()]):  # "Maison Aurelle SAS © 2025 · …"
        return _clean(before.group(1)), None
    first = _bare(rest)
    if first and _personal(first):  # "© 2020 - Bernhard Sgoda - RENT A SALESMAN®"
        cut = _HOLDER_END.search(rest)
        after = _bare(rest[cut.end():]) if cut and cut.end() < len(rest) else None
        return None, after or first
    return None, first


def _personal(name: str) -> bool:
    """A holder that reads as a person: two or three words, the first a known first name."""
    return 2 <= len(name.split()) <= 3 and starts_with_given(name)


def person_holder(line: str) -> str | None:
    """The person a © line names first ("©2020 - Bernhard Sgoda - RENT A SALESMAN®"), if any."""
    m = _COPYRIGHT.search(line)
    first = _bare(_YEARS.sub("", line[m.end() :])) if m else None
    return first if first and _personal(first) else None


def _bare(rest: str) -> str | None:
    """The holder named first in what follows a © sign, if it reads as a name."""
    cut = _HOLDER_END.search(rest)
    found = _clean(rest[: cut.start()] if cut else rest)
    found = _TRAILING_YEAR.sub("", _YEARS.sub("", found)).strip(" ,-–.")
    words = found.split()
    domain = re.search(r"\.[a-z]{2,6}$", found)  # "© 2026 - mektoube.fr" names a site
    plain = not domain and not any(c.isdigit() for c in found) and found.lower() not in _NOT_NAMES
    return found if 1 <= len(words) <= 6 and plain else None


_NAMED_ANY_CASE = re.compile(_NAMED.pattern, re.I)
_JAPANESE = legal_forms.CJK  # and Korean and Chinese
_FORM_STEMS = legal_forms.STEMS
_SHORT_FORMS = legal_forms.SHORT_FORMS
# A legal form anywhere in the line: the cheap test before the name patterns run.
# Case-sensitive: a case-insensitive alternation this long is tried at every position (~10x
# slower); a line of up to 100 characters is also tried in any case ("ACME GMBH").
_GATE = re.compile(rf"(?<![\w&])(?:{_FORMS})(?![\w&])")
_GATE_ANY_CASE = re.compile(_GATE.pattern, re.I)
# Lower-case pieces of the legal-name row labels (``legal_forms.NAME_LABEL``).
_LABEL_STEMS = (
    "社名", "商号", "会社名", "회사명", "상호", "법인명", "公司名", "company name", "legal name",
    "registered name", "firma", "raison sociale", "dénomination", "razón social", "denomina",
    "ragione sociale", "denominazione", "razão social", "nazwa", "firmanavn", "foretaksnavn",
    "företagsnamn", "firmanamn", "yrityksen nimi", "toiminimi", "ärinimi", "unvan", "denumire",
    "statutaire naam", "handelsnaam", "bedrijfsnaam", "obchodní", "cégnév",
)  # fmt: skip
# What may follow a name that opens a footer line: "X S.A., ul. …", "X S.r.l. - P.IVA …".
_PART = re.compile(r"\s[|•·]\s")
_AFTER_LEADING = re.compile(r"\s*(?:[,;(]|\s[-–·|•©])[^\n]{0,40}?\d")  # "… Pte. Ltd. (UEN …)"


def _gated(line: str) -> bool:
    """Whether a line holds a legal form (the cheap test before the name patterns run)."""
    if _GATE.search(line) or _JAPANESE.search(line):
        return True
    return len(line) <= 100 and bool(_GATE_ANY_CASE.search(line))


def attribution(line: str, site: str = "") -> bool:
    """Whether a line says who someone is and where they work ("Marie Schäfer, Technischer
    Leiter, Becker GmbH" under a quote, a speaker's or an author's line): a person's name, then
    a job title, then the firm. The firm there is that person's employer, a customer's or a
    guest's, not the name of the site's own company (unless it is the site's: its owner's line).
    """
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 3 or not 2 <= len(parts[0].split()) <= 4 or not starts_with_given(parts[0]):
        return False
    if site and _is_site(parts[-1], site):
        return False
    # a title the lexicon may not know ("Driftssjef"): short words, no digits (no street)
    return all(is_role_line(p) or (0 < len(p.split()) <= 4 and not any(map(str.isdigit, p)))
               for p in parts[1:-1])


# (a capitalised name: "(publ)", "(haftungsbeschränkt)" belong to the form)
_TRADE_NAME = re.compile(rf"(?<=[\w.])\s+\([{legal_forms.UPPER}][^()\d@]{{1,39}}\)\s*$")


def _standalone(line: str) -> str | None:
    """A line, or a " | " or " - " part of one, that is only a name with its legal form; or
    the name with its form that opens a footer line before an address or an id ("Wisłoujście
    Terminal S.A., ul. Kapitańska 12, …")."""
    if found := _leading(line):
        return found
    for part in _PART.split(line):
        # a trade name in brackets after the legal one: "BKC Food Services Corp. (Bahay Kubo Catering)"
        part = _TRADE_NAME.sub("", part)
        for text in dict.fromkeys((part.strip(" ,"), part.strip(" .,"))):  # "ZVEI e. V." keeps its dot
            if len(text.split()) > 8:
                continue
            m = _NAMED.fullmatch(text) or (_NAMED_ANY_CASE.fullmatch(text) if len(text.split()) <= 4 else None)
            if m or (m := _PREFIX_FORM.match(text)):
                return _clean(m.group(1))
            if j := _JAPANESE.fullmatch(text):
                return _native(j.group(0))
        if part.strip() != line.strip() and (found := _leading(part.strip())):  # "… · Stiwdio Draig Goch Cyf., 41 Heol …"
            return found
    return None


def _leading_part(line: str) -> str | None:
    """The name with its form that opens a long line, or one of its " · " parts, before an
    address or an id."""
    if found := _leading(line):
        return found
    parts = _PART.split(line)[1:]
    return next((found for part in parts if (found := _leading(part.strip()))), None)


# The limited-liability form an Arabic name states after it: the name is what precedes it.
_ARABIC_FORM = re.compile(r"\s?(?:\((?:شركة\s)?ذات\sمسؤولية\sمحدودة\)|ذ\.م\.م\.?)$")


def _native(name: str) -> str:
    """A name found with a form of another script, without an Arabic form's description."""
    return _ARABIC_FORM.sub("", name) if name.startswith("شركة") else name


_LOWER_INSIDE = re.compile(rf"({_CAP}(?:\s[^\W\d_][\w'’&-]*){{1,3}}\s(?:{_FORMS}))(?![\w&])")
_PREFIX_LEADING = re.compile(rf"((?:{legal_forms.PREFIX_FORMS})\s+{_CAP}(?:\s{_CAP}){{0,3}})(?![\w&])")


def _leading(line: str) -> str | None:
    """The name with its form that opens a line before an address or an id."""
    if (m := _NAMED.match(line)) and _AFTER_LEADING.match(line, m.end(1)):
        return _clean(m.group(1))
    # lower-case words inside the name ("Moravské sklárny Valtice a.s., Sklářská 1520"): a short
    # name that opens the line, its form closing it where a separator and a number follow
    if (m := _LOWER_INSIDE.match(line)) and _AFTER_LEADING.match(line, m.end(1)):
        return _clean(m.group(1))
    if (m := _PREFIX_LEADING.match(line)) and _AFTER_LEADING.match(line, m.end(1)):
        return _clean(m.group(1))  # "PT Sayur Segar Nusantara · Jl. …"
    if (j := _JAPANESE.match(line)) and line[j.end() : j.end() + 1] in ("", " ", "\u3000", ","):
        return _native(j.group(0))  # "曦光光電股份有限公司 統一編號 53551234"
    return None


def _labelled(lines: Sequence[str], i: int) -> str | None:
    """The name a legal-name row gives ("社名 | 株式会社ヒノキ精機(HINOKI SEIKI CO., LTD.)",
    "Ragione sociale: X S.r.l."): on the label's line after it, or on the next line."""
    m = legal_forms.NAME_LABEL.match(lines[i])
    if not m:
        return None
    rest = lines[i][m.end() :] or (lines[i + 1] if i + 1 < len(lines) else "")
    value = re.split(r"\s*[(（]", rest, maxsplit=1)[0].strip()  # "(HINOKI SEIKI CO., LTD.)": a translation
    if not value or len(value) > 80:
        return None
    if j := _JAPANESE.fullmatch(value):
        return _native(j.group(0))
    m2 = _NAMED.fullmatch(value.rstrip(".")) or _NAMED.fullmatch(value) or _PREFIX_FORM.match(value)
    return _clean(m2.group(1)) if m2 else None


def _in_sentence(line: str) -> tuple[str, bool] | None:
    """A name with its legal form that a cue word places as the site's ("betrieben von X GmbH",
    "Headquarters X GmbH", "X, Inc. is the controller"), and whether the cue puts that firm in
    charge (controller, operator, seat) rather than naming a vendor ("provided by X LLC")."""
    for m in [*_NAMED.finditer(line), *_PREFIXED.finditer(line)]:
        group = m.lastindex or 0
        start, name = m.start(group), m.group(group)
        lead = _LEAD.match(name)
        if lead:  # the label word was read as the name's first word
            start, name = start + lead.end(), name[lead.end() :]
        if _APPOSITION.search(name) and _CAPITAL.match(line, m.end(group)):
            name = _APPOSITION.sub("", name)
        before = line[max(0, start - 80) : start]
        after = bool(_CUE_AFTER.match(line, m.end(group)))
        if (lead or after or _CUE.search(before)) and len(m.group(0).split()) >= 2:
            return _clean(name), bool(lead) or after or bool(_IN_CHARGE.search(before))
    return None


_FORM_AT_END = re.compile(rf",?\s(?:{_FORMS})$")


def _titled(name: str, title: str) -> bool:
    """Whether the page's title names the firm: the name without its form, of two words or
    more, in the title ("Clientes - Talleres Metalúrgicos Del Plata" for "Talleres Metalúrgicos
    Del Plata S.R.L."), where a customer's or a partner's name the page lists is not."""
    bare = nz.fold(_FORM_AT_END.sub("", name))
    return len(bare.split()) >= 2 and f" {bare} " in f" {nz.fold(title)} "


# A public body says what it is in a sentence, having no company form: "Norrlandsvatten är ett
# kommunalförbund", "Der Wasserverband Nord ist eine Körperschaft des öffentlichen Rechts",
# "X est un établissement public", "X is a statutory body".
_PUBLIC_BODY = re.compile(
    rf"^(?:(?:Der|Die|Das|Le|La|L'|The)\s)?(?P<name>{_CAP}(?:\s(?:{_WORD})){{0,4}}?)\s(?:är|ist|is|est|er|on|es|è)\s"
    r"(?:ett|en|ein|eine|a|an|un|une|et|una|uno)?\s?(?:[\w-]+\s){0,2}?(?i:kommunalförbund|kommunalt\s+bolag"
    r"|kommunalt\s+aktiebolag|zweckverband|körperschaft\s+des\s+öffentlichen\s+rechts"
    r"|anstalt\s+des\s+öffentlichen\s+rechts|kommunalunternehmen|eigenbetrieb|syndicat\s+(?:mixte|intercommunal)"
    r"|établissement\s+public|régie|public\s+body|statutory\s+body|statutory\s+corporation|public\s+corporation"
    r"|municipal\s+(?:association|company|corporation|authority)|local\s+authority|interkommunalt\s+selskap"
    r"|interkommunalt\s+samarbejde|kuntayhtymä|kunnallinen\s+yhtiö|consorcio|mancomunidad|organismo\s+público)\b"
)
_PUBLIC_STEMS = ("kommunal", "zweckverband", "öffentlichen rechts", "kommunalunternehmen", "eigenbetrieb",
                 "syndicat", "établissement public", "régie", "public body", "statutory", "public corporation",
                 "municipal", "local authority", "interkommunal", "kuntayhtymä", "kunnallinen",
                 "consorcio", "mancomunidad", "organismo público")  # fmt: skip


# Pronouns and demonstratives that open such a sentence without naming anyone ("This is a …").
_NOT_SUBJECTS = nz.wordset("this that it we our there he she they which who det den detta vi es er sie "
                           "dies dieser diese hier il elle ce cette cela nous esto este esta ello")


def _public_bodies(scan: Scan) -> list[Fact]:
    """The names of public bodies that say what they are in a sentence (see ``_PUBLIC_BODY``)."""
    out = []
    for i in scan.find_lines(_PUBLIC_STEMS):
        line = scan.lines[i]
        for sentence in re.split(r"(?<=[.!?])\s+", line[:1000]):
            m = _PUBLIC_BODY.match(sentence)
            if m and m.group("name").split()[0].casefold() not in _NOT_SUBJECTS and not starts_with_given(m.group("name")):
                out.append(Fact("legal_name", _clean(m.group("name")), None, nz.clip(sentence, 200)))
    return out


def find(lines: Sequence[str] | Scan, site: str = "", title: str = "") -> list[Fact]:
    """One ``legal_name`` fact, or none (see the module docs for the order of reading).

    ``site`` is the host's name ("markeich" for www.markeich.de): a name that is the site's
    own wins over the names of insurers, processors and authorities an imprint also lists;
    so does a name the page's ``title`` holds over the customers' and partners' a page lists.
    """
    scan = scan_of(lines)
    text = scan.lines
    standalone: list[Fact] = []
    in_copyright: list[Fact] = []
    in_sentence: list[Fact] = []
    holders: list[Fact] = []
    in_charge: set[str] = set()  # folded names a controller's or operator's cue introduced
    # One search over the whole page finds the lines worth reading (C speed, not per line).
    marked = set(scan.find_lines(("©", "copyright", "(c)")))
    short = scan.find_lines(legal_forms.SHORT_STEMS, lower=False)  # "Fjordlys AS · Org.nr."
    ends = {i for i, line in enumerate(text) if line.endswith(_SHORT_FORMS)}  # "Larsen AS"
    formed = {i for i in {*scan.find_lines(_FORM_STEMS), *ends, *short} if _gated(text[i])}
    formed |= {i for i in scan.find_lines(legal_forms.PREFIX_STEMS, lower=False) if _PREFIX_LEADING.match(text[i])}
    labelled: list[Fact] = []
    for i in scan.find_lines(_LABEL_STEMS, short=True):
        if name := _labelled(text, i):
            labelled.append(Fact("legal_name", name, None, nz.clip(" / ".join(text[i : i + 2]), 200)))
    for i in sorted(marked | formed):
        line = text[i]
        if len(line) > 400:
            continue
        evidence = nz.clip(line, 200)
        if i in marked:
            named, bare = holder(line)
            if named:
                in_copyright.append(Fact("legal_name", named, None, evidence))
            elif bare:
                holders.append(Fact("legal_name", bare, None, evidence))
            if named or bare or i not in formed:
                continue
            # no holder after the sign ("X Ltda. · CNPJ … · © 2024"): the line is read as any other
        if attribution(line, site):
            continue
        alone = _standalone(line) if len(line) <= 120 else _leading_part(line)
        if alone:
            standalone.append(Fact("legal_name", alone, None, evidence))
            continue
        said = _in_sentence(line)
        if said:
            in_sentence.append(Fact("legal_name", said[0], None, evidence))
            if said[1]:
                in_charge.add(nz.fold(said[0]))
    holders = [f for f in holders if not _personal(f.value)]  # "© Wes Bos": a person, no firm
    with_form = [*standalone, *in_copyright, *in_sentence]
    own = [f for f in with_form if site and _is_site(f.value, site)]
    own.sort(key=lambda f: site not in re.sub(r"\W", "", nz.fold(f.value)))  # all of the site's name first
    # a controller or operator the page names, and its name standing alone, before a bare
    # "© 2026 Parship": the brand is the site's, the legal name is the firm's
    cued = [f for f in [*in_sentence, *standalone] if nz.fold(f.value) in in_charge]
    own_holders = [f for f in holders if site and _is_site(f.value, site)]
    # a name the page states twice (its footer's first line and its © line) before one it
    # states once (a registrar's, a customer's)
    told = Counter(nz.fold(f.value) for f in [*with_form, *holders])
    repeated = [f for f in with_form if told[nz.fold(f.value)] > 1]
    titled = [f for f in with_form if title and _titled(f.value, title)]
    ranked = [*labelled, *own, *titled, *cued, *own_holders, *repeated, *with_form, *_public_bodies(scan), *holders]
    # a Japanese, Korean or Chinese firm's legal name is the one in its own script: the Latin
    # "HINOKI SEIKI CO., LTD." of its © line is a translation
    native = [f for f in ranked if _JAPANESE.fullmatch(f.value)]
    return [*native, *ranked][:1]


def other_firms(lines: Sequence[str] | Scan, site: str) -> set[str]:
    """Folded first words of the firms a page names with their legal form ("Nordex SE"),
    other than the site's own: partners, issuers, customers."""
    scan = scan_of(lines)
    found: set[str] = set()
    ends = {i for i, line in enumerate(scan.lines) if line.endswith(_SHORT_FORMS)}  # "Nordex SE"
    for i in sorted({*scan.find_lines(_FORM_STEMS), *ends}):
        for m in _NAMED.finditer(scan.lines[i]):
            name = _clean(m.group(1))
            first = re.sub(r"\W", "", nz.fold(name.split()[0])) if name.split() else ""
            if len(first) >= 3 and not (site and _is_site(name, site)):
                found.add(first)
    return found


def firm_named(text: str) -> str | None:
    """The last firm a text names with its legal form ("Privacy Partners Ltd" in "Jane Roe,
    Privacy Partners Ltd, 1 High Street"): what a reason for leaving a fact out can name."""
    names = [_clean(m.group(1)).rsplit(", ", 1)[-1] for m in _NAMED.finditer(text)]
    return names[-1] if names else None


def _is_site(name: str, site: str) -> bool:
    """Whether a name is the site's own ("Agentur MARKE ICH" on markeich.de), not an insurer's."""
    squeezed = re.sub(r"\W", "", nz.fold(name))
    first = re.sub(r"\W", "", nz.fold(name.split()[0])) if name.split() else ""
    return site in squeezed or (len(first) >= 4 and first in site)
