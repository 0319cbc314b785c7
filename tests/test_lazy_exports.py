"""Packages that export their names lazily still export every name they list."""

from __future__ import annotations

import importlib

import pytest

LAZY_PACKAGES = ("monitor.discover", "monitor.notify", "monitor.scheduler", "monitor.sources")


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_listed_name_resolves_to_its_module(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        assert getattr(value, "__name__", name) == name, f"{package}.{name} is {value!r}"


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package: str) -> None:
    module = importlib.import_module(package)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        module.nope  # noqa: B018
