"""Whether a URL is a login or auth wall: a pure URL test shared by the fetcher and the parsers.

Kept apart from ``classify`` (which needs httpx and the transport) so that the parser workers,
which only look at a page's final URL, do not import the HTTP stack.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# A redirect here means the page is behind a login wall (LinkedIn /authwall, /uas/login).
_AUTHWALL = re.compile(
    r"/(authwall|login|log-in|signin|sign-in|checkpoint|uas/login|accounts/login)(?:[/.?;]|$)",
    re.IGNORECASE,
)


def is_authwall(url: str) -> bool:
    """True when a redirect target is a login/auth wall rather than content."""
    path = unquote(urlsplit(url).path) if "://" in url else url
    return bool(_AUTHWALL.search(path))
