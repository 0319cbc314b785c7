"""Where entries sit in the text of sources.yaml, and how a new entry is rendered to match it."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RepresenterError

from monitor.errors import ConfigError

KEY_ORDER = ("slug", "name", "aliases", "tags", "sources", "kind", "url", "every", "confirm")
# `key:` with nothing, `[]`, `~` or `null` after it, and maybe a comment: a list can start below.
_EMPTY_VALUE = re.compile(
    r"(?P<head>[^#]*?:)(?:[ \t]*(?:\[[ \t]*\]|~|null|Null|NULL))?(?P<tail>[ \t]*(?:#.*)?)(?P<nl>\r?\n?)",
    re.S,
)


@dataclass(frozen=True)
class Style:
    """Block-list indentation relative to the parent key: keys at ``sequence``, dash at ``offset``."""

    sequence: int = 4
    offset: int = 2

    @classmethod
    def of(cls, tree: object, lines: list[str]) -> Style:
        """The style of the file's first block list of sources, else of its companies list."""
        companies = tree.get("companies") if isinstance(tree, CommentedMap) else None
        if not _is_block(companies):
            return cls()
        assert isinstance(companies, CommentedSeq)
        for entry in companies:
            sources = entry.get("sources") if isinstance(entry, CommentedMap) else None
            own = isinstance(entry, CommentedMap) and "sources" in entry.lc.data  # not by `<<:`
            if isinstance(sources, CommentedSeq) and _is_block(sources) and own:
                return cls._measure(lines, sources, entry.lc.key("sources")[1])
        return cls._measure(lines, companies, 0)

    @classmethod
    def _measure(cls, lines: list[str], seq: CommentedSeq, parent_col: int) -> Style:
        _, dash = dash_column(lines, seq, 0)
        offset = max(dash - parent_col, 0)
        sequence = max(seq.lc.item(0)[1] - parent_col, offset + 2)  # ruamel needs room for "- "
        return cls(sequence=sequence, offset=offset)


def _is_block(value: object) -> bool:
    return isinstance(value, CommentedSeq) and len(value) > 0 and not value.fa.flow_style()


def dash_column(lines: list[str], seq: CommentedSeq, index: int) -> tuple[int, int]:
    """``(line index, column)`` of the dash that starts item ``index`` of a block list."""
    line, col = seq.lc.item(index)
    before = lines[line][:col].rstrip()
    if before.endswith("-"):
        return line, len(before) - 1
    for back in range(line - 1, -1, -1):  # "-" alone on a line, the item below it
        text = lines[back].rstrip("\r\n")
        if text.strip() == "-":
            return back, text.index("-")
        if text.strip() and not text.lstrip().startswith("#"):
            break
    raise ConfigError(f"line {line + 1}: cannot find the '-' of this list item to edit around")


def extent(lines: list[str], start: int, col: int, *, siblings: bool) -> int:
    """Index after the last line of the block that starts at line ``start``.

    Lines indented deeper than ``col`` belong to the block; with ``siblings`` (a whole list
    whose dashes sit at ``col``) so do further dashes at ``col``. Comments count when indented
    like the content, so commented-out sources stay with their company; blank lines and
    comments at the left margin before the next key are left to whatever follows.
    """
    last = start
    for index in range(start + 1, len(lines)):
        text = lines[index].rstrip("\r\n")
        body = text.lstrip(" ")
        if not body.strip():
            continue
        indent = len(text) - len(body)
        if body.startswith("#"):
            if indent > col or (siblings and indent == col and col > 0):
                last = index
            continue
        if indent > col or (siblings and indent == col and (body == "-" or body.startswith("- "))):
            last = index
            continue
        break
    return last + 1


def drop_empty_flow(line: str, path: object) -> str:
    """``companies: []  # x`` → ``companies:  # x``, so that block items can follow the key."""
    match = _EMPTY_VALUE.fullmatch(line)
    if match is None:
        raise ConfigError(
            f"{path}: cannot edit around {line.strip()!r}; write the list in block style"
        )
    return match["head"] + match["tail"] + match["nl"]


def empty_list(line: str, path: object) -> str:
    """``sources:`` → ``sources: []``: a list whose last item was removed says it is empty."""
    match = _EMPTY_VALUE.fullmatch(line)
    if match is None:
        raise ConfigError(f"{path}: cannot edit around {line.strip()!r}")
    return match["head"] + " []" + match["tail"] + match["nl"]


def render_items(items: Sequence[CommentedMap], dash: int, style: Style) -> list[str]:
    """The block-list lines for ``items`` with their dashes at column ``dash`` (no line ends)."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=style.sequence, offset=style.offset)
    yaml.width = 4096  # never fold a long URL over two lines
    buffer = io.StringIO()
    try:
        yaml.dump(CommentedSeq(items), buffer)
    except RepresenterError as exc:
        raise ConfigError(f"cannot write this value to YAML: {exc}") from None
    shift = dash - style.offset  # a top-level list puts its dashes at `offset`
    rendered = buffer.getvalue().splitlines()
    return [(" " * shift + line) if shift >= 0 else line[-shift:] for line in rendered]


def to_map(value: Mapping[str, object]) -> CommentedMap:
    """A company or source mapping as a ruamel node, ready for ``render_items``."""
    node = to_node(value)
    assert isinstance(node, CommentedMap)
    return node


def to_node(value: object, order: tuple[str, ...] = KEY_ORDER) -> object:
    """Plain values as ruamel nodes: known keys first, short lists of texts in flow style."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        rank = {key: position for position, key in enumerate(order)}
        for key in sorted(value, key=lambda k: rank.get(str(k), len(rank))):
            node[str(key)] = to_node(value[key], order)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq(to_node(item, order) for item in value)
        if all(not isinstance(item, Mapping | list | tuple) for item in value):
            seq.fa.set_flow_style()  # aliases: [a, b] reads better than one per line
        return seq
    return value
