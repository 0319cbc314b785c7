"""The GDELT DOC 2.0 API as a news provider: query building and ``artlist`` JSON parsing.

``GET /api/v2/doc/doc?query=...&mode=artlist&format=json`` answers
``{"articles": [{"url", "url_mobile", "title", "seendate": "20240206T091500Z", "socialimage",
"domain", "language", "sourcecountry"}]}``, ``{}`` when nothing matched, and a plain-text
sentence (HTTP 200 or 429) when the query is refused or requests come too fast
("Please limit requests to one every 5 seconds").
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from monitor import normalize as nz
from monitor.extract.gnews import Story, domain_of, phrase

GDELT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
TIMESPAN = "7d"  # the monitor asks for what is new; the API itself reaches back three months
MAX_RECORDS = 75
# GDELT filters by language name, not ISO code.
LANGUAGES = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "ja": "japanese", "zh": "chinese", "ko": "korean",
    "ru": "russian", "ar": "arabic", "pl": "polish", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
_SEEN = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?")


def gdelt_query(terms: list[str], exclude: list[str], lang: str | None) -> str:
    """The GDELT query: OR of the names (parenthesised only when there are several)."""
    names = [phrase(t) for t in terms if nz.text(t)]
    query = names[0] if len(names) == 1 else "(" + " OR ".join(names) + ")"
    query += "".join(f" -{phrase(t)}" for t in exclude if nz.text(t))
    if lang and lang in LANGUAGES:
        query += f" sourcelang:{LANGUAGES[lang]}"
    return query


def gdelt_url(base: str, terms: list[str], exclude: list[str], lang: str | None) -> str:
    """The artlist request for these names."""
    params = {"query": gdelt_query(terms, exclude, lang), "mode": "artlist", "format": "json",
              "maxrecords": str(MAX_RECORDS), "sort": "datedesc", "timespan": TIMESPAN}
    return f"{base}?{urlencode(params)}"


def seen_iso(value: str) -> str | None:
    """GDELT's ``seendate`` (20240206T091500Z) as ISO 8601 UTC."""
    m = _SEEN.fullmatch(value.strip())
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def parse_gdelt(body: bytes) -> list[Story] | str:
    """Stories of an artlist answer, or the API's own message when it refused the query."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        doc = json.loads(text) if text else {}
    except (ValueError, RecursionError):  # absurd nesting is bad JSON too
        return nz.clip(nz.text(text), 200) or "not JSON"
    if not isinstance(doc, dict):
        return "unexpected JSON (not an object)"
    stories: list[Story] = []
    for raw in doc.get("articles") or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
            continue
        title = nz.text(str(raw.get("title") or ""))
        if not title:
            continue
        domain = nz.text(str(raw.get("domain") or "")).lower().removeprefix("www.") or domain_of(raw["url"])
        stories.append(Story(title=title, publisher=domain, domain=domain, link=raw["url"],
                             published=seen_iso(str(raw.get("seendate") or "")), provider="gdelt"))
    return stories
