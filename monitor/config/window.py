"""Editing one company of a big sources.yaml without reading the whole file round-trip.

The editor places lines by ruamel's round-trip tree, and ruamel is pure Python: adding a
source to one company of a 10,000-company file took 38 s of CPU, nearly all of it parsing the
whole file, several times. Here the C loader's composer finds the entries an edit looks at;
they are cut out, whole, into a small document of their own (``companies:`` and those
entries), the editor reads and edits that as usual, and the edited entries go back in their
place. Every other byte of the file stays as it was.

The small document holds the edited entry with its neighbours (an edit looks at them: the
blank lines between entries, whether it is the last one), for a new company the last entry
and the one before it, and the first entry whose sources are a block list (a new entry copies
its indentation; when none is, the first entry). Whatever cannot be cut so (a flow-style
or empty companies list, an indented top level, aliases across entries, a slug not found)
is edited on the whole file, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml as pyyaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from monitor.config.reader import _FastLoader

__all__ = ["Window", "cut"]


@dataclass(frozen=True)
class Window:
    """Whole entries of a file's companies list, as a document of their own.

    ``lines`` is that document: a ``companies:`` line, the entries placed before the region,
    the region (file lines ``start`` to ``end``, whole), the entries placed after it.
    """

    lines: list[str]
    head: int  # lines before the region: the key line and the entries placed before it
    tail: int  # lines after the region
    start: int
    end: int

    def carry(self, file_lines: list[str], edited: list[str]) -> list[str] | None:
        """The file's lines with the region as ``edited`` has it; None when the edit touched
        anything outside the region (then nothing is carried)."""
        cut_at = len(edited) - self.tail
        if (cut_at < self.head or edited[: self.head] != self.lines[: self.head]
                or edited[cut_at:] != self.lines[len(self.lines) - self.tail:]):
            return None
        return file_lines[: self.start] + edited[self.head: cut_at] + file_lines[self.end:]

    def moved(self, edited: list[str]) -> Window:
        """This window after an edit carried back (the region now holds the edited lines)."""
        size = len(edited) - self.head - self.tail
        return Window(edited, self.head, self.tail, self.start, self.start + size)


def cut(lines: list[str], slug: str | None) -> Window | None:
    """The window for an edit of the company ``slug`` (None: a company appended), or None."""
    try:
        top = pyyaml.compose("".join(lines), Loader=_FastLoader)
    except Exception:  # the caller's own parse reports what is wrong
        return None
    found = _companies(top)
    if found is None:
        return None
    key_line, seq = found
    items: list[Node] = list(seq.value)
    spans = _spans(lines, items, key_line, seq)
    if spans is None:
        return None
    if slug is None:
        target = len(items) - 1
        first, last = max(target - 1, 0), target
    else:
        matches = [i for i, item in enumerate(items) if _slug(item) == slug]
        if len(matches) != 1:
            return None
        target = matches[0]
        first, last = max(target - 1, 0), min(target + 1, len(items) - 1)
    style = next((i for i, item in enumerate(items) if _block_sources(item)), 0)
    before = [style] if style < first else []
    after = [style] if style > last else []
    start = key_line + 1 if first == 0 else spans[first][0]
    end = spans[last][1]
    newline = "\r\n" if lines[key_line].endswith("\r\n") else "\n"
    head = [f"companies:{newline}", *_take(lines, spans, before)]
    tail = _take(lines, spans, after)  # only after an entry that is not the file's last
    region = lines[start:end]
    return Window([*head, *region, *tail], len(head), len(tail), start, end)


def _companies(top: Node | None) -> tuple[int, SequenceNode] | None:
    """The line of ``companies:`` and its list, when both are in block style at the margin."""
    if not isinstance(top, MappingNode) or top.flow_style:
        return None
    for key, value in top.value:
        if isinstance(key, ScalarNode) and key.value == "companies":
            if (key.start_mark.column != 0 or not isinstance(value, SequenceNode)
                    or value.flow_style or not value.value):
                return None
            if value.start_mark.line == key.start_mark.line:
                return None  # `companies: - a` is not YAML anyway; be sure
            return key.start_mark.line, value
    return None


def _spans(lines: list[str], items: list[Node], key_line: int,
           seq: SequenceNode) -> list[tuple[int, int]] | None:
    """Each entry's lines: from its dash to the next entry's dash (or the list's end)."""
    dashes = []
    for item in items:
        dash = _dash_line(lines, item)
        if dash is None or dash <= key_line:
            return None
        dashes.append(dash)
    end_mark = seq.end_mark
    list_end = end_mark.line + (1 if end_mark.column > 0 else 0)
    list_end = min(list_end, len(lines))
    ends = [*dashes[1:], list_end]
    if any(b <= a for a, b in zip(dashes, ends, strict=True)):
        return None
    return list(zip(dashes, ends, strict=True))


def _dash_line(lines: list[str], item: Node) -> int | None:
    """The line of the dash that starts ``item`` (on its line, or alone on one above)."""
    line, col = int(item.start_mark.line), int(item.start_mark.column)
    if line >= len(lines):
        return None
    if lines[line][:col].rstrip().endswith("-"):
        return line
    for back in range(line - 1, -1, -1):
        text = lines[back].strip()
        if text == "-":
            return back
        if text and not text.startswith("#"):
            return None
    return None


def _slug(item: Node) -> str | None:
    if isinstance(item, MappingNode):
        for key, value in item.value:
            if isinstance(key, ScalarNode) and key.value == "slug" and isinstance(value, ScalarNode):
                return str(value.value)
    return None


def _block_sources(item: Node) -> bool:
    """True when the entry's sources are a non-empty block list (what the editor measures)."""
    if not isinstance(item, MappingNode):
        return False
    for key, value in item.value:
        if isinstance(key, ScalarNode) and key.value == "sources":
            return isinstance(value, SequenceNode) and bool(value.value) and not value.flow_style
    return False


def _take(lines: list[str], spans: list[tuple[int, int]], indexes: list[int]) -> list[str]:
    out: list[str] = []
    for i in indexes:
        start, end = spans[i]
        out.extend(lines[start:end])
    if out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    return out
