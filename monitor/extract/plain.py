"""Plain-text and Markdown pages, read by the same fact extractors as HTML.

A ``text/plain`` or ``text/markdown`` body is rendered as CommonMark (markdown-it-py), with
every line break kept as a line break: an imprint written as plain lines ("Tel: …" / "Fax: …")
keeps its lines, and a Markdown page keeps its headings, lists and links (social profiles are
links like any other). Bare URLs become links, as a reader's client would show them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

TYPES = ("text/plain", "text/markdown", "text/x-markdown")
_BARE_URL = re.compile(r"(?<![(<\[\"'=])\bhttps?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"breaks": True, "html": False})


def is_text(content_type: str) -> bool:
    """Whether a Content-Type names plain text or Markdown."""
    return content_type.split(";")[0].strip().lower() in TYPES


def to_html(text: str) -> str:
    """The HTML page a text or Markdown body reads as."""
    linked = _BARE_URL.sub(lambda m: f"<{m.group(0)}>", text)
    return f"<!DOCTYPE html><html><head></head><body><main>{_renderer().render(linked)}</main></body></html>"
