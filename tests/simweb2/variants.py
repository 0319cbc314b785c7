"""More rotation and list noise for the second simulated web, written as a held-out set.

Written before the settle window and the sampled-list rules, and not run while they were
built: noise that neither the dev noise (``site``) nor the first rotation set (``rotations``)
shows. A motto replaced once a week among four; a hero line that alternates between two texts
only, per visit; a testimonial whose author line (name, role, firm) changes with the quote,
per day; a "featured product" card (name, blurb, price) per day; a "latest posts" list that
shows three linked posts sampled from a pool of ten, per day; a list of five cards shuffled
on every visit. Its events must still be found: a real new post that joins the sampled list
(shown first from then on), and a stable tagline replaced.

``python -m tests.simweb2.measure --variants`` runs it.
"""

from __future__ import annotations

from tests.simweb2.site import Company, esc, rng

VARIANT_NOISE = (
    "motto_week4",  # a motto under the hero, 4 texts, a new one every 7 days
    "hero_two",  # a hero line alternating between 2 texts, per visit
    "testimonial_day6",  # a quote and its author (name, role, firm), 6 pairs, per day
    "featured_day5",  # a featured product card (name, blurb, price), 5 products, per day
    "posts_sample",  # 3 of 10 linked post cards under "latest posts", per day
    "cards_shuffle",  # 5 cards in a new order on every visit
)
VARIANT_SEEDS = (7401, 7402)
# Real changes among that noise: step → event.
VARIANT_EVENTS = {9: "motto_edit", 18: "post_new"}
VARIANT_EVENT_NOISE = frozenset({"hero_two", "posts_sample", "testimonial_day6"})


def texts(company: Company, tag: str, count: int, form: str) -> list[str]:
    """``count`` distinct texts in the company's language, written in ``form``."""
    lang = company.lang
    combos = [(i, j, f) for i in range(len(lang.slogans)) for j in range(len(lang.quotes))
              for f in range(len(lang.family))]
    rng(company.seed, company.index, "variant", tag).shuffle(combos)
    return [form.format(s=lang.slogans[i], q=lang.quotes[j], n=lang.family[f])
            for i, j, f in combos[:count]]


def _pick(company: Company, tag: str, moment: int, count: int) -> int:
    return rng(company.seed, company.index, tag, moment).randrange(count)


def _when(company: Company, event: str) -> int | None:
    steps = [step for step, name in company.events.items() if name == event]
    return min(steps) if steps else None


def top(company: Company, step: int, visit: int) -> str:
    """Blocks of the hero: the weekly motto (or the edited one), the two-text line."""
    noise, out = company.noise, []
    edit = _when(company, "motto_edit")
    if "motto_week4" in noise:
        motto = texts(company, "motto", 4, "{s} · {n}")[(step // 7) % 4]
        out.append(f'<p class="motto">{esc(motto)}</p>')
    elif edit is not None:
        lang = company.lang
        motto = f"{lang.quotes[1]} {lang.family[2]}." if step < edit else f"{lang.quotes[2]} {lang.family[3]}."
        out.append(f'<p class="motto">{esc(motto)}</p>')
    if "hero_two" in noise:
        line = texts(company, "two", 2, "{n}: {s}")[_pick(company, "two", visit, 2)]
        out.append(f'<h2 class="lead">{esc(line)}</h2>')
    return "".join(out)


def middle(company: Company, step: int, visit: int) -> str:
    """Blocks after the about text: the testimonial and the featured product."""
    noise, out, lang = company.noise, [], company.lang
    if "testimonial_day6" in noise:
        k = step % 6
        quote = texts(company, "testimonial", 6, "„{q}“")[k]
        # given names 4-7: the team's people are named with the first four
        who = (f"{lang.given[4 + k % 4]} {lang.family[(k + 5) % len(lang.family)]}, "
               f"{lang.roles[2 + k % 4]}, {lang.family[(k + 3) % len(lang.family)]} {lang.legal}")
        out.append(f'<div class="testimonial"><blockquote><p>{esc(quote)}</p></blockquote>'
                   f'<p class="author">{esc(who)}</p></div>')
    if "featured_day5" in noise:
        k = step % 5
        name = texts(company, "product", 5, "{n} {s}")[k].split(".")[0][:40]
        blurb = texts(company, "blurb", 5, "{q}")[k]
        out.append(f'<div class="featured-product"><h3>{esc(name)}</h3><p>{esc(blurb)}</p>'
                   f'<p class="price">{19 + 10 * k},00 €</p></div>')
    return "".join(out)


def low(company: Company, step: int, visit: int) -> str:
    """Lists before the news strip: the sampled latest posts, the shuffled cards."""
    noise, out = company.noise, []
    if "posts_sample" in noise:
        pool = texts(company, "posts", 10, "{n}: {s}")
        shown = [(k, pool[k]) for k in rng(company.seed, company.index, "posts", step).sample(range(10), 3)]
        new = _when(company, "post_new")
        if new is not None and step >= new:
            fresh = texts(company, "posts_new", 11, "{s} — {n}")[10]
            shown = [(10, fresh), *shown[:2]]
        posts = "".join(
            f'<article class="post"><a href="/blog/post-{k}"><h3>{esc(title)}</h3></a></article>'
            for k, title in shown)
        out.append(f'<section class="posts"><h2>Blog</h2>{posts}</section>')
    if "cards_shuffle" in noise:
        cards = texts(company, "shuffle", 5, "{s} ({n})")
        rng(company.seed, company.index, "shuffle", visit).shuffle(cards)
        out.append('<div class="grid">' + "".join(
            f'<div class="tile"><h4>{esc(c)}</h4></div>' for c in cards) + "</div>")
    return "".join(out)


def new_post(company: Company) -> str:
    """The title of the real new post (the ``post_new`` event)."""
    return texts(company, "posts_new", 11, "{s} — {n}")[10]
