"""Score the extractor's people on a file of hand-made cases (tests/data/people_cues/*.yaml).

``python -m tests.people_cues_score tests/data/people_cues/heldout.yaml``: person and role
precision and recall over the file's cases (a negative case, ``people: {}``, counts every
person found as wrong).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from monitor import normalize as nz
from monitor.extract.page import extract_page


def cases(path: Path) -> list[dict[str, Any]]:
    """The cases of one file."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return list(data["cases"])


def found(case: dict[str, Any]) -> dict[str, str]:
    """Folded name → role of the people the extractor reads from one case's page."""
    body = f"<html><body>{case['html']}</body></html>".encode()
    facts = extract_page(body, case["url"]).facts
    return {nz.fold(f.value): f.role or "" for f in facts if f.field == "person"}


def score(path: Path) -> dict[str, tuple[int, int, int]]:
    """(true, false, missed) of person names and of their roles."""
    tally = {"person": [0, 0, 0], "role": [0, 0, 0]}
    for case in cases(path):
        want = {nz.fold(k): v for k, v in (case.get("people") or {}).items()}
        got = found(case)
        for name, title in got.items():
            tally["person"][0 if name in want else 1] += 1
            if name in want and title:
                tally["role"][0 if nz.fold(title) == nz.fold(want[name]) else 1] += 1
        tally["person"][2] += len(want.keys() - got.keys())
        tally["role"][2] += sum(1 for name in want if not got.get(name))
    return {k: (v[0], v[1], v[2]) for k, v in tally.items()}


def main(argv: list[str]) -> None:
    for kind, (tp, fp, fn) in score(Path(argv[0])).items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{kind:7} tp={tp} fp={fp} fn={fn} P={p:.2f} R={r:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
