"""What card words mean, in several languages, and the keys card and world values compare by.

Cards are written by hand, in English, Russian, German or French: labels are matched folded
(case, accents and trailing punctuation ignored). Comparison keys are deliberately loose where
the same thing is spelled many ways (twitter.com vs x.com, "Founder & CEO" vs "founder and
ceo", an address written in another order) and strict where it is not (e-mail addresses).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


UNKNOWN = frozenset({"…", "...", "?", "-", "—", "–", "n/a", "нет", "k. a.", "n. c."})

LINK_LABELS = _words(
    "link links url web website site ссылка ссылки сайт веб liens lien site web webseite "
    "webseiten internet"
)
CONTACT_LABELS = _words("contact contacts контакт контакты kontakt kontakte coordonnées")
EMAIL_LABELS = _words("email e-mail mail почта courriel")
PHONE_LABELS = _words("tel tel. phone telephone тел тел. телефон telefon téléphone tél")
FAX_LABELS = _words("fax факс telefax télécopie telecopie")
ADDRESS_LABELS = _words("address адрес adresse anschrift")
MANAGEMENT_LABELS = _words(
    "management leadership team executives руководство менеджмент управление "
    "geschäftsführung geschäftsleitung vorstand führung direction dirigeants équipe"
)
TIMELINE_LABELS = _words(
    "timeline history хронология история chronologie historique zeitleiste geschichte "
    "chronik"
)
KNOWN_LABELS = (LINK_LABELS | CONTACT_LABELS | EMAIL_LABELS | PHONE_LABELS | FAX_LABELS
                | ADDRESS_LABELS | MANAGEMENT_LABELS | TIMELINE_LABELS)
FOUNDED_WORDS = (
    r"founded|established|est\.|основана|основано|основан|основаны|создана|gegründet|"
    r"gründung|fondée|fondé|fondee|fonde|création|fundada|fundado"
)
# Section labels with one English key; unknown labels are kept as written.
SECTION_KEYS = {
    "mission": "mission", "миссия": "mission", "mission.": "mission",
    "vision": "vision", "видение": "vision", "взгляд": "vision",
    "values": "values", "ценности": "values", "werte": "values", "valeurs": "values",
    "business": "business", "бизнес": "business", "geschäft": "business",
    "activité": "business", "activités": "business", "деятельность": "business",
    "technology": "technology", "технологии": "technology", "technologie": "technology",
    "products": "products", "продукция": "products", "produkte": "products",
    "produits": "products",
}  # fmt: skip

MARKERS = {"phone": "phone", "tel": "phone", "fax": "fax", "mail": "email", "addr": "address"}

NETWORKS = (
    ("linkedin", ("linkedin.com",)),
    ("x", ("twitter.com", "x.com")),
    ("facebook", ("facebook.com", "fb.com", "fb.me")),
    ("instagram", ("instagram.com",)),
    ("youtube", ("youtube.com", "youtu.be")),
    ("github", ("github.com",)),
    ("telegram", ("t.me", "telegram.me")),
    ("vk", ("vk.com",)),
    ("bluesky", ("bsky.app",)),
    ("tiktok", ("tiktok.com",)),
    ("mastodon", ("mastodon.social",)),
)
NETWORK_ALIASES = {"twitter": "x"}


def fold_label(text: str) -> str:
    """A label as compared: markup, case, accents-insensitive, no trailing ``:`` or ``.``."""
    s = re.sub(r"[*_#>\[\]]", "", text)
    s = unicodedata.normalize("NFKC", s).strip().strip(":.").strip().casefold()
    return re.sub(r"\s+", " ", s)


def is_unknown(text: str) -> bool:
    """True for the placeholders a card uses for "not known yet" (``…``)."""
    return fold_label(text) in UNKNOWN or not text.strip() or text.strip() in UNKNOWN


def marker_field(word: str) -> str | None:
    """The field a ``<mark>noworkphone</mark>`` style marker says is absent."""
    w = word.casefold()
    for part, field in MARKERS.items():
        if part in w:
            return field
    return None


def network_of(url: str) -> str:
    """``linkedin``, ``x``, ``facebook``, … for a profile URL; ``website`` for anything else."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    for network, hosts in NETWORKS:
        if any(host == h or host.endswith("." + h) for h in hosts):
            return network
    return "website"


def link_key(url: str) -> str:
    """What two links of one network are equal by: the handle or page, never the spelling."""
    parts = urlsplit(url.strip() if "://" in url else "https://" + url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/").casefold()
    network = network_of(url)
    if network == "x":
        handle = path.strip("/").split("/")[0].lstrip("@")
        return f"x:{handle}"
    if network == "facebook" and path in ("", "/profile.php"):
        return f"facebook:{parts.query.casefold()}"
    if network in ("website",):
        return f"{host}{path}"
    return f"{network}:{path}"


def value_key(field_name: str, value: str) -> str:
    """The comparison key of a contact or link value of a card."""
    if field_name.startswith("link."):
        return link_key(value)
    if field_name in ("phone", "fax"):
        return phone_key(value)
    return "address" if field_name == "address" else email_key(value)


def email_key(value: str) -> str:
    """E-mail addresses compare case-insensitively."""
    return value.strip().casefold()


def phone_value(raw: str, country: str | None) -> str:
    """E.164 when the number can be read, else the text as written."""
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    return normalize.phone(raw, country) or normalize.text(raw)


def phone_key(value: str) -> str:
    """Phone numbers compare by their digits."""
    return re.sub(r"\D", "", value)


# ";" joins the roles a website extractor found for one person ("Director; Director & CFO").
_ROLE_SPLIT = re.compile(r"\s*(?:&|\+|/|,|;|\band\b|\bund\b|\bet\b|\bи\b)\s*", re.I)


def role_key(role: str | None) -> frozenset[str]:
    """A role as a set of titles: "Founder & CEO" == "CEO, founder" == "Founder and CEO"."""
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    parts = _ROLE_SPLIT.split(normalize.text(role or ""))
    return frozenset(normalize.role(p).casefold() for p in parts if p.strip())


def person_key(name: str) -> str:
    """People compare by their folded name."""
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    return normalize.fold(name)


_WORD = re.compile(r"\w+")
_COUNTRY_WORDS = _words("jp japan us usa de germany fr france lu luxembourg ru russia")


def address_tokens(address: str) -> frozenset[str]:
    """The words of an address, order and punctuation ignored."""
    from monitor import normalize  # phone and URL libraries: loaded where a value is read

    words = {w for w in _WORD.findall(normalize.fold(address)) if w not in _COUNTRY_WORDS}
    return frozenset(words)


def same_address(a: str, b: str) -> bool:
    """True when two spellings very likely name one place (most words of the shorter shared)."""
    ta, tb = address_tokens(a), address_tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.75


_DATE = re.compile(r"(\d{4})(?:[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?)?")


def date_key(value: str) -> str:
    """``2010.09`` / ``2010-09-10`` → ``2010-09`` / ``2010-09-10`` (empty when no year)."""
    m = _DATE.search(value)
    if not m:
        return ""
    return "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(m.groups()) if p)


def same_date(a: str, b: str) -> bool:
    """Dates agree when the less precise one is a prefix of the other (2010-09 ~ 2010-09-10)."""
    ka, kb = date_key(a), date_key(b)
    return bool(ka and kb) and (ka.startswith(kb) or kb.startswith(ka))


def ascii_slug(text: str) -> str:
    """``"Blue Origin"`` → ``blue-origin``; empty when nothing ASCII is left."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:64].rstrip("-")


def country_of(address: str | None) -> str | None:
    """The ISO country code an address ends with (``…, JP``), for reading local phone numbers."""
    m = re.search(r"\b([A-Z]{2})\W*$", address or "")
    return m.group(1) if m else None
