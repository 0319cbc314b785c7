"""Third parties on a privacy page or an imprint: their contacts are not the company's.

A privacy policy names the company's representative in the EU, the UK or Switzerland (a
service firm: "Prighter CH GmbH, Obergrundstrasse 17, 6002 Lucerne"), the supervisory authority
a user may complain to, and the processors that host its data; a French imprint names its
hosting provider ("Hébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix"). Their addresses,
phones and e-mails sit in a short block after the words that introduce them, in every
language of the law (GDPR art. 27 representatives, nLPD art. 14, "autorité de contrôle").

Dropped: an address on a line that opens with another firm's name and legal form (a venue, a
customer, a partner's branch: "Georg Fischer AG, Amsler-Laffon-Strasse 9, 8201 Schaffhausen"),
unless that firm is the page's legal name; a phone, fax or address read from a line of such a block (the introducing line and
the six after it, and the four before it when those name another firm with its legal form);
an e-mail on another domain than the site's that stands in the block, or
whose domain names a firm that the block (or the four lines before it) names; an address under
an "About X" heading for another firm than the site (a press release's investor), when the
page gives another address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor import normalize as nz
from monitor.extract import company_name
from monitor.extract.scan import Scan, scan_of
from monitor.extract.whose import squeeze
from monitor.models import Fact

_THIRD = re.compile(
    # representatives by law (not "represented by", "représentée par": the company's own officers)
    r"\b(?:eu|uk|eea|swiss|schweizer|eu-)[- ]?(?:representative|representation|vertreter(?:in)?)\b"
    r"|\brepresentatives?\s+(?:in\s+the|for\s+the|pursuant|under|according)"
    r"|\bvertreter(?:in)?\s+(?:in\s+der|gemäß|nach\s+art|für\s+die\s+(?:eu|schweiz))"
    r"|\breprésenta(?:nt|tion)\s+(?:en|au|dans|conformément)|\brappresentante\s+(?:nell|in\s|ai\s+sensi)"
    r"|\brepresentante\s+(?:en\s+la|en\s+el|conforme)|\bvertegenwoordiger\s+in\b|\bart(?:icle|ikel|\.)?\s*27\b"
    # supervisory authorities
    r"|supervisory\s+authorit|aufsichtsbehörde|autorité\s+de\s+contrôle|\bcnil\b|garante\s+per\s+la"
    r"|autoridad\s+de\s+control|agencia\s+española\s+de\s+protección|toezichthouder|autoriteit\s+persoonsgegevens"
    r"|datatilsynet|integritetsskyddsmyndigheten|information\s+commissioner"
    # hosts and processors
    r"|hébergeur|hebergeur|hosting[- ]provider|\bhoster\b|auftragsverarbeiter|sous-traitants?\b"
    r"|\bsub-?processors?\b"
)
_STEMS = (
    "represent", "vertreter", "représent", "rappresentant", "vertegenwoordig", "art. 27", "art.27",
    "art 27", "article 27", "artikel 27", "authorit",
    "aufsicht", "autorité", "cnil", "garante", "autoridad", "agencia", "toezicht", "autoriteit",
    "tilsyn", "integritet", "commissioner", "héberge", "heberge", "hosting", "hoster",
    "auftragsverarbeit", "sous-traitant", "processor",
)  # fmt: skip
_OWN = re.compile(
    r"\b(?:contact\s+us|nous\s+contacter|contactez-nous|kontaktieren\s+sie\s+uns|kontakt|impressum"
    r"|our\s+address|unsere\s+adresse|responsable\s+du\s+traitement|controller|verantwortliche?r?\b"
    r"|titolare\s+del\s+trattamento|responsable\s+del\s+tratamiento|contattaci|contáctenos)"
)
_AFTER = 6  # lines after the introducing one: a firm, a street, a town, a country, a mail, a phone
_BEFORE = 4  # lines before it: "Prighter CH GmbH" / street / town / "representative details here"
_FIELDS = frozenset({"phone", "fax", "address"})


def _blocks(lines: Sequence[str] | Scan, site: frozenset[str]) -> list[tuple[int, int, int]]:
    """(first, introducing, last) line of each third party's block; it starts up to four lines
    before the introducing words when those lines name another firm ("Prighter CH GmbH")."""
    scan = scan_of(lines)
    lines = scan.lines
    found: list[tuple[int, int, int]] = []
    for i in scan.find_lines(_STEMS):  # one search over the page, not one per line
        low = lines[i].lower()
        if len(low) <= 400 and _THIRD.search(low):
            first = max(0, i - _BEFORE)
            if not (site and all(company_name.other_firms(lines[first:i], s) for s in site)):
                first = i
            last = min(len(lines) - 1, i + _AFTER)
            # the block ends where the page turns back to its own contact ("Nous contacter")
            last = next((k - 1 for k in range(i + 1, last + 1) if _OWN.search(lines[k].lower())), last)
            found.append((first, i, last))
    return found


def _own_domain(email: str, site: frozenset[str]) -> bool:
    labels = email.rpartition("@")[2].split(".")[:-1]
    return any(squeeze(label) and any(squeeze(label) in s or s in squeeze(label) for s in site)
               for label in labels if len(label) >= 3)  # fmt: skip


def _names_domain(email: str, text: str) -> bool:
    """Whether the text names the firm of an e-mail's domain ("Prighter" for prighter.com)."""
    labels = email.rpartition("@")[2].split(".")[:-1]
    tokens = {t for label in labels for t in re.split(r"[-_]", label) if len(t) >= 3}
    words = {nz.fold(w) for w in re.findall(r"[A-ZÄÖÜÀ-Þ][\w]+", text)}
    return bool(tokens & words)


def _other_firms_address(fact: Fact, site: frozenset[str], legal: set[str]) -> str | None:
    """The firm an address line opens with, when it is neither the site nor its legal name:
    "Georg Fischer AG, Amsler-Laffon-Strasse 9, 8201 Schaffhausen" on an event's page of
    venues, a customer list, a branch of a partner."""
    line = fact.evidence.split(" / ")[0]
    street = fact.value.split(",")[0]
    at = line.find(street)
    if at <= 0 or not site:
        return None
    firms = [company_name.other_firms([line[:at]], s) for s in site]
    if not all(firms):
        return None
    firm = sorted(firms[0])[0]
    return None if any(firm in name for name in legal) else company_name.firm_named(line[:at]) or firm


# A section heading about a firm, as press releases close: "About X", "Über X", "À propos de X".
_ABOUT = re.compile(
    r"^(?:About|Über|Uber|À propos d[e'’]|A propos d[e'’]|Acerca de|Sobre|Informazioni su|Chi è|Over|Om"
    r"|O\s+firmie|Tietoa)\s+([A-ZÀ-Þ].{1,59}?)[:.]?$"
)
# "About us", "Über uns", "Over ons": the site speaking of itself
_WE = re.compile(r"(?i:us|uns|nous|nosotros|nós|nos|noi|ons|oss|meistä|the\s+company|the\s+firm|this\s+site)\b")
_ABOUT_BACK = 3  # lines from the heading to the address: the paragraph under it


def _about_other(fact: Fact, lines: Sequence[str], site: frozenset[str]) -> str | None:
    """The firm whose "About X" heading stands just above an address, when X is not the site."""
    first = fact.evidence.split(" / ")[0]
    at = next((k for k, line in enumerate(lines) if nz.clip(line, 200) == first or line == first), None)
    if at is None or not site:
        return None
    for k in range(at, max(-1, at - _ABOUT_BACK - 1), -1):
        if (m := _ABOUT.match(lines[k])) and not _WE.match(m.group(1)):
            name = squeeze(m.group(1))
            ours = any(s in name or name in s for s in site if s)
            return None if ours else m.group(1)
    return None


_DPO = re.compile(
    r"(?i:dpo|data\s+protection\s+officer|datenschutzbeauftragte|délégué\w*\s+à\s+la\s+protection"
    r"|responsabile\s+(?:della\s+)?protezione|delegad[oa]\s+de\s+protección|functionaris\s+gegevensbescherming"
    r"|personvernombud|dataskyddsombud|databeskyttelsesrådgiver)"
)
_EXTERNAL = re.compile(r"(?i:\bextern\w*|\bexternal|\besterno|\bexterno|\bdu\s+cabinet|\bof\s+the\s+firm)")


def _external_officer(fact: Fact, lines: Sequence[str], site: frozenset[str], legal: set[str]) -> tuple[str, int] | None:
    """Why a data protection officer is another firm's, and the officer's line: the page says
    "external", or names another firm with its legal form on that line or the three after it."""
    if not (fact.role and _DPO.search(fact.role)):
        return None
    first = fact.evidence.split("] ", 1)[-1].split(" / ")[0]
    at = next((i for i, line in enumerate(lines) if nz.clip(line, 200) == first), None)
    if at is None:
        return None
    if _EXTERNAL.search(" ".join(lines[max(0, at - 1) : at + 1])):
        return "an external data protection officer", at
    firms = [company_name.other_firms(lines[at : at + 4], s) for s in site] if site else []
    if firms and all(firms) and not any(f in name for f in firms[0] for name in legal):
        named = company_name.firm_named("\n".join(lines[at : at + 4])) or sorted(firms[0])[0]
        return f"the data protection officer of another firm ({named})", at
    return None


# A privacy policy speaks of personal data line after line: a structured Person there is the
# document's author (a CMS's schema of the post), not one of the company's people.
_POLICY = re.compile(
    r"(?i:personal\s+(?:data|information)|personenbezogene|données\s+(?:à\s+caractère\s+)?personnelles"
    r"|datos\s+personales|dati\s+personali|dados\s+pessoais|persoonsgegevens|personuppgifter|personopplysninger"
    r"|personoplysninger|henkilötie\w+|dane\s+osobowe|osobní\s+údaj)"
)
_POLICY_STEMS = ("personal", "personenbezog", "personnelles", "personales", "personali", "pessoais",
                 "persoonsgegevens", "personuppgift", "personopplysning", "personoplysning", "henkilötie",
                 "osobowe", "osobní")  # fmt: skip
_POLICY_LINES = 5  # lines that speak of personal data before a page is a privacy policy
_STRUCTURED_PERSON = ("JSON-LD Person", "microdata Person")


def split(facts: list[Fact], scan: Scan, site: frozenset[str]) -> tuple[list[Fact], list[tuple[Fact, str]]]:
    """(kept facts, dropped facts with the reason): third parties' contacts are dropped."""
    lines = scan.lines
    legal = {squeeze(f.value) for f in facts if f.field == "legal_name"}
    firm_dropped: list[tuple[Fact, str]] = []
    if sum(1 for i in scan.find_lines(_POLICY_STEMS) if _POLICY.search(lines[i])) >= _POLICY_LINES:
        authors = [f for f in facts if f.field == "person" and f.evidence.startswith(_STRUCTURED_PERSON)]
        firm_dropped += [(f, "the author of a privacy policy or terms page (a structured Person)") for f in authors]
        facts = [f for f in facts if all(f is not a for a in authors)]
    officers: list[tuple[int, int, int]] = []
    led = {id(f): firm for f in facts if f.field == "address" and (firm := _other_firms_address(f, site, legal))}
    addresses = sum(f.field == "address" for f in facts)
    # a lone address under a firm's name, on a page with no other, is most often the site's own
    # under its legal name (a brand's site): only a list of firms, or one beside the site's own
    # address, says those are other firms'
    if len(set(led.values())) >= 2 or 0 < len(led) < addresses:
        firm_dropped += [(f, f"the address of another firm ({led[id(f)]})") for f in facts if id(f) in led]
    about = {} if addresses < 2 else {  # read only where the site may give its own address too
        id(f): firm for f in facts if f.field == "address" and (firm := _about_other(f, lines, site))}
    if 0 < len(about) < addresses:  # the site's own address stays; an investor's "About X" goes
        firm_dropped += [(f, f"the address in the section about another firm ({about[id(f)]})")
                         for f in facts if id(f) in about]
    for fact in facts:
        officer = _external_officer(fact, lines, site, legal) if fact.field == "person" else None
        if officer:  # the officer's firm's address and phone follow the officer's name
            firm_dropped.append((fact, officer[0]))
            officers.append((officer[1], officer[1], min(len(lines) - 1, officer[1] + _AFTER)))
    facts = [f for f in facts if all(f is not d for d, _ in firm_dropped)]
    blocks = _blocks(scan, site) + officers
    if not blocks:
        return facts, firm_dropped
    inside: dict[str, int] = {}
    for first, said, last in blocks:
        for k in range(first, last + 1):
            inside.setdefault(nz.clip(lines[k], 200), said)
    kept: list[Fact] = []
    dropped: list[tuple[Fact, str]] = []
    for fact in facts:
        reason = None
        if fact.field in _FIELDS and not fact.evidence.startswith(("JSON-LD", "microdata")):
            first_line = fact.evidence.split(" / ")[0]
            if first_line in inside:
                reason = f"a third party's contact (near: {nz.clip(lines[inside[first_line]], 60)})"
        elif fact.field == "email" and site and not _own_domain(fact.value, site):  # no name: no telling
            for _, said, last in blocks:
                near = "\n".join(lines[max(0, said - _BEFORE) : last + 1])
                if fact.value in near.lower() or _names_domain(fact.value, near):
                    reason = f"a third party's e-mail (near: {nz.clip(lines[said], 60)})"
                    break
        if reason:
            dropped.append((fact, reason))
        else:
            kept.append(fact)
    return kept, firm_dropped + dropped
