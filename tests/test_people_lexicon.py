"""The multilingual role lexicon (monitor.extract.lexicon, package data extract/data/roles.tsv)."""

from __future__ import annotations

import pytest

from monitor.extract import lexicon
from monitor.extract.roles import is_role_line


def test_the_lexicon_speaks_forty_languages_or_more() -> None:
    assert len(lexicon.languages()) >= 40
    assert {"ca", "eu", "sr", "ru", "is", "mt", "af", "sw", "ms", "fil", "ko", "fa", "ur", "cy"} <= lexicon.languages()


@pytest.mark.parametrize(
    "title",
    [
        "Diruzaina",  # Basque, with its article
        "Framkvæmdastjóri",  # Icelandic compound
        "шеф рачуноводства",  # Serbian Cyrillic
        "Заведующий отделением",  # Russian
        "Mweka Hazina",  # Swahili, two words
        "Pengurus Besar",  # Malay
        "مدیر عامل",  # Persian
        "مدیرِ اعلیٰ",  # Urdu, with its diacritics
        "परियोजना प्रबंधक",  # Hindi
        "대표원장",  # Korean compound
        "代表取締役社長",  # Japanese, no spaces
        "Prif weithredwr",  # Welsh
        "Ingat-yaman",  # Filipino
    ],
)
def test_titles_in_many_scripts_are_known(title: str) -> None:
    assert lexicon.has_title(title)
    assert is_role_line(title)


@pytest.mark.parametrize(
    "line",
    ["감사합니다", "Social Media", "Ekholm Soffbord", "Kontak ons", "Pasukan Pengurusan", "お問い合わせ"],
)
def test_words_that_only_contain_a_title_are_not_titles(line: str) -> None:
    assert not lexicon.has_title(line)


def test_a_name_after_an_honorific_title_is_a_name_not_a_title() -> None:
    assert not is_role_line("Professor Anna Berg")
    assert is_role_line("Professor")
