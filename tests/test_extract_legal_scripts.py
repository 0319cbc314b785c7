"""Legal forms in more languages and scripts (monitor.extract.legal_forms, company_name):
"Limited" spelt in Devanagari, Bengali, Tamil and Urdu letters after a name in the same
script, the Arabic "company … (limited liability)", the quoted name before a Bulgarian,
Kazakh or Armenian form and after a Georgian one, the Welsh "Cyf.", the Turkish
cooperative, a Vietnamese name of capitalised words, the form written before an Indonesian
name kept with it; a name the page states twice before one it states once. Offers and
sentences that hold the word "limited" are no legal name.
"""

from __future__ import annotations

import pytest

from monitor.extract import company_name


def legal(lines: list[str], site: str = "") -> str | None:
    found = company_name.find(lines, site)
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["हमसे संपर्क करें", "गंगा ऑर्गेनिक्स प्राइवेट लिमिटेड", "वाराणसी"], "गंगा ऑर्गेनिक्स प्राइवेट लिमिटेड"),
        (["सम्पर्क", "हिमाली जलविद्युत कम्पनी लिमिटेड", "काठमाडौं"], "हिमाली जलविद्युत कम्पनी लिमिटेड"),
        (["যোগাযোগ", "সবুজ বাংলা টেক্সটাইল লিমিটেড", "ঢাকা"], "সবুজ বাংলা টেক্সটাইল লিমিটেড"),
        (["© 2026 மதுரை கைத்தறி நெசவாளர் சங்கம் லிட்."], "மதுரை கைத்தறி நெசவாளர் சங்கம் லிட்."),
        (["رابطہ", "نقشِ نو پبلی کیشنز (پرائیویٹ) لمیٹڈ"], "نقشِ نو پبلی کیشنز (پرائیویٹ) لمیٹڈ"),
        (["اتصل بنا", "شركة دار الرواد للاستشارات الهندسية (شركة ذات مسؤولية محدودة)"], "شركة دار الرواد للاستشارات الهندسية"),
        (["Контакти", '"Бирена работилница" ООД', "ЕИК 205555187"], '"Бирена работилница" ООД'),
        (["Байланыс", "«Дала Софт» ЖШС", "БСН 180540055512"], "«Дала Софт» ЖШС"),
        (["Կապ", '"Արագած Դիջիթալ" ՍՊԸ'], '"Արագած Դիջիթալ" ՍՊԸ'),
        (["კონტაქტი", "შპს „ქართული ღვინის სახლი“", "თელავი 2200"], "შპს „ქართული ღვინის სახლი“"),
        (["Cysylltu", "Stiwdio Draig Goch Cyf."], "Stiwdio Draig Goch Cyf"),
        (["İletişim", "© 2026 · Ege Zeytin Tarım Satış Kooperatifi"], "Ege Zeytin Tarım Satış Kooperatifi"),
        (["İletişim", "Anadolu Lojistik Ticaret Limited Şirketi"], "Anadolu Lojistik Ticaret Limited Şirketi"),
        (["Kontak", "PT Nusantara Pembayaran Digital"], "PT Nusantara Pembayaran Digital"),
    ],
)  # fmt: skip
def test_a_form_of_another_script_or_language(lines: list[str], want: str) -> None:
    assert legal(lines) == want


def test_a_vietnamese_name_ends_where_the_sentence_goes_on() -> None:
    line = "Công ty TNHH Cà Phê Đất Việt được thành lập năm 2009 tại Buôn Ma Thuột."
    assert legal(["Giới thiệu", line]) == "Công ty TNHH Cà Phê Đất Việt"


def test_a_name_opening_a_later_part_of_a_long_footer_line() -> None:
    line = ("Cysylltwch â ni: helo@draiggoch.games · Stiwdio Draig Goch Cyf., Capel Bethania, "
            "41 Heol y Gadeirlan, Caerdydd CF11 9HB · Instagram · YouTube")  # fmt: skip
    assert legal([line]) == "Stiwdio Draig Goch Cyf"


def test_the_name_stated_twice_wins_over_a_registrar_stated_once() -> None:
    lines = ["शेयर रजिस्ट्रार", "सिद्धार्थ क्यापिटल लिमिटेड, नक्साल, काठमाडौं (सम्पर्क: ०१-५५५४२१८)",
             "हिमाली जलविद्युत कम्पनी लिमिटेड", "प्रतिलिपि अधिकार © २०२६ हिमाली जलविद्युत कम्पनी लिमिटेड"]  # fmt: skip
    assert legal(lines) == "हिमाली जलविद्युत कम्पनी लिमिटेड"
    lines = ["Registrar", "Link Market Services Ltd, 10 Smith St", "Acme Mining Ltd", "© 2026 Acme Mining Ltd"]
    assert legal(lines) == "Acme Mining Ltd"


@pytest.mark.parametrize(
    "lines",
    [
        ["नया संग्रह", "लिमिटेड एडिशन घड़ियाँ अब उपलब्ध हैं"],  # "limited edition"
        ["ऑफर", "हमारा लिमिटेड ऑफर केवल आज"],  # "our limited offer": the form is followed by more words
        ["অফার", "সীমিত সময়ের লিমিটেড অফার"],
        ["عن الشركة", "تأسست الشركة في عام 1998 في الرياض"],  # "the company was founded": no form
        ["ჩვენ შესახებ", "ჩვენ ვმუშაობთ 2010 წლიდან"],
    ],
)  # fmt: skip
def test_the_word_without_a_firm_is_no_legal_name(lines: list[str]) -> None:
    assert legal(lines) is None


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Talento Certo Recrutamento e Seleção Ltda. · CNPJ 15.555.812/0001-40 · © 2024", "Talento Certo Recrutamento e Seleção Ltda"),
        ("Nordlys Consulting AS · Org.nr. 912 345 678 · ©2025", "Nordlys Consulting AS"),
        ("Bäckerei Sonnenschein GmbH · HRB 12345 · ©", "Bäckerei Sonnenschein GmbH"),
    ],
)  # fmt: skip
def test_a_name_opening_a_footer_line_that_ends_with_the_copyright_sign(line: str, want: str) -> None:
    """The © sign closes the line with no holder after it: the line's opening name is read."""
    assert legal(["Kontakt", line]) == want


def test_a_copyright_holder_after_the_sign_is_still_read_so() -> None:
    assert legal(["© 2025 Sonnenschein Backwaren GmbH · Impressum"]) == "Sonnenschein Backwaren GmbH"
