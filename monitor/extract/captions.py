"""People of repeated "Name, role" captions, in any language and under any heading.

An about page shows its people as photos with a caption each ("Giulia Rossi, enologa",
"Claire Lefèvre – gérante", "Tom Brown (CTO)"), often with no team heading above them. Two or
more captions of that shape on one page are people when at least one phrase is a known title or
the names start with known first names; a lone caption is as often a landscape or a product.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract.given import is_cjk, starts_with_given
from monitor.extract.roles import is_role_line, role
from monitor.models import Fact

# Captions as the common builders mark them: HTML's own, WordPress's classic and block editors'.
_CAPTIONS = "figcaption, .wp-caption-text, .wp-element-caption, .caption"
# "Name, role", "Name – role", "Name | role", "Name (role)"
_SHAPE = re.compile(r"(?P<name>[^,–—|(]{3,60}?)\s*(?:,|\s[–—|-]\s|\((?=[^)]+\)$))\s*(?P<role>[^(),]{2,80}?)\)?")
_ELSEWHERE = re.compile(r"\s(?:of|at|bei|von|chez|presso|de|di|del|van|hos|ved|för)\s+[A-ZÄÖÜÀ-Þ]")
_MAX_ROLE_WORDS = 10
_MAX_CAPTIONS = 100


def _pair(text: str) -> tuple[str, str] | None:
    m = _SHAPE.fullmatch(text)
    if m is None:
        return None
    phrase = m["role"].strip(" .")
    name = nz.person_name(m["name"])
    if not name or not phrase or len(phrase.split()) > _MAX_ROLE_WORDS or any(map(str.isdigit, phrase)):
        return None
    if _ELSEWHERE.search(phrase):
        return None  # "Head of Sales at Acme": another firm's officer
    if nz.person_name(phrase) or (phrase[0].isupper() and not is_role_line(phrase)):
        return None  # "Anna Weber, Tom Brown"; "Rome, Piazza Navona": a place, not a title
    return name, phrase


def find(tree: LexborHTMLParser) -> list[Fact]:
    """Person facts of the page's captions, when two or more name different people as "Name, role";
    a title with a firm after it ("Chief Evangelist, Acme"; "CEO of Acme") is another firm's."""
    pairs: list[tuple[str, str, str]] = []
    for node in tree.css(_CAPTIONS)[:_MAX_CAPTIONS]:
        text = nz.text(node.text(deep=True, separator=" ")).strip()
        pair = _pair(text)
        if pair and all(pair[0] != n for n, _, _ in pairs):  # a caption inside a caption: once
            pairs.append((*pair, text))
    if len(pairs) < 2:
        return []
    titled = any(is_role_line(p) for _, p, _ in pairs)
    named = all(starts_with_given(n) or is_cjk(n) for n, _, _ in pairs)
    if not (titled or named):
        return []
    return [Fact("person", n, role(p), nz.clip(f"[captions of names and titles] {t}", 200)) for n, p, t in pairs]
