"""People named by the page's own class names: ``<span class="…__name">`` + ``…__title``.

Themes and site builders (WordPress, Elementor, Webflow, Squarespace) mark a team card's or a
quote's parts with class words: name, title, role, position, job, designation. Where a page
says so, a name and its title pair without guessing from the layout. The name must read as a
person's (a known first name, or a title that reads as a job). A name marked as an author's
("author-name", "post-author") credits a writer beside a headline: a newsroom's writers are not
the company's people, and the "title" beside them is a story's.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor import normalize as nz
from monitor.extract.given import starts_with_given
from monitor.extract.roles import is_role_line, role
from monitor.models import Fact

_WORDS = re.compile(r"[-_\s]+")
_NAME_WORDS = frozenset({"name", "fullname", "membername", "personname"})
_WRITER_WORDS = frozenset({"author", "byline", "writer", "posted", "meta"})
_TITLE_WORDS = frozenset({"title", "role", "position", "job", "jobtitle", "designation", "function",
                          "subtitle", "occupation", "tagline"})  # fmt: skip
_MAX_NODES = 400  # class-marked names on one page: a directory beyond that, not a team


def _words(node: LexborNode) -> set[str]:
    return set(_WORDS.split((node.attributes.get("class") or "").lower()))


def _title_near(node: LexborNode) -> LexborNode | None:
    """The title-marked element in the name's card: its parent's or grandparent's subtree."""
    scope = node.parent
    for _ in range(2):
        if scope is None:
            return None
        for candidate in scope.css("[class]"):
            if candidate.mem_id != node.mem_id and _words(candidate) & _TITLE_WORDS and not _words(candidate) & _NAME_WORDS:
                return candidate
        scope = scope.parent
    return None


def find(tree: LexborHTMLParser) -> list[Fact]:
    """Person facts from class-marked name/title pairs (read before ``layout.read``)."""
    out: list[Fact] = []
    for node in tree.css('[class*="name"]')[:_MAX_NODES]:
        if not _words(node) & _NAME_WORDS or _words(node) & _WRITER_WORDS:
            continue
        name = nz.person_name(node.text(deep=True, separator=" "))
        title_node = _title_near(node) if name else None
        if name is None or title_node is None:
            continue
        title = nz.text(title_node.text(deep=True, separator=" "))
        if not title or len(title) > 80 or nz.person_name(title):
            continue
        if starts_with_given(name) or is_role_line(title.split(",")[0]):
            out.append(Fact("person", name, role(title), nz.clip(f"[class name/title] {name} / {title}", 200)))
    return out
