"""Parsing hand-kept profile cards: the real ispace card and variants in other languages.

The ispace card is ../shared/examples/ispace.md (a real page of a hand-kept encyclopedia);
the variants in tests/data/cards/ are written for these tests (Russian labels and Cyrillic
title, German labelled lines without a table, French table with markdown links, a bare title).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.cards import Link, Person, export, parse
from monitor.cards.labels import link_key, role_key, same_address
from tests.conftest import EXAMPLES

CARDS = Path(__file__).parent / "data" / "cards"
ISPACE = EXAMPLES / "ispace.md"


def text_of(path: Path) -> str:
    """A card file's text exactly as stored (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def test_ispace_contacts_markers_and_links() -> None:
    card = parse(text_of(ISPACE))
    assert card.name == "ispace"
    assert card.as_of == date(2020, 7, 4)
    assert card.emails == ("info@ispace-inc.com",)
    assert card.phones == () and card.faxes == ()  # <mark>noworkphone</mark> and "Fax: …"
    assert [t.field for t in card.layout.tokens if t.field.startswith("marker.")] == [
        "marker.phone", "marker.fax"]
    assert card.address == "2-7-17, Shiba, Sumitomo Shibakoen Building 10F, Tokyo, Minato-ku 105-0014, JP"
    assert card.links == (
        Link("website", "http://ispace-inc.com/"),
        Link("linkedin", "https://www.linkedin.com/company/ispace-inc/"),
        Link("facebook", "https://www.facebook.com/ispace.technologies.inc/"),
        Link("x", "https://twitter.com/ispace_inc"),
        Link("x", "https://twitter.com/HAKUTO_Reboot"),
    )


def test_ispace_people_founded_timeline_sections() -> None:
    card = parse(text_of(ISPACE))
    assert card.people == (
        Person("Takeshi Hakamada", "Founder & CEO"),
        Person("Takahiro Nakamura", "Director & COO"),
        Person("Jumpei Nozaki", "Director & CFO"),
        Person("Kazuya Yoshida", "Director & Technology Advisor"),
        Person("Hideki Shimomura", "CTO"),
        Person("Nozomu Iwata", "VP & Technology"),
    )
    assert card.founded == "2010-09"
    assert [t.split(" — ")[0] for t in card.timeline] == [
        "Mission 1", "Mission 2", "Mission 3\u202f‑\u202f9", "Mission 10+"]
    assert card.description.startswith("**ispace** is a lunar exploration company")
    assert card.description.endswith("Founded 2010.09.")
    titles = [s.title for s in card.sections]
    assert titles == ["mission", "vision", "values", "business", "text", "technology",
                      "Lunar Rover", "Lunar Lander", "quote"]
    business = next(s for s in card.sections if s.title == "business")
    assert "Sale & survey of Moon surface data" in business.text
    assert card.sections[-1].text.endswith("*CEO Takeshi Hakamada*</small>")


def test_ispace_facts_use_the_monitor_vocabulary() -> None:
    facts = parse(text_of(ISPACE)).facts()
    fields = {f.field for f in facts}
    assert {"name", "email", "address", "link.website", "link.linkedin", "link.x",
            "link.facebook", "person", "founded", "description", "timeline"} <= fields
    assert "phone" not in fields and "fax" not in fields
    cfo = next(f for f in facts if f.field == "person" and f.value == "Jumpei Nozaki")
    assert cfo.role == "Director & CFO"


def test_russian_card_several_emails_phones_and_fax() -> None:
    card = parse(text_of(CARDS / "orbita.md"))
    assert card.name == "Орбита" and card.as_of == date(2019, 5, 12)
    assert card.emails == ("info@orbita.example", "sales@orbita.example")
    assert card.phones == ("+74951234567", "+78127654321")
    assert card.faxes == ("+74951234568",)
    assert card.address == "ул. Звёздная, д. 5, Москва 125009, RU"
    assert [link.network for link in card.links] == ["website", "vk", "telegram"]
    assert card.founded == "1998-03"
    assert card.people == (Person("Иван Петров", "Генеральный директор"),
                           Person("Анна Смирнова", "Главный конструктор"))
    assert card.timeline == ("2016 — Запуск первого спутника.", "2018 — Второй аппарат на орбите.")


def test_german_card_without_table_labelled_lines_and_bare_urls() -> None:
    card = parse(text_of(CARDS / "nordlicht.md"))
    assert card.as_of == date(2021, 3, 15)
    assert card.emails == ("info@nordlicht.example", "vertrieb@nordlicht.example")
    assert card.phones == ("+49301234567",)
    assert card.address == "Musterstraße 1, 10115 Berlin, DE"
    assert card.links == (Link("website", "https://nordlicht.example/"),
                          Link("linkedin", "https://www.linkedin.com/company/nordlicht-raumfahrt/"),
                          Link("x", "https://x.com/nordlicht_space"))
    assert card.founded == "2015"
    assert card.people == (Person("Anna Beispiel", "Geschäftsführerin"),
                           Person("Max Mustermann", "CTO"))
    assert card.timeline == ()


def test_french_card_day_first_date_markdown_links_and_nofax() -> None:
    card = parse(text_of(CARDS / "etoile.md"))
    assert card.as_of == date(2022, 9, 12)
    assert card.layout.date_format == "%d.%m.%Y"
    assert card.phones == ("+33123456789",) and card.faxes == ()
    assert "marker.fax" in {t.field for t in card.layout.tokens}
    assert [(link.network, link.url) for link in card.links] == [
        ("website", "https://www.etoile.example/"),
        ("linkedin", "https://fr.linkedin.com/company/etoile-orbitale"),
        ("x", "https://twitter.com/etoile_orb")]
    assert card.founded == "2012"
    assert [p.name for p in card.people] == ["Jean Exemple", "Claire Modèle"]
    assert card.timeline == ("2019 — Premier essai moteur.",)


def test_a_bare_title_is_a_card_with_nothing_else() -> None:
    card = parse(text_of(CARDS / "minimal.md"))
    assert card.name == "Minimal Space"
    assert card.as_of is None and card.facts() == (card.facts()[0],)


@pytest.mark.parametrize("line", [
    "**Contacts:** a@x.example; b@x.example, Tel.: +49 30 1234567, +49 30 7654321",
    "Контакты: a@x.example, b@x.example, Тел. +49 30 1234567, +49 30 7654321",
    "|Contact|[a@x.example](mailto:a@x.example), <b@x.example>, +49 30 1234567, tel +49 30 7654321|",
])
def test_several_emails_and_phones_however_written(line: str) -> None:
    card = parse(f"# X\n> 2020.01.01\n\n{line}\n")
    assert card.emails == ("a@x.example", "b@x.example")
    assert card.phones == ("+49301234567", "+49307654321")


def test_bare_urls_and_www_links_are_classified() -> None:
    card = parse("# X\n\nLinks: www.x-corp.example, https://twitter.com/@XCorp "
                 "https://www.youtube.com/@xcorp.\n")
    assert card.links == (Link("website", "https://www.x-corp.example"),
                          Link("x", "https://twitter.com/@XCorp"),
                          Link("youtube", "https://www.youtube.com/@xcorp"))


def test_comparison_keys_are_loose_where_spellings_vary() -> None:
    assert link_key("https://twitter.com/HAKUTO_Reboot") == link_key("https://x.com/hakuto_reboot")
    assert link_key("http://ispace-inc.com/") == link_key("https://www.ispace-inc.com")
    assert link_key("https://x.com/a") != link_key("https://x.com/b")
    assert role_key("Founder & CEO") == role_key("founder and Chief Executive Officer")
    assert role_key("Director; Director & CFO") == role_key("Director & CFO")
    assert role_key("Director & CFO") != role_key("Director")
    assert same_address("2-7-17, Shiba, Sumitomo Shibakoen Building 10F, Tokyo, Minato-ku 105-0014, JP",
                        "2-7-17, Shiba, Sumitomo Shibakoen Building 10F, 105-0014 Minato-ku, Tokyo, JP")
    assert not same_address("2-7-17, Shiba, Minato-ku, Tokyo 105-0014",
                            "3-42-3 Nihonbashi Hamacho, Chuo-ku, Tokyo 103-0007")


_FRAGMENTS = st.sampled_from([
    "# ispace\n", "> 2020.07.04 [x](y)\n", "|a|<info@x.example>, <mark>nofax</mark>|\n", "|:--|:--|\n",
    "|Link|<https://x.com/a> & https://t.me/b|\n", "   - **Management:**\n", "      - CEO — Jane Doe\n",
    "Timeline:\n", "   - 2020 — something\n", "Founded 2010.09.\n", "\n", "*", "|", "<br>", "—",
    "**Mission.** …\n", "> quote\n", "<p>x</p>\n", "Fax: …;", "\r\n", "[a](b)", "Tel.: +1 212 555 0100\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS | st.text(max_size=20), max_size=30))
def test_any_text_parses_and_exports_unchanged(parts: list[str]) -> None:
    text = "".join(parts)
    card = parse(text)
    assert export(card, (), date(2030, 1, 1)) == text
    assert all(0 <= t.span.start <= t.span.end <= len(text) for t in card.layout.tokens)
