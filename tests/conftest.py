"""Shared fixtures: the corpus location and environment hygiene for every test; the fixtures
several files share live in tests/plugin.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ["tests.plugin"]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT.parent / "shared" / "examples"

# Property tests assert what holds, never how fast: Hypothesis's per-example deadline (200 ms)
# is a timing assertion that a loaded machine fails, so it is off for every property test.
settings.register_profile("monitor", deadline=None)
settings.load_profile("monitor")


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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Two workers a core for ``-n auto``: about half the suite's wall time is spent waiting on
    child processes (monitor, chromium, redis-server), servers and deadlines, not computing."""
    return 2 * (os.cpu_count() or 1)
