"""Canonical values (monitor.normalize) and the noise properties extraction must keep (E7, R30)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from monitor import normalize as nz
from monitor.errors import UnsafeURL
from monitor.fetch.netguard import check_url
from monitor.models import Fact

# --- canonical values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("+49 (0) 30/72 62 98-0", None, "+49307262980"),  # bdzv.de: "(0)" trunk prefix
        ("+49 - (40) - 300 30 - 1141", None, "+4940300301141"),  # iwr.de Nordex contact
        ("05191 979238", "DE", "+495191979238"),  # markeich.de "Fon"
        ("05191 979238", None, None),  # no +prefix and no country: unreadable
        ("+33 1 53 40 99 10", "DE", "+33153409910"),  # the +prefix beats the given country
        ("0033 1 53 40 99 10", None, "+33153409910"),
        ("tel:+33111624408", None, "+33111624408"),
        ("03-1234-5678", "JP", "+81312345678"),
        ("12345", "DE", None),
        ("+1 555 010 1234", None, None),  # 555-01xx is reserved for fiction: not valid
    ],
)
def test_phone(raw: str, country: str | None, expected: str | None) -> None:
    """E.164 or None; the country comes from the +prefix first."""
    assert nz.phone(raw, country) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Info@Example.COM", "info@example.com"),
        ("behoerden(at)finya.de", "behoerden@finya.de"),  # finya imprint
        ("kontakt [at] acme [dot] de", "kontakt@acme.de"),
        ("jane at acme dot co dot uk", "jane@acme.co.uk"),
        ("mailto:press@acme.de?subject=Hi", "press@acme.de"),
        ("<sales@acme.io>.", "sales@acme.io"),
        ("logo@2x.png", None),
        ("not an address", None),
        ("a@b", None),
    ],
)
def test_email(raw: str, expected: str | None) -> None:
    """Lower-case, de-obfuscated, validated."""
    assert nz.email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "base", "expected"),
    [
        ("HTTPS://WWW.Acme.COM:443/About?b=2&a=1#team", None, "https://www.acme.com/About?a=1&b=2"),
        (
            "https://acme.com/?utm_source=x&utm_medium=y&id=3&fbclid=z&gclid=q",
            None,
            "https://acme.com/?id=3",
        ),
        (
            "https://www.linkedin.com/company/audiense?trk=public_profile",
            None,
            "https://www.linkedin.com/company/audiense",
        ),
        ("/static/app.css?v=4.2.1", "https://acme.com/x/", "https://acme.com/static/app.css"),
        (
            "https://www.youtube.com/watch?v=abc",
            None,
            "https://www.youtube.com/watch?v=abc",
        ),  # v= is content here
        ("about", "https://acme.com/company/", "https://acme.com/company/about"),
        ("http://acme.com:8080", None, "http://acme.com:8080/"),
        ("mailto:Info@Acme.de", None, "mailto:Info@Acme.de"),
        ("https://acme.com/?mc_cid=1&ref_src=twsrc", None, "https://acme.com/"),
    ],
)
def test_url(raw: str, base: str | None, expected: str) -> None:
    """Lower host, no fragment, sorted query, tracking and asset cache-busters gone."""
    assert nz.url(raw, base) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cQuoted\u201d \u2018and\u2019 \u00abgallic\u00bb", '"Quoted" \'and\' "gallic"'),
        ("2007\u2013 2025 \u2014 Acme", "2007- 2025 - Acme"),
        ("Florent\u00a0Steiner \u200b.", "Florent Steiner."),  # nbsp, zero-width, "Steiner ."
        ("\ufb01nance \uff21\uff23\uff2d\uff25", "finance ACME"),  # NFKC ligature and fullwidth
        ("  many\n\tspaces   here ", "many spaces here"),
        ("soft\u00adhyphen", "softhyphen"),
    ],
)
def test_text(raw: str, expected: str) -> None:
    """NFKC, typography folded, whitespace collapsed."""
    assert nz.text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Updated 3 minutes ago", "Updated [time ago]"),
        ("vor 5 Minuten aktualisiert", "[time ago] aktualisiert"),
        ("il y a 2 heures", "[time ago]"),
        ("57 people are viewing this page", "[n] people are viewing this page"),
        ("Page generated 2026-11-24 01:28:57.075 UTC", "Page generated [timestamp]"),
        ("Rendered at Mon, 24 Nov 2025 01:28:57 GMT", "Rendered at [timestamp]"),
        ("generated on 24.11.2026", "generated on [timestamp]"),
        ("Opening hours 9:00-17:30", "Opening hours [time]-[time]"),
        ("© 2007 - 2025 Acme", "© [year] Acme"),
        ("© Copyright GEB Adoptaguy 2007 - 26", "© Copyright GEB Adoptaguy [year]"),  # adopteunmec
        ("Copyright © 2001-2024 Finya GmbH & Co. KG.", "Copyright © [year] Finya GmbH & Co. KG."),
        ("Audiense | 5,750 followers on LinkedIn.", "Audiense | [n] followers on LinkedIn."),
        ("3.9M Likes. 783.4K Followers", "[n] Likes. [n] Followers"),
        ("Founded in 2003 with 200 employees.", "Founded in 2003 with 200 employees."),  # untouched
    ],
)
def test_mask_volatile(raw: str, expected: str) -> None:
    """Volatile phrases are masked; ordinary numbers are not."""
    assert nz.mask_volatile(raw) == expected


def test_strip_volatile_removes_noise_and_keeps_content() -> None:
    """Scripts, styles, comments, tokens, cache-busters and hashed paths go; JSON-LD stays."""
    page = (
        b'<html><head><meta name="csrf-token" content="abc123"><script nonce="r4nd">var t=1;</script>'
        b'<script type="application/ld+json">{"name": "Acme"}</script><style>p{}</style>'
        b'<link rel="stylesheet" href="/assets/v/b55435d688edfde563702da9c99d4d6b/css/public.css">'
        b'<script src="/static/app.js?cb=99cb8305"></script></head><body data-rid="x1" class="a">'
        b'<!-- v1.154.314 --><iframe src="https://www.google.com/recaptcha/api2/anchor?k=1"></iframe>'
        b'<form><input type="hidden" name="csrfmiddlewaretoken" value="zz"></form>'
        b"<p>Call 040 22868859</p><p>Page generated 2026-11-24 01:28:57 UTC</p></body></html>"
    )
    out = nz.strip_volatile(page)
    for gone in (
        b"abc123",
        b"var t",
        b"p{}",
        b"b55435d6",
        b"cb=",
        b"data-rid",
        b"v1.154",
        b"recaptcha",
        b"zz",
        b"01:28",
    ):
        assert gone not in out, gone
    for kept in (b'{"name": "Acme"}', b"Call 040 22868859", b'class="a"', b"/css/public.css"):
        assert kept in out, kept


def test_fingerprint() -> None:
    """xxh3-128 as 32 hex digits, deterministic."""
    assert nz.fingerprint(b"acme") == nz.fingerprint(b"acme")
    assert re.fullmatch(r"[0-9a-f]{32}", nz.fingerprint(b"acme"))
    assert nz.fingerprint(b"acme") != nz.fingerprint(b"acme ")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Monsieur Florent Steiner", "Florent Steiner"),
        ("Dr. Erika Muster", "Erika Muster"),
        ("Aurélien Aucher", "Aurélien Aucher"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        ("By Rob Sloan", "Rob Sloan"),
        ("袴田 武史", "袴田 武史"),
        ("Our Team", None),
        ("Acme GmbH", None),
        ("Kontakt", None),
        ("Alexander Gerlach, Julien Walther", None),  # a list is split before validation
        ("R2 D2", None),
        ("MARKE ICH", None),
        ("Shri Anil Kumar Mehta", "Anil Kumar Mehta"),  # India's honorifics and professional prefixes
        ("Smt. Kavita Rao", "Kavita Rao"),
        ("CS Neha Joshi", "Neha Joshi"),
    ],
)
def test_person_name(raw: str, expected: str | None) -> None:
    """Names without honorifics; headings, firms and lists are not names."""
    assert nz.person_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chief Executive Officer", "CEO"),
        ("chief financial officer:", "CFO"),
        ("Data Protection Officer", "DPO"),
        ("Geschäftsführung", "Geschäftsführer"),
        ("  directeur de la publication ", "Directeur de la publication"),
        ("Head of Design", "Head of Design"),
    ],
)
def test_role(raw: str, expected: str) -> None:
    """One spelling per role so that re-wording is not a leadership change."""
    assert nz.role(raw) == expected


def test_field_identity() -> None:
    """People by folded name, single values by field, sets by folded value."""
    assert nz.identity(Fact("person", "Aurélien Aucher", "DPO")) == nz.identity(
        Fact("person", "AURELIEN AUCHER", "CEO")
    )
    assert nz.identity(Fact("name", "Acme")) == nz.identity(Fact("name", "Acme Inc"))
    assert nz.identity(Fact("email", "a@acme.de")) != nz.identity(
        Fact("email", "b@acme.de")
    )
    assert nz.identity(Fact("address", "Kehrwieder 11, 20457 Hamburg")) == nz.identity(
        Fact("address", "kehrwieder 11 20457 hamburg")
    )


# Numeric and percent-encoded spellings of a host mean another address to a browser (and to
# w3lib from 2.6 on): which of them may be fetched is the address gate's decision, on the
# spelling the page gave, so the canonical URL keeps it.
HOST_SPELLINGS = ["http://2130706433/x", "http://0x7f.1/", "http://127.1/", "http://0177.0.0.1/",
                  "http://%31%32%37.0.0.1/", "http://0/", "http://1.2.3/", "http://ex%41mple.com/"]


@pytest.mark.parametrize("raw", HOST_SPELLINGS)
def test_url_keeps_a_host_as_spelled_and_the_gate_refuses_it(raw: str) -> None:
    canonical = nz.url(raw)
    assert urlsplit(canonical).netloc == urlsplit(raw).netloc
    with pytest.raises(UnsafeURL):
        check_url(canonical, allow_private=True)


@pytest.mark.parametrize("raw", ["http://ex\x00ample.com/", "http://ex\x01ample.com/a?b=1",
                                 "https://a\x7fb.example/"])
def test_url_with_a_control_character_in_its_host_is_left_to_the_gate(raw: str) -> None:
    """w3lib from 2.6 on raises on such a host; a link on a page must not fail its page."""
    canonical = nz.url(raw)
    assert urlsplit(canonical).hostname == urlsplit(raw).hostname
    with pytest.raises(UnsafeURL, match="control character"):
        check_url(canonical, allow_private=True)


def test_url_keeps_the_brackets_of_an_ipv6_host() -> None:
    assert nz.url("http://[::1]:8080/a") == "http://[::1]:8080/a"
    assert nz.url("HTTPS://[2606:4700::1111]:443/") == "https://[2606:4700::1111]/"
