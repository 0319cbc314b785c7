"""The schema.org Organization of a page (JSON-LD or microdata) as profile facts.

A page can describe several organisations (its publisher, a partner, the news outlet). The
one picked is a top-level node before a referenced one (``publisher``/``about`` of the page),
one whose ``url`` is on the page's host before others, then the first in document order.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from monitor import normalize as nz
from monitor.extract import social
from monitor.extract.structured import Node, id_index, postal_nodes, resolve, types_of
from monitor.models import Fact

_ORG_TYPES = nz.wordset(
    "Organization Corporation LocalBusiness NGO Airline Consortium OnlineBusiness "
    "OnlineStore Store ProfessionalService LegalService FinancialService Restaurant Hotel "
    "EmploymentAgency TravelAgency InsuranceAgency RealEstateAgent BankOrCreditUnion "
    "AutoDealer MedicalClinic Dentist ResearchOrganization EducationalOrganization "
    "GovernmentOrganization"
)
_REFERRERS = (
    "publisher",
    "about",
    "mainEntity",
    "provider",
    "sourceOrganization",
    "copyrightHolder",
)
_PAGE_TYPES = nz.wordset(
    "WebSite WebPage AboutPage ContactPage ProfilePage Article NewsArticle BlogPosting"
)


def is_org(data: dict[str, Any]) -> bool:
    """True for Organization and its subtypes (LocalBusiness, Corporation, NGO, …)."""
    return any(t in _ORG_TYPES or t.endswith(("Organization", "Business")) for t in types_of(data))


def _host_of(value: Any) -> str:
    first = strings(value)[:1]
    return (urlsplit(first[0]).hostname or "").removeprefix("www.") if first else ""


def pick(nodes: list[Node], page_url: str | None) -> dict[str, Any] | None:
    """The organisation the page is about (see the module docs), or None."""
    index = id_index(nodes)
    page_host = (urlsplit(page_url or "").hostname or "").removeprefix("www.")
    candidates: list[tuple[int, int, int, dict[str, Any]]] = []
    for node in nodes:
        data = resolve(node.data, index)
        if node.top and is_org(data):
            candidates.append((0, 0, node.order, data))
        if node.top and _PAGE_TYPES & set(node.types):
            for key in _REFERRERS:
                ref = resolve(data.get(key), index)
                if isinstance(ref, dict) and is_org(ref):
                    candidates.append((1, 0, node.order, ref))
    if not candidates:
        return None
    ranked = [
        (rank, 0 if page_host and _host_of(d.get("url")) == page_host else 1, order, d)
        for rank, _, order, d in candidates
    ]
    ranked.sort(key=lambda c: (c[0], c[1], c[2]))
    return ranked[0][3]


def strings(value: Any) -> list[str]:
    """Every string a JSON-LD value holds (scalars, lists, ``@value`` and ``name`` objects)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    if isinstance(value, dict):
        return strings(value.get("@value", value.get("name")))
    if isinstance(value, bool):
        return []
    return [str(value)] if str(value).strip() else []


def postal_address(value: Any) -> str:
    """A PostalAddress (or a plain string) as one line: "street, postcode city, region, country"."""
    if not isinstance(value, dict):
        return nz.text(" ".join(strings(value)))
    street = " ".join(strings(value.get("streetAddress")))
    city = " ".join(strings(value.get("postalCode")) + strings(value.get("addressLocality")))
    region = " ".join(strings(value.get("addressRegion")))
    country = " ".join(strings(value.get("addressCountry")))
    locality = " ".join(strings(value.get("addressLocality"))).casefold()
    if region.casefold() == locality:
        region = ""  # "London, London" says the same thing twice
    if _EAST_ASIAN.search(street):  # written from the prefecture down, as the page writes it
        return _east_asian(value, street, region, country)
    parts = [nz.text(p) for p in (street, city, region, country) if p and p.strip()]
    return ", ".join(dict.fromkeys(p for p in parts if p))


# Kana, Han and Hangul: Japanese, Chinese and Korean addresses run from the largest place to
# the house ("〒220-0012 神奈川県横浜市西区みなとみらい3-6-1", "(06159) 서울특별시 강남구 …").
_EAST_ASIAN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_JP_CODE = re.compile(r"\d{3}-\d{4}")


def _east_asian(value: dict[str, Any], street: str, region: str, country: str) -> str:
    """A PostalAddress in Japanese, Chinese or Korean as the page would write it: postcode,
    region, locality and street, joined without commas (with spaces in Korean)."""
    code = " ".join(strings(value.get("postalCode"))).strip()
    locality = " ".join(strings(value.get("addressLocality"))).strip()
    places = [p.strip() for p in (region, locality, street) if p and p.strip()]
    if places and places[0] and all(p in street for p in places[:-1]):
        places = [street]  # the street already holds the prefecture and the city
    korean = bool(re.search(r"[\uac00-\ud7a3]", street))
    body = (" " if korean else "").join(places)
    if code:
        body = f"{'〒' if _JP_CODE.fullmatch(code) else ''}{code} {body}"
    land = country.strip()
    return nz.text(f"{body}, {land}" if land and not _EAST_ASIAN.search(land) and len(land) > 2 else body)


def employees(value: Any) -> str | None:
    """numberOfEmployees as "69" or "51-200"."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        low, high = strings(value.get("minValue")), strings(value.get("maxValue"))
        if low and high:
            return f"{low[0]}-{high[0]}"
        value = value.get("value")
    found = strings(value)
    return nz.text(found[0]) if found else None


def _people(org: dict[str, Any]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for key in ("founder", "founders"):
        for person in _as_list(org.get(key)):
            # "Founder & CEO" says more than "Founder": a card listing the CEO agrees with it
            title = " ".join(strings(person.get("jobTitle"))) if isinstance(person, dict) else ""
            names = strings(person.get("name")) if isinstance(person, dict) else strings(person)
            out += [(name, title or "Founder", key) for name in names]
    for key in ("employee", "employees", "member"):
        for person in _as_list(org.get(key)):
            if isinstance(person, dict) and person.get("jobTitle"):
                title = " ".join(strings(person["jobTitle"]))
                out += [(name, title, key) for name in strings(person.get("name"))]
    return out


def facts(org: dict[str, Any], page_url: str | None, country: str | None, label: str) -> list[Fact]:
    """Facts of one organisation object; ``label`` ("JSON-LD", "microdata") goes in evidence."""
    kind = (types_of(org) or ["Organization"])[0].rsplit("/", 1)[-1]
    out: list[Fact] = []

    def add(field: str, value: str | None, prop: str, raw: str, role: str | None = None) -> None:
        if value:
            evidence = nz.clip(f"{label} {kind}.{prop}: {nz.text(raw)}", 200)
            out.append(Fact(field, value, role, evidence))

    for prop, field in (("name", "name"), ("legalName", "legal_name")):
        for raw in strings(org.get(prop))[:1]:
            add(field, nz.clip(nz.text(raw), 500), prop, raw)
    for raw in strings(org.get("description"))[:1]:
        add("description", nz.clip(nz.mask_volatile(nz.text(raw)), 2000), "description", raw)
    points = [org] + [p for p in _as_list(org.get("contactPoint")) if isinstance(p, dict)]
    for point in points:
        for raw in strings(point.get("email")):
            add("email", nz.email(raw), "email", raw)
        for raw in strings(point.get("telephone")):
            add("phone", nz.phone(raw, country), "telephone", raw)
        for raw in strings(point.get("faxNumber")):
            add("fax", nz.phone(raw, country), "faxNumber", raw)
    for address in _as_list(org.get("address")):
        line = postal_address(address)
        add("address", nz.clip(line, 300), "address", line)
    for raw in strings(org.get("sameAs")):
        hit = social.classify(raw, page_url)
        if hit and hit[0] in social.NETWORKS:
            add(f"link.{hit[0]}", hit[1], "sameAs", raw)
    for raw in strings(org.get("url"))[:1]:
        add("link.website", nz.url(raw, page_url), "url", raw)
    for raw in strings(org.get("foundingDate"))[:1]:
        m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", raw.strip())
        add("founded", m.group(0) if m else nz.text(raw), "foundingDate", raw)
    staff = employees(org.get("numberOfEmployees"))
    add("employees", staff, "numberOfEmployees", staff or "")
    for raw in strings(org.get("vatID"))[:2]:
        add("vat_id", re.sub(r"[\s.-]", "", raw).upper(), "vatID", raw)
    for name, role, prop in _people(org):
        add("person", nz.person_name(name), prop, f"{name} ({role})", nz.role(role))
    return out


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


_ELSEWHERE = re.compile(
    r"\s(?:at|bei|chez|presso|en|hos|bij)\s|@|\b(?:contribut\w*|guest|freelance|gast\w*)\b", re.I
)


def people_nodes(nodes: list[Node], label: str) -> list[Fact]:
    """Person objects standing on their own (an about page's ``mainEntity``, a team's list)
    with a job title: the page's people, whatever its Organization says."""
    out: list[Fact] = []
    # Top-level persons and an about/profile page's main entity; never an article's author
    # (a news site's staff writer is not the company's).
    found = [n.data for n in nodes if n.top and "Person" in n.types]
    for node in nodes:
        if node.top and {"AboutPage", "ProfilePage"} & set(node.types):
            found += [e for e in _as_list(node.data.get("mainEntity")) if isinstance(e, dict)
                      and "Person" in types_of(e)]
    for data in found:
        title = " ".join(strings(data.get("jobTitle")))
        if not title or _ELSEWHERE.search(title):
            continue  # "VP of Sales at Cloudera", "Contributing writer": someone else's staff
        for raw in strings(data.get("name"))[:1]:
            name = nz.person_name(raw)
            if name and title:
                evidence = nz.clip(f"{label} Person: {nz.text(raw)} ({title})", 200)
                out.append(Fact("person", name, nz.role(title), evidence))
    return out


def standalone_addresses(nodes: list[Node], label: str) -> list[Fact]:
    """Address facts of top-level ``PostalAddress`` and ``Place`` objects (see
    ``structured.postal_nodes``): used where no organisation carries the address."""
    out = []
    for data in postal_nodes(nodes):
        line = postal_address(data)
        if any(c.isdigit() for c in line):
            out.append(Fact("address", nz.clip(line, 300), None, nz.clip(f"{label} PostalAddress: {line}", 200)))
    return out
