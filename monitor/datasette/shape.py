"""Turning rows of the people views into what the pages show. Pure: rows in, values out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# How a field reads on a profile page; unknown fields show as written.
LABELS = {
    "name": "Name", "legal_name": "Legal name", "description": "Description",
    "founded": "Founded", "employees": "Employees", "vat_id": "VAT id", "register": "Register",
    "industry": "Industry", "company_size": "Company size", "headquarters": "Headquarters",
    "company_type": "Company type", "location": "Location", "bio": "Bio",
    "display_name": "Display name", "specialties": "Specialties", "email": "E-mail",
    "phone": "Phone", "fax": "Fax", "address": "Address", "feed": "Feed",
    "link.website": "Website", "link.linkedin": "LinkedIn", "link.x": "X", "link.twitter": "X",
    "link.facebook": "Facebook", "link.instagram": "Instagram", "link.youtube": "YouTube",
    "link.github": "GitHub", "link.mastodon": "Mastodon", "link.bluesky": "Bluesky",
    "link.tiktok": "TikTok", "link.xing": "XING",
}
SECTIONS = (("identity", "Identity"), ("contact", "Contact"), ("links", "Links"))
TITLE_LIMIT = 160
CATEGORIES = ("leadership", "contact", "links", "identity", "content", "news", "post", "offer",
              "hiring", "metric", "health")


def label(field_name: str) -> str:
    """The human label of a fact field (``link.linkedin`` → ``LinkedIn``)."""
    if field_name in LABELS:
        return LABELS[field_name]
    if field_name.startswith("link."):
        return field_name[5:].capitalize()
    return field_name.replace("_", " ").capitalize()


def safe_href(url: object) -> str | None:
    """The URL when it is plain http(s), else None: scraped ``javascript:`` never becomes a link."""
    if not isinstance(url, str) or any(c in url for c in "\r\n\t"):
        return None
    plain = url.strip()
    # The usual link, answered without parsing: an ASCII http(s) URL with no bracketed host
    # (the only part ``urlsplit`` can refuse) is one whatever follows its scheme.
    if plain.startswith(("https://", "http://")) and plain.isascii() and "[" not in plain \
            and "]" not in plain:
        return plain
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


@dataclass(frozen=True)
class Value:
    """One value on the profile page, with where and since when it was seen."""

    label: str
    value: str
    href: str | None
    since: str
    source_kind: str
    source_href: str | None
    source_url: str
    evidence: str


@dataclass(frozen=True)
class Person:
    """Someone listed with a role."""

    name: str
    role: str
    since: str
    source_href: str | None
    evidence: str


@dataclass(frozen=True)
class Profile:
    """A company's profile now, grouped the way a card reads."""

    sections: tuple[tuple[str, tuple[Value, ...]], ...]
    people: tuple[Person, ...]
    description: str | None = None
    values: int = 0


def profile(rows: Iterable[Mapping[str, object]]) -> Profile:
    """Group company_profile rows into sections and people."""
    groups: dict[str, list[Value]] = {key: [] for key, _ in SECTIONS}
    people: list[Person] = []
    description = None
    count = 0
    for row in rows:
        count += 1
        category, fld = str(row["category"]), str(row["field"])
        value = str(row["value"] or "")
        since = str(row["since"] or "")[:10]
        src = str(row["source_url"] or "")
        if fld == "person":
            people.append(Person(value, str(row["role"] or ""), since, safe_href(src),
                                 str(row["evidence"] or "")))
            continue
        if fld == "description" and description is None:
            description = value
        href = safe_href(value) if category == "links" else (
            f"mailto:{value}" if fld == "email" and "@" in value and ":" not in value else None)
        groups.setdefault(category, []).append(Value(
            label(fld), value, href, since, str(row["source_kind"] or ""), safe_href(src), src,
            str(row["evidence"] or "")))
    order = {key: i for i, (key, _) in enumerate(SECTIONS)}
    titled = dict(SECTIONS)
    sections = tuple(
        (titled.get(key, key.capitalize()), tuple(sorted(vals, key=lambda v: (v.label, v.value))))
        for key, vals in sorted(groups.items(), key=lambda kv: order.get(kv[0], 99)) if vals)
    people.sort(key=lambda p: (_rank(p.role), p.name))
    return Profile(sections, tuple(people), description, count)


def _rank(role: str) -> int:
    """Chiefs first, then directors, then everyone else."""
    text = role.casefold()
    for i, marks in enumerate((("ceo", "chief executive", "president"), ("founder",),
                               ("cfo", "coo", "cto", "chief"), ("director", "vp", "head"))):
        if any(m in text for m in marks):
            return i
    return 9


@dataclass(frozen=True)
class Entry:
    """One line of a timeline or of the recent-changes page."""

    at: str
    category: str
    title: str
    href: str | None
    kind: str
    company: str = ""
    company_name: str = ""
    old: str | None = None
    new: str | None = None
    detail: Mapping[str, str] = field(default_factory=dict)


def entries(rows: Iterable[Mapping[str, object]]) -> list[Entry]:
    """Timeline or change rows as entries (``at`` or ``detected_at``, ``title`` or ``what``).

    Before and after are shown beside the title only when the title cannot hold them
    (long values, page text); a short ``a → b`` already says everything.
    """
    out = []
    for row in rows:
        at = str(row.get("at") or row.get("detected_at") or "")
        title = str(row.get("title") or row.get("what") or "")
        long = len(title) > TITLE_LIMIT or row.get("field") == "text"
        show_values = long and row.get("change") == "modified" and row.get("field") != "person"
        out.append(Entry(
            at=at, category=str(row.get("category") or ""), title=_clip(title, TITLE_LIMIT),
            href=safe_href(row.get("url")), kind=str(row.get("entry") or row.get("source_kind") or ""),
            company=str(row.get("company") or ""),
            company_name=str(row.get("company_name") or row.get("company") or ""),
            old=str(row["old"]) if show_values and row.get("old") is not None else None,
            new=str(row["new"]) if show_values and row.get("new") is not None else None))
    return out


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def by_day(items: Sequence[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped under their day, keeping order."""
    days: list[tuple[str, list[Entry]]] = []
    for entry in items:
        day = entry.at[:10]
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(entry)
    return days


def weekly_series(rows: Iterable[Mapping[str, object]], key: str) -> dict[str, dict[str, int]]:
    """``weekly_changes`` rows as ``{series: {week: count}}``, series named by ``key``."""
    series: dict[str, dict[str, int]] = {}
    for row in rows:
        name = str(row[key])
        week = str(row["week"])
        series.setdefault(name, {})[week] = series.get(name, {}).get(week, 0) + int(
            row["changes"] or 0)  # type: ignore[call-overload]
    return series


def metric_series(rows: Iterable[Mapping[str, object]]) -> dict[str, list[tuple[str, float]]]:
    """Metric rows as ``{name: [(observed_at, value), ...]}`` in time order."""
    series: dict[str, list[tuple[str, float]]] = {}
    for row in rows:
        series.setdefault(str(row["name"]), []).append(
            (str(row["observed_at"]), float(row["value"])))  # type: ignore[arg-type]
    for points in series.values():
        points.sort()
    return series
