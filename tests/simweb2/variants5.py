"""A fifth set of people noise for the second simulated web, held out.

Written before the rules it measures and not run while they were built: how company sites show
people who are not news, in other markups, languages and seeds than ``variants4``. Each kind
models one habit of real sites:

- ``staff_sample_visit``: a "meet the crew" block that shows a random few of the staff on every
  visit; how many it shows (two to five) and how many staff there are (six to ten) vary by
  company, and so does its markup (a list, cards, a table). Correct: no change.
- ``spotlight_week``: a single highlighted colleague ("colleague in focus") whose person changes
  every seven days. Correct: no change.
- ``spotlight_day``: the same single card changing every day, or every three days. Correct: no
  change.
- ``leave_return``: one of the leadership strip absent for five days (a leave, a page edit
  undone) and then back with the same role. Correct: at most the departure, once the absence
  held; the return is no arrival (``measure5`` tallies the departure apart).

Its events are real changes of the stable leadership strip among all that noise, each to be
found once as ``leadership``: a person's role changed, a person who left, a new person.

Seeds 9951 and 9952, twelve companies each across the eleven languages and seven house styles.
``python -m tests.simweb2.measure --variants5`` measures it (``measure5``).
"""

from __future__ import annotations

from dataclasses import replace

from tests.simweb2.site import Company, Facts, Person, esc, rng

VARIANT5_NOISE = ("staff_sample_visit", "spotlight_week", "spotlight_day", "leave_return")
VARIANT5_SEEDS = (9951, 9952)
# Real changes among the noise: step → event (the site's own events).
VARIANT5_EVENTS = {11: "role_change", 15: "person_left", 21: "new_person"}
LEAVE = range(4, 9)  # the steps the person on leave is away (back at step 9)
ON_LEAVE = 2  # which of the leadership strip goes on leave

# Headings in each language: the crew block, the highlighted colleague.
HEADINGS: dict[str, tuple[str, str]] = {
    "en": ("Meet the crew", "Colleague in focus"),
    "de": ("Lernen Sie uns kennen", "Kollege im Fokus"),
    "fr": ("Ils font l'entreprise", "Portrait du mois"),
    "es": ("Conoce al equipo", "Compañero destacado"),
    "it": ("Le nostre persone", "Collega in evidenza"),
    "nl": ("Maak kennis met ons", "Collega in de schijnwerpers"),
    "pt": ("Conheça-nos", "Colega em destaque"),
    "sv": ("Möt oss", "Veckans medarbetare"),
    "no": ("Møt oss", "Ukens kollega"),
    "da": ("Mød os", "Ugens kollega"),
    "ja": ("社員紹介", "今週の社員"),
}


def _leaders(company: Company) -> set[str]:
    return {company._name(k) for k in range(12)}


def crew(company: Company) -> list[Person]:
    """The staff of the company's crew block: six to ten, none of them a leader's namesake."""
    lang, leaders = company.lang, _leaders(company)
    size = 6 + company.index % 5
    out: list[Person] = []
    for j in range(64):
        given = lang.given[(3 * j + 2) % len(lang.given)]
        family = lang.family[(5 * j + 6 + j // len(lang.given)) % len(lang.family)]
        name = f"{family}{given}" if lang.code == "ja" else f"{given} {family}"
        if name in leaders or any(p.name == name for p in out):
            continue
        out.append(Person(name, lang.roles[1 + (j + company.index) % (len(lang.roles) - 1)]))
        if len(out) == size:
            break
    return out


def drawn(company: Company, visit: int) -> list[Person]:
    """The crew members one visit shows (two to five of them)."""
    people = crew(company)
    k = 2 + company.index % 4
    return [people[i] for i in rng(company.seed, company.index, "v5", "draw", visit).sample(
        range(len(people)), k)]


def spotlit(company: Company, step: int, period: int) -> Person:
    """The highlighted colleague of a step, changed every ``period`` days."""
    people = crew(company)
    return people[(step // period + 3 * company.index) % len(people)]


def on_leave(company: Company, facts: Facts, step: int) -> Facts:
    """The facts as the page shows them: without the person on leave during ``LEAVE``."""
    if "leave_return" not in company.noise or step not in LEAVE or len(facts.people) <= ON_LEAVE:
        return facts
    people = facts.people[:ON_LEAVE] + facts.people[ON_LEAVE + 1:]
    return replace(facts, people=people)


def away(company: Company) -> str:
    """The name of the person who goes on leave."""
    return company._name(ON_LEAVE)


def _crew_block(company: Company, people: list[Person]) -> str:
    heading = HEADINGS[company.lang.code][0]
    markup = company.index % 3
    if markup == 0:
        rows = "".join(f"<li><strong>{esc(p.name)}</strong> – {esc(p.role)}</li>" for p in people)
        body = f'<ul class="crew-list">{rows}</ul>'
    elif markup == 1:
        body = "".join(f'<article class="member"><h4>{esc(p.name)}</h4><span>{esc(p.role)}'
                       "</span></article>" for p in people)
    else:
        rows = "".join(f"<tr><th>{esc(p.name)}</th><td>{esc(p.role)}</td></tr>" for p in people)
        body = f'<table class="crew">{rows}</table>'
    return f'<section class="crew-wrap"><h2>{esc(heading)}</h2>{body}</section>'


def _spotlight(company: Company, who: Person) -> str:
    heading = HEADINGS[company.lang.code][1]
    return (f'<div class="highlight"><h2>{esc(heading)}</h2><img src="/focus.jpg" alt="">'
            f"<p><b>{esc(who.name)}</b>, {esc(who.role)}</p></div>")


def middle(company: Company, step: int, visit: int) -> str:
    """The crew sample and the highlighted colleague, where switched on."""
    noise, out = company.noise, []
    if "spotlight_week" in noise:
        out.append(_spotlight(company, spotlit(company, step, 7)))
    if "staff_sample_visit" in noise:
        out.append(_crew_block(company, drawn(company, visit)))
    if "spotlight_day" in noise:
        out.append(_spotlight(company, spotlit(company, step, 1 + 2 * (company.index % 2))))
    return "".join(out)
