"""Turning the flow collections on an edit's path (``{companies: [...]}``) into block style.

The text editor works on block lists: it appends lines below a key and removes an entry's
lines. Flow style (``[...]``, ``{...}``, JSON) is valid YAML and what many tools write, so
before an edit the outermost flow collection on the path to the edited list is rewritten
in block style, in place: everything before and after its span stays byte for byte, and
the data it holds must read back identical (checked here, so a surprise is never written).
Comments inside the converted flow text are the one thing not carried over; a comment
after it on its line moves to the key's line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from monitor.config.layout import Style
from monitor.config.reader import Unsure, parse_fast, parse_yaml, plain
from monitor.errors import ConfigError

Step = str | int  # a mapping key or a list index on the way from the top to the edited list
MAPPING_INDENT = 2


def block_path(text: str, path: Sequence[Step], name: str) -> str:
    """``text`` with every flow collection along ``path`` (top first) in block style."""
    for _ in range(len(path) + 1):  # each round converts one node nearer the top; bounded
        found = _outermost_flow(text, path)
        if found is None:
            return text
        node, parent_key = found
        converted = _convert(text, node, parent_key, name)
        if (_data(converted, name) or None) != (_data(text, name) or None):
            raise ConfigError(f"{name}: could not rewrite a flow list in block style; not changed")
        text = converted
    raise ConfigError(f"{name}: could not rewrite a flow list in block style; not changed")


def _data(text: str, name: str) -> object:
    """The data the text holds, as plain values; the C loader reads it alike, 30 times faster."""
    try:
        return parse_fast(text, name)
    except Unsure:
        return plain(parse_yaml(text, name))


def _outermost_flow(text: str, path: Sequence[Step]) -> tuple[Node, Node | None] | None:
    """The first flow collection met walking ``path`` (with the key node it is the value of)."""
    try:
        node = YAML(typ="rt").compose(text)
    except YAMLError:
        return None  # the caller's own parse reports the syntax error
    parent_key: Node | None = None
    steps = list(path)
    while node is not None:
        if _is_flow(node) and not _is_inline_empty(node, parent_key):
            return node, parent_key
        if not steps:
            return None
        step = steps.pop(0)
        node, parent_key = _child(node, step)
    return None


def _child(node: Node, step: Step) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == step:
                return value, key
    if isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], None
    return None, None


def _is_flow(node: Node) -> bool:
    return isinstance(node, MappingNode | SequenceNode) and bool(node.flow_style)


def _is_inline_empty(node: Node, parent_key: Node | None) -> bool:
    """``key: []`` on one line: the editor replaces that itself."""
    return (not node.value and parent_key is not None
            and node.start_mark.line == node.end_mark.line == parent_key.start_mark.line)


def _convert(text: str, node: Node, parent_key: Node | None, name: str) -> str:
    """Replace the flow text of ``node`` with its block rendering."""
    anchor = _anchor_in(node, set())
    if anchor is not None:  # rendered anew it would lose the anchor, or copy what an alias shares
        raise ConfigError(
            f"{name}:{node.start_mark.line + 1}: a flow list holding the anchor &{anchor}"
            " (or an alias of it) cannot be edited; write it in block style"
        )
    start, end = node.start_mark.index, node.end_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, end)
    prefix, suffix = text[line_start:start], text[end:line_end]
    comment = suffix.strip()
    if comment and not comment.startswith("#"):
        raise ConfigError(f"{name}:{node.start_mark.line + 1}: cannot edit around this flow list")
    newline = "\r\n" if "\r\n" in text else "\n"
    if not node.value:
        return _empty(text, node, parent_key)
    value = _block_value(parse_yaml(text[start:end], name))
    style = Style.of(parse_yaml(text, name), text.splitlines(keepends=True))
    head = prefix.rstrip()
    if parent_key is not None and head.endswith(":"):  # `key: {...}`: the block goes below
        col = parent_key.start_mark.column
        col += style.offset if isinstance(node, SequenceNode) else MAPPING_INDENT
        lines = _render(value, col, style)
        tail = f" {comment}" if comment else ""
        body = newline.join(lines)
        return text[:line_start] + head + tail + newline + body + text[line_end:]
    col = node.start_mark.column
    if head.startswith("---") or (head and not head.endswith("-")):  # `--- {...}`: next line
        col = 0
        lines = _render(value, col, style)
        body = newline.join(lines)
        after = _comment_line(comment, col, newline)
        return text[:line_start] + head + newline + body + after + text[line_end:]
    lines = _render(value, col, style)
    first, rest = lines[0][col:], lines[1:]  # at the start of a line, or after "- "
    body = newline.join([first, *rest])
    after = _comment_line(comment, col, newline)
    return text[:start] + body + after + text[line_end:]


def _anchor_in(node: Node, seen: set[int]) -> str | None:
    """The first anchor in ``node`` or under it (an alias is its anchor's node), else None."""
    if node.anchor:
        return str(node.anchor)
    if id(node) in seen or isinstance(node, ScalarNode):
        return None
    seen.add(id(node))
    children = node.value if isinstance(node, SequenceNode) else \
        [n for pair in node.value for n in pair]
    return next((a for a in (_anchor_in(c, seen) for c in children) if a is not None), None)


def _empty(text: str, node: Node, parent_key: Node | None) -> str:
    """An empty flow list as ``key: []`` on the key's line (what the editor handles); an
    empty top-level ``{}`` as nothing, so that ``companies:`` can be written."""
    start, end = node.start_mark.index, node.end_mark.index
    if parent_key is None:
        return text[:start] + text[end:]
    key_end = parent_key.end_mark.index
    between = text[key_end:start]  # the colon, line breaks, maybe a comment
    comments = "".join(f"  {c.strip()}" for c in re.findall(r"#[^\r\n]*", between))
    return text[:key_end] + ": []" + comments + text[end:]


def _line_end(text: str, pos: int) -> int:
    """Index of the line break ending the line that holds ``pos`` (or the text's end)."""
    found = text.find("\n", pos)
    if found == -1:
        return len(text)
    return found - 1 if found > 0 and text[found - 1] == "\r" else found


def _comment_line(comment: str, col: int, newline: str) -> str:
    return f"{newline}{' ' * col}{comment}" if comment else ""


def _block_value(value: object) -> object:
    """Plain values as ruamel nodes in block style; lists of texts stay short flow lists."""
    data = plain(value)
    return _node(data)


def _node(value: object) -> object:
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _node(item)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(item) for item in value)
        if all(not isinstance(item, dict | list) for item in value):
            seq.fa.set_flow_style()  # aliases: [a, b] stays one line
        else:
            seq.fa.set_block_style()
        return seq
    return value


def _render(value: object, col: int, style: Style) -> list[str]:
    """Block YAML lines for ``value`` with its first key or dash at column ``col``."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=MAPPING_INDENT, sequence=style.sequence, offset=style.offset)
    yaml.width = 4096  # never fold a long URL over two lines
    buffer = io.StringIO()
    yaml.dump(value, buffer)
    rendered = buffer.getvalue().splitlines()
    shift = col - (style.offset if isinstance(value, CommentedSeq) else 0)
    if shift >= 0:
        return [" " * shift + line for line in rendered]
    return [line[-shift:] for line in rendered]
