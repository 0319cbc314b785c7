"""Careers words of more languages in list URLs and headings (monitor/extract/listkind.py)."""

from __future__ import annotations

import pytest

from monitor.extract.listkind import (
    HEADING_WORDS,
    Category,
    Signals,
    _heading_hit,
    judge,
    path_category,
)

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


ATS_LINKS = [
    ["https://jobs.lever.co/acme/6f1c2a", "https://jobs.lever.co/acme/9b2d1e", "https://jobs.lever.co/acme/0a4f7c"],
    ["https://acme.recruitee.com/o/sales-manager", "https://acme.recruitee.com/o/backend-engineer"],
    ["https://apply.workable.com/acme/j/3F2A1B/", "https://apply.workable.com/acme/j/9C8D7E/"],
    ["https://jobs.smartrecruiters.com/Acme/7430-buchhalter", "https://jobs.smartrecruiters.com/Acme/7431-lagerist"],
    ["https://acme.teamtailor.com/jobs/1234-designer", "https://acme.teamtailor.com/jobs/1235-support"],
]


def signals(urls: list[str], heading: str = "") -> Signals:
    return Signals(schema_types=(), item_urls=urls, heading=heading, page_url="https://acme.example/",
                   priced=0.0, dated=0.0, titles=("Alpha", "Nordlicht"))  # titles that say nothing


@pytest.mark.parametrize("urls", ATS_LINKS)
def test_links_to_an_applicant_tracking_system_are_openings(urls: list[str]) -> None:
    got = judge(signals(urls))
    assert got is not None and got[0] is Category.HIRING


def test_links_to_other_sites_are_not_openings_by_their_host() -> None:
    urls = ["https://partner.example/case/alpha", "https://partner.example/case/beta"]
    got = judge(signals(urls))
    assert got is None or got[0] is not Category.HIRING
