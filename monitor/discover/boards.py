"""Job boards and careers pages a company's pages point to: pure, no network.

A board is any link, frame or script source on a known job board's host (Greenhouse, Lever,
Ashby, Workable, SmartRecruiters, Recruitee, Personio); a careers page is a same-site link whose
path or text names jobs or careers in one of several languages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from monitor import normalize as nz
from monitor.extract import html
from monitor.extract.listkind import PATH_WORDS, words
from monitor.models import Category
from monitor.sources.careers import is_board

MAX_CAREERS = 2


def _board_root(url: str) -> str:
    """A board URL cut to the board itself (a job's own page names the same board)."""
    parts = urlsplit(url)
    path = [p for p in parts.path.split("/") if p]
    host = parts.hostname or ""
    if host.endswith(("recruitee.com", "personio.de", "personio.com")):
        return f"https://{host}/"
    if "for=" in parts.query:  # greenhouse embed: ?for=<token>
        token = parts.query.split("for=", 1)[1].split("&", 1)[0]
        return f"https://boards.greenhouse.io/{token}"
    return f"https://{host}/{path[0]}" if path else f"https://{host}/"


def find(body: bytes, content_type: str | None, base: str) -> tuple[list[str], list[str]]:
    """(job boards, same-site careers pages) a page links to or embeds."""
    tree = html.parse(html.decode(body, content_type))
    host = (urlsplit(base).hostname or "").lower()
    boards: list[str] = []
    careers: list[str] = []
    for node in tree.css("a[href], iframe[src], script[src]"):
        raw = node.attributes.get("href") or node.attributes.get("src") or ""
        url = nz.url(raw, base)
        if not url.startswith("http"):
            continue
        if is_board(url):
            root = _board_root(url)
            if root not in boards:
                boards.append(root)
        elif (urlsplit(url).hostname or "").lower() == host and node.tag == "a":
            path_words = words(urlsplit(url).path)
            text_words = words(node.text(separator=" "))
            if (path_words | text_words) & PATH_WORDS[Category.HIRING] and url not in careers:
                careers.append(url)
    return boards, careers[:MAX_CAREERS]
