"""How read commands print: a rich table on a terminal, plain lines in a pipe, or JSON.

Piped output is for scripts and ``grep``: one line per row, tab-separated, a header line
first, nothing clipped or wrapped (a rich table in a pipe wraps at 80 columns and cuts URLs).
``--json`` prints one JSON document with every value in full.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from monitor.cli.app import App
from monitor.models import KEYED_FIELDS
from monitor.text_safety import for_terminal


def clip(text: str, width: int) -> str:
    """One line of at most ``width`` characters (for tables on a terminal only)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def flat(value: object) -> str:
    """A cell of a plain line: never a tab, a newline or a terminal control sequence inside."""
    return for_terminal(" ".join(str("" if value is None else value).split()))


def print_json(document: object) -> None:
    """The ``--json`` output: one document, UTF-8 as is, indented."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def print_rows(app: App, header: Sequence[str], rows: Sequence[Sequence[object]],
               widths: Sequence[int | None] = ()) -> None:
    """Rows as a table on a terminal (cells clipped to ``widths``), else as plain lines."""
    if app.plain:
        click.echo("\t".join(header))
        for row in rows:
            click.echo("\t".join(flat(cell) for cell in row))
        return
    from rich.table import Column, Table
    from rich.text import Text

    table = Table(*(Column(h, overflow="fold") for h in header))
    for row in rows:
        cells = [flat(c) if i >= len(widths) or widths[i] is None else clip(flat(c), widths[i] or 0)
                 for i, c in enumerate(row)]
        table.add_row(*(Text(c) for c in cells))  # text, not markup: scraped values hold "[...]"
    app.console.print(table)


def say(app: App, line: str) -> None:
    """A line of prose: plain in a pipe, through rich (no markup) on a terminal."""
    line = for_terminal(line)  # scraped names and URLs never drive the terminal
    if app.plain:
        click.echo(line)
    else:
        app.console.print(line, markup=False, highlight=False)


def subject(field: str, key: str | None) -> str:
    """What a change is about: ``person Jane Doe``, but ``news`` (never an internal item key)."""
    return f"{field} {key}" if key and field in KEYED_FIELDS else field


def describe(field: str, key: str | None, change: str, old: str | None, new: str | None) -> str:
    """A change in one line: ``person Jane Doe: CFO → COO``, ``news added: Title``."""
    what = subject(field, key)
    if change == "modified":
        if not old or not new:
            return f"{what}: + {new}" if new else f"{what}: − {old}"
        return f"{what}: {old} → {new}"
    if change == "added":
        return f"{what} added: {new}" if new else f"{what} added"
    return f"{what} removed: {old}" if old else f"{what} removed"
