"""The ``careers`` kind: a company's public job board (Greenhouse, Lever, Ashby, Workable,
SmartRecruiters, Recruitee, Personio)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from monitor.models import Category, Fetched, Item, Metric, Observation, Outcome, Source
from monitor.sources.base import Kind

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

# Public board pages → the public API that lists the same openings.
_BOARDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^https?://(?:boards|job-boards)\.greenhouse\.io/(?:embed/job_board\?for=)?([\w-]+)"),
     "https://boards-api.greenhouse.io/v1/boards/{}/jobs"),
    (re.compile(r"^https?://jobs\.(?:eu\.)?lever\.co/([\w.-]+)"), "https://api.lever.co/v0/postings/{}?mode=json"),
    (re.compile(r"^https?://jobs\.ashbyhq\.com/([\w.%-]+)"), "https://api.ashbyhq.com/posting-api/job-board/{}"),
    (re.compile(r"^https?://apply\.workable\.com/([\w-]+)"), "https://apply.workable.com/api/v1/widget/accounts/{}"),
    (re.compile(r"^https?://(?:careers|jobs)\.smartrecruiters\.com/([\w-]+)"),
     "https://api.smartrecruiters.com/v1/companies/{}/postings"),
    (re.compile(r"^https?://([\w-]+)\.recruitee\.com(?:/|$)"), "https://{}.recruitee.com/api/offers/"),
    (re.compile(r"^https?://([\w-]+)\.jobs\.personio\.(?:de|com)(?:/|$)"), "https://{}.jobs.personio.de/xml"),
)
BOARD_HOSTS = ("greenhouse.io", "lever.co", "ashbyhq.com", "workable.com", "smartrecruiters.com",
               "recruitee.com", "jobs.personio.de", "jobs.personio.com")


def api_url(url: str) -> str:
    """The board API behind a public board URL; any other URL is read as it is."""
    for pattern, template in _BOARDS:
        m = pattern.match(url)
        if m and urlsplit(url).hostname not in ("boards-api.greenhouse.io", "api.lever.co"):
            return template.format(m.group(1))
    return url


def is_board(url: str) -> bool:
    """True for a URL on a known job board's host."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in BOARD_HOSTS)


def metrics(items: tuple[Item, ...]) -> tuple[Metric, ...]:
    """Open roles in all, per department and per location: time series for charts."""
    depts: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for item in items:
        details = dict(item.details)
        depts[details.get("department") or "(none)"] += 1
        places[details.get("location") or "(none)"] += 1
    out = [Metric("jobs.open", float(len(items)))]
    out += [Metric(f"jobs.department.{name}", float(n)) for name, n in sorted(depts.items())]
    out += [Metric(f"jobs.location.{name}", float(n)) for name, n in sorted(places.items())]
    return tuple(out)


class Careers(Kind):
    """A company's public job board: open roles are items, their counts are metrics.

    Reads the public APIs of Greenhouse, Lever, Ashby, Workable, SmartRecruiters, Recruitee and
    Personio (XML). Give the board's public URL (boards.greenhouse.io/acme, jobs.lever.co/acme,
    jobs.ashbyhq.com/acme, apply.workable.com/acme, careers.smartrecruiters.com/Acme,
    acme.recruitee.com, acme.jobs.personio.de) or its API URL. Each job is a ``hiring`` item with
    title, location, department, remote, employment type, posted date and URL: a new role is
    ``added`` once seen on two checks, a withdrawn one ``removed``. Metrics: ``jobs.open``,
    ``jobs.department.<name>``, ``jobs.location.<name>`` (chart them in Datasette). A board
    with no open role is normal, not a failure.
    Example:
        - kind: careers
          url: https://boards.greenhouse.io/acme
          every: 1d
    """

    kind: ClassVar[str] = "careers"
    item_category: ClassVar[Category] = Category.HIRING
    default_every: ClassVar[str] = "1d"
    empty_is_normal: ClassVar[bool] = True
    lists_every_item: ClassVar[bool] = True

    async def fetch(self, source: Source, fetcher: Fetcher, etag: str | None,
                    last_modified: str | None) -> Fetched:
        """Fetch the board's API answer."""
        return await fetcher.fetch(api_url(source.url), etag=etag, last_modified=last_modified)

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Openings of the board and their counts (see the class docs)."""
        from monitor.extract import jobboards  # loaded by the parser workers only

        items = jobboards.parse(fetched.body, fetched.final_url or fetched.url)
        if items is None:
            return Observation(Outcome.EXTRACTION_FAILED,
                               detail="not a job board answer (Greenhouse, Lever, Ashby, Workable, "
                                      "SmartRecruiters, Recruitee or Personio)")
        return Observation(Outcome.OK, items=items, metrics=metrics(items))
