"""People named in running text right after their job title: "der Ausbilder Evelyne Schreiter
und Christoph Quack", "our engineers Anna Smith and Tom Lee", "notre gérante Marie Dupont", "代表取締役社長 山田 太郎".

A title word (any the lexicon knows, a compound too: "Ausbilder", "Pressereferentin") after a
determiner or possessive in the lexicon's languages, then one or more names joined by the
language's "and". Running text names many people who are not the company's, so every name
must start with a known first name, and a name followed by "of/at/von/bei/de …" and a capital
(someone else's officer) is not taken.
"""

from __future__ import annotations

import re

from monitor import normalize as nz
from monitor.extract.caseless import cjk_name
from monitor.extract.given import starts_with_given
from monitor.extract.roles import NAME, ROLE_WORD, role

_DETERMINER = (
    r"der|die|den|des|unsere?[rnms]?|ihre?[rnms]?|our|the|its|their|notre|nos|leur|leurs|le|la|les"
    r"|il|lo|i|gli|nostro|nostra|nostri|el|los|las|nuestro|nuestra|nuestros|de|het|onze|vår|våre"
    r"|vores|vårt|o|a|os|as|nosso|nossa|nossos"
)
_AND = r"(?:\s*,\s*|\s+(?:und|and|et|e|y|en|og|och|sowie|&)\s+)"
_ROLE = ROLE_WORD.pattern.removeprefix("(?i)")
_ROLE_NAMES = re.compile(
    rf"(?:^|\s)(?i:{_DETERMINER})\s+(?P<role>(?i:{_ROLE})(?:s|en|e|er|innen|i)?)\s+(?P<names>{NAME}(?:{_AND}{NAME.replace('?P<name>', '?:')})*)"
)
_ELSEWHERE = re.compile(r"\s*,?\s+(?:of|at|von|bei|de|du|des|di|del|van|för|hos|ved|chez|presso)\s+[A-ZÄÖÜÀ-Þ]")
_SPLIT = re.compile(_AND)
_MAX_LINE = 600


# Japanese company profiles write the title, then the name, with no mark between:
# "代表取締役社長 山田 太郎" (the surname and given name in kanji, sometimes spaced).
_JA = re.compile(
    r"(?:^|[\s:：])(?P<role>代表取締役(?:社長|会長|CEO)?|(?:専務|常務)?取締役(?:社長|会長|副社長)?|代表理事|理事長|社長|会長"
    r"|監査役|執行役員"
    # Chinese (simplified and traditional) and Korean titles, written the same way
    r"|董事长|董事長|(?:副)?总经理|(?:副)?總經理|总裁|總裁|首席执行官|执行长|執行長|(?:联合)?创始人|創辦人|法定代表人"
    r"|执行董事|董事|监事|監事|总监|總監|대표이사|공동대표|부사장|사장|회장|전무|상무|이사|감사|창업자)"
    r"[\s\u3000:：]*(?P<name>[\u4e00-\u9fff々]{1,4}[\s\u3000]?[\u4e00-\u9fff々\u3040-\u309f]{1,4}"
    r"|[\uac00-\ud7a3]{3,4})$"
)


_JA_WORDS = re.compile(r"挨拶|紹介|就任|交代|略歴|対談|室|会議|通信|日記|執務|致辞|简介|簡介|介绍|介紹|인사말|소개")


def find(line: str) -> list[tuple[str, str]]:
    """(name, role) of the people a line names right after their title."""
    if len(line) > _MAX_LINE:
        return []
    ja = _JA.search(line.strip()) if not line.isascii() else None
    if ja:  # a name has three kanji or more ("社長挨拶" is the president's greeting, no one)
        name = " ".join(ja.group("name").replace("\u3000", " ").split())
        ok = len(name.replace(" ", "")) >= 3 and not _JA_WORDS.search(name)
        # run together with its title, a name opens with a known family name ("董事會成員" is
        # the board's members, no one called "會成員")
        ok = ok and (" " in name or cjk_name(name) is not None)
        return [(name, ja.group("role"))] if ok else []
    found: list[tuple[str, str]] = []
    for m in _ROLE_NAMES.finditer(line):
        if _ELSEWHERE.match(line, m.end()):
            continue  # "the CEO Jane Doe of Acme": another firm's officer
        names = [nz.person_name(part) for part in _SPLIT.split(m.group("names"))]
        if names and all(n and starts_with_given(n) for n in names):
            found += [(n, role(m.group("role"))) for n in names if n]
    return found
