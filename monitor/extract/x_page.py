"""The X (Twitter) profile card as a logged-out visitor gets it: JSON-LD, else OpenGraph tags.

What x.com serves varies (seen in saved logged-out pages): full pages carry a JSON-LD
``ProfilePage`` whose Person has the name, handle, bio, location, avatar and counters; the
small "-og" answers carry only ``og:title`` "Name (@handle) on X", ``og:description`` (the bio)
and ``og:image`` (the avatar). On a post page (og:type article) the description is the post's
text, not the bio, so only the name is read there.
"""

from __future__ import annotations

import re
from typing import Any

from monitor import normalize as nz
from monitor.extract.organization import strings
from monitor.extract.structured import Node
from monitor.models import Fact, Metric

_OG_TITLE = re.compile(r"^(?P<name>.*?)\s*(?:\(@(?P<handle>\w{1,15})\))?\s*(?:on X|/ X|on Twitter|/ Twitter)\s*$")
_POST_TITLE = re.compile(r'^(?P<name>.+?) on (?:X|Twitter): ["\u201c]')
_AVATAR_SIZE = re.compile(r"_(?:normal|bigger|mini|reasonably_small|\d+x\d+)(\.\w{3,4})$")
_DEFAULT_IMAGE = "abs.twimg.com/rweb/ssr/default"
_COUNTERS = {"follows": "followers", "friends": "following", "tweets": "posts"}


def avatar(url: str) -> str:
    """An avatar URL without its size suffix, so 200x200 and 400x400 copies compare equal."""
    return _AVATAR_SIZE.sub(r"\1", nz.text(url))


def _person(nodes: list[Node]) -> dict[str, Any] | None:
    for node in nodes:
        if "ProfilePage" in node.types:
            for key in ("mainEntity", "author"):
                person = node.data.get(key)
                if isinstance(person, dict):
                    return {**person, "relatedLink": node.data.get("relatedLink")}
    return None


def _fact(field: str, value: str, evidence: str, limit: int = 1000) -> list[Fact]:
    text = nz.text(value)
    return [Fact(field, nz.clip(text, limit), None, nz.clip(evidence, 200))] if text else []


def from_jsonld(nodes: list[Node]) -> tuple[list[Fact], list[Metric]] | None:
    """Facts and counters of the ProfilePage's Person, None when the page has none."""
    person = _person(nodes)
    if person is None:
        return None
    name = (strings(person.get("name")) or strings(person.get("givenName")) or [""])[0]
    facts = _fact("display_name", name, f"X JSON-LD name: {name}", 200)
    bio = (strings(person.get("description")) or [""])[0]
    facts += _fact("bio", bio, f"X JSON-LD description: {bio}")
    place = person.get("homeLocation")
    where = (strings(place.get("name")) if isinstance(place, dict) else strings(place)) or [""]
    facts += _fact("location", where[0], f"X JSON-LD homeLocation: {where[0]}", 200)
    image = person.get("image")
    pic = (strings(image.get("contentUrl")) if isinstance(image, dict) else strings(image)) or [""]
    facts += _fact("avatar", avatar(pic[0]), f"X JSON-LD image: {pic[0]}")
    for link in strings(person.get("relatedLink")):
        if "//t.co/" not in link:
            facts.append(Fact("link.website", nz.url(link), None, f"X JSON-LD relatedLink: {link}"))
    metrics: list[Metric] = []
    stats = person.get("interactionStatistic")
    for stat in stats if isinstance(stats, list) else []:
        if not isinstance(stat, dict):
            continue
        name_of = _COUNTERS.get(str(stat.get("name", "")).lower())
        value = stat.get("userInteractionCount")
        if name_of and isinstance(value, int | float) and not isinstance(value, bool):
            metrics.append(Metric(name_of, float(value)))
    return facts, metrics


def from_og(tags: dict[str, str]) -> tuple[list[Fact], str | None] | None:
    """Name, bio and avatar from OpenGraph tags, and the handle they name; None without them."""
    title = nz.text(tags.get("og:title", ""))
    post = _POST_TITLE.match(title)
    match = post or _OG_TITLE.match(title)
    if match is None:
        return None
    name, handle = match.group("name"), None if post else match.group("handle")
    facts = _fact("display_name", name, f"X og:title: {title}", 200)
    if post is None and tags.get("og:type", "profile") == "profile":
        bio = tags.get("og:description") or tags.get("description") or ""
        facts += _fact("bio", bio, f"X og:description: {bio}")
        image = tags.get("og:image", "")
        if image and _DEFAULT_IMAGE not in image:
            facts += _fact("avatar", avatar(image), f"X og:image: {image}")
    return facts, handle
