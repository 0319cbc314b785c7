"""What a list on a page is a list of: news, offers or jobs. Pure.

Judged, strongest first, from schema.org types in the blocks (``NewsArticle``, ``BlogPosting``,
``Offer``, ``Product``, ``JobPosting``), the path words of the items' URLs, the heading above the
list and the page's own URL, prices and dates in most blocks. Lexicons cover English, German,
French, Spanish, Italian, Dutch, Portuguese, the Scandinavian languages and Japanese. A list with
no evidence is no list of items: its text stays page content. The evidence says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from monitor import normalize as nz
from monitor.extract import jobfields, listown
from monitor.models import Category

SCHEMA_TYPES: dict[str, Category] = {
    "newsarticle": Category.NEWS, "blogposting": Category.NEWS, "article": Category.NEWS,
    "reportagenewsarticle": Category.NEWS, "pressrelease": Category.NEWS,
    "socialmediaposting": Category.NEWS, "offer": Category.OFFER,
    "aggregateoffer": Category.OFFER, "product": Category.OFFER, "jobposting": Category.HIRING,
}  # fmt: skip
# Path words: one URL segment split at "-" / "_" must contain one of these.
_PATH = {
    Category.NEWS: "news newsroom press presse pressroom blog blogs article articles story stories "
    "media pressemitteilung pressemitteilungen aktuelles neuigkeiten nachrichten actualites "
    "actualite communiques communique noticias noticia prensa notizie comunicati nieuws pers "
    "persberichten noticias imprensa nyheter nyheder pressmeddelanden announcements updates",
    Category.OFFER: "deals deal offers offer angebote angebot sonderangebote aktion aktionen "
    "pricing preise tarife tarifs offres promotions promo ofertas oferta promociones offerte "
    "promozioni aanbiedingen acties tilbud erbjudanden products product produkte produkt "
    "produits produit productos producto prodotti prodotto shop store sale",
    Category.HIRING: "jobs job careers career karriere stellenangebote stellenangebot stellen "
    "jobangebote emploi emplois carrieres carriere recrutement empleo empleos vacantes "
    "trabajo lavora posizioni vacatures vacature werken vagas carreiras emprego empregos jobb lediga "
    "stillinger positions openings vacancies opportunities recruiting recruit hiring "
    # Polish, Czech, Hungarian, Romanian, Turkish, Finnish, Russian and Ukrainian careers words,
    # as slugs write them
    "praca pracy kariera rekrutacja prace pozice karrier allasok allasajanlatok cariere joburi "
    "kariyer rekrytointi tyopaikat vakansii вакансии вакансії карьера кар'єра",
}
_HEADING = {
    Category.NEWS: _PATH[Category.NEWS].replace(" media ", " ") + " pressemeldungen meldungen comunicados "
    "ニュース プレスリリース お知らせ 新着",
    Category.OFFER: _PATH[Category.OFFER] + " oferty special specials sonderangebot rabatt discount "
    "特価 キャンペーン セール",
    Category.HIRING: _PATH[Category.HIRING] + " join hiring stellen vakanser trabaja trabajar "
    "unete recrutons rejoignez rejoindre recrutamos contratando assumiamo unisciti jobba "
    "karriar stellenmarkt dolacz dołacz pracuj zatrudnimy poszukujemy hledame pridejte "
    "csatlakozz alaturati aramiza liity tule вакансія 採用 求人 募集 招聘 채용",
}
PATH_WORDS = {cat: frozenset(words.split()) for cat, words in _PATH.items()}
HEADING_WORDS = {cat: frozenset(words.split()) for cat, words in _HEADING.items()}
# Headings that introduce widgets, not lists: "Related articles", "Ähnliche Beiträge"...
_WIDGET_WORDS = (
    "related similar popular trending tags tag share follow siehe ahnliche verwandte beliebte "
    "meistgelesen connexes similaires populaires relacionados similares correlati simili "
    "gerelateerde vergelijkbare relaterade relaterte relaterede 関連 人気 "
    # "you might also like", "Das könnte Sie auch interessieren", "à lire aussi"...
    "might recommended recommendations also auch aussi tambien anche ook ocksa ogsa tambem "
    # browsing aids: "Browse jobs", "Browse news releases", "Topics", "Kategorien"
    "browse explore entdecken explorer explorar esplora topics categories kategorien themen "
    "categorias categorie rubriques")
NOT_A_LIST = frozenset(_WIDGET_WORDS.split())
# The company's own events (fairs, open days, webinars, talks): a dated list of them under such
# a heading or URL words is an agenda, read as news items (a new event is news; one that took
# place and leaves the list is nothing, as no list item's leaving is).
_EVENT_WORDS = (
    "events event veranstaltungen veranstaltung termine messen messe agenda webinars webinar "
    "evenements evenement eventos evento eventi evenementen evenemang arrangementer arrangement "
    "begivenheder begivenhed tapahtumat seminars seminar seminare kalender calendar upcoming "
    "イベント セミナー 展示会")
EVENT_WORDS = frozenset(_EVENT_WORDS.split())
# Lists of other things than the company's news, offers and openings, named by URL path words
# and headings: events that are not dated (concerts, venues, tour stops) and customers' stories
# (success stories, case studies, testimonials, references).
_OTHER_WORDS = (
    _EVENT_WORDS + " konzerte concerts concert tour tourdates venues venue "
    "customers customer kunden kundenstimmen clients client testimonials testimonial "
    "references referenzen referenz referenties temoignages testimonios testimonianze "
    "depoimentos erfolgsgeschichten klantverhalen kundcase kundcases success cases showcase "
    "showcases casos exito successo sucesso")
OTHER_WORDS = frozenset(_OTHER_WORDS.split())
# What most titles of a list of openings show: a gender note of the job ads of many countries
# ("(m/w/d)", "H/F", "(all genders)"), an employment word, or the word for a trade.
_GENDER_NOTE = re.compile(
    r"\(?\b(?:[mwfdxhi]\s?/\s?){1,3}[mwfdxhi]\b\)?|\ball genders\b|\(?\bgn\)|\*in\b", re.I)
_TRADES = (
    "engineer developer manager specialist assistant consultant technician analyst designer "
    "coordinator intern internship trainee accountant administrator architect advisor "
    "representative operator clerk mechanic electrician "
    "entwickler ingenieur berater mitarbeiter mitarbeiterin sachbearbeiter techniker leiter "
    "leiterin referent kaufmann kauffrau werkstudent praktikant buchhalter monteur elektriker "
    "fachkraft disponent lagerist vertriebsmitarbeiter "
    "developpeur ingenieur charge chargee responsable technicien comptable commercial "
    "assistant conseiller stagiaire alternant preparateur vendeur chauffeur "
    "desarrollador ingeniero tecnico administrativo comercial asesor dependiente becario "
    "sviluppatore tecnico responsabile addetto impiegato consulente stagista magazziniere "
    "ontwikkelaar medewerker adviseur monteur engineer stagiair "
    "desenvolvedor analista vendedor assistente estagiario auxiliar coordenador "
    "utvecklare tekniker saljare ingenjor konsult medarbetare ekonomiassistent "
    "udvikler medarbejder konsulent medarbeider utvikler arbetare arbeider arbejder "
    "tekniker mekaniker barista cook chef waiter nurse driver cashier "
    "koch kochin kellner verkaufer verkauferin pflegefachkraft erzieher erzieherin fahrer "
    "cuisinier serveur serveuse infirmier infirmiere caissier "
    "camarero camarera cocinero enfermero enfermera conductor cajero "
    "cameriere cuoco autista infermiere operaio commesso "
    "verpleegkundige chauffeur kok kassamedewerker "
    "sykepleier sjafor kokk selger sygeplejerske chauffor saelger sjukskoterska forare kock "
    "motorista cozinheiro enfermeiro caixa")
TRADES = frozenset(_TRADES.split())
_COMPOUND_TRADES = tuple(sorted(t for t in TRADES if len(t) >= 6))  # "Systemutvecklare"
_TRADES_CJK = ("スタッフ", "エンジニア", "担当", "社員", "職", "募集")
_SPLIT = re.compile(r"[^\w]+|_")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]+")


def words(text: str) -> set[str]:
    """Folded words of a text; CJK runs are matched as substrings by the callers."""
    return {w for w in _SPLIT.split(nz.fold(text).lower()) if w}


def _heading_hit(text: str, lexicon: frozenset[str]) -> bool:
    found = words(text) & lexicon
    cjk = "".join(_CJK.findall(text))
    return bool(found) or any(_CJK.match(w) and w in cjk for w in lexicon)


def path_category(url: str) -> Category | None:
    """The category a URL's path words name (``/en/news/2024/x`` → news), or None."""
    segments = [s for s in unquote(urlsplit(url).path).lower().split("/") if s]
    for segment in segments[:-1] or segments:  # the last segment is the item's own slug
        parts = set(re.split(r"[-_.]", segment))
        for cat, lexicon in PATH_WORDS.items():
            if parts & lexicon:
                return cat
    return None


def is_widget_heading(text: str) -> bool:
    """True for headings of related-links, tag and share widgets."""
    return bool(words(text) & NOT_A_LIST) or any(w in text for w in NOT_A_LIST if _CJK.match(w))


@dataclass(frozen=True)
class Signals:
    """What one list shows about its kind."""

    schema_types: Sequence[str]
    item_urls: Sequence[str]
    heading: str
    page_url: str
    priced: float  # share of blocks with a price
    dated: float  # share of blocks with a date
    titles: Sequence[str] = ()  # the blocks' titles


def job_title(title: str) -> bool:
    """True for a title that reads as a job ad's: a gender note, an employment word, a trade."""
    if _GENDER_NOTE.search(title) or jobfields.employment(title):
        return True
    folded = words(title)
    if folded & TRADES or any(w.endswith(_COMPOUND_TRADES) for w in folded):
        return True
    return any(t in title for t in _TRADES_CJK)


def judge(s: Signals) -> tuple[Category, str] | None:
    """The list's category and the evidence, or None when nothing says what it lists."""
    score: dict[Category, float] = {}
    why: dict[Category, list[str]] = {}

    def add(cat: Category, points: float, reason: str) -> None:
        score[cat] = score.get(cat, 0.0) + points
        why.setdefault(cat, []).append(reason)

    for t in sorted(set(s.schema_types)):
        if t.lower() in SCHEMA_TYPES:
            add(SCHEMA_TYPES[t.lower()], 3, f"schema.org {t}")
    cats = [path_category(u) or _board_category(u) for u in s.item_urls]
    for cat in set(c for c in cats if c):
        if cats.count(cat) * 2 >= len(cats):
            add(cat, 2, f"item URLs under /{cat.value}-like paths")
    named = [c for c, lexicon in HEADING_WORDS.items() if s.heading and _heading_hit(s.heading, lexicon)]
    if Category.HIRING in named:  # "Offres d'emploi", "Ofertas de empleo": offers of work
        named = [c for c in named if c is not Category.OFFER]
    for cat in named:
        add(cat, 2, f"heading {nz.clip(s.heading, 60)!r}")
    page_cat = path_category(s.page_url + "/x") or _host_category(s.page_url)
    if page_cat:
        add(page_cat, 1, "page URL")
    if s.priced >= 0.5:
        add(Category.OFFER, 2, "prices in most blocks")
    if s.dated >= 0.5:
        add(Category.NEWS, 1, "dates in most blocks")
    if s.dated >= 0.5 and (agenda := _agenda(s)):
        add(Category.NEWS, agenda, "dated events (an agenda)")
    if s.titles and sum(map(job_title, s.titles)) * 2 > len(s.titles) and s.priced < 0.5:
        add(Category.HIRING, 2, "job titles in most blocks")
    if not score:
        return None
    best = max(score, key=lambda c: (score[c], c.value))
    if _other(s) - (_agenda(s) if s.dated >= 0.5 else 0) >= score[best]:
        return None  # events or customers' stories, whatever else the words say
    if why[best] == ["page URL"]:
        return None  # the page's own address says what the page is about, not what a list is
    return best, f"{best.value}: " + "; ".join(why[best])


def _board_category(url: str) -> Category | None:
    """Openings, for a link to an applicant-tracking system or job board ("jobs.lever.co/acme/…",
    "acme.recruitee.com/o/…", "apply.workable.com/acme/j/…"): a careers page links its
    postings there, whatever words their paths hold."""
    return Category.HIRING if listown.site(url) in listown.BOARD_DOMAINS else None


def _names_other(url: str, lexicon: frozenset[str] = OTHER_WORDS) -> bool:
    segments = [s for s in unquote(urlsplit(url).path).lower().split("/") if s]
    return any(set(re.split(r"[-_.]", seg)) & lexicon for seg in segments[:-1] or segments)


def _other(s: Signals, lexicon: frozenset[str] = OTHER_WORDS) -> float:
    """How strongly URLs, heading and page name events or customers' stories."""
    points = 0.0
    if s.item_urls and sum(_names_other(u, lexicon) for u in s.item_urls) * 2 >= len(s.item_urls):
        points += 2
    if s.heading and (words(s.heading) & lexicon or _heading_hit(s.heading, lexicon)):
        points += 2
    if _names_other(s.page_url + "/x", lexicon):
        points += 1
    return points


def _agenda(s: Signals) -> float:
    """How strongly URLs and heading name the company's events (the page's own URL aside: an
    events page's other lists are not its agenda)."""
    return _other(replace(s, page_url=""), EVENT_WORDS)


def _host_category(url: str) -> Category | None:
    host = (urlsplit(url).hostname or "").lower()
    for label in host.split(".")[:-1]:
        parts = set(re.split(r"[-_]", label))
        for cat, lexicon in PATH_WORDS.items():
            if parts & lexicon or any(w in label for w in lexicon if len(w) >= 7):
                return cat
    return None
