"""Whose page it is: another firm's press release carries that firm's people and contacts.

A press wire or press service (and any site that reprints a release) shows a release issued by
another firm: its quotes, its "Media contact", its "About <Firm>" boilerplate, its address are
the issuer's, not the site's. The issuer is named by the page in two or more of these ways,
each a standard part of a release in every language: the article's JSON-LD ``publisher``, a
label line ("Source: Segment", "Herausgeber: Nordex SE", "Émetteur : X", "Fuente: X"), and the
boilerplate heading ("About Segment", "Über Nordex SE", "À propos de X", "Die X im Profil").
One kind of sign alone is no proof (a photo credit says "Source: dpa", a menu says "About Anna
Berg"): the issuer is the firm named in two different ways.

When the issuer is not the site (its name is not the host's, nor ``og:site_name``'s), the
people read from the page's text are dropped, and so are the contacts of the release: e-mails
on another domain, and the phones, addresses and legal name read next to the issuer's name
or a press-contact label. Each dropped fact is returned with the reason, for ``--explain``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import structured
from monitor.extract.organization import is_org, strings
from monitor.extract.scan import Scan, scan_of
from monitor.models import Fact

_NAME = r"(?P<name>[A-ZÄÖÜÀ-Þ0-9][\w&'’.,-]*(?:\s+(?:&\s+)?[A-ZÄÖÜÀ-Þ0-9][\w&'’.-]*){0,4})"
_LABEL = re.compile(
    r"(?:^|\|\s*)(?i:source|quelle|herausgeber(?:in)?|emittent|issuer|issued\s+by|publisher"
    r"|émetteur|emisor|fuente|fonte|emittente|bron|uitgever|kilde|källa|utgiver)\s*:?\s*"
    rf"{_NAME}\s*(?:\||$)"
)
_ABOUT = re.compile(
    r"^(?i:about|über|uber|à\s+propos\s+de|a\s+propos\s+de|à\s+propos\s+d['’]|acerca\s+de|sobre"
    r"|informazioni\s+su|chi\s+è|over|om|tietoja|o\s+firmie|sobre\s+a|sobre\s+o)\s+"
    rf"(?:(?i:the|die|der|das|la|le|l['’]|el|il)\s+)?{_NAME}$"
)
_PROFILE = re.compile(rf"^(?:(?i:die|der|das|the)\s+)?{_NAME}\s+(?i:im\s+profil|at\s+a\s+glance|auf\s+einen\s+blick|en\s+bref|in\s+breve|en\s+breve)$")  # fmt: skip
# The dateline a wire puts before a release's first words names its issuer: "SAN FRANCISCO,
# CA --(Marketwired - April 06, 2016) - Segment, the customer data platform, today released …"
_DATELINE = re.compile(
    r"(?:/\s?PR\s?Newswire(?:-\w+)?\s?/|\(BUSINESS WIRE\)|\(Marketwired[^)]{0,40}\)|\(GLOBE NEWSWIRE\)"
    r"|/CNW/|/EINPresswire\.com/|ACCESSWIRE\s*/|\(Newsfile Corp\.[^)]{0,40}\)|\(ots\)|\(pressetext\)"
    rf"|\(iwr-pressedienst\))\s*[-–—]*\s*(?:(?i:die|der|das|the|la|le|l['’])\s*)?{_NAME}"
    r"(?=\s*(?:,|\(|today|heute|aujourd|hat\s|has\s|a\s|ha\s|har\s|heeft\s))"
)
_WIRE_WORDS = ("Newswire", "BUSINESS WIRE", "Marketwired", "NEWSWIRE", "/CNW/", "EINPresswire", "ACCESSWIRE",
               "Newsfile", "(ots)", "(pressetext)", "pressedienst)")  # fmt: skip
_OURS = nz.wordset(
    "us uns nous nosotros noi ons oss os meg mig me this site our company unternehmen "
    "die der das the le la les el il lo een het a an"
)
_ARTICLES = re.compile(r"(?:Article|BlogPosting|Report|PressRelease)$")
_CONTACT = re.compile(
    r"(?i:media\s+contacts?|press\s+contacts?|pressekontakt|presse-?kontakt|medienkontakt"
    r"|contact\s+presse|contacto\s+de\s+prensa|contatto\s+stampa|contatti\s+stampa|perscontact"
    r"|pressekontakt|contact\s+information|kontakt\s+investoren|investor\s+contacts?"
    r"|ansprechpartner\s+presse|for\s+more\s+information)"
)
_STEMS = (  # lower-case pieces of the label, "About" and profile lines, searched over the page
    "source", "quelle", "herausgeber", "emittent", "issue", "publisher", "émetteur", "emisor",
    "fuente", "fonte", "bron", "uitgever", "kilde", "källa", "utgiver", "about", "über", "uber",
    "propos", "acerca", "sobre", "informazioni", "chi è", "over ", "om ", "tietoja", "o firmie",
    "profil", "glance", "blick", "en bref", "in breve", "en breve",
)  # fmt: skip
_NEAR = 8  # lines after the issuer's name or a press-contact label that hold its contacts
_TEXT_FIELDS = frozenset({"phone", "fax", "address"})


@dataclass(frozen=True)
class Owner:
    """The names the site goes by (squeezed, folded), and a foreign issuer if any."""

    site: frozenset[str]
    issuer: str | None = None


def squeeze(name: str) -> str:
    """Folded, letters and digits only: "GlobeNewswire News Room" → "globenewswirenewsroom"."""
    return re.sub(r"\W|_", "", nz.fold(name))


def site_names(url: str, tree: LexborHTMLParser) -> frozenset[str]:
    """The host's labels (without www and the TLD) and ``og:site_name``, squeezed."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = [] if host.replace(".", "").isdigit() else host.split(".")  # an IP address names no one
    names = {squeeze(label) for label in labels[:-1] if len(label) >= 3}
    meta = tree.css_first('meta[property="og:site_name"]')
    if meta is not None and (meta.attributes.get("content") or "").strip():
        names.add(squeeze(meta.attributes.get("content") or ""))
    return frozenset(n for n in names if len(n) >= 3)


def with_names(site: frozenset[str], facts: Sequence[Fact]) -> frozenset[str]:
    """The site's names, or, for a page read from an IP address with no ``og:site_name``, the
    names the page gives itself (its Organization's name, its legal name). Only then: on a
    press service, the legal name read may be the issuer's."""
    if site:
        return site
    names = {squeeze(f.value) for f in facts if f.field in ("name", "legal_name")}
    return frozenset(n for n in names if len(n) >= 3)


def is_site(name: str, site: frozenset[str]) -> bool:
    """Whether a firm's name is the site's: "Deutsche Telekom AG" on telekom.com, "Acme" on
    acme-robotics.de; the first word of the name counts when it has four letters or more."""
    squeezed = squeeze(name)
    first = squeeze(name.split()[0]) if name.split() else ""
    return any(
        s in squeezed or (squeezed and squeezed in s) or (len(first) >= 4 and first in s)
        for s in site
    )


def publishers(nodes: list[structured.Node]) -> list[str]:
    """The names of the Organizations that the page's articles name as ``publisher``."""
    index = structured.id_index(nodes)
    found: list[str] = []
    for node in nodes:
        if not any(_ARTICLES.search(t) for t in node.types):
            continue
        publisher = structured.resolve(node.data.get("publisher"), index)
        if isinstance(publisher, dict) and is_org(publisher):
            found += strings(publisher.get("name"))[:1]
    return found


def _firm(name: str) -> str:
    """A name without a trailing legal form's punctuation or a quote: the key counted."""
    return " ".join(name.strip(" .,;:\"'“”„").split())


def _key(name: str) -> str:
    words = name.split()
    return squeeze(words[0]) if words else ""


# Hosts whose pages are other firms' releases: press wires and press-release portals. On them
# one sign names the issuer, and without one the text's people are still not the wire's.
_WIRES = nz.wordset(
    "prnewswire globenewswire businesswire newswire einpresswire accesswire marketwired prweb "
    "newsfilecorp prlog issuewire webwire openpr presseportal pressebox firmenpresse lifepr "
    "pr-gateway iwrpressedienst newsaktuell pressetext mynewsdesk 24-7pressrelease"
)
ANOTHER = "another firm"  # the issuer of a wire's page that names none


def is_wire(url: str) -> bool:
    """Whether the page is on a press wire's or press portal's host."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return any(label in _WIRES for label in host.split(".")[:-1])


def issuer(published_by: Sequence[str], lines: Sequence[str] | Scan, site: frozenset[str],
           wire: bool = False) -> str | None:
    """The firm that issued the page's release when it is not the site, or None
    (``published_by``: the article's JSON-LD publishers, see ``publishers``; ``wire``: the
    page is on a press wire, where one sign names the issuer and none still means one)."""
    if not site and not wire:
        return None  # a page that names itself nowhere: whose release it is cannot be told
    kinds: dict[str, set[str]] = {}
    names: dict[str, str] = {}

    def sign(raw: str, kind: str) -> None:
        name = _firm(raw)
        key = _key(name)
        if len(key) >= 2 and name.casefold() not in _OURS and key not in _OURS:
            kinds.setdefault(key, set()).add(kind)
            names.setdefault(key, name)

    for name in published_by:
        sign(name, "publisher")
    scan = scan_of(lines)
    for i in scan.find_lines(_STEMS, short=True):  # one search over the page, not one per line
        line = scan.lines[i]
        if len(line) > 120:
            continue
        for kind, pattern in (("label", _LABEL), ("about", _ABOUT), ("about", _PROFILE)):
            m = pattern.search(line)
            if m:
                sign(m.group("name"), kind)
    head = scan.text[:20000]  # the release opens the page's text
    if any(wire in head for wire in _WIRE_WORDS):  # the pattern is tried only where a wire is named
        for m in _DATELINE.finditer(head):
            sign(m.group("name"), "dateline")
    # two kinds of sign: a menu repeating "Über Anika Schön" is one sign, however often
    for key, held in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        if len(held) >= (1 if wire else 2) and not is_site(names[key], site):
            return names[key]
    return ANOTHER if wire else None


def _domain_is_site(email: str, site: frozenset[str]) -> bool:
    host = email.rpartition("@")[2]
    return any(squeeze(label) in site or any(squeeze(label) in s for s in site)
               for label in host.split(".")[:-1] if len(label) >= 3)  # fmt: skip


def _issuer_lines(lines: Sequence[str], issuer_name: str) -> set[str]:
    """The lines within reach of a line naming the issuer or a press-contact label."""
    key = "" if issuer_name == ANOTHER else _key(issuer_name)
    near: set[str] = set()
    for i, line in enumerate(lines):
        if _CONTACT.search(line) or (key and key in squeeze(line)):
            near.update(nz.clip(held, 200) for held in lines[i : i + _NEAR + 1])
    return near


def _evidence_line(fact: Fact) -> str:
    text = fact.evidence.split("] ", 1)[1] if fact.evidence.startswith("[") else fact.evidence
    return text.split(" / ")[0]


def split(facts: list[Fact], owner: Owner, lines: Sequence[str]) -> tuple[list[Fact], list[tuple[Fact, str]]]:
    """(kept facts, dropped facts with the reason) of a page issued by ``owner.issuer``."""
    if owner.issuer is None:
        return facts, []
    firm = owner.issuer
    near: set[str] | None = None
    kept: list[Fact] = []
    dropped: list[tuple[Fact, str]] = []
    for fact in facts:
        reason = None
        structured_fact = fact.evidence.startswith(("JSON-LD", "microdata", "<meta"))
        if fact.field == "person" and not structured_fact:
            if not any(s in squeeze(fact.evidence) for s in owner.site):
                reason = f"a person of {firm}'s release, not of the site"
        elif fact.field == "email" and not _domain_is_site(fact.value, owner.site):
            reason = f"a contact of {firm}'s release (another domain)"
        elif fact.field == "legal_name" and _key(fact.value) == _key(firm):
            reason = f"the issuer of the release, {firm}, not the site"
        elif fact.field in _TEXT_FIELDS and not structured_fact:
            near = _issuer_lines(lines, firm) if near is None else near
            if _evidence_line(fact) in near:
                reason = f"a contact of {firm}'s release"
        if reason:
            dropped.append((fact, reason))
        else:
            kept.append(fact)
    return kept, dropped


def explain(dropped: Sequence[tuple[Fact, str]], limit: int = 500) -> str | None:
    """One line saying which facts were left out and why (``monitor extract`` prints it):
    "left out: person Peter Reinhardt (a person of Segment's release, not of the site); …"."""
    if not dropped:
        return None
    parts = dict.fromkeys(f"{fact.field} {nz.clip(fact.value, 60)} ({reason})" for fact, reason in dropped)
    return nz.clip("left out: " + "; ".join(parts), limit)
