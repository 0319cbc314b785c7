"""The first-name list keeps the names only, and exactly the names gender-guesser knows."""

from __future__ import annotations

from gender_guesser.detector import Detector

from monitor.extract.given import is_given, known_names


def test_the_name_list_is_gender_guessers_own() -> None:
    """Every name its Detector answers for (spellings with '+' expanded), and no other."""
    assert known_names() == frozenset(Detector(case_sensitive=False).names)


def test_first_names_are_known_in_any_case_and_in_hyphenated_names() -> None:
    assert is_given("Anna") and is_given("Jens-Christof") and is_given("Junwei")
    assert not is_given("Sharp") and not is_given("anna") and not is_given("A")
