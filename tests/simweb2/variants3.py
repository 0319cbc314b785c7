"""A third set of rotation, list and format noise for the second simulated web, held out.

Written before the rules it measures and not run while they were built: what real company
homepages do that neither the dev noise (``site``) nor the two earlier sets (``rotations``,
``variants``) shows. Each kind models one habit of real sites:

- ``spotlight_day6``: a "meet the team" card (photo, name, role) showing one of six staff a
  day: the four people of the team strip and two who are only on the team page. The correct
  outcome is no change at all: nobody joined or left (no ``leadership`` change), and a card
  that rotates is no ``content`` change either.
- ``logos_visit``: a client-logo strip, six of ten logos (their alt texts name the clients) in
  a random order on every visit, as logo carousels serve them. Correct: no change.
- ``agenda_day``: an "upcoming events" list, each event dated; an event drops off the day
  after its date. Correct: no change (an event that took place is no removal worth telling).
- ``press_push4``: a "press releases" box of the newest four releases with relative dates
  ("3 days ago"); a new release goes on top and pushes the oldest off. Correct: each new
  release is one ``news`` addition; the pushed-off release and the dates ageing are nothing.
- ``hero_ab_visit``: an A/B test of the hero: headline, subline and button change together,
  one of two variants per visit. Correct: no change.
- ``countdown_day``: "only 23 days until the trade fair" and "last updated <date>" in the
  footer, rewritten every day. Correct: no change.
- ``ticker_visit``: a share-price line (price and day's move, local currency and decimal
  comma) new on every visit. Correct: no change.
- ``phone_day``: the phone and fax numbers written a new way each day among the country's
  real conventions: international, national, "+44 (0)20 …", "0049 …", "(030) …", "030/…",
  dashes, dots, no-break spaces, run together; in a ``tel:`` link or not. Correct: no change.
- ``email_visit``: the e-mail address shown a new way each day: a mailto link, "info [at]
  … [dot] …", "info(at)…", character references, or a CDN's address protection whose key
  changes on every visit. Correct: no change.
- ``address_day``: the postal address with its line breaks, commas, street abbreviations
  ("Str." for "Straße"), country plates ("D-10115") and country line varying each day.
  Correct: no change.

Its events are real changes among all that noise, each to be found once in its own category
and not again as ``content``: the phone number changed (``contact``), a new person on the team
strip (``leadership``), a new press release (``news``), a new event announced on the agenda
(``news``), and a tagline edited (``content``).

Seeds 8801 and 8802, twelve companies each across the eleven languages and seven house styles.
The phone change and the new person are the site's own events (``site``); the words of every
language are in ``lexicon3``, the contact block's forms in ``contact3``, and ``measure3``
measures the set: ``python -m tests.simweb2.measure --variants3``.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.simweb2.lexicon3 import WORDS, Words, local_date
from tests.simweb2.site import Company, Facts, Person, esc, rng

VARIANT3_NOISE = (
    "spotlight_day6",
    "logos_visit",
    "agenda_day",
    "press_push4",
    "hero_ab_visit",
    "countdown_day",
    "ticker_visit",
    "phone_day",
    "email_visit",
    "address_day",
)
VARIANT3_SEEDS = (8801, 8802)
# Real changes among the noise: step → event. phone_change and new_person are the site's own.
VARIANT3_EVENTS = {
    6: "phone_change",
    11: "event_new",
    16: "new_person",
    21: "press_new",
    25: "tagline_edit",
}
START = date(2026, 1, 1)  # the day of step 0, as the measuring run dates its visits
# Steps the press box published its releases on; the four newest are shown.
PRESS_STEPS = (-11, -8, -5, -2, 3, 7, 8, 14, 20, 27)
# Days (after START) of the agenda's events; the last is the fair the countdown counts to.
AGENDA_DAYS = (2, 6, 9, 13, 19, 24, 33, 41)
NEW_EVENT_DAY = 37  # the event announced by ``event_new`` takes place then


def words(company: Company) -> Words:
    """The company's language's words for this set."""
    return WORDS[company.lang.code]


def when(company: Company, event: str) -> int | None:
    """The step of an event of the company's timeline, if it has one."""
    steps = [step for step, name in company.events.items() if name == event]
    return min(steps) if steps else None


def _pick(company: Company, tag: str, moment: int, count: int) -> int:
    return rng(company.seed, company.index, "v3", tag, moment).randrange(count)


# --- the hero: the A/B test, the tagline, the countdown -------------------------------------


def tagline(company: Company, step: int) -> str | None:
    """The stable tagline (only where ``tagline_edit`` is on the timeline): a sentence of which
    the second half is rewritten at the event."""
    edit = when(company, "tagline_edit")
    if edit is None:
        return None
    lang = company.lang
    return f"{lang.slogans[2]} – {lang.quotes[1 if step < edit else 2]}"


def top(company: Company, step: int, visit: int) -> str:
    """Blocks under the hero slogan."""
    noise, lang, w, out = company.noise, company.lang, words(company), []
    if "hero_ab_visit" in noise:
        b = _pick(company, "ab", visit, 2)
        head, sub = (lang.slogans[1], lang.quotes[3]) if b == 0 else (lang.slogans[4], lang.slogans[3])
        out.append(f'<div class="hero-copy" data-variant="{"AB"[b]}"><h2>{esc(head)}</h2>'
                   f'<p>{esc(sub)}</p><a class="button" href="/contact">{esc(w.cta[b])}</a></div>')
    text = tagline(company, step)
    if text is not None:
        out.append(f'<p class="tagline">{esc(text)}</p>')
    if "countdown_day" in noise:
        left = AGENDA_DAYS[-1] - step
        line = w.countdown.format(n=left, event=fair(company))
        out.append(f'<div class="countdown"><strong>{esc(line)}</strong></div>')
    return "".join(out)


# --- the middle: the spotlight and the share price ------------------------------------------


def staff(company: Company, people: tuple[Person, ...]) -> list[Person]:
    """Who the spotlight shows: the team strip's first four and two of the team page."""
    lang = company.lang
    more = []
    for k in (5, 6):
        given, family = lang.given[k], lang.family[(k * 3 + 1) % len(lang.family)]
        name = f"{family}{given}" if lang.code == "ja" else f"{given} {family}"
        more.append(Person(name, lang.roles[k]))
    return [*people[:4], *more]


def middle(company: Company, facts: Facts, step: int, visit: int) -> str:
    """Blocks after the about text."""
    noise, w, out = company.noise, words(company), []
    if "spotlight_day6" in noise:
        k = step % 6
        who = staff(company, facts.people)[k]
        out.append(f'<section class="spotlight"><h2>{esc(w.spotlight)}</h2><figure>'
                   f'<img src="/team/{k}.jpg" alt="{esc(who.name)}"><figcaption>'
                   f"<strong>{esc(who.name)}</strong> <span>{esc(who.role)}</span>"
                   "</figcaption></figure></section>")
    if "ticker_visit" in noise:
        out.append(f'<p class="ticker">{esc(ticker(company, visit))}</p>')
    return "".join(out)


def ticker(company: Company, visit: int) -> str:
    """The share-price line of one visit: price and move, written the country's way."""
    w, r = words(company), rng(company.seed, company.index, "v3", "ticker", visit)
    base = 40 + company.index * 7.5
    move = r.uniform(-3, 3)
    price = base * (1 + move / 100)
    if company.lang.code == "ja":
        amount = f"{round(price * 160):,}"
    else:
        amount = f"{price:.2f}".replace(".", w.decimal)
    pct = f"{move:+.2f}".replace(".", w.decimal)
    space = "\u00a0" if company.lang.code == "fr" else " "
    return f"{w.share}: {w.currency.format(v=amount)} ({pct}{space}%)"


# --- the lower lists: client logos, agenda, press releases ---------------------------------


def clients(company: Company) -> list[str]:
    """Ten client firms, named as their logos' alt texts."""
    lang = company.lang
    pairs = [(a, b) for a in range(len(lang.family)) for b in range(len(lang.family)) if a != b]
    rng(company.seed, company.index, "v3", "clients").shuffle(pairs)
    return [f"{lang.family[a]} & {lang.family[b]} {lang.legal}" for a, b in pairs[:10]]


def agenda(company: Company) -> list[tuple[int, str]]:
    """The agenda's events as (day after START, title), the announced one last; the fair the
    countdown counts to is the last of the first eight."""
    lang, w = company.lang, words(company)
    towns = [town for _, town in lang.towns]
    titles = [f"{w.fair} {t}" for t in towns[1:]] + [f"{w.open_day} {t}" for t in towns]
    titles += [f"{w.webinar}: {s}" for s in lang.slogans]
    rng(company.seed, company.index, "v3", "agenda").shuffle(titles)
    dated = zip(AGENDA_DAYS[:-1], titles, strict=False)
    return [*dated, (AGENDA_DAYS[-1], fair(company)), (NEW_EVENT_DAY, titles[len(AGENDA_DAYS) - 1])]


def fair(company: Company) -> str:
    """The trade fair the countdown counts to (in the first town of the language)."""
    return f"{words(company).fair} {company.lang.towns[0][1]}"


def press(company: Company) -> list[tuple[int, str]]:
    """The press releases as (step published, title), oldest first; the release of the
    ``press_new`` event last."""
    lang = company.lang
    combos = [(s, f) for s in range(len(lang.slogans)) for f in range(len(lang.family))]
    rng(company.seed, company.index, "v3", "press").shuffle(combos)
    titles = [f"{lang.family[f]} {lang.legal}: {lang.slogans[s]}" for s, f in combos]
    new = when(company, "press_new")
    extra = [(new, titles[len(PRESS_STEPS)])] if new is not None else []
    return [*zip(PRESS_STEPS, titles, strict=False), *extra]


def low(company: Company, step: int, visit: int) -> str:
    """Lists after the team strip."""
    noise, out = company.noise, []
    if "logos_visit" in noise:
        out.append(_logos(company, visit))
    if "agenda_day" in noise or when(company, "event_new") is not None:
        out.append(_agenda(company, step))
    if "press_push4" in noise or when(company, "press_new") is not None:
        out.append(_press(company, step))
    return "".join(out)


def _logos(company: Company, visit: int) -> str:
    names = clients(company)
    shown = rng(company.seed, company.index, "v3", "logos", visit).sample(range(10), 6)
    imgs = "".join(f'<li><img src="/logos/{k}.svg" alt="{esc(names[k])}"></li>' for k in shown)
    return f'<section class="clients"><h2>{esc(words(company).clients)}</h2><ul>{imgs}</ul></section>'


def shown_events(company: Company, step: int) -> list[tuple[int, str]]:
    """The agenda on a step: events not yet past (and the new one once announced), by date."""
    events = agenda(company)
    announced = when(company, "event_new")
    if announced is None or step < announced:
        events = events[:-1]
    return sorted(e for e in events if e[0] >= step)


def _agenda(company: Company, step: int) -> str:
    rows = []
    for day, title in shown_events(company, step):
        d = START + timedelta(days=day)
        rows.append(f'<li><time datetime="{d.isoformat()}">'
                    f"{local_date(company.lang.code, d.year, d.month, d.day)}</time> "
                    f'<a href="/events/{day}">{esc(title)}</a></li>')
    return f'<section class="agenda"><h2>{esc(words(company).agenda)}</h2><ul>{"".join(rows)}</ul></section>'


def shown_press(company: Company, step: int) -> list[tuple[int, str]]:
    """The press box on a step: the newest four releases published by then, newest first."""
    out = sorted((e for e in press(company) if e[0] <= step), reverse=True)
    return out[:4]


def _ago(w: Words, days: int) -> str:
    return w.today if days == 0 else w.yesterday if days == 1 else w.days_ago.format(n=days)


def _press(company: Company, step: int) -> str:
    w, cards = words(company), []
    for published, title in shown_press(company, step):
        n = published + 20  # release numbers start before the timeline
        d = START + timedelta(days=published)
        cards.append(f'<article class="release"><h3><a href="/press/{n}">{esc(title)}</a></h3>'
                     f'<time datetime="{d.isoformat()}">{esc(_ago(w, step - published))}</time> '
                     f'<a class="more" href="/press/{n}">{esc(w.more)}</a></article>')
    return f'<section class="press"><h2>{esc(w.press)}</h2>{"".join(cards)}</section>'


# --- the footer -----------------------------------------------------------------------------


def foot(company: Company, step: int) -> str:
    """The footer's "last updated" line, rewritten every day."""
    if "countdown_day" not in company.noise:
        return ""
    d = START + timedelta(days=step)
    line = words(company).updated.format(date=local_date(company.lang.code, d.year, d.month, d.day))
    return f" <span class=\"updated\">{esc(line)}</span>"
