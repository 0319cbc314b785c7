"""A sixth set of people noise for the second simulated web, held out.

Written before the rules it measures and not run while they were built: blocks of company sites
that show people who are not news, in other kinds, markups, languages and seeds than
``variants4`` and ``variants5``. Each kind models one habit of real sites:

- ``month_card``: an "employee of the month" card whose person changes every thirty days (more
  than the people memory's fifteen-day window). Correct: no change.
- ``experts_carousel``: a "meet our experts" carousel that shows three of twelve colleagues on
  every visit. Correct: no change.
- ``quote_card``: a quote of a colleague, with name and role, that changes every four days.
  Correct: no change.
- ``card_in_team``: a weekly card whose person is, one week in two, a member of the team list
  shown below it (the other weeks a colleague). Correct: no change.
- ``author_box``: a weekly article teaser with its author's name and role. Correct: no change.

Its events are real changes of the stable leadership strip among all that noise, each to be
found once as ``leadership``: a person's role changed, a person who left, a new person.

Seeds 9961 and 9962, twelve companies each across the eleven languages and seven house styles.
``python -m tests.simweb2.measure --variants6`` measures it (``measure6``).
"""

from __future__ import annotations

from tests.simweb2.site import Company, Facts, Person, esc, rng

VARIANT6_NOISE = ("month_card", "experts_carousel", "quote_card", "card_in_team", "author_box")
VARIANT6_SEEDS = (9961, 9962)
# Real changes among the noise: step → event (the site's own events).
VARIANT6_EVENTS = {10: "role_change", 17: "person_left", 24: "new_person"}
NOISE_STEPS = 45  # a noise run's steps: a monthly card changes once or twice in them

# Headings in each language: month card, experts, quotes, the weekly card, the article teaser,
# the byline word.
HEADINGS: dict[str, tuple[str, str, str, str, str, str]] = {
    "en": ("Employee of the month", "Meet our experts", "What our people say", "This week with",
           "From our blog", "Written by"),
    "de": ("Mitarbeiter des Monats", "Unsere Experten", "Stimmen aus dem Team", "Diese Woche mit",
           "Aus unserem Blog", "Von"),
    "fr": ("Collaborateur du mois", "Nos experts", "Paroles d'équipe", "Cette semaine avec",
           "Sur notre blog", "Par"),
    "es": ("Empleado del mes", "Nuestros expertos", "Lo que dice el equipo", "Esta semana con",
           "Desde nuestro blog", "Por"),
    "it": ("Dipendente del mese", "I nostri esperti", "Dicono di noi", "Questa settimana con",
           "Dal nostro blog", "Di"),
    "nl": ("Medewerker van de maand", "Onze experts", "Wat ons team zegt", "Deze week met",
           "Van ons blog", "Door"),
    "pt": ("Colaborador do mês", "Os nossos especialistas", "O que diz a equipa",
           "Esta semana com", "Do nosso blogue", "Por"),
    "sv": ("Månadens medarbetare", "Våra experter", "Röster från teamet", "Den här veckan med",
           "Från vår blogg", "Av"),
    "no": ("Månedens ansatt", "Våre eksperter", "Stemmer fra teamet", "Denne uken med",
           "Fra bloggen vår", "Av"),
    "da": ("Månedens medarbejder", "Vores eksperter", "Stemmer fra holdet", "Denne uge med",
           "Fra vores blog", "Af"),
    "ja": ("今月の社員", "専門家紹介", "社員の声", "今週の担当", "ブログより", "執筆"),
}
SAYINGS = ("“Every project teaches us something new.”", "“Our customers keep us curious.”",
           "“Quality is a habit, not an act.”", "“We build things that last.”")


def _leaders(company: Company) -> set[str]:
    return {company._name(k) for k in range(12)}


def staff(company: Company) -> list[Person]:
    """Twelve colleagues who are not on the team list, none a leader's namesake."""
    lang, leaders = company.lang, _leaders(company)
    out: list[Person] = []
    for j in range(64):
        given = lang.given[(5 * j + 1) % len(lang.given)]
        family = lang.family[(3 * j + 4 + j // len(lang.given)) % len(lang.family)]
        name = f"{family}{given}" if lang.code == "ja" else f"{given} {family}"
        if name in leaders or any(p.name == name for p in out):
            continue
        out.append(Person(name, lang.roles[1 + (j + 2 * company.index) % (len(lang.roles) - 1)]))
        if len(out) == 12:
            break
    return out


def _turn(company: Company, step: int, period: int, salt: int) -> int:
    """Which turn a card is on at a step: it changes every ``period`` days, out of phase
    between companies."""
    return (step + salt * company.index) // period


def _month_card(company: Company, step: int) -> str:
    people = staff(company)
    who = people[(_turn(company, step, 30, 7) + company.index) % len(people)]
    title = HEADINGS[company.lang.code][0]
    markup = company.index % 3
    if markup == 0:
        return (f'<aside class="eotm"><h3>{esc(title)}</h3><figure><img src="/eotm.jpg" alt="">'
                f"<figcaption>{esc(who.name)}<br><em>{esc(who.role)}</em></figcaption></figure>"
                "</aside>")
    if markup == 1:
        return (f'<div class="award"><span class="badge">{esc(title)}</span>'
                f"<h4>{esc(who.name)}</h4><p>{esc(who.role)}</p></div>")
    return (f'<section id="monthly"><h2>{esc(title)}</h2><p><strong>{esc(who.name)}</strong> '
            f"({esc(who.role)})</p></section>")


def _carousel(company: Company, visit: int) -> str:
    people = staff(company)
    shown = [people[i] for i in sorted(rng(company.seed, company.index, "v6", "carousel",
                                           visit).sample(range(len(people)), 3))]
    title = HEADINGS[company.lang.code][1]
    if company.index % 2 == 0:
        slides = "".join(f'<div class="slide"><h4>{esc(p.name)}</h4><p>{esc(p.role)}</p></div>'
                         for p in shown)
        return f'<section class="experts"><h2>{esc(title)}</h2><div class="track">{slides}</div></section>'
    rows = "".join(f"<li><b>{esc(p.name)}</b> · {esc(p.role)}</li>" for p in shown)
    return f'<div class="carousel"><h3>{esc(title)}</h3><ul>{rows}</ul></div>'


def _quote_card(company: Company, step: int) -> str:
    people = staff(company)
    k = _turn(company, step, 4, 1)
    who = people[(5 * k + company.index) % len(people)]
    title = HEADINGS[company.lang.code][2]
    return (f'<section class="voices"><h2>{esc(title)}</h2><blockquote><p>{esc(SAYINGS[k % 4])}'
            f"</p><cite>{esc(who.name)}, {esc(who.role)}</cite></blockquote></section>")


def _weekly_card(company: Company, facts: Facts, step: int) -> str:
    k = _turn(company, step, 7, 3)
    if k % 2 == 0:
        who = facts.people[(k // 2) % len(facts.people)]
    else:
        people = staff(company)
        who = people[(k + company.index) % len(people)]
    title = HEADINGS[company.lang.code][3]
    return (f'<div class="week-card"><p class="kicker">{esc(title)}</p>'
            f"<h3>{esc(who.name)}</h3><p>{esc(who.role)}</p></div>")


def _author_box(company: Company, step: int) -> str:
    people = staff(company)
    k = _turn(company, step, 7, 2)
    who = people[(3 * k + company.index) % len(people)]
    title, by = HEADINGS[company.lang.code][4], HEADINGS[company.lang.code][5]
    return (f'<section class="blog"><h2>{esc(title)}</h2><article><h3><a href="/blog/{k}">'
            f"{esc(company.name)} #{k}</a></h3><div class=\"author\">{esc(by)} "
            f"<span>{esc(who.name)}</span>, {esc(who.role)}</div></article></section>")


def middle(company: Company, facts: Facts, step: int, visit: int) -> str:
    """The set's blocks, where switched on."""
    noise, out = company.noise, []
    if "month_card" in noise:
        out.append(_month_card(company, step))
    if "experts_carousel" in noise:
        out.append(_carousel(company, visit))
    if "card_in_team" in noise:
        out.append(_weekly_card(company, facts, step))
    if "quote_card" in noise:
        out.append(_quote_card(company, step))
    if "author_box" in noise:
        out.append(_author_box(company, step))
    return "".join(out)
