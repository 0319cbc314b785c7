"""The judgment sets stay usable: each file parses, each key names a saved page, each value has
the shape the scorer (tests/judge.py) reads, and each hand-made page is judged.

These tests only read the judgments; they never run the extractor on the judged pages (a
held-out set must stay unseen by the rules).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from monitor.extract.social import NETWORKS
from tests.judge import HANDMADE, HANDMADE_DIRS, JUDGMENTS, SETS, load, page_path

FIELDS = {"url", "legal_name", "people", "emails", "phones", "fax", "addresses", "links"}
OPTIONAL = {"type"}
TYPES = {"text/html", "text/markdown", "text/plain"}
E164 = re.compile(r"\+[1-9]\d{6,14}")
NETWORK_NAMES = set(NETWORKS) | {"twitter"}  # the scorer reads "twitter" as "x"


def _web_url(value: Any) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def _problems(want: Any) -> list[str]:
    """What is wrong with one page's judgment, as short phrases (empty when it is sound)."""
    if not isinstance(want, dict):
        return ["not a mapping"]
    out = [f"missing {k}" for k in sorted(FIELDS - want.keys())]
    out += [f"unknown key {k}" for k in sorted(want.keys() - FIELDS - OPTIONAL)]
    if not _web_url(want.get("url")):
        out.append(f"url {want.get('url')!r} is not an http(s) address")
    if want.get("type", "text/html") not in TYPES:
        out.append(f"type {want['type']!r}")
    if not isinstance(want.get("legal_name"), (str, type(None))):
        out.append("legal_name is neither text nor null")
    for person in want.get("people") or []:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            out.append(f"person {person!r} has no name")
        elif not isinstance(person.get("role"), (str, type(None))):
            out.append(f"person {person['name']}: role is neither text nor null")
    for email in want.get("emails") or []:
        if not isinstance(email, str) or email.count("@") != 1:
            out.append(f"e-mail {email!r}")
    for kind in ("phones", "fax"):
        for number in want.get(kind) or []:
            if not isinstance(number, str) or not E164.fullmatch(number):
                out.append(f"{kind} {number!r} is not E.164 text")
    for address in want.get("addresses") or []:
        if not isinstance(address, str) or not address.strip():
            out.append(f"address {address!r}")
    links = want.get("links")
    if not isinstance(links, dict):
        out.append("links is not a mapping")
    else:
        for network, urls in links.items():
            if network not in NETWORK_NAMES:
                out.append(f"network {network!r} is not one the product follows")
            if not isinstance(urls, list) or not all(_web_url(u) for u in urls):
                out.append(f"{network} links {urls!r}")
    return out


def test_every_judgment_file_is_a_named_set() -> None:
    """A new judgment file is named in the scorer's sets, and every named set has its file."""
    assert {p.stem for p in JUDGMENTS.glob("*.yaml")} == set(SETS)


def test_an_unknown_set_is_refused_by_name() -> None:
    """A misspelt set name stops the scorer with one line naming the known sets."""
    with pytest.raises(SystemExit, match="heldout11"):
        load("heldout12")


@pytest.mark.parametrize("part", SETS)
def test_judgments_parse_and_have_the_scored_shape(part: str) -> None:
    """Each set parses to a non-empty mapping of pages whose values the scorer can read."""
    judged = load(part)
    assert isinstance(judged, dict) and judged, f"{part}.yaml holds no judgments"
    bad = {page: p for page, want in judged.items() if (p := _problems(want))}
    assert not bad, f"{part}.yaml: {bad}"


@pytest.mark.parametrize("part", SETS)
def test_every_key_resolves_to_a_saved_page(part: str, corpus: Path) -> None:
    """Each key names a file: a page of the shared corpus, a first version of one of its
    histories, or a hand-made page under data/judgments/pages/, pages4/, pages5/, pages6/,
    pages7/, pages8/, pages9/, pages10/ or pages11/."""
    missing = [page for page in load(part) if not page_path(page).is_file()]
    assert not missing, f"{part}.yaml names pages that are not saved: {missing}"


def _hand_made(page: str) -> bool:
    return page.partition("/")[0] in HANDMADE_DIRS


def test_hand_made_keys_resolve_inside_the_judgments() -> None:
    """`pages/<file>`, `pages4/<file>` to `pages11/<file>`
    keys are the judgments' own pages, never the shared corpus's."""
    assert page_path("pages/x.html") == HANDMADE / "x.html"
    assert page_path("pages4/x.html") == JUDGMENTS / "pages4" / "x.html"
    assert page_path("pages5/x.html") == JUDGMENTS / "pages5" / "x.html"
    assert page_path("pages6/x.html") == JUDGMENTS / "pages6" / "x.html"
    assert page_path("pages7/x.html") == JUDGMENTS / "pages7" / "x.html"
    assert page_path("pages8/x.html") == JUDGMENTS / "pages8" / "x.html"
    assert page_path("pages9/x.html") == JUDGMENTS / "pages9" / "x.html"
    assert page_path("pages10/x.html") == JUDGMENTS / "pages10" / "x.html"
    assert page_path("pages11/x.html") == JUDGMENTS / "pages11" / "x.html"
    assert page_path("metascraper/x.html").parent.name == "metascraper"
    assert page_path("metascraper/x.html").parent.parent != JUDGMENTS


def test_every_hand_made_page_is_judged_once() -> None:
    """No hand-made page is left unjudged, and none is judged in two sets (a held-out page
    used while writing rules would no longer be held out)."""
    keys = [page for part in SETS for page in load(part) if _hand_made(page)]
    files = sorted(f"{d}/{p.name}" for d in HANDMADE_DIRS for p in (JUDGMENTS / d).glob("*.html"))
    assert sorted(keys) == files


def test_the_fourth_held_out_set_holds_only_its_own_pages() -> None:
    """heldout4 judges the pages4/ pages and nothing else, and at least a dozen of them: its
    pages were written for it and measured nowhere else."""
    keys = list(load("heldout4"))
    assert all(k.startswith("pages4/") for k in keys), keys
    assert len(keys) >= 12
    others = [k for part in SETS if part != "heldout4" for k in load(part)]
    assert not [k for k in others if k.startswith("pages4/")]


def test_the_fifth_held_out_set_judges_unjudged_real_pages_and_its_own() -> None:
    """heldout5 judges real corpus pages that no other set names and at least twenty pages5/
    pages, which no other set names either: both were unseen when it was written."""
    keys = list(load("heldout5"))
    own = [k for k in keys if k.startswith("pages5/")]
    real = [k for k in keys if not _hand_made(k)]
    assert len(own) >= 20 and real
    assert len(own) + len(real) == len(keys)
    others = {k for part in SETS if part != "heldout5" for k in load(part)}
    assert not [k for k in keys if k in others]
    assert not [k for k in others if k.startswith("pages5/")]


@pytest.mark.parametrize(("part", "folder", "least"), [
    ("heldout6", "pages6", 16), ("heldout7", "pages7", 20), ("heldout8", "pages8", 30),
    ("heldout9", "pages9", 30), ("heldout10", "pages10", 34),
    ("heldout11", "pages11", 30),
])
def test_a_hand_made_held_out_set_holds_only_its_own_pages(part: str, folder: str,
                                                           least: int) -> None:
    """heldout6 to heldout11 each judge their own folder's pages and nothing else, and at least
    so many of them: their pages were written for them and measured nowhere else."""
    keys = list(load(part))
    assert all(k.startswith(f"{folder}/") for k in keys), keys
    assert len(keys) >= least
    others = [k for other in SETS if other != part for k in load(other)]
    assert not [k for k in others if k.startswith(f"{folder}/")]


def _name_forms(name: str) -> list[str]:
    """A name as written in reading order, or turned `SURNAME, Given` (as team lists and
    registers print it) at any of its word breaks."""
    words = name.split()
    return [name] + [f"{' '.join(words[i:])}, {' '.join(words[:i])}" for i in range(1, len(words))]


def _page_text(page: str) -> str:
    """The page's source and its text without tags, unescaped and case-folded, so a value
    split over inline elements (`<span>SURNAME</span>, <span>Given</span>`) is still found."""
    raw = html.unescape(page_path(page).read_text("utf-8"))
    text = " ".join(re.sub(r"<[^>]*>", "", raw).split())
    return f"{raw}\n{text}\n{_AT_WRITTEN_OUT.sub('@', text)}".casefold()


# an e-mail written out against harvesters: "info [at] example.org", "info(at)example.org"
_AT_WRITTEN_OUT = re.compile(r"\s*[\[(]\s*(?:at|ät)\s*[\])]\s*", re.IGNORECASE)


def test_hand_made_judgments_match_their_pages() -> None:
    """Every person, e-mail, link and legal name judged on a hand-made page is written on that
    page, so an edit to a page cannot silently leave its judgment behind."""
    stale = []
    for part in SETS:
        for page, want in load(part).items():
            if not _hand_made(page):
                continue
            text = _page_text(page)
            names = [p["name"] for p in want["people"]]
            stale += [
                f"{page}: {n}"
                for n in names
                if not any(f.casefold() in text for f in _name_forms(n))
            ]
            values = list(want["emails"])
            values += [u for urls in (want["links"] or {}).values() for u in urls]
            values += [want["legal_name"]] if want["legal_name"] else []
            stale += [f"{page}: {v}" for v in values if v.casefold() not in text]
    assert not stale, stale


def test_an_e_mail_written_out_is_found_as_its_address_and_nothing_looser() -> None:
    """The stale-judgment check reads "name [at] domain" and "name(at)domain" as the address
    they stand for, but not a bare " at " in running text."""
    written = "Mail: office [at] example.org, sales(at)example.org, post [ÄT] example.ee"
    assert _AT_WRITTEN_OUT.sub("@", written) == (
        "Mail: office@example.org, sales@example.org, post@example.ee"
    )
    assert _AT_WRITTEN_OUT.sub("@", "meet us at home (at noon)") == "meet us at home (at noon)"


def test_a_reordered_name_is_found_on_its_page_only_as_written() -> None:
    """The stale-judgment check accepts `SURNAME, Given` split over spans, and nothing
    looser: a name whose words stand apart on the page is still reported."""
    forms = _name_forms("Pieter Van den Broeck")
    assert "Van den Broeck, Pieter" in forms and "Broeck, Pieter Van den" in forms
    text = _page_text("pages4/nlbe_over-ons.html")
    assert any(f.casefold() in text for f in forms)
    assert not any(f.casefold() in text for f in _name_forms("Katrien Wuyts"))
