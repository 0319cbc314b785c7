"""Error pages: a 404 for an unknown path, in the app's layout, never a 500.

Datasette 0.65's own handler prints every exception with ``rich`` outside an ``except`` block,
which rich 13+ refuses (``ValueError: Value for 'trace' required``): an unknown path then
answers 500. This handler runs first and renders the same page without that print; real
faults are logged with their traceback.
"""

from __future__ import annotations

import logging

from datasette.app import Datasette
from datasette.utils.asgi import Base400, Request, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

log = logging.getLogger("monitor.datasette")


async def error_response(datasette: Datasette, request: Request, exception: Exception) -> Response:
    """The error page (or JSON) for ``exception``, with Datasette's status and wording."""
    title: str | None = None
    message: str | Markup
    if isinstance(exception, Base400):
        status, info, message = exception.status, {}, str(exception.args[0] if exception.args else "")
        if status == 404 and message in ("", "404"):  # Datasette's bare "404" for unknown paths
            message = f"There is no page at {request.path}."
    elif isinstance(exception, DatasetteError):
        status, info, title = exception.status, dict(exception.error_dict or {}), exception.title
        message = Markup(exception.message) if exception.message_is_html else exception.message
    else:
        status, info, message = 500, {}, str(exception)
        log.error("%s %s failed", request.method, request.path, exc_info=exception)
    info.update({"ok": False, "error": message, "status": status, "title": title})
    if request.path.split("?")[0].endswith(".json"):
        return Response.json({**info, "error": str(message)}, status=status)
    html = await datasette.render_template([f"{status}.html", "error.html"], info, request=request)
    return Response.html(html, status=status)
