"""Package exports loaded on first use, so importing a package costs only what a run touches.

A package ``__init__`` that re-exports names from its modules would import all of them, and
every library they use, the moment anything below it is imported: ``monitor check`` reading
one alert route would pay for the Slack, SMTP and Apprise senders and jinja2. With
``__getattr__ = exports(__name__, {...})`` a name's module is imported when the name is first
read (PEP 562); the package lists the same names under ``TYPE_CHECKING`` for the type checker.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def exports(package: str, names: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds ``name`` in the submodule ``names[name]``."""
    table = dict(names)

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__


__all__ = ["exports"]
