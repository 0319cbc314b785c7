"""Login walls and app shells served with a 200: recognised, reported as BLOCKED, never diffed.

The fetch layer already turns HTTP 999, 429, challenges and *redirects* to a login page into
failed fetches. What reaches a kind's ``extract`` can still be a wall: a sign-in page served at
the profile's own URL, LinkedIn's logged-in app shell, or X's "JavaScript is not available"
shell with nothing in it. These helpers look at the final URL, the title and a few markers,
and only ever in combination with "the content we expect is missing".
"""

from __future__ import annotations

import re

from monitor.fetch.authwall import is_authwall
from monitor.models import Fetched, Observation, Outcome

_LI_AUTH_KEYS = ("d_checkpoint", "d_registration", "auth_wall", "d_authwall", "d_uas")
_LI_SIGNIN_TITLE = re.compile(r"\b(sign ?in|sign ?up|log ?in|join)\b.*linkedin|linkedin.*\b(login|sign ?in)\b", re.I)
_LI_SIGNIN_MARKERS = ("session_key", "authwall", "join-form", "login__form", "sign-in-form")
_X_SHELL = "javascript is not available"
_X_LOGIN_TITLE = re.compile(r"^\s*(log ?in|sign ?in|sign ?up)\b.*\b(x|twitter)\b", re.I)


def blocked(detail: str) -> Observation:
    """The observation of a wall: a status, never facts."""
    return Observation(outcome=Outcome.BLOCKED, detail=detail[:300])


def failed(detail: str) -> Observation:
    """The observation of a 200 that holds nothing this kind can read."""
    return Observation(outcome=Outcome.EXTRACTION_FAILED, detail=detail[:300])


def redirected_to_wall(fetched: Fetched) -> str | None:
    """A detail when the answer came from a login/auth wall URL (after redirects)."""
    final = fetched.final_url or fetched.url
    if final and is_authwall(final):
        return f"login wall at {final[:200]}"
    if fetched.status == 999:
        return "HTTP 999: request denied"
    return None


def linkedin_wall(page_key: str, title: str, html_head: str) -> str | None:
    """A detail when a LinkedIn page without company content is a sign-in/join page."""
    key = page_key.lower()
    if key.startswith(_LI_AUTH_KEYS):
        return f"LinkedIn sign-in wall (pageKey {page_key})"
    if _LI_SIGNIN_TITLE.search(title):
        return f"LinkedIn sign-in page ({title[:80]!r})"
    lowered = html_head.lower()
    if any(marker in lowered for marker in _LI_SIGNIN_MARKERS):
        return "LinkedIn sign-in form instead of the company page"
    return None


def linkedin_app_shell(meta: dict[str, str]) -> bool:
    """True for LinkedIn's logged-in "voyager" app shell (a different, private layout)."""
    return meta.get("isguest", "").strip().lower() == "false" or "voyager" in meta.get("service", "")


def x_wall(title: str, html_head: str) -> str | None:
    """A detail for an x.com answer that is a login page or the empty JavaScript shell."""
    if _X_LOGIN_TITLE.search(title):
        return f"X login page ({title[:80]!r})"
    if _X_SHELL in html_head.lower():
        return "x.com served its JavaScript-only shell with no profile data"
    return None
