"""Address shapes of streets named after a date and of Cyrillic towns written after their
abbreviation ("г.", "м."); the part kept apart is tests/test_address_named_streets_aside.py."""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds

CASES = [
    # France: a street named after a day, its month and year, on one line and on two
    (["Contact", "12 rue du 8 Mai 1945, 75010 Paris"], ("75010", "8 Mai 1945")),
    (["Mentions légales", "Dupont SAS", "3 place du 4 Septembre", "13001 Marseille"], ("13001", "3 place")),
    # Russia: the street named after a date, the house after "д.", the town after "г."
    (["Контакты", "ул. 8 Марта, д. 12, г. Екатеринбург, 620014"], ("620014", "8 Марта")),
    (["Контакты", "620014, Екатеринбург, ул. 8 Марта, д. 12"], ("620014", "д. 12")),
    (["Контакты", "ул. Ленина, 12, г. Казань, 420111"], ("420111", "12")),
    # Ukraine: the town after "м.", then the region and the postcode
    (["Контакти", "вул. Заводська, 17, м. Карлівка, Полтавська обл., 39500"], ("39500", "17")),
    # Oman: three digits after the town, the country after them
    (["Contact us", "P.O. Box 3030, Ruwi 112, Oman"], ("3030", "Ruwi 112")),
    (["Contact", "Way 3109, Building 12, Al Khuwair, Muscat PC 133, Sultanate of Oman"], ("133", "3109")),
    (["Contact", "P.O. Box 77", "Sohar 311", "Oman"], ("77", "Sohar 311")),
    # Nepal: a post box alone on its line, the area and the town before it, or the town after
    (["सम्पर्क", "Thamel-26, Kathmandu", "P.O. Box 8975", "Nepal"], ("8975", "Kathmandu")),
    (["Contact", "GPO Box 4410", "Pokhara, Nepal"], ("4410", "Pokhara")),
    # United Kingdom: a unit in a named mill, its street and town, the postcode alone on its line
    (["Find us", "Unit 4, Calder Mill", "Market Street", "Hebden Bridge", "HX7 6AA"], ("HX7 6AA", "Unit 4")),
    (["Find us", "Suite 2, The Old Dairy", "Church Lane", "Ledbury", "HR8 1DW"], ("HR8 1DW", "Suite 2")),
    # Tanzania: the box, then the town and its region, then the country, each on its line
    (["Mawasiliano", "Chama cha Ushirika", "S.L.P. 112", "Mbinga, Ruvuma", "Tanzania"], ("112", "Mbinga, Ruvuma")),
    # Japan: the prefecture's name stays whole (not read from its "県" as a Chinese address)
    (["会社概要", "〒394-0034 長野県岡谷市湖畔3丁目8番22号"], ("〒394-0034 長野県", "22")),
    (["会社概要", "〒920-0981 石川県金沢市片町2丁目2番5号"], ("石川県金沢市", "2")),
    # the postcode alone on the line before a prefecture's address
    (["会社概要", "本社・工場", "〒394-0034", "長野県岡谷市湖畔3丁目8番22号", "TEL 0266-22-4187"], ("394-0034", "長野県")),
    # Chinese: labelled postcode, bare postcode, and the building and floor written apart
    (["联系我们", "江苏省苏州市工业园区星湖街328号 邮编:215123"], ("215123", "328")),
    (["联系", "江苏省苏州市工业园区星湖街328号 创意产业园12幢5楼 215123"], ("215123", "12幢5楼")),
    (["联系", "上海市浦东新区世纪大道100号 A座1203室"], ("100号 A座1203室",)),
    # a building written on to the number is left out, so the street stays one word
    (["联系", "上海市徐汇区云锦路701号西岸智塔18层"], ("上海市徐汇区云锦路701号",)),
    # Korea: a side road numbered off the road, then the building and floor
    (["연락처", "경기도 성남시 분당구 판교로 255번길 35, 실리콘파크 B동 7층 (우)13486"], ("13486", "255번길 35", "7층")),
    (["연락처", "서울특별시 강남구 테헤란로 427, 위워크타워 10층"], ("427", "10층")),
    # Spain: the ground floor and the door's side after the number
    (["Contacto", "C/ Portal de Castilla 46, bajo, 01007 Vitoria-Gasteiz"], ("01007", "46")),
    (["Contacto", "Calle Mayor 3, bajo izda., 28013 Madrid"], ("28013", "Mayor 3")),
    # Singapore: the floor and unit before the building's name
    (["Contact", "10 Anson Road, #22-08 International Plaza, Singapore 079903"], ("079903", "10 Anson")),
    # a Vietnamese ward after "P." is still read as one
    (["Liên hệ", "Số 12 Lê Lợi, P. Bến Nghé, Quận 1, TP. Hồ Chí Minh 700000"], ("700000", "Số 12")),
]

# a page giving its own address loses the host's, named under its heading
HOSTS = [
    (["Mentions légales", "Les Grains SCA", "12 rue du Port", "17000 La Rochelle", "Hébergement",
      "Hosty SAS – 2, rue des Serveurs – 59100 Roubaix – France"], "17000"),
    (["Aviso legal", "Talleres Uno S.L.", "Calle Real 3, 20302 Irun", "Alojamiento",
      "Nubes S.L., Calle Mayor 5, 28013 Madrid"], "20302"),
    (["Termos", "Cortiça Lda.", "Rua do Sol 4, 2000-123 Santarém", "Hospedagem",
      "Servidores Lda., Rua Augusta 100, 1100-053 Lisboa"], "2000-123"),
]

NOT_ADDRESSES = [
    # a date in prose stays a date
    ["Actualités", "Publié le 8 mai 2019, 75010 visiteurs"],
    ["News", "Last updated July 26, 2025"],
    # three digits after a word, without a country, are no postcode
    ["News", "We served 112 customers in Ruwi 112 days ago"],
    # a box without a town beside it says too little
    ["Contact", "Opening hours", "P.O. Box 12"],
    ["Contact", "PO Box 12", "Sales team", "Kenya"],
]


@pytest.mark.parametrize(("lines", "want"), CASES)
def test_address(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


@pytest.mark.parametrize("lines", NOT_ADDRESSES)
def test_not_address(lines: list[str]) -> None:
    assert found(lines) == []


@pytest.mark.parametrize(("lines", "own"), HOSTS)
def test_host_address_is_a_third_party(lines: list[str], own: str) -> None:
    values = found(lines)
    assert len(values) == 1 and own in values[0], values
