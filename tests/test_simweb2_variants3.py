"""The third held-out noise set of the second simulated web is well formed.

Only the data is checked here, never the differ's figures: each noise kind changes the page
as it is designed to (per visit or per day) while saying the same thing, each event changes
the page at its step and stays, and pages render in every language.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

import phonenumbers
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.simweb2.contact3 import phone_forms
from tests.simweb2.langs import LANGS
from tests.simweb2.lexicon3 import WORDS, local_date
from tests.simweb2.measure import STEPS
from tests.simweb2.variants3 import (
    AGENDA_DAYS,
    START,
    VARIANT3_EVENTS,
    VARIANT3_NOISE,
    VARIANT3_SEEDS,
    agenda,
    clients,
    press,
    shown_events,
    shown_press,
    staff,
)
from tests.simweb2.wellformed import (
    EARLIER_SEEDS,
    assert_moves_as_designed,
    every_language,
    page_text,
    plain,
    visits,
)

# How each kind moves: a new face per visit, per day, or both (a form per day, a key per visit).
PER_VISIT = {"logos_visit", "hero_ab_visit", "ticker_visit", "email_visit"}
PER_DAY = {"spotlight_day6", "agenda_day", "press_push4", "countdown_day", "phone_day",
           "email_visit", "address_day"}


def _block(page: bytes, selector: str) -> str:
    node = HTMLParser(page.decode()).css_first(selector)
    assert node is not None, selector
    return node.html or ""


def test_every_kind_is_listed_with_how_it_moves() -> None:
    assert set(VARIANT3_NOISE) == PER_VISIT | PER_DAY
    assert 8 <= len(VARIANT3_NOISE) <= 10
    assert set(VARIANT3_SEEDS).isdisjoint(EARLIER_SEEDS)


@pytest.mark.parametrize("kind", VARIANT3_NOISE)
def test_each_kind_changes_the_page_as_designed(kind: str) -> None:
    """A kind shows in the first week; it moves per visit or per day as designed."""
    for company in every_language(VARIANT3_SEEDS[0], frozenset({kind})):
        pages, bare = visits(company), plain(company)
        assert any(pages[(s, 2 * s)] != bare.page(s, 2 * s) for s in range(7)), kind
        assert_moves_as_designed(company, kind, pages, PER_VISIT, PER_DAY)


def test_phone_forms_all_dial_the_same_line() -> None:
    for seed in VARIANT3_SEEDS:
        for company in every_language(seed, frozenset()):
            for number in (company.facts(0).phone, company.facts(0).fax):
                forms = phone_forms(number, company.lang.country)
                assert len(forms) >= 5
                for text in forms:
                    read = phonenumbers.parse(text, company.lang.country)
                    assert (read.country_code, read.national_number) == (
                        number.country_code, number.national_number), (text, company.lang.code)


def _email(block: str) -> str:
    """The address a reader gets from the e-mail line, whichever form it is in."""
    if coded := re.search(r'data-cfemail="([0-9a-f]+)"', block):
        raw = bytes.fromhex(coded.group(1))
        return "".join(chr(b ^ raw[0]) for b in raw[1:])
    text = html.unescape(re.sub(r"<[^>]+>", "", block))
    return text.replace(" [at] ", "@").replace("(at)", "@").replace(" [dot] ", ".").strip()


def _after_label(part: str) -> str:
    """The text of one line of the contact paragraph, its label cut off."""
    text = html.unescape(re.sub(r"<[^>]+>", "", part))
    return text.split(": ", 1)[1]


def test_contact_forms_say_the_same_each_day() -> None:
    """E-mail, phone and address vary in form only: the address decodes to the same on every
    visit (the protected one too), the phone line always dials the same line, and the postcode
    and town are always there."""
    noise = frozenset({"email_visit", "phone_day", "address_day"})
    for company in every_language(VARIANT3_SEEDS[1], noise):
        facts, country = company.facts(0), company.lang.country
        expected = f"info@{company.slug}.{company.lang.tld}"
        emails, phones, addresses = set(), set(), set()
        for step in range(STEPS):
            page = company.page(step, 2 * step)
            lines = _block(page, "section.contact p").removeprefix("<p>").removesuffix("</p>")
            phone, _fax, email = lines.split("<br>")
            assert _email(email.split(": ", 1)[1]) == expected, email
            emails.add(re.sub(r"[0-9a-f]{20,}", "", email))
            read = phonenumbers.parse(_after_label(phone), country)
            assert read.national_number == facts.phone.national_number, phone
            phones.add(phone)
            address = _block(page, "section.contact address")
            text = html.unescape(re.sub(r"<[^>]+>", " ", address))
            assert facts.town[0] in text and facts.town[1] in text, text
            addresses.add(address)
        assert min(len(emails), len(phones), len(addresses)) >= 3, company.lang.code


def test_lists_move_as_real_sites_do() -> None:
    """The spotlight shows only people of the team; the logos are six of the ten clients; the
    agenda never shows a past event; the press box shows the newest four releases."""
    for company in every_language(VARIANT3_SEEDS[0], frozenset(VARIANT3_NOISE)):
        team = {p.name for p in staff(company, company.facts(0).people)}
        names = set(clients(company))
        assert len(names) == 10
        for step in range(STEPS):
            page = company.page(step, 2 * step + 1)
            spot = HTMLParser(_block(page, "section.spotlight")).css_first("strong")
            assert spot is not None and spot.text() in team
            alts = [html.unescape(a) for a in re.findall(r'alt="([^"]*)"', _block(page, "section.clients"))]
            assert len(alts) == 6 and set(alts) <= names
            assert all(day >= step for day, _ in shown_events(company, step))
            shown = shown_press(company, step)
            assert len(shown) == 4 and [s for s, _ in shown] == sorted((s for s, _ in shown), reverse=True)
            assert all(title in page_text(page) for _, title in shown)


@pytest.mark.parametrize("step", sorted(VARIANT3_EVENTS))
def test_each_event_changes_the_page_at_its_step(step: int) -> None:
    """The event's mark (new number, new name, new title, edited half) is absent the step
    before and present from its step to the end, in every language."""
    event = VARIANT3_EVENTS[step]
    for company in every_language(VARIANT3_SEEDS[0], frozenset(), VARIANT3_EVENTS):
        facts = company.facts(step)
        mark = {
            "phone_change": phonenumbers.format_number(
                facts.phone, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            "new_person": facts.people[-1].name,
            "press_new": press(company)[-1][1],
            "event_new": agenda(company)[-1][1],
            "tagline_edit": company.lang.quotes[2],
        }[event]
        code = company.lang.code
        assert mark not in page_text(company.page(step - 1, 2 * step - 1)), (event, code)
        for later in range(step, STEPS):
            assert mark in page_text(company.page(later, 2 * later)), (event, later, code)


def test_pages_render_in_every_language() -> None:
    """Every language has its words; a page with all the noise and events parses, says so in
    its language's words, and leaves no placeholder unfilled."""
    assert set(WORDS) == {lang.code for lang in LANGS}
    for company in every_language(VARIANT3_SEEDS[1], frozenset(VARIANT3_NOISE), VARIANT3_EVENTS):
        words = WORDS[company.lang.code]
        for step in (0, 12, STEPS - 1):
            page = company.page(step, 2 * step)
            tree = HTMLParser(page.decode())
            root = tree.css_first("html")
            assert root is not None and root.attributes.get("lang") == company.lang.code
            text = page_text(page)
            for heading in (words.spotlight, words.clients, words.agenda, words.press):
                assert heading in text, (company.lang.code, heading)
            assert not re.search(r"\{[a-z]*\}", text), (company.lang.code, step)
            assert str(AGENDA_DAYS[-1] - step) in _block(page, "div.countdown")
            d = START + timedelta(days=step)
            assert local_date(company.lang.code, d.year, d.month, d.day) in text
