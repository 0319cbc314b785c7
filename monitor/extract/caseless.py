"""Whether a line can be a person's name in a script without letter case.

In Latin, Cyrillic or Greek a name shows itself by its capitals; in Hebrew, Arabic, the Indic
scripts, Thai, Lao, Khmer, Myanmar, Georgian or Ethiopic nothing marks it. This check says
only that a line *can* be a name: two to four short words of one such script, no digits, no
function word of that script, no job title the lexicon knows; a courtesy title in front
("திரு.", "አቶ", "श्री", "ד"ר") is not part of the name. It proves nothing alone: it is used
where the layout and the section a line stands in already vouch for a list of people
(``sections``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.extract.lexicon import has_title
from monitor.extract.titles import caseless_before

# The caseless scripts by code point range: (first, last, script).
_RANGES = (
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
    (0x0A80, 0x0AFF, "gujarati"),
    (0x0B00, 0x0B7F, "oriya"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"),
    (0x0C80, 0x0CFF, "kannada"),
    (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"),
    (0x0E00, 0x0E7F, "thai"),
    (0x0E80, 0x0EFF, "lao"),
    (0x0F00, 0x0FFF, "tibetan"),
    (0x1000, 0x109F, "myanmar"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1200, 0x139F, "ethiopic"),
    (0x1780, 0x17FF, "khmer"),
)
_MAX_TOKEN = 16  # code points, vowel signs included: "சண்முகசுந்தரம்" has 14
_JOINERS = frozenset("'’.-׳״\"\u200c\u200d/")  # inside a name: "ח'ורי", "ወ/ሮ", "के.सी."


def _words(text: str) -> list[str]:
    return text.split()


# Function words, by script: a line holding one is a phrase, not a name.
_STOP = frozenset(
    _words(
        """
    של את עם על אל גם או זה זו הוא היא אנחנו שלנו כל לא מה כי אם בין עד ו
    في من على إلى عن مع هذا هذه التي الذي أو لا ما كل و به لنا فريق از به با برای این که در را و
    और का की के में है हैं से को पर तथा एवं भी यह वह र मा हो छ लागि गर्न हाम्रो हाम्रा हमारी हमारे
    এবং অ্যান্ড ও এর থেকে জন্য সঙ্গে করে হয় আমাদের আমরা এই যে
    மற்றும் ஒரு இந்த எங்கள் நாங்கள் உள்ள என்று அந்த
    และ ของ ที่ ใน กับ เป็น ได้ จาก ให้ เรา
    ແລະ ຂອງ ທີ່ ໃນ
    និង របស់ នៅ ពី ក្នុង ដែល យើង សម្រាប់
    და ან ჩვენი ჩვენ არის რომ ეს ის თუ ყველა
    እና ውስጥ ላይ ጋር ነው የእኛ ከ ወደ
        """
    )
)


def _script(char: str) -> str | None:
    code = ord(char)
    for first, last, name in _RANGES:
        if first <= code <= last:
            return name
    return None


def _token_script(token: str) -> str | None:
    """The one caseless script a word is written in, or None (digits, Latin, mixed)."""
    found: str | None = None
    for char in token:
        if char in _JOINERS:
            continue
        script = _script(char)
        if script is None or (found is not None and script != found) or char.isdigit():
            return None
        found = script
    return found


_SPACES = re.compile(r"\s+")
_ATTACHED = re.compile(r"^(?:นางสาว|นาย|นาง|ด\.ช\.|ด\.ญ\.|(?:ดร|ภญ|ภก|ทพญ|ทพ|นพ|พญ|ผศ|รศ|ศ)\.)+")


@lru_cache(maxsize=4096)
def name(line: str) -> str | None:
    """The name a line holds in a caseless script, without its courtesy title, or None."""
    if len(line) > 60:
        return None
    head = line.split(",", 1)[0]  # "মোঃ শাহাদাত হোসেন, এফসিএস": the letters after the name
    tokens = _SPACES.split(head.strip(" ;:·•-–—|।"))
    honorifics = caseless_before()  # the titles of data/titles.tsv, read once
    while tokens and (tokens[0] in honorifics or tokens[0].rstrip(".'׳") in honorifics):
        tokens = tokens[1:]
    if tokens and (m := _ATTACHED.match(tokens[0])) and m.end() < len(tokens[0]):
        tokens[0] = tokens[0][m.end() :]  # Thai writes the title on the name: "นายสมชาย"
    if not 2 <= len(tokens) <= 4:
        return None
    scripts = {_token_script(token) for token in tokens}
    if len(scripts) != 1 or None in scripts:
        return None
    if any(len(t) > _MAX_TOKEN or t in _STOP for t in tokens):
        return None
    if not any(len(t.strip(".")) >= 2 for t in tokens):
        return None  # initials only
    text = " ".join(tokens)
    return None if has_title(text) else text


def is_caseless(line: str) -> bool:
    """Whether a line opens with a letter of a caseless script."""
    head = line.lstrip()[:1]
    return bool(head) and _script(head) is not None
