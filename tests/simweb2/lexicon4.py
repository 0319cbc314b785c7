"""The words the fourth noise set writes, in every language of the second simulated web.

Headings, relative dates, price notes, cookie banners, counters and country names as a company
site of each country writes them, so that every noise block of ``variants4`` speaks the page's
language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """One language's words for the fourth noise set."""

    people: str  # heading of a team-card sample
    month: str  # "employee of the month"
    voices: str  # heading of testimonials
    jobs: str  # heading of the job openings list
    prices: str  # heading of the price list
    from_: str  # "from" before a price
    vat: tuple[str, str]  # two notes saying a price is without VAT
    news: str  # heading of the news list
    most_read: str  # heading of a "most read" sidebar
    today: str
    yesterday: str
    days_ago: str  # "{n} days ago"
    cookie: tuple[str, str, str]  # three wordings of one cookie banner
    accept: str
    customers: str  # "{n} customers trust us"
    visit: str  # heading of the visiting address
    map: str  # a map link's text
    country: tuple[str, str]  # the country's name in its language and in English
    decimal: str  # the decimal separator
    group: str  # the thousands separator
    currency: str  # the currency's sign or code


_W = Words
WORDS: dict[str, Words] = {
    "en": _W("Our people", "Employee of the month", "What our customers say", "Open positions",
             "Pricing", "from", ("excl. VAT", "plus VAT"), "News", "Most read", "today",
             "yesterday", "{n} days ago",
             ("We use cookies to improve your experience.", "This site uses cookies.",
              "Cookies help us deliver our services."), "Accept",
             "{n} customers trust us", "Visit us", "Show map", ("United Kingdom", "United Kingdom"),
             ".", ",", "£"),
    "de": _W("Unser Team", "Mitarbeiter des Monats", "Das sagen unsere Kunden", "Offene Stellen",
             "Preise", "ab", ("zzgl. MwSt.", "netto"), "Aktuelles", "Meistgelesen", "heute",
             "gestern", "vor {n} Tagen",
             ("Wir verwenden Cookies, um Ihr Erlebnis zu verbessern.",
              "Diese Website verwendet Cookies.", "Cookies helfen uns bei der Bereitstellung."),
             "Akzeptieren", "{n} Kunden vertrauen uns", "Besuchen Sie uns", "Karte anzeigen",
             ("Deutschland", "Germany"), ",", ".", "€"),
    "fr": _W("Notre équipe", "Employé du mois", "Ils parlent de nous", "Offres d'emploi",
             "Tarifs", "à partir de", ("HT", "hors taxes"), "Actualités", "Les plus lus",
             "aujourd'hui", "hier", "il y a {n} jours",
             ("Nous utilisons des cookies pour améliorer votre expérience.",
              "Ce site utilise des cookies.", "Les cookies nous aident à fournir nos services."),
             "Accepter", "{n} clients nous font confiance", "Nous rendre visite",
             "Voir le plan", ("France", "France"), ",", "\u202f", "€"),
    "es": _W("Nuestro equipo", "Empleado del mes", "Lo que dicen nuestros clientes",
             "Ofertas de empleo", "Precios", "desde", ("IVA no incluido", "sin IVA"),
             "Noticias", "Lo más leído", "hoy", "ayer", "hace {n} días",
             ("Utilizamos cookies para mejorar su experiencia.", "Este sitio utiliza cookies.",
              "Las cookies nos ayudan a prestar nuestros servicios."), "Aceptar",
             "{n} clientes confían en nosotros", "Visítenos", "Ver mapa", ("España", "Spain"),
             ",", ".", "€"),
    "it": _W("Il nostro team", "Dipendente del mese", "Dicono di noi", "Posizioni aperte",
             "Prezzi", "da", ("IVA esclusa", "+ IVA"), "Notizie", "I più letti", "oggi", "ieri",
             "{n} giorni fa",
             ("Utilizziamo i cookie per migliorare la tua esperienza.",
              "Questo sito utilizza i cookie.", "I cookie ci aiutano a fornire i nostri servizi."),
             "Accetta", "{n} clienti si fidano di noi", "Vieni a trovarci", "Mostra mappa",
             ("Italia", "Italy"), ",", ".", "€"),
    "nl": _W("Ons team", "Medewerker van de maand", "Wat klanten zeggen", "Vacatures",
             "Prijzen", "vanaf", ("excl. btw", "exclusief btw"), "Nieuws", "Meest gelezen",
             "vandaag", "gisteren", "{n} dagen geleden",
             ("Wij gebruiken cookies om uw ervaring te verbeteren.",
              "Deze website gebruikt cookies.", "Cookies helpen ons onze diensten te leveren."),
             "Accepteren", "{n} klanten gingen u voor", "Bezoek ons", "Toon kaart",
             ("Nederland", "Netherlands"), ",", ".", "€"),
    "pt": _W("A nossa equipa", "Colaborador do mês", "O que dizem os clientes",
             "Ofertas de emprego", "Preços", "desde", ("IVA não incluído", "+ IVA"),
             "Notícias", "Mais lidas", "hoje", "ontem", "há {n} dias",
             ("Utilizamos cookies para melhorar a sua experiência.", "Este site utiliza cookies.",
              "Os cookies ajudam-nos a prestar os nossos serviços."), "Aceitar",
             "{n} clientes confiam em nós", "Visite-nos", "Ver mapa", ("Portugal", "Portugal"),
             ",", ".", "€"),
    "sv": _W("Vårt team", "Månadens medarbetare", "Vad kunderna säger", "Lediga tjänster",
             "Priser", "från", ("exkl. moms", "exklusive moms"), "Nyheter", "Mest läst", "i dag",
             "i går", "för {n} dagar sedan",
             ("Vi använder cookies för att förbättra din upplevelse.",
              "Den här webbplatsen använder cookies.", "Cookies hjälper oss att leverera tjänsterna."),
             "Godkänn", "{n} kunder litar på oss", "Besök oss", "Visa karta",
             ("Sverige", "Sweden"), ",", "\u00a0", "kr"),
    "no": _W("Vårt team", "Månedens medarbeider", "Hva kundene sier", "Ledige stillinger",
             "Priser", "fra", ("eks. mva.", "ekskl. mva."), "Nyheter", "Mest lest", "i dag",
             "i går", "for {n} dager siden",
             ("Vi bruker informasjonskapsler for å forbedre opplevelsen din.",
              "Dette nettstedet bruker informasjonskapsler.",
              "Informasjonskapsler hjelper oss å levere tjenestene."), "Godta",
             "{n} kunder stoler på oss", "Besøk oss", "Vis kart", ("Norge", "Norway"), ",",
             "\u00a0", "kr"),
    "da": _W("Vores team", "Månedens medarbejder", "Det siger kunderne", "Ledige stillinger",
             "Priser", "fra", ("ekskl. moms", "ex. moms"), "Nyheder", "Mest læste", "i dag",
             "i går", "for {n} dage siden",
             ("Vi bruger cookies for at forbedre din oplevelse.", "Dette websted bruger cookies.",
              "Cookies hjælper os med at levere vores tjenester."), "Accepter",
             "{n} kunder stoler på os", "Besøg os", "Vis kort", ("Danmark", "Denmark"), ",", ".",
             "kr."),
    "ja": _W("スタッフ", "今月のMVP", "お客様の声", "採用情報", "料金", "〜", ("税抜", "税別"),
             "お知らせ", "よく読まれている記事", "今日", "昨日", "{n}日前",
             ("当サイトではCookieを使用しています。", "本サイトはCookieを利用します。",
              "サービス向上のためCookieを使用しています。"), "同意する",
             "{n}社が導入", "アクセス", "地図を見る", ("日本", "Japan"), ".", ",", "円"),
}
