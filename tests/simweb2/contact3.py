"""The contact block of the third noise set: phone, e-mail and address written a new way.

``phone_day`` writes the numbers a new way each day among the country's real conventions,
``email_visit`` shows the address plainly, obfuscated or behind a CDN's address protection,
``address_day`` varies the address's lines, abbreviations and country line (see ``variants3``).
"""

from __future__ import annotations

import re

import phonenumbers

from tests.simweb2.lexicon3 import WORDS
from tests.simweb2.site import Company, Facts, esc, rng

FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _pick(company: Company, tag: str, moment: int, count: int) -> int:
    return rng(company.seed, company.index, "v3", tag, moment).randrange(count)



def phone_forms(number: phonenumbers.PhoneNumber, country: str) -> list[str]:
    """The ways sites of the country write one number (all dialling the same line)."""
    fmt = phonenumbers.PhoneNumberFormat
    intl = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    forms = [
        intl,
        national,
        intl.replace(" ", "\u00a0"),
        phonenumbers.format_number(number, fmt.E164),
        national.replace(" ", "-"),
    ]
    meta = phonenumbers.PhoneMetadata.metadata_for_region(country)
    europe = meta is not None and meta.international_prefix == "00"
    trunk = meta.national_prefix if meta else None
    if europe:  # "0049 30 …", "+49.30.…"; with a trunk prefix, "+49 (0)30 …"
        forms += ["00" + intl[1:], intl.replace(" ", ".")]
        if trunk and national.startswith(trunk):
            forms.append(f"{intl.split(' ', 1)[0]} ({trunk}){national[len(trunk):]}")
    area, local = re.split(r"[ -]", national, maxsplit=1)
    if country in ("GB", "DE", "NL", "JP"):  # "(030) 127093", "(03) 1234-5678"
        forms.append(f"({area}) {local}")
    if country == "DE":  # "030/127093"
        forms.append(f"{area}/{local.replace(' ', '')}")
    if country == "FR":  # "01.23.45.67.89"
        forms.append(national.replace(" ", "."))
    return list(dict.fromkeys(forms))


def phone_text(company: Company, number: phonenumbers.PhoneNumber, step: int) -> str | None:
    """The number as the page writes it on a step (None: the site's own form)."""
    if "phone_day" not in company.noise:
        return None
    forms = phone_forms(number, company.lang.country)
    return forms[_pick(company, "phone", step, len(forms))]


def _phone(company: Company, number: phonenumbers.PhoneNumber, step: int, link: bool) -> str:
    text = esc(phone_text(company, number, step) or "")
    if not link or _pick(company, "tel", step, 2):
        return text
    href = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
    return f'<a href="{href}">{text}</a>'


def email_html(company: Company, step: int, visit: int) -> str:
    """The e-mail address in the form of a day (the protected form keyed per visit)."""
    user, host = "info", f"{company.slug}.{company.lang.tld}"
    address = f"{user}@{host}"
    form = _pick(company, "email", step, 5)
    if form == 0:
        return f'<a href="mailto:{address}">{address}</a>'
    if form == 1:
        return esc(f"{user} [at] {host.replace('.', ' [dot] ')}")
    if form == 2:
        return esc(f"{user}(at){host}")
    r = rng(company.seed, company.index, "v3", "entities", visit)
    if form == 3:  # character references, a random mix per page load
        refs = "".join(f"&#{ord(c)};" if r.random() < 0.5 else f"&#x{ord(c):x};" for c in address)
        return f'<a href="mailto:{refs}">{refs}</a>'
    key = r.randrange(1, 256)
    coded = f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)
    return (f'<a href="/cdn-cgi/l/email-protection#{coded}"><span class="__cf_email__" '
            f'data-cfemail="{coded}">[email&#160;protected]</span></a>')


def address_html(company: Company, facts: Facts, step: int) -> str:
    """The postal address lines in the form of a day."""
    lang, w = company.lang, WORDS[company.lang.code]
    postcode, town = facts.town
    street = facts.street
    form = _pick(company, "address", step, 5) if "address_day" in company.noise else 0
    if form == 2:  # abbreviated: "Str." for "Straße"; full-width digits in Japanese
        street = next((street.replace(a, b, 1) for a, b in w.abbrev if a in street), street)
        street = street.translate(FULL_WIDTH) if lang.code == "ja" else street
    if lang.code == "ja":
        mark = "" if form % 2 else "〒"
        lines = [f"{mark}{postcode}", f"{town}{street}"]
    else:
        place = f"{town} {postcode}" if lang.code == "en" else f"{postcode} {town}"
        if form == 2 and w.plate:
            place = f"{w.plate}-{place}"
        lines = [street, place]
    if form in (3, 4):
        lines.append(w.country)
    sep = {1: ", ", 4: " · "}.get(form, "<br>")
    if lang.code == "ja" and form in (0, 2):
        sep = " "
    return sep.join(esc(line) for line in lines)


def contact(company: Company, facts: Facts, step: int, visit: int) -> str | None:
    """The contact section where one of this set's contact kinds is on (None: the site's)."""
    noise = company.noise
    if not noise & {"phone_day", "email_visit", "address_day"}:
        return None
    lang, lab = company.lang, company.lang.labels
    if "phone_day" in noise:
        phone, fax = _phone(company, facts.phone, step, True), _phone(company, facts.fax, step, False)
    else:
        phone, fax = (esc(phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
                      for n in (facts.phone, facts.fax))
    if "email_visit" in noise:
        email = email_html(company, step, visit)
    else:
        address = f"info@{company.slug}.{lang.tld}"
        email = f'<a href="mailto:{address}">{address}</a>'
    return (f'<section class="contact"><h2>{esc(lab["contact"])}</h2><address>{esc(company.name)} '
            f"{esc(lang.legal)}<br>{address_html(company, facts, step)}</address>"
            f"<p>{esc(lab['phone'])}: {phone}<br>{esc(lab['fax'])}: {fax}<br>"
            f"{esc(lab['email'])}: {email}</p></section>")
