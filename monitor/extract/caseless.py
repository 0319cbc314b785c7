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

import logging
import re
from functools import lru_cache
from importlib.resources import files

from monitor.extract.lexicon import has_title
from monitor.extract.titles import caseless_attached, caseless_before, name_honorifics

log = logging.getLogger(__name__)

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
# Burmese writes a name without spaces, its honorific the first syllable ("ဦးအောင်ကိုကိုလွင်",
# "ဒေါ်ခင်သီတာ", "ကိုမင်းထက်", "မဇင်မာ"): the honorific is part of how the person is named. A
# syllable ends before a consonant that no asat (U+103A) or stacking virama (U+1039) follows.
_MYANMAR_CONSONANT = "[\u1000-\u1021\u1025\u1027]"
_BURMESE_NAME = re.compile(
    f"^(?:ဦး|ဒေါ်|ဒေါက်တာ|ကို|မ|ဆရာမ|ဆရာ|မောင်|ဒေါက်တာဦး|ဒေါက်တာဒေါ်){_MYANMAR_CONSONANT}(?![\u1039\u103a])"
    f"[\u1000-\u109f]{{3,24}}$"
)


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
    if len(tokens) == 2 and tokens[0] in name_honorifics() and _BURMESE_NAME.match(tokens[0] + tokens[1]):
        tokens = [tokens[0] + tokens[1]]  # "ဦး ထင်ကျော်" is "ဦးထင်ကျော်" written apart
    if tokens and (m := caseless_attached().match(tokens[0])) and m.end() < len(tokens[0]):
        tokens[0] = tokens[0][m.end() :]  # Thai writes the title on the name: "นายสมชาย"
    if len(tokens) == 1 and _BURMESE_NAME.match(tokens[0]) and not has_title(tokens[0]):
        return tokens[0]
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


# Chinese, Japanese and Korean names: a family name of a known list, then one to three signs.
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\u3005]+$")  # "々" repeats a sign: "佐々木"
_KANA = re.compile(r"^(?:[\u3041-\u309f]+|[\u30a0-\u30ff]+)$")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
# What follows a family name when a person is addressed by it, not named: "王总", "李经理",
# "김 대표", "山田様", "陈先生" (title words of the lexicon are caught there too).
_ADDRESSED = frozenset(
    _words(
        """
    总 總 董 先生 女士 小姐 老师 老師 师傅 師傅 同学 同學 太太 夫人 经理 經理 主任 老板 老闆 工 姐 哥
    总监 總監 总裁 總裁 律师 律師 医生 醫生 博士 教授 会计 會計 秘书 秘書 部长 部長 科长 科長 处长 處長 局长 局長
    様 さん 君 氏 殿 先輩 社長 部長 課長 会長 専務 常務 店長 所長 院長 先生
    님 씨 군 양 대표 사장 회장 부장 과장 차장 실장 이사 전무 상무 팀장 원장 교수 선생 선생님 박사 변호사
        """
    )
)
_GIVEN_MAX = {"zh": 2, "ko": 2, "ja": 3}


@lru_cache(maxsize=1)
def _surnames() -> dict[str, frozenset[str]]:
    """The family names of ``data/surnames.tsv`` by language."""
    found: dict[str, set[str]] = {}
    text = (files("monitor.extract") / "data" / "surnames.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            log.warning("surnames.tsv, line %d: expected 'language<TAB>name', skipped", number)
            continue
        found.setdefault(parts[0].strip(), set()).add(parts[1].strip())
    return {lang: frozenset(names) for lang, names in found.items()}


# Signs that end a form of address, never a given name ("田中様", "王董", "김님")
_ADDRESS_ENDS = ("总", "總", "董", "様", "殿", "さん", "님", "씨", "先生", "女士", "小姐", "经理", "經理")


def _given(family: str, given: str, lang: str) -> bool:
    if not 1 <= len(given) <= _GIVEN_MAX[lang] or given in _ADDRESSED or family + given in _ADDRESSED:
        return False
    if given.endswith(_ADDRESS_ENDS):
        return False
    if lang == "ko":
        return _HANGUL.match(given) is not None
    return _HAN.match(given) is not None or (lang == "ja" and _KANA.match(given) is not None)


def addressed(text: str) -> bool:
    """Whether a CJK text is a family name with the word one is addressed by ("王总", "李经理",
    "田中様", "김 대표"): how people are spoken to, not a name."""
    bare = text.replace(" ", "").replace("\u3000", "")
    names = _surnames()
    for size in (2, 1):
        family, rest = bare[:size], bare[size:]
        known = any(family in names.get(lang, ()) for lang in ("zh", "ja", "ko"))
        if known and rest and (rest in _ADDRESSED or rest.endswith(_ADDRESS_ENDS)):
            return True
    return False


def family_only(text: str) -> bool:
    """Whether a CJK text is a known family name and nothing else ("田中" of "田中様" once its
    title is dropped): a name without its given name is nobody in particular."""
    bare = text.replace(" ", "").replace("\u3000", "")
    return any(bare in names for names in _surnames().values())


def _split(text: str, langs: tuple[str, ...]) -> bool:
    """Whether a name written without a space opens with a known family name and the rest can
    be a given name of that language."""
    names = _surnames()
    for lang in langs:
        for size in (3, 2, 1):
            family = text[:size]
            if len(text) > size and family in names.get(lang, ()) and _given(family, text[size:], lang):
                return True
    return False


@lru_cache(maxsize=4096)
def cjk_name(line: str) -> str | None:
    """The Chinese, Japanese or Korean person a line names ("欧阳振宇", "山田 太郎", "김민수",
    "沈 洁"), or None: a known family name, then a given name of one or two signs (Chinese,
    Korean) or one to three (Japanese, also in kana), with or without a space between; not a
    family name with the word one is addressed by ("王总", "李经理"), not a job title."""
    tokens = line.replace("\u3000", " ").split()
    if not 1 <= len(tokens) <= 2 or len(line) > 12:
        return None
    hangul = all(_HANGUL.match(t) for t in tokens)
    langs = ("ko",) if hangul else ("zh", "ja")
    if not hangul and not (_HAN.match(tokens[0]) and (_HAN.match(tokens[-1]) or _KANA.match(tokens[-1]))):
        return None
    if len(tokens) == 2:
        names = _surnames()
        ok = any(
            tokens[0] in names.get(lang, ()) and _given(tokens[0], tokens[1], lang) for lang in langs
        )
    else:
        ok = _split(tokens[0], langs)
    text = " ".join(tokens)
    return text if ok and not has_title(text) and not _section(text) else None


def _section(text: str) -> bool:
    """Whether a text names a part of a page ("이사회", "董事会"), not a person."""
    from monitor.extract import sections  # (which reads names with this module)

    return sections.says_ours(text) or sections.says_others(text)
