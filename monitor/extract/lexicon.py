"""Job titles in many languages, read from package data (``data/roles.tsv``).

The role patterns of ``roles`` know the languages the extractor was first written for, with
their compounds and inflections; this lexicon adds the titles of a firm's, a club's or an
office's people in some fifty languages ("Mwenyekiti", "Lehendakaria", "секретар", "원장"), so
that a card or a row in any of them has a title the page's layout can pair with a name.

Titles are matched on folded text (lower case, no accents; Arabic and Persian letter variants
made one), as whole words: a title of several words matches those words in a row; "stem*" a
word that starts with the stem, "*stem" a compound ending with it, and a last word "*" any word
after the others ("head of *"). Chinese, Japanese, Thai, Lao, Burmese and Khmer titles match
anywhere in a line (no spaces between words); a Korean title matches a word that is the title or ends with it
("대표원장"). The file is read once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

_SPLIT = re.compile(r"[^\s\-–—‐,;:./|()\[\]\"“”„'’‘«»!?&+*·•]+")
# Thai, Lao, Myanmar, Khmer, kana, CJK: scripts that write no space between words
_SUBSTRING_SCRIPT = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ہ": "ه", "ۀ": "ه", "ة": "ه", "\u200c": "", "\u200d": "",
                          "أ": "ا", "إ": "ا", "آ": "ا", "ٔ": ""})  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents, the Arabic script's variant letters made one; Hangul and
    other composed scripts stay composed."""
    low = text.casefold()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFD", low)
    if decomposed.isascii():
        return decomposed
    return unicodedata.normalize("NFC", _marks().sub("", decomposed)).translate(_LETTERS)


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """The combining marks of the Basic Multilingual Plane, as one character class."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile(
        "[" + "".join(f"{chr(a)}-{chr(b)}" if a < b else chr(a) for a, b in ranges) + "]"
    )


def words(text: str) -> list[str]:
    """The folded words of a text (split at spaces and punctuation)."""
    return _SPLIT.findall(fold(text))


@dataclass
class _Lexicon:
    exact: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)
    hangul: set[str] = field(default_factory=set)
    # several words: by their first word (exact, or a stem), the rest as patterns
    phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    stem_phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    anywhere: list[str] = field(default_factory=list)
    prefix_sizes: tuple[int, ...] = ()
    suffix_sizes: tuple[int, ...] = ()
    anywhere_rx: re.Pattern[str] | None = None

    def add(self, entry: str) -> None:
        if _SUBSTRING_SCRIPT.search(entry):
            self.anywhere.append(fold(entry).replace(" ", ""))
            return
        tail = entry.endswith(" *")
        parts = [*self._parts(entry.removesuffix(" *")), *(["*"] if tail else [])]
        if not parts:
            return
        if len(parts) == 1:
            word = parts[0]
            if word.startswith("*"):
                self.suffixes.add(word[1:])
            elif word.endswith("*"):
                self.prefixes.add(word[:-1])
            elif _HANGUL.match(word):
                self.hangul.add(word)
            else:
                self.exact.add(word)
            return
        first, rest = parts[0], tuple(parts[1:])
        if first.endswith("*"):
            self.stem_phrases.setdefault(first[:-1], []).append(rest)
        else:
            self.phrases.setdefault(first, []).append(rest)

    @staticmethod
    def _parts(entry: str) -> list[str]:
        """An entry's folded words, keeping its "*" marks."""
        out: list[str] = []
        for raw in entry.split():
            head, tail = raw.startswith("*"), raw.endswith("*") and len(raw) > 1
            pieces = words(raw.strip("*"))
            if not pieces:
                continue
            if head:
                pieces[0] = "*" + pieces[0]
            if tail:
                pieces[-1] += "*"
            out += pieces
        return out

    def finish(self) -> None:
        self.prefix_sizes = tuple(
            sorted({len(p) for p in self.prefixes} | {len(p) for p in self.stem_phrases})
        )
        self.suffix_sizes = tuple(sorted({len(s) for s in self.suffixes}))
        if self.anywhere:
            alternatives = sorted(set(self.anywhere), key=len, reverse=True)
            self.anywhere_rx = re.compile("|".join(map(re.escape, alternatives)))

    def word(self, token: str) -> bool:
        """Whether one word is a title by itself."""
        if token in self.exact:
            return True
        size = len(token)
        if any(token[:n] in self.prefixes for n in self.prefix_sizes if n <= size):
            return True
        if any(token[-n:] in self.suffixes for n in self.suffix_sizes if n + 2 <= size):
            return True
        return (
            bool(self.hangul)
            and _HANGUL.match(token) is not None
            and any(token.endswith(h) for h in self.hangul)
        )

    def phrase_at(self, tokens: list[str], i: int) -> bool:
        """Whether a title of several words starts at word ``i``."""
        token = tokens[i]
        tails = list(self.phrases.get(token, ()))
        tails += [
            t
            for n in self.prefix_sizes
            if n <= len(token)
            for t in self.stem_phrases.get(token[:n], ())
        ]
        return any(_follows(tokens, i + 1, tail) for tail in tails)

    def holds(self, line: str) -> bool:
        """Whether a line holds one of the entries, in any of the languages."""
        spaceless = self.anywhere_rx is not None and _SUBSTRING_SCRIPT.search(line) is not None
        if spaceless and self.anywhere_rx and self.anywhere_rx.search(fold(line).replace(" ", "")):
            return True
        tokens = words(line)
        return any(self.word(token) or self.phrase_at(tokens, i) for i, token in enumerate(tokens))


def _follows(tokens: list[str], start: int, tail: tuple[str, ...]) -> bool:
    if start + len(tail) > len(tokens):
        return False
    for token, pattern in zip(tokens[start:], tail, strict=False):
        if pattern == "*":
            continue
        if pattern.endswith("*"):
            if not token.startswith(pattern[:-1]):
                return False
        elif token != pattern:
            return False
    return True


@lru_cache(maxsize=8)
def table(name: str, column: int = 1) -> _Lexicon:
    """The entries of one column of a package data file (``data/<name>``, read once): a
    language code, a tab, entries separated by "|", and for some files more such columns."""
    lexicon = _Lexicon()
    text = (files("monitor.extract") / "data" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = line.split("\t")
        if not line.strip() or line.startswith("#") or len(cells) <= column:
            continue
        for entry in cells[column].split("|"):
            if entry.strip():
                lexicon.add(entry.strip())
    lexicon.finish()
    return lexicon


@lru_cache(maxsize=16384)
def names_a_body(phrase: str) -> bool:
    """Whether a phrase names a body of a firm or a club, not a person ("Supervisory Board",
    "Müşahidə Şurası", "Rada Nadzorcza", "Совет директоров"): it holds a section word of people
    of data/sections.tsv, in any of its languages. A phrase of several words of the list
    decides alone; a single word does unless it is a first name or follows one ("Tim", "Tom
    Lehrer": the words of a name that are also words of the list)."""
    from monitor.extract.given import is_given, known_names  # given reads its list lazily

    lexicon = table("sections.tsv", 1)
    if lexicon.anywhere_rx and _SUBSTRING_SCRIPT.search(phrase):
        return lexicon.anywhere_rx.search(fold(phrase).replace(" ", "")) is not None
    tokens = words(phrase)
    raw = phrase.split()
    after_given = bool(raw) and is_given(raw[0])
    for i, token in enumerate(tokens):
        if lexicon.phrase_at(tokens, i):
            return True
        if lexicon.word(token) and token not in known_names() and not (after_given and i > 0):
            return True
    return False


def _lexicon() -> _Lexicon:
    return table("roles.tsv")


@lru_cache(maxsize=32768)
def _word(token: str) -> tuple[bool, bool]:
    """Whether a folded word is a title by itself, and whether a longer title may start with it."""
    lexicon = _lexicon()
    heads = token in lexicon.phrases or any(
        token[:n] in lexicon.stem_phrases for n in lexicon.prefix_sizes if n <= len(token)
    )
    return lexicon.word(token), heads


@lru_cache(maxsize=16384)
def has_title(line: str) -> bool:
    """Whether a line holds a job title of the lexicon, in any of its languages."""
    lexicon = _lexicon()
    spaceless = lexicon.anywhere_rx is not None and _SUBSTRING_SCRIPT.search(line) is not None
    if (
        spaceless
        and lexicon.anywhere_rx
        and lexicon.anywhere_rx.search(fold(line).replace(" ", ""))
    ):
        return True
    tokens = words(line)
    for i, token in enumerate(tokens):
        alone, heads = _word(token)
        if alone or (heads and lexicon.phrase_at(tokens, i)):
            return True
    return False


def languages() -> set[str]:
    """The language codes the lexicon has titles in."""
    text = (files("monitor.extract") / "data" / "roles.tsv").read_text(encoding="utf-8")
    return {
        line.split("\t", 1)[0]
        for line in text.splitlines()
        if "\t" in line and not line.startswith("#")
    }
