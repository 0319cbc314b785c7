"""The words the third noise set writes, in every language of the second simulated web.

Headings, calls to action, relative dates, countdowns, share prices, street abbreviations and
country names as a company site of each country writes them, so that every noise block of
``variants3`` speaks the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """One language's words for the third noise set."""

    spotlight: str  # heading of a "meet the team" card
    clients: str  # heading of a client-logo strip
    agenda: str  # heading of an upcoming-events list
    fair: str  # an event: a trade fair in a town
    webinar: str  # an event: a webinar on a theme
    open_day: str  # an event: an open day in a town
    press: str  # heading of a latest-press box
    today: str
    yesterday: str
    days_ago: str  # "{n} days ago"
    more: str  # a "read more" link
    cta: tuple[str, str]  # the two calls to action of an A/B-tested hero
    countdown: str  # "{n} days until {event}"
    updated: str  # "last updated {date}"
    share: str  # label of a share-price line
    currency: str  # how a price is written: "{v}" is the amount
    decimal: str  # the decimal separator
    country: str  # the country's name, as an address line
    plate: str  # the country's code before a postcode ("D-10115"), "" where unused
    abbrev: tuple[tuple[str, str], ...]  # street words and how addresses shorten them


_W = Words
WORDS: dict[str, Words] = {
    "en": _W("Meet the team", "Trusted by", "Upcoming events", "Trade fair", "Webinar",
             "Open day", "Press releases", "today", "yesterday", "{n} days ago", "Read more",
             ("Get a quote", "Talk to an expert"), "Only {n} days until {event}",
             "Last updated {date}", "Share price", "£{v}", ".", "United Kingdom", "",
             (("Street", "St"), ("Road", "Rd"), ("Lane", "Ln"))),
    "de": _W("Lernen Sie uns kennen", "Sie vertrauen uns", "Termine", "Messe", "Webinar",
             "Tag der offenen Tür", "Pressemitteilungen", "heute", "gestern", "vor {n} Tagen",
             "Weiterlesen", ("Angebot anfordern", "Jetzt beraten lassen"),
             "Noch {n} Tage bis zur {event}", "Stand: {date}", "Aktie", "{v} €", ",",
             "Deutschland", "D", (("straße", "str."), ("Straße", "Str."))),
    "fr": _W("Rencontrez l'équipe", "Nos références", "Agenda", "Salon", "Webinaire",
             "Journée portes ouvertes", "Communiqués de presse", "aujourd'hui", "hier",
             "il y a {n} jours", "Lire la suite", ("Demander un devis", "Parler à un expert"),
             "Plus que {n} jours avant le {event}", "Mis à jour le {date}", "Action",
             "{v}\u00a0€", ",", "France", "F",
             (("avenue", "av."), ("boulevard", "bd"))),
    "es": _W("Conozca al equipo", "Confían en nosotros", "Próximos eventos", "Feria",
             "Webinar", "Jornada de puertas abiertas", "Notas de prensa", "hoy", "ayer",
             "hace {n} días", "Leer más", ("Pedir presupuesto", "Hablar con un experto"),
             "Faltan {n} días para la {event}", "Actualizado el {date}", "Acción", "{v} €",
             ",", "España", "E", (("Calle", "C/"), ("Avenida", "Avda."), ("Paseo", "Pº"))),
    "it": _W("Conosci il team", "Ci hanno scelto", "Prossimi eventi", "Fiera", "Webinar",
             "Porte aperte", "Comunicati stampa", "oggi", "ieri", "{n} giorni fa",
             "Leggi tutto", ("Richiedi un preventivo", "Parla con un esperto"),
             "Mancano {n} giorni alla {event}", "Aggiornato il {date}", "Azione", "{v} €",
             ",", "Italia", "I", (("Corso", "C.so"), ("Piazza", "P.zza"))),
    "nl": _W("Maak kennis met het team", "Zij gingen u voor", "Agenda", "Beurs", "Webinar",
             "Open dag", "Persberichten", "vandaag", "gisteren", "{n} dagen geleden",
             "Lees meer", ("Offerte aanvragen", "Spreek een expert"),
             "Nog {n} dagen tot de {event}", "Laatst bijgewerkt: {date}", "Aandeel",
             "€ {v}", ",", "Nederland", "NL", (("straat", "str."), ("weg", "wg."))),
    "pt": _W("Conheça a equipa", "Confiam em nós", "Próximos eventos", "Feira", "Webinar",
             "Dia aberto", "Comunicados de imprensa", "hoje", "ontem", "há {n} dias",
             "Ler mais", ("Pedir orçamento", "Falar com um especialista"),
             "Faltam {n} dias para a {event}", "Atualizado em {date}", "Ação", "{v} €", ",",
             "Portugal", "P", (("Rua", "R."), ("Avenida", "Av."))),
    "sv": _W("Möt teamet", "De litar på oss", "Kommande evenemang", "Mässa", "Webbinarium",
             "Öppet hus", "Pressmeddelanden", "i dag", "i går", "för {n} dagar sedan",
             "Läs mer", ("Begär offert", "Prata med en expert"), "{n} dagar kvar till {event}",
             "Senast uppdaterad {date}", "Aktien", "{v} kr", ",", "Sverige", "S",
             (("gatan", "g."), ("vägen", "v."))),
    "no": _W("Møt teamet", "De stoler på oss", "Kommende arrangementer", "Messe", "Webinar",
             "Åpen dag", "Pressemeldinger", "i dag", "i går", "for {n} dager siden",
             "Les mer", ("Be om tilbud", "Snakk med en ekspert"), "{n} dager igjen til {event}",
             "Sist oppdatert {date}", "Aksjen", "kr {v}", ",", "Norge", "N",
             (("gata", "gt."), ("veien", "vn."))),
    "da": _W("Mød holdet", "De stoler på os", "Kommende arrangementer", "Messe", "Webinar",
             "Åbent hus", "Pressemeddelelser", "i dag", "i går", "for {n} dage siden",
             "Læs mere", ("Få et tilbud", "Tal med en ekspert"), "{n} dage til {event}",
             "Senest opdateret {date}", "Aktien", "{v} kr.", ",", "Danmark", "DK",
             (("brogade", "brog."), ("gade", "g."))),
    "ja": _W("スタッフ紹介", "導入企業", "イベント情報", "展示会", "ウェビナー", "オープンハウス",
             "プレスリリース", "今日", "昨日", "{n}日前", "続きを読む",
             ("見積もりを依頼", "専門家に相談"), "{event}まであと{n}日", "最終更新日：{date}",
             "株価", "{v}円", ".", "日本", "", ()),
}


def local_date(code: str, year: int, month: int, day: int) -> str:
    """A date as a site of the language writes it in running text."""
    if code == "ja":
        return f"{year}年{month}月{day}日"
    if code == "sv":
        return f"{year}-{month:02d}-{day:02d}"
    if code in ("en", "fr", "es", "it", "pt"):
        return f"{day:02d}/{month:02d}/{year}"
    if code == "nl":
        return f"{day}-{month}-{year}"
    return f"{day:02d}.{month:02d}.{year}"  # de, no, da
