"""Lines printed in a pipe without loading rich, byte for byte what rich's console prints there.

In a pipe (stdout not a terminal, no ``FORCE_COLOR`` or ``TTY_COMPATIBLE`` in the
environment) rich's console writes text without styles: markup tags dropped, ``\\[`` read
as ``[``, nothing wrapped (``soft_wrap``). Importing rich and building its console is a tenth
of a one-source ``monitor check``; ``PlainConsole`` writes such a line itself and hands
anything else (a table, markup it does not read, a possible ``:emoji:`` code, tabs or control
characters) to a real rich console, made on first need.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from monitor.environ import process_environ

if TYPE_CHECKING:
    from rich.console import Console

# rich's markup tag: backslashes, then [name] or [name=value] (rich.markup.RE_TAGS)
_TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
_STYLE = re.compile(r"[a-z_ ]+")  # a plain style name: "bold", "yellow", "bold red"
_EMOJI = re.compile(r":[^\s:/]+:")  # what rich might read as an emoji code (a superset)
_ODD = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # tabs and controls: rich expands or strips


def plain_stdout(environ: Mapping[str, str] | None = None) -> bool:
    """True when rich would print without styles: stdout no terminal, none forced."""
    env = process_environ(environ)
    if env.get("TTY_COMPATIBLE", "") in ("0", "1") or env.get("FORCE_COLOR") is not None:
        return False
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def plain_text(markup: str, *, markup_on: bool = True) -> str | None:
    """What rich prints for ``markup`` in a pipe, or None when only rich can say."""
    if _ODD.search(markup) or _EMOJI.search(markup):
        return None
    if not markup_on or "[" not in markup:
        return markup
    out: list[str] = []
    opened: list[str] = []
    position = 0
    for match in _TAG.finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            out.append(markup[position:start].replace("\\[", "["))
        position = end
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            out.append("\\" * backslashes)
            if escaped:
                out.append(full[len(escapes):].replace("\\[", "["))
                continue
        if tag.startswith("/"):
            name = tag[1:]
            if name == "" and opened:
                opened.pop()
            elif name in opened:
                del opened[len(opened) - 1 - opened[::-1].index(name)]
            else:
                return None  # rich raises or normalises: let it
        elif _STYLE.fullmatch(tag) and tag == tag.strip():
            opened.append(tag)
        else:
            return None  # a link, a colour code, a handler: rich's business
    if position < len(markup):
        out.append(markup[position:].replace("\\[", "["))
    return "".join(out)


class PlainConsole:
    """The subset of rich's ``Console`` that commands use in a pipe, rich kept for the rest."""

    is_terminal = False

    def __init__(self, **options: Any) -> None:
        self._options = options  # what the real console is made with, if one is needed
        self._rich: Console | None = None

    @property
    def rich(self) -> Console:
        """The real console (imported and built on first need)."""
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(**self._options)
        return self._rich

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """``Console.print``: a single string printed directly, anything else through rich."""
        if len(objects) == 1 and type(objects[0]) is str and set(kwargs) <= {"markup", "highlight"}:
            markup = kwargs.get("markup")
            markup_on = bool(self._options.get("markup", True) if markup is None else markup)
            line = plain_text(objects[0], markup_on=markup_on)
            if line is not None:
                out = sys.stdout
                out.write(line + "\n")
                out.flush()
                return
        self.rich.print(*objects, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)
