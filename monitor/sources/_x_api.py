"""The official X API v2: user lookup and the user's posts, rate limits honoured.

``GET /2/users/by/username/:username`` → ``{"data": {"id", "name", "username", "description",
"location", "url", "entities", "profile_image_url", "public_metrics": {"followers_count",
"following_count", "tweet_count", ...}}}``; ``GET /2/users/:id/tweets`` → ``{"data": [{"id",
"text", "created_at", "entities"}], "meta": {...}}``. Problems come as ``{"errors": [...]}``
(user not found or suspended: HTTP 200). Every answer carries ``x-rate-limit-limit``,
``x-rate-limit-remaining`` and ``x-rate-limit-reset`` (epoch seconds); a 429 has no
Retry-After, so the reset time is turned into one here.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Mapping
from dataclasses import replace
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from monitor import normalize as nz
from monitor.extract.x_page import avatar
from monitor.models import Fact, Fetched, Item, Metric, Outcome

if TYPE_CHECKING:
    from monitor.fetch.client import Fetcher

API_BASE = "https://api.x.com/2"
USER_FIELDS = "created_at,description,entities,location,profile_image_url,public_metrics,url"
_METRICS = {"followers_count": "followers", "following_count": "following", "tweet_count": "posts"}
_REFUSED = {401: "X API refused the bearer token (401 Unauthorized)",
            403: "X API: this token's access level does not allow the request (403)"}


def json_object(body: bytes) -> dict[str, Any]:
    """The JSON object in a body, or {} for anything else (bad JSON, a list, absurd nesting)."""
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):  # absurd nesting is bad JSON too
        return {}
    return doc if isinstance(doc, dict) else {}


def reset_in(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds until ``x-rate-limit-reset``, measured on the server's clock when it sent Date."""
    raw = str(headers.get("x-rate-limit-reset", "")).strip()
    if not raw.isdigit():
        return None
    with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
        now = parsedate_to_datetime(headers["date"]).timestamp() if headers.get("date") else now
    return min(max(float(raw) - now, 1.0), 24 * 3600.0)


def _limited(fetched: Fetched, what: str) -> Fetched:
    """A failed API answer with a useful detail and the rate-limit reset as retry_after."""
    wait = reset_in(fetched.headers, time.time())
    if fetched.status == 429:
        return replace(fetched, outcome=Outcome.ERROR, error="rate_limited", retry_after=wait,
                       detail=f"X API rate limit reached on {what}; resets in {wait or 0:.0f} s")
    if fetched.status in _REFUSED:
        return replace(fetched, outcome=Outcome.BLOCKED, detail=_REFUSED[fetched.status])
    return fetched


async def fetch_api(fetcher: Fetcher, base: str, handle: str, token: str,
                    max_posts: int) -> list[tuple[str, Fetched]] | Fetched:
    """User lookup, then the user's posts unless the lookup used up the window.

    Returns the answers as bundle parts, or the failed answer (with the reset as retry_after).
    """
    auth = {"Authorization": f"Bearer {token}"}
    base = base.rstrip("/")
    user = await fetcher.fetch(f"{base}/users/by/username/{handle}?user.fields={USER_FIELDS}",
                               headers=auth, accept="application/json")
    if user.outcome is not Outcome.OK:
        return _limited(user, "user lookup")
    uid = str(json_object(user.body).get("data", {}).get("id", ""))
    if not uid.isdigit():
        return [("user", user)]  # extract reports the API's own error
    if user.headers.get("x-rate-limit-remaining", "").strip() == "0":
        wait = reset_in(user.headers, time.time())
        return replace(user, outcome=Outcome.ERROR, error="rate_limited", retry_after=wait, body=b"",
                       detail=f"X API rate limit used up; resets in {wait or 0:.0f} s")
    query = urlencode({"max_results": max_posts, "tweet.fields": "created_at,entities",
                       "exclude": "replies"})
    posts = await fetcher.fetch(f"{base}/users/{uid}/tweets?{query}", headers=auth,
                                accept="application/json")
    if posts.outcome is not Outcome.OK:
        return _limited(posts, "user posts")
    return [("user", user), ("tweets", posts)]


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _expand(text: str, entities: Any) -> str:
    """Replace t.co links by the URLs they stand for."""
    urls = entities.get("urls") if isinstance(entities, dict) else None
    for link in urls if isinstance(urls, list) else []:
        if isinstance(link, dict) and link.get("url") and link.get("expanded_url"):
            text = text.replace(str(link["url"]), str(link["expanded_url"]))
    return text


def api_error(doc: dict[str, Any]) -> tuple[Outcome, str] | None:
    """The outcome and detail of an ``errors`` answer without data."""
    errors = doc.get("errors")
    if doc.get("data") is not None or not isinstance(errors, list) or not errors:
        return None
    first = errors[0] if isinstance(errors[0], dict) else {}
    detail = nz.text(str(first.get("detail") or first.get("title") or "error"))
    gone = "not-found" in str(first.get("type", "")) or "suspended" in detail.lower()
    return (Outcome.GONE if gone else Outcome.ERROR), f"X API: {detail}"[:300]


def user_facts(doc: dict[str, Any]) -> tuple[list[Fact], list[Metric]]:
    """Profile facts and counters of a user lookup answer."""
    data = _dict(doc.get("data"))
    entities = _dict(data.get("entities"))
    facts: list[Fact] = []

    def add(field: str, value: object, limit: int = 1000) -> None:
        text = nz.text(str(value or ""))
        if text:
            facts.append(Fact(field, nz.clip(text, limit), None, nz.clip(f"X API {field}: {text}", 200)))

    add("display_name", data.get("name"), 200)
    add("bio", _expand(str(data.get("description") or ""), entities.get("description")))
    add("location", data.get("location"), 200)
    add("avatar", avatar(str(data.get("profile_image_url") or "")))
    site = _expand(str(data.get("url") or ""), entities.get("url"))
    if site:
        facts.append(Fact("link.website", nz.url(site), None, f"X API url: {site}"))
    counts = _dict(data.get("public_metrics"))
    metrics = [Metric(name, float(counts[key])) for key, name in _METRICS.items()
               if isinstance(counts.get(key), int | float) and not isinstance(counts.get(key), bool)]
    return facts, metrics


def post_items(doc: dict[str, Any], handle: str) -> list[Item]:
    """Posts of a user-tweets answer, keyed ``x:<id>`` like bridge items."""
    out: list[Item] = []
    for post in doc.get("data") or []:
        if not isinstance(post, dict) or not str(post.get("id", "")).isdigit():
            continue
        text = nz.text(_expand(str(post.get("text") or ""), post.get("entities")))
        created = str(post.get("created_at") or "")
        published = created[:19] + "Z" if len(created) >= 19 else None
        out.append(Item(key=f"x:{post['id']}", title=nz.clip(text, 140) or f"post {post['id']}",
                        url=f"https://x.com/{handle}/status/{post['id']}", published_at=published,
                        summary=nz.clip(text, 1000), publisher=f"@{handle}", kind="post"))
    return out
