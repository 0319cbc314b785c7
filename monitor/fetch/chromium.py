"""Where chromium is: what validating a config and keying its cache need of the browser,
without the browser's modules (asyncio, the render gate)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping

from monitor.environ import process_environ

DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium_path(environ: Mapping[str, str] | None = None) -> str | None:
    """The chromium executable to use (``MONITOR_CHROMIUM`` or Debian's), None if absent."""
    env = process_environ(environ)
    wanted = env.get("MONITOR_CHROMIUM") or DEFAULT_CHROMIUM
    found = shutil.which(wanted)
    return found if found and os.access(found, os.X_OK) else None
