"""Checks shared by the tests that a held-out noise set is well formed (``variants3``,
``variants4``, ``variants5``): companies in every language, a page's text, how a noise kind moves."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.simweb2.langs import LANGS
from tests.simweb2.measure import STEPS
from tests.simweb2.site import Company, companies

# The seeds of the sets made before the third held-out set: a later set must not reuse them.
EARLIER_SEEDS = frozenset({1, 2, 3, 7, 901, 902, 7301, 7302, 7401, 7402})


def every_language(
    seed: int, noise: frozenset[str], events: dict[int, str] | None = None
) -> list[Company]:
    """One company per language of the simulated web."""
    out = companies(seed, count=len(LANGS), noise=noise, events=events)
    assert {c.lang.code for c in out} == {lang.code for lang in LANGS}
    return out


def page_text(page: bytes) -> str:
    """What a page's body says."""
    body = HTMLParser(page.decode()).body
    assert body is not None
    return body.text(separator=" ")


def plain(company: Company) -> Company:
    """The same company with no noise."""
    return Company(company.seed, company.index, company.lang, company.style, frozenset())


def visits(company: Company) -> Mapping[tuple[int, int], bytes]:
    """The company's page at both visits of every step, by (step, visit)."""
    return {(s, v): company.page(s, v) for s in range(STEPS) for v in (2 * s, 2 * s + 1)}


def assert_moves_as_designed(
    company: Company,
    kind: str,
    pages: Mapping[tuple[int, int], bytes],
    per_visit: Collection[str],
    per_day: Collection[str],
) -> None:
    """A per-visit kind differs between the two visits of some step; a per-day kind between
    steps, and (unless it is per visit too) never between the visits of one step."""
    within = any(pages[(s, 2 * s)] != pages[(s, 2 * s + 1)] for s in range(STEPS))
    across = any(pages[(s, 2 * s)] != pages[(s + 1, 2 * s + 2)] for s in range(STEPS - 1))
    assert within == (kind in per_visit), (kind, company.lang.code)
    if kind in per_day:
        assert across, (kind, company.lang.code)
