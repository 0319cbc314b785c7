"""Legal names with marked Latin letters, more forms written after a quoted name, and a trade
name in brackets after the legal one (monitor/extract/company_name.py, legal_forms.py)."""

from __future__ import annotations

import pytest

from monitor.extract import company_name
from monitor.normalize import fold

CASES = [
    # Yoruba: tone marks below and above the letters, combining marks among them
    (["© 2026 Ìtẹ̀wé Ọ̀ṣun Press Limited. RC 587214."], "Ìtẹ̀wé Ọ̀ṣun Press Limited"),
    (["Ọ̀jọ́ Àṣà Foods Ltd", "12 Adeola Odeku Street, Lagos"], "Ọ̀jọ́ Àṣà Foods Ltd"),
    # Vietnamese name in Latin letters with a Latin form
    (["© 2025 Đại Phát Trading Co., Ltd. All rights reserved."], "Đại Phát Trading Co., Ltd"),
    # Spain: the professional and the labour limited company
    (["© 2026 Arrieta Veterinarios, S.L.P. · CIF B01234567"], "Arrieta Veterinarios, S.L.P"),
    (["Talleres Bidasoa, S.L.L.", "Calle Mayor 3, 20302 Irun"], "Talleres Bidasoa, S.L.L"),
    # Azerbaijan: the name in quotes, then its form
    (["© 2026 «Xəzər Aqro Lizinq» ASC. Bütün hüquqlar qorunur."], "«Xəzər Aqro Lizinq» ASC"),
    (["Əlaqə", '"Gəncə Dəmir" MMC', "Bakı, Nizami küçəsi 5"], '"Gəncə Dəmir" MMC'),
    # a trade name in brackets after the legal name
    (["BKC Food Services Corp. (Bahay Kubo Catering)", "Unit 3B, Quezon City"], "BKC Food Services Corp"),
    (["Harbour Foods Ltd (Quayside Kitchen)"], "Harbour Foods Ltd"),
    # a bracket that belongs to the form stays
    (["Bergström och Söner AB (publ)"], "Bergström och Söner AB (publ)"),
]


@pytest.mark.parametrize(("lines", "want"), CASES)
def test_legal_name(lines: list[str], want: str) -> None:
    got = [f.value for f in company_name.find(lines)]
    assert got and fold(got[0]).rstrip(".") == fold(want).rstrip("."), got


def test_quoted_name_without_form_is_no_legal_name() -> None:
    assert company_name.find(["«Xəzər Aqro Lizinq» yeni ofis açdı"]) == []


TITLED = [
    # a customer list before the imprint: the title names the site's firm
    (["Clientes", "Frigorífico Paladini S.A. – nave de 2.400 m²", "Talleres Metalúrgicos Del Plata S.R.L.",
      "Av. Illia 2650, S2121 Pérez"], "Clientes - Talleres Metalúrgicos Del Plata", "Talleres Metalúrgicos Del Plata S.R.L"),
    (["Referenzen", "Brandt Logistik GmbH", "Seewerk Maschinenbau GmbH", "Hafenstraße 4, 28217 Bremen"],
     "Referenzen | Seewerk Maschinenbau", "Seewerk Maschinenbau GmbH"),
    (["Our partners", "Northwind Traders Ltd", "Bluebell Bakery Ltd", "12 High Street, Leeds LS1 4AB"],
     "About Bluebell Bakery", "Bluebell Bakery Ltd"),
]


@pytest.mark.parametrize(("lines", "title", "want"), TITLED)
def test_title_names_the_firm(lines: list[str], title: str, want: str) -> None:
    got = [f.value for f in company_name.find(lines, "", title)]
    assert got and fold(got[0]).rstrip(".") == fold(want).rstrip("."), got


def test_one_word_in_the_title_is_not_enough() -> None:
    lines = ["Kunden", "Brandt Logistik GmbH", "Seewerk GmbH", "Hafenstraße 4, 28217 Bremen"]
    got = [f.value for f in company_name.find(lines, "", "Seewerk")]
    assert got == ["Brandt Logistik GmbH"]


PUBLIC_BODIES = [
    (["Om oss", "Norrlandsvatten är ett kommunalförbund som ägs av tre kommuner."], "Norrlandsvatten"),
    (["Über uns", "Der Wasserverband Nordheide ist eine Körperschaft des öffentlichen Rechts."], "Wasserverband Nordheide"),
    (["Qui sommes-nous", "Eau de la Vallée est un syndicat intercommunal créé en 1962."], "Eau de la Vallée"),
    (["About", "Harbour Trust is a statutory body established in 2001."], "Harbour Trust"),
    (["Tietoa", "Savon Vesi on kuntayhtymä, jonka omistaa kuusi kuntaa."], "Savon Vesi"),
]


@pytest.mark.parametrize(("lines", "want"), PUBLIC_BODIES)
def test_public_body_without_form(lines: list[str], want: str) -> None:
    assert [f.value for f in company_name.find(lines)] == [want]


@pytest.mark.parametrize("line", ["This is a municipal company page.", "Vi är ett kommunalförbund.",
                                  "Anna Svensson är en kommunalförbund expert."])
def test_no_public_body_without_a_name(line: str) -> None:
    assert company_name.find(["Om oss", line]) == []


def test_a_firm_with_its_form_wins_over_a_public_body_sentence() -> None:
    lines = ["Norrlandsvatten är ett kommunalförbund.", "Norrlandsvatten Drift AB", "Storgatan 4, 871 30 Härnösand"]
    assert [f.value for f in company_name.find(lines)] == ["Norrlandsvatten Drift AB"]
