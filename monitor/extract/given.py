"""Given names: whether a word is a first name people are called by.

The check that a string names a person, not a product or a slogan ("Sharp Insights",
"Larsen Werke"), where the layout alone cannot tell. The list is gender-guesser's bundled
dictionary (about 40 000 first names of Europe, the Americas and beyond, with their spellings
by country); it loads once, in about 0.2 s, the first time a page needs it. Only the names are
kept (about 4 MiB): the library's own ``Detector`` holds every name's counts per country, some
20 MiB of objects in every parser worker, for a question that is "is it in the list".
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from monitor.extract.titles import title_words


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """The lower-cased names of gender-guesser's list, read as its ``Detector`` reads them: a
    line per name, the name in the second column; "Jun+Wei" stands for Junwei, Jun Wei, Jun-Wei."""
    names: set[str] = set()
    with (files("gender_guesser") / "data" / "nam_dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) < 2 or parts[0][0] in "#=":
                continue
            name = parts[1].lower()
            names.update(name.replace("+", joint) for joint in ("", " ", "-"))
    return frozenset(names)


# Cyrillic and Greek first names are looked up in their usual Latin spelling ("Ольга" → "Olga").
_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "α": "a", "ά": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "έ": "e", "ζ": "z", "η": "i", "ή": "i",
    "θ": "th", "ι": "i", "ί": "i", "ϊ": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o",
    "ό": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "ύ": "y", "φ": "f", "χ": "ch",
    "ψ": "ps", "ω": "o", "ώ": "o",
})  # fmt: skip


@lru_cache(maxsize=8192)
def is_given(word: str) -> bool:
    """Whether ``word`` (or the first part of a hyphenated one: "Jens-Christof") is a first name."""
    first = word.strip(".,;:").split("-")[0]
    if len(first) < 2 or not first[0].isupper():
        return False
    if "\u0370" <= first[0] <= "\u04ff":  # Greek or Cyrillic
        first = first.lower().translate(_LATIN).capitalize()
    return first.lower() in known_names()


def starts_with_given(name: str) -> bool:
    """Whether a name's first word after any title is a known first name ("Dr. Anna Weber")."""
    titles = title_words()  # every language's titles before a name, read once
    for token in name.split():
        low = token.lower()
        if low in titles:
            continue
        return is_given(token)
    return False


def ends_with_given(name: str) -> bool:
    """Whether a name of two or three words ends with a known first name: the order of
    Hungarian and Vietnamese names, and of East Asian names written in Latin letters
    ("Farkas Noémi", "Phạm Ngọc Lan"), where the family name comes first."""
    tokens = name.split()
    return 2 <= len(tokens) <= 4 and is_given(tokens[-1])


def is_cjk(name: str) -> bool:
    """Japanese, Chinese and Korean names, which the first-name list does not cover."""
    return any("\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3" for c in name)
