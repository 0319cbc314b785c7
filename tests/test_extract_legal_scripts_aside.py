"""Legal forms in languages and scripts the forms table learnt late, kept apart from the
rules' making: a check that the rules hold for names they were not written against (see
tests/test_extract_legal_scripts.py)."""

from __future__ import annotations

import pytest

from monitor.extract import company_name


def legal(lines: list[str], site: str = "") -> str | None:
    found = company_name.find(lines, site)
    return found[0].value if found else None


ASIDE = [
    # Hindi: "Private Limited" written out in Devanagari, a footer's first line
    (["संपर्क करें", "सूर्या टेक्नोलॉजीज प्राइवेट लिमिटेड", "फ़ोन: 011 2345 6789"], "सूर्या टेक्नोलॉजीज प्राइवेट लिमिटेड"),
    # Bengali: "Limited" after the name, in the © line
    (["যোগাযোগ", "© ২০২৫ মেঘনা ফুডস লিমিটেড"], "মেঘনা ফুডস লিমিটেড"),
    # Tamil: "Private Limited" spelt out
    (["தொடர்புக்கு", "காவேரி டெக்ஸ் பிரைவேட் லிமிடெட்"], "காவேரி டெக்ஸ் பிரைவேட் லிமிடெட்"),
    # Urdu: "(Private) Limited" in Arabic letters
    (["رابطہ", "سندھ ٹیکسٹائل ملز (پرائیویٹ) لمیٹڈ", "فون: 021 555 0000"], "سندھ ٹیکسٹائل ملز (پرائیویٹ) لمیٹڈ"),
    # Georgia: the joint-stock form before the quoted name
    (["კონტაქტი", 'სს "თბილისის ფოლადი"', "თბილისი 0102"], 'სს "თბილისის ფოლადი"'),
    # Armenia: the quoted name, then its form
    (["Կապ", "«Արարատ Սոֆթ» ՍՊԸ", "Երևան"], "«Արարատ Սոֆթ» ՍՊԸ"),
    # Kazakhstan: the quoted name, then the Kazakh form
    (["Байланыс", '"Алтын Дән" ЖШС', "Астана"], '"Алтын Дән" ЖШС'),
    # Wales: "Cyf." after the name, before the address on the same line
    (["Cysylltu", "Becws Aberaeron Cyf., 12 Stryd y Farchnad, Aberaeron SA46 0AU"], "Becws Aberaeron Cyf"),
    # Vietnam: the form and the name in capitals
    (["Liên hệ", "CÔNG TY CỔ PHẦN THÉP SÔNG HỒNG", "Hà Nội"], "CÔNG TY CỔ PHẦN THÉP SÔNG HỒNG"),
]

NEGATIVE = [
    # "limited edition" in Hindi, a sales line
    ["नया संग्रह", "लिमिटेड एडिशन घड़ियाँ अब उपलब्ध हैं, जल्दी करें"],
    # a Georgian sentence about a company, no form of the site's own
    ["ჩვენ შესახებ", "ჩვენ ვმუშაობთ 2010 წლიდან და ვთანამშრომლობთ ბევრ კომპანიასთან"],
]


@pytest.mark.parametrize(("lines", "want"), ASIDE)
def test_aside_legal_form(lines: list[str], want: str) -> None:
    assert legal(lines) == want


@pytest.mark.parametrize("lines", NEGATIVE)
def test_aside_no_legal_name(lines: list[str]) -> None:
    assert legal(lines) is None
