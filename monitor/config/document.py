"""sources.yaml as lines and a parsed tree, and the line edits that add or remove entries.

Edits are made on the text, not by re-dumping the whole document: ruamel's round trip keeps
comments but still re-flows spacing, quoting and long lines, and a user's hand-kept file must
stay byte for byte the same outside the lines we add or remove. ruamel supplies the line
numbers and renders only the new entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from monitor.config.layout import (
    Style,
    dash_column,
    drop_empty_flow,
    empty_list,
    extent,
    render_items,
)
from monitor.config.reader import decode, parse_yaml, read_config_bytes
from monitor.config.values import unknown_slug_message
from monitor.errors import ConfigError
from monitor.models import Company


@dataclass
class Document:
    """A sources.yaml as read for editing: its bytes, lines and parsed tree."""

    path: Path
    raw: bytes | None  # None when the file does not exist yet
    lines: list[str]
    tree: CommentedMap | None

    @property
    def newline(self) -> str:
        """The file's own line ending, reused for the lines we add."""
        return "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"

    def companies(self) -> CommentedSeq | None:
        """The companies list, or None when there is none yet."""
        value = self.tree.get("companies") if self.tree is not None else None
        return value if isinstance(value, CommentedSeq) else None

    def find(self, slug: str) -> tuple[int, CommentedMap] | None:
        """``(index, entry)`` of the company with this slug."""
        for index, entry in enumerate(self.companies() or ()):
            if isinstance(entry, CommentedMap) and entry.get("slug") == slug:
                return index, entry
        return None

    def require(self, slug: str) -> tuple[int, CommentedMap]:
        """Like ``find``, but a ConfigError naming the known slugs when absent."""
        found = self.find(slug)
        if found is None:
            slugs = [str(e.get("slug")) for e in self.companies() or () if isinstance(e, Mapping)]
            raise ConfigError(f"{self.path}: {unknown_slug_message(slug, slugs, self.path)}")
        return found


def remove_company_lines(doc: Document, index: int) -> list[str]:
    companies = doc.companies()
    assert companies is not None  # require() found the company in it
    start, dash = dash_column(doc.lines, companies, index)
    end = extent(doc.lines, start, dash, siblings=False)
    start = _header_start(doc.lines, start, dash)
    # Entries separated by blank lines stay separated by one: drop the blanks that followed,
    # or, for the last entry, the ones before it (so add then remove restores the file).
    floor = doc.tree.lc.key("companies")[0] + 1 if doc.tree is not None else 0
    if index == len(companies) - 1:
        while start > floor and not doc.lines[start - 1].strip():
            start -= 1
    else:
        while (
            end < len(doc.lines) and not doc.lines[end].strip() and _blank_before(doc.lines, start)
        ):
            end += 1
    return doc.lines[:start] + doc.lines[end:]


def remove_source_lines(doc: Document, index: int, company: CommentedMap,
                        position: int) -> list[str]:
    sources = company.get("sources")
    assert isinstance(sources, CommentedSeq)  # the company has this source
    _written_here(doc, index, company)
    start, dash = dash_column(doc.lines, sources, position)
    end = extent(doc.lines, start, dash, siblings=False)
    lines = doc.lines[:start] + doc.lines[end:]
    if len(sources) == 1:  # the list is now empty: say so, `sources:` alone reads as a mistake
        key_at = company.lc.key("sources")[0]
        lines[key_at] = empty_list(lines[key_at], doc.path)
    return lines


def _written_here(doc: Document, index: int, company: CommentedMap) -> int:
    """The line of the company's ``sources:`` key, when its list is written below it; a
    ConfigError when it is merged in (``<<:``) or an alias (``*name``) of a list written
    elsewhere, whose lines are not this company's to change."""
    where = f"{doc.path}:{company.lc.line + 1}: companies[{index}].sources"
    if "sources" not in company.lc.data:
        raise ConfigError(f"{where} come from a merge key (<<:), shared with the entry they are"
                          " merged from; write this company's own sources: list to edit it")
    line, col = company.lc.value("sources")
    if doc.lines[line][col:col + 1] == "*":
        alias = doc.lines[line][col:].split()[0]
        raise ConfigError(f"{where} are the list {alias} written elsewhere and shared;"
                          " edit that list, or write this company's own sources: list")
    return int(company.lc.key("sources")[0])


def _header_start(lines: list[str], start: int, dash: int) -> int:
    """Where an entry's own header comment (at its dash column, right above it) starts."""
    # Only a header set off by a blank line: one right under `companies:` may be about them all.
    head = start
    while head > 0 and lines[head - 1].startswith(" " * dash + "#"):
        head -= 1
    return head if head < start and _blank_before(lines, head) else start


def _blank_before(lines: list[str], start: int) -> bool:
    return start > 0 and not lines[start - 1].strip()


def has_company(companies: tuple[Company, ...], slug: str) -> bool:
    return any(company.slug == slug for company in companies)


def read_document(path: Path, *, missing_ok: bool = False) -> Document:
    raw, text = read_source(path, missing_ok=missing_ok)
    return parse_document(path, raw, text)


def read_source(path: Path, *, missing_ok: bool = False) -> tuple[bytes | None, str]:
    """The file's bytes (None when missing and that is fine) and its text."""
    if missing_ok and not path.exists():
        return None, ""
    raw = read_config_bytes(path)
    return raw, decode(raw, str(path))


def parse_document(path: Path, raw: bytes | None, text: str,
                   lines: list[str] | None = None) -> Document:
    """The document of ``text`` (``lines``: the same text, already split)."""
    tree = parse_yaml(text, str(path)) if text or raw is not None else None
    if tree is not None and not isinstance(tree, CommentedMap):
        raise ConfigError(f"{path}:1: (top level): expected a mapping with 'companies:'")
    return Document(path, raw, lines if lines is not None else text.splitlines(keepends=True),
                    tree)


def append_company(doc: Document, entry: CommentedMap) -> list[str]:
    lines, style = list(doc.lines), Style.of(doc.tree, doc.lines)
    companies = doc.tree.get("companies") if doc.tree is not None else None
    if doc.tree is None or "companies" not in doc.tree:
        block = ["companies:", *render_items([entry], style.offset, style)]
        return _insert(lines, len(lines), block, doc.newline)
    key_at = doc.tree.lc.key("companies")[0]
    if companies is None or (isinstance(companies, CommentedSeq) and not companies):
        lines[key_at] = drop_empty_flow(lines[key_at], doc.path)
        return _insert(lines, key_at + 1, render_items([entry], style.offset, style), doc.newline)
    if not isinstance(companies, CommentedSeq) or companies.fa.flow_style():
        raise ConfigError(
            f"{doc.path}: companies is not a block list ('- slug: ...'); cannot append"
        )
    _, dash = dash_column(lines, companies, 0)
    end = extent(lines, key_at, dash, siblings=True)
    last_start, _ = dash_column(lines, companies, len(companies) - 1)
    block = render_items([entry], dash, style)
    if _blank_before(lines, last_start):  # entries are spaced out: space the new one too
        block = ["", *block]
    return _insert(lines, end, block, doc.newline)


def append_source(
    doc: Document, index: int, company: CommentedMap, source: CommentedMap
) -> list[str]:
    lines, style = list(doc.lines), Style.of(doc.tree, doc.lines)
    companies = doc.companies()
    assert companies is not None
    key_col = company.lc.col
    if "sources" not in company:
        start, dash = dash_column(lines, companies, index)
        end = extent(lines, start, dash, siblings=False)
        block = [" " * key_col + "sources:", *render_items([source], key_col + style.offset, style)]
        return _insert(lines, end, block, doc.newline)
    sources = company["sources"]
    key_at = _written_here(doc, index, company)
    if sources is None or (isinstance(sources, CommentedSeq) and not sources):
        lines[key_at] = drop_empty_flow(lines[key_at], doc.path)
        items = render_items([source], key_col + style.offset, style)
        return _insert(lines, key_at + 1, items, doc.newline)
    if not isinstance(sources, CommentedSeq) or sources.fa.flow_style():
        raise ConfigError(f"{doc.path}:{key_at + 1}: sources is not a block list; cannot append")
    _, dash = dash_column(lines, sources, 0)
    end = extent(lines, key_at, dash, siblings=True)
    return _insert(lines, end, render_items([source], dash, style), doc.newline)


def _insert(lines: list[str], at: int, block: list[str], newline: str) -> list[str]:
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += newline  # the file ended without a line break
    return lines[:at] + [line + newline for line in block] + lines[at:]


