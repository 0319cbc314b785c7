"""A company of the second simulated web, rendered as its homepage at any step and visit.

A company has a language, a house style (how its team is laid out) and a timeline of steps.
What the page *says* (people, roles, phone, address) changes only at real events; how it says
it changes with the noise kinds switched on: a customer quote rotating on every visit, a
slogan rotating every day, a news strip whose entries move, the phone written nationally or
internationally, and markup reshuffled (wrappers, classes, whitespace, inline spans).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field, replace
from html import escape

import phonenumbers

from tests.simweb2.langs import LANGS, Lang

STYLES = ("cards", "table", "dl", "lines", "label", "figure", "jsonld")
NOISE = ("rotate_visit", "rotate_day", "news_strip", "phone_format", "markup")
EVENTS = ("role_change", "phone_change", "new_person", "address_move")
HELD_OUT_STYLES = ("figure",)
HELD_OUT_SEEDS = (901, 902)


def rng(*parts: object) -> random.Random:
    """A generator seeded by the parts (same parts, same numbers, on every run)."""
    digest = hashlib.sha256(repr(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _number(lang: Lang, r: random.Random) -> phonenumbers.PhoneNumber:
    """A valid fixed-line number of the language's country."""
    base = phonenumbers.example_number_for_type(
        lang.country, phonenumbers.PhoneNumberType.FIXED_LINE
    )
    national = phonenumbers.national_significant_number(base)  # Italy's keeps its leading 0
    for _ in range(200):
        digits = national[:-4] + "".join(str(r.randrange(10)) for _ in range(4))
        candidate = phonenumbers.parse("+" + str(base.country_code) + digits)
        if phonenumbers.is_valid_number(candidate):
            return candidate
    return base


def written(number: phonenumbers.PhoneNumber, form: int) -> str:
    """The number as a page writes it: 0 international, 1 national, 2 dashed, 3 dotted."""
    fmt = phonenumbers.PhoneNumberFormat
    if form == 1:
        return phonenumbers.format_number(number, fmt.NATIONAL)
    text = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    return text.replace(" ", "-") if form == 2 else text.replace(" ", ".") if form == 3 else text


def e164(number: phonenumbers.PhoneNumber) -> str:
    """The number as facts store it."""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class Person:
    """A person and their role."""

    name: str
    role: str


@dataclass(frozen=True)
class Facts:
    """What a company's page states at one step."""

    people: tuple[Person, ...]
    phone: phonenumbers.PhoneNumber
    fax: phonenumbers.PhoneNumber
    street: str
    town: tuple[str, str]


@dataclass
class Company:
    """One company: language, house style, facts over time, and the noise it shows."""

    seed: int
    index: int
    lang: Lang
    style: str
    noise: frozenset[str]
    events: dict[int, str] = field(default_factory=dict)  # step → event kind
    slug: str = ""

    def __post_init__(self) -> None:
        self.slug = f"s{self.seed}c{self.index:02d}"
        self.r = rng(self.seed, self.index)
        self.name = f"{self.lang.family[self.index % len(self.lang.family)]} {('Werke', 'Systems', 'Tech', 'Labs')[self.index % 4]}"

    @property
    def url(self) -> str:
        """The homepage address (its TLD is the company's country)."""
        return f"https://www.{self.slug}.{self.lang.tld}/"

    def _name(self, k: int) -> str:
        lang = self.lang
        # k and k + 8 must differ: a new hire is never the namesake of the chief executive
        given = lang.given[k % len(lang.given)]
        family = lang.family[(k * 3 + 1 + k // len(lang.given)) % len(lang.family)]
        return f"{family}{given}" if lang.code == "ja" else f"{given} {family}"

    def facts(self, step: int) -> Facts:
        """The facts at a step: the first step's, changed by every event up to it."""
        r = rng(self.seed, self.index, "facts")
        people = [Person(self._name(k), self.lang.roles[k]) for k in range(4)]
        state = Facts(
            tuple(people),
            _number(self.lang, r),
            _number(self.lang, r),
            f"{self.lang.streets[0]} {r.randrange(1, 90)}",
            self.lang.towns[0],
        )
        for when in sorted(k for k in self.events if k <= step):
            state = self._apply(state, self.events[when], when)
        return state

    def _apply(self, state: Facts, event: str, when: int) -> Facts:
        r = rng(self.seed, self.index, "event", when)
        people = list(state.people)
        if event == "role_change":
            k = 1 + when % (len(people) - 1)
            spare = [t for t in self.lang.roles if t not in {p.role for p in people}]
            people[k] = replace(people[k], role=spare[when % len(spare)])
        elif event == "new_person":
            spare = [t for t in self.lang.roles if t not in {p.role for p in people}]
            people.append(Person(self._name(4 + len(people)), spare[0]))
        elif event == "person_left":  # the last of the strip leaves
            people.pop()
        elif event == "phone_change":
            return replace(state, phone=_number(self.lang, r))
        elif event == "address_move":
            street = self.lang.streets[1 + when % 3]
            return replace(
                state, street=f"{street} {r.randrange(1, 90)}", town=self.lang.towns[1 + when % 2]
            )
        return replace(state, people=tuple(people))

    def page(self, step: int, visit: int) -> bytes:
        """The homepage at a step, as served on one visit."""
        from tests.simweb2.render import render

        return render(self, self.facts(step), step, visit).encode("utf-8")


def companies(
    seed: int,
    count: int = 12,
    noise: frozenset[str] = frozenset(NOISE),
    events: dict[int, str] | None = None,
    styles: tuple[str, ...] = STYLES,
) -> list[Company]:
    """``count`` companies of one seed, languages and styles spread across them."""
    out = []
    for i in range(count):
        lang = LANGS[(seed * 5 + i) % len(LANGS)]
        style = styles[(seed + i) % len(styles)]
        out.append(Company(seed, i, lang, style, noise, dict(events or {})))
    return out


def ld(data: object) -> str:
    """A JSON-LD script element."""
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def esc(text: str) -> str:
    """HTML-escaped text."""
    return escape(text, quote=True)
