"""Score the website extractor against the hand-written judgments in tests/data/judgments/.

Precision and recall per fact type (people, legal name, e-mail, phone, fax, address, links):
a found value is right when the judgment holds it, a judged value is found when the extractor
returns it. Matching is deliberately lenient on spelling and strict on identity: names and
e-mails fold case and accents, addresses match on their postcode and house number plus one of
their words, links on network and handle. Run
``python -m tests.judge [dev|heldout|dev2|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11]
[-v]``; a judgment may name its page's ``type`` (``text/markdown``), HTML by default. Keys are
paths under the shared corpus's pages, or ``pages/<file>``, ``pages4/<file>``, ``pages5/<file>``,
``pages6/<file>``, ``pages7/<file>``, ``pages8/<file>``, ``pages9/<file>``, ``pages10/<file>`` and ``pages11/<file>`` for
the pages written for the judgments themselves (``data/judgments/pages/``, ``pages4/`` to
``pages11/``).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ruamel.yaml import YAML

from monitor.extract.page import extract_page
from monitor.models import Fact
from monitor.normalize import role as role_spelling

HERE = Path(__file__).parent
JUDGMENTS = HERE / "data" / "judgments"
PAGES = HERE.parent / ".." / "shared" / "corpus" / "pages"
HANDMADE = JUDGMENTS / "pages"
# folders of hand-made pages, each a key's first part
HANDMADE_DIRS = ("pages", "pages4", "pages5", "pages6", "pages7", "pages8", "pages9", "pages10",
                 "pages11")
SETS = (
    "dev",
    "heldout",
    "dev2",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
)
TYPES = ("person", "role", "legal_name", "email", "phone", "fax", "address", "link")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def page_path(key: str) -> Path:
    """The saved page a judgment key names: a hand-made page or one of the shared corpus."""
    if key.partition("/")[0] in HANDMADE_DIRS:
        return JUDGMENTS / key
    return PAGES / key


def load(part: str) -> dict[str, dict]:
    """One set of judgments, keyed by page."""
    if part not in SETS:
        raise SystemExit(f"unknown judgment set {part!r}: one of {', '.join(SETS)}")
    return YAML(typ="safe").load((JUDGMENTS / f"{part}.yaml").read_text("utf-8"))


def address_match(found: str, judged: str) -> bool:
    """Same number tokens (house number, postcode) and a word of the judged address."""
    fw, jw = set(fold(found).split()), set(fold(judged).split())
    jn = {w for w in jw if any(c.isdigit() for c in w)}
    if not jn <= fw:
        return False
    words = jw - jn  # and a word of the street or town: the rest may be region and country
    return not words or bool(words & fw)


def link_key(network: str, url: str) -> str:
    parts = urlsplit(unquote(url))
    path = parts.path.strip("/").casefold()
    return f"{'x' if network == 'twitter' else network}:{path}"


@dataclass
class Tally:
    """True positives, false positives and false negatives of one fact type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, found: Iterable[str], judged: Iterable[str], page: str, same=None) -> None:
        same = same or (lambda a, b: a == b)
        found, judged = list(dict.fromkeys(found)), list(dict.fromkeys(judged))
        hit_j: set[int] = set()
        for f in found:
            k = next((i for i, j in enumerate(judged) if i not in hit_j and same(f, j)), None)
            if k is None:
                self.fp += 1
                self.wrong.append(f"{page}: {f}")
            else:
                self.tp += 1
                hit_j.add(k)
        for i, j in enumerate(judged):
            if i not in hit_j:
                self.fn += 1
                self.misses.append(f"{page}: {j}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def same_role(found: str, judged: str) -> bool:
    """One role in either's words, compared as the normaliser spells them on both sides
    ("Chief Revenue Officer" and "CRO", "Délégué à la protection des données" and "DPO")."""
    a, b = fold(role_spelling(found)), fold(role_spelling(judged))
    return a in b or b in a


def _values(facts: tuple[Fact, ...], name: str) -> list[str]:
    return [f.value for f in facts if f.field == name]


def score(part: str) -> dict[str, Tally]:
    """Tallies per fact type over one part of the judgments (``dev`` or ``heldout``)."""
    judged = load(part)
    tallies = {t: Tally() for t in TYPES}
    for page, want in judged.items():
        obs = extract_page(page_path(page).read_bytes(), want["url"], want.get("type", "text/html"))
        facts = obs.facts
        people = {fold(f.value): f for f in facts if f.field == "person"}
        wanted = {fold(p["name"]): p for p in want["people"]}
        tallies["person"].add(people, wanted, page)
        for key, p in wanted.items():  # a role is judged only where both name it
            if key in people and p.get("role") and people[key].role:
                ok = same_role(people[key].role or "", p["role"])
                tallies["role"].add(
                    [people[key].role] if ok else [f"{p['name']}: {people[key].role}"],
                    [people[key].role] if ok else [p["role"]],
                    page,
                )
        names = _values(facts, "legal_name") + _values(facts, "name")
        legal = [n for n in names if want["legal_name"] and fold(n) == fold(want["legal_name"])]
        tallies["legal_name"].add(
            legal[:1] or _values(facts, "legal_name")[:1],
            [want["legal_name"]] if want["legal_name"] else [],
            page,
            lambda a, b: fold(a) == fold(b),
        )
        tallies["email"].add(_values(facts, "email"), [e.lower() for e in want["emails"]], page)
        tallies["phone"].add(_values(facts, "phone"), want["phones"], page)
        tallies["fax"].add(_values(facts, "fax"), want["fax"], page)
        tallies["address"].add(_values(facts, "address"), want["addresses"], page, address_match)
        found_links = [
            link_key(f.field[5:], f.value)
            for f in facts
            if f.field.startswith("link.") and f.field != "link.website"
        ]
        judged_links = [link_key(n, u) for n, urls in (want["links"] or {}).items() for u in urls]
        tallies["link"].add(found_links, judged_links, page)
    return tallies


def report(part: str, verbose: bool = False) -> str:
    """One line per fact type: tp/fp/fn, precision, recall (and the misses when verbose)."""
    lines = [f"{part}: type tp fp fn precision recall"]
    for name, t in score(part).items():
        lines.append(
            f"  {name:10} {t.tp:3} {t.fp:3} {t.fn:3}  P={t.precision:.2f} R={t.recall:.2f}"
        )
        if verbose:
            lines += [f"      miss  {m}" for m in t.misses] + [f"      wrong {w}" for w in t.wrong]
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")] or ["dev"]
    for part in args:
        print(report(part, verbose="-v" in sys.argv))
