"""The held-aside list cases: languages and builder styles the working cases do not use.

Read only to report figures at the end (``python -m tests.listcases.run --held``): nothing
here is looked at while the rules are written.
"""

from __future__ import annotations

from html import escape

from tests.listcases.lexicon import Lang, Offer, Opening

LANGS: dict[str, Lang] = {
    "it": Lang(
        code="it", offers="Le nostre offerte", jobs="Posizioni aperte", blog="Dal blog",
        products=("Zaino da trekking", "Tenda leggera", "Sacco a pelo", "Fornello da campo",
                  "Lampada frontale"),
        jobs_list=(("Tecnico di assistenza", "Milano"), ("Responsabile vendite", "Roma"),
                   ("Sviluppatore backend", "Torino"), ("Magazziniere", "Bologna"),
                   ("Contabile", "Firenze")),
        new_job=("Addetto al marketing", "Napoli"),
        formats=("{a} €", "€ {a}"), decimal=",", group=".", vat="IVA inclusa", since="da",
        more="Scopri di più", apply="Candidati"),
    "pl": Lang(
        code="pl", offers="Nasza oferta", jobs="Oferty pracy", blog="Blog",
        products=("Rower miejski", "Kask rowerowy", "Lampka przednia", "Zapięcie do roweru",
                  "Pompka ręczna"),
        jobs_list=(("Specjalista ds. sprzedaży", "Warszawa"), ("Księgowa", "Kraków"),
                   ("Programista Java", "Wrocław"), ("Magazynier", "Poznań"),
                   ("Kierowca kat. C", "Gdańsk")),
        new_job=("Konsultant ds. klienta", "Łódź"),
        formats=("{a} zł", "{a} PLN"), decimal=",", group=" ", vat="brutto", since="od",
        more="Zobacz", apply="Aplikuj"),
    "da": Lang(
        code="da", offers="Vores tilbud", jobs="Ledige stillinger", blog="Nyheder fra bloggen",
        products=("Havebord i teak", "Solseng", "Parasol", "Udekøkken", "Havestol"),
        jobs_list=(("Butiksassistent", "København"), ("Lagermedarbejder", "Aarhus"),
                   ("Økonomiassistent", "Odense"), ("Projektleder", "Aalborg"),
                   ("Salgskonsulent", "Vejle")),
        new_job=("Kundeservicemedarbejder", "Esbjerg"),
        formats=("{a} kr.", "DKK {a}"), decimal=",", group=".", vat="inkl. moms", since="fra",
        more="Se mere", apply="Søg stillingen"),
    "cs": Lang(
        code="cs", offers="Akční nabídka", jobs="Kariéra", blog="Novinky z blogu",
        products=("Kávovar", "Mlýnek na kávu", "Konvice", "Sada šálků", "Pěnič mléka"),
        jobs_list=(("Barista", "Praha"), ("Vedoucí prodejny", "Brno"), ("Účetní", "Ostrava"),
                   ("Skladník", "Plzeň"), ("Obchodní zástupce", "Olomouc")),
        new_job=("Kurýr", "Liberec"),
        formats=("{a} Kč", "CZK {a}"), decimal=",", group=" ", vat="vč. DPH", since="od",
        more="Více", apply="Mám zájem"),
}


def webflow_offers(lang: Lang, offers: list[Offer]) -> str:
    """A Webflow CMS collection list of products."""
    rows = "".join(
        f'<div role="listitem" class="w-dyn-item"><a href="{o.url}" class="product-link w-inline-block">'
        f'<img src="/images/p{i}.jpg" alt="" class="product-image"><div class="product-name">'
        f'{escape(o.name)}</div></a><div class="product-price-wrap"><div class="text-block-7">'
        f'{escape(o.price)}</div></div></div>' for i, o in enumerate(offers))
    return (f'<div class="section-products"><h2 class="heading-3">{escape(lang.offers)}</h2>'
            f'<div class="w-dyn-list"><div role="list" class="w-dyn-items w-row">{rows}</div></div></div>')


def webflow_jobs(lang: Lang, jobs: list[Opening]) -> str:
    """A Webflow CMS collection list of openings."""
    rows = "".join(
        f'<div role="listitem" class="job-item w-dyn-item"><a href="{j.url}" class="job-link w-inline-block">'
        f'<h4 class="job-title">{escape(j.title)}</h4><div class="job-meta">{escape(j.location)}</div>'
        f'</a></div>' for j in jobs)
    return (f'<div class="section-careers"><h2>{escape(lang.jobs)}</h2>'
            f'<div class="w-dyn-list"><div role="list" class="w-dyn-items">{rows}</div></div></div>')


def elementor_offers(lang: Lang, offers: list[Offer]) -> str:
    """Elementor price boxes in columns."""
    cols = "".join(
        f'<div class="elementor-column elementor-col-25"><div class="elementor-widget-wrap">'
        f'<div class="elementor-widget elementor-widget-heading"><h3 class="elementor-heading-title">'
        f'<a href="{o.url}">{escape(o.name)}</a></h3></div><div class="elementor-widget '
        f'elementor-widget-text-editor"><p><strong>{escape(o.price)}</strong></p></div></div></div>'
        for o in offers)
    return (f'<section class="elementor-section"><div class="elementor-container">'
            f'<h2 class="elementor-heading-title">{escape(lang.offers)}</h2></div>'
            f'<div class="elementor-container elementor-column-gap-default">{cols}</div></section>')


def elementor_jobs(lang: Lang, jobs: list[Opening]) -> str:
    """Elementor icon list of openings."""
    rows = "".join(
        f'<li class="elementor-icon-list-item"><a href="{j.url}"><span class="elementor-icon-list-text">'
        f'{escape(j.title)} – {escape(j.location)}</span></a></li>' for j in jobs)
    return (f'<section class="elementor-section"><h2 class="elementor-heading-title">{escape(lang.jobs)}</h2>'
            f'<ul class="elementor-icon-list-items">{rows}</ul></section>')


OFFER_STYLES = {"webflow": webflow_offers, "elementor": elementor_offers}
JOB_STYLES = {"webflow": webflow_jobs, "elementor": elementor_jobs}
