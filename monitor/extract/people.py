"""People and their roles: imprint labels, sentences, and team cards.

Patterns, tried on every text line (one line per block element, see ``html``):

1. label lists: "Geschäftsführer: A, B", "Vertreten durch: …", "CEO: …"; a label closing
   its line takes the names from the next line (Finya's imprint);
2. sentences: "Le Directeur de Publication du site est Monsieur X", "représentée par son
   Directeur Général Monsieur X", "X, Vorsitzender der Geschäftsführung";
3. cards: a name line next to a role line ("Jane Doe" / "Head of Design"), or "Name – Role".

Strong roles (C-level, founders, managing directors, Vorstand, directeurs, DPO) are needed for
1 and 2; cards accept any job title, because a team page lists everyone.
"""

from __future__ import annotations

import re

from monitor import normalize as nz
from monitor.models import Fact

_UP = "A-ZÄÖÜÀ-ÖØ-ÞŁŚŹŻČŠŽ"
_HON = r"(?:(?:Monsieur|Madame|Mademoiselle|Mme\.?|Mlle\.?|M\.|Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?)\s+)"
_TOKEN = rf"[{_UP}][\w'’]+(?:-[{_UP}][\w'’]+)?"
_NAME = rf"(?P<name>{_TOKEN}(?:\s+(?:(?:von|van|de|der|den|du|la|le|di|da|zu|dos|del|ten|ter)\s+)*{_TOKEN}){{1,3}})"
_STRONG = (
    r"(?<![\w-])(?i:chief\s+(?:[\w&-]+\s+){1,3}officer|c[efotmrip]o|ciso|chro|cdo"
    r"|(?:co-?)?founder(?:\s*(?:&|and)\s*(?:ceo|cto|coo|president|chairman))?"
    r"|managing\s+director|managing\s+partner|general\s+manager|executive\s+director|president"
    r"|chair(?:man|woman|person)?|director|data\s+protection\s+officer|dpo"
    r"|geschäftsführer(?:in(?:nen)?)?|geschäftsführung|geschäftsführende[rn]?\s+gesellschafter(?:in)?"
    r"|vorstand(?:svorsitzende[r]?)?|vorstände|vorsitzende[r]?\s+(?:der|des)\s+[\w-]*(?:geschäftsführung"
    r"|vorstand(?:e?s)?|aufsichtsrat(?:e?s)?)|aufsichtsratsvorsitzende[r]?|inhaber(?:in)?|prokurist(?:in)?"
    r"|(?:mit)?gründer(?:in)?|datenschutzbeauftragte[r]?"
    r"|(?:directeur|directrice)(?:\s+(?:général(?:e)?(?:\s+délégué(?:e)?)?|de\s+(?:la\s+)?publication"
    r"|de\s+la\s+rédaction|[ée]ditorial|financier|technique|commercial))?"
    r"|président(?:e)?(?:[- ]directeur\s+général)?|pdg|gérant(?:e)?|représentant\s+légal"
    r"|délégué(?:e)?\s+à\s+la\s+protection\s+des\s+données|responsable\s+de\s+(?:la\s+)?publication"
    r"|(?:co-?)?fondat(?:eur|rice)|代表取締役(?:社長|会長)?|取締役(?:社長|会長)?|社長|会長)(?!\w)"
)
_LABEL = (
    rf"{_STRONG}|(?i:vertreten\s+durch(?:\s+(?:den|die))?(?:\s+(?:geschäftsführer\w*|vorstand))?"
    r"|vertretungsberechtigt\w*(?:\s+(?:geschäftsführer\w*|gesellschafter\w*|vorstand|personen?))?"
    r"|represented\s+by|verantwortlich[^:]{0,70}|responsible\s+for\s+(?:the\s+)?content[^:]{0,40}"
    r"|redaktionsleitung|editor[- ]in[- ]chief|herausgeber(?:in)?)"
)
_LABEL_LIST = re.compile(
    rf"(?:^|[.;|]\s+)(?P<role>{_LABEL})\s*(?:\([^)]{{1,30}}\))?\s*[:：]\s*(?P<names>.*)$"
)
_LABEL_LINE = re.compile(rf"(?P<role>{_LABEL})(?P<names>)")
# Lower-case literal stems, searched without re.I: the full patterns cost ~0.5 µs per character,
# so they run only on lines that contain one of these.
_STEMS = re.compile(
    "chief|officer|ceo|cfo|coo|cto|cmo|cio|cro|cpo|ciso|chro|cdo|founder|director|manag|president|"
    "chair|dpo|geschäftsf|vorstand|vorstände|vorsitz|aufsichtsrat|inhaber|prokurist|gründer|"
    "datenschutzbeauftrag|directeur|directrice|président|pdg|gérant|représent|délégué|responsable|"
    "fondat|vertreten|vertretungsberecht|represented|verantwortlich|responsible|redaktion|editor|"
    "herausgeber|代表|取締役|社長|会長"
)
_STRONG_RX = re.compile(_STRONG)  # a strong title lets a lone name/role card count
_QUALIFIER = r"(?:\s+(?:du\s+site|de\s+la\s+société|of\s+the\s+company|der\s+gesellschaft|des\s+unternehmens))?"
_SENTENCES = [
    re.compile(
        rf"(?P<role>{_STRONG}){_QUALIFIER}\s+(?i:est|is|ist|sont|are|sind)\s+(?:notre\s+|our\s+)?{_HON}*{_NAME}"
    ),
    re.compile(
        rf"(?i:représentée?s?|vertreten|represented|geleitet|managed|led|dirigée?)\s+(?i:par|durch|by)\s+"
        rf"(?i:(?:son|sa|ses|leur|den|die|der|its|our|the|their)\s+)?(?P<role>{_STRONG})\s*[,:]?\s+{_HON}*{_NAME}"
    ),
    re.compile(rf"(?P<role>{_STRONG})\s+{_HON}+{_NAME}"),
    re.compile(rf"{_NAME}\s*(?:,|\(|–|-|\|)\s*(?P<role>{_STRONG})(?![\w-])"),
]
_ROLE_WORD = re.compile(
    r"(?i)(?<![\w-])(?:ceo|cfo|coo|cto|cmo|cio|cro|cpo|ciso|chro|chief|officer|(?:co-?)?founder|director|"
    r"manager|head|lead|leader|president|chair\w*|partner|engineer|scientist|designer|developer|analyst|"
    r"consultant|relations|member|board|advisor|adviser|specialist|coordinator|architect|owner|vp|vice|"
    r"secretary|treasurer|counsel|editor|executive|associate|assistant|intern|recruiter|"
    r"geschäftsführer\w*|gesellschafter\w*|vorstand\w*|prokurist\w*|inhaber\w*|gründer\w*|leiter\w*|"
    r"leitung|referent\w*|berater\w*|entwickler\w*|ingenieur\w*|assistent\w*|directeur|directrice|"
    r"responsable|gérant\w*|président\w*|fondat\w+|associé\w*|chargée?|chef|ingénieur\w*)(?![\w-])"
    r"|代表取締役|取締役|社長|部長|執行役員"
)
_CUT_ROLE = re.compile(
    r"\s+(?:nach|gem\.?|gemäß|i\.\s?S\.?\s?d\.?|laut|according|under|pursuant)\b.*$|\s*§.*$", re.I
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|/|&|\bund\b|\band\b|\bet\b|\bsowie\b)\s*")
_FOLD_LABEL = {
    "vertreten durch": "Vertretungsberechtigt",
    "represented by": "Representative",
}


def _role(raw: str) -> str:
    cleaned = _CUT_ROLE.sub("", nz.text(raw)).strip(" :,")
    key = re.sub(r"\s+(?:den|die)$", "", cleaned.casefold())
    return _FOLD_LABEL.get(key, nz.role(cleaned))


def is_role_line(line: str) -> bool:
    """A short line that reads like a job title ("Head of Design", "Geschäftsführerin")."""
    words = line.split()
    return (
        0 < len(words) <= 6
        and len(line) <= 60
        and not line.endswith(":")
        and not any(c.isdigit() for c in line)
        and bool(_ROLE_WORD.search(line))
    )


def _names(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text)
    return [n for part in _SPLIT_NAMES.split(text) if (n := nz.person_name(part))]


def _labelled(lines: list[str], i: int) -> list[tuple[str, str]]:
    m = _LABEL_LIST.search(lines[i]) or _LABEL_LINE.fullmatch(lines[i])
    if not m:
        return []
    role, names_text = _role(m.group("role")), m.group("names").strip()
    if not names_text and i + 1 < len(lines) and ":" not in lines[i + 1]:
        names_text = lines[i + 1]
    inner = re.match(rf"(?P<role>{_STRONG})\s+{_HON}*(?P<rest>.+)$", names_text)
    if inner and role in _FOLD_LABEL.values():
        role, names_text = _role(inner.group("role")), inner.group("rest")
    return [(name, role) for name in _names(names_text)]


def _in_sentences(line: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for pattern in _SENTENCES:
        for m in pattern.finditer(line):
            name = nz.person_name(m.group("name"))
            if name and not _ROLE_WORD.fullmatch(name.split()[0]):
                found.append((name, _role(m.group("role"))))
    return found


def _cards(lines: list[str]) -> list[tuple[str, str, int]]:
    """Name line above a role line, or "Name – Role" on one line.

    A lone pair with a weak title ("Sharp Insights" / "Developer Access") is more often a
    teaser than a person, so weak titles count only on pages with at least two such pairs.
    """
    has_role = [len(line) <= 100 and bool(_ROLE_WORD.search(line)) for line in lines]
    pairs: list[tuple[str, str, int]] = []
    for i, line in enumerate(lines):
        if has_role[i] and len(line) <= 100 and ":" not in line:
            parts = re.split(r"\s+[-–|]\s+|,\s+", line, maxsplit=1)
            split_name = nz.person_name(parts[0]) if len(parts) == 2 else None
            if split_name and is_role_line(parts[1]) and not _ROLE_WORD.search(parts[0]):
                pairs.append((split_name, _role(parts[1]), i))
                continue
        name = nz.person_name(line) if not has_role[i] and len(line) <= 60 else None
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if name and has_role[i + 1 if nxt else i] and is_role_line(nxt) and ":" not in nxt:
            pairs.append((name, _role(nxt), i))
    if len(pairs) >= 2:
        return pairs
    return [p for p in pairs if _STRONG_RX.search(p[1])]


def find(lines: list[str]) -> list[Fact]:
    """Person facts (value = name, role = role); one fact per person, roles joined by "; "."""
    roles: dict[str, tuple[str, list[str], str]] = {}

    def add(name: str, role: str, evidence: str) -> None:
        key = nz.fold(name)
        held = roles.setdefault(key, (name, [], evidence))[1]
        if role and nz.fold(role) not in {nz.fold(r) for r in held}:
            held.append(role)

    for i, line in enumerate(lines):
        if not _STEMS.search(line.lower()):
            continue
        for name, role in _labelled(lines, i) + _in_sentences(line):
            add(name, role, " / ".join(lines[i : i + 2]) if line.endswith(":") else line)
    for name, role, i in _cards(lines):
        add(name, role, " / ".join(lines[i : i + 2]))
    return [
        Fact("person", name, "; ".join(sorted(held)), nz.clip(evidence, 200))
        for name, held, evidence in roles.values()
    ]
