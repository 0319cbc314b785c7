"""Screenshots in Datasette: the images, a before/after page per change, thumbnails on entries.

Images come from the ``screenshots`` table (migration m005) and are served as PNG with
``nosniff``, only under their 64-hex hash. A published snapshot without that table simply
shows no pictures. The changed value is marked on each picture with the text boxes recorded
when the page was rendered: the boxes whose text is the old value (before) or the new (after).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from datasette.app import Datasette
from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup

from monitor.datasette.shape import Entry

HASH = r"(?P<hash>[0-9a-f]{64})"
_HEX64 = re.compile(r"[0-9a-f]{64}")
SHOT_TABLES = frozenset({"change_shots", "change_screenshots"})
MIN_MARK = 3  # characters: shorter box texts ("a", "|") would mark half the page


@dataclass(frozen=True)
class Mark:
    """A highlight on a picture, in percent of its width and height."""

    left: float
    top: float
    width: float
    height: float


def cell(value: object, column: str, table: str | None, datasette: Datasette) -> Markup | None:
    """A thumbnail for the ``before``/``after`` hash cells of the screenshot tables."""
    if table not in SHOT_TABLES or column not in ("before", "after"):
        return None
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        return None
    src = datasette.urls.path(f"/-/screenshot/{value}.png")
    return Markup('<a href="{0}"><img src="{0}" alt="{1}" width="240" loading="lazy"></a>').format(
        src, column)


async def _has_table(datasette: Datasette) -> bool:
    await datasette.refresh_schemas()  # as Datasette's own pages do: schema answers are kept
    return bool(await datasette.get_database().table_exists("screenshots"))


async def image(datasette: Datasette, request: Request) -> Response:
    """One screenshot, by hash."""
    digest = request.url_vars["hash"]
    if not await _has_table(datasette):
        raise NotFound("no screenshots in this database")
    result = await datasette.get_database().execute(
        "select image, media_type from screenshots where hash = :h", {"h": digest})
    row = result.first()
    if row is None:
        raise NotFound("no such screenshot")
    return Response(bytes(row["image"]), content_type=str(row["media_type"]), headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=31536000, immutable"})


async def change_page(datasette: Datasette, request: Request) -> Response:
    """One change's before and after pictures, the changed value marked."""
    change_id = int(request.url_vars["id"])
    rows = await _rows(datasette, "select * from recent_changes where id = :id", {"id": change_id})
    if not rows:
        raise NotFound("no such change")
    shots = await _shots(datasette, [change_id])
    change = rows[0]
    pictures = []
    for side, value in (("before", change.get("old")), ("after", change.get("new"))):
        digest = shots.get(change_id, {}).get(side)
        if not digest:
            continue
        info = await _rows(datasette, "select width, height, boxes from screenshots where hash = :h",
                           {"h": digest})
        marks = marks_for(info[0], value) if info else []
        pictures.append({"side": side, "src": datasette.urls.path(f"/-/screenshot/{digest}.png"),
                         "marks": marks, "value": value})
    db = datasette.get_database()
    html = await datasette.render_template("monitor_screens.html", {
        "db_name": db.name, "db_path": datasette.urls.database(db.name), "change": change,
        "pictures": pictures}, request=request)
    return Response.html(html)


async def _rows(datasette: Datasette, sql: str, params: Mapping[str, object]) -> list[dict[str, Any]]:
    result = await datasette.get_database().execute(sql, dict(params))
    return [dict(row) for row in result.rows]


def marks_for(shot: Mapping[str, Any], value: object) -> list[Mark]:
    """Where ``value`` (one line or several) sits on a picture, from its text boxes."""
    if not isinstance(value, str) or not value.strip():
        return []
    width, height = int(shot["width"] or 0), int(shot["height"] or 0)
    try:
        boxes = json.loads(shot["boxes"] or "[]")
    except ValueError:
        return []
    lines = {" ".join(line.split()) for line in value.splitlines() if line.strip()}
    marks = []
    for box in boxes if width and height else []:
        x, y, w, h, text = box
        text = " ".join(str(text).split())
        if len(text) < MIN_MARK or not any(text == line or text in line or line in text
                                           for line in lines if len(line) >= MIN_MARK):
            continue
        marks.append(Mark(100 * x / width, 100 * y / height, 100 * w / width, 100 * h / height))
    return marks[:20]


async def _shots(datasette: Datasette, ids: Sequence[int]) -> dict[int, dict[str, str | None]]:
    """change id → {"before": hash, "after": hash} for the ids that have pictures."""
    if not ids or not await _has_table(datasette):
        return {}
    marks = ",".join(str(int(i)) for i in ids[:1000])
    result = await datasette.get_database().execute(
        f"select change_id, before, after from change_shots where change_id in ({marks})")
    return {int(r["change_id"]): {"before": r["before"], "after": r["after"]} for r in result.rows}


async def attach(datasette: Datasette, entries: list[Entry],
                 rows: Sequence[Mapping[str, Any]]) -> list[Entry]:
    """Entries of changes that have pictures get their thumbnails and before/after page."""
    ids = [_change_id(row) for row in rows]
    shots = await _shots(datasette, [i for i in ids if i is not None])
    if not shots:
        return entries
    out = []
    for entry, change_id in zip(entries, ids, strict=True):
        found = shots.get(change_id) if change_id is not None else None
        if found:
            detail = {"page": datasette.urls.path(f"/change/{change_id}/screenshots")}
            for side in ("before", "after"):
                if found[side]:
                    detail[side] = datasette.urls.path(f"/-/screenshot/{found[side]}.png")
            entry = replace(entry, detail=detail)
        out.append(entry)
    return out


def _change_id(row: Mapping[str, Any]) -> int | None:
    """The change id of a recent_changes row (``id``) or a timeline row (``ref``)."""
    ref = row.get("ref")
    if isinstance(ref, str):
        return int(ref[8:]) if ref.startswith("changes/") and ref[8:].isdigit() else None
    value = row.get("id")
    return value if isinstance(value, int) else None
