"""Alerts as sentences a person would write. Pure: values in, text out, nothing escaped yet.

``ispace — CEO: Takeshi Hakamada → Jane Doe (from ispace-inc.com/en/company, 2026-11-24)``.
Each channel escapes these strings for its own format (Slack mrkdwn, HTML, headers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from monitor.models import Category, ChangeKind
from monitor.notify.base import Alert, Message, MessageKind, clean_line

_ITEMS = (Category.NEWS, Category.POST, Category.OFFER, Category.HIRING)  # item categories
CATEGORY_LABELS = {
    Category.LEADERSHIP: "Leadership", Category.CONTACT: "Contact details",
    Category.LINKS: "Links", Category.IDENTITY: "Identity", Category.NEWS: "News",
    Category.POST: "Posts", Category.CONTENT: "Page content", Category.METRIC: "Metrics",
    Category.HEALTH: "Source health", Category.OFFER: "Offers", Category.HIRING: "Hiring",
}
NETWORKS = {"x": "X", "linkedin": "LinkedIn", "facebook": "Facebook", "youtube": "YouTube",
            "instagram": "Instagram", "website": "website", "mastodon": "Mastodon",
            "bluesky": "Bluesky", "github": "GitHub", "tiktok": "TikTok", "xing": "XING",
            "pinterest": "Pinterest", "vimeo": "Vimeo"}
VALUE_LIMIT = 200


@dataclass(frozen=True)
class Line:
    """One thing to tell the reader, about one company, with where it was seen."""

    company: str
    company_name: str
    category: Category
    what: str
    where: str
    source_url: str  # "" unless a plain web link
    link: str | None
    date: str
    brief: str  # ``what`` without the field name, for lists under a category heading
    alert_ids: tuple[str, ...]
    change_ids: tuple[int, ...]

    @property
    def sentence(self) -> str:
        """The whole line, e.g. ``ispace — email added: a@b.c (from ispace.com, 2026-11-24)``."""
        return f"{self.company_name} — {self.what} (from {self.where}, {self.date})"


def label(field: str) -> str:
    """A field as a reader names it: ``link.x`` → ``X link``, ``legal_name`` → ``legal name``."""
    if field.startswith("link."):
        network = field.split(".", 1)[1]
        return f"{NETWORKS.get(network, network)} link"
    if field.startswith("metric."):
        return field.split(".", 1)[1].replace("_", " ")
    return {"text": "page text", "status": "source"}.get(field, field.replace("_", " "))


def what(a: Alert) -> str:
    """What happened, without the company: ``Jane Doe: CFO → COO``."""
    old, new = clean_line(a.old, VALUE_LIMIT), clean_line(a.new, VALUE_LIMIT)
    key = clean_line(a.key, VALUE_LIMIT)
    if a.category is Category.HEALTH:
        if new == "ok":
            return f"source working again: {short_url(a.source_url)}"
        return f"source failing: {short_url(a.source_url)} — {new}"
    if a.field == "person":
        if a.change is ChangeKind.MODIFIED:
            return f"{key}: {old or '?'} → {new or '?'}"
        if a.change is ChangeKind.ADDED:
            return f"{new}: {key} (newly listed)" if new else f"newly listed: {key}"
        return f"{old}: {key} (no longer listed)" if old else f"no longer listed: {key}"
    if a.field == "text":
        words = changed_words(a.evidence)
        if words:
            return f"page text changed: {words}"
        return "page text changed: " + (f"“{new}”" if new else f"removed “{old}”")
    if a.category in _ITEMS or a.field == "item":
        if a.change is ChangeKind.REMOVED:
            return f"{label(a.field)} removed: {old or key}"
        if a.change is ChangeKind.MODIFIED:
            return f"{label(a.field)} changed: {old} → {new}"
        return f"{label(a.field)}: {new or key}"
    if a.change is ChangeKind.MODIFIED:
        return f"{label(a.field)}: {old} → {new}"
    if a.change is ChangeKind.ADDED:
        return f"{label(a.field)} added: {new}"
    return f"{label(a.field)} removed: {old}"


_MARKS = re.compile(r"\[-.*?-\]|\{\+.*?\+\}", re.S)
WORDS_LIMIT = 400


def changed_words(evidence: str | None) -> str:
    """A page-text change as the words that changed, ``builds [-boats-] {+ships+} in Kiel``:
    the word-level diff the history keeps as the change's evidence, on one line and capped
    (a reader sees what changed, not two whole paragraphs to compare). "" when the evidence
    holds no marks (an older change, or a paragraph added or removed whole)."""
    if not evidence or not _MARKS.search(evidence):
        return ""
    return clean_line(evidence, WORDS_LIMIT)


def lines(alerts: Iterable[Alert]) -> list[Line]:
    """One line per alert; a person dropped and another listed in the same role read as one."""
    alerts = list(alerts)
    pairs: dict[str, tuple[Alert, Alert]] = {}
    for a in alerts:
        b = _successor(a, alerts, pairs)
        if b is not None:
            pairs[a.alert_id] = pairs[b.alert_id] = (a, b)
    out: list[Line] = []
    done: set[str] = set()
    for a in alerts:
        if a.alert_id in done:
            continue
        if a.alert_id in pairs:
            old, new = pairs[a.alert_id]
            done.update((old.alert_id, new.alert_id))
            text = (f"{clean_line(old.old, VALUE_LIMIT)}: {clean_line(old.key, VALUE_LIMIT)} → "
                    f"{clean_line(new.key, VALUE_LIMIT)}")
            out.append(_line(old, text, (old, new)))
        else:
            done.add(a.alert_id)
            out.append(_line(a, what(a), (a,)))
    return out


def _successor(a: Alert, alerts: Sequence[Alert], used: Mapping[str, object]) -> Alert | None:
    """The person newly listed in the role ``a`` left, on the same page."""
    if a.field != "person" or a.change is not ChangeKind.REMOVED or not a.old:
        return None
    for b in alerts:
        if (b.alert_id not in used and b.field == "person" and b.change is ChangeKind.ADDED
                and b.source == a.source and (b.new or "").casefold() == a.old.casefold()):
            return b
    return None


def _line(a: Alert, text: str, alerts: tuple[Alert, ...]) -> Line:
    link = a.url if a.url and a.url != a.source_url and safe_url(a.url) else None
    prefix = f"{label(a.field)}: "
    brief = text.removeprefix(prefix) if a.category in _ITEMS else text
    source = a.source_url if safe_url(a.source_url) else ""
    return Line(a.company, clean_line(a.company_name, 100), a.category, text,
                short_url(a.source_url), source, link, a.detected_at[:10], brief,
                tuple(x.alert_id for x in alerts), tuple(x.change_id for x in alerts))


def short_url(url: str) -> str:
    """``https://www.ispace-inc.com/en/company/?x=1`` → ``ispace-inc.com/en/company``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return clean_line(host + parts.path.rstrip("/"), 80) or clean_line(url, 80)


def safe_url(url: str) -> bool:
    """Only plain web links are shown as links."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.username


def grouped(items: Sequence[Line]) -> list[tuple[str, str, list[tuple[Category, list[Line]]]]]:
    """Lines by company (name order), then category (fixed order): digests read this way."""
    companies: dict[str, tuple[str, dict[Category, list[Line]]]] = {}
    for line in items:
        _, cats = companies.setdefault(line.company, (line.company_name, {}))
        cats.setdefault(line.category, []).append(line)
    order = list(Category)
    return [(name, slug, sorted(cats.items(), key=lambda kv: order.index(kv[0])))
            for slug, (name, cats) in sorted(companies.items(), key=lambda kv: kv[1][0].casefold())]


def subject(message: Message) -> str:
    """A one-line title: the sentence itself for one alert, counts for more."""
    if message.kind in (MessageKind.NOTICE, MessageKind.TEST):
        return clean_line(message.title, 150)
    found = lines(message.alerts)
    if len(found) == 1 and message.kind in (MessageKind.SINGLE, MessageKind.BATCH):
        return clean_line(f"{found[0].company_name} — {found[0].what}", 150)
    names = sorted({line.company_name for line in found}, key=str.casefold)
    who = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    count = f"{len(found)} change{'s' if len(found) != 1 else ''}"
    if message.kind is MessageKind.BATCH:
        return clean_line(f"{count}: {who}", 150)
    return clean_line(f"{message.title}: {count} at {who}", 150)


def intro(message: Message) -> str:
    """One sentence that says what kind of message this is."""
    n = len(message.alerts)
    return {
        MessageKind.SUMMARY: f"{n} changes arrived at once (a redesign?); counted here instead of"
                             " sent one by one. Every change is in Datasette.",
        MessageKind.CATCHUP: f"{n} alerts were held up for a long time (alerts were down?);"
                             " here they are together.",
    }.get(message.kind, "")
