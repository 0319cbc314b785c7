"""A fourth set of people, list and format noise for the second simulated web, held out.

Written before the rules it measures and not run while they were built: what real company
homepages do that the dev noise (``site``) and the three earlier sets (``rotations``,
``variants``, ``variants3``) do not show. Each kind models one habit of real sites:

- ``team_sample_visit``: an "our people" strip showing a random three of eight staff cards
  (name and role) on every visit, staff of the team page who are not the leadership strip.
  Correct: no change (no ``leadership`` change, no ``content`` change).
- ``employee_week``: an "employee of the month" card (name, role, photo) whose person changes
  every seven days. Correct: no change.
- ``testimonial_visit``: a customer quote whose customer, job title and firm rotate on every
  visit: people named with titles who are not the company's people. Correct: no change.
- ``visit_address_day``: a "visit us" block giving the office's address a new way each day: line
  order, street abbreviated, postcode before or after the town, the country's name in its own
  language or in English, a map link around it. Correct: no change.
- ``jobs_order_visit``: the job openings list sorted newest first, alphabetically or by town
  on every visit. Correct: no change.
- ``price_format_day``: the price list written a new way each day: currency sign before or
  after, the country's or the English thousands separator, decimals or none, the ISO code,
  "from" before the amount, a VAT note. Correct: no change.
- ``news_dates_day``: the news list's dates written relative ("3 days ago") on some days and
  as dates on others. Correct: no change.
- ``most_read_visit``: a "most read" sidebar of four older stories in a new order on every
  visit. Correct: no change.
- ``nav_order_visit``: the language switcher, the navigation and the footer links in a new
  order on every visit. Correct: no change.
- ``cookie_counter``: a cookie banner in one of three wordings per visit and a social-proof
  counter ("1,284 customers trust us") that grows every day. Correct: no change.

Its events are real changes among all that noise, each to be found once in its own category
and not again as ``content``: a new job opening (``hiring``), a person's role changed and a
person who left (``leadership``), the office moved (``contact``), a plan's price changed
(``offer``), and a new news item (``news``).

Seeds 9901 and 9902, twelve companies each across the eleven languages and seven house styles.
The role change, the leaving and the move are the site's own events (``site``); the words of
every language are in ``lexicon4``, and ``measure4`` measures the set:
``python -m tests.simweb2.measure --variants4``.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.simweb2.langs import LANGS
from tests.simweb2.lexicon3 import WORDS as WORDS3
from tests.simweb2.lexicon3 import local_date
from tests.simweb2.lexicon4 import WORDS, Words
from tests.simweb2.site import Company, Facts, Person, esc, rng

VARIANT4_NOISE = (
    "team_sample_visit",
    "employee_week",
    "testimonial_visit",
    "visit_address_day",
    "jobs_order_visit",
    "price_format_day",
    "news_dates_day",
    "most_read_visit",
    "nav_order_visit",
    "cookie_counter",
)
VARIANT4_SEEDS = (9901, 9902)
# Real changes among the noise: step → event. role_change, person_left, address_move are the
# site's own.
VARIANT4_EVENTS = {
    4: "job_new",
    7: "role_change",
    11: "person_left",
    16: "address_move",
    21: "price_change",
    25: "news_new",
}
START = date(2026, 1, 1)  # the day of step 0, as the measuring run dates its visits
JOB_STEPS = (-40, -33, -21, -14, -9, -3)  # the openings posted before the timeline
NEWS_STEPS = (-30, -24, -19, -12, -8, -5, -1)  # the stories published before the timeline
PLANS = ("Basic", "Pro", "Enterprise")
CODES = {"en": "GBP", "ja": "JPY", "sv": "SEK", "no": "NOK", "da": "DKK"}


def words(company: Company) -> Words:
    """The company's language's words for this set."""
    return WORDS[company.lang.code]


def when(company: Company, event: str) -> int | None:
    """The step of an event of the company's timeline, if it has one."""
    steps = [step for step, name in company.events.items() if name == event]
    return min(steps) if steps else None


def _r(company: Company, *parts: object) -> int:
    return rng(company.seed, company.index, "v4", *parts).randrange(1 << 30)


def _day(step: int) -> date:
    return START + timedelta(days=step)


def _name(company: Company, given: int, family: int) -> str:
    lang = company.lang
    g, f = lang.given[given % len(lang.given)], lang.family[family % len(lang.family)]
    return f"{f}{g}" if lang.code == "ja" else f"{g} {f}"


# --- top: the cookie banner and the counter --------------------------------------------------


def top(company: Company, step: int, visit: int) -> str:
    """The cookie banner and the social-proof counter."""
    if "cookie_counter" not in company.noise:
        return ""
    w = words(company)
    text = w.cookie[_r(company, "cookie", visit) % 3]
    n = f"{1200 + company.index * 37 + step * 3:,}".replace(",", w.group)
    return (f'<div class="cookie-banner" role="dialog"><p>{esc(text)}</p>'
            f'<button>{esc(w.accept)}</button></div>'
            f'<p class="social-proof">{esc(w.customers.format(n=n))}</p>')


# --- middle: staff cards, employee of the month, testimonials --------------------------------


def staff(company: Company) -> list[Person]:
    """Eight staff of the team page, none of them on the leadership strip."""
    lang = company.lang
    # the leadership's k-th is given name k with family name 3k + 1: never so here
    return [Person(_name(company, k + 2, k * 5 + 2), lang.roles[(k + 3) % len(lang.roles)])
            for k in range(8)]


def sample(company: Company, visit: int) -> list[int]:
    """The three staff cards of one visit."""
    return rng(company.seed, company.index, "v4", "sample", visit).sample(range(8), 3)


def customer(company: Company, visit: int) -> tuple[str, str, str, str]:
    """The testimonial of one visit: quote, customer, job title, firm."""
    lang = company.lang
    r = rng(company.seed, company.index, "v4", "voice", visit)
    k = r.randrange(len(lang.quotes))
    given = r.randrange(8)
    name = _name(company, given, 3 * given + 2 + 2 * r.randrange(4))  # never a leader's name
    firm = f"{lang.family[r.randrange(8)]} {lang.legal}"
    return lang.quotes[k], name, lang.roles[r.randrange(1, len(lang.roles))], firm


def middle(company: Company, step: int, visit: int) -> str:
    """People blocks that are not the company's leadership."""
    noise, w, out = company.noise, words(company), []
    people = staff(company)
    if "team_sample_visit" in noise:
        cards = "".join(f'<div class="card"><img src="/staff/{k}.jpg" alt="{esc(people[k].name)}">'
                        f"<h3>{esc(people[k].name)}</h3><p>{esc(people[k].role)}</p></div>"
                        for k in sample(company, visit))
        out.append(f'<section class="people"><h2>{esc(w.people)}</h2>{cards}</section>')
    if "employee_week" in noise:
        who = people[(step // 7 + company.index) % 8]
        out.append(f'<aside class="eotm"><h2>{esc(w.month)}</h2><figure><img src="/eotm.jpg" '
                   f'alt=""><figcaption><strong>{esc(who.name)}</strong><br>{esc(who.role)}'
                   "</figcaption></figure></aside>")
    if "testimonial_visit" in noise:
        quote, name, title, firm = customer(company, visit)
        out.append(f'<section class="testimonials"><h2>{esc(w.voices)}</h2><blockquote>'
                   f"<p>{esc(quote)}</p><cite>{esc(name)}</cite>, <span>{esc(title)}</span>, "
                   f"<span>{esc(firm)}</span></blockquote></section>")
    return "".join(out)


# --- low: jobs, prices, news, most read ------------------------------------------------------


def jobs(company: Company) -> list[tuple[int, str, str]]:
    """The openings as (step posted, title, town), the ``job_new`` one last."""
    lang = company.lang
    towns = [town for _, town in lang.towns]
    combos = [(lang.roles[1 + k % (len(lang.roles) - 1)], towns[(k + k // 6) % len(towns)])
              for k in range(7)]
    out = [(s, t, town) for s, (t, town) in zip(JOB_STEPS, combos, strict=False)]
    new = when(company, "job_new")
    if new is not None:
        out.append((new, combos[6][0], combos[6][1]))
    return out


def shown_jobs(company: Company, step: int, visit: int) -> list[tuple[int, str, str]]:
    """The openings of one visit, in the visit's order."""
    posted = [j for j in jobs(company) if j[0] <= step]
    order = _r(company, "jobs", visit) % 3 if "jobs_order_visit" in company.noise else 0
    if order == 1:
        return sorted(posted, key=lambda j: (j[1], j[2]))
    if order == 2:
        return sorted(posted, key=lambda j: (j[2], j[1]))
    return sorted(posted, reverse=True)


def amount(company: Company, plan: int, step: int) -> int:
    """A plan's monthly price in whole units of the currency."""
    base = (490, 1290, 4990)[plan] + company.index * 10
    changed = when(company, "price_change")
    if plan == 1 and changed is not None and step >= changed:
        base += 300
    return base * 100 if company.lang.code == "ja" else base


def price_text(company: Company, value: int, step: int) -> str:
    """A price as the day writes it."""
    w, code = words(company), company.lang.code
    iso = CODES.get(code, "EUR")
    form = _r(company, "price", step) % 5 if "price_format_day" in company.noise else 0
    local = f"{value:,}".replace(",", w.group)
    if form == 0:
        return f"{w.currency}{local}" if code == "en" else f"{local} {w.currency}"
    if form == 1:
        return f"{w.currency} {value:,}" if code != "ja" else f"¥{value:,}"
    if form == 2:
        cents = "" if code == "ja" else f"{w.decimal}00"
        return f"{w.from_} {local}{cents} {w.currency} {w.vat[0]}"
    if form == 3:
        return f"{iso} {value}"
    return f"{local} {w.currency} ({w.vat[1]})"


def news(company: Company) -> list[tuple[int, str]]:
    """The stories as (step published, title), oldest first; the ``news_new`` one last."""
    lang = company.lang
    titles = [f"{lang.family[(k * 3) % 8]} {lang.legal}: {lang.slogans[k % len(lang.slogans)]}"
              f" ({lang.towns[k % 3][1]})" for k in range(len(NEWS_STEPS) + 1)]
    out = list(zip(NEWS_STEPS, titles, strict=False))
    new = when(company, "news_new")
    if new is not None:
        out.append((new, titles[-1]))
    return out


def shown_news(company: Company, step: int) -> list[tuple[int, str]]:
    """The five newest stories published by a step, newest first."""
    return sorted((n for n in news(company) if n[0] <= step), reverse=True)[:5]


def _ago(w: Words, days: int) -> str:
    return w.today if days == 0 else w.yesterday if days == 1 else w.days_ago.format(n=days)


def low(company: Company, step: int, visit: int) -> str:
    """The lists: openings, prices, news and the most-read sidebar."""
    noise, out = company.noise, []
    if "jobs_order_visit" in noise or when(company, "job_new") is not None:
        out.append(_jobs(company, step, visit))
    if "price_format_day" in noise or when(company, "price_change") is not None:
        out.append(_prices(company, step))
    if noise & {"news_dates_day", "most_read_visit"} or when(company, "news_new") is not None:
        out.append(_news(company, step, visit))
    return "".join(out)


def _jobs(company: Company, step: int, visit: int) -> str:
    w, rows = words(company), []
    for posted, title, town in shown_jobs(company, step, visit):
        d = _day(posted)
        rows.append(f'<li><a href="/jobs/{posted + 50}">{esc(title)}</a> – {esc(town)} '
                    f'<time datetime="{d.isoformat()}">'
                    f"{local_date(company.lang.code, d.year, d.month, d.day)}</time></li>")
    return f'<section class="jobs"><h2>{esc(w.jobs)}</h2><ul>{"".join(rows)}</ul></section>'


def _prices(company: Company, step: int) -> str:
    w = words(company)
    rows = "".join(f'<div class="plan"><h3>{p}</h3><p class="price">'
                   f"{esc(price_text(company, amount(company, k, step), step))}</p></div>"
                   for k, p in enumerate(PLANS))
    return f'<section class="pricing"><h2>{esc(w.prices)}</h2>{rows}</section>'


def _news(company: Company, step: int, visit: int) -> str:
    w, code, rows = words(company), company.lang.code, []
    relative = "news_dates_day" in company.noise and _r(company, "dates", step) % 2 == 1
    for published, title in shown_news(company, step):
        d = _day(published)
        shown = _ago(w, step - published) if relative else local_date(code, d.year, d.month, d.day)
        rows.append(f'<li><time datetime="{d.isoformat()}">{esc(shown)}</time> '
                    f'<a href="/news/{published + 40}">{esc(title)}</a></li>')
    out = f'<section class="newslist"><h2>{esc(w.news)}</h2><ul>{"".join(rows)}</ul></section>'
    if "most_read_visit" in company.noise:
        older = news(company)[:4]
        rng(company.seed, company.index, "v4", "read", visit).shuffle(older)
        links = "".join(f'<li><a href="/news/{p + 40}">{esc(t)}</a></li>' for p, t in older)
        out += f'<aside class="most-read"><h2>{esc(w.most_read)}</h2><ol>{links}</ol></aside>'
    return out


# --- the foot: the address and the links -----------------------------------------------------


def address_text(company: Company, facts: Facts, step: int) -> str:
    """The visiting address in the form of a day (HTML)."""
    lang, w, w3 = company.lang, words(company), WORDS3[company.lang.code]
    postcode, town = facts.town
    street = facts.street
    form = _r(company, "address", step) % 5
    if form == 1:
        street = next((street.replace(a, b, 1) for a, b in w3.abbrev if a in street), street)
    if lang.code == "ja":
        lines = [f"〒{postcode}", f"{town}{street}"]
    elif lang.code == "en":  # the postcode on a line of its own some days
        lines = [street, town, postcode] if form == 2 else [street, f"{town} {postcode}"]
    else:  # the town line first some days
        lines = [f"{postcode} {town}", street] if form == 2 else [street, f"{postcode} {town}"]
    if form == 3:
        lines.append(w.country[0])
    if form == 4:
        lines.append(w.country[1].upper())
    text = ", ".join(esc(line) for line in lines) if form % 2 else "<br>".join(
        esc(line) for line in lines)
    if form in (2, 4):
        q = "+".join(lines).replace(" ", "+")
        text = f'<a href="https://maps.example.org/?q={esc(q)}" title="{esc(w.map)}">{text}</a>'
    return text


def foot(company: Company, facts: Facts, step: int, visit: int) -> str:
    """The visiting address and the reordered links at the foot of the page."""
    noise, w, out = company.noise, words(company), []
    if "visit_address_day" in noise:
        out.append(f'<section class="visit"><h2>{esc(w.visit)}</h2><address>'
                   f"{address_text(company, facts, step)}</address></section>")
    if "nav_order_visit" in noise:
        r = rng(company.seed, company.index, "v4", "nav", visit)
        langs = [lang.code for lang in LANGS]
        r.shuffle(langs)
        switch = "".join(f'<a hreflang="{c}" href="/{c}/">{c.upper()}</a> ' for c in langs)
        links = [("/jobs", w.jobs), ("/news", w.news), ("/pricing", w.prices),
                 ("/contact", w.visit), ("/team", w.people)]
        r.shuffle(links)
        nav = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in links)
        out.append(f'<nav class="lang-switch">{switch}</nav><nav class="footer-links"><ul>'
                   f"{nav}</ul></nav>")
    return "".join(out)
