"""Short lists: pricing tables of two to four plans, careers sections of two or three openings,
and blocks of three that are no list of items (features, steps, testimonials, team, link
columns). Measured as the other list cases are.

Each case is one section of a company homepage, before and after its event:

- ``price``: one plan's figure changes: one ``offer`` change;
- ``job``: a new opening joins the section: one ``hiring`` addition;
- ``""``: a negative, rotated or left as it is: no item on the page, no change.

The page read before the event must give exactly the expected titles in the expected
category, each with its price's figure where one is expected.

``python -m tests.listcases.short [--held] [-v]``: passed cases per event, and every miss.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from monitor import prices
from monitor.extract.page import extract_page
from tests.listcases.run import CHANGE_AT, changes

EXPECTED = {"price": [("offer", "modified")], "job": [("hiring", "added")], "": []}


@dataclass(frozen=True)
class Short:
    """One section of a homepage: what a careful reader sees in it, and its event."""

    name: str
    lang: str
    event: str  # "price", "job" or "" (a negative)
    category: str | None  # of the expected items; None: no items
    want: tuple[str, ...]  # titles before the event, in page order
    figures: tuple[str, ...]  # the price figures (digits only), "" where none is expected
    render: Callable[[bool], str]  # the section's HTML before (False) and after (True)
    path: str = ""  # the page's path ("" for the homepage)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower())

    @property
    def url(self) -> str:
        return f"https://www.{self.slug}.example/{self.path}"

    def page(self, step: int, visit: int = 0) -> bytes:
        """The homepage around the section, before or after its event."""
        body = (
            f'<header><nav><a href="/">Home</a> <a href="/about">About</a> '
            f'<a href="/contact">Contact</a></nav></header><main><h1>{escape(self.name)}</h1>'
            f"<p>A small company that has made and sold good things since 2009.</p>"
            f"{self.render(step >= CHANGE_AT)}</main>"
            f"<footer><p>© 2026 {escape(self.name)}</p></footer>"
        )
        return (
            f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
            f"<title>{escape(self.name)}</title></head><body>{body}</body></html>"
        ).encode()


def digits(price: str | None) -> str:
    """The figure of a price, digits only ("1.290,00 kr" → "1290")."""
    if not price:
        return ""
    amount = prices.parse(price).amount
    return "" if amount is None else format(amount.normalize(), "f").replace(".", "")


def read(case: Short) -> tuple[list[str], list[str | None], list[str]]:
    """(titles, categories, price figures) of the items read from the page before its event."""
    obs = extract_page(case.page(0), case.url, "text/html")
    return (
        [i.title for i in obs.items],
        [i.category.value if i.category else None for i in obs.items],
        [digits(i.price) for i in obs.items],
    )


def read_right(case: Short) -> bool:
    """Whether the page gives exactly the expected items."""
    titles, cats, figures = read(case)
    if list(case.want) != titles or any(c != case.category for c in cats):
        return False
    return all(not want or want == got for want, got in zip(case.figures, figures, strict=False))


def main(argv: list[str]) -> None:
    from tests.listcases import short_held, short_working

    held_out = "--held" in argv
    verbose = "-v" in argv
    cases = short_held.CASES if held_out else short_working.CASES
    read_ok: Counter[str] = Counter()
    events_ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false = 0
    for case in cases:
        group = case.event or "negative"
        total[group] += 1
        if read_right(case):
            read_ok[group] += 1
        elif verbose:
            print(f"READ {case.name}: want {case.want} {case.category}, got {read(case)}")
        got, want = changes(case), EXPECTED[case.event]
        if sorted(got) == sorted(want):
            events_ok[group] += 1
        else:
            false += sum((Counter(got) - Counter(want)).values())
            if verbose:
                print(f"EVENT {case.name}: want {want}, got {got}")
    label = "held-aside" if held_out else "working"
    groups = ("price", "job", "negative")
    print(
        f"{label}: read "
        + ", ".join(f"{g} {read_ok[g]}/{total[g]}" for g in groups)
        + "; events "
        + ", ".join(f"{g} {events_ok[g]}/{total[g]}" for g in groups)
        + f"; false changes {false}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
