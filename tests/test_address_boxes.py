"""Post-office boxes (monitor.extract.postal): a box stands where a street would, before a
town and a four-digit code as Australia, New Zealand and South Africa write them; a box
after a street address on the same line is a second address; a box with a letter before its
number ("PO Box R1120"), a GPO box, a private bag, a Kenyan box with its code; the box words of
Amharic and Hindi; a sentence's full stop ends an address in prose. A box in a product text
is no address.
"""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["Contact", "Level 12, 60 Castlereagh Street, Sydney NSW 2000 · PO Box R1120, Royal Exchange NSW 1225"],
         ("R1120", "1225")),
        (["Contact", "27 Boshoff Street, Pietermaritzburg, 3201 · PO Box 1904, Pietermaritzburg, 3200"], ("1904", "3200")),
        (["Contact", "27 Boshoff Street, Pietermaritzburg, 3201 · PO Box 1904, Pietermaritzburg, 3200"], ("27", "3201")),
        (["Contact us", "Tūī Robotics Ltd", "PO Box 5521, Christchurch 8140"], ("5521", "8140")),
        (["Contact", "Karoo Wool (Pty) Ltd", "Private Bag X15, Graaff-Reinet, 6280"], ("X15", "6280")),
        (["Contact", "Harbour Freight Pty Ltd", "GPO Box 912, Brisbane QLD 4001"], ("912", "4001")),
        (["Contact Us", "Rift Valley Tea Ltd", "P.O. Box 40712-00100, Nairobi"], ("40712", "Nairobi")),
        (["Kestrel Minerals Limited is a lithium developer. Registered office: Level 9, 216 St Georges Terrace, "
          "Perth WA 6000. Postal: PO Box 7312, Cloisters Square WA 6850."], ("7312", "6850")),
        (["ያግኙን", "ፖ.ሣ.ቁ. 5521፣ አዲስ አበባ፣ ኢትዮጵያ"], ("5521", "አዲስ አበባ")),
    ],
)  # fmt: skip
def test_a_post_box_of_more_countries(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


def test_a_box_on_a_line_of_its_own_is_not_joined_to_the_street_above() -> None:
    lines = ["አባይ ቡና ላኪዎች ኃ/የተ/የግ/ማ", "ቦሌ ክፍለ ከተማ፣ ወረዳ 03፣ የቤት ቁ. 512", "ፖ.ሣ.ቁ. 5521፣ አዲስ አበባ፣ ኢትዮጵያ",
             "ስልክ: +251 11 555 4120"]  # fmt: skip
    assert not any("512" in v for v in found(lines) if "5521" in v), found(lines)
    # on the same line, the street before the box is the box's own address
    lines = ["Contact", "Plot S20119, Jebel Ali Free Zone South, P.O. Box 61555, Dubai"]
    assert holds(found(lines), "S20119", "61555"), found(lines)


@pytest.mark.parametrize(
    "lines",
    [
        ["Contact", "Our gift box 12, with six jars of honey, ships within 3 days"],
        ["Contact", "Each box 24 contains the spare parts for model 3000 Series"],
        ["Contact", "Order 3 boxes. Box 2 holds 1200 screws, Box 3 holds 800 nails"],
    ],
)
def test_a_box_in_a_product_text_is_no_address(lines: list[str]) -> None:
    assert found(lines) == []
