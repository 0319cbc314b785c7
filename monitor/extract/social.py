"""Social profile links: which network, and the profile's canonical URL.

Only *profiles* count: share buttons, intents, single posts, videos, hashtags and search pages
are content, not the company's accounts. Twitter and X both become ``link.x`` with
``https://x.com/<handle>``. LinkedIn person profiles (``/in/…``) are classified but are not
company links; callers decide (the website kind keeps company, school and showcase pages).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborNode

from monitor.normalize import url as norm_url
from monitor.normalize import wordset

NETWORKS = (
    "linkedin",
    "x",
    "facebook",
    "instagram",
    "youtube",
    "github",
    "mastodon",
    "bluesky",
    "tiktok",
    "xing",
    "pinterest",
    "vimeo",
)

_X_RESERVED = wordset(
    "share intent home search hashtag i login signup explore settings messages "
    "notifications privacy tos about download compose widgets account oauth status statuses"
)
_FB_RESERVED = wordset(
    "sharer sharer.php share.php dialog plugins tr login events groups watch photo.php "
    "photo story.php permalink.php l.php hashtag help policies privacy business marketplace "
    "gaming"
)
_IG_RESERVED = wordset("p reel reels explore accounts stories tv direct about legal developer")
_GH_RESERVED = wordset(
    "features about pricing login join sponsors marketplace topics explore site contact "
    "security enterprise collections trending settings notifications apps team "
    "customer-stories readme issues pulls search new organizations orgs"
)
_NOT_MASTODON = wordset(
    "medium.com tiktok.com www.tiktok.com youtube.com www.youtube.com m.youtube.com "
    "threads.net www.threads.net bsky.app substack.com www.figma.com dribbble.com"
)
_PIN_RESERVED = wordset("pin search ideas today business login _ settings")
_VIMEO_RESERVED = wordset(
    "channels groups categories search upgrade features join log_in about blog help ondemand "
    "watch create solutions enterprise showcase stock manage"
)
_HANDLE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
_HINTS = (
    "linkedin.", "twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "youtube.com",
    "github.com", "bsky.app", "tiktok.com", "/@", "xing.com", "pinterest.", "vimeo.com",
)  # fmt: skip
_LOCAL = ("/", "#", "?", "")
_PLAIN = re.compile(r"(?!.*/\.)https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9_.~@!$&'()*+,;=:-]*)*(?:\?[^\s%#]*)?(?:#\S*)?")
MASTODON_TEXT = re.compile(
    r"(?<![\w.@/])@([A-Za-z0-9_]{1,30})@((?:[a-z0-9-]+\.)+[a-z]{2,24})\b", re.I
)


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _linkedin(segs: list[str]) -> tuple[str, str] | None:
    if (
        len(segs) >= 2
        and segs[0] in ("company", "school", "showcase")
        and _HANDLE.fullmatch(segs[1])
    ):
        return "linkedin", f"https://www.linkedin.com/{segs[0]}/{segs[1].lower()}"
    if len(segs) >= 2 and segs[0] == "in" and _HANDLE.fullmatch(segs[1]):
        return "linkedin_person", f"https://www.linkedin.com/in/{segs[1].lower()}"
    return None


def _x(segs: list[str]) -> tuple[str, str] | None:
    if len(segs) == 1 or (len(segs) >= 2 and segs[1] in ("with_replies", "media", "likes")):
        handle = segs[0].lstrip("@")
        if re.fullmatch(r"[A-Za-z0-9_]{1,15}", handle) and handle.lower() not in _X_RESERVED:
            return "x", f"https://x.com/{handle.lower()}"
    return None


def _facebook(segs: list[str], query: str) -> tuple[str, str] | None:
    if segs == ["profile.php"] and (ids := parse_qs(query).get("id")):
        return "facebook", f"https://www.facebook.com/profile.php?id={ids[0]}"
    if segs and segs[0] == "pages" and len(segs) >= 2:
        return "facebook", "https://www.facebook.com/pages/" + "/".join(segs[1:3]).lower()
    if len(segs) in (1, 2) and segs[0].lower() not in _FB_RESERVED and _HANDLE.fullmatch(segs[0]):
        if len(segs) == 2 and segs[1] not in ("about", "posts", "timeline", "info"):
            return None
        return "facebook", f"https://www.facebook.com/{segs[0].lower()}"
    return None


def _youtube(segs: list[str]) -> tuple[str, str] | None:
    if len(segs) >= 2 and segs[0] == "channel" and re.fullmatch(r"UC[\w-]{10,40}", segs[1]):
        return "youtube", f"https://www.youtube.com/channel/{segs[1]}"  # ids are case-sensitive
    if len(segs) >= 2 and segs[0] in ("c", "user") and _HANDLE.fullmatch(segs[1]):
        return "youtube", f"https://www.youtube.com/{segs[0]}/{segs[1].lower()}"
    if segs and segs[0].startswith("@") and _HANDLE.fullmatch(segs[0][1:]):
        return "youtube", f"https://www.youtube.com/{segs[0].lower()}"
    return None


def classify(href: str, base: str | None = None) -> tuple[str, str] | None:
    """``(network, canonical profile URL)`` for a profile link, None for anything else.

    Networks: linkedin (companies), linkedin_person, x, facebook, instagram, youtube, github,
    mastodon, bluesky, tiktok, xing (companies, pages and profiles), pinterest, vimeo.
    """
    if m := MASTODON_TEXT.fullmatch(href.strip()):
        return "mastodon", f"https://{m.group(2).lower()}/@{m.group(1).lower()}"
    # A plain absolute ASCII link needs no canonicalisation to be classified (w3lib costs ~50 µs).
    parts = urlsplit(href if _PLAIN.fullmatch(href) else norm_url(href, base))
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    segs = _segments(parts.path)
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return _linkedin(segs)
    if host in ("twitter.com", "x.com"):
        return _x(segs)
    if host in ("facebook.com", "fb.com", "de-de.facebook.com", "fr-fr.facebook.com"):
        return _facebook(segs, parts.query)
    if host == "instagram.com" and len(segs) == 1 and segs[0].lower() not in _IG_RESERVED:
        return (
            ("instagram", f"https://www.instagram.com/{segs[0].lower()}")
            if _HANDLE.fullmatch(segs[0])
            else None
        )
    if host == "youtube.com":
        return _youtube(segs)
    if host == "github.com" and len(segs) == 1 and segs[0].lower() not in _GH_RESERVED:
        return (
            ("github", f"https://github.com/{segs[0].lower()}")
            if _HANDLE.fullmatch(segs[0])
            else None
        )
    if host == "xing.com" and len(segs) >= 2 and segs[0] in ("companies", "pages", "profile"):
        if _HANDLE.fullmatch(segs[1]):
            return "xing", f"https://www.xing.com/{segs[0]}/{segs[1].lower()}"
        return None
    if host.endswith("pinterest.com") or re.fullmatch(r"(?:\w\w\.)?pinterest\.(?:\w\w|co\.uk|com\.\w\w)", host):
        if len(segs) == 1 and segs[0].lower() not in _PIN_RESERVED and _HANDLE.fullmatch(segs[0]):
            return "pinterest", f"https://www.pinterest.com/{segs[0].lower()}"
        return None
    if host == "vimeo.com" and len(segs) == 1 and _HANDLE.fullmatch(segs[0]):
        if segs[0].isdigit() or segs[0].lower() in _VIMEO_RESERVED:
            return None  # a number is one video, not an account
        return "vimeo", f"https://vimeo.com/{segs[0].lower()}"
    if host == "bsky.app" and len(segs) == 2 and segs[0] == "profile":
        return "bluesky", f"https://bsky.app/profile/{segs[1].lower()}"
    if host == "tiktok.com" and len(segs) == 1 and len(segs[0]) > 1 and segs[0].startswith("@"):
        return "tiktok", f"https://www.tiktok.com/{segs[0].lower()}"
    if len(segs) == 1 and segs[0].startswith("@") and host not in _NOT_MASTODON and "." in host:
        handle = segs[0][1:]
        if re.fullmatch(r"[A-Za-z0-9_]{1,30}", handle):
            return "mastodon", f"https://{host}/@{handle.lower()}"
    return None


def _in_prose(anchor: LexborNode) -> bool:
    """A link inside running text cites someone; the site's own profiles sit in icon rows."""
    node = anchor.parent
    while node is not None and node.tag not in ("body", "-document"):
        if node.tag in ("blockquote", "q", "cite"):
            return True
        if node.tag in ("p", "li", "dd", "td", "figcaption"):
            own = len(anchor.text(deep=True).strip())
            return len(node.text(deep=True).strip()) >= own + 40
        node = node.parent
    return False


def profile_links(
    roots: Sequence[LexborNode], base: str | None, networks: Collection[str] | None = None
) -> list[tuple[str, str, str]]:
    """``(network, canonical URL, evidence)`` of profile links (and rel=me links) under the nodes.

    ``networks`` keeps only those (a team page's dozens of personal LinkedIn links cost time).
    """
    found: list[tuple[str, str, str]] = []
    # Only links that leave the site: its own pages ("/@name" there is the site's user, not
    # Mastodon) are most of a page's links, and lexbor tests the href in C.
    for anchor in (a for root in roots for a in root.css('a[href*="//"],link[rel~=me][href]')):
        href = anchor.attrs.get("href") or ""
        if href[:1] in _LOCAL and not href.startswith("//"):
            continue
        low = href.lower()
        if not any(hint in low for hint in _HINTS):  # cheap filter before URL canonicalisation
            continue
        hit = classify(href, base)
        if hit is None or (networks is not None and hit[0] not in networks):
            continue
        if anchor.tag == "a" and _in_prose(anchor):
            continue
        if hit[0] == "mastodon" and not href.startswith(("http:", "https:", "//")):
            continue  # "/@name" on the site itself is the site's own user page, not Mastodon
        found.append((hit[0], hit[1], f'<a href="{href}">'))
    return found
