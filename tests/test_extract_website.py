"""The website kind's behaviour: outcomes, options, decoding, and noise against simweb's truth."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from monitor.extract import address
from monitor.extract.html import decode
from monitor.extract.page import PageOptions, extract_page
from monitor.models import Fetched, Observation, Outcome, Source
from monitor.normalize import fingerprint, strip_volatile
from monitor.sources.website import Website
from tests.conftest import CORPUS, ROOT

SIMWEB_PATH = ROOT.parent / "shared" / "bench" / "simweb.py"
IMPRINT = b"""<!doctype html><html lang="de"><head><title>Impressum</title></head><body>
<nav><a href="/">Start</a><a href="/team">Team</a></nav>
<main><h1>Impressum</h1><p>Acme GmbH<br>Hauptstra\xc3\x9fe 5<br>10115 Berlin</p>
<p>Gesch\xc3\xa4ftsf\xc3\xbchrer: Erika Muster, Max Beispiel</p>
<p>Telefon: 030 1234567<br>E-Mail: info(at)acme.de</p>
<p class="promo">Heute 20 % Rabatt auf alles!</p></main>
<footer><a href="https://www.linkedin.com/company/acme-gmbh/?trk=footer">LinkedIn</a></footer>
</body></html>"""


def website(body: bytes, url: str = "https://acme.de/impressum", **options: object) -> Observation:
    """Run the registered website kind as the pipeline would after a 200."""
    source = Source(id="w", company="acme", kind="website", url=url, every=86400, options=options)
    fetched = Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200, body=body,
                      headers={"content-type": "text/html; charset=utf-8"})  # fmt: skip
    return Website().extract(fetched, source)


def values(obs: Observation, field: str) -> set[str]:
    """The values of one field."""
    return {f.value for f in obs.facts if f.field == field}


def test_a_small_imprint_gives_the_whole_profile() -> None:
    """Address, people with role, phone by ccTLD, obfuscated e-mail, company link (trk dropped)."""
    obs = website(IMPRINT)
    assert obs.outcome is Outcome.OK
    assert values(obs, "address") == {"Hauptstraße 5, 10115 Berlin"}
    assert {(f.value, f.role) for f in obs.facts if f.field == "person"} == {
        ("Erika Muster", "Geschäftsführer"),
        ("Max Beispiel", "Geschäftsführer"),
    }
    assert values(obs, "phone") == {"+49301234567"}
    assert values(obs, "email") == {"info@acme.de"}
    assert values(obs, "link.linkedin") == {"https://www.linkedin.com/company/acme-gmbh"}
    text = values(obs, "text").pop()
    assert text.splitlines()[:2] == ["Impressum", "Acme GmbH"]  # nav and footer are not text
    assert all(len(f.evidence) <= 200 for f in obs.facts)
    assert list(obs.facts) == sorted(obs.facts, key=lambda f: (f.field, f.value, f.role or ""))


def test_options_exclude_ignore_include_and_country() -> None:
    """exclude drops nodes, ignore drops text, include narrows the page, country reads numbers."""
    excluded = website(IMPRINT, exclude=[".promo"])
    assert "Rabatt" not in values(excluded, "text").pop()
    ignored = website(IMPRINT, ignore=[r"Heute \d+ % Rabatt.*"])
    assert "Rabatt" not in values(ignored, "text").pop()
    included = website(IMPRINT, include=["main p:nth-of-type(2)"])
    assert values(included, "person") == {"Erika Muster", "Max Beispiel"}
    assert not values(included, "text")  # the people's line is a fact, not page text
    assert not values(included, "address")
    # a .com site without a lang region gives no country: the national number stays unread
    # until the option names one (a wrong guess would invent a foreign number)
    no_lang = IMPRINT.replace(b' lang="de"', b"")
    assert not values(website(no_lang, url="https://acme.com/imprint"), "phone")
    assert values(website(no_lang, url="https://acme.com/imprint", country="de"), "phone") == {
        "+49301234567"
    }


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Impressum", "Acme GmbH", "Hauptstraße 5", "10115 Berlin", "Deutschland"],
         "Hauptstraße 5, 10115 Berlin, Deutschland"),
        (["Kontakt", "Acme AG · Bahnhofstrasse 10 · 8001 Zürich"], "Bahnhofstrasse 10, 8001 Zürich"),
        (["Mentions légales", "Acme SAS, 10 rue de la Paix, 75002 Paris"], "10 rue de la Paix, 75002 Paris"),
        (["Contact us", "Acme Ltd", "1 High Street", "London EC1A 1BB"], "1 High Street, London EC1A 1BB"),
        (["Acme Ltd, 1 High Street, London EC1A 1BB"], "1 High Street, London EC1A 1BB"),
        (["Headquarters", "100 Main Street", "Springfield, IL 62701"], "100 Main Street, Springfield, IL 62701"),
        (["Acme Inc., 100 Main Street, Suite 200, Springfield, IL 62701"],
         "100 Main Street, Suite 200, Springfield, IL 62701"),
        (["会社概要", "株式会社ispace", "〒103-0027 東京都中央区日本橋3-12-2 朝日ビルヂング7階"],
         "〒103-0027 東京都中央区日本橋3-12-2 朝日ビルヂング7階"),
    ],
    ids=["de-lines", "ch-dots", "fr", "uk-lines", "uk-one-line", "us-lines", "us-one-line", "jp"],
)  # fmt: skip
def test_address_shapes(lines: list[str], expected: str) -> None:
    """DE/AT/CH, FR, UK, US and JP shapes, on one line or several, read as one line."""
    assert [f.value for f in address.find(lines)] == [expected]


def test_addresses_need_a_who_we_are_context() -> None:
    """A street and postcode in a story are not the company's address; dates are not streets."""
    assert address.find(["Our blog", "12 Main Street", "is where we started"]) == []
    assert address.find(["Acme GmbH", "February 27", "2019 Cacheable Response"]) == []


def test_social_profiles_from_links_and_written_handles() -> None:
    """X via twitter.com, Mastodon via a written handle; share buttons and posts are not profiles."""
    body = (
        b"<html><body><main><p>Acme GmbH, Hauptstr. 1</p></main><footer>"
        b'<a href="https://twitter.com/AcmeHQ?ref_src=twsrc">X</a>'
        b'<a href="https://twitter.com/intent/tweet?text=hi">Share</a>'
        b'<a href="https://x.com/AcmeHQ/status/123">Post</a>'
        b'<a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>'
        b'<a href="https://bsky.app/profile/acme.bsky.social">Bluesky</a>'
        b"<p>Follow @acme@mastodon.social</p></footer></body></html>"
    )
    obs = website(body)
    links = {f.field: f.value for f in obs.facts if f.field.startswith("link.")}
    assert links == {
        "link.x": "https://x.com/acmehq",
        "link.bluesky": "https://bsky.app/profile/acme.bsky.social",
        "link.mastodon": "https://mastodon.social/@acme",
    }


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>",
         "cloudflare_challenge"),
        (b"<html><body><script>window._cf_chl_opt={}</script><p>Verifying</p></body></html>", "cloudflare_challenge"),
        (b'<html><body><div class="g-recaptcha" data-sitekey="x"></div><p>Please confirm</p></body></html>', "captcha"),
        (b"<html><body><p>Are you a robot?</p></body></html>", "captcha"),
        (b'<html><head><title>Sign in</title></head><body><form><input type="password"></form></body></html>',
         "login_wall"),
        (b"<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id=root></div></body></html>",
         "javascript_required"),
    ],
    ids=["just-a-moment", "cf-chl", "recaptcha-only", "robot", "login", "js-shell"],
)  # fmt: skip
def test_walls_served_with_200_are_blocked(body: bytes, reason: str) -> None:
    """E1: a wall is a status, never the company's page."""
    obs = website(body)
    assert (obs.outcome, obs.detail) == (Outcome.BLOCKED, reason)


def test_a_real_page_with_a_recaptcha_badge_is_not_blocked() -> None:
    """adopteunmec's legal page carries a reCAPTCHA iframe on every capture; it is still a page."""
    body = (CORPUS / "sites_history/adopteunmec_imprint/001_2022-06-28T183103.html").read_bytes()
    assert website(body, url="https://www.adopteunmec.com/legal").outcome is Outcome.OK


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"", "empty body"),
        (b'{"props": {}}', "expected HTML, got JSON"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "got a feed"),
        (b"%PDF-1.7 binary", "unreadable PDF"),  # a PDF is read as a page: this one cannot be
        (b"<!doctype html><html><head><title>Acme</title></head><body><div><p>Welcome to Acme, we are a com",
         "truncated"),
    ],
    ids=["empty", "json", "feed", "pdf", "truncated"],
)  # fmt: skip
def test_bodies_that_are_not_a_page_fail_extraction(body: bytes, detail: str) -> None:
    """D13/E8: the wrong content is EXTRACTION_FAILED with a reason, never "everything removed"."""
    obs = website(body)
    assert obs.outcome is Outcome.EXTRACTION_FAILED
    assert detail in (obs.detail or "")


def test_a_page_without_closing_tags_but_complete_is_fine() -> None:
    """Optional end tags are legal HTML: no </html> alone does not make a page truncated."""
    assert website(IMPRINT.replace(b"</body></html>", b"")).outcome is Outcome.OK


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"\xef\xbb\xbfGr\xc3\xbc\xc3\x9fe", "text/html; charset=latin-1", "Grüße"),  # BOM wins
        (b"Gr\xfc\xdfe", "text/html; charset=iso-8859-1", "Grüße"),  # header charset
        (b'<meta charset="windows-1252">Gr\xfc\xdfe', None, "Grüße"),  # <meta> prescan
        (b"Gr\xc3\xbc\xc3\x9fe \xff", None, "Grüße \ufffd"),  # UTF-8, invalid bytes replaced
        (
            b'<meta charset="utf-16">Gr\xc3\xbc\xc3\x9fe',
            None,
            "Grüße",
        ),  # ASCII bytes cannot be UTF-16
    ],
    ids=["bom", "header", "meta", "utf8-replace", "utf16-lie"],
)
def test_decoding_is_deterministic(body: bytes, content_type: str | None, expected: str) -> None:
    """D1/D2 (R30): BOM → Content-Type → <meta> → UTF-8 with replacement."""
    assert decode(body, content_type).endswith(expected)


def test_deeply_nested_markup_is_bounded() -> None:
    """D4 (the part a pure function can promise): 20 000 nested divs parse, in bounded time."""
    body = b"<html><body>" + b"<div>" * 20000 + b"Acme GmbH" + b"</div>" * 20000 + b"</body></html>"
    obs = extract_page(body, "https://acme.de/", "text/html", PageOptions())
    assert obs.outcome is Outcome.OK


# --- simweb: a deterministic synthetic web with ground truth --------------------------------


def _simweb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("simweb", SIMWEB_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("simweb", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SIMWEB_PATH.is_file(), reason="shared/bench/simweb.py not present")
def test_simweb_noise_never_changes_facts_and_real_changes_always_do() -> None:
    """E7 on 8 synthetic companies × 4 epochs × 4 pages, checked against simweb's own truth.

    Every render carries fresh noise (CSRF meta and hidden input, render timestamp, "N people
    are viewing", ad-slot ids, cache-busters, request-id comment). Pages that simweb says did
    not change must give identical facts and an identical ``strip_volatile`` fingerprint;
    pages it says changed must give different facts.
    """
    sim = _simweb().SimWeb(companies=8)
    pages = ("home", "about", "team", "contact")
    for epoch in range(3):
        changed = {(c["slug"], p) for c in sim.changed(epoch, epoch + 1) for p in c["pages"]}
        for company in range(8):
            slug = sim.base(company)["slug"]
            url = f"http://127.0.0.1/c/{slug}/"
            for page in pages:
                before = sim.render(company, page, epoch=epoch)
                after = sim.render(company, page, epoch=epoch + 1)
                obs_before = extract_page(before, url, "text/html")  # news strips are items
                obs_after = extract_page(after, url, "text/html")
                facts_before = (*obs_before.facts, *obs_before.items)
                facts_after = (*obs_after.facts, *obs_after.items)
                if (slug, page) in changed:
                    assert facts_before != facts_after, (slug, page, epoch)
                else:
                    assert facts_before == facts_after, (
                        slug,
                        page,
                        epoch,
                        _first_diff(facts_before, facts_after),
                    )
                    assert fingerprint(strip_volatile(before)) == fingerprint(strip_volatile(after))


def _first_diff(a: tuple[object, ...], b: tuple[object, ...]) -> object:
    return next(((x, y) for x, y in zip(a, b, strict=False) if x != y), (len(a), len(b)))


@pytest.mark.skipif(not SIMWEB_PATH.is_file(), reason="shared/bench/simweb.py not present")
def test_simweb_home_page_profile() -> None:
    """The synthetic home page: JSON-LD org, team cards with roles, masked live counters."""
    sim = _simweb().SimWeb(companies=3)
    obs = extract_page(sim.render(1, "home"), "http://127.0.0.1/c/c00001/", "text/html")
    people = {f.value: f.role for f in obs.facts if f.field == "person"}
    base = sim.base(1)
    assert len(people) >= 5
    assert values(obs, "name") == {next(iter(values(obs, "name")))}
    assert any(f.field == "link.linkedin" for f in obs.facts)
    text = values(obs, "text").pop()
    assert "[n] people are viewing" in text
    assert base["slug"] == "c00001"
