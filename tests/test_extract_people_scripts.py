"""People in scripts without spaces or letter case (monitor.extract.caseless), and Latin names
with tone marks (monitor.normalize.person_name): names told by their structure, a known family
name for Chinese, Japanese and Korean, the script's own courtesy titles elsewhere; titles of
those languages in the role lexicon. Each page is small and written for the test.
"""

from __future__ import annotations

import unicodedata

import pytest

from monitor.extract import caseless
from monitor.extract.lexicon import has_title
from monitor.extract.page import extract_page
from monitor.normalize import person_name


def people_of(body: str, lang: str, url: str = "https://example.org/company/") -> dict[str, str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>-</title></head><body><main>{body}</main></body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {unicodedata.normalize("NFC", f.value): f.role or "" for f in facts if f.field == "person"}


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("黄志强", "黄志强"),  # a common family name, a given name of two signs
        ("諸葛亮", "諸葛亮"),  # a two-character family name, traditional script
        ("司马 晓东", "司马 晓东"),
        ("郑　敏", "郑 敏"),  # an ideographic space between
        ("中村 陽子", "中村 陽子"),
        ("長谷川健一郎", "長谷川健一郎"),  # Japanese: three signs after a family name of three
        ("小林 みどり", "小林 みどり"),  # a given name in kana
        ("정하늘", "정하늘"),
        ("선우 재현", "선우 재현"),  # a two-syllable Korean family name
    ],
)
def test_a_cjk_name_opens_with_a_known_family_name(line: str, name: str) -> None:
    assert caseless.cjk_name(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "张总", "赵经理", "刘老师", "黃先生", "田中様", "박 대표", "최 원장",  # addressed by title
        "董事长", "總經理", "代表取締役", "専務取締役", "대표이사", "사외이사",  # titles
        "董事会", "경영진",  # section names
        "腾讯科技有限公司", "阿里巴巴", "株式会社",  # firms
        "王", "김",  # a family name alone
        "张伟伟伟伟", "Zhang Wei", "山田2号",
    ],
)
def test_titles_firms_and_forms_of_address_are_no_cjk_name(line: str) -> None:
    assert caseless.cjk_name(line) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("ဦးကျော်ဇေယျ", "ဦးကျော်ဇေယျ"),  # Burmese: one word, the honorific part of the name
        ("ဒေါ်နီလာဝင်း", "ဒေါ်နီလာဝင်း"),
        ("မသီရိအောင်", "မသီရိအောင်"),
        ("ဦး ထင်ကျော်", "ဦးထင်ကျော်"),  # written apart: one name as it is written together
        ("सौ. अनुराधा सुरेश देशमुख", "अनुराधा सुरेश देशमुख"),  # Marathi courtesy titles
        ("मा. श्री. विजय पांडुरंग पवार", "विजय पांडुरंग पवार"),
        ("ນາງ ຄຳຫຼ້າ ວົງສາ", "ຄຳຫຼ້າ ວົງສາ"),  # Lao: Mrs
        ("ທ້າວ ສຸລິຍາ ແສງທອງ", "ສຸລິຍາ ແສງທອງ"),
        ("انجینئر طارق محمود", "طارق محمود"),  # Urdu: engineer as a title
        ("محترمہ فرزانہ نقوی", "فرزانہ نقوی"),
    ],
)
def test_a_caseless_name_without_its_courtesy_title(line: str, name: str) -> None:
    assert caseless.name(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "မန်နေဂျာ",  # Burmese: manager, a word with the same first letter as the honorific
        "အထွေထွေမန်နေဂျာ",
        "ကျွန်ုပ်တို့အကြောင်း",  # "about us"
        "मुख्य कार्यकारी अधिकारी",  # Marathi/Hindi titles
        "कार्यकारी संचालक",
        "ຮອງຜູ້ອຳນວຍການ",  # Lao: deputy director
        "ព័ត៌មាន និង ព្រឹត្តិការណ៍",  # Khmer: "news and events"
    ],
)
def test_titles_and_phrases_of_caseless_scripts_are_no_name(line: str) -> None:
    assert caseless.name(line) is None


@pytest.mark.parametrize(
    "title",
    ["व्यवस्थापकीय संचालक", "ဥက္ကဋ္ဌ", "ຜູ້ຈັດການທົ່ວໄປ", "អគ្គនាយក", "தலைவர்", "ಕಾರ್ಯದರ್ಶಿ",
     "გენერალური დირექტორი", "ዋና ሥራ አስኪያጅ", "սեփականատեր", "ਪ੍ਰਧਾਨ"],
)
def test_the_lexicon_knows_titles_of_more_caseless_languages(title: str) -> None:
    assert has_title(title)


@pytest.mark.parametrize(
    "raw",
    ["Olúwaṣeun Adéyẹmí", unicodedata.normalize("NFD", "Ìyábọ̀ Ògúnlẹ́yẹ"), "Ọmọ́wùmí Àlàbí",
     "Ɓello Ɗanjuma", "Trần Thị Ạnh"],
)
def test_a_latin_name_keeps_its_tone_marks_and_african_letters(raw: str) -> None:
    assert person_name(raw) == unicodedata.normalize("NFKC", raw)


def test_a_chinese_team_with_names_and_titles_on_one_line_under_closed_toggles() -> None:
    items = "".join(
        f'<div class="panel"><div class="toggle-title">{group}</div>'
        f'<div class="toggle-content" style="display: none">{rows}</div></div>'
        for group, rows in [
            ("董事会", "<p><b>黄志强</b>　董事长</p><p>1970年出生，高级工程师。</p><p><b>诸葛明</b>　独立董事</p>"),
            ("高级管理人员", "<p><b>郑 敏</b>　总经理</p><p><b>孙丽</b>　财务总监</p>"),
        ]
    )
    found = people_of(f"<h1>公司领导</h1>{items}", "zh-CN")
    assert found == {"黄志强": "董事长", "诸葛明": "独立董事", "郑 敏": "总经理", "孙丽": "财务总监"}


def test_a_burmese_staff_list_keeps_each_honorific_and_reads_no_title_as_a_name() -> None:
    body = (
        "<h2>ဝန်ထမ်းများ</h2><ul>"
        "<li>ဦးကျော်ဇေယျ — ဥက္ကဋ္ဌ</li><li>ဒေါ်နီလာဝင်း — စာရင်းကိုင်</li><li>ကိုထက်အောင် — အင်ဂျင်နီယာ</li></ul>"
    )
    found = people_of(body, "my")
    assert set(found) == {"ဦးကျော်ဇေယျ", "ဒေါ်နီလာဝင်း", "ကိုထက်အောင်"}
    assert found["ဦးကျော်ဇေယျ"] == "ဥက္ကဋ္ဌ"


def test_a_marathi_board_of_cards_with_courtesy_titles() -> None:
    body = "<h2>संचालक</h2>" + "".join(
        f'<div class="card"><h5>{n}</h5><p>{r}</p></div>'
        for n, r in [("मा. श्री. विजय पांडुरंग पवार", "अध्यक्ष"), ("सौ. अनुराधा सुरेश देशमुख", "उपाध्यक्षा"),
                     ("श्री. महेश दत्तात्रय जोशी", "सचिव")]
    )
    assert set(people_of(body, "mr")) == {"विजय पांडुरंग पवार", "अनुराधा सुरेश देशमुख", "महेश दत्तात्रय जोशी"}


def test_a_lao_contact_list_under_persons_in_charge() -> None:
    body = (
        "<h2>ຜູ້ຮັບຜິດຊອບ</h2><dl><dt>ທ່ານ ສຸລິຍາ ແສງທອງ</dt><dd>ຜູ້ຈັດການທົ່ວໄປ</dd>"
        "<dt>ນາງ ຄຳຫຼ້າ ວົງສາ</dt><dd>ນັກບັນຊີ</dd><dt>ທ້າວ ບຸນທັນ ສີຫາລາດ</dt><dd>ຫົວໜ້າພະແນກຂາຍ</dd></dl>"
    )
    assert set(people_of(body, "lo")) == {"ສຸລິຍາ ແສງທອງ", "ຄຳຫຼ້າ ວົງສາ", "ບຸນທັນ ສີຫາລາດ"}


def test_a_yoruba_team_of_hcards_with_tone_marks() -> None:
    cards = "".join(
        f'<div class="h-card"><span class="p-name">{n}</span> <span class="p-job-title">{r}</span></div>'
        for n, r in [("Olúwaṣeun Adéyẹmí", "Olùdarí"), ("Ìyábọ̀ Ògúnlẹ́yẹ", "Akọ̀wé"), ("Ọmọ́wùmí Àlàbí", "Olùtọ́jú Owó")]
    )
    assert set(people_of(f"<h2>Àwọn Òṣìṣẹ́</h2>{cards}", "yo")) == {
        "Olúwaṣeun Adéyẹmí", "Ìyábọ̀ Ògúnlẹ́yẹ", "Ọmọ́wùmí Àlàbí",
    }


def test_department_contacts_with_a_phone_after_the_name() -> None:
    body = (
        "<h2>Відділи</h2>"
        "<p><b>Начальник складу</b> — Петро Мельничук, +380 44 123 45 67</p>"
        "<p><b>Головний інженер</b> — Оксана Дем\u02bcяненко, engineer@example.org</p>"
        "<p><b>Логіст</b> — Юрій Коваль</p>"
    )
    found = people_of(body, "uk")
    assert set(found) == {"Петро Мельничук", "Оксана Дем\u02bcяненко", "Юрій Коваль"}


def test_a_toggle_hidden_by_style_is_read_but_a_hidden_block_is_not() -> None:
    body = (
        "<h2>管理团队</h2>"
        '<div class="accordion-item"><div class="accordion-body" style="display:none"><p><b>黄志强</b>　董事长</p><p><b>孙丽</b>　财务总监</p></div></div>'
        '<div style="display:none"><p><b>郑敏</b>　总经理</p></div>'
    )
    found = people_of(body, "zh-CN")
    assert "黄志强" in found and "孙丽" in found
    assert "郑敏" not in found


def test_forms_of_address_and_a_board_heading_read_as_no_person() -> None:
    body = (
        "<h2>联系我们</h2>"
        + "".join(f'<div class="card"><h3>{n}</h3><p>{r}</p></div>' for n, r in [("赵总", "总经理"), ("钱经理", "销售经理"), ("孙先生", "客服")])
        + "<h2>監事會成員</h2><table><tr><td>監事</td><td>周美華</td></tr><tr><td>監事</td><td>吳建宏</td></tr></table>"
    )
    found = set(people_of(body, "zh"))
    assert not found & {"赵总", "钱经理", "孙先生", "會成員", "事會成員"}


@pytest.mark.parametrize("line", ["赵总", "钱经理", "孙先生", "田中様", "김 대표", "박님"])
def test_a_family_name_with_a_form_of_address_is_no_person_name(line: str) -> None:
    assert person_name(line) is None and caseless.addressed(line)


@pytest.mark.parametrize("line", ["赵丽颖", "田中太郎", "김민수", "欧阳总"])
def test_a_name_is_no_form_of_address(line: str) -> None:
    assert caseless.addressed(line) is (line == "欧阳总")
