"""Canonical forms of the values the extractors produce, and removal of volatile noise.

Everything here is pure and deterministic: the same input always gives the same output, so
that two fetches of an unchanged page give identical facts (R30, E7).

    phone, email, url, text, person_name, role   canonical values (None when not valid)
    mask_volatile(text)                           hides "3 minutes ago", clocks, copyright years
    strip_volatile(body) / fingerprint(data)      a fast noise-free hash of a raw page
    identity(fact)                                the one (field, subject) a fact is compared by
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import xxhash

from monitor.models import Fact
from monitor.noise import mask_volatile, strip_volatile

if TYPE_CHECKING:
    import phonenumbers

# phonenumbers and w3lib are imported by the first phone number and link read (a parser
# worker's preload, ``monitor.sources.parsers``): a check that compares hashes and records
# facts (``identity``) never loads them.

__all__ = [
    "OTHER_DIGITS",
    "address_key",
    "ascii_digits",
    "clip",
    "email",
    "fingerprint",
    "fold",
    "identity",
    "mask_volatile",
    "person_name",
    "phone",
    "possible_phone",
    "role",
    "strip_volatile",
    "text",
    "url",
    "wordset",
]


def wordset(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words (keeps vocabulary tables compact)."""
    return frozenset(words.split())


# --- text -----------------------------------------------------------------------------------

_TYPOGRAPHY = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u2043": "-",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "",
    "\ufeff": "", "\u180e": "", "\u200e": "", "\u200f": "",
    "\u2028": " ", "\u2029": " ",
}  # fmt: skip
# One C-level scan finds the rare characters; str.translate would visit every character.
_TYPOGRAPHIC = re.compile("[" + "".join(_TYPOGRAPHY) + "]")
_WS = re.compile(r"\s+")
# "Steiner ." (inline tags rendered with a space) and "Steiner." must read the same.
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) ")


def text(raw: str) -> str:
    """NFKC, typography folded (quotes, dashes, invisible characters), whitespace collapsed."""
    s = raw
    if not s.isascii():  # ASCII is already NFKC and has no typography to fold
        s = unicodedata.normalize("NFKC", s)
        s = _TYPOGRAPHIC.sub(lambda m: _TYPOGRAPHY[m.group(0)], s)
    s = " ".join(s.split())
    if " " not in s:
        return s
    if "(" in s or "[" in s:  # a C-speed test first: class-first patterns scan slowly
        s = _SPACE_AFTER_OPEN.sub(r"\1", s)
    return _SPACE_BEFORE_PUNCT.sub("", s)


def clip(value: str, limit: int) -> str:
    """Cut a string to at most ``limit`` characters, marking the cut with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=8192)
def fold(value: str) -> str:
    """Case- and accent-insensitive key: "Aurélien AUCHER" and "aurelien aucher" are equal."""
    folded = text(value).casefold()
    if folded.isascii():  # nothing to decompose
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- phones and e-mails ---------------------------------------------------------------------


_INTERNATIONAL_00 = re.compile(r"^00(?=[1-9])")

# The zero of each script whose digits addresses and phone numbers are written in: Arabic-Indic,
# Persian and Urdu, N'Ko, Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
# Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian and full-width forms.
_ZEROS = (
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
)  # fmt: skip
_TO_ASCII = {zero + n: ord("0") + n for zero in _ZEROS for n in range(10)}
OTHER_DIGITS = re.compile("[" + "".join(f"{chr(z)}-{chr(z + 9)}" for z in _ZEROS) + "]")


def ascii_digits(raw: str) -> str:
    """The text with the digits of other scripts as ASCII digits, one character for one
    ("۱۲" → "12", "१२" → "12", "１２" → "12"): offsets into it are offsets into the original."""
    return raw.translate(_TO_ASCII)


# Pure and costly (~50 µs each: libphonenumber, w3lib), and the same number or link recurs in a
# page's JSON-LD, its tel:/href and its text, and across the pages of a site.
@lru_cache(maxsize=4096)
def phone(raw: str, country: str | None) -> str | None:
    """E.164 form of a phone number, or None when it is not a valid number.

    A leading + (or 00) decides the country; otherwise ``country`` (ISO code) is assumed.
    """
    s = _INTERNATIONAL_00.sub("+", text(raw).removeprefix("tel:").strip())
    if not s or sum(c.isdigit() for c in s) < 6:
        return None
    import phonenumbers

    number = _parsed(s, country)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_MEXICAN_MOBILE_ONE = re.compile(r"^\+\s?52[\s.-]*1[\s.-]*(?=(?:\(?\d\)?[\s.-]*){10}$)")


def _without_mexican_mobile_one(s: str) -> str:
    """A Mexican mobile number without the "1" Mexico dialled before mobiles until 2020 ("+52 1
    951 208 4471" is +52 951 208 4471): the same line written two ways is one value."""
    return _MEXICAN_MOBILE_ONE.sub("+52 ", s)


def _parsed(s: str, country: str | None) -> phonenumbers.PhoneNumber | None:
    """The number ``s`` reads as: its own country after + (or 00), else ``country``'s."""
    import phonenumbers

    s = _without_mexican_mobile_one(_INTERNATIONAL_00.sub("+", s))  # idempotent: phone() counted digits after it
    region = None if s.startswith("+") else (country or "").upper() or None
    if region is None and not s.startswith("+"):
        return None
    try:
        return phonenumbers.parse(s, region)
    except phonenumbers.NumberParseException:
        return None


@lru_cache(maxsize=4096)
def possible_phone(raw: str, country: str | None) -> str | None:
    """E.164 form of a number of a possible length for its country that the numbering plan
    does not know (a fictitious "555" line, a range opened after the library's data), or None.

    Written nationally it needs ``country``; so "04 555 21 90" on a Belgian page and "+32 4 555
    21 90" are one value, where keeping the digits as written would make them two.
    """
    import phonenumbers

    number = _parsed(text(raw).removeprefix("tel:").strip(), country)
    if number is None or (phonenumbers.is_possible_number_with_reason(number)
                          != phonenumbers.ValidationResult.IS_POSSIBLE):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_as_written(raw: str) -> str | None:
    """A number that failed validation, kept as its digits (with a leading + when it has one).

    Formatting is dropped, so "+49 (0)30 1234" and "+49-30-1234" stay one value.
    """
    s = _INTERNATIONAL_00.sub("+", text(raw).removeprefix("tel:").strip())
    digits = re.sub(r"\(0\)|\D", "", s)
    if not 6 <= len(digits) <= 15:
        return None
    return ("+" if s.startswith("+") else "") + digits


def phones_in_text(line: str, country: str | None) -> list[tuple[int, str]]:
    """``(offset, E.164)`` of every valid phone number written anywhere in a line of prose.

    libphonenumber's matcher reads national forms for ``country`` ("03-4567-8902" in Japan)
    and international ones anywhere, so a reformatting never hides or invents a number.
    """
    import phonenumbers

    region = (country or "ZZ").upper()
    found = []
    try:
        for m in phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.VALID):
            found.append((m.start, phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)))
    except Exception:  # the matcher is total on str; this guards a library regression only
        return []
    return found


_OBFUSCATED_AT = re.compile(r"\s*(?:\(at\)|\[at\]|\{at\}|<at>|\(@\)|\[@\]|\sat\s)\s*", re.I)
_OBFUSCATED_DOT = re.compile(r"\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\(\.\)|\[\.\]|\sdot\s)\s*", re.I)
_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
)
# Retina images ("logo@2x.png") and assets look like addresses; no company reads mail there.
_NOT_A_TLD = wordset("png jpg jpeg gif svg webp css js ico bmp tif tiff pdf mp4 webm woff woff2")


def email(raw: str) -> str | None:
    """Lower-case, de-obfuscated e-mail address ("info (at) acme [dot] de"), or None."""
    s = text(raw).removeprefix("mailto:").split("?")[0].strip().strip("<>.,;:()[]\"'")
    s = _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", s)).lower()
    if len(s) > 254 or not _EMAIL.fullmatch(s):
        return None
    local, _, domain = s.rpartition("@")
    if len(local) > 64 or domain.rsplit(".", 1)[-1] in _NOT_A_TLD:
        return None
    return s


# --- URLs -----------------------------------------------------------------------------------

_TRACKING = re.compile(
    r"utm_[a-z_]+|trk|trkinfo|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid"
    r"|ref_src|ref_url|igshid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|s_cid"
    r"|__s|_ga|_gl|spm|sessionid|jsessionid|phpsessid|sid",
    re.I,
)
_ASSET = re.compile(
    r"\.(?:css|js|mjs|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|eot|map)$", re.I
)
_CACHE_BUSTER = re.compile(r"v|ver|version|cb|cachebuster|_|t|ts|rev|hash|build", re.I)


@lru_cache(maxsize=4096)
def url(raw: str, base: str | None = None) -> str:
    """Canonical URL: absolute, lower-case host, no fragment, tracking and cache-busters gone.

    Non-HTTP URLs (mailto:, tel:, javascript:) come back stripped but otherwise unchanged.
    """
    s = "".join(text(raw).split())
    if base:
        s = urljoin(base, s)
    parts = urlsplit(s)
    if parts.scheme.lower() not in ("http", "https"):
        return s
    try:
        port = parts.port
    except ValueError:
        port = None
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[parts.scheme.lower()]
    netloc = host if port in (None, default) else f"{host}:{port}"
    asset = bool(_ASSET.search(parts.path))
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.fullmatch(k) and not (asset and _CACHE_BUSTER.fullmatch(k))
    ]
    rebuilt = urlunsplit(
        (parts.scheme.lower(), netloc, parts.path or "/", urlencode(sorted(query)), "")
    )
    return _canonical(rebuilt, netloc)


def _canonical(rebuilt: str, netloc: str) -> str:
    """w3lib's canonical form of ``rebuilt``, with the host as the page spelled it.

    From 2.6 on, w3lib reads a host as browsers do: numeric and percent-encoded spellings
    become the address they mean (``2130706433`` → ``127.0.0.1``), which is for the address
    gate to judge on the spelling given (it refuses them all), and a host with a control
    character raises: such a URL is kept as rebuilt, for the gate to refuse, and the page that
    linked it is read as before. Only a non-ASCII host is w3lib's to rewrite (as punycode).
    """
    from w3lib.url import canonicalize_url

    try:
        canonical = canonicalize_url(rebuilt)
    except ValueError:
        return rebuilt
    parts = urlsplit(canonical)
    if parts.netloc != netloc and netloc.isascii():
        return urlunsplit(parts._replace(netloc=netloc))
    return canonical


# --- people ---------------------------------------------------------------------------------

# Titles before a name and post-nominals after it come from one list of many languages
# (monitor/extract/data/titles.tsv, read by monitor.extract.titles), compiled the first time a
# name is read. Two shapes are patterns, not words: German and Austrian degrees written with a
# hyphen ("Dr.-Ing.", "Dipl.-Kfm. (FH)"), and lower-case degree words after a title with its
# school in capitals ("Dr. oec. HSG", "Dr. rer. nat.", "Mag. iur.").
@lru_cache(maxsize=1)
def _honorific() -> re.Pattern[str]:
    from monitor.extract.titles import before_pattern  # titles reads package data only

    return re.compile(
        r"^(?:(?i:(?:dr|dipl)\.-\w+\.?(?:\s*\((?:FH|TU|BA|Univ\.?)\))?\s*)|"
        + before_pattern()
        + r"|(?-i:(?:[a-z]{2,4}\.\s*){1,2}(?:[A-Z]{2,4}\s)?|(?<=[a-z]{2}\.\s)[A-Z]{2,4}\s)\s*)+"
    )


@lru_cache(maxsize=1)
def _postnominal() -> re.Pattern[str]:
    """Degrees and post-nominal letters after a name ("Tomáš Dvořák, Ph.D.", "Rupert
    Fenwick-Clarke ACR")."""
    from monitor.extract.titles import after_pattern  # titles reads package data only

    return re.compile(after_pattern())


@lru_cache(maxsize=1)
def _cjk_suffix() -> re.Pattern[str]:
    """CJK suffix titles written onto a name ("王伟先生", "田中様", "김민수님")."""
    from monitor.extract.titles import cjk_suffix_pattern  # titles reads package data only

    return re.compile(cjk_suffix_pattern())


_PARTICLES = wordset(
    "von van der den de du des la le di da dos das del zu zur bin ibn al el ter ten y e af av ap"
    " della dal dei degli vom zum op an i binti binte bte bt dela delos a/l a/p s/o d/o"
)
# Words that make a capitalised pair a heading, a menu item or a firm rather than a person.
_NOT_NAME_WORD = wordset(
    "gmbh ag kg se ug ohg mbh ltd llc inc corp plc sa sas sarl sasu bv nv co kgaa eg ev e.v. "
    "team about contact kontakt impressum imprint our unser unsere home news press presse "
    "services service products product privacy datenschutz legal mentions cookies cookie "
    "careers jobs karriere login sign register menu search blog shop company unternehmen "
    "straße strasse str weg platz allee rue avenue street road telefon phone fax email e-mail "
    "general office management board directors leadership founders founder ceo cto cfo coo "
    "über ueber meet mehr more read lesen weiter learn copyright notice tech media live new all "
    "for the and of with your releases release member center preferences network insights "
    "global affiliate events event weitere spezialisten solutions resources support partners "
    "partner overview features pricing customers stories docs download community help faq "
    "terms conditions policy newsletter subscribe follow share siamo chi nostri online per post "
    "united states kingdom republic emirates"
)
_BYLINE = re.compile(r"^(?:by|par|von:)\s+", re.I)
_CJK_NAME = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff]{2,4}(?:\s[\u3040-\u30ff\u3400-\u9fff]{1,4})?|[\uac00-\ud7a3]{2,4}"
)  # Japanese, Chinese and Korean (Hangul) names
# Words of CJK section headings that a short heading may be mistaken for a name by: greeting,
# introduction, overview, history, list, company, team, management, officers.
_CJK_HEADING = re.compile(
    "挨拶|紹介|介紹|介绍|概要|沿革|一覧|会社|公司|團隊|团队|经营|經營|役員|인사말|소개|개요|연혁|경영진|임원|회사|이사회"
)
# A capitalised word (Azerbaijani "Ə", Hausa "Ɓ", "Ƙ", Yoruba "Ọ", Vietnamese "Ơ", "Ư" included,
# with combining accents: Yoruba "Adébáyọ̀"), CJK signs, an Irish mutated word ("Mac an tSaoi", "Ó hUiginn"), or a
# word of a script without capitals (Hebrew, Arabic, Devanagari, Thai): a card's structure and
# its title line vouch for those, as no capital can.
CASELESS = "\u05d0-\u05ea\u0620-\u064a\u0671-\u06d3\u0900-\u0963\u0e01-\u0e4e"
_UPPER_EXTENDED = "".join(chr(c) for c in range(0x1E00, 0x1F00) if chr(c).isupper())  # "Ọ", "Ẹ", "Ṣ"
_NAME_TOKEN = re.compile(
    rf"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЀ-ЏҐЄІЇΑ-ΩΆ-ΏƏƁƆƊƉƎƐƔƘƝƠƯƲƳ{_UPPER_EXTENDED}][\u0300-\u036f]*[\w\u0300-\u036f'’.-]*|[\u3040-\u30ff\u3400-\u9fff]+|(?:t|h|n|bh|mb|gc|nd|bp|dt|ng)[A-ZÁÉÍÓÚ][\w'’-]*|(?:d|l)['’][A-ZÀ-Þ][\w'’-]*"
    rf"|[{CASELESS}][{CASELESS}\u064b-\u065f\u0964-\u097f'’׳״-]*"
)


def _capitalised(word: str) -> str:
    """ "VAN" → "Van", "SZYMAŃSKA-KOT" → "Szymańska-Kot", "O'SULLIVAN" → "O'Sullivan"."""
    return "-".join(part[:1] + part[1:].lower() if "'" not in part else part.title() for part in word.split("-"))


def _reading_order(s: str) -> str:
    """A surname written in capitals, put where it is read: "JANSSENS, Katrien" and "NOWAK
    Krzysztof" → "Katrien Janssens", "Krzysztof Nowak"; "Jean DUPONT" → "Jean Dupont".

    Only when the rest starts with a known first name, so "PARIS, France" or "IBM Research"
    stay what they are."""
    if not _TWO_CAPITALS.search(s):
        return s
    from monitor.extract.given import is_given  # given reads its list through this module

    last, comma, first = s.partition(",")
    if comma and "," not in first:
        words, given = last.split(), first.split()
        if words and given and all(_SHOUTED.fullmatch(w) for w in words) and is_given(given[0]):
            return " ".join([*given, *map(_capitalised, words)])
        return s
    tokens = s.split()
    shouted = [bool(_SHOUTED.fullmatch(t)) for t in tokens]
    if all(shouted) and 2 <= len(tokens) <= 4 and is_given(_capitalised(tokens[0])):
        return " ".join(map(_capitalised, tokens))  # "ANNA BERG", a name set in capitals
    if not any(shouted) or all(shouted):
        return s
    k = shouted.index(False)
    if all(shouted[:k]) and not any(shouted[k:]) and is_given(tokens[k]):  # "NOWAK Krzysztof"
        return " ".join([*tokens[k:], *map(_capitalised, tokens[:k])])
    k = shouted.index(True)
    if all(shouted[k:]) and is_given(tokens[0]):  # "Jean DUPONT"
        return " ".join([*tokens[:k], *map(_capitalised, tokens[k:])])
    return s


_TWO_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][A-ZÀ-ÖØ-ÞĀ-ſ]")
_SHOUTED = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][A-ZÀ-ÖØ-ÞĀ-ſ'’-]+")  # every letter a capital: "DE", "SZYMAŃSKA-KOT"


# Pronouns a person gives beside their name: "Priya Raman (she/her)", "Alex Kim [they/them]".
_PRONOUNS = re.compile(
    r"\s*[(\[]\s*(?:she|he|they|ze|xe|sie|er|elle|il|iel|ella|él|hen|hon|han)(?:\s*/\s*\w+){1,2}\s*[)\]]", re.I
)


def _german_byline(s: str) -> str:
    """ "Von Stefan Maier" → "Stefan Maier": a byline's capitalised "Von" before a known first
    name ("von Bismarck", a name's particle, is lower case and no first name follows it)."""
    if not s.startswith("Von "):
        return s
    from monitor.extract.given import is_given  # given reads its list through this module

    rest = s[4:].lstrip()
    return rest if is_given(rest.split(" ", 1)[0]) else s


_NICKNAME = re.compile(r"\s[“\"«‘][^“”\"«»‘’]{1,20}[”\"»’]\s")  # Johan “Jannie” Botha


def person_name(raw: str) -> str | None:
    """A person's name without honorifics, or None when ``raw`` does not look like one."""
    s = _NICKNAME.sub(" ", text(_PRONOUNS.sub("", raw))).strip(" ,;:.-–—|/·•*")
    s = _honorific().sub("", _BYLINE.sub("", _german_byline(s))).strip()
    s = _reading_order(_postnominal().sub("", s).strip(" ,"))
    if not s.isascii():
        s = _cjk_suffix().sub("", s)
    if " " not in s and s.isascii():
        return None  # one word: CJK names, the only ones without a space, are not ASCII
    if len(s) > 60 or any(map(str.isdigit, s)) or "@" in s:
        return None
    if _CJK_NAME.fullmatch(s):
        # Japanese/Chinese/Korean names, two to eight signs; not a section's heading word
        from monitor.extract.caseless import addressed, family_only  # (family names: package data)

        return None if _CJK_HEADING.search(s) or addressed(s) or family_only(s) else s
    tokens = s.split()
    if not 2 <= len(tokens) <= 5:
        return None
    capitalised = 0
    for token in tokens:
        lowered = token.lower().strip(".,")
        if lowered in _NOT_NAME_WORD or len(token) > 24:
            return None
        if lowered in _PARTICLES:
            continue
        if not _NAME_TOKEN.fullmatch(token) or (token.isupper() and len(token) > 3):
            return None
        capitalised += 1
    if capitalised < 2:
        return None
    from monitor.extract.lexicon import names_a_body  # the lexicon reads package data once

    return None if names_a_body(s) else s  # "Supervisory Board", "Müşahidə Şurası"


_ROLE_SYNONYMS = {
    "chief executive officer": "CEO",
    "chief financial officer": "CFO",
    "chief operating officer": "COO",
    "chief technology officer": "CTO",
    "chief technical officer": "CTO",
    "chief marketing officer": "CMO",
    "chief information officer": "CIO",
    "chief revenue officer": "CRO",
    "chief product officer": "CPO",
    "chief information security officer": "CISO",
    "data protection officer": "DPO",
    "délégué à la protection des données": "DPO",
    "geschäftsführung": "Geschäftsführer",
    "geschäftsführerin": "Geschäftsführerin",
    "vorstände": "Vorstand",
    "président directeur général": "PDG",
    "président-directeur général": "PDG",
}


_SLASH = re.compile(r"\s*/\s*")


def role(raw: str) -> str:
    """A role title folded to one spelling: "Chief Executive Officer" → "CEO", no stray colons."""
    s = text(raw).strip(" ,;:.-|/·•*")
    if "/" in s:
        s = _SLASH.sub(" / ", s)
    known = _ROLE_SYNONYMS.get(s.casefold())
    if known:
        return known
    return s[:1].upper() + s[1:] if s else s


# --- identity and hashing -------------------------------------------------------------------

SINGLE_FIELDS = frozenset(
    {"name", "legal_name", "description", "founded", "employees", "industry", "company_size", "headquarters", "company_type", "location", "bio", "text",
     "display_name", "specialties"}
)


def identity(fact: Fact) -> tuple[str, str]:
    """The one identity of a fact, ``(field, subject)``: what extraction de-duplicates by, what
    the differ compares by and what the store keys facts by.

    A single-valued field has one subject (its value is what changes; ids such as ``vat_id`` and
    ``register`` are sets, since a group's imprint lists several companies); a person is their name,
    folded (case and accents); an address is its ``address_key``; every other value is itself, casefolded.
    """
    if fact.field in SINGLE_FIELDS:
        return fact.field, ""
    if fact.field == "person":
        return fact.field, " ".join(fold(fact.value).split())
    if fact.field == "address":
        return fact.field, address_key(fact.value)
    return fact.field, fact.value.casefold()


def address_key(address: str) -> str:
    """An address's identity whatever its shape: its digit groups (house number, postcode) when
    it has two or more, else its words, spelled out and unordered.

    "3-42-3 Nihonbashi Hamacho, Chuo-ku, Tokyo 103-0007, Japan" and "F-Tower 3F, 3-42-3
    Nihonbashi Hamacho, 103-0007 Chuo-ku, Tokyo, JP" are one address; a move changes the postcode
    or the number. (A move along a street to the same number and postcode is not seen: rare, and
    the price of never reporting a reformatted address as a new one.) Full-width digits and the
    digits of other scripts ("۱۲", "१२") are digits. Without two digit groups the words decide: street types written short are written
    out ("Str." is "Straße", "C/" is "Calle", "Av." is "Avenue"), a country plate ("D-"), a
    country's name and unit words ("Suite", "#") are dropped, and the order does not count.
    """
    flat = ascii_digits(unicodedata.normalize("NFKC", address))
    digits = sorted(set(re.findall(r"[0-9]+", flat)))
    if len(digits) >= 2:
        return " ".join(digits)
    words = sorted(set(_address_words(flat)))
    return " ".join(words) if words else re.sub(r"[\W_]+", "", fold(address))


# Street types written short, per language, and what they stand for (folded). A word that ends
# in one of the suffixes and a dot ("Hauptstr.", "Storg.") is the suffix written out.
_STREET_SHORT = {
    "st": "street", "rd": "road", "ave": "avenue", "av": "avenue", "avda": "avenida", "blvd": "boulevard",
    "bd": "boulevard", "bvd": "boulevard", "dr": "drive", "ln": "lane", "pl": "place", "sq": "square",
    "ct": "court", "hwy": "highway", "pkwy": "parkway", "str": "strasse", "r": "rua", "c": "calle",
    "cl": "calle", "v": "via", "vle": "viale", "p": "piazza", "pza": "plaza",
    "ul": "ulica", "al": "aleja", "gt": "gata", "g": "gatan", "vn": "veien",
}  # fmt: skip
_SUFFIX_SHORT = (("str", "strasse"), ("gt", "gata"), ("g", "gatan"), ("v", "vej"), ("vn", "veien"))
_UNIT_WORDS = frozenset({"suite", "ste", "unit", "apt", "no", "nr", "n", "num"})
_PLATE = re.compile(r"(?<![\w-])[A-Z]{1,3}-(?=\d)")  # "D-10115", "CH-8001"
_ADDRESS_WORD = re.compile(r"([^\W_]+)(\.|/)?")


def _address_words(address: str) -> list[str]:
    """An address's words folded, street types written out, plates, countries and unit words
    dropped."""
    from monitor.extract.places import is_country  # places builds its lists with this module

    parts = [p for p in re.split(r"[,\n·|;]", _PLATE.sub("", address)) if p.strip() and not is_country(p)]
    out = []
    for word, mark in _ADDRESS_WORD.findall(fold(" ".join(parts))):
        if word in _UNIT_WORDS:
            continue
        if mark and word in _STREET_SHORT:
            word = _STREET_SHORT[word]
        elif mark == ".":
            word = next((word[: -len(a)] + b for a, b in _SUFFIX_SHORT if word.endswith(a) and len(word) > len(a) + 2), word)
        out.append(_STREET_SHORT.get(word, word) if len(word) > 1 else word)
    return out


def fingerprint(data: bytes) -> str:
    """A fast 128-bit content hash (xxh3) as hex."""
    return xxhash.xxh3_128_hexdigest(data)
