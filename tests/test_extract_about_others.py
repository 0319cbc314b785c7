"""A press release's "About X" paragraph for another firm (an investor, a partner) gives that
firm's address, not the site's; the site's own "About" section keeps its address."""

from __future__ import annotations

import pytest

from monitor.extract.page import extract_page


def addresses(body: str, url: str) -> set[str]:
    html = f"<!doctype html><html><head><title>News</title></head><body><main>{body}</main></body></html>"
    return {f.value for f in extract_page(html.encode(), url, "text/html").facts if f.field == "address"}


@pytest.mark.parametrize(
    ("heading", "other", "url"),
    [
        ("About Cedar Ridge Ventures", "Cedar Ridge Ventures is a fund. Headquartered at 500 Sansome Street, Suite 700, "
         "San Francisco, CA 94111.", "https://www.brightwater.com/news/1"),
        ("Über Nordwind Kapital", "Nordwind Kapital investiert in Software. Sitz: Jungfernstieg 7, 20354 Hamburg.",
         "https://www.solartec.de/presse/1"),
        ("À propos de Capital Azur", "Capital Azur est un fonds. Siège : 12 rue de la Paix, 75002 Paris.",
         "https://www.lumio.fr/presse/1"),
    ],
)
def test_another_firms_about_section(heading: str, other: str, url: str) -> None:
    own_name = url.split(".")[1].capitalize()
    body = (
        f"<p>{own_name} raises its first round.</p>"
        f"<h3>About {own_name}</h3><p>{own_name} Inc. · 1100 S Lamar Blvd, Suite 210, Austin, TX 78704 · "
        f"press@{url.split('/')[2][4:]}</p>"
        f"<h3>{heading}</h3><p>{other}</p>"
    )
    found = addresses(body, url)
    assert any("78704" in a for a in found), found
    assert not any("94111" in a or "20354" in a or "75002" in a for a in found), found


@pytest.mark.parametrize("heading", ["About Brightwater", "About us", "Over ons", "Über uns"])
def test_the_sites_own_about_section_keeps_its_address(heading: str) -> None:
    body = (f"<h3>{heading}</h3><p>Contact: 1100 S Lamar Blvd, Suite 210, Austin, TX 78704</p>"
            "<h3>Office</h3><p>Branch: 20 Main Street, Springfield, IL 62701</p>")
    found = addresses(body, "https://www.brightwater.com/about")
    assert any("78704" in a for a in found), found
