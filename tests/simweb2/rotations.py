"""Rotation variants of the second simulated web, written as a held-out set.

The dev noise of ``site`` rotates one quote per visit and one slogan per day. These variants
rotate differently, so that a rotation model tuned on the dev noise can be judged on noise it
was not written for: 3, 5 or 8 texts; per visit, per day, per week; a block of several lines
(a quote and its author); a teaser that is a link with a title and a summary; one card of a
list of cards, and a list that shows a different sample of its cards each day; two rotating
blocks next to each other. Its events are real one-off changes that must still be found: a
stable tagline replaced, a paragraph rewritten, and a slot that rotated for a week, then
stood still for three, then changed for real.

The texts come from each language's own slogans and quotes, recombined, so every variant
speaks the page's language. ``python -m tests.simweb2.measure --rotations`` runs it.
"""

from __future__ import annotations

from itertools import product

from tests.simweb2.site import Company, esc, rng

ROTATION_NOISE = (
    "visit3",  # a hero tagline, 3 texts, a new one on every visit
    "day8",  # a "tip of the day" paragraph, 8 texts
    "week5",  # a featured paragraph, 5 texts, a new one every 7 days
    "block_visit5",  # a quote and its author on two lines, 5 pairs, per visit
    "teaser_day3",  # a link teaser (title + summary), 3 stories, per day
    "card_visit6",  # the third of four cards rotates among 6, per visit
    "cards_sample",  # 4 of 8 cards shown each day, in the list's own order
    "two_blocks",  # a slogan (5, per day) right above a quote (4, per visit), nothing between
)
ROTATION_SEEDS = (7301, 7302)
# Real one-off changes of prose: step → event. The decaying slot rotates daily up to
# DECAY_STOP, then stands still until its real change.
ROTATION_EVENTS = {8: "tagline_change", 16: "paragraph_change", 27: "decayed_slot_change"}
DECAY_STOP = 6


# Each slot writes its texts in its own form, so no two slots of a page share a text.
FORMS = {
    "visit3": "{s}: {q}",
    "day8": "{q} ({s})",
    "week5": "{s}! {q}",
    "block": "“{q}” {s}.",
    "teaser_title": "{s} – {n}",
    "teaser_text": "{n}: {q}",
    "cards_fixed": "{n} · {s}",
    "card_spot": "{s} · {n}",
    "cards_sample": "{n} | {s}",
    "two_blocks_day": "{s} ({n})",
    "two_blocks_visit": "{q} — {n}",
    "decay": "{s} / {q}",
}


def pool(company: Company, tag: str, count: int) -> list[str]:
    """``count`` distinct texts in the company's language for one rotating slot."""
    lang = company.lang
    pairs = list(product(range(len(lang.slogans)), range(len(lang.quotes))))
    r = rng(company.seed, company.index, "pool", tag)
    r.shuffle(pairs)
    return [
        FORMS[tag].format(s=lang.slogans[i], q=lang.quotes[j], n=lang.family[(i + j) % len(lang.family)])
        for i, j in pairs[:count]
    ]


def _per_visit(company: Company, tag: str, visit: int, count: int) -> int:
    return rng(company.seed, company.index, tag, visit).randrange(count)


def _p(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def hero(company: Company, step: int, visit: int) -> str:
    """What goes under the hero slogan: rotating taglines, the stable tagline, the decaying
    slot, and the two adjacent rotating blocks."""
    noise, out = company.noise, []
    lang = company.lang
    if "visit3" in noise:
        texts = pool(company, "visit3", 3)
        out.append(f'<p class="tagline">{esc(texts[_per_visit(company, "visit3", visit, 3)])}</p>')
    if "tagline_change" in company.events.values():
        changed = step >= _when(company, "tagline_change")
        out.append(_p(f"{lang.slogans[1 if changed else 0]}. {lang.slogans[4 if changed else 3]}."))
    if "decayed_slot_change" in company.events.values():
        texts = pool(company, "decay", 6)
        k = min(step, DECAY_STOP) % 5
        out.append(_p(texts[5] if step >= _when(company, "decayed_slot_change") else texts[k]))
    if "two_blocks" in noise:
        slogans = pool(company, "two_blocks_day", 5)
        quotes = pool(company, "two_blocks_visit", 4)
        q = _per_visit(company, "two_blocks", visit, 4)
        out.append(f'<div class="promo"><h3>{esc(slogans[step % 5])}</h3>'
                   f"<blockquote>{esc(quotes[q])}</blockquote></div>")
    return "".join(out)


def middle(company: Company, step: int, visit: int) -> str:
    """Blocks between the about section and the team: tip, featured, teaser, the rewritten
    paragraph."""
    noise, out = company.noise, []
    if "day8" in noise:
        out.append(f'<aside class="tip">{_p(pool(company, "day8", 8)[step % 8])}</aside>')
    if "week5" in noise:
        out.append(f'<section class="featured">{_p(pool(company, "week5", 5)[(step // 7) % 5])}</section>')
    if "teaser_day3" in noise:
        k = step % 3
        title, summary = pool(company, "teaser_title", 3)[k], pool(company, "teaser_text", 3)[k]
        out.append(f'<a class="teaser" href="/stories/{k}"><h3>{esc(title)}</h3><p>{esc(summary)}</p></a>')
    if "paragraph_change" in company.events.values():
        lang = company.lang
        text = f"{lang.quotes[0]} {lang.slogans[2]}."
        if step >= _when(company, "paragraph_change"):
            text = f"{lang.quotes[0]} {lang.quotes[3]} {lang.slogans[2]}."
        out.append(f'<section class="mission">{_p(text)}</section>')
    return "".join(out)


def lower(company: Company, step: int, visit: int) -> str:
    """Blocks after the team: a quote with its author, and the lists of cards."""
    noise, out, lang = company.noise, [], company.lang
    if "block_visit5" in noise:
        k = _per_visit(company, "block", visit, 5)
        quote = pool(company, "block", 5)[k]
        who = f"{lang.given[(k + 2) % len(lang.given)]} {lang.family[(k + 4) % len(lang.family)]}"
        out.append(f'<figure class="voice"><blockquote>{esc(quote)}</blockquote>'
                   f"<figcaption>{esc(who)}, {esc(lang.family[k % len(lang.family)])} & Co</figcaption></figure>")
    if "card_visit6" in noise:
        cards = pool(company, "cards_fixed", 3)
        spot = pool(company, "card_spot", 6)[_per_visit(company, "card", visit, 6)]
        shown = [cards[0], cards[1], spot, cards[2]]
        out.append('<ul class="cards">' + "".join(f"<li><h4>{esc(c)}</h4></li>" for c in shown) + "</ul>")
    if "cards_sample" in noise:
        cards = pool(company, "cards_sample", 8)
        picked = sorted(rng(company.seed, company.index, "sample", step).sample(range(8), 4))
        out.append('<ul class="cases">' + "".join(f"<li><h4>{esc(cards[k])}</h4></li>" for k in picked) + "</ul>")
    return "".join(out)


def _when(company: Company, event: str) -> int:
    return min(step for step, name in company.events.items() if name == event)
