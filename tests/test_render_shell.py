"""The shell test on real captures: company sites are read as fetched, app shells rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.extract.shell import needs_browser
from monitor.models import Fetched, Outcome
from tests.conftest import CORPUS


def fetched(path: Path) -> Fetched:
    return Fetched(url="https://x.example/", final_url="https://x.example/", outcome=Outcome.OK,
                   status=200, headers={"content-type": "text/html"}, body=path.read_bytes())


def test_no_captured_company_page_is_taken_for_a_shell() -> None:
    pages = sorted((CORPUS / "sites_history").glob("*/*.html"))
    assert len(pages) > 50
    assert [p.name for p in pages if needs_browser(fetched(p))] == []


@pytest.mark.parametrize("name", ["x_profile_2024-12-07.html", "x_post-og_2025-12-23.html"])
def test_captured_app_shells_are(name: str) -> None:
    assert needs_browser(fetched(CORPUS / "social" / "twitter_x" / name))
