"""A CDN-protected e-mail address (hex XOR-ed with a key that changes per response) is read
as the address it stands for, so a new key on every visit is never a change."""

from __future__ import annotations

import random

import pytest

from monitor.extract.contacts import unprotect
from monitor.extract.page import extract_page


def _coded(address: str, key: int) -> str:
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in address.encode("utf-8"))


def _emails(body: str, url: str = "https://acme.example/contact") -> set[str]:
    facts = extract_page(body.encode(), url, "text/html").facts
    return {f.value for f in facts if f.field == "email"}


@pytest.mark.parametrize("address", ["info@acme.example", "jörg.müller@firma.example",
                                     "sales+eu@acme.co.uk"])
def test_every_key_gives_the_same_address(address: str) -> None:
    keys = random.Random(7).sample(range(1, 256), 20)
    assert {unprotect(_coded(address, k)) for k in keys} == {address}


@pytest.mark.parametrize("coded", ["", "zz", "0a", "ab" * 3, "4g5566778899", "ff" + "c0" * 6])
def test_what_is_not_a_protected_address_is_nothing(coded: str) -> None:
    value = unprotect(coded)
    assert value is None or "@" not in value


_SHAPES = {
    "span inside a link": (
        '<a href="/cdn-cgi/l/email-protection#{c}"><span class="__cf_email__" '
        'data-cfemail="{c}">[email&#160;protected]</span></a>'),
    "link only, in a footer": (
        '<footer><p>Write to us: <a href="/cdn-cgi/l/email-protection#{c}" '
        'class="__cf_email__">[email protected]</a></p></footer>'),
    "span only, in a contact card": (
        '<div class="card"><h3>Kontakt</h3><p>E-Mail: <span class="__cf_email__" '
        'data-cfemail="{c}">[email&#160;protected]</span></p></div>'),
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_a_protected_address_is_the_page_s_e_mail_whatever_the_key(shape: str) -> None:
    address = "kontakt@acme.example"
    seen = set()
    for key in (0x11, 0x5A, 0xC3):
        html = _SHAPES[shape].format(c=_coded(address, key))
        seen.add(frozenset(_emails(f"<html><body><main><h1>Acme</h1>{html}</main></body></html>")))
    assert seen == {frozenset({address})}


def test_a_protected_address_matches_the_plain_one() -> None:
    plain = '<p>E-mail: <a href="mailto:info@acme.example">info@acme.example</a></p>'
    coded = ('<p>E-mail: <a href="/cdn-cgi/l/email-protection#{c}"><span class="__cf_email__" '
             'data-cfemail="{c}">[email&#160;protected]</span></a></p>').format(
                 c=_coded("info@acme.example", 0x42))
    page = "<html><body><main><h1>Acme</h1>{}</main></body></html>"
    assert _emails(page.format(plain)) == _emails(page.format(coded)) == {"info@acme.example"}
