"""Run the list cases through the website kind and the differ, as the simulated web is measured.

Each case is a homepage with an offers section and an openings section in given builder
styles, and a list of posts; at step ``CHANGE_AT`` one thing happens:

- ``reformat``: every price is written another way (code for sign, decimals dropped, a VAT
  note): no change;
- ``price``: one offer's amount changes: one ``offer`` change;
- ``reorder``: the openings are sorted another way: no change;
- ``new``: a new opening heads the list: one ``hiring`` addition;
- ``blog``: a new post heads the list of posts: one ``news`` addition (neither offer nor opening).

``python -m tests.listcases.run [--held] [-v]``: passed cases per scenario, and every miss.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from monitor.models import ChangeKind
from tests.listcases import held, working
from tests.listcases.lexicon import Lang, Offer, Opening, price, slug
from tests.simweb2.measure import run as timeline

CHANGE_AT = 4
STEPS = 8
SCENARIOS = ("reformat", "price", "reorder", "new", "blog")
EXPECTED = {"reformat": [], "price": [("offer", "modified")], "reorder": [],
            "new": [("hiring", "added")], "blog": [("news", "added")]}
AMOUNTS = (1299.0, 349.0, 89.9, 24.5, 59.0)
_OFFER_PATH = {"woocommerce": "/product/", "shopify": "/products/", "wix": "/product-page/"}
_POSTS = (("2026-03-02", "Spring update"), ("2026-02-11", "Winter recap"), ("2026-01-20", "Welcome"))


def _offer_url(style: str, base: str, name: str) -> str:
    return f"{base.rstrip('/')}{_OFFER_PATH.get(style, '/')}{slug(name)}"


def _job_url(style: str, base: str, slug_: str, n: int, title: str) -> str:
    if style == "personio":
        return f"https://{slug_}.jobs.personio.de/job/{140000 + n}?language=de"
    if style == "greenhouse":
        return f"https://boards.greenhouse.io/{slug_}/jobs/{4100000 + n}"
    if style == "table":
        return f"{base}jobs/{slug(title)}"
    return f"{base}{slug(title)}"


@dataclass
class Case:
    lang: Lang
    offer_style: str
    job_style: str
    scenario: str
    offers_html: Callable[[Lang, list[Offer]], str]
    jobs_html: Callable[[Lang, list[Opening]], str]

    @property
    def slug(self) -> str:
        return f"{self.lang.code}-{self.offer_style}-{self.job_style}-{self.scenario}"

    @property
    def url(self) -> str:
        return f"https://www.{self.slug}.example/"

    def page(self, step: int, visit: int) -> bytes:
        after = step >= CHANGE_AT
        scale = 100 if not self.lang.decimal else 1
        offers = []
        for i, name in enumerate(self.lang.products):
            value = AMOUNTS[i] * scale
            if after and self.scenario == "price" and i == 2:
                value = (AMOUNTS[i] - 10) * scale
            text = price(value, self.lang, reformat=after and self.scenario == "reformat",
                         since=i == 0 and bool(self.lang.since))
            offers.append(Offer(name, text, _offer_url(self.offer_style, self.url, name), value))
        jobs = [Opening(t, loc, _job_url(self.job_style, self.url, self.slug, n, t))
                for n, (t, loc) in enumerate(self.lang.jobs_list)]
        if after and self.scenario == "new":
            t, loc = self.lang.new_job
            jobs.insert(0, Opening(t, loc, _job_url(self.job_style, self.url, self.slug, 9, t)))
        if after and self.scenario == "reorder":
            jobs.sort(key=lambda j: j.location)
        posts = list(_POSTS)
        if after and self.scenario == "blog":
            posts.insert(0, ("2026-03-20", "Our new roastery opens"))
        blog = "".join(f'<article class="post"><time datetime="{d}">{d}</time><h3><a href="'
                       f'{self.url}blog/{slug(t)}">{escape(t)}</a></h3><p>{escape(t)}: a short note '
                       f'on what we did.</p></article>' for d, t in posts)
        body = (
            f'<header><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/shop">Shop</a> '
            f'<a href="/careers">Careers</a> <a href="/contact">Contact</a></nav></header><main>'
            f'<h1>{escape(self.slug)}</h1><p>We roast, sell and repair coffee machines since 1998.</p>'
            f'{self.offers_html(self.lang, offers)}{self.jobs_html(self.lang, jobs)}'
            f'<section class="blog"><h2>{escape(self.lang.blog)}</h2>{blog}</section></main>'
            f'<footer><p>© 2026 {escape(self.slug)}</p></footer>')
        return (f'<!doctype html><html lang="{self.lang.code}"><head><meta charset="utf-8">'
                f'<title>{escape(self.slug)}</title></head><body>{body}</body></html>').encode()


def cases(held_out: bool) -> list[Case]:
    """Every case of the working set, or of the held-aside set."""
    mod = held if held_out else working
    langs = list(mod.LANGS.values())
    offer_styles, job_styles = list(mod.OFFER_STYLES), list(mod.JOB_STYLES)
    out = []
    for i, lang in enumerate(langs):
        combos = [(offer_styles[2 * i % len(offer_styles)], job_styles[2 * i % len(job_styles)]),
                  (offer_styles[(2 * i + 1) % len(offer_styles)],
                   job_styles[(2 * i + 3) % len(job_styles)])]
        for n, (o, j) in enumerate(combos):
            for scenario in SCENARIOS:
                if scenario == "blog" and n:
                    continue
                out.append(Case(lang, o, j, scenario, mod.OFFER_STYLES[o], mod.JOB_STYLES[j]))
    return out


def changes(case: object) -> list[tuple[str, str]]:
    """(category, change) of every change the case's timeline produced (a case of this set or
    of ``short``: anything the simulated web's timeline can render)."""
    found = []
    for step_changes in timeline(case, steps=STEPS).changes.values():  # type: ignore[arg-type]
        for c in step_changes:
            if isinstance(c, tuple):
                found.append(("failed", str(c[1])))
            else:
                found.append((c.category.value, c.change.value if isinstance(c.change, ChangeKind)
                              else str(c.change)))
    return found


def main(argv: list[str]) -> None:
    held_out = "--held" in argv
    verbose = "-v" in argv
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false = 0
    for case in cases(held_out):
        got = changes(case)
        want = EXPECTED[case.scenario]
        total[case.scenario] += 1
        if sorted(got) == sorted(want):
            passed[case.scenario] += 1
        else:
            extra = Counter(got) - Counter(want)
            false += sum(extra.values())
            if verbose:
                print(f"MISS {case.slug}: want {want}, got {got}")
    label = "held-aside" if held_out else "working"
    print(f"{label}: " + ", ".join(f"{s} {passed[s]}/{total[s]}" for s in SCENARIOS)
          + f"; all {sum(passed.values())}/{sum(total.values())}; false changes {false}")


if __name__ == "__main__":
    main(sys.argv[1:])
