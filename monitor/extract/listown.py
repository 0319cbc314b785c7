"""Is a list the site's own news or openings, or someone else's content? Pure.

A company's own stories and openings each have a page of their own, on its own site (a job may
live on the applicant-tracking system it uses). Not its own, whatever the words say:

- blocks that all lead to one page (a sign-up or registration link under a programme of talks);
- news whose links mostly leave the site (a syndicated "Latest from Reuters" box);
- openings that link to another site that is no job board (job ads of other employers, often
  through an ad tracker);
- stories where every block goes somewhere else, some to another site (a promo box: photos of
  the day, an app in a store, a feature on another site).

Offers are exempt from the site rules: a deals page commonly sells through the company's shop
on another domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from monitor.models import Category

# Applicant-tracking systems and job boards that host a company's own openings.
_BOARDS = (
    "greenhouse.io lever.co ashbyhq.com workable.com smartrecruiters.com recruitee.com "
    "personio.de personio.com myworkdayjobs.com workday.com icims.com taleo.net "
    "successfactors.com successfactors.eu jobvite.com bamboohr.com teamtailor.com join.com "
    "softgarden.io softgarden.de rexx-systems.com dvinci.de breezy.hr applytojob.com "
    "jazzhr.com zohorecruit.com zohorecruit.eu recruiterbox.com pinpointhq.com "
    "homerun.co jobs.ch stepstone.de welcometothejungle.com polymer.co rippling.com "
    "bundesagentur.de")
BOARD_DOMAINS = frozenset(_BOARDS.split())
MIN_SCATTER = 3
# Second-level labels under which a country code registers names ("example.co.uk").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gob",
                           "nic", "mil"})


def site(url: str) -> str:
    """The registrable domain of a URL, near enough: ``news.example.co.uk`` → ``example.co.uk``."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _home(url: str) -> str:
    """Where a link goes, coarsely: its host, plus its first folder when it has one."""
    parts = urlsplit(url)
    folders = [s for s in parts.path.split("/") if s][:-1]
    return f"{(parts.hostname or '').lower()}/{folders[0].lower() if folders else ''}"


def foreign(category: Category, urls: Sequence[str], page_url: str) -> str | None:
    """Why a list is not the site's own (None when it is)."""
    n = len(urls)
    if n == 0:
        return None
    own = site(page_url)
    if category is not Category.OFFER and len({u.rstrip("/") for u in urls}) * 2 <= n:
        return "its blocks lead to one page, not a page each"
    off = [u for u in urls if site(u) != own]
    if category is Category.NEWS and len(off) * 2 > n:
        return "its stories are on other sites"
    if category is Category.HIRING and any(site(u) not in BOARD_DOMAINS for u in off):
        return "its jobs lead to other sites that are no job boards"
    scattered = len({_home(u) for u in urls}) == n and len({site(u) for u in urls}) > 1
    if category is Category.NEWS and n >= MIN_SCATTER and scattered:
        return "every block leads somewhere else (a promo box)"
    return None

