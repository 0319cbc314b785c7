"""Rows of Datasette's result tables as one piece of HTML, built in Python.

Datasette 0.65 renders each cell of a table page through three template expressions of its
async Jinja environment (a class, a type and the value, each an awaited step): ~12 us a cell,
half the CPU of a 50-row page of an 11-column view, and of a search's 200 rows. The app's
``templates/_table.html`` (Datasette's documented override of a table's rows) and
``templates/query.html`` hand the rows to ``table_rows`` and ``query_rows`` instead, which
write the same cells, escaped as the template escaped them. The people pages' change and
timeline lines (``entry_lines``) are written here for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from datasette.utils import to_css_class
from markupsafe import Markup, escape

from monitor.datasette.shape import Entry


def table_rows(rows: Iterable[Iterable[Mapping[str, Any]]]) -> Markup:
    """``<tr><td class="col-COLUMN type-TYPE">VALUE</td>…</tr>`` for each row of a table page
    (Datasette's ``display_rows``: cells with ``column``, ``value_type`` and ``value``)."""
    out: list[str] = []
    classes: dict[str, str] = {}
    for row in rows:
        out.append("<tr>")
        for cell in row:
            column = cell["column"]
            css = classes.get(column)
            if css is None:
                css = classes[column] = str(escape(to_css_class(column)))
            out.append(f'<td class="col-{css} type-{escape(cell["value_type"])}">'
                       f'{escape(cell["value"])}</td>')
        out.append("</tr>\n")
    return Markup("".join(out))


def query_rows(rows: Iterable[Iterable[Any]], columns: list[str]) -> Markup:
    """``<tr><td class="col-COLUMN">VALUE</td>…</tr>`` for each row of a query page
    (Datasette's ``display_rows``: each row its display values, in the order of ``columns``)."""
    classes = [f'<td class="col-{escape(to_css_class(column))}">' for column in columns]
    out: list[str] = []
    for row in rows:
        out.append("<tr>")
        out.extend(f"{css}{escape(value)}</td>" for css, value in zip(classes, row, strict=False))
        out.append("</tr>\n")
    return Markup("".join(out))


TRUNCATE = 300  # before and after values: Jinja's ``truncate(300)``, as the lines always had
_LEEWAY = 5  # Jinja's default ``truncate.leeway`` policy: a value this much longer stays whole


def entry_lines(entries: Iterable[Entry], path: Callable[[str], str], show_company: bool = False
                ) -> Markup:
    """The ``<li class="entry">`` lines of the recent-changes page and of a company's timeline
    (``shape.Entry``s), written here rather than by a template macro: an awaited macro call and
    its expressions per line were two thirds of the CPU of a page of 500 changes. ``path`` is
    Datasette's ``urls.path`` (the company link). Every value is escaped; links are the
    entries' http(s) ``href``s only."""
    out: list[str] = []
    companies = str(path("/company/"))  # the prefix once: + the slug is path("/company/" + slug)
    for e in entries:
        category = _escape(e.category)
        out.append(f'<li class="entry">\n  <span class="time">{_escape(e.at[11:16])}</span>\n'
                   f'  <span class="badge cat-{category}">{category}</span>\n  ')
        if show_company:
            out.append(f'<a class="company" href="{_escape(companies + e.company)}">'
                       f'{_escape(e.company_name)}</a>')
        title = _escape(e.title)
        what = (f'<a href="{_escape(e.href)}" rel="nofollow noopener">{title}</a>' if e.href
                else title)
        out.append(f'\n  <span class="what">{what}</span>\n  ')
        if e.old is not None or e.new is not None:
            out.append('\n  <div class="values">\n    ')
            if e.old is not None:
                out.append(f'<del title="before">{_escape(_truncate(e.old))}</del>')
            out.append("\n    ")
            if e.new is not None:
                out.append(f'<ins title="after">{_escape(_truncate(e.new))}</ins>')
            out.append("\n  </div>\n  ")
        out.append("\n  \n  ")
        detail = e.detail
        if detail and detail.get("page"):
            out.append(f'\n  <a class="shots" href="{_escape(detail["page"])}"'
                       ' title="Before and after">\n    ')
            if detail.get("before"):
                out.append(f'<img src="{_escape(detail["before"])}" alt="before" loading="lazy">')
            out.append("\n    ")
            if detail.get("after"):
                out.append(f'<img src="{_escape(detail["after"])}" alt="after" loading="lazy">')
            out.append("\n  </a>\n  ")
        out.append("\n</li>")
    return Markup("".join(out))


def _truncate(text: str) -> str:
    """Jinja's ``truncate(300)``: whole up to 305 characters, else cut at a word, ``...`` added."""
    if len(text) <= TRUNCATE + _LEEWAY:
        return text
    return text[: TRUNCATE - 3].rsplit(" ", 1)[0] + "..."


def _escape(text: str) -> str:
    """``markupsafe.escape`` of a plain string (the same five entities), without its Markup
    object per value: the lines escape ~70 values each."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))
