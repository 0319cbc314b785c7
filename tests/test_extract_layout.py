"""Reading a page once: lines, main text and blocks (monitor.extract.layout, .scan), the raw
noise stripper's id masking, and addresses (English-written Japanese, UK/US, third parties).
"""

from __future__ import annotations

import pytest

from monitor.extract import address, html, layout
from monitor.extract.page import extract_page
from monitor.extract.scan import DIGITS, Scan
from monitor.normalize import fingerprint, strip_volatile
from tests.conftest import CORPUS


def read(body: str, include: tuple[str, ...] = ()) -> layout.PageText:
    """The layout of a page after the usual noise removal."""
    tree = html.parse(body)
    html.drop_noise(tree)
    return layout.read(tree, include)


PAGE = """<html><body><header><nav><a href="/">Home</a> <a href="/team">Team</a></nav></header>
<main><h1>Our <em>team</em></h1><p>Monsieur <strong>Florent Steiner</strong>.</p>
<div class="share-bar"><a href="https://x.com/intent">Share</a></div>
<ul><li>Jane Doe</li><li>CEO</li></ul><form><label>Email</label></form></main>
<footer><p>© 2024 Acme</p></footer></body></html>"""


def test_lines_main_text_and_blocks_come_from_one_read() -> None:
    """Block elements end lines, inline tags do not; main text skips nav, share bars, forms."""
    page = read(PAGE)
    assert page.lines == ("Home Team", "Our team", "Monsieur Florent Steiner.", "Share",
                          "Jane Doe", "CEO", "Email", "© 2024 Acme")  # fmt: skip
    assert page.main == ("Our team", "Monsieur Florent Steiner.", "Jane Doe", "CEO")
    assert [page.chrome[i] for i in (0, 1, 6)] == [True, False, False]  # navigation only
    ul = page.line_block[page.lines.index("Jane Doe")]
    li = page.tags[ul], page.tags[page.parents[ul]]
    assert li == ("li", "ul")
    parent = page.parents[ul]
    assert (page.starts[parent], page.ends[parent]) == (4, 6)


def test_without_main_the_header_and_footer_are_not_main_text() -> None:
    """No <main>, no single <article>: body minus header, footer and navigation."""
    page = read(PAGE.replace("<main>", "<div>").replace("</main>", "</div>"))
    assert page.main == ("Our team", "Monsieur Florent Steiner.", "Jane Doe", "CEO")
    assert "© 2024 Acme" in page.lines


def test_include_narrows_lines_and_main_text() -> None:
    """The include option reads only the selected nodes."""
    page = read(PAGE, include=("ul",))
    assert page.lines == page.main == ("Jane Doe", "CEO")


def test_private_use_characters_in_the_page_stay_text() -> None:
    """Characters that look like our markers (a hostile or odd page) are text, never structure."""
    odd = "".join(chr(c) for c in (0xF0000, 0xF0001, 0x100000, 0x10FFF0, 0x10FFF3, 0xE000))
    page = read(f"<html><body><main><p>A{odd}B</p><div><h3>Jane Doe</h3><p>CEO</p></div>"
                f"<p>{chr(0x100001)}</p></main></body></html>")  # fmt: skip
    assert page.lines[0] == f"A{odd}B"
    assert "Jane Doe" in page.lines and "CEO" in page.lines
    assert len(page.main) == len(page.lines)


def test_more_blocks_than_markers_still_read_as_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the numbered-marker budget, blocks still end lines (without structure)."""
    monkeypatch.setattr(layout, "_MAX_MARKED", 3)
    page = read("<html><body>" + "".join(f"<p>line {k}</p>" for k in range(10)) + "</body></html>")
    assert page.lines == tuple(f"line {k}" for k in range(10))
    assert len(page.tags) == 3


def test_scan_finds_lines_in_one_pass() -> None:
    """Needle search over the joined text, in lower case, original case, or short lines only."""
    scan = Scan(["Hello", "Tel: 030 12", "İİİ abc TEL", "nothing", "x tel tel 9", "tel" * 50])
    assert scan.find_lines(["tel"]) == [1, 2, 4, 5]  # "İ" lower-cases to two characters
    assert scan.find_lines(["tel"], short=True) == [1, 2, 4]
    assert scan.find_lines(DIGITS, lower=False) == [1, 4]
    assert scan.find_lines(["TEL"], lower=False) == [2]
    assert scan.match_lines([r"t\w+:"]) == [1]
    assert scan.find_lines(["absent"]) == []


def test_all_letter_hex_ids_are_noise_too() -> None:
    """An ad slot id can be all letters ("ad-baadbfecbd"): same fingerprint as any other id."""
    ids = ("baadbfecbd", "1f2e3d4c5b", "1234567890")
    bodies = [f'<div class="ad" id="ad-{i}"></div><p>Acme</p>'.encode() for i in ids]
    assert len({fingerprint(strip_volatile(b)) for b in bodies}) == 1
    assert b"Acme" in strip_volatile(bodies[0])


# --- addresses ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Company profile", "Headquarters", "2-7-17, Shiba, Minato-ku, Tokyo 105-0014, Japan"],
         "2-7-17, Shiba, Minato-ku, Tokyo 105-0014, Japan"),
        (["ispace, inc.", "Address: Shiba Park Building 5F, 2-7-17 Shiba, Minato-ku, Tokyo 105-0014"],
         "2-7-17 Shiba, Minato-ku, Tokyo 105-0014"),
        (["Head office", "1-1-2 Otemachi, Chiyoda-ku, Tokyo, 100-0004 Japan"],
         "1-1-2 Otemachi, Chiyoda-ku, Tokyo 100-0004, Japan"),
        (["Contact", "Acme Ltd, 10 Downing St, London SW1A 2AA"], "10 Downing St, London SW1A 2AA"),
        (["Contact", "Acme Inc., 1600 Main St, Springfield IL 62701"],
         "1600 Main St, Springfield, IL 62701"),
        (["Contact", "Acme Inc., 42 Wildwood Circle, Austin, TX 78701"],
         "42 Wildwood Circle, Austin, TX 78701"),
    ],
    ids=["jp-en", "jp-en-building", "jp-en-comma", "uk-st", "us-no-comma", "us-circle"],
)  # fmt: skip
def test_english_written_japanese_and_uk_us_street_forms(lines: list[str], expected: str) -> None:
    """The shapes the brief names, next to a word that makes them the company's."""
    assert [f.value for f in address.find(lines)] == [expected]


def test_third_party_addresses_give_way_to_the_sites_own() -> None:
    """pages/trafilatura/markeich.de.impressum.html names its insurer (Gothaer, Köln);
    pages/opentermsarchive/finya_privacy_policy.html an analytics vendor in Reston, VA."""
    markeich = extract_page((CORPUS / "pages/trafilatura/markeich.de.impressum.html").read_bytes(),
                            "https://www.markeich.de/kontakt/impressum/", "text/html")  # fmt: skip
    assert {f.value for f in markeich.facts if f.field == "address"} == {"Heidjerweg 1, 29614 Soltau"}
    finya = extract_page((CORPUS / "pages/opentermsarchive/finya_privacy_policy.html").read_bytes(),
                         "https://www.finya.de/Legal/privacy/", "text/html")  # fmt: skip
    assert {f.value for f in finya.facts if f.field == "address"} == {
        "Kehrwieder 11, 20457 Hamburg, Deutschland"
    }


def test_a_page_naming_only_third_parties_keeps_them() -> None:
    """No own block (a privacy policy listing its vendors): the addresses are all there is."""
    lines = ["Contact", "This CDN is a service of Cloudflare, Inc, 101 Townsend St, San Francisco, "
             "CA 94107, USA."]  # fmt: skip
    assert [f.value for f in address.find(lines)] == ["101 Townsend St, San Francisco, CA 94107, USA"]


def test_imprint_with_insurer_and_host_keeps_only_its_own_address() -> None:
    """German imprint: Berufshaftpflichtversicherung; French notice: Hébergeur."""
    body = ("<html><body><main><h1>Impressum</h1><p>Acme GmbH<br>Hauptstraße 5<br>10115 Berlin</p>"
            "<h2>Berufshaftpflichtversicherung</h2><p>Allianz Versicherungs-AG<br>Königinstraße 28"
            "<br>80802 München</p><p>Hébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix</p>"
            "</main></body></html>")  # fmt: skip
    obs = extract_page(body.encode(), "https://acme.de/impressum", "text/html")
    assert {f.value for f in obs.facts if f.field == "address"} == {"Hauptstraße 5, 10115 Berlin"}


def test_a_phone_label_closing_its_line_takes_the_number_below() -> None:
    """<dt>Telefon</dt><dd>030 1234567</dd>: the label line has no digit, the next one does."""
    body = ("<html><body><main><h1>Impressum</h1><dl><dt>Telefon:</dt><dd>030 1234567</dd>"
            "<dt>Fax</dt><dd>030 1234568</dd></dl></main></body></html>")  # fmt: skip
    obs = extract_page(body.encode(), "https://acme.de/impressum", "text/html")
    assert {(f.field, f.value) for f in obs.facts if f.field in ("phone", "fax")} == {
        ("phone", "+49301234567"), ("fax", "+49301234568")
    }
