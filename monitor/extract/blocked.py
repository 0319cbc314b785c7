"""Walls served with a 200: challenges, captchas, JavaScript-only shells and login pages.

A wall must never become "the company's page changed" (R32, E1). Markers that
appear on ordinary pages too (a reCAPTCHA badge, Cloudflare's challenge-platform script) only
count when the page has almost no text of its own.
"""

from __future__ import annotations

import re

_TITLE_WALLS = [
    (re.compile(r"^just a moment\.*$|^attention required!? \| cloudflare$|^un instant\.*$|^einen moment\.*$", re.I), "cloudflare_challenge"),
    (re.compile(r"^access denied$|^403 forbidden$|^request rejected$|^pardon our interruption$", re.I), "access_denied"),
    (re.compile(r"^(?:human verification|are you a robot\??|security check|verify you are human|captcha)$", re.I), "captcha"),
    (re.compile(r"^sign up \| linkedin$|^linkedin login, sign in \| linkedin$|^log ?in(?: \W.*)?$|^sign ?in(?: \W.*)?$", re.I), "login_wall"),
]  # fmt: skip
# Plain substrings, case-sensitive as served: a regex over 200 KB of HTML costs milliseconds.
_STRONG_MARKERS = [
    (("window._cf_chl_opt", "cf-browser-verification", "cf_chl_prog", 'id="challenge-form"'), "cloudflare_challenge"),
    (("captcha-delivery.com", "px-captcha", "_Incapsula_Resource", "Incapsula incident ID"), "captcha"),
    (("linkedin.com/authwall", '"authwall"', "d_guest_authwall"), "login_wall"),
]  # fmt: skip
# Every strong marker holds one of these; three scans of a 100 KB page instead of ten.
_STRONG_HINT = re.compile("c(?:f_chl|f-browser-verification|hallenge-form|aptcha)")
# Checked only when the page has almost no text. Captcha widgets count by their markup or by
# what the visitor reads, never by a vendor name inside a script bundle.
_WEAK_MARKERS = [
    (re.compile(r"class=[\"'][^\"']*(?:g-recaptcha|h-captcha|cf-turnstile)|id=[\"']captcha", re.I), "captcha"),
    (re.compile(r"<noscript[^>]*>[^<]{0,200}(?:<[^>]*>[^<]{0,200}){0,5}"
                r"(?:enable javascript|javascript is (?:not available|disabled|required))", re.I),
     "javascript_required"),
    (re.compile(r"type=[\"']?password", re.I), "login_wall"),
]  # fmt: skip
_VISIBLE_MARKERS = [
    (re.compile(r"captcha|are you a robot|not a robot|verify (?:that )?you are (?:a )?human|"
                r"bist du ein mensch|êtes-vous un robot", re.I), "captcha"),
    (re.compile(r"enable javascript|javascript is (?:not available|disabled|required)|"
                r"you need to enable javascript|bitte aktivieren sie javascript|activez javascript", re.I),
     "javascript_required"),
]  # fmt: skip
_SHORT = 600  # characters of visible text below which a page is "nothing but the wall"


def blocked(html: str, title: str, visible_text: str) -> str | None:
    """A short reason ("cloudflare_challenge", "captcha", "login_wall", …) or None.

    ``visible_text`` is the page's text without scripts, styles and hidden elements.
    """
    for pattern, reason in _TITLE_WALLS:
        if pattern.search(title.strip()) and len(visible_text) < 4 * _SHORT:
            return reason
    head = html[:200_000]
    if _STRONG_HINT.search(head) or "Incapsula" in head or "authwall" in head:
        for markers, reason in _STRONG_MARKERS:
            if any(marker in head for marker in markers):
                return reason
    if len(visible_text) < _SHORT:
        for pattern, reason in _VISIBLE_MARKERS:
            if pattern.search(visible_text):
                return reason
        for pattern, reason in _WEAK_MARKERS:
            if pattern.search(head):
                return reason
    return None
