"""Founders and directors named only in running text.

Small organisations tell their story instead of listing a team: "fondata e diretta da Andrea
Zoppolato", "gegründet von Anna Weber", "Beate und Norbert Olschewski entschlossen sich … den
Verein zu gründen", "founded by Jane Doe and John Roe". Two shapes, in the languages the
product reads (EN, DE, FR, ES, IT, NL, PT, NO/SV/DA):

1. a founding (or directing) participle, then "by" and the names: the role is the participle's
   noun in the page's own language ("fondata e diretta da" → "fondatore e direttore");
2. names that open a sentence whose verb, within that sentence, is "to found".

Running text names many people who are not the company's (historical figures, customers,
artists), so a name counts only when it starts with a known first name, a sentence that dates
its founding before 1900 tells history (no living person runs the firm as its founder), and a
plural subject shares its last name ("Beate und Norbert Olschewski" → Beate Olschewski, Norbert Olschewski).
"""

from __future__ import annotations

import re

from monitor import normalize as nz
from monitor.extract.given import is_given, starts_with_given
from monitor.extract.roles import HON

# participle stem → the role noun, per language; stems are matched with any inflection.
_PARTICIPLES = {
    "founded": "Founder", "co-founded": "Co-Founder", "established": "Founder",
    "led": "Director", "directed": "Director", "managed": "Manager", "run": "Director",
    "gegründet": "Gründer", "geleitet": "Leiter", "geführt": "Leiter",
    "fondé": "fondateur", "cofondé": "cofondateur", "créé": "fondateur", "dirigé": "directeur",
    "fondat": "fondatore", "cofondat": "cofondatore", "dirett": "direttore", "gestit": "gestore",
    "fundad": "fundador", "cofundad": "cofundador", "dirigid": "director",
    "opgericht": "oprichter", "geleid": "directeur",
    "grunnlagt": "grunnlegger", "stiftet": "stifter", "grundat": "grundare", "grundad": "grundare",
    "grundlagt": "grundlægger", "ledet": "leder", "ledd": "ledare",
    "guidat": "responsabile", "liderad": "director", "lideret": "leder",
}  # fmt: skip
_STEM = "|".join(sorted(map(re.escape, _PARTICIPLES), key=len, reverse=True))
_PART = rf"(?:{_STEM})[a-zé]{{0,3}}"
_AND = r"(?:und|and|et|e|y|en|og|och|ou|&)"
_BY = r"(?:von|durch|by|par|da|dal|dalla|dallo|por|door|av|af)"
_PASSIVE = re.compile(
    rf"(?<![\w-])(?P<verbs>{_PART}(?:\s*(?:,|{_AND})\s*{_PART})*)\s+"
    rf"(?:(?:in|im|en|nel|em|i|på|w)\s+\d{{4}}\s+)?{_BY}\s+"
    rf"(?P<names>[^.;:()\[\]]{{3,120}})",
    re.I,
)
# the active verb "to found" in a sentence whose subject is the names
_FOUNDING = re.compile(
    r"(?<!\w)(?:gründeten|gründete|zu\s+gründen|founded|co-founded|fondèrent|ont\s+fondé|a\s+fondé"
    r"|fondarono|hanno\s+fondato|ha\s+fondato|fondò|fundaron|fundó|fundou|fundaram|richtten"
    r"|richtte|grunnla|grundade|grundlagde|stiftete|stifteten)(?!\w)",
    re.I,
)
_FOUNDER = {"gründ": "Gründer", "found": "Founder", "fond": "fondateur", "fund": "fundador",
            "richt": "oprichter", "grunn": "grunnlegger", "grund": "grundare", "stift": "Stifter"}  # fmt: skip
_IT_FOUNDER = ("fondarono", "hanno fondato", "ha fondato", "fondò")
_SPLIT = re.compile(rf"\s*(?:,|\s{_AND}\s)\s*")
_PARTICLE = r"(?:von|van|de|der|den|du|la|le|di|da|zu|dos|del|ten|ter)"
# where the names stop: a lower-case word that is no conjunction nor particle, a year
_NAME_END = re.compile(rf"\s+(?!{_AND}\s|{_PARTICLE}\s)(?:[a-zà-ÿ]|\d)|[^\w\s'’&-]|\s[-–—]\s")
_TRAILING_AND = re.compile(rf"(?:\s+{_AND})+\s*$")
# German and Dutch put the participle last: "von Peter Müller gegründet", "door Jan Jansen opgericht"
_BY_FIRST = re.compile(
    rf"(?<!\w)(?:von|door)\s+{HON}*(?P<names>[^.;:()\[\]]{{3,80}}?)\s+(?:[a-zäöüß]\w*\s+){{0,2}}"
    rf"(?P<verbs>(?:gegründet|geleitet|geführt|opgericht|geleid)\w{{0,2}})(?!\w)"
)
_WE = re.compile(r"(?<!\w)(?:wir|we|our|unser\w*|nous|notre|noi|nostr\w|nosotros|nuestr\w|wij|ons|vi|vår\w*|nós|nosso)(?!\w)", re.I)


def names(text: str) -> list[str]:
    """Names of a list whose members may share the last one's surname ("Beate und Norbert O.")."""
    cut = _NAME_END.search(text)
    text = _TRAILING_AND.sub("", text[: cut.start()] if cut else text)
    parts = [p.strip() for p in _SPLIT.split(text) if p.strip()]
    if not parts:
        return []
    surname = parts[-1].split()[-1] if len(parts[-1].split()) >= 2 else ""
    found: list[str] = []
    for part in parts:
        part = re.sub(HON, "", part + " ").strip()
        if " " not in part and surname and is_given(part):
            part = f"{part} {surname}"
        name = nz.person_name(part)
        if name is None or not starts_with_given(name):
            return found if found else []
        found.append(name)
    return found


def _roles(verbs: str) -> str:
    nouns: list[str] = []
    for word in re.findall(rf"{_PART}", verbs, re.I):
        low = word.lower()
        stem = max((s for s in _PARTICIPLES if low.startswith(s)), key=len, default="")
        noun = _PARTICIPLES.get(stem, "")
        if noun and noun not in nouns:
            nouns.append(noun)
    joiner = {"fondatore": " e ", "fondateur": " et ", "Gründer": " und ", "fundador": " y "}
    return next((j for n, j in joiner.items() if n in nouns), " & ").join(nouns)


def _founder(verb: str) -> str:
    low = verb.lower()
    if any(low.startswith(v) for v in _IT_FOUNDER):
        return "fondatore"
    key = next((k for k in _FOUNDER if k in low.replace("zu ", "").replace("ont ", "").replace("a ", "")), "")
    return _FOUNDER.get(key, "Founder")


_HISTORY = re.compile(r"(?<![\d.,/-])1[0-8]\d\d(?![\d.,/-])")  # a year before 1900


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[a-zà-ÿ]{2}[.!?])\s+(?=[A-ZÀ-Þ])", line) if s]


def _own_story(sentence: str, site: str) -> bool:
    """Whether a sentence tells the site's own story: it names the site, or says "we"."""
    squeezed = re.sub(r"\W", "", nz.fold(sentence))
    labels = [s for s in site.split("|") if len(s) >= 4]
    return bool(_WE.search(sentence)) or any(label in squeezed for label in labels)


def find(line: str, site: str = "") -> list[tuple[str, str]]:
    """(name, role) of the founders and directors one line of running text names.

    ``site`` (the host's label and the title's words, squeezed, "|"-separated) tells the
    site's own founding story from the founding of anything else a sentence may tell of
    ("X gründete 1995 sein Studio"): names as the subject of "to found" need it.
    """
    found: list[tuple[str, str]] = []
    for sentence in _sentences(line):
        if _HISTORY.search(sentence):
            continue
        for m in [*_PASSIVE.finditer(sentence), *_BY_FIRST.finditer(sentence)]:
            role = _roles(m.group("verbs"))
            found += [(name, role) for name in names(m.group("names"))]
        verb = _FOUNDING.search(sentence)
        subject = sentence[: verb.start()] if verb else ""
        if subject[:1].isupper() and _own_story(sentence, site):
            found += [(name, _founder(verb.group(0))) for name in names(subject) if verb]
    return found


STEMS = tuple(sorted({s[:5].lower() for s in _PARTICIPLES} | {"gründ", "found", "fond", "fund", "richt", "grunn", "grund", "stift"}))  # fmt: skip
