"""Whose voice a page carries: quotes of customers are not the company's people.

Testimonials, reviews and pull quotes name the person quoted ("Robert Waltke, Senior Manager
Digital Marketing"): the layout of a team card, the meaning of a customer. A person read from
inside a quote block is kept only when the signature names the company itself (staff quoted
on their own site: "Anna Rass, PR & Communications, Shabka"); customers name it in praise. A "person" whose name is the
site's own name ("Larsen Werke" above its slogan) is the company, not a person. On an article
(a news story, a blog post, a press release), the byline names who wrote it: a newsroom's
writers are not the people who run the company, so an article's authors are not taken as people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from monitor import normalize as nz
from monitor.extract import structured
from monitor.extract.given import starts_with_given
from monitor.extract.roles import STRONG_RX
from monitor.models import Fact

QUOTES = (
    "blockquote,q,[class*=testimonial],[class*=Testimonial],[class*=review],[class*=quote],"
    "[class*=Quote],[itemtype*=Review]"
)
# A title held elsewhere: "CEO at Acme", "presidente da Coopercaju", "Inhaber der Müller GmbH"
_ELSEWHERE = re.compile(
    r",|\s(?i:at|bei|chez|en|presso|hos|bij|på|i)\s|@|\s(?i:of|da|do|de|del|della|di|du|des|der|von|van)\s+[A-Z]"
)
_MAX_QUOTE = 3000  # characters: a wrapper holding half the page is not one quote


def quote_texts(tree: LexborHTMLParser) -> list[str]:
    """The folded text of every quote block (read before ``layout.read`` marks the tree)."""
    found = []
    for node in tree.css(QUOTES):
        text = node.text(deep=True, separator=" ")
        if len(text) <= _MAX_QUOTE:
            found.append(" ".join(nz.fold(text).split()))
    return found


_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report|LiveBlogPosting)$")
_BYLINES = "[rel=author],[class*=byline],[class*=Byline],[class*=author-name],[itemprop=author]"
_MAX_BYLINE = 80  # characters: a byline names a writer or two, not a paragraph


def is_article(tree: LexborHTMLParser, nodes: list[structured.Node]) -> bool:
    """Whether the page is an article (og:type article, a JSON-LD Article or BlogPosting)."""
    og = tree.css_first('meta[property="og:type"]')
    if og is not None and (og.attributes.get("content") or "").strip().lower() == "article":
        return True
    return any(_ARTICLE_TYPES.search(t) for n in nodes for t in _types(n.data))


def _types(data: dict[str, object]) -> list[str]:
    kind = data.get("@type")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def _author_names(value: object, index: dict[str, dict[str, object]]) -> list[str]:
    value = structured.resolve(value, index)
    if isinstance(value, list):
        return [n for v in value for n in _author_names(v, index)]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) and "Organization" not in _types(value) else []
    return [value] if isinstance(value, str) and "://" not in value else []


def authors(tree: LexborHTMLParser) -> set[str]:
    """Folded names of an article's writers (JSON-LD ``author``, ``meta name=author``,
    ``article:author``, byline elements); none when the page is no article, where the author
    meta tag often names the owner who built the site."""
    nodes = structured.jsonld(tree)
    if not is_article(tree, nodes):
        return set()
    index = structured.id_index(nodes)
    names = [n for node in nodes if any(_ARTICLE_TYPES.search(t) for t in _types(node.data))
             for n in _author_names(node.data.get("author"), index)]  # fmt: skip
    for meta in tree.css('meta[name="author"],meta[property="article:author"]'):
        names += _author_names(meta.attributes.get("content") or "", {})
    for node in tree.css(_BYLINES):
        text = node.text(deep=True, separator=" ").strip()
        if len(text) <= _MAX_BYLINE:
            names.append(re.sub(r"^(?i:by|von|par|di|por|door|av)\s+", "", text))
    return {" ".join(nz.fold(n).split()) for n in names if n.strip()}


def writer_links(tree: LexborHTMLParser) -> set[str]:
    """The evidence (``<a href="…">``) of links in an article's author box or byline: the
    writer's own profiles, not the publisher's. None when the page is no article."""
    if not is_article(tree, structured.jsonld(tree)):
        return set()
    anchors = tree.css("[class*=author] a[href],[class*=byline] a[href],a[rel~=author][href]")
    return {f'<a href="{a.attributes.get("href")}">' for a in anchors}


def site_label(url: str) -> str:
    """The host's own label: "markeich" for www.markeich.de, "jodel" for advertising.jodel.com
    (the label before the TLD, unless that is a "co" of "co.uk")."""
    labels = (urlsplit(url).hostname or "").removeprefix("www.").split(".")
    label = labels[-2] if len(labels) >= 2 and len(labels[-2]) > 3 else labels[0]
    return re.sub(r"\W", "", label)


def own_names(url: str, facts: Iterable[Fact], title: str) -> set[str]:
    """Folded names the site goes by: its host's label, its name facts, its title's parts."""
    label = site_label(url)
    names = {label} if label else set()
    # a name that reads as a person's ("© Wes Bos") does not make that person the company
    names |= {nz.fold(f.value) for f in facts
              if f.field in ("name", "legal_name") and not starts_with_given(f.value)}
    for part in title.replace("–", "|").replace(" - ", "|").split("|"):
        if part.strip():
            names.add(nz.fold(part.strip()))
    return {n for n in names if len(n) >= 3}


_OPEN_QUOTE = "\"“„«‹「『'"
_CLOSE_QUOTE = "\"”“»›」』'"


def attributions(lines: Sequence[str]) -> list[str]:
    """Folded text of the two lines after each quotation ("\"Great service!\"" / "Jane Doe,
    Buyer"): a quote set in plain paragraphs, with no quote markup, signs off the same way."""
    found = []
    opened = -1  # the line a quotation opened on (it may run over several lines)
    for i, line in enumerate(lines):
        core = line.strip().rstrip(".,;")
        if not core:
            continue
        if core[0] in _OPEN_QUOTE:
            opened = i
        if opened >= 0 and core[-1] in _CLOSE_QUOTE and i - opened < 12:
            if sum(map(len, lines[opened : i + 1])) > 20:
                found.append(" ".join(nz.fold(" ".join(lines[i + 1 : i + 3])).split()))
            opened = -1
    return found


def _quoted(fact: Fact, quotes: Sequence[str], own: set[str]) -> bool:
    """Whether the lines a person was read from all stand in one quote of someone else.

    A quote signed with a chief's title and nothing after it ("Ryan Merkley, CEO") is the
    company's own chief speaking; a customer signs with a job and often their firm.
    """
    quoted_lines = fact.evidence.split("] ", 1)[-1] if fact.evidence.startswith("[") else fact.evidence
    parts = [" ".join(nz.fold(p).split()) for p in quoted_lines.split(" / ") if p.strip()]
    if not parts:
        return False
    role = fact.role or ""
    bare = not _ELSEWHERE.search(role)  # "CEO", not "CEO, Jansen & Co" nor "CEO at Acme"
    if STRONG_RX.search(role) and bare and parts[-1].endswith(nz.fold(role)):
        return False
    if any(o in p for o in own for p in parts):
        return False  # signed with the company's own name: staff quoted on their own site
    return any(all(p in q for p in parts) for q in quotes)


def keep(
    facts: list[Fact], quotes: Sequence[str], own: set[str], writers: Iterable[str] = ()
) -> list[Fact]:
    """The facts without people who are only quoted, who only wrote the page's article, or
    who are the company itself."""
    wrote = set(writers)

    def read_off_the_page(fact: Fact) -> bool:
        return fact.field == "person" and not fact.evidence.startswith(("JSON-LD", "microdata"))

    def writer(fact: Fact) -> bool:  # a site's owner, or a writer with a job at the site, stays
        owner = fact.evidence.startswith("[owner]") or bool(fact.role)
        return fact.field == "person" and not owner and " ".join(nz.fold(fact.value).split()) in wrote

    return [
        f for f in facts
        if not writer(f)
        and not (read_off_the_page(f) and (nz.fold(f.value) in own or _quoted(f, quotes, own)))
    ]  # fmt: skip
