"""The company's legal name (monitor.extract.company_name): the firm a page names as its
controller or operator, its name standing alone with a legal form of any country, before the
brand of a © line; "(c)" in a list and a person's © are no legal name. Hand-made lines in the
house styles of several countries.
"""

from __future__ import annotations

import pytest

from monitor.extract import company_name
from monitor.extract.page import extract_page


def legal(lines: list[str], site: str = "") -> str | None:
    found = company_name.find(lines, site)
    return found[0].value if found else None


@pytest.mark.parametrize(
    "line",
    ["Mollerup Design ApS", "Kauppa Oy", "Svenska Verktyg AB", "Fjordkraft ASA", "Lindeboom B.V.",
     "Sorbetto S.r.l.", "Ferramenta Rossi S.p.A.", "Kowalski Sp. z o.o.", "Tapas Madrid S.L.",
     "Pastelaria Lisboa, Lda.", "Hunde Verein Kreis Unna 1990 e. V.", "株式会社スターラボ", "スターラボ株式会社"],
)  # fmt: skip
def test_a_name_standing_alone_with_its_legal_form_is_the_legal_name(line: str) -> None:
    """Stored without a closing dot ("Lindeboom B.V"), as legal names always were."""
    assert legal(["Kontakt", line, "x"]) == line.rstrip(".")


@pytest.mark.parametrize(
    ("lines", "site", "want"),
    [
        # the controller, not the brand of the © line
        (["le responsable du traitement des données est PE Digital GmbH (ci-après « Parship »).",
          "PE Digital GmbH", "Speersort 10", "© 2026 Parship - Made with love"], "parship", "PE Digital GmbH"),
        (["Zoosk, Inc. is the controller and primarily responsible for the Services.",
          "© 2026 Zoosk"], "zoosk", "Zoosk, Inc"),
        (["Verantwortlich für diese Website ist die Kelvara Digital GmbH.", "© 2024 Kelvara"],
         "kelvara", "Kelvara Digital GmbH"),
        # a headquarters line, with the label word before the name
        (["Headquarters Inuru GmbH Johann-Hittorf-Str. 8 12489 Berlin +49 30 63927478"], "inuru", "Inuru GmbH"),
        (["Hauptsitz Solventa AG Musterweg 3 8001 Zürich"], "solventa", "Solventa AG"),
        # a French apposition: "la société X, SARL au capital de …" names X
        (["Le site est exploité par la société Maison Ravel, SARL au capital de 10 000 €, RCS Paris."],
         "maisonravel", "Maison Ravel"),
        # an association's "e. V." is read with its dot, and wins over the bare © holder
        (["ZVEI e. V.", "Lyoner Straße 9", "© 2022 ZVEI"], "zvei", "ZVEI e. V"),
    ],
)  # fmt: skip
def test_the_firm_the_page_names_as_its_own_comes_first(lines: list[str], site: str, want: str) -> None:
    assert legal(lines, site) == want


def test_a_vendor_named_by_the_page_does_not_outrank_the_sites_own_copyright() -> None:
    """ "provided by Google LLC" names a vendor, not the firm in charge of the site."""
    lines = ["Our maps are provided by Google LLC, Mountain View.", "© 2024 Kelvara"]
    assert legal(lines, "kelvara") == "Kelvara"


def test_a_list_item_c_and_a_persons_copyright_are_no_legal_name() -> None:
    assert legal(["(a) Profile Data (b) Usage Data (c) Technical Data (d) Communications Data"]) is None
    assert legal(["© Wes Bos"], "learnnode") is None


def test_the_controller_of_a_privacy_page_end_to_end() -> None:
    page = (
        "<!doctype html><html><head><title>Politique de confidentialité | Lunaro</title></head><body><main>"
        "<p>Le responsable du traitement est Lunaro Digital SAS.</p><p>Lunaro Digital SAS</p>"
        "<p>8 rue Oberkampf 75011 Paris</p></main><footer><p>© 2026 Lunaro</p></footer></body></html>"
    )
    facts = extract_page(page.encode(), "https://www.lunaro.fr/confidentialite", "text/html").facts
    assert [f.value for f in facts if f.field == "legal_name"] == ["Lunaro Digital SAS"]


@pytest.mark.parametrize(
    "line",
    ["Kovo Praha s.r.o.", "Budapesti Gépgyár Kft.", "Ljubljanski Les d.o.o.", "Mumbai Spices Pvt. Ltd.",
     "Aceros del Norte, S. de R.L. de C.V.", "Cafés do Sul Ltda.", "Harbour Ships Pte. Ltd.",
     "Teknik Jaya Sdn. Bhd.", "Fiskur og Salt ehf.", "Aalto Muotoilu Oy Ab", "Vinhos do Douro, Unipessoal Lda.",
     "Škoda a synové s.r.o.", "Bergström och Söner AB (publ)", "Atelier Dubois Ltée", "Lyon Soie SRL"],
)  # fmt: skip
def test_the_legal_forms_of_more_countries(line: str) -> None:
    """Names with the forms of more countries, upper-case letters beyond Latin-1 ("Š") and the
    word "and" of their language ("a", "och", "og")."""
    assert legal(["Kontakt", line, "x"]) == line.rstrip(".")


def test_a_name_opening_a_footer_line_before_its_address_or_id() -> None:
    """Czech footer: the firm, then its address and company id on the same line."""
    assert legal(["Kovo Praha s.r.o., Na Příkopě 12, 110 00 Praha 1 · IČO 12345678"]) == "Kovo Praha s.r.o"
    # the name must open the line: a firm named in a sentence is not the site's
    assert legal(["Naším dodavatelem je Ocel Brno s.r.o., Hlavní 3, 602 00 Brno"]) is None


def test_a_legal_name_row_wins_over_the_copyright_holder() -> None:
    """A Portuguese company sheet: "Denominação social" gives the legal name."""
    lines = ["Ficha da empresa", "Denominação social", "Vinhos do Douro, Lda.", "© 2025 Douro Wines"]
    assert legal(lines, "dourowines") == "Vinhos do Douro, Lda"
    assert legal(["Razón social: Bodegas Ribera, S.L.", "© Ribera"], "ribera") == "Bodegas Ribera, S.L"


def test_a_chinese_firms_name_in_its_own_script_wins_over_its_translation() -> None:
    """A mainland Chinese footer: "北京星辰科技有限公司" is the legal name, the © line translates it."""
    lines = ["北京星辰科技有限公司 统一社会信用代码 91110000555123456X", "© 2025 Beijing Xingchen Technology Co., Ltd."]
    assert legal(lines, "xingchen") == "北京星辰科技有限公司"
    assert legal(["주식회사 부산해양", "Copyright © BUSAN MARINE CO., LTD."], "busanmarine") == "주식회사 부산해양"


@pytest.mark.parametrize(
    ("lines", "site", "want"),
    [
        (["Контакты", "ООО «Ромашка»", "© 2025 Romashka LLC"], "romashka", "ООО «Ромашка»"),
        (["Liên hệ", "Công ty TNHH Sao Mai", "© Sao Mai Co., Ltd."], "saomai", "Công ty TNHH Sao Mai"),
        (["Επικοινωνία", "Ελληνικά Τρόφιμα Α.Ε."], "trofima", "Ελληνικά Τρόφιμα Α.Ε"),
        (["Kontak", "PT Sinar Jaya Abadi Tbk"], "sinarjaya", "PT Sinar Jaya Abadi Tbk"),
        (["ติดต่อ", "บริษัท สยามเทค จำกัด"], "siamtech", "บริษัท สยามเทค จำกัด"),
    ],
)  # fmt: skip
def test_forms_written_around_the_name_in_other_scripts(lines: list[str], site: str, want: str) -> None:
    """Cyrillic form and quoted name, Vietnamese and Thai forms before the name, Greek after it."""
    assert legal(lines, site) == want


def test_a_baltic_form_before_a_quoted_name_opening_a_footer_line() -> None:
    assert legal(["UAB „Baltijos medis“, Gedimino pr. 10, LT-01103 Vilnius"], "medis") == "UAB „Baltijos medis“"


_QUOTED = """<html lang="fr"><body><main><h1>Atelier Vert</h1>
<figure><blockquote><p>« Un partenaire fiable depuis dix ans. »</p></blockquote>
<figcaption>{who}</figcaption></figure>
<p>Nous fabriquons des meubles en bois massif.</p></main>
<footer>{footer}</footer></body></html>"""


@pytest.mark.parametrize("who", [
    "Claire Dubois, Directrice commerciale, Lumière SARL",
    "Tom Becker, Head of Purchasing, Northwind Ltd",
])
def test_a_quoted_persons_line_names_their_employer_not_the_site(who: str) -> None:
    """A person, a job title, then a firm: the line under a testimonial says where the quoted
    person works. That firm is a customer, never the site's legal name, whether or not the
    page states its own."""
    with_own = _QUOTED.format(who=who, footer="© 2026 Atelier Vert SAS").encode()
    facts = extract_page(with_own, "https://ateliervert.example/", "text/html").facts
    assert [f.value for f in facts if f.field == "legal_name"] == ["Atelier Vert SAS"]
    alone = _QUOTED.format(who=who, footer="").encode()
    facts = extract_page(alone, "https://ateliervert.example/", "text/html").facts
    assert [f.value for f in facts if f.field == "legal_name"] == []


def test_the_owners_line_of_the_sites_own_firm_still_names_it() -> None:
    """The same shape naming the site's own firm is its owner's line, not a customer's."""
    assert company_name.attribution("Peter Schmidt, Inhaber, Schmidt Bau GmbH", "schmidtbau") is False
    assert company_name.attribution("Peter Schmidt, Inhaber, Schmidt Bau GmbH") is True
