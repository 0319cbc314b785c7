"""Whether a fetched page needs a browser to be read, and marking what a browser read.

Pure: a fetched answer in, a decision out. The caller keeps bodies the parser pool would
refuse (too large, nested too deep) away from ``needs_browser``, as from every parser.
"""

from __future__ import annotations

from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from monitor.extract.blocked import blocked
from monitor.extract.html import decode
from monitor.models import Fetched, Observation

SHELL_TEXT = 200  # characters of text of its own below which a page with scripts is a shell


def needs_browser(fetched: Fetched) -> bool:
    """True when a plain HTML answer is a JavaScript shell or a ``<noscript>`` wall.

    A shell carries scripts and almost no text of its own (the text arrives by script); a
    wall says so in words (``blocked`` reads them in several languages). Pages that are
    rendered on the server have their text already and are left alone.
    """
    kind = fetched.content_type
    if (kind and "html" not in kind) or b"<script" not in fetched.body[:2_000_000].lower():
        return False
    markup = decode(fetched.body, fetched.headers.get("content-type"))
    tree = LexborHTMLParser(markup)
    title = tree.css_first("title")
    for node in tree.css("script,style,noscript,template"):
        node.decompose()
    text = " ".join((tree.body.text(separator=" ") if tree.body else "").split())
    wall = blocked(markup, title.text() if title else "", text) == "javascript_required"
    return wall or len(text) < SHELL_TEXT


def mark_rendered(obs: Observation) -> Observation:
    """The observation with every fact's evidence saying the browser rendered the page."""
    facts = tuple(replace(f, evidence=f"rendered: {f.evidence}" if f.evidence else "rendered")
                  for f in obs.facts)
    return replace(obs, facts=facts)
