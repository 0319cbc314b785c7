"""Third parties' contacts on privacy pages and imprints (monitor.extract.parties).

A privacy policy names the company's legal representative in the UK or the EU, the authority
to complain to; a French imprint its hosting provider. Their addresses and e-mails are not the
company's: reported as its own, they make false "address added" alerts. Hand-made pages in
English, German, French and Italian; the company's own "represented by" officers and contacts
right before such a block stay.
"""

from __future__ import annotations

import pytest

from monitor.extract.page import extract_page


def _facts(html: str, url: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for fact in extract_page(html.encode(), url, "text/html").facts:
        out.setdefault(fact.field, set()).add(fact.value)
    return out


def _page(body: str, title: str = "Privacy") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body><main>{body}</main></body></html>"


def test_a_uk_representative_named_after_the_companys_own_contact_is_not_the_company() -> None:
    body = (
        "<h2>Who we are</h2><p>The controller of your data is:</p><p>Lunaro Ltd</p>"
        "<p>12 Baker Street, London W1U 3BW</p><p>privacy@lunaro.app</p>"
        "<h2>If you live in the European Union</h2><p>By post:</p><p>Repwell EU GmbH</p>"
        "<p>Seilergasse 3</p><p>1010 Wien</p><p>Austria</p>"
        '<p>EU representation certificate and representative details <a href="mailto:lunaro@repwell.eu">here</a></p>'
    )
    found = _facts(_page(body), "https://www.lunaro.app/privacy")
    assert "privacy@lunaro.app" in found["email"]
    assert "lunaro@repwell.eu" not in found["email"]
    assert not any("Wien" in a for a in found.get("address", set()))


def test_a_german_policy_drops_its_eu_representative_and_the_authority() -> None:
    body = (
        "<h2>Verantwortlicher</h2><p>Kelvara GmbH</p><p>Speicherstraße 4</p><p>20457 Hamburg</p>"
        "<p>datenschutz@kelvara.de</p>"
        "<h2>Vertreter in der Schweiz</h2><p>Wir haben folgenden Vertreter nach Art. 14 DSG benannt:</p>"
        "<p>Alpenrecht AG</p><p>Bahnhofstrasse 10</p><p>8001 Zürich</p><p>kelvara@alpenrecht.ch</p>"
        "<h2>Beschwerderecht</h2><p>Sie können sich bei der zuständigen Aufsichtsbehörde beschweren:</p>"
        "<p>Der Hamburgische Beauftragte für Datenschutz</p><p>Ludwig-Erhard-Str. 22</p><p>20459 Hamburg</p>"
        "<p>mailbox@datenschutz.hamburg.de</p>"
    )
    found = _facts(_page(body, "Datenschutz"), "https://www.kelvara.de/datenschutz")
    assert found["address"] == {"Speicherstraße 4, 20457 Hamburg"}
    assert found["email"] == {"datenschutz@kelvara.de"}


def test_a_french_imprints_host_is_not_the_publisher() -> None:
    body = (
        "<h1>Mentions légales</h1><p>Éditeur : Maison Ravel SAS, 8 rue Oberkampf 75011 Paris</p>"
        "<p>Hébergeur : Nuvola SAS, 2 rue des Forges 59100 Roubaix</p>"
    )
    found = _facts(_page(body, "Mentions légales"), "https://www.maison-ravel.fr/mentions")
    assert found["address"] == {"8 rue Oberkampf, 75011 Paris"}


def test_an_italian_policy_names_its_representative_in_the_eu() -> None:
    body = (
        "<h2>Titolare del trattamento</h2><p>Sorbetto S.r.l.</p><p>Via Roma 12</p><p>20121 Milano</p>"
        "<h2>Rappresentante nell'Unione europea</h2><p>Rappresentante ai sensi dell'art. 27 GDPR:</p>"
        "<p>Repwell EU GmbH</p><p>Seilergasse 3</p><p>1010 Wien</p><p>sorbetto@repwell.eu</p>"
    )
    found = _facts(_page(body, "Privacy"), "https://www.sorbetto.it/privacy")
    assert found["address"] == {"Via Roma 12, 20121 Milano"}
    assert "sorbetto@repwell.eu" not in found.get("email", set())


def test_an_imprints_represented_by_is_the_company_itself() -> None:
    body = (
        "<h1>Impressum</h1><p>Kelvara GmbH</p><p>Speicherstraße 4</p><p>20457 Hamburg</p>"
        "<p>Vertreten durch: Jana Roth</p><p>Telefon: +49 40 1234 5678</p><p>info@kelvara.de</p>"
    )
    found = _facts(_page(body, "Impressum"), "https://www.kelvara.de/impressum")
    assert found["address"] == {"Speicherstraße 4, 20457 Hamburg"}
    assert found["email"] == {"info@kelvara.de"} and found["phone"] == {"+494012345678"}
    assert found["person"] == {"Jana Roth"}


def test_addresses_that_open_with_another_firms_name_are_that_firms() -> None:
    """An event page listing its venues, a reference list: "Georg Fischer AG, <street>, <town>"
    is that firm's address; the site's own line, and a firm that is its legal name, stay."""
    body = (
        "<h1>Sprungbrett-Event Schaffhausen</h1>"
        "<p>Kalvera Systems AG, Rheinweg 9, 8200 Schaffhausen 13:15 Uhr - 17:00 Uhr</p>"
        "<p>Bergwerk Maschinen GmbH, Industriestrasse 8, 8222 Beringen 13:15 Uhr - 17:00 Uhr</p>"
        "<footer><p>Kontakt</p><p>nexaro ag | Poststrasse 18 | Postfach 2150 | CH-9001 St.Gallen</p></footer>"
    )
    found = _facts(_page(body, "Events | nexaro ag"), "https://nexaro.ch/de/events/1")
    assert found["address"] == {"Poststrasse 18, Postfach 2150, CH-9001 St.Gallen"}


def test_an_imprint_line_naming_the_legal_name_is_the_companys_address() -> None:
    """PE Digital GmbH runs parship.fr: a brand's site under a firm of another name."""
    body = "<h1>Impressum</h1><p>PE Digital GmbH, Speersort 10, 20095 Hamburg</p><p>Geschäftsführer: Tim Schiffers</p>"
    found = _facts(_page(body, "Impressum | Parship"), "https://www.parship.fr/impressum")
    assert found["address"] == {"Speersort 10, 20095 Hamburg"}


@pytest.mark.parametrize(
    ("body", "officer"),
    [
        ("<p>Verantwortlich: Kelvara GmbH, Speicherstraße 4, 20457 Hamburg</p><h2>Datenschutzbeauftragter</h2>"
         "<p>Datenschutzbeauftragter: Max Muster</p><p>DataGuard Consulting GmbH</p><p>Musterweg 1</p>"
         "<p>80331 München</p><p>Tel. +49 89 1234567</p>", "Max Muster"),
        ("<p>The controller is Kelvara GmbH, Speicherstraße 4, 20457 Hamburg.</p>"
         "<p>Data Protection Officer: Jane Roe, Privacy Partners Ltd, 1 High Street, London EC1A 1BB</p>", "Jane Roe"),
        ("<p>Le responsable du traitement est Kelvara GmbH.</p>"
         "<p>Le délégué à la protection des données est Monsieur Paul Martin, du cabinet Dupont Avocats.</p>",
         "Paul Martin"),
    ],
)  # fmt: skip
def test_a_data_protection_officer_of_another_firm_is_not_the_companys_person(body: str, officer: str) -> None:
    found = _facts(_page(body, "Datenschutz | Kelvara"), "https://www.kelvara.de/datenschutz")
    assert officer not in found.get("person", set())
    assert found.get("address", set()) <= {"Speicherstraße 4, 20457 Hamburg"}
    assert "+49891234567" not in found.get("phone", set())


def test_the_companys_own_data_protection_officer_stays() -> None:
    body = "<p>Kelvara GmbH, Speicherstraße 4, 20457 Hamburg</p><p>Datenschutzbeauftragte: Anna Berg</p><p>datenschutz@kelvara.de</p>"
    found = _facts(_page(body, "Datenschutz | Kelvara"), "https://www.kelvara.de/datenschutz")
    assert found["person"] == {"Anna Berg"} and found["email"] == {"datenschutz@kelvara.de"}


def test_a_brands_only_address_under_its_firms_name_stays() -> None:
    """bergdesign.de run by Kelvara GmbH: one address under a firm's name, and no other."""
    body = "<h1>Berg Design</h1><p>Posters and prints.</p><footer><p>Kelvara GmbH, Speicherstraße 4, 20457 Hamburg</p></footer>"
    found = _facts(_page(body, "Berg Design"), "https://www.bergdesign.de/")
    assert found["address"] == {"Speicherstraße 4, 20457 Hamburg"}


def test_the_companys_own_contact_right_after_its_processors_stays() -> None:
    body = (
        "<p>Nous partageons certaines données avec nos sous-traitants.</p>"
        "<p>Nous contacter :</p><p>Maison Ravel SAS</p><p>8 rue Oberkampf 75011 Paris</p>"
    )
    found = _facts(_page(body, "Confidentialité | Maison Ravel"), "https://www.maison-ravel.fr/confidentialite")
    assert found["address"] == {"8 rue Oberkampf, 75011 Paris"}


def test_a_page_read_from_an_address_keeps_its_own_mail_near_its_processors() -> None:
    """Served from an IP address with no site name, a page cannot tell its own domain from a
    third party's: the mail after "sous-traitants" is kept, as it always was."""
    body = (
        "<p>Nous confions certaines données à nos sous-traitants.</p>"
        "<p>Pour toute question, écrivez-nous : support@lunaro.app</p>"
    )
    found = _facts(_page(body, "Confidentialité"), "http://127.0.0.1:8123/confidentialite")
    assert found["email"] == {"support@lunaro.app"}
