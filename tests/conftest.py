"""Shared fixtures: the corpus location and environment hygiene for every test; the fixtures
several files share live in tests/plugin.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.plugin"]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT.parent / "shared" / "examples"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real captured pages, feeds and histories (see its README)."""
    assert CORPUS.is_dir(), f"corpus not found at {CORPUS}"
    return CORPUS


@pytest.fixture(autouse=True)
def _hermetic_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxies or real secrets leak into tests."""
    for name in list(os.environ):
        if name.upper().endswith("_PROXY") or name.startswith(("MONITOR_", "SLACK_", "SMTP_")):
            monkeypatch.delenv(name, raising=False)
