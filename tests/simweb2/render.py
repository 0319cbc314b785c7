"""Rendering a simulated company's homepage: the house styles and the noise kinds."""

from __future__ import annotations

from datetime import date, timedelta

from tests.simweb2 import (
    contact3,
    rotations,
    variants,
    variants3,
    variants4,
    variants5,
    variants6,
)
from tests.simweb2.site import Company, Facts, Person, esc, ld, rng, written


def _team(company: Company, people: tuple[Person, ...], shuffle: bool) -> str:
    style = company.style
    wrap = (lambda s: f'<div class="w{len(s) % 7}">{s}</div>') if shuffle else (lambda s: s)
    if style in ("cards", "jsonld"):
        rows = "".join(
            wrap(f'<div class="card"><h3>{esc(p.name)}</h3><p class="role">{esc(p.role)}</p></div>')
            for p in people
        )
        return f'<div class="team">{rows}</div>'
    if style == "table":
        rows = "".join(f"<tr><td>{esc(p.name)}</td><td>{esc(p.role)}</td></tr>" for p in people)
        return f"<table>{rows}</table>"
    if style == "dl":
        return (
            "<dl>"
            + "".join(f"<dt>{esc(p.name)}</dt><dd>{esc(p.role)}</dd>" for p in people)
            + "</dl>"
        )
    if style == "lines":
        return "".join(wrap(f"<p>{esc(p.name)}, {esc(p.role)}</p>") for p in people)
    if style == "label":
        return "".join(wrap(f"<p>{esc(p.role)}: {esc(p.name)}</p>") for p in people)
    return "".join(  # figure
        wrap(
            f'<figure><img src="/p{k}.jpg" alt=""><figcaption><strong>{esc(p.name)}</strong><br>'
            f"{esc(p.role)}</figcaption></figure>"
        )
        for k, p in enumerate(people)
    )


def _news(company: Company, step: int, moving: bool) -> str:
    """The five latest stories, newest first: when moving, each step publishes one on top and
    the oldest falls off the bottom, as a homepage's "latest news" does."""
    newest = 1000 + (step if moving else 0)
    rows = []
    for n in range(newest, newest - 5, -1):
        day = date(2026, 1, 1) + timedelta(days=n - 900)
        rows.append(
            f'<li><time datetime="{day.isoformat()}">'
            f'{day.day}.{day.month}.{day.year}</time> <a href="/news/{n}">'
            f"{esc(company.lang.labels['news'])} {n}: {esc(company.name)}</a></li>"
        )
    return f'<section class="news"><h2>{esc(company.lang.labels["news"])}</h2><ul>{"".join(rows)}</ul></section>'


def _quote(company: Company, visit: int, rotating: bool) -> str:
    lang = company.lang
    k = (
        rng(company.seed, company.index, "quote", visit).randrange(len(lang.quotes))
        if rotating
        else 0
    )
    who = f"{lang.given[(k + 3) % len(lang.given)]} {lang.family[(k + 5) % len(lang.family)]}"
    if lang.code == "ja":
        who = f"{lang.family[(k + 5) % len(lang.family)]}{lang.given[(k + 3) % len(lang.given)]}"
    return (
        f'<section class="quotes"><h2>{esc(lang.labels["quotes"])}</h2><blockquote>'
        f"<p>{esc(lang.quotes[k])}</p><footer>{esc(who)}, {esc(lang.roles[2 + k % 3])}, "
        f"{esc(lang.family[k])} & Co</footer></blockquote></section>"
    )


def _contact(company: Company, facts: Facts, form: int) -> str:
    lang, lab = company.lang, company.lang.labels
    postcode, town = facts.town
    if lang.code == "ja":
        where = f"〒{postcode} {town}{facts.street}"
    elif lang.code == "en":
        where = f"{facts.street}<br>{town} {postcode}"
    else:
        where = f"{facts.street}<br>{postcode} {town}"
    return (
        f'<section class="contact"><h2>{esc(lab["contact"])}</h2><address>{esc(company.name)} '
        f"{esc(lang.legal)}<br>{where}</address>"
        f"<p>{esc(lab['phone'])}: {esc(written(facts.phone, form))}<br>"
        f"{esc(lab['fax'])}: {esc(written(facts.fax, form))}<br>"
        f'{esc(lab["email"])}: <a href="mailto:info@{company.slug}.{lang.tld}">info@{company.slug}.{lang.tld}</a></p></section>'
    )


def render(company: Company, facts: Facts, step: int, visit: int) -> str:
    """The homepage HTML of one visit at one step."""
    noise, lang = company.noise, company.lang
    facts = variants5.on_leave(company, facts, step)
    form = step % 4 if "phone_format" in noise else 0
    shuffle = "markup" in noise and step % 2 == 1
    slogans = lang.slogans
    slogan = slogans[step % len(slogans)] if "rotate_day" in noise else slogans[0]
    ceo = facts.people[0]
    about = esc(lang.about.format(ceo=ceo.name, role=ceo.role))
    phone = contact3.phone_text(company, facts.phone, step) or written(facts.phone, form)
    call = esc(lang.call.format(phone=phone))
    head = ""
    if company.style == "jsonld":
        head = ld(
            {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": company.name,
                "url": company.url,
                "employee": [
                    {"@type": "Person", "name": p.name, "jobTitle": p.role} for p in facts.people
                ],
            }
        )
    body = (
        f'<header><nav><a href="/">{esc(company.name)}</a> <a href="/about">About</a></nav></header>'
        f'<main><section class="hero"><h1>{esc(company.name)}</h1><p class="slogan">{esc(slogan)}</p>'
        f"{rotations.hero(company, step, visit)}{variants.top(company, step, visit)}"
        f"{variants3.top(company, step, visit)}{variants4.top(company, step, visit)}</section>"
        f'<section class="about"><p>{about}</p><p>{call}</p></section>'
        f"{rotations.middle(company, step, visit)}{variants.middle(company, step, visit)}"
        f"{variants3.middle(company, facts, step, visit)}{variants4.middle(company, step, visit)}"
        f"{variants5.middle(company, step, visit)}{variants6.middle(company, facts, step, visit)}"
        f'<section class="team-wrap"><h2>{esc(lang.labels["team"])}</h2>'
        f"{_team(company, facts.people, shuffle)}</section>"
        f"{rotations.lower(company, step, visit)}{variants.low(company, step, visit)}"
        f"{variants3.low(company, step, visit)}{variants4.low(company, step, visit)}"
        f"{_news(company, step, 'news_strip' in noise)}"
        f"{_quote(company, visit, 'rotate_visit' in noise)}"
        f"{contact3.contact(company, facts, step, visit) or _contact(company, facts, form)}"
        f"{variants4.foot(company, facts, step, visit)}</main>"
        f"<footer><p>© 2026 {esc(company.name)} {esc(lang.legal)}{variants3.foot(company, step)}</p></footer>"
    )
    if shuffle:
        body = body.replace("><", ">\n  <").replace(
            "<main>", '<main class="v2"><div class="inner">'
        )
        body = body.replace("</main>", "</div></main>")
    return (
        f'<!DOCTYPE html><html lang="{lang.code}"><head><meta charset="utf-8">'
        f"<title>{esc(company.name)}</title>{head}</head><body>{body}</body></html>"
    )
