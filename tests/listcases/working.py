"""The working list cases: eight languages, five builder styles of offers and of openings."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from tests.listcases.lexicon import Lang, Offer, Opening

LANGS: dict[str, Lang] = {
    "en": Lang(
        code="en", offers="Shop our bestsellers", jobs="Open positions", blog="From the blog",
        products=("Espresso machine", "Coffee grinder", "Milk frother", "Travel mug", "Cold brew kit"),
        jobs_list=(("Senior Backend Engineer", "London"), ("Account Executive", "Manchester"),
                   ("Product Designer", "Remote"), ("Customer Success Manager", "Leeds"),
                   ("Warehouse Operative", "Bristol")),
        new_job=("Head of Finance", "London"),
        formats=("${a}", "USD {a}"), decimal=".", group=",", vat="incl. VAT", since="from",
        more="Read more", apply="Apply now"),
    "de": Lang(
        code="de", offers="Unsere Angebote", jobs="Offene Stellen", blog="Aus dem Blog",
        products=("Kaffeevollautomat", "Kaffeemühle", "Milchaufschäumer", "Thermobecher",
                  "Entkalker-Set"),
        jobs_list=(("Vertriebsmitarbeiter (m/w/d)", "München"), ("Buchhalter (m/w/d)", "Berlin"),
                   ("Softwareentwickler (m/w/d)", "Hamburg"), ("Lagerist (m/w/d)", "Köln"),
                   ("Servicetechniker (m/w/d)", "Stuttgart")),
        new_job=("Werkstudent Marketing (m/w/d)", "Frankfurt am Main"),
        formats=("{a} €", "EUR {a},-"), decimal=",", group=".", vat="inkl. MwSt.", since="ab",
        more="Mehr erfahren", apply="Jetzt bewerben"),
    "fr": Lang(
        code="fr", offers="Nos offres du moment", jobs="Nous recrutons", blog="Le blog",
        products=("Machine à expresso", "Moulin à café", "Mousseur à lait", "Tasse isotherme",
                  "Kit de détartrage"),
        jobs_list=(("Chargé de clientèle H/F", "Paris"), ("Comptable H/F", "Lyon"),
                   ("Développeur full stack H/F", "Nantes"), ("Préparateur de commandes H/F", "Lille"),
                   ("Technicien de maintenance H/F", "Bordeaux")),
        new_job=("Responsable marketing H/F", "Marseille"),
        formats=("{a} €", "{a} EUR"), decimal=",", group="\u202f", vat="TTC", since="à partir de",
        more="En savoir plus", apply="Postuler"),
    "es": Lang(
        code="es", offers="Ofertas destacadas", jobs="Trabaja con nosotros", blog="Blog",
        products=("Cafetera espresso", "Molinillo de café", "Espumador de leche", "Taza térmica",
                  "Kit descalcificador"),
        jobs_list=(("Comercial de zona", "Madrid"), ("Administrativo contable", "Barcelona"),
                   ("Desarrollador frontend", "Valencia"), ("Mozo de almacén", "Sevilla"),
                   ("Técnico de mantenimiento", "Bilbao")),
        new_job=("Responsable de compras", "Málaga"),
        formats=("{a} €", "€{a}"), decimal=",", group=".", vat="IVA incluido", since="desde",
        more="Ver más", apply="Inscribirme"),
    "nl": Lang(
        code="nl", offers="Aanbiedingen", jobs="Vacatures", blog="Laatste blogs",
        products=("Espressomachine", "Koffiemolen", "Melkopschuimer", "Thermosbeker",
                  "Ontkalkingsset"),
        jobs_list=(("Medewerker klantenservice", "Amsterdam"), ("Financieel administrateur", "Utrecht"),
                   ("Backend developer", "Rotterdam"), ("Magazijnmedewerker", "Eindhoven"),
                   ("Monteur", "Groningen")),
        new_job=("Marketingmedewerker", "Den Haag"),
        formats=("€ {a}", "{a} EUR"), decimal=",", group=".", vat="incl. btw", since="vanaf",
        more="Lees meer", apply="Solliciteer"),
    "pt": Lang(
        code="pt", offers="Promoções", jobs="Vagas abertas", blog="Do nosso blog",
        products=("Máquina de café expresso", "Moedor de café", "Espumador de leite",
                  "Caneca térmica", "Kit de limpeza"),
        jobs_list=(("Analista financeiro", "São Paulo"), ("Vendedor externo", "Rio de Janeiro"),
                   ("Desenvolvedor Python", "Belo Horizonte"), ("Auxiliar de estoque", "Curitiba"),
                   ("Técnico de manutenção", "Recife")),
        new_job=("Coordenador de marketing", "Porto Alegre"),
        formats=("R$ {a}", "BRL {a}"), decimal=",", group=".", vat="à vista", since="a partir de",
        more="Saiba mais", apply="Candidate-se"),
    "ja": Lang(
        code="ja", offers="おすすめ商品", jobs="採用情報", blog="ブログ",
        products=("全自動コーヒーメーカー", "コーヒーミル", "ミルクフォーマー", "真空断熱タンブラー",
                  "水出しコーヒーセット"),
        jobs_list=(("営業職（正社員）", "東京都"), ("経理スタッフ", "大阪府"), ("Webエンジニア", "福岡県"),
                   ("倉庫作業スタッフ", "埼玉県"), ("カスタマーサポート", "札幌市")),
        new_job=("マーケティング担当", "名古屋市"),
        formats=("¥{a}", "{a}円"), decimal="", group=",", vat="（税込）", since="",
        more="詳しく見る", apply="応募する"),
    "sv": Lang(
        code="sv", offers="Erbjudanden", jobs="Lediga tjänster", blog="Från bloggen",
        products=("Espressomaskin", "Kaffekvarn", "Mjölkskummare", "Termosmugg", "Avkalkningskit"),
        jobs_list=(("Säljare", "Stockholm"), ("Ekonomiassistent", "Göteborg"),
                   ("Systemutvecklare", "Malmö"), ("Lagerarbetare", "Uppsala"),
                   ("Servicetekniker", "Linköping")),
        new_job=("Marknadskoordinator", "Örebro"),
        formats=("{a} kr", "SEK {a}"), decimal=",", group=" ", vat="inkl. moms", since="från",
        more="Läs mer", apply="Ansök"),
}


def woocommerce_offers(lang: Lang, offers: list[Offer]) -> str:
    rows = "".join(
        f'<li class="product type-product status-publish instock has-post-title">'
        f'<a href="{o.url}" class="woocommerce-LoopProduct-link woocommerce-loop-product__link">'
        f'<img src="/wp-content/uploads/p{i}-300x300.jpg" alt="">'
        f'<h2 class="woocommerce-loop-product__title">{escape(o.name)}</h2>'
        f'<span class="price"><span class="woocommerce-Price-amount amount"><bdi>{escape(o.price)}'
        f'</bdi></span></span></a><a href="?add-to-cart={100 + i}" data-quantity="1" '
        f'class="button add_to_cart_button">In den Warenkorb</a></li>' for i, o in enumerate(offers))
    return (f'<section class="wp-block-group"><h2 class="wp-block-heading">{escape(lang.offers)}</h2>'
            f'<div class="woocommerce columns-4"><ul class="products columns-4">{rows}</ul></div></section>')


def shopify_offers(lang: Lang, offers: list[Offer]) -> str:
    rows = "".join(
        f'<li class="grid__item"><div class="card-wrapper product-card-wrapper"><div class="card">'
        f'<div class="card__media"><img src="//cdn.shop/files/p{i}.jpg?width=533" alt=""></div>'
        f'<div class="card__content"><h3 class="card__heading h5"><a href="{o.url}" '
        f'class="full-unstyled-link">{escape(o.name)}</a></h3><div class="price"><div class="price__container">'
        f'<div class="price__regular"><span class="visually-hidden">Regular price</span>'
        f'<span class="price-item price-item--regular">{escape(o.price)}</span></div></div></div>'
        f'</div></div></div></li>' for i, o in enumerate(offers))
    return (f'<div class="collection section-template--featured"><div class="title-wrapper">'
            f'<h2 class="title inline-richtext h2">{escape(lang.offers)}</h2></div>'
            f'<ul class="grid product-grid grid--4-col-desktop">{rows}</ul></div>')


def wix_offers(lang: Lang, offers: list[Offer]) -> str:
    rows = "".join(
        f'<li data-hook="product-list-grid-item"><div data-hook="product-item-root" class="ETPbIy">'
        f'<a href="{o.url}" data-hook="product-item-container" class="JPDEZd"><div class="oCA3pd">'
        f'<img src="https://static.wixstatic.com/media/p{i}.jpg" alt=""></div></a>'
        f'<div class="wCZ8Lz"><a href="{o.url}" class="JPDEZd"><p data-hook="product-item-name" '
        f'class="sOyVPm">{escape(o.name)}</p></a><div data-hook="product-item-price-to-pay" '
        f'class="cfpn1d"><span data-hook="product-item-price-to-pay">{escape(o.price)}</span></div>'
        f'</div></div></li>' for i, o in enumerate(offers))
    return (f'<div data-testid="richTextElement"><h2 class="font_2">{escape(lang.offers)}</h2></div>'
            f'<section data-hook="product-list"><ul data-hook="product-list-wrapper" class="S4WbK_">'
            f'{rows}</ul></section>')


def table_offers(lang: Lang, offers: list[Offer]) -> str:
    rows = "".join(f'<tr><td><a href="{o.url}">{escape(o.name)}</a></td><td>{escape(o.price)}</td></tr>'
                   for o in offers)
    return f'<h2>{escape(lang.offers)}</h2><table><tbody>{rows}</tbody></table>'


def dl_offers(lang: Lang, offers: list[Offer]) -> str:
    rows = "".join(f'<dt><a href="{o.url}">{escape(o.name)}</a></dt><dd>{escape(o.price)}</dd>'
                   for o in offers)
    return f'<h3>{escape(lang.offers)}</h3><dl class="offers">{rows}</dl>'


def personio_jobs(lang: Lang, jobs: list[Opening]) -> str:
    rows = "".join(
        f'<a class="job-box-link job-position" href="{j.url}" data-job-position-id="{1000 + i}">'
        f'<div class="jb-title">{escape(j.title)}</div><div class="jb-description">'
        f'<span>Vollzeit</span> · <span>{escape(j.location)}</span></div></a>'
        for i, j in enumerate(jobs))
    return (f'<div class="personio-widget"><h2>{escape(lang.jobs)}</h2>'
            f'<div class="job-list" id="job-list">{rows}</div></div>')


def greenhouse_jobs(lang: Lang, jobs: list[Opening]) -> str:
    rows = "".join(
        f'<div class="opening" department_id="4{i % 2}" office_id="7{i}"><a data-mapped="true" '
        f'href="{j.url}">{escape(j.title)}</a><span class="location">{escape(j.location)}</span></div>'
        for i, j in enumerate(jobs))
    return (f'<div id="grnhse_app"><section class="level-0"><h3 id="d0">{escape(lang.jobs)}</h3>'
            f'{rows}</section></div>')


def table_jobs(lang: Lang, jobs: list[Opening]) -> str:
    rows = "".join(f'<tr><td><a href="{j.url}">{escape(j.title)}</a></td><td>{escape(j.location)}</td>'
                   f'<td><a href="{j.url}">{escape(lang.apply)}</a></td></tr>' for j in jobs)
    return f'<h2>{escape(lang.jobs)}</h2><table class="jobs"><tbody>{rows}</tbody></table>'


def dl_jobs(lang: Lang, jobs: list[Opening]) -> str:
    rows = "".join(f'<dt><a href="{j.url}">{escape(j.title)}</a></dt><dd>{escape(j.location)}</dd>'
                   for j in jobs)
    return f'<h2>{escape(lang.jobs)}</h2><dl>{rows}</dl>'


def wix_jobs(lang: Lang, jobs: list[Opening]) -> str:
    rows = "".join(
        f'<div role="listitem" class="Zc7IjY"><div data-testid="container-bg"></div>'
        f'<div data-testid="richTextElement" class="wixui-rich-text"><h5 class="font_5">'
        f'<a href="{j.url}">{escape(j.title)}</a></h5></div><div data-testid="richTextElement" '
        f'class="wixui-rich-text"><p class="font_8">{escape(j.location)}</p></div></div>' for j in jobs)
    return (f'<div data-testid="richTextElement"><h2 class="font_2">{escape(lang.jobs)}</h2></div>'
            f'<div data-testid="repeater" role="list" class="wixui-repeater">{rows}</div>')


OFFER_STYLES = {"woocommerce": woocommerce_offers, "shopify": shopify_offers, "wix": wix_offers,
                "table": table_offers, "dl": dl_offers}
JOB_STYLES = {"personio": personio_jobs, "greenhouse": greenhouse_jobs, "table": table_jobs,
              "dl": dl_jobs, "wix": wix_jobs}


# House styles with no link per entry: a card, a row, a term, a line, a label, a figure.
def plain_offers(style: str) -> Callable[[Lang, list[Offer]], str]:
    def render(lang: Lang, offers: list[Offer]) -> str:
        if style == "cards":
            rows = "".join(f'<div class="card"><h3>{escape(o.name)}</h3><p class="price">'
                           f'{escape(o.price)}</p></div>' for o in offers)
            body = f'<div class="offers">{rows}</div>'
        elif style == "rows":
            body = "<table>" + "".join(f"<tr><td>{escape(o.name)}</td><td>{escape(o.price)}</td></tr>"
                                       for o in offers) + "</table>"
        elif style == "terms":
            body = "<dl>" + "".join(f"<dt>{escape(o.name)}</dt><dd>{escape(o.price)}</dd>"
                                    for o in offers) + "</dl>"
        elif style == "lines":
            body = "".join(f"<p>{escape(o.name)}, {escape(o.price)}</p>" for o in offers)
        else:  # figure
            body = "".join(f'<figure><img src="/o{k}.jpg" alt=""><figcaption><strong>{escape(o.name)}'
                           f'</strong><br>{escape(o.price)}</figcaption></figure>' for k, o in enumerate(offers))
        return f'<section class="offers-wrap"><h2>{escape(lang.offers)}</h2>{body}</section>'
    return render


def plain_jobs(style: str) -> Callable[[Lang, list[Opening]], str]:
    def render(lang: Lang, jobs: list[Opening]) -> str:
        if style == "cards":
            rows = "".join(f'<div class="card"><h3>{escape(j.title)}</h3><p>{escape(j.location)}</p></div>'
                           for j in jobs)
            body = f'<div class="jobs">{rows}</div>'
        elif style == "rows":
            body = "<table>" + "".join(f"<tr><td>{escape(j.title)}</td><td>{escape(j.location)}</td></tr>"
                                       for j in jobs) + "</table>"
        elif style == "terms":
            body = "<dl>" + "".join(f"<dt>{escape(j.title)}</dt><dd>{escape(j.location)}</dd>"
                                    for j in jobs) + "</dl>"
        elif style == "lines":
            body = "".join(f"<p>{escape(j.title)}, {escape(j.location)}</p>" for j in jobs)
        else:  # figure
            body = "".join(f'<figure><figcaption><strong>{escape(j.title)}</strong><br>'
                           f'{escape(j.location)}</figcaption></figure>' for j in jobs)
        return f'<section class="jobs-wrap"><h2>{escape(lang.jobs)}</h2>{body}</section>'
    return render


PLAIN = ("cards", "rows", "terms", "lines", "figure")
OFFER_STYLES.update({f"plain-{s}": plain_offers(s) for s in PLAIN})
JOB_STYLES.update({f"plain-{s}": plain_jobs(s) for s in PLAIN})


def jsonld_offers(lang: Lang, offers: list[Offer]) -> str:
    """Plain cards, and the same products declared in schema.org JSON-LD (figures, no format)."""
    data = {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": k + 1, "item": {
            "@type": "Product", "name": o.name, "offers": {
                "@type": "Offer", "price": f"{o.value:.2f}",
                "priceCurrency": "EUR"}}} for k, o in enumerate(offers)]}
    script = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    return script + plain_offers("cards")(lang, offers)


OFFER_STYLES["jsonld"] = jsonld_offers
