"""People of card layouts in many languages and builders, vouched for by cues that hold in any
language (the people vocabulary of class names, a portrait's alt text, a mail address that
spells the name, schema.org microdata, h-card), and the pages that must give no one (a product
grid, testimonials, investors' logos). The cases are in tests/data/people_cues/dev.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from monitor import normalize as nz
from tests.people_cues_score import cases, found

_DEV = Path(__file__).parent / "data" / "people_cues" / "dev.yaml"


@pytest.mark.parametrize("case", cases(_DEV), ids=lambda c: str(c["id"]))
def test_each_card_gives_its_person_and_title_and_no_one_else(case: dict[str, Any]) -> None:
    want = {nz.fold(k): nz.fold(v) for k, v in (case.get("people") or {}).items()}
    got = {name: nz.fold(title) for name, title in found(case).items()}
    assert got == want
