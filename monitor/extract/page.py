"""The website kind's extraction: one HTML page → an Observation of profile facts.

Order of reading, most trusted first: schema.org Organization (JSON-LD, then microdata), meta
tags, then the page's own text and links (contacts, addresses, legal ids, people, social
profiles), and finally its main text as one ``text`` fact, one line per block element.
Single-valued fields keep the first value found; people merge their roles; the rest are sets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract import (
    address,
    captions,
    company_name,
    contacts,
    cues,
    html,
    in_prose,
    layout,
    legal,
    lists,
    maplinks,
    meta,
    named,
    offers,
    organization,
    parties,
    people,
    people_props,
    places,
    plain,
    social,
    structured,
    tables,
    voices,
    whose,
)
from monitor.extract.blocked import blocked
from monitor.extract.facts import assemble, guess_country
from monitor.extract.layout import PageText
from monitor.extract.scan import Scan
from monitor.models import Fact, Observation, Outcome

TEXT_LIMIT = 20_000
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_NOT_HTML_TYPES = ("application/json", "application/feed+json", "application/rss+xml", "application/atom+xml", "application/pdf", "image/", "audio/", "video/", "application/zip", "application/octet-stream")  # fmt: skip


@dataclass(frozen=True)
class PageOptions:
    """The website kind's options that shape extraction (see ``WebsiteOptions``)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    country: str | None = None


def not_html(body: bytes, content_type: str) -> str | None:
    """Why a body is not an HTML page ("expected HTML, got a feed"), or None."""
    head = body[:2048].lstrip()
    if not head:
        return "empty body"
    if head[:1] in (b"{", b"["):
        return "expected HTML, got JSON"
    if head.startswith(b"%PDF") or b"\x00" in head[:512]:
        return "expected HTML, got binary data"
    if _FEED_ROOT.search(head) and not re.search(rb"<html", head, re.I):
        return "expected HTML, got a feed"
    if content_type.startswith(_NOT_HTML_TYPES):
        return f"expected HTML, got {content_type}"
    return None


def _not_text(body: bytes) -> str | None:
    """Why a text/plain or Markdown body is not a page: empty, or binary data."""
    head = body[:2048].lstrip()
    if not head:
        return "empty body"
    if head.startswith(b"%PDF") or b"\x00" in head[:512]:
        return "expected text, got binary data"
    return None


def truncated(text: str, tree: LexborHTMLParser) -> bool:
    """A body cut short: no </html> or </body>, and it stops mid-text or holds almost nothing.

    End tags are optional in HTML, so their absence alone proves nothing; a size-capped or
    dropped download, though, rarely stops exactly after a ">".
    """
    if re.search(r"</(?:html|body)\s*>", text[-65536:], re.I):
        return False
    return not text.rstrip().endswith(">") or html.element_count(tree) < 8


def compile_patterns(patterns: Sequence[str]) -> list[re.Pattern[str]]:
    """The ``ignore`` option's regexes; a bad one is skipped (config validation reports it)."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error:
            continue  # config validation reports bad patterns; extraction stays total
    return compiled


def _structured(tree: LexborHTMLParser, url: str, country: str | None) -> list[Fact]:
    facts: list[Fact] = []
    nodes = structured.jsonld(tree)
    facts += people_props.find(tree)  # before the scripts that hold it are dropped
    org = organization.pick(nodes, url)
    if org is not None:
        facts += organization.facts(org, url, country, "JSON-LD")
    micro_nodes = structured.microdata(tree)
    micro = organization.pick(micro_nodes, url)
    if micro is not None:
        facts += organization.facts(micro, url, country, "microdata")
    facts += organization.people_nodes(nodes, "JSON-LD") + organization.people_nodes(micro_nodes, "microdata")
    facts += organization.standalone_addresses(nodes, "JSON-LD") + organization.standalone_addresses(micro_nodes, "microdata")
    facts += [Fact("address", nz.clip(v, 300), None, nz.clip(f"microformats adr: {v}", 200))
              for v in structured.microformat_addresses(tree)]
    return facts + meta.facts(tree, home=urlsplit(url).path in ("", "/"))


def _from_links(roots: list[LexborNode], url: str, country: str | None) -> list[Fact]:
    """mailto:/tel: links and social profiles (read before ``layout.read`` marks the text)."""
    facts = contacts.from_links(roots, country)
    for network, link, evidence in social.profile_links(roots, url, social.NETWORKS):
        facts.append(Fact(f"link.{network}", link, None, nz.clip(evidence, 200)))
    return facts


def _from_lines(scan: Scan, page: PageText, country: str | None, url: str, title: str,
                addresses: list[Fact]) -> list[Fact]:
    site = voices.site_label(url) + "|" + re.sub(r"[^\w|]", "", nz.fold(title.replace(" ", "")))
    facts = contacts.from_text(scan, country) + contacts.table_numbers(page, country) + addresses
    facts += legal.vat_ids(scan) + legal.registers(scan) + people.find(scan, page, site)
    legal_names = company_name.find(scan, voices.site_label(url), title)
    facts += legal_names
    # a firm named after its founder ("Hugo Boss Official Store", © HUGO BOSS AG) is no person
    owner = None if legal_names else people.title_owner(title, voices.site_label(url))
    facts += [owner] if owner else []
    for i in scan.find_lines(("@",), lower=False):  # Mastodon handles are often only written
        line = page.lines[i]
        for m in social.MASTODON_TEXT.finditer(line):
            hit = social.classify(m.group(0))
            if hit:
                facts.append(Fact("link.mastodon", hit[1], None, nz.clip(line, 200)))
    return facts


# Facts whose evidence is the page's own lines: the text fact leaves those lines out, so a
# change is reported once, in its own category ("CFO → COO", not also a paragraph change).
_FACT_LINES = frozenset({"person", "phone", "fax", "email", "address"})
_UNVALIDATED_NOTE = "unvalidated number, kept as written: "
_DAY = r"(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)"
# A line that starts or ends with a date is an entry of a list (news, events, press), an item
# in its own right, not prose; such strips move on every visit.
_DATED = re.compile(rf"^\W*{_DAY}\b|\b{_DAY}\W*$")


def fact_lines(facts: Sequence[Fact]) -> frozenset[str]:
    """The lines that facts were read from (evidence is a line, or lines joined by " / ")."""
    spoken: set[str] = set()
    for fact in facts:
        if fact.field in _FACT_LINES and fact.evidence:
            evidence = people.lines_of(fact.evidence.removeprefix(_UNVALIDATED_NOTE))
            spoken.update(evidence.split(" / "))
            spoken.add(evidence)
    return frozenset(spoken)


def prose(lines: Sequence[str], facts: Sequence[Fact]) -> list[str]:
    """The lines that are nothing but prose: not a fact's line, not a dated list entry."""
    spoken = fact_lines(facts)
    return [
        line for line in lines
        if (line if len(line) <= 200 else nz.clip(line, 200)) not in spoken and not _dated(line)
    ]  # fmt: skip


def _dated(line: str) -> bool:
    """Whether a line starts or ends with a date (its ends are tested for digits first)."""
    ends = line[:14] + " " + line[-14:]
    return any(c.isdigit() for c in ends) and bool(_DATED.search(line))


def _text_fact(lines: Sequence[str]) -> list[Fact]:
    # Mask before cutting, so a stamp changing length can never move the cut; the generous
    # pre-cut only bounds the cost of masking a huge page.
    head: list[str] = []
    raw_size = 0
    for line in lines:
        if raw_size > 2 * TEXT_LIMIT:
            break
        head.append(line)
        raw_size += len(line) + 1
    masked = nz.mask_volatile("\n".join(head)).split("\n")
    kept: list[str] = []
    size = 0
    for line in masked:
        if size + len(line) + 1 > TEXT_LIMIT:
            break
        kept.append(line)
        size += len(line) + 1
    if not kept:
        return []
    return [Fact("text", "\n".join(kept), None, nz.clip(kept[0], 200))]


def extract_page(
    body: bytes, url: str, content_type: str = "", options: PageOptions | None = None
) -> Observation:
    """Facts of one HTML page, or why there are none (BLOCKED / EXTRACTION_FAILED)."""
    opts = options or PageOptions()
    textual = plain.is_text(content_type)
    problem = not_html(body, content_type.lower()) if not textual else _not_text(body)
    if problem:
        return Observation(Outcome.EXTRACTION_FAILED, detail=problem)
    text = html.decode(body, content_type)
    if textual:
        text = plain.to_html(text)
    tree = html.parse(text)
    if truncated(text, tree):
        return Observation(
            Outcome.EXTRACTION_FAILED, detail="truncated HTML (no </html>, unfinished)"
        )
    html.drop(tree, opts.exclude)
    country = opts.country or guess_country(url, tree)
    facts = _structured(tree, url, country)
    nodes = structured.jsonld(tree)
    postings = lists.postings(nodes, url)
    site = whose.site_names(url, tree)
    article = voices.is_article(tree, nodes)
    title = html.title(tree)
    html.drop_noise(tree)
    reason = blocked(text, title, html.visible_text(tree))
    if reason:
        return Observation(Outcome.BLOCKED, detail=reason)
    roots = layout.body_nodes(tree, opts.include)
    head = [tree.head] if tree.head is not None and not opts.include else []
    theirs = voices.writer_links(tree)  # an article's writer's profiles are not the site's links
    facts += [f for f in _from_links(roots + head, url, country) if f.evidence not in theirs]
    listed = postings + lists.take(tree, url)  # item blocks are not also page content
    items = offers.merge(offers.declared(nodes, url), listed)
    quotes = voices.quote_texts(tree)
    writers = voices.authors(tree)
    facts += named.find(tree) + tables.find(tree) + captions.find(tree)
    cards = cues.find(tree, url)  # read before the text is marked, added after the lines' readings
    page = layout.read(tree, opts.include, compile_patterns(opts.ignore))
    scan = Scan(page.lines)
    addresses = address.find(scan, country)
    if not addresses and not any(f.field == "address" for f in facts):  # a map link's query, if nothing else
        addresses = maplinks.find(tree)
    if country is None:  # a .com page without a language region: its address may say where
        country = places.country_of([f.value for f in addresses])
    facts += _from_lines(scan, page, country, url, title, addresses) + ([] if article else in_prose.find(page.lines)) + cards
    quotes += voices.attributions(page.lines)
    facts = voices.keep(facts, quotes, voices.own_names(url, facts, title), writers)
    own_names = whose.with_names(site, facts)  # a page served from an address names itself too
    owner = whose.Owner(own_names, whose.issuer(whose.publishers(nodes), scan, own_names, article and whose.is_wire(url)))
    facts, issued = whose.split(facts, owner, page.lines)
    if article:  # a story's "the coach Jürgen Klopp" is the story's subject, not the site's staff
        facts = [f for f in facts if not f.evidence.startswith(people.TITLE_BEFORE_NAMES)]
        facts = people.in_own_story(facts, page.lines, voices.site_label(url))
    facts, third = parties.split(facts, scan, site)
    facts, theirs_too = contacts.beside(facts, third)
    third += theirs_too
    facts = people.without_overreach(facts)
    facts += _text_fact(prose(page.main, facts))
    result = tuple(people.placed(assemble(facts), page))
    if not result and not items:
        return Observation(Outcome.EXTRACTION_FAILED, detail="no content found in the page")
    return Observation(Outcome.OK, facts=result, items=items, detail=whose.explain(issued + third))
