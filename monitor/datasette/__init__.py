"""Publishing the history with Datasette: shipped metadata, people pages, charts and feeds.

``metadata(db_name)`` gives the metadata for a served database file; ``TEMPLATES`` and
``STATIC`` are the directories ``monitor serve`` hands to Datasette; ``monitor.datasette.plugin``
holds the hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette.utils import tilde_encode
from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SHIPPED_NAME = "monitor"  # the database key used in metadata.yaml


def metadata(db_name: str) -> dict[str, Any]:
    """The shipped metadata, keyed and linked for a database served as ``db_name``."""
    text = METADATA.read_text(encoding="utf-8").replace("__DB__", tilde_encode(db_name))
    data: dict[str, Any] = YAML(typ="safe").load(text)
    data["databases"] = {db_name: data["databases"].pop(SHIPPED_NAME)}
    trusted = data["plugins"]["datasette-atom"]["allow_unsafe_html_in_canned_queries"]
    trusted[db_name] = trusted.pop(SHIPPED_NAME)
    return data


__all__ = ["METADATA", "STATIC", "TEMPLATES", "metadata"]
