"""Job openings from public job-board answers and schema.org ``JobPosting``. Pure.

Boards and the public shape each answers with:
- Greenhouse ``boards-api.greenhouse.io/v1/boards/<token>/jobs``: ``{"jobs": [{id, title,
  absolute_url, location: {name}, departments: [{name}], updated_at, first_published}]}``
- Lever ``api.lever.co/v0/postings/<site>?mode=json``: ``[{id, text, hostedUrl, createdAt (ms),
  categories: {location, team, department, commitment}, workplaceType}]``
- Ashby ``api.ashbyhq.com/posting-api/job-board/<name>``: ``{"jobs": [{title, department, team,
  location, isRemote, employmentType, publishedAt, jobUrl}]}``
- Workable ``apply.workable.com/api/v1/widget/accounts/<name>``: ``{"jobs": [{title, shortcode,
  department, city, country, telecommuting, employment_type, published_on, url}]}``
- SmartRecruiters ``api.smartrecruiters.com/v1/companies/<id>/postings``: ``{"content": [{id,
  name, releasedDate, location: {city, country, remote}, department: {label},
  typeOfEmployment: {label}}]}``
- Recruitee ``<name>.recruitee.com/api/offers/``: ``{"offers": [{id, title, careers_url,
  department, location, remote, employment_type_code, published_at}]}``
- Personio ``<name>.jobs.personio.de/xml``: ``<workzag-jobs><position><id/><name/><office/>
  <department/><employmentType/><schedule/><createdAt/></position></workzag-jobs>``

The shape is recognised from the answer itself, so a board behind any URL is read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from monitor import normalize as nz
from monitor.extract import dates
from monitor.extract.structured import Node
from monitor.models import Category, Item

Job = Mapping[str, Any]


def job_item(title: str, url: str | None, ident: str, *, location: str = "",
             department: str = "", remote: bool | None = None, employment: str = "",
             posted: str | None = None, board: str = "") -> Item | None:
    """One opening as an item (None without a title), keyed by the board's id or its URL."""
    title = nz.text(title)
    if not title:
        return None
    details = {"location": nz.text(location), "department": nz.text(department),
               "employment": nz.text(employment),
               "remote": "" if remote is None else ("yes" if remote else "no")}
    day = dates.from_attribute(posted) if posted else None
    return Item(key=f"job:{ident}" if ident else (url or f"job:{nz.fold(title)}"), title=title,
                url=url, published_at=f"{day}T00:00:00Z" if day else None, kind="job",
                category=Category.HIRING, details=tuple((k, v) for k, v in details.items() if v),
                evidence=f"hiring: {board}" if board else "hiring")


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("label") or value.get("text") or "")
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return "" if value is None else str(value)


def _ms(value: Any) -> str | None:
    if isinstance(value, int | float) and value > 0:
        return datetime.fromtimestamp(value / 1000, UTC).date().isoformat()
    return None


def _greenhouse(j: Job) -> Item | None:
    return job_item(_text(j.get("title")), j.get("absolute_url"), str(j.get("id", "")),
                    location=_text(j.get("location")), department=_text(j.get("departments")),
                    posted=j.get("first_published") or j.get("updated_at"), board="Greenhouse")


def _lever(j: Job) -> Item | None:
    cat = j.get("categories") or {}
    return job_item(_text(j.get("text")), j.get("hostedUrl"), str(j.get("id", "")),
                    location=_text(cat.get("location")),
                    department=_text(cat.get("department") or cat.get("team")),
                    remote=(j.get("workplaceType") == "remote") if j.get("workplaceType") else None,
                    employment=_text(cat.get("commitment")), posted=_ms(j.get("createdAt")),
                    board="Lever")


def _ashby(j: Job) -> Item | None:
    return job_item(_text(j.get("title")), j.get("jobUrl"), str(j.get("id") or j.get("jobUrl") or ""),
                    location=_text(j.get("location")),
                    department=_text(j.get("department") or j.get("team")),
                    remote=j.get("isRemote") if isinstance(j.get("isRemote"), bool) else None,
                    employment=_text(j.get("employmentType")), posted=j.get("publishedAt"),
                    board="Ashby")


def _workable(j: Job) -> Item | None:
    place = ", ".join(p for p in (_text(j.get("city")), _text(j.get("country"))) if p)
    return job_item(_text(j.get("title")), j.get("url") or j.get("shortlink"),
                    str(j.get("shortcode") or j.get("id") or ""), location=place,
                    department=_text(j.get("department")),
                    remote=j.get("telecommuting") if isinstance(j.get("telecommuting"), bool) else None,
                    employment=_text(j.get("employment_type")),
                    posted=j.get("published_on") or j.get("created_at"), board="Workable")


def _smartrecruiters(j: Job) -> Item | None:
    loc = j.get("location") or {}
    place = ", ".join(p for p in (_text(loc.get("city")), _text(loc.get("country"))) if p)
    ident = str(j.get("id", ""))
    url = j.get("postingUrl") or j.get("ref")
    return job_item(_text(j.get("name")), url, ident, location=place,
                    department=_text(j.get("department")),
                    remote=loc.get("remote") if isinstance(loc.get("remote"), bool) else None,
                    employment=_text(j.get("typeOfEmployment")), posted=j.get("releasedDate"),
                    board="SmartRecruiters")


def _recruitee(j: Job) -> Item | None:
    return job_item(_text(j.get("title")), j.get("careers_url") or j.get("url"),
                    str(j.get("id") or j.get("slug") or ""),
                    location=_text(j.get("location")) or _text(j.get("city")),
                    department=_text(j.get("department")),
                    remote=j.get("remote") if isinstance(j.get("remote"), bool) else None,
                    employment=_text(j.get("employment_type_code")),
                    posted=j.get("published_at") or j.get("created_at"), board="Recruitee")


_SHAPES: tuple[tuple[str, str, Callable[[Job], Item | None]], ...] = (
    ("jobs", "absolute_url", _greenhouse), ("jobs", "jobUrl", _ashby),
    ("jobs", "shortcode", _workable), ("content", "releasedDate", _smartrecruiters),
    ("offers", "careers_url", _recruitee), ("offers", "title", _recruitee),
)


def from_json(data: Any) -> tuple[Item, ...] | None:
    """Openings of a board's JSON answer, or None when the shape is none of the boards'."""
    if isinstance(data, list):
        if all(isinstance(j, dict) and "text" in j and "hostedUrl" in j for j in data):
            return _collect(_lever(j) for j in data)
        return None
    if not isinstance(data, dict):
        return None
    for field, marker, read in _SHAPES:
        jobs = data.get(field)
        if (isinstance(jobs, list) and all(isinstance(j, dict) for j in jobs)
                and (not jobs or marker in jobs[0])):
            return _collect(read(j) for j in jobs)
    return None


def from_personio(body: bytes, base: str) -> tuple[Item, ...] | None:
    """Openings of a Personio XML feed, or None when the body is not one."""
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    if root.tag != "workzag-jobs":
        return None
    host = base.split("/xml")[0].rstrip("/")
    items = []
    for pos in root.iter("position"):
        def get(name: str, p: Any = pos) -> str:
            return nz.text(p.findtext(name) or "")
        ident = get("id")
        items.append(job_item(get("name"), f"{host}/job/{ident}" if ident else None, ident,
                              location=get("office"), department=get("department"),
                              employment=" ".join(v for v in (get("employmentType"), get("schedule")) if v),
                              posted=get("createdAt") or None, board="Personio"))
    return _collect(items)


def parse(body: bytes, url: str) -> tuple[Item, ...] | None:
    """Openings of any supported board's answer, or None when the body is no board's."""
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            return from_json(json.loads(body))
        except ValueError:
            return None
    return from_personio(body, url) if head == b"<" else None


def postings(nodes: Iterable[Node], page_url: str) -> tuple[Item, ...]:
    """schema.org ``JobPosting`` objects of a page (plain careers pages) as openings."""
    out = []
    for node in nodes:
        if "JobPosting" not in node.types:
            continue
        d = node.data
        place = d.get("jobLocation")
        place = place[0] if isinstance(place, list) and place else place
        addr = place.get("address", {}) if isinstance(place, dict) else {}
        addr = addr if isinstance(addr, dict) else {}
        loc = ", ".join(_text(addr.get(k)) for k in ("addressLocality", "addressCountry") if addr.get(k))
        ident = d.get("identifier")
        ident = _text(ident.get("value") if isinstance(ident, dict) else ident)
        url = d.get("url") if isinstance(d.get("url"), str) else None
        out.append(job_item(_text(d.get("title")), nz.url(url, page_url) if url else page_url,
                            ident or (nz.url(url, page_url) if url else ""), location=loc,
                            department=_text(d.get("occupationalCategory")),
                            remote=d.get("jobLocationType") == "TELECOMMUTE" or None,
                            employment=_text(d.get("employmentType")),
                            posted=_text(d.get("datePosted")) or None, board="schema.org JobPosting"))
    return _collect(out)


def _collect(items: Iterable[Item | None]) -> tuple[Item, ...]:
    seen: dict[str, Item] = {}
    for item in items:
        if item is not None:
            seen.setdefault(item.key, item)
    return tuple(seen.values())
