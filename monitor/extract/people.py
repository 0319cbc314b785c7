"""People and their roles: team lists and cards, imprint labels, sentences.

1. team lists (``team``): one-line pairs ("Jane Doe – CEO"), cards paired within their own block,
   then name/role neighbours; every line they use is spoken for, so nothing below can read a
   card's role line as a label for the next card's name;
2. label lists: "Geschäftsführer: A, B", "Vertreten durch: …", "CEO: …"; a label closing its
   line takes the names from the next line (Finya's imprint; markeich's "Verantwortlich …");
3. sentences: "Le Directeur de Publication du site est Monsieur X", "représentée par son
   Directeur Général Monsieur X", "X, Vorsitzender der Geschäftsführung", "appointed X as
   Chief Revenue Officer"; a chief "of" another firm ("CEO of Instapage") is not the site's;
4. a founding story in running text ("fondata e diretta da X", see ``founders``);
5. a list of duties: three or more "Duty: Name" lines in a row, one of them a known role
   ("Leitung: A" / "Organisation und Gewänder: B" / "Kassenwart: C"): a club's or a small
   firm's own words for its jobs are roles there, though no lexicon lists them;
6. profiles: two or more names alone on their line, each followed by a text that speaks of
   them by first name ("Juho Karhu" / "Juho is the skipper and …"); the role is what that
   sentence says they are, when it says so. One such name (an author box) counts only when its
   text says the person's job ("Projektleiterin. …", "Als … betreue ich …");
7. repeated blocks (``repeats``): sibling blocks of one shape pair a name and a title at the
   same places, the repetition vouching for titles and names no lexicon knows; and names each
   with its title in brackets in one line (a photo caption);
8. signatures: the names (and titles) below a letter's closing formula ("Kind regards,").

A card or a repeated block whose title holds another firm ("Directeur, Visser Bouw B.V.",
"CEO bij Techno"), or whose e-mail is at another firm's domain (a PR agency's contact under
a client's release), is that firm's person, not the site's.

Labels and sentences need a strong role (C-level, founders, managing directors, Vorstand,
directeurs, DPO); team lists accept any job title (see ``roles``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from monitor import normalize as nz
from monitor.extract import company_name, founders, repeats, rolelists, team
from monitor.extract.given import starts_with_given
from monitor.extract.layout import PageText
from monitor.extract.roles import (
    FOLD_LABEL,
    GROUP_RX,
    HON,
    LABEL,
    LABEL_STEMS,
    NAME,
    ROLE_STEMS,
    ROLE_WORD,
    STRONG,
    STRONG_LOW,
    STRONG_RX,
    is_role_line,
    role,
)
from monitor.extract.scan import Scan, scan_of
from monitor.models import Fact

_LABEL_LIST = re.compile(
    rf"(?:^|[.;|·•]\s+)(?:(?i:der|die|das|unser\w*|our|the|new|neue\w*|le|la|notre|nuevo|nuovo|il)\s+){{0,2}}"
    rf"(?P<role>{LABEL})\s*(?:\([^)]{{1,30}}\))?\s*[:：]\s*(?P<names>.*)$"
)
_LABEL_LINE = re.compile(rf"(?P<role>{LABEL})(?P<names>)")
_INNER_ROLE = re.compile(rf"(?P<role>{STRONG})\s+{HON}*(?P<rest>.+)$")
_QUALIFIER = r"(?:\s+(?:du\s+site|de\s+la\s+société|of\s+the\s+company|der\s+gesellschaft|des\s+unternehmens))?"
_IS = r"\s+(?i:est|is|ist|sont|are|sind)\s+(?:notre\s+|our\s+)?"
_BY = (
    r"(?i:représentée?s?|vertreten|represented|geleitet|managed|led|dirigée?)\s+(?i:par|durch|by)\s+"
    r"(?i:(?:son|sa|ses|leur|den|die|der|its|our|the|their)\s+)?"
)
_SEPARATOR = r"\s*(?:,|\(|–|-|\|)\s*"
# The four sentence shapes, each around a strong title: "<title> est Monsieur X", "représentée
# par son <title> Monsieur X", "<title> Monsieur X", "X, <title>". The title is found first (one
# scan of the lower-cased line); the rest is matched next to it, before or after.
_AFTER_TITLE = [
    re.compile(rf"{_QUALIFIER}{_IS}{HON}*{NAME}"),
    re.compile(rf"\s+{HON}+{NAME}"),
]
_BY_BEFORE = re.compile(rf"{_BY}\Z")
_AFTER_BY = re.compile(rf"\s*[,:]?\s+{HON}*{NAME}")
_NAME_BEFORE = re.compile(rf"{NAME}{_SEPARATOR}\Z")
_NO_WORD = re.compile(r"(?![\w-])")
_SENTENCES = [  # the same shapes as whole patterns, for lines whose lower case changes length
    re.compile(rf"(?P<role>{STRONG}){_QUALIFIER}{_IS}{HON}*{NAME}"),
    re.compile(rf"{_BY}(?P<role>{STRONG})\s*[,:]?\s+{HON}*{NAME}"),
    re.compile(rf"(?P<role>{STRONG})\s+{HON}+{NAME}"),
    re.compile(rf"{NAME}{_SEPARATOR}(?P<role>{STRONG})(?![\w-])"),
]
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|/|&|、|，|\b(?:und|and|et|sowie|en|og|och|e|y|i|ja|oraz)\b)\s*")


_TITLES = re.compile(rf"^\s*{HON}+")


def _names(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text)
    return [n for part in _SPLIT_NAMES.split(text) if (n := nz.person_name(_TITLES.sub("", part)))]


_NEXT_LABEL = re.compile(r"(?:[.;]|\s[·•|])\s+(?=[^.:;,·•|]{2,40}[:：])")
_ONE_A_LINE = 8  # names one a line after a label that closes its own line


def _labelled(lines: Sequence[str], i: int, used: set[int]) -> list[tuple[str, str]]:
    m = _LABEL_LIST.search(lines[i]) or _LABEL_LINE.fullmatch(lines[i])
    if not m:
        return []
    found_role, names_text = role(m.group("role")), m.group("names").strip()
    cut = _NEXT_LABEL.search(names_text)  # "Ordförande: A. Ledamöter: B, C": one label at a time
    if cut:
        rest = names_text[cut.end() :]
        after = _labelled([rest], 0, used) or _next_pair(rest)
        return _labelled([f"{lines[i][: m.start('names')]}{names_text[: cut.start()]}"], 0, used) + after
    nxt = i + 1
    if not names_text and nxt < len(lines) and nxt not in used and ":" not in lines[nxt]:
        names_text = lines[nxt]
        if len(_names(names_text)) == 1:  # one name a line: "Vertreten durch den Vorstand:" / A / B / C
            for k in range(nxt + 1, min(len(lines), nxt + _ONE_A_LINE)):
                if k in used or ":" in lines[k] or len(lines[k]) > 60 or len(_names(lines[k])) != 1:
                    break
                names_text += ", " + lines[k]
    inner = _INNER_ROLE.match(names_text)
    if inner and found_role in FOLD_LABEL.values():
        found_role, names_text = role(inner.group("role")), inner.group("rest")
    names = [n for n in _names(names_text) if not GROUP_RX.fullmatch(n)]  # "Zarząd" / "Rada Nadzorcza"
    if GROUP_RX.fullmatch(m.group("role").strip()):  # "Board:", "Direction:": only known first names
        names = [n for n in names if starts_with_given(n)]
    # "Dr. Henrike Albers-Voß (Vorsitzende)": a name's own title in brackets is its role there
    own = {nz.fold(n): b.group(1) for part in names_text.split(", ") if (b := _OWN_TITLE.search(part))
           and is_role_line(b.group(1)) for n in _names(part)}  # fmt: skip
    return [(name, role(own.get(nz.fold(name), found_role))) for name in names]


_OWN_TITLE = re.compile(r"\(([^()]{2,40})\)\s*$")
_PAIR = re.compile(r"(?P<role>[^\W\d][^:：\d]{1,40}?)\s*[:：]\s*(?P<name>[^:：]{4,60}?)\s*(?:$|(?:[.;]|\s[·•|])\s+(?P<rest>.+))")


def _next_pair(text: str) -> list[tuple[str, str]]:
    """The pairs after a known label on its line ("Président : A · Vizepräsidentin: B · Membro:
    C"): the first label vouches for the line, so a later label no lexicon knows is a title
    too when a known first name follows it."""
    m = _PAIR.match(text)
    if m is None or len(m.group("role").split()) > 4:
        return []
    name = nz.person_name(_TITLES.sub("", m.group("name")))
    found = [(name, role(m.group("role")))] if name and starts_with_given(name) else []
    return found + (_next_pair(m.group("rest")) if m.group("rest") else [])


def _in_sentences(line: str, site: str = "", others: Callable[[], set[str]] = set) -> list[tuple[str, str]]:
    low = line.lower()
    if len(low) != len(line):  # "İ" lower-cases to two characters: positions would shift
        return _in_sentences_slowly(line)
    raw: list[tuple[str, str]] = []
    for title in STRONG_LOW.finditer(low):
        start, end = title.span()
        if start >= 2 and line[start - 1] == "-" and not line[start - 2].isupper():
            continue  # "Vice-President", "Co-Geschäftsführer": not the bare title
        role_text = line[start:end]
        raw += [(m.group("name"), role_text) for p in _AFTER_TITLE if (m := p.match(line, end))]
        bare = _BARE_NAME.match(line, end)  # "BDZV-Hauptgeschäftsführer Dietmar Wolff"
        if bare and starts_with_given(bare.group("name")):
            raw.append((bare.group("name"), role_text))
        if _BY_BEFORE.search(low, max(0, start - 80), start):
            raw += [(m.group("name"), role_text) for m in [_AFTER_BY.match(line, end)] if m]
        if _NO_WORD.match(line, end) and not _of_another(line, end, site, others, start):
            m = _NAME_BEFORE.search(line, max(0, start - 160), start)
            raw += [(m.group("name"), role_text)] if m else []
            m = _NAMED_AS.search(line, max(0, start - 160), start)  # "appointed X as CRO"
            if m and starts_with_given(m.group("name")) and not _ELSEWHERE.match(line, end):
                raw.append((m.group("name"), role_text))
    return _accepted(raw)


# "has appointed Marcus Oyelaran as Chief Revenue Officer", "ernennt Julia Brenner zur
# Geschäftsführerin", "nomme Paul Roux comme directeur": a name, then "as" and the title.
_NAMED_AS = re.compile(
    rf"{NAME}\s+(?i:as|als|comme|come|como|som|zum|zur|au\s+poste\s+de)\s+"
    r"(?:(?i:the|its|our|their|new|neue[nrm]?|nouveau|nouvelle|notre|nuovo|nuova|nuevo|nueva|nosso|nossa"
    r"|ny|nye|nya|sein\w*|ihr\w*|unser\w*|son|sa|leur|suo|sua|su)\s+){0,2}\Z"
)
_ELSEWHERE = re.compile(r"\s*,?\s+(?:of|at|von|bei|de|du|des|di|del|van|för|hos|ved|chez|presso)\s+[A-ZÄÖÜÀ-Þ]")
_BARE_NAME = re.compile(rf"\s+{NAME}(?=\s*(?:[,.;:)]|$))")
_ROLE_REST = re.compile(r"[^,;:()\n]{0,60}")
_ACRONYM = re.compile(r"(?<![\w-])[A-ZÄÖÜ]{2,}(?![\w-])")


def _of_another(
    line: str, end: int, site: str, others: Callable[[], set[str]] = set, start: int = 0
) -> bool:
    """Whether "X, Director IWES" names another organisation's officer: the title's own words
    run on to an acronym that is not the site's host name, or to a firm the page names with
    its legal form ("… Nordex" where the page says "Nordex SE") that is not the site's either
    (a photo caption of a partner's press release, a panel of guests), or a chief's title
    "of" a firm that is not the site ("CEO of Instapage", "cofounder of $50M-…"; a director
    "of Marketing" heads a department, a CEO "of" something heads a firm). Those tell a firm
    apart from a department ("Director Business Development") without a list of firms; the
    page title is no help, as a press release's title names the partner too. A title then a
    comma and an organisation's name of two words or more ("directrice, Hydro-Québec
    Solutions", "président-directeur général, Port de Saguenay") is another firm's too."""
    rest = _ROLE_REST.match(line, end)
    words = rest.group(0) if rest else ""
    if firm_after(line[end:], site):
        return True
    bracketed = _BRACKETED_FIRM.match(line, end) if line[:start].rstrip().endswith("(") else None
    if bracketed and not _same_firm(bracketed.group("firm"), site):
        return True  # "Jan Berg (Geschäftsführer, Nordwerk)": a title and its firm in brackets
    host = site.split("|")[0]
    if any(m.group(0).lower() not in host for m in _ACRONYM.finditer(words)):
        return True
    at = _AT_FIRM.search(words)  # "Director of Analytics at Instacart": a customer's officer
    if at and not _same_firm(at.group(1), site):
        return True
    of = _OF_FIRM.search(words) if _CHIEF.match(line, start) else None  # "CEO of Aplos"
    if of and not _same_firm(of.group(1), site):
        return True
    tokens = {nz.fold(w) for w in re.findall(r"[A-ZÄÖÜ][\w-]{2,}", words)}
    return bool(tokens and tokens & others())


_BRACKETED_FIRM = re.compile(r"\s*,\s*(?P<firm>[A-ZÄÖÜÀ-ÞØÅÆ][\w&'’.-]+)(?:\s+[\w&'’.-]+){0,3}\)")
_COMMA_FIRM = re.compile(
    r"[^,;:()]{0,60}?,\s+(?P<firm>[A-ZÄÖÜÀ-ÞØÅÆ][\w&'’.-]+(?:\s+(?:(?:de|du|des|la|le|of|the|&|und|and|di|del|og|och)\s+)?"
    r"[A-ZÄÖÜÀ-ÞØÅÆ][\w&'’.-]+)+)"
)


def firm_after(rest: str, site: str) -> bool:
    """Whether the words after a title are ", <Firm Name>" naming a firm that is not the site
    (two capitalised words or more: "Løvenhjelm Kommunikation"; one word is as often a place or
    a department: "Myyntipäällikkö, Suomi")."""
    m = _COMMA_FIRM.match(rest)
    if not m or ROLE_WORD.search(m.group("firm")):
        return False
    return not _same_firm(m.group("firm").split()[0], site)


# "at Instacart", "bei Siemens", "chez Vertalia": a title held at a named firm. Where the firm
# is not the site, the quoted person is a customer's or a partner's officer, not the site's.
_AT_FIRM = re.compile(r"^[^.\"“”]*?\s(?:at|bei|chez|presso|hos|bij|på)\s+([A-ZÄÖÜÀ-Þ][\w&'’-]+)")


# The titles that head a whole firm: "of" after them names the firm, not a department.
_CHIEF = re.compile(
    r"(?i:c[eo]o|(?:co-?)?founders?|president[ea]?|président\w*|chair\w*|owner|inhaber\w*|gründer\w*"
    r"|(?:co-?)?fondat\w+|(?:co-?)?fundador\w*|managing\s+director|geschäftsführer\w*|vorstand\w*"
    r"|directeur\s+général|director\s+general|pdg)(?!\w)"
)
_OF_FIRM = re.compile(r"^[^.\"“”]*?\s(?:of|de|da|do|di|del|della|du|des|von|van)\s+(?:the\s+)?([A-Z$][\w&'’$-]*)")


def _same_firm(word: str, site: str) -> bool:
    """Whether a firm's first word is the site's (its host label or its title's words)."""
    squeezed = re.sub(r"\W", "", nz.fold(word))
    return len(squeezed) >= 3 and any(squeezed in part or part in squeezed for part in site.split("|") if part)


def _in_sentences_slowly(line: str) -> list[tuple[str, str]]:
    return _accepted([(m.group("name"), m.group("role")) for p in _SENTENCES for m in p.finditer(line)])


def _accepted(raw: list[tuple[str, str]]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for text, title in raw:
        name = nz.person_name(text)
        if name and not ROLE_WORD.fullmatch(name.split()[0]):
            found.append((name, role(title)))
    return found


_DUTY = re.compile(r"^(?P<role>[^\W\d][^:：|•]{1,40}?)\s*[:：]\s*(?P<names>[^:：]{4,80})$")
_RUN = 3  # "Duty: Name" lines in a row before an unknown duty counts as a role


def _duty_lists(lines: Sequence[str]) -> list[tuple[int, str, str]]:
    """(line, name, duty) of runs of "Duty: Name" lines, one duty at least a known role."""
    found: list[tuple[int, str, str]] = []
    run: list[tuple[int, str, list[str]]] = []
    for i, line in enumerate([*lines, ""]):
        m = _DUTY.match(line)  # lines a team rule used still count in the run: same people
        names = _names(m.group("names")) if m else []
        if m and names and all(starts_with_given(n) for n in names):
            run.append((i, m.group("role").strip(), names))
            continue
        if len(run) >= _RUN and any(is_role_line(duty) for _, duty, _ in run):
            found += [(k, name, duty) for k, duty, names_ in run for name in names_]
        run = []
    return found


_IS_A = re.compile(
    r"\s+(?:is|ist|est|è|es|é|er|är|is)\s+(?:(?:the|our|a|an|der|die|das|unser\w*|le|la|l'|notre|il|lo"
    r"|el|la|o|a|de|het|onze)\s+)?(?P<role>[^\W\d][\w&-]*(?:\s+[\w&-]+){0,3}?)"
    r"(?=\s+(?:and|und|et|e|y|og|och|en|who|der|die|qui|che|que|aboard|at|of|bei|for|für|de|di|da"
    r"|mit|with|avec|con|com|med|seit|since|depuis|desde|dal)\s|[.,;])"
)
_MIN_PROFILES = 2  # one name above a text is a story's subject; two or more, a team
# A lone profile (an author box) says its person's job: "Projektleiterin. Miriam … hat …",
# "Als Content Marketing Managerin betreue ich …", "As Head of Research, I …".
_LEAD_ROLE = re.compile(r"^(?P<role>[^\W\d][^.!?:]{2,58})\.\s")
_AS_ROLE = re.compile(
    r"^(?:Als|As|En\s+tant\s+que|Como|Come|Som|Jako|Kot)\s+(?P<role>[^\W\d][^,.!?:]{2,58}?)"
    r"(?:,|\s+(?:betreue|bin|arbeite|leite|verantworte|kümmere|I|I'm|je|j'|sono|soy|sou|er|är|jestem)\b)"
)


_HELD_ELSEWHERE = re.compile(r"\s+(?:of|at|bei|von|for|für|de|di|da|chez|presso|hos|bij|på)\s")  # "owner of a bakery"


def _bio_role(name: str, bio: str) -> str:
    """The job a bio under a name gives its person ("Juho is the skipper", "Matthias Weber ist
    ERP-Experte mit …"), or ""."""
    first = name.split()[0]
    if bio.startswith(first + " "):
        m = _IS_A.match(bio, len(name) if bio.startswith(name + " ") else len(first))
        return m.group("role") if m and not _HELD_ELSEWHERE.match(bio, m.end()) else ""
    m = _LEAD_ROLE.match(bio) or _AS_ROLE.match(bio)
    return m.group("role") if m and is_role_line(m.group("role")) else ""


def _profiles(lines: Sequence[str]) -> list[tuple[int, str, str]]:
    """(line, name, role) of names alone on a line whose next line speaks of them by first name."""
    found: list[tuple[int, str, str]] = []
    for i in range(len(lines) - 1):
        name = nz.person_name(lines[i]) if len(lines[i]) <= 60 else None
        if not name or name != lines[i].strip() or not starts_with_given(name):
            continue
        first = name.split()[0]
        bio = lines[i + 1]
        if len(bio) < 40:
            continue
        if bio.startswith(first + " "):  # a team's profiles: the role their bio gives, as said
            m = _IS_A.match(bio, len(first))
            found.append((i, name, m.group("role") if m else ""))
        elif job := _bio_role(name, bio):
            found.append((i, name, role(job)))
    if len(found) >= _MIN_PROFILES:
        return [f for f in found if lines[f[0] + 1].startswith(f[1].split()[0] + " ")]
    lone = [(i, name, _bio_role(name, lines[i + 1])) for i, name, _ in found]
    return [(i, name, role(job)) for i, name, job in lone if job and is_role_line(job)]  # an author box


# "Aisha Bello, data editor, builds …", "Tunde Bakare is our managing editor and …": a paragraph
# that opens with a person's name, then their title as an apposition between commas or after
# "is our/the" (and its kin in a few languages). The title ends at the next comma, "and", "who"
# or stop; it must be a title the role patterns or the lexicon know.
_APPOSITION = re.compile(
    rf"^{HON}*{NAME}(?:\s*,\s+|\s+(?i:is|ist|est|es|è|é|er|är|on|jest|yw['’]r|yw|ni|adalah)\s+)"
    r"(?P<role>[^,.;:()]{3,70}?)(?:\s*,|\s+(?:and|who|which|und|et|y|e|a|och|og|ac|dan|yang|en|ja|ve|și|és|i|и|і|та|και|na)\s|\.|$)"
)


def _appositions(lines: Sequence[str], site: str) -> list[tuple[int, str, str]]:
    """(line, name, role) of paragraphs that open with a name and its title (see above); a
    title held at another firm ("CEO of Acme", "an economist at a think-tank") is not the site's."""
    found: list[tuple[int, str, str, bool]] = []
    for i, line in enumerate(lines):
        if len(line) < 40 or not line[:1].isupper():
            continue
        m = _APPOSITION.match(line)
        if m is None:
            continue
        name = nz.person_name(m.group("name"))
        title = _LEADING_POSSESSIVE.sub("", m.group("role").strip())
        if not name or not is_role_line(title) or _AT_FIRM.search(" " + title) or _OF_FIRM.search(" " + title):
            continue
        if firm_after(line[m.end("role") :], site):
            continue
        found.append((i, name, role(title), starts_with_given(name)))
    # bios come together ("Who we are"): a paragraph beside another counts; a lone one (a news
    # story's "Jane Doe, a spokeswoman, said") does not
    spots = {i for i, _, _, _ in found}
    return [(i, name, title) for i, name, title, _ in found if spots & {i - 2, i - 1, i + 1, i + 2}]


# "our", "the", "its" and their kin before an apposition's title ("ein prif weithredwr")
_LEADING_POSSESSIVE = re.compile(
    r"^(?i:our|the|its|their|a|an|unser\w*|der|die|notre|le|la|nuestro|nuestra|el|il|la|nostro|nostra|o|a"
    r"|ons|onze|de|het|vår|vores|vårt|ein|yr|y|kami|kita|ang)\s+"
)


# "By Thandiwe Nkosi, Head of Energy Regulation · 12 May 2025": a post's byline that gives its
# writer's job, the title cut at the date or the next part of the line.
_BYLINE_TITLE = re.compile(
    rf"^(?i:by|von|par|door|av|af|di|por)\s+{HON}*{NAME}\s*,\s+(?P<role>(?:(?!\s-\s)[^·|•—–,]){{3,60}}?)"
    r"\s*(?:(?:[·|•—–]|\s-\s)\s*.*)?$"
)
_BYLINE_STEMS = ("by ", "von ", "par ", "door ", "av ", "af ", "di ", "por ")


def bylines(lines: Sequence[str], site: str) -> list[tuple[int, str, str]]:
    """(line, name, role) of bylines that give the writer a job and no other firm: a firm's
    own people writing on its blog ("By Pieter van Wyk, Principal Electrical Engineer"); a
    guest's "CEO at Initech" or "Partner, Berg GmbH" is another firm's."""
    found: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        if len(line) > 140 or not line[:6].lower().startswith(_BYLINE_STEMS):
            continue
        m = _BYLINE_TITLE.match(line)
        if m is None:
            continue
        name, title = nz.person_name(m.group("name")), m.group("role").strip()
        if name and is_role_line(title) and not _title_elsewhere(title, site) and not _GUEST_FIRM.search(title):
            found.append((i, name, role(title)))
    return found


_GUEST_FIRM = re.compile(r"\s(?:of|de|der|des|du)\s+(?:[A-Z][\w&.'’-]+\s*){1,3}(?:Inc|Ltd|LLC|GmbH|AG|SA|plc|Corp)\b|\s(?:at|@)\s")


_INTRO = re.compile(
    rf"(?:^|\W)(?:I'm|I’m|I am|My name is|Ich bin|Mein Name ist|Je suis|Je m'appelle|Soy|Me llamo"
    rf"|Sono|Mi chiamo|Ik ben|Jeg er|Jag är|Eu sou|Chamo-me)\s+{NAME}"
)
_INTRO_STEMS = ("i'm", "i’m", "i am", "my name", "ich bin", "mein name", "je suis", "je m'appelle", "soy ", "me llamo", "sono ", "mi chiamo", "ik ben", "jeg er", "jag är", "eu sou", "chamo-me")  # fmt: skip


_WHOSE_SITE = re.compile(
    r"(?:^|(?i:welcome\s+to|to|this\s+is|visit)\s+)(?P<names>[A-ZÀ-Þ][^.;:!?'’]{3,60})['’]s\s+"
    r"(?:[\w-]+\s+){0,2}(?i:gallery|website|web\s+site|site|blog|homepage|home\s+page|portfolio"
    r"|photography|photos)(?!\w)"
)


def _owners(scan: Scan, site: str) -> list[tuple[str, str, int]]:
    """People who present the site as theirs: "I'm Kiko Beats", "© 2020 - Bernhard Sgoda",
    "Welcome to Ingrid and Guido Haase's web gallery".

    Only a known first name, or the site's own name ("kikobeats"), makes the words a person.
    """
    found: list[tuple[str, str, int]] = []

    def owner(name: str | None) -> bool:
        squeezed = re.sub(r"\W", "", nz.fold(name or ""))
        return bool(name) and (starts_with_given(name or "") or bool(site and squeezed and squeezed in site))

    for i in scan.find_lines(_INTRO_STEMS):
        for m in _INTRO.finditer(scan.lines[i]):
            name = nz.person_name(m.group("name"))
            if owner(name) and name:
                found.append((name, "", i))
    for i in scan.find_lines(("'s ", "’s ")):
        for m in _WHOSE_SITE.finditer(scan.lines[i]):
            found += [(name, "", i) for name in founders.names(m.group("names")) if owner(name)]
    for i in scan.find_lines(("©", "copyright")):
        holder = company_name.person_holder(scan.lines[i])
        name = nz.person_name(holder) if holder else None
        if name:
            found.append((name, "", i))
    return found


# The closing formulas of a letter or a message, in the lexicon's languages: the names (and
# their titles) right below one sign it.
_CLOSING = re.compile(
    r"^(?i:(?:yours\s+)?sincerely|(?:kind|best|warm|warmest|with\s+best)\s+(?:regards|wishes)|regards"
    r"|yours\s+(?:faithfully|truly)|respectfully|on\s+behalf\s+of\s+the\s+board"
    r"|mit\s+(?:freundlichen|besten|herzlichen)\s+grüßen|(?:freundliche|herzliche|beste|viele)\s+grüße|ihr[e]?"
    r"|(?:bien\s+)?cordialement|bien\s+à\s+vous|(?:sincères\s+|meilleures\s+)?salutations|amicalement"
    r"|atentamente|(?:un\s+)?cordial(?:es)?\s+saludos?|saludos\s+cordiales|cordialmente|(?:cordiali|distinti)\s+saluti"
    r"|atenciosamente|(?:com\s+os\s+melhores\s+)?cumprimentos|met\s+vriendelijke\s+groet(?:en)?|hartelijke\s+groet(?:en)?"
    r"|(?:med\s+)?venn?lig(?:e)?\s+hilsen?|mvh|(?:med\s+)?vänliga\s+hälsningar|ystävällisin\s+terveisin|terveisin"
    r"|z\s+poważaniem|pozdrawiam|s\s+pozdravem|saygılarımızla|saygılarımla|cu\s+stimă|cu\s+respect|lugupidamisega"
    r"|üdvözlettel|tisztelettel)[\s,.!]*$"
)
_SIGNERS = 8  # lines after a closing formula that may hold its signers and their titles


def _signatures(lines: Sequence[str], used: set[int]) -> list[tuple[int, str, str]]:
    """(line, name, title) of those who sign below a closing formula ("Kind regards," / "Anna
    Keller" / "Chief Executive Officer" / "Jens Brandt" / "CFO"): each name alone on its line,
    its title on the next; a signer needs a known first name or a known title."""
    found: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        if len(line) > 60 or not _CLOSING.match(line):
            continue
        k = i + 1
        while k < min(len(lines), i + 1 + _SIGNERS) and k not in used:
            name = nz.person_name(lines[k]) if len(lines[k]) <= 60 else None
            if not name or ROLE_WORD.search(lines[k]):
                break
            title = lines[k + 1] if k + 1 < len(lines) and k + 1 not in used else ""
            known = is_role_line(title) or is_role_line(title.replace("-", " ")) or bool(STRONG_RX.search(title))
            titled = bool(title) and known and not starts_with_given(title)  # not the next signer
            if titled or starts_with_given(name):
                found.append((k, name, role(title) if titled else ""))
            k += 2 if titled else 1
    return found


_TITLE_NAME = re.compile(NAME)
TITLE_BEFORE_NAMES = "[title before names] "  # the evidence prefix of ``rolelists`` readings


def title_owner(title: str, label: str) -> Fact | None:
    """The person a personal site is named after, named in its title: "Portfolio Niels
    Lubberman" on nielslubberman.nl (the host's label is the name, squeezed, and it starts with a
    known first name)."""
    if len(label) < 6:
        return None
    for m in _TITLE_NAME.finditer(title):
        words = m.group("name").split()  # "Portfolio Niels Lubberman", "Anna Berg Design"
        for start, end in ((a, b) for a in range(len(words)) for b in range(a + 2, len(words) + 1)):
            name = nz.person_name(" ".join(words[start:end]))
            if name and re.sub(r"\W", "", nz.fold(name)) == label and starts_with_given(name):
                return Fact("person", name, None, cite("owner", nz.clip(title, 200)))
    return None


_MAIL = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
_FREE_MAIL = nz.wordset(
    "gmail googlemail outlook hotmail live msn yahoo icloud me aol gmx web t-online proton protonmail"
    " posteo mail yandex orange free laposte wanadoo libero virgilio alice tiscali seznam wp onet o2 telia"
)


def _mail_elsewhere(text: Sequence[str], last: int, site: str, headings: frozenset[int] = frozenset()) -> bool:
    """Whether the card ending on line ``last`` gives, within its next lines and before anyone
    else's, an e-mail on a firm's domain that is not the site's (a PR agency's contact under a
    client's release, a recruiter's): the person works there. A free mail service says nothing,
    nor does a mail under the next heading (a job ad's recruiter below the team)."""
    parts = [part for part in site.split("|") if len(part) >= 3]

    def own(label: str) -> bool:
        return any(label in part or part in label for part in parts)

    for k, line in enumerate(text[last + 1 : last + 4], last + 1):
        if k in headings:
            return False
        m = _MAIL.search(line)
        if m is None:
            continue
        label = _mail_label(m.group("domain"))
        if label in _FREE_MAIL or not parts or own(label):
            return False
        # only where the page shows the site's own mail domain: a firm may write from another
        return any(own(_mail_label(d.group("domain"))) for line in text if "@" in line for d in _MAIL.finditer(line))
    return False


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _headings(layout: PageText | None, count: int) -> frozenset[int]:
    """The lines that are headings, where a page's next section starts."""
    if layout is None or len(layout.line_block) != count:
        return frozenset()
    return frozenset(i for i, block in enumerate(layout.line_block) if block >= 0 and layout.tags[block] in _HEADING_TAGS)


def _mail_label(domain: str) -> str:
    """The firm's label of a mail domain: "redlinepr" of "redlinepr.com", "acme" of "acme.co.uk"."""
    labels = domain.lower().split(".")
    return re.sub(r"\W", "", labels[-2] if len(labels[-2]) > 3 or len(labels) < 3 else labels[-3])


_FIRM_AFTER_COMMA = re.compile(
    r",\s+(?P<firm>[A-ZÄÖÜÀ-ÞØÅÆ][\w&.'’-]*)(?:\s+[\w&.'’-]+){0,4}\s+"
    r"(?:GmbH|AG|KG|SE|Ltd\.?|Inc\.?|LLC|S\.?A\.?|SAS|SARL|S\.?r\.?l\.?|SRL|B\.?V\.?|N\.?V\.?|AB|AS|A/S|ApS|Oy|OÜ|plc|Corp\.?|Lda\.?|Ltda\.?)$"
)
_FIRM_AT = re.compile(r"\s(?:at|bei|chez|presso|hos|bij|på|@)\s+(?!Large\b)(?P<firm>[A-ZÄÖÜÀ-ÞØÅÆ][\w&'’-]+)")


def _title_elsewhere(title: str, site: str) -> bool:
    """Whether a card's title holds the firm it is held at, and that firm is not the site:
    "Geschäftsführerin, Berg GmbH", "Head of AI at Initech" (a prize's winners, a panel)."""
    m = _FIRM_AFTER_COMMA.search(title) or _FIRM_AT.search(title)
    return m is not None and not _same_firm(m.group("firm"), site)


def cite(rule: str, lines: str) -> str:
    """Evidence that says which reading found a person: "[card] Jane Doe / CEO"."""
    return f"[{rule}] {lines}"


def lines_of(evidence: str) -> str:
    """The page lines an evidence quotes (without its "[rule] " prefix)."""
    return evidence.split("] ", 1)[1] if evidence.startswith("[") and "] " in evidence else evidence


def find(lines: Sequence[str] | Scan, layout: PageText | None = None, site: str = "") -> list[Fact]:
    """Person facts (value = name, role = role); one fact per person, roles joined by "; ".

    ``layout`` (the page's blocks, from ``layout.read``) lets team cards pair within their
    own block; without it, cards are read from the lines alone. ``site`` (the host's and
    title's words, squeezed) lets a personal site's owner introduce themself.
    """
    scan = scan_of(lines)
    text = scan.lines
    roles: dict[str, tuple[str, list[str], str]] = {}

    def add(name: str, title: str, evidence: str) -> None:
        held = roles.setdefault(nz.fold(name), (name, [], evidence))[1]
        if title and nz.fold(title) not in {nz.fold(r) for r in held}:
            held.append(title)

    firms: list[set[str]] = []

    def others() -> set[str]:  # read once, when a "Name, Title Firm" line asks
        if not firms:
            firms.append(company_name.other_firms(scan, site.split("|")[0]))
        return firms[0]

    cards, used = team.pairs(scan, layout)
    headings = _headings(layout, len(text))
    signed = _signatures(text, set())  # a letter's signers, read as such before any neighbour
    signing = {k for i, _, title in signed for k in ((i, i + 1) if title else (i,))}
    cards = [pair for pair in cards if signing.isdisjoint(pair.lines)]
    used |= signing
    for i, name, title in signed:
        add(name, title, cite("signature", " / ".join(text[i : i + 2] if title else text[i : i + 1])))
    if layout is not None and len(layout.line_block) == len(text):
        theirs = repeats.others_lines(layout)  # a testimonial wall's cards are its customers'
        cards = [pair for pair in cards if theirs.isdisjoint(pair.lines)]
        paired = signing | {k for pair in cards for k in pair.lines}  # ``used`` also holds pairs it let go
        for name, title, spot in repeats.find(layout, paired):
            if _mail_elsewhere(text, max(spot), site, headings) or _title_elsewhere(title, site) or firm_after(title, site):
                continue  # "Chief Product Officer, Straits Ledger Analytics": a guest's
            add(name, title, cite(repeats.RULE, " / ".join(text[k] for k in sorted(set(spot)))))
            used.update(spot)
    for i in scan.find_lines(LABEL_STEMS):
        if i in used:
            continue
        evidence = " / ".join(text[i : i + 2]) if text[i].endswith(":") else text[i]
        for name, title in _labelled(text, i, used):
            add(name, title, cite("label", evidence))
        for name, title in _in_sentences(text[i], site, others):
            add(name, title, cite("sentence", evidence))
    for i in scan.find_lines(founders.STEMS):
        if i not in used:
            for name, title in founders.find(text[i], site):
                add(name, title, cite("prose", text[i]))
    for i in scan.find_lines(ROLE_STEMS):  # "der Ausbilder Evelyne Schreiter und Christoph Quack"
        if i not in used:
            for name, title in rolelists.find(text[i]):
                add(name, title, cite(TITLE_BEFORE_NAMES[1:-2], text[i]))
    for i in scan.find_lines(("(",), lower=False):  # "Ingrid Solheim (daglig leder), Sindre …"
        for name, title in repeats.in_brackets(text[i]):
            add(name, title, cite(repeats.IN_LINE, text[i]))
    for i, name, title in _duty_lists(text):
        add(name, title, cite("duties", text[i]))
    for i, name, title in _profiles(text):
        add(name, title, cite("profile", " / ".join(text[i : i + 2])))
    for i, name, title in bylines(text, site):
        add(name, title, cite("byline", text[i]))
    for i, name, title in _appositions(text, site):
        if i not in used:
            add(name, title, cite(APPOSITION, text[i]))
    for pair in cards:
        if len(pair.lines) == 1 and firm_after(pair.role, site):
            continue  # "Camilla Dahl, seniorkonsulent, Løvenhjelm Kommunikation": an agency's
        if _mail_elsewhere(text, max(pair.lines), site, headings) or _title_elsewhere(pair.role, site):
            continue  # a press release's agency contact, a recruiter, a prize winner of another firm
        add(pair.name, pair.role, cite(pair.rule, " / ".join(text[k] for k in sorted(pair.lines))))
    for name, title, i in _owners(scan, site):
        add(name, title, cite("owner", text[i]))
    return [
        Fact("person", name, "; ".join(sorted(held)), nz.clip(evidence, 200))
        for name, held, evidence in roles.values()
    ]


def without_overreach(facts: Sequence[Fact]) -> list[Fact]:
    """Facts less a person whose name is another reading's name with that one's title's first
    word run on ("Corina Wolfschwenger Journal" beside "Corina Wolfschwenger", "Journal
    Editor"): two readings of one card, the one that ends the name at the title is right."""
    titles: dict[str, list[str]] = {}
    for fact in facts:
        if fact.field == "person" and fact.role:
            titles.setdefault(nz.fold(fact.value), []).extend(nz.fold(r) for r in fact.role.split("; "))

    def overreach(name: str) -> bool:
        head, _, last = nz.fold(name).rpartition(" ")
        return any(title.startswith(last + " ") for title in titles.get(head, ()))

    return [f for f in facts if f.field != "person" or not overreach(f.value)]


APPOSITION = "name and title in a sentence"
_TOLD = ("[sentence]", "[prose]")


def in_own_story(facts: Sequence[Fact], lines: Sequence[str], label: str) -> list[Fact]:
    """An article's people, less those its sentences name without naming the site's firm.

    A press release on the firm's own site says who its people are in sentences ("said Dana
    Whitfield, co-founder and CEO of Brightwater"; "The company has also appointed …" after a
    paragraph naming it); a news site's story quotes other firms' chiefs the same way. A person
    read from a sentence is kept only when that line or the few before it name the site (its
    host's label), so a publisher's story does not make the people it quotes its staff.
    """
    if len(label) < 3:
        return list(facts)
    squeezed = [re.sub(r"\W", "", nz.fold(line)) for line in lines]
    kept = []
    for fact in facts:
        if fact.field == "person" and fact.evidence.startswith(_TOLD):
            start = lines_of(fact.evidence).removesuffix("…")[:80]
            spots = [i for i, line in enumerate(lines) if line.startswith(start)]
            if not any(label in "".join(squeezed[max(0, i - 3) : i + 1]) for i in spots):
                continue
        kept.append(fact)
    return kept


def placed(facts: Sequence[Fact], layout: PageText) -> list[Fact]:
    """Person facts with ``where`` the page shows them: for each line naming the person, the
    section it sits in, the nearest heading before it that names no person (folded, with its
    rank among the page's headings of that text: a second "Colleague in focus" is another
    block). A card that shows one colleague at a time keeps its section while its person
    changes; a team list shows all its people under one. Without the page's blocks, nothing."""
    lines = layout.lines
    if len(layout.line_block) != len(lines):
        return list(facts)
    names = [f.value for f in facts if f.field == "person" and len(f.value) > 2]
    if not names:
        return list(facts)
    heads = _headings(layout, len(lines))
    section: list[str] = []
    current, ranks = "", dict[str, int]()
    for i, line in enumerate(lines):
        if i in heads and not any(name in line for name in names):
            text = nz.fold(line)[:80]
            ranks[text] = ranks.get(text, 0) + 1
            current = f"{text}#{ranks[text]}"
        section.append(current)
    out = []
    for fact in facts:
        if fact.field == "person" and len(fact.value) > 2:
            where = {section[i] for i, line in enumerate(lines) if fact.value in line}
            fact = replace(fact, where=tuple(sorted(where)))
        out.append(fact)
    return out
