"""A press officer in a contact box (monitor.extract.team): a lone name and title followed by
an e-mail or a phone is a contact card, however deep the layout nests its parts, and a title
broken over two lines ("Pressereferentin Energie & Europa und" / "Ansprechpartnerin …") is one
title. A lone name and title with no contact after them stays a teaser, not a person.
"""

from __future__ import annotations

import pytest

from monitor.extract.page import extract_page


def people_of(html: str, url: str) -> dict[str, str]:
    facts = extract_page(html.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def _box(name: str, title: str, rest: str, contact: str) -> str:
    """A contact box whose name and title sit in different nested blocks (a CMS's markup)."""
    return (
        "<!doctype html><html><head><title>Press</title></head><body><main><article>"
        "<h1>Grid goes digital</h1><p>The new law sets the pace for smart meters.</p></article>"
        f'<aside><div class="contact"><h3>Contact</h3><div class="person"><div class="name"><span>{name}</span>'
        f'</div></div><div class="details"><div class="text"><p>{title}<br>{rest}</p>'
        f"<p>Main Street 9<br>60528 Frankfurt am Main</p></div><div>{contact}</div></div></div></aside>"
        "</main></body></html>"
    )


@pytest.mark.parametrize(
    ("name", "title", "rest", "contact", "want"),
    [
        ("Sabrina Keller", "Pressereferentin Energie & Europa und", "Ansprechpartnerin Smart Grid",
         "Telefon: +49 69 6302-309<br>E-Mail: sabrina.keller@verband.example",
         "Pressereferentin Energie & Europa und Ansprechpartnerin Smart Grid"),
        ("Oliver Grant", "Head of Communications &", "Public Affairs",
         "Phone: +44 20 7946 0321", "Head of Communications & Public Affairs"),
        ("Mia Larsen", "Head of Communications", "and Public Affairs",
         "mia.larsen@verband.example", "Head of Communications and Public Affairs"),
        ("Claire Dubois", "Chargée de communication et", "relations presse",
         "claire.dubois@verband.example", "Chargée de communication et relations presse"),
    ],
)
def test_a_press_officer_in_a_contact_box_is_read_with_her_whole_title(
    name: str, title: str, rest: str, contact: str, want: str
) -> None:
    found = people_of(_box(name, title, rest, contact), "https://www.verband.example/press/1")
    assert found.get(name) == want


def test_a_lone_name_and_title_without_a_contact_is_a_teaser() -> None:
    found = people_of(_box("Sabrina Keller", "Pressereferentin", "", ""), "https://www.verband.example/press/1")
    assert "Sabrina Keller" not in found
