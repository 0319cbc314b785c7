"""Careers words of more languages in list URLs and headings (monitor/extract/listkind.py)."""

from __future__ import annotations

import pytest

from monitor.extract.listkind import HEADING_WORDS, Category, _heading_hit, path_category

HIRING_PATHS = [
    "https://firma.example/oferty-pracy/specjalista-ds-sprzedazy",
    "https://firma.example/kariera/programista-python",
    "https://firma.example/rekrutacja/ksiegowa",
    "https://ceg.example/karrier/ertekesito",
    "https://firma.example/cariere/inginer-software",
    "https://sirket.example/kariyer/muhasebe-uzmani",
    "https://yritys.example/avoimet-tyopaikat/myyja",
    "https://firma.example/vakansii/buhgalter",
]
OTHER_PATHS = [
    "https://sklep.example/oferty/promocja-zimowa",  # offers of goods, not of work
    "https://ristorante.example/menu/insalata-mista",
    "https://firma.example/aktualnosci/nowy-sklep",
]
HIRING_HEADINGS = ["Oferty pracy", "Dołącz do nas", "Kariera", "Rekrutacja", "Kariyer", "Вакансии", "招聘"]


@pytest.mark.parametrize("url", HIRING_PATHS)
def test_careers_path(url: str) -> None:
    assert path_category(url) is Category.HIRING


@pytest.mark.parametrize("url", OTHER_PATHS)
def test_not_careers_path(url: str) -> None:
    assert path_category(url) is not Category.HIRING


@pytest.mark.parametrize("heading", HIRING_HEADINGS)
def test_careers_heading(heading: str) -> None:
    assert _heading_hit(heading, HEADING_WORDS[Category.HIRING])


def test_polish_offers_heading_is_offers() -> None:
    assert _heading_hit("Oferty specjalne", HEADING_WORDS[Category.OFFER])
    assert not _heading_hit("Oferty specjalne", HEADING_WORDS[Category.HIRING])
