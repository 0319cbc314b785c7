"""Addresses in Devanagari, Bengali and Georgian (monitor.extract.postal): an Indian address
with an area, a town and a state between the plot and a six-digit PIN; a Dhaka address of
plot, sector and area before a four-digit code, or of house, road and a numbered area with
the code joined to the town by a hyphen ("ঢাকা-১২১২"); a Georgian street abbreviated "ქ."
before a town and its four-digit code. Three names before a four-digit number stay prose.
"""

from __future__ import annotations

import pytest

from tests.test_address_world import found, holds


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["गंगा ऑर्गेनिक्स प्राइवेट लिमिटेड", "प्लॉट नं. 17, औद्योगिक क्षेत्र, रामनगर, वाराणसी, उत्तर प्रदेश 221008",
          "फ़ोन: +91 542 250 7788"], ("17", "221008")),
        (["Contact", "Plot 42, Sector 5, Electronic City, Bengaluru, Karnataka 560100"], ("42", "560100")),
        (["সবুজ বাংলা টেক্সটাইল লিমিটেড", "প্লট ২৪, সেক্টর ৭, উত্তরা, ঢাকা ১২৩০", "ফোন: +880 2 4895 6612"],
         ("২৪", "৭", "১২৩০")),
        (["প্রধান কার্যালয়: বাড়ি ২৭, সড়ক ১১৬, গুলশান-১, ঢাকা-১২১২", "ফোন: +৮৮০ ২ ৫৫৫১ ৮৭৪০"], ("২৭", "১১৬", "১২১২")),
        (["შპს \"ქართული ღვინის სახლი\"", "ჭავჭავაძის ქ. 42, თელავი 2200", "ტელ: +995 350 27 14 90"], ("42", "2200")),
    ],
)  # fmt: skip
def test_an_address_of_these_scripts(lines: list[str], want: tuple[str, ...]) -> None:
    assert holds(found(lines), *want), found(lines)


@pytest.mark.parametrize(
    "lines",
    [
        ["Contact", "We work in Dhaka, Chittagong, Sylhet, Khulna 2024"],  # a year after towns
        ["Contact", "Model-1234, Series, Black, Large 4000"],
    ],
)
def test_no_address(lines: list[str]) -> None:
    assert found(lines) == []
