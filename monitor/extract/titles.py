"""Titles written with a person's name, read from package data (``data/titles.tsv``).

One list serves every reader of names: the honorifics, academic, professional, military,
religious and royal titles before a name ("Dr. rer. nat.", "prof. dr hab. inż.", "Bi.",
"Alhaji", "श्री"), the degrees and post-nominal letters after it ("Ph.D.", "CPA", "Jr."), and
the honorifics that belong to the name as its language writes it (Burmese "ဦး", "ဒေါ်"). It
is read once, the first time a name is read, and turned into the patterns and word sets its
readers need: ``before_pattern`` for ``normalize.person_name``, ``HON``-style ``capital_before``
for the label and sentence patterns of ``people``, ``caseless_before`` for names in scripts
without letter case, ``title_words`` for the first-name check, ``after_pattern`` for the letters
after a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple


class Title(NamedTuple):
    lang: str
    position: str  # "before", "after" or "name"
    form: str  # as the data writes it, markers ("=", "+") removed
    exact: bool  # matched only as written
    attached: bool  # may be written onto the name, without a space


_POSITIONS = ("before", "after", "name")
# Scripts without letter case, whose titles are whole words of their own.
_CASELESS = re.compile(r"[\u0590-\u06ff\u0750-\u077f\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f\u10a0-\u10ff\u1200-\u139f\u1780-\u17ff]")
_CASED_START = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def titles() -> tuple[Title, ...]:
    """Every title of the data file, in the file's order. A line that is not "language, a
    tab, before/after/name, a tab, titles" is reported in one line and skipped."""
    text = (files("monitor.extract") / "data" / "titles.tsv").read_text(encoding="utf-8")
    out: list[Title] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in _POSITIONS:
            import logging

            logging.getLogger(__name__).warning("titles.tsv line %d: expected language, position, titles", number)
            continue
        for raw in cells[2].split("|"):
            form = raw.strip()
            exact, attached = form.startswith("="), form.endswith("+")
            form = form.strip("=+").strip()
            if form:
                out.append(Title(cells[0], cells[1], form, exact, attached))
    return tuple(out)


def _form_rx(form: str) -> str:
    """A title as a pattern: its inner dots and spaces optional ("dr. rer. nat." is also
    "Dr.rer.nat."), its last dot needed only when the data writes it."""
    parts = re.split(r"(\.\s*|\s+)", form)
    out = []
    for part in parts:
        if not part:
            continue
        if part.strip() == ".":
            out.append(r"\.\s*")
        elif part.isspace():
            out.append(r"\s*")
        else:
            out.append(re.escape(part))
    return "".join(out)


# Signs that cannot begin a Thai or Lao word (following vowels, vowel signs, tone marks): a title
# written onto a name leaves the name starting with a consonant or a leading vowel, so "คุณ" is no
# title in the given name "คุณากร".
NO_WORD_START = "\u0e30-\u0e3a\u0e45-\u0e4e\u0eb0-\u0ebc\u0ec8-\u0ecd"


def _before_rx(t: Title) -> str:
    body = _form_rx(t.form)
    if t.form.endswith("."):
        return body  # its dot ends it: "Hon." "ThS." (the space after is optional)
    return body + (rf"\.?\s*(?![{NO_WORD_START}])" if t.attached else r"\.?\s+")


def _alternation(rxs: list[str]) -> str:
    """Alternatives grouped by their first letter, longest first within a group ("mrs" before
    "mr"), so that a match tries only the titles that can start where it stands."""
    groups: dict[str, list[str]] = {}
    for rx in sorted(set(rxs), key=len, reverse=True):
        head = rx[:2] if rx.startswith("\\") else rx[:1]
        groups.setdefault(head, []).append(rx[len(head) :])
    return "|".join(f"{head}(?:{'|'.join(rests)})" for head, rests in groups.items())


def _before(exact: bool, cased_only: bool = False) -> list[str]:
    return [
        _before_rx(t)
        for t in titles()
        if t.position == "before" and t.exact == exact and not (cased_only and _CASELESS.search(t.form))
    ]


@lru_cache(maxsize=1)
def before_pattern() -> str:
    """One title before a name with the space after it, in any case ("exact" titles as
    written), as a pattern to repeat."""
    return rf"(?i:{_alternation(_before(False))})|(?-i:{_alternation(_before(True))})"


@lru_cache(maxsize=1)
def capital_before() -> str:
    """Titles of the cased scripts before a name, starting with a capital as a name's title
    does in running text ("Dr. rer. nat.", "Dipl.-Kfm.", "Bw."), with any lower-case degree
    words after them ("Dr. med. dent.", "Mag. iur."), the space after included."""
    cap = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЀ-ЏҐЄІЇΑ-ΩΆ-Ώ"
    words = rf"(?i:{_alternation(_before(False, True))})|(?-i:{_alternation(_before(True, True))})"
    return rf"(?:(?=[{cap}])(?:{words})(?:[a-zäöüßçéèíóúñ]{{2,5}}\.\s*)*)"


def _after_rx(form: str) -> str:
    """A post-nominal as written, its dots and inner spaces optional ("Ph.D." is also "PhD")."""
    out = []
    for part in re.split(r"(\.\s*|\s+)", form):
        if not part:
            continue
        out.append(r"\.?\s?" if not part.strip() or part.strip() == "." else re.escape(part))
    return "".join(out)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


@lru_cache(maxsize=1)
def after_pattern() -> str:
    """Post-nominals after a name, each after a space or a comma, to the end of the line."""
    cased = [_after_rx(t.form) for t in titles() if t.position == "after" and not _CJK.search(t.form)]
    return rf"(?:,?\s+(?:{'|'.join(sorted(set(cased), key=len, reverse=True))})\.?)+$"


@lru_cache(maxsize=1)
def cjk_suffix_pattern() -> str:
    """CJK suffix titles written onto a name of two signs or more ("王伟先生", "田中様")."""
    cjk = [re.escape(t.form) for t in titles() if t.position == "after" and _CJK.search(t.form)]
    alternatives = "|".join(sorted(set(cjk), key=len, reverse=True))
    return rf"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{{2}})\s?(?:{alternatives})$"


@lru_cache(maxsize=1)
def caseless_before() -> frozenset[str]:
    """Titles before a name in the scripts without letter case, as whole words, with and
    without their dot or apostrophe ("ד"ר", "திரு.", "አቶ")."""
    out: set[str] = set()
    for t in titles():
        if t.position == "before" and _CASELESS.search(t.form) and " " not in t.form:
            out.update({t.form, t.form.rstrip(".'׳")})
    return frozenset(out)


@lru_cache(maxsize=1)
def caseless_attached() -> re.Pattern[str]:
    """The titles of the scripts without letter case that may be written onto the name ("+" in
    the data: "นายสมชาย", "คุณสมชาย", "ผศ.ดร.สมชาย"), one or more at the start of a word, never
    leaving the name to start with a sign that cannot begin a word."""
    forms = sorted({t.form for t in titles() if t.position == "before" and t.attached
                    and _CASELESS.search(t.form)}, key=len, reverse=True)
    body = "|".join(re.escape(f) for f in forms) or "(?!)"
    return re.compile(rf"^(?:{body})+(?![{NO_WORD_START}])")


@lru_cache(maxsize=1)
def name_honorifics() -> frozenset[str]:
    """Honorifics that are part of the name as written (Burmese "ဦး", "ဒေါ်", "ကို", "မ")."""
    return frozenset(t.form for t in titles() if t.position == "name")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """The lower-cased words that are titles before a name, with and without their dot: every
    one-word title, and the words of longer abbreviated ones ("rer.", "nat" of "Dr. rer. nat")."""
    out: set[str] = set()
    for t in titles():
        if t.position != "before" or not _CASED_START.match(t.form):
            continue
        tokens = t.form.lower().split()
        if t.exact and len(t.form) < 3 and not t.form.endswith("."):
            continue  # "DI", "CA": titles only in capitals, words of names otherwise
        chosen = tokens if len(tokens) == 1 or "." in t.form else []
        for w in chosen:
            out.update({w, w.rstrip("."), w.rstrip(".") + "."})
    out.discard("")
    return frozenset(out)
