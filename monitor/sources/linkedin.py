"""The ``linkedin`` kind: a company's public (logged-out, "guest") LinkedIn page."""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import field_validator
from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import html as ht
from monitor.extract import meta, organization
from monitor.extract.metrics import check_thresholds, count, thresholds_field
from monitor.extract.structured import jsonld
from monitor.extract.walls import (
    blocked,
    failed,
    linkedin_app_shell,
    linkedin_wall,
    redirected_to_wall,
)
from monitor.models import Category, Fact, Fetched, Item, Metric, Observation, Source
from monitor.sources.base import Kind, SourceOptions

GUEST_PAGE_KEY = "d_org_guest_company_overview"
METRICS = ("followers", "employees")
ABOUT = {  # data-test-id suffix of the guest page's about box → fact field
    "industry": "industry", "size": "company_size", "headquarters": "headquarters",
    "organizationType": "company_type", "foundedOn": "founded", "specialties": "specialties",
}  # fmt: skip
_FOLLOWERS = re.compile(r"(\d[\d,.\u202f\u00a0 ]*[KkMm]?)\s*(?:followers|Follower|abonnés|seguidores|volgers)", re.I)


class LinkedInOptions(SourceOptions):
    """Options of the linkedin kind."""

    thresholds: dict[str, float] = thresholds_field(METRICS)  # type: ignore[assignment]

    @field_validator("thresholds")
    @classmethod
    def _known(cls, value: dict[str, float]) -> dict[str, float]:
        return check_thresholds(value, METRICS)


class LinkedIn(Kind):
    """A company's public LinkedIn page, as LinkedIn shows it to a visitor who is not logged in.

    Extracted: name, description (the About text), slogan, address, website, industry,
    company size, headquarters, type, founded and specialties (facts); followers and the
    employee count LinkedIn states (metrics: a time series, a change only past your
    `thresholds`); the recent posts the page shows (items).
    Not possible without login: the full employee list (the page shows a rotating sample,
    which is ignored), people's profiles (HTTP 999), older posts, jobs, insights.
    LinkedIn often answers with HTTP 999, a redirect to /authwall or a sign-in page instead;
    that is recorded as status `blocked` (no change) and the next try backs off. LinkedIn's
    robots.txt and terms forbid automated access: expect `disallowed`, and get permission.

    Options: url (https://www.linkedin.com/company/<slug>/), every, confirm,
    thresholds (followers, employees).
    Example:
        - kind: linkedin
          url: https://www.linkedin.com/company/ispace-inc/
          every: 1d
          thresholds: {followers: 1000, employees: 20}
    """

    kind: ClassVar[str] = "linkedin"
    Options: ClassVar[type[SourceOptions]] = LinkedInOptions
    item_category: ClassVar[Category] = Category.POST
    default_every: ClassVar[str] = "1d"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Facts, metrics and posts of a guest company page; a wall is ``blocked``."""
        wall = redirected_to_wall(fetched)
        if wall:
            return blocked(wall)
        page = ht.decode(fetched.body, fetched.headers.get("content-type"))
        tree = ht.parse(page)
        tags = meta.tags(tree)
        org = organization.pick(jsonld(tree), None)
        about = tree.css_first('[data-test-id="about-us"]')
        if tags.get("pagekey") != GUEST_PAGE_KEY and org is None and about is None:
            wall = linkedin_wall(tags.get("pagekey", ""), ht.title(tree), page[:300_000])
            if wall:
                return blocked(wall)
            if linkedin_app_shell(tags):
                return failed("a logged-in LinkedIn app page, not the public company page")
            return failed("not a LinkedIn guest company page (no company data found)")
        facts = _org_facts(org or {}, tree) + _about_facts(tree)
        if not facts:
            return failed("LinkedIn company page without company data (layout changed?)")
        return Observation(facts=tuple(facts), metrics=tuple(_metrics(org or {}, tree, tags)),
                           items=tuple(posts(tree)))


def _fact(field: str, value: str | None, evidence: str, limit: int = 500) -> list[Fact]:
    text = nz.text(value or "")
    return [Fact(field, nz.clip(text, limit), None, nz.clip(f"LinkedIn {evidence}", 200))] if text else []


def _org_facts(org: dict[str, object], tree: LexborHTMLParser) -> list[Fact]:
    """Name, description, slogan, address, website from the JSON-LD Organization (else the page)."""
    names = organization.strings(org.get("name"))
    h1 = tree.css_first("h1")
    out = _fact("name", names[0] if names else (h1.text() if h1 else ""), "name")
    described = organization.strings(org.get("description"))
    if not described and (node := tree.css_first('[data-test-id="about-us__description"]')):
        described = [node.text()]
    if described:
        out += _fact("description", nz.mask_volatile(nz.text(described[0])), "about", 2000)
    out += _fact("slogan", " ".join(organization.strings(org.get("slogan"))[:1]), "slogan")
    address = org.get("address")
    for one in address if isinstance(address, list) else [address] if address else []:
        out += _fact("address", organization.postal_address(one), "address", 300)
    site = tree.css_first('[data-test-id="about-us__website"] dd a') or tree.css_first(
        '[data-test-id="about-us__website"] dd')
    raw = site.text() if site is not None else " ".join(organization.strings(org.get("sameAs"))[:1])
    if nz.text(raw):
        out.append(Fact("link.website", nz.url(nz.text(raw)), None, f"LinkedIn website: {nz.text(raw)}"))
    return out


def _about_facts(tree: LexborHTMLParser) -> list[Fact]:
    """Industry, size, headquarters, type, founded, specialties from the about box."""
    out: list[Fact] = []
    for suffix, field in ABOUT.items():
        node = tree.css_first(f'[data-test-id="about-us__{suffix}"] dd')
        if node is not None:
            out += _fact(field, node.text(), f"{suffix}: {nz.text(node.text())}")
    return out


def _metrics(org: dict[str, object], tree: LexborHTMLParser, tags: dict[str, str]) -> list[Metric]:
    """Followers (top card, else og:description) and the stated employee count."""
    out: list[Metric] = []
    subline = tree.css_first(".top-card-layout__first-subline")
    for text in (subline.text() if subline else "", tags.get("og:description", "")):
        m = _FOLLOWERS.search(nz.text(text))
        if m and (value := count(m.group(1))) is not None:
            out.append(Metric("followers", value))
            break
    staff = organization.employees(org.get("numberOfEmployees"))
    if staff and staff.isdigit():
        out.append(Metric("employees", float(staff)))
    return out


def posts(tree: LexborHTMLParser) -> list[Item]:
    """The posts in the page's "Updates" section, keyed by their activity URN."""
    out: list[Item] = []
    for card in tree.css("[data-activity-urn]"):
        urn = card.attributes.get("data-activity-urn") or ""
        body = card.css_first('[data-test-id="main-feed-activity-card__commentary"]')
        if not urn.startswith("urn:li:activity:") or body is None:
            continue
        text = nz.text(body.text())
        lockup = card.css('[data-test-id="main-feed-activity-card__entity-lockup"] a')
        name = next((nz.text(a.text()) for a in lockup if nz.text(a.text())), "")
        out.append(Item(key=urn, title=nz.clip(text, 140), url=f"https://www.linkedin.com/feed/update/{urn}/",
                        summary=nz.clip(text, 1000), publisher=name or None, kind="post"))
    return out
