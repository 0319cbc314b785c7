"""Legal names that open a footer line, in the forms and word orders of many countries.

A firm's footer often starts with its name and form and goes on with its register number, its
address or its © year: "X Pte. Ltd. (UEN …) · street", "X a.s., street", "X SAS © 2025 · …",
"PT X · street", "X (Pty) Ltd · Reg. …", a name in Thai between บริษัท and จำกัด. The name of a
firm inside a sentence about someone else stays out.
"""

from __future__ import annotations

import pytest

from monitor.extract import company_name


def name(lines: list[str]) -> list[str]:
    return [f.value for f in company_name.find(lines)]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # a register number in brackets after the form (Singapore, Malaysia, India)
        ("Straits Ledger Analytics Pte. Ltd. (UEN 201955512K) · 71 Robinson Road, Singapore 068895",
         "Straits Ledger Analytics Pte. Ltd"),
        ("Tanjung Data Sdn. Bhd. (201901012345) · 12 Jalan Ampang, 50450 Kuala Lumpur", "Tanjung Data Sdn. Bhd"),
        # South Africa's form in brackets
        ("Karoo Solar Engineering (Pty) Ltd · Reg. 2014/155512/07 · 18 Bree Street, Cape Town, 8001",
         "Karoo Solar Engineering (Pty) Ltd"),
        # lower-case words inside the name (Czech, Croatian, Slovak, Slovenian)
        ("Moravské sklárny Valtice a.s., Sklářská 1520, 691 42 Valtice", "Moravské sklárny Valtice a.s"),
        ("Jadranska plovidba d.d. · Obala Hrvatske mornarice 8, 21000 Split", "Jadranska plovidba d.d"),
        ("Tatranské pekárne s.r.o., Hlavná 12, 040 01 Košice", "Tatranské pekárne s.r.o"),
        # the name and form before the © sign
        ("Maison Aurelle Conseil SAS © 2025 · 27 rue Servient, 69003 Lyon", "Maison Aurelle Conseil SAS"),
        ("Nordlys Design AS © 2024 · Storgata 5, 0155 Oslo", "Nordlys Design AS"),
        # the form before the name (Indonesia, Latvia, Lithuania)
        ("PT Sayur Segar Nusantara · Jl. Dipati Ukur No. 112, Bandung 40132", "PT Sayur Segar Nusantara"),
        ("UAB Baltų Medis · Gedimino pr. 9, 01103 Vilnius", "UAB Baltų Medis"),
        # Thai: the name between บริษัท and จำกัด, with spaces, in either spelling of its vowel
        ("บริษัท สยาม พิกเซล สตูดิโอ จํากัด · 199/12 ซอยสุขุมวิท 55 กรุงเทพฯ 10110",
         "บริษัท สยาม พิกเซล สตูดิโอ จํากัด"),
        ("บริษัท ไทยเบฟ จำกัด (มหาชน) · 14 ถนนวิภาวดีรังสิต กรุงเทพฯ 10900", "บริษัท ไทยเบฟ จำกัด (มหาชน)"),
    ],
)
def test_footer_names(line: str, want: str) -> None:
    assert name([line]) == [want]


@pytest.mark.parametrize(
    "line",
    [
        "Our team works with Foo GmbH, 3 times a year",  # a sentence, not a footer's name
        "We thank the partners of the project, 2024",
        "Pictures: PT 2019, Jakarta",
    ],
)
def test_no_footer_name(line: str) -> None:
    assert name([line]) == []


def test_holder_after_the_sign_wins() -> None:
    """Before the sign stand the titles ("Fast Company & Inc"), after it the firm that holds them."""
    assert name(["Fast Company & Inc © 2016 Mansueto Ventures, LLC"]) == ["Mansueto Ventures, LLC"]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Ashdown Pryce LLP is a limited liability partnership registered in England and Wales (OC412233). "
         "Registered office: 3 Castle Street, Shrewsbury SY1 2BQ.", "Ashdown Pryce LLP"),
        ("Pennine Water Solutions Limited is registered in England and Wales, company number 08555172.",
         "Pennine Water Solutions Limited"),
        ("Harbour Analytics Pty Ltd is incorporated in Victoria, Australia (ACN 612 555 120).",
         "Harbour Analytics Pty Ltd"),
        ("La société Atelier Brun SAS est immatriculée au RCS de Lyon sous le numéro 812 555 120.", "Atelier Brun SAS"),
    ],
)
def test_name_that_says_it_is_registered(line: str, want: str) -> None:
    """A sentence in which the firm says where it is registered names the site's own firm."""
    assert name([line]) == [want]
