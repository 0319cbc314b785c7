"""Titles of many languages from one data file (data/titles.tsv): titles before a name and
post-nominals after it are dropped, honorifics that are part of a name are kept, procuration
lines name people and a company's bodies are not people (monitor.extract.titles,
monitor.normalize.person_name, monitor.extract.caseless, monitor.extract.lexicon). Each case
is written for the test.
"""

from __future__ import annotations

import pytest

from monitor.extract import caseless
from monitor.extract.given import starts_with_given
from monitor.extract.lexicon import names_a_body
from monitor.extract.page import extract_page
from monitor.extract.titles import titles
from monitor.normalize import person_name


def people_of(body: str, lang: str, url: str = "https://example.com/impressum") -> dict[str, str]:
    page = f'<!doctype html><html lang="{lang}"><head><title>Page</title></head><body>{body}</body></html>'
    facts = extract_page(page.encode(), url, "text/html").facts
    return {f.value: f.role or "" for f in facts if f.field == "person"}


def test_the_data_covers_fifty_languages_before_and_after() -> None:
    langs = {t.lang for t in titles()}
    assert len(langs) >= 50
    assert {t.position for t in titles()} == {"before", "after", "name"}


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Dr. rer. nat. Heike Brandner", "Heike Brandner"),
        ("Dr. med. Ulrich Sommer", "Ulrich Sommer"),
        ("Dipl.-Kffr. Carina Lutz", "Carina Lutz"),
        ("Dipl.-Betriebsw. (FH) Oliver Mertens", "Oliver Mertens"),
        ("prof. dr hab. inż. Tomasz Nowicki", "Tomasz Nowicki"),
        ("mgr inż. Ewa Kamińska", "Ewa Kamińska"),
        ("Ing. arch. Jana Veselá", "Jana Veselá"),
        ("MUDr. Petr Svoboda, Ph.D.", "Petr Svoboda"),
        ("lic. iur. Reto Baumann", "Reto Baumann"),
        ("Mag. iur. Lukas Hofer", "Lukas Hofer"),
        ("Bw. Hamisi Mwakyusa", "Hamisi Mwakyusa"),
        ("Ndugu Neema Mushi", "Neema Mushi"),
        ("Bi. Rehema Omari", "Rehema Omari"),
        ("Neema Mushi, CPA", "Neema Mushi"),
        ("Alhaji Sani Bello", "Sani Bello"),
        ("Arábìnrin Funmilayo Adeyemi", "Funmilayo Adeyemi"),
        ("Mnu. Sipho Dlamini", "Sipho Dlamini"),
        ("Mnr. Pieter Botha", "Pieter Botha"),
        ("Atty. Maria Santos Reyes", "Maria Santos Reyes"),
        ("Tan Sri Ahmad Zaki", "Ahmad Zaki"),
        ("Prof. Dr. Elif Demir", "Elif Demir"),
        ("Op. Dr. Murat Kaya", "Murat Kaya"),
        ("Cənab Rəşad Əliyev", "Rəşad Əliyev"),
        ("Leyla Məmmədova xanım", "Leyla Məmmədova"),
        ("Doc. Ing. Marek Horváth, PhD.", "Marek Horváth"),
        ("Dr. sc. Ivana Kovač", "Ivana Kovač"),
        ("Г-жа Елена Петрова", "Елена Петрова"),
        ("Проф. Олена Коваленко", "Олена Коваленко"),
        ("Fru Karin Lund", "Karin Lund"),
        ("Sig.ra Giulia Conti", "Giulia Conti"),
        ("Anna Virtanen, KTM", "Anna Virtanen"),
        ("Jean-Marc Dubois fils", "Jean-Marc Dubois"),
        ("王伟先生", "王伟"),
        ("田中一郎様", "田中一郎"),
        ("김민수님", "김민수"),
        ("Ọ̀gbẹ́ni Adébáyọ̀ Ọláòṣebìkan", "Adébáyọ̀ Ọláòṣebìkan"),  # Yoruba Mr; combining accents
        ("Alhaja Kẹ́hìndé Ọlárìndé", "Kẹ́hìndé Ọlárìndé"),
    ],
)
def test_titles_and_post_nominals_of_many_languages_are_dropped(raw: str, name: str) -> None:
    assert person_name(raw) == name


@pytest.mark.parametrize(
    "raw",
    ["Tim Cook", "Don Johnson", "Pan Wei Lin", "Amartya Sen", "Anna Jun"],
)
def test_names_that_look_like_titles_are_kept(raw: str) -> None:
    assert person_name(raw) == raw


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("مهندس علی رضایی", "علی رضایی"),  # Persian engineer
        ("ڈاکٹر عمران احمد", "عمران احمد"),  # Urdu doctor
        ("डॉ. सुनील पाटील", "सुनील पाटील"),  # Marathi doctor
        ("শ্রী অমিত দাস", "অমিত দাস"),  # Bengali Mr
        ("ທ່ານນາງ ບຸນມີ ສີສະຫວັດ", "ບຸນມີ ສີສະຫວັດ"),  # Lao Mrs
        ("ዶ/ር አበበ ከበደ", "አበበ ከበደ"),  # Amharic doctor
    ],
)
def test_caseless_titles_come_from_the_same_list(raw: str, name: str) -> None:
    assert caseless.name(raw) == name


def test_burmese_honorifics_stay_in_the_name() -> None:
    assert caseless.name("ဦး အောင် ကျော်") == "ဦး အောင် ကျော်"


def test_first_name_check_skips_multi_word_titles() -> None:
    assert starts_with_given("Dr. rer. nat. Anna Weber")
    assert not starts_with_given("Dr. rer. nat. Sonnenschein Werke")


@pytest.mark.parametrize(
    "raw",
    ["Supervisory Board", "Müşahidə Şurası", "İdarə Heyəti", "Raad van Bestuur", "Zarząd Spółki",
     "Verwaltungsrat Präsidium", "Comité Exécutif", "Denetim Kurulu", "Hallitus Oyj"],
)
def test_company_bodies_are_not_people(raw: str) -> None:
    assert names_a_body(raw)
    assert person_name(raw) is None


@pytest.mark.parametrize("raw", ["Tom Lehrer", "Guro Hansen", "Valde Tamm", "Anna Board"])
def test_people_whose_names_hold_a_body_word_are_people(raw: str) -> None:
    assert not names_a_body(raw)


@pytest.mark.parametrize(
    ("lang", "line", "role"),
    [
        ("de", "Prokura: Sabine Roth, Jens Albrecht", "Prokura"),
        ("de", "Gesamtprokura: Sabine Roth und Jens Albrecht", "Gesamtprokura"),
        ("de", "Prokuristen: Sabine Roth, Jens Albrecht", "Prokuristen"),
        ("pl", "Prokurent: Sabine Roth, Jens Albrecht", "Prokurent"),
        ("sv", "Prokurist: Sabine Roth, Jens Albrecht", "Prokurist"),
    ],
)
def test_procuration_lines_name_people(lang: str, line: str, role: str) -> None:
    people = people_of(f"<h1>Impressum</h1><p>Musterfirma GmbH</p><p>{line}</p>", lang)
    assert people.get("Sabine Roth") == role
    assert people.get("Jens Albrecht") == role


def test_a_body_heading_in_a_board_list_is_not_a_person() -> None:
    people = people_of(
        "<h2>Müşahidə Şurası</h2><ul><li><strong>Rəşad Əliyev</strong><br>Sədr</li>"
        "<li><strong>Leyla Məmmədova</strong><br>Üzv</li></ul>"
        "<h2>İdarə Heyəti</h2><ul><li><strong>Elçin Hüseynov</strong><br>Sədr</li></ul>",
        "az",
        "https://example.az/rehberlik",
    )
    assert not {"Müşahidə Şurası", "İdarə Heyəti"} & set(people)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("คุณสมชาย วงศ์สวัสดิ์", "สมชาย วงศ์สวัสดิ์"),  # Thai "khun" written onto the name
        ("ผศ.ดร.สมชาย ใจดี", "สมชาย ใจดี"),  # two titles, both written on
        ("นพ.ธนพล เจริญรัตน์", "ธนพล เจริญรัตน์"),
        ("คุณากร สุขใจ", "คุณากร สุขใจ"),  # a given name that starts with the title's letters
    ],
)
def test_caseless_titles_written_onto_the_name(raw: str, name: str) -> None:
    assert caseless.name(raw) == name
    assert person_name(raw) == name
