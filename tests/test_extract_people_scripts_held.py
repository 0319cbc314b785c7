"""People written in scripts without spaces or letter case, a set kept apart from the rules'
own tests: team pages in Chinese, Japanese, Korean, Indic, Southeast Asian and Arabic scripts,
and Latin or Cyrillic names with combining tone marks and apostrophes. Each page is small and
written for the test; ``PAGES`` holds the pages, the people each names and the lines that must
not read as people.
"""

from __future__ import annotations

import unicodedata

import pytest

from monitor.extract.page import extract_page


def _cards(heading: str, people: list[tuple[str, str]], tag: str = "div") -> str:
    cards = "".join(
        f'<{tag} class="member"><h3>{name}</h3><p>{role}</p></{tag}>' for name, role in people
    )
    return f"<h2>{heading}</h2><section>{cards}</section>"


def _table(heading: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    return f"<h2>{heading}</h2><table>{body}</table>"


# (language, body, people expected, strings that must not be people)
PAGES: list[tuple[str, str, set[str], set[str]]] = [
    (
        "zh-CN",
        _cards("管理团队", [("张伟", "首席执行官"), ("欧阳娜娜", "首席财务官"), ("刘建国", "技术总监"),
                            ("陈静", "人力资源总监")]),
        {"张伟", "欧阳娜娜", "刘建国", "陈静"},
        set(),
    ),
    (
        "zh-TW",
        _table("董事會成員", [("董事長", "陳志明"), ("總經理", "林美玲"), ("財務長", "黃國華"),
                               ("獨立董事", "司馬光輝")]),
        {"陳志明", "林美玲", "黃國華", "司馬光輝"},
        {"董事長", "總經理"},
    ),
    (
        "zh-CN",
        _cards("我们的团队", [("王总", "董事长"), ("李经理", "销售经理"), ("华为技术", "合作伙伴"),
                              ("北京分公司", "办事处")]),
        set(),
        {"王总", "李经理", "华为技术", "北京分公司"},
    ),
    (
        "ko",
        _cards("임원 소개", [("김민수", "대표이사"), ("이서연", "이사"), ("박지훈", "감사"),
                            ("최유진", "상무")]),
        {"김민수", "이서연", "박지훈", "최유진"},
        {"대표이사"},
    ),
    (
        "ja",
        "<h2>役員一覧</h2><dl><dt>代表取締役社長</dt><dd>山田 太郎</dd><dt>取締役</dt><dd>佐藤花子</dd>"
        "<dt>常務取締役</dt><dd>高橋 健一</dd><dt>監査役</dt><dd>鈴木一郎</dd></dl>",
        {"山田 太郎", "佐藤花子", "高橋 健一", "鈴木一郎"},
        {"代表取締役社長", "取締役"},
    ),
    (
        "hi",
        _cards("हमारी टीम", [("राजेश कुमार शर्मा", "प्रबंध निदेशक"), ("सुनीता देवी", "मुख्य वित्तीय अधिकारी"),
                            ("अमित पाटील", "महाप्रबंधक")]),
        {"राजेश कुमार शर्मा", "सुनीता देवी", "अमित पाटील"},
        set(),
    ),
    (
        "bn",
        _cards("পরিচালনা পর্ষদ", [("মোহাম্মদ রফিকুল ইসলাম", "চেয়ারম্যান"), ("ফারহানা আক্তার", "ব্যবস্থাপনা পরিচালক"),
                                  ("তানভীর হাসান", "পরিচালক")]),
        {"মোহাম্মদ রফিকুল ইসলাম", "ফারহানা আক্তার", "তানভীর হাসান"},
        set(),
    ),
    (
        "my",
        _cards("ဒါရိုက်တာအဖွဲ့", [("ဦးအောင်ကျော်မင်း", "ဥက္ကဋ္ဌ"), ("ဒေါ်ခင်မာလာ", "အထွေထွေမန်နေဂျာ"),
                                   ("ဦးဇော်ဝင်းထွန်း", "ဒါရိုက်တာ")]),
        {"ဦးအောင်ကျော်မင်း", "ဒေါ်ခင်မာလာ", "ဦးဇော်ဝင်းထွန်း"},  # the honorific is written as part of the name
        set(),
    ),
    (
        "fa",
        _cards("تیم ما", [("علی رضایی", "مدیر عامل"), ("مریم احمدی‌نژاد", "مدیر مالی"),
                          ("حسین کریمی", "مدیر فنی")]),
        {"علی رضایی", "مریم احمدی‌نژاد", "حسین کریمی"},
        set(),
    ),
    (
        "ur",
        _cards("ہماری ٹیم", [("محمد عمران خان", "چیف ایگزیکٹو آفیسر"), ("عائشہ صدیقی", "ڈائریکٹر"),
                             ("بلال احمد", "مینیجر")]),
        {"محمد عمران خان", "عائشہ صدیقی", "بلال احمد"},
        set(),
    ),
    (
        "lo",
        _cards("ຄະນະບໍລິຫານ", [("ທ່ານ ສົມພອນ ແກ້ວມະນີ", "ຜູ້ອຳນວຍການ"), ("ທ່ານນາງ ບົວສີ ພົມມະຈັນ", "ຮອງຜູ້ອຳນວຍການ"),
                               ("ທ່ານ ວິໄລ ສີສຸວັນ", "ຫົວໜ້າພະແນກບັນຊີ")]),
        {"ສົມພອນ ແກ້ວມະນີ", "ບົວສີ ພົມມະຈັນ", "ວິໄລ ສີສຸວັນ"},
        set(),
    ),
    (
        "th",
        _cards("คณะผู้บริหาร", [("นายสมชาย ใจดี", "ประธานเจ้าหน้าที่บริหาร"), ("นางสาวพรทิพย์ ศรีสุข", "ผู้อำนวยการฝ่ายการเงิน"),
                                 ("ดร.วิชัย แก้วประเสริฐ", "กรรมการ")]),
        {"สมชาย ใจดี", "พรทิพย์ ศรีสุข", "วิชัย แก้วประเสริฐ"},
        set(),
    ),
    (
        "yo",
        _cards("Ẹgbẹ́ Alákòóso", [(unicodedata.normalize("NFD", "Adéọlá Ògúndélé"), "Olùdarí Àgbà"),
                                  ("Ọlárewájú Fáṣọlá", "Akọ̀wé"), ("Ṣadé Ọ̀gúnṣọlá", "Olùtọ́jú Owó")]),
        {"Adéọlá Ògúndélé", "Ọlárewájú Fáṣọlá", "Ṣadé Ọ̀gúnṣọlá"},
        set(),
    ),
    (
        "uk",
        _cards("Наша команда", [("Олександр Мар'яненко", "Генеральний директор"),
                                ("Ярослава Дем\u02bcянчук", "Фінансовий директор"),
                                ("Дмитро Солов’ян", "Технічний директор")]),
        {"Олександр Мар'яненко", "Ярослава Дем\u02bcянчук", "Дмитро Солов'ян"},  # typographic quotes folded
        set(),
    ),
]


def people_of(body: str, lang: str) -> set[str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>Team</title></head><body><main>{body}</main></body></html>'
    facts = extract_page(page.encode(), "https://example.org/about/team", "text/html").facts
    return {unicodedata.normalize("NFC", f.value) for f in facts if f.field == "person"}


def score() -> tuple[int, int, int, int]:
    """(people expected, found of them, people found in all, forbidden strings read as people)."""
    expected = found = total = forbidden = 0
    for lang, body, want, never in PAGES:
        got = people_of(body, lang)
        want = {unicodedata.normalize("NFC", w) for w in want}
        expected += len(want)
        found += len(want & got)
        total += len(got)
        forbidden += len(got & never)
    return expected, found, total, forbidden


@pytest.mark.parametrize(("lang", "body", "want", "never"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)])
def test_a_page_names_its_people_and_no_one_else(lang: str, body: str, want: set[str], never: set[str]) -> None:
    got = people_of(body, lang)
    assert got == {unicodedata.normalize("NFC", w) for w in want}
    assert not got & never


if __name__ == "__main__":
    e, f, t, x = score()
    print(f"expected {e} found {f} recall {f / e:.2f} found-all {t} precision {f / max(t, 1):.2f} forbidden {x}")
