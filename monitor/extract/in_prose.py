"""People named in running text: "our head baker, Tamsin Achterberg", "Kwame Boateng, our general
manager,", "led by managing director Anna Weber", "fondée par Marie Dupont", "geleitet von …".

An about page often names its people in sentences rather than on cards. A possessive ("our",
"unser", "notre", "vores" …) before a title, or a "run by / geleitet von / dirigée par" phrase,
ties a title to the site's own firm; the words come from package data (``data/prose.tsv``), one
line per language, so a language is added without code. A title must be a known one (the role
lexicon), except where the phrase itself implies it ("founded by" → founder); a title held at
another firm ("… of Acme", "… at Acme") is not the site's, and a quoted customer ("says Jane
Smith, CEO of Acme") has no possessive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from monitor import normalize as nz
from monitor.extract.given import starts_with_given
from monitor.extract.roles import HON, NAME, is_role_line, role
from monitor.models import Fact

_TITLE = r"(?P<role>(?:[\w&-]+\s+){0,2}?[\w&-]+)"  # three words at most, no "company's"
_ARTICLE = r"(?:the|its|le|la|les|der|die|den|dem|il|lo|el|de|het|o|a)"
_ELSEWHERE = re.compile(r"\s*,?\s+(?:of|at|von|bei|de|du|des|di|del|van|för|hos|ved|chez|presso|da|do|z|u)\s+[A-ZÄÖÜÀ-Þ]")
_MAX_LINE = 2000
# A year before 1950 in the sentence: "founded by X in 1533" tells the firm's history, not its staff.
_HISTORIC = re.compile(r"(?<!\d)(?:1[0-8]\d\d|19[0-4]\d)(?!\d)")


@cache
def _patterns() -> tuple[list[re.Pattern[str]], dict[str, str], re.Pattern[str]]:
    """The sentence shapes of every language of ``data/prose.tsv``, the titles its phrases imply,
    and one pattern of all its words, to pass over lines without any."""
    owns: list[str] = []
    phrases: list[str] = []
    implied: dict[str, str] = {}
    text = (files("monitor.extract") / "data" / "prose.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = line.split("\t")
        if not line.strip() or line.startswith("#") or len(cells) < 3:
            continue
        owns += [w.strip() for w in cells[1].split("|") if w.strip()]
        for entry in cells[2].split("|"):
            phrase, _, title = entry.partition("=")
            if phrase.strip():
                phrases.append(phrase.strip())
                if title.strip():
                    implied[phrase.strip().casefold()] = title.strip()

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

    own, by = alternation(owns), alternation(phrases)
    shapes = [
        rf"(?<![\w-])(?i:{own})\s+{_TITLE},\s+{HON}*{NAME}",  # "our head baker, Tamsin Achterberg"
        rf"{NAME},\s+(?i:{own})\s+{_TITLE}(?=\s*[,.;)]|\s*$)",  # "Kwame Boateng, our general manager,"
        rf"(?<![\w-])(?P<by>(?i:{by}))\s+(?:(?i:{own}|{_ARTICLE})\s+)?(?:{_TITLE}\s*,?\s+)??{HON}*{NAME}",
    ]
    cue = re.compile(rf"(?<![\w-])(?i:{own}|{by})(?![\w-])")  # one scan: a line without one has none
    return [re.compile(s) for s in shapes], implied, cue


def _split_title(name: str) -> tuple[str, str]:
    """("Managing Director", "Anna Weber") of "Managing Director Anna Weber"; ("", name) if none."""
    words = name.split()
    for k in (3, 2, 1):
        if len(words) - k >= 2 and is_role_line(" ".join(words[:k])):
            return " ".join(words[:k]), " ".join(words[k:])
    return "", name


def _pairs(line: str) -> list[tuple[str, str]]:
    shapes, implied, cue = _patterns()
    out: list[tuple[str, str]] = []
    if not cue.search(line):
        return out
    for shape in shapes:
        for m in shape.finditer(line):
            if _ELSEWHERE.match(line, m.end()):
                continue  # "… CEO of Acme": another firm's officer
            title = (m.group("role") or "").strip()
            raw = m.group("name")
            if not title:
                title, raw = _split_title(raw)
            if title and not is_role_line(title):
                continue
            name = nz.person_name(raw)
            if not title and name and starts_with_given(name) and not _HISTORIC.search(line):  # "fondée par Marie Dupont"
                by = m.groupdict().get("by") or ""
                title = implied.get(re.sub(r"\s+", " ", by).casefold(), "")
            if name and title and (name, title) not in out:
                out.append((name, title))
    return out


def find(lines: Sequence[str]) -> list[Fact]:
    """Person facts of sentences that tie a title to a name with a possessive or a "led by" phrase."""
    facts: list[Fact] = []
    for line in lines:
        if len(line) > _MAX_LINE or " " not in line:
            continue
        for name, title in _pairs(line):
            facts.append(Fact("person", name, role(title), nz.clip(f"[title and name in a sentence] {line}", 200)))
    return facts
