"""Extraction cases over real corpus pages, read from tests/data/extraction_cases.yaml.

Each case runs the registered kind's ``extract`` on the captured bytes, exactly as the
pipeline would, and checks the facts (or items) the data file lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from monitor.models import Fact, Fetched, Observation, Outcome, Source
from monitor.sources import KINDS
from tests.conftest import CORPUS

CASES_FILE = Path(__file__).parent / "data" / "extraction_cases.yaml"
CASES: list[dict[str, Any]] = YAML(typ="safe").load(CASES_FILE.read_text(encoding="utf-8"))


def run(case: dict[str, Any]) -> Observation:
    """Extract one case's page with its kind, as the pipeline would after a 200."""
    body = (CORPUS / case["page"]).read_bytes()
    kind = KINDS[case["kind"]]
    options = {"country": case["country"]} if "country" in case else {}
    source = Source(
        id="case", company="case", kind=case["kind"], url=case["url"], every=86400, options=options
    )
    fetched = Fetched(
        url=case["url"], final_url=case["url"], outcome=Outcome.OK, status=200, body=body
    )
    return kind.extract(fetched, source)


def _matches(fact: Fact, want: dict[str, Any]) -> bool:
    if fact.field != want["field"]:
        return False
    if "value" in want and fact.value != str(want["value"]):
        return False
    return "role" not in want or fact.role == want["role"]


def _describe(facts: tuple[Fact, ...], field: str) -> str:
    found = [(f.value[:80], f.role) for f in facts if f.field == field]
    return f"{field} facts were: {found}"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['kind']}:{c['page']}" for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    """The page gives the outcome, facts and items its case lists (file path in the id)."""
    obs = run(case)
    assert obs.outcome == Outcome(case.get("outcome", "ok")), obs.detail
    if "detail" in case:
        assert case["detail"] in (obs.detail or "")
    for want in case.get("present", []):
        assert any(_matches(f, want) for f in obs.facts), (
            f"missing {want}; {_describe(obs.facts, want['field'])}"
        )
    for unwanted in case.get("absent", []):
        hits = [f for f in obs.facts if _matches(f, unwanted)]
        assert not hits, f"unexpected {hits}"
    texts = [f.value for f in obs.facts if f.field == "text"]
    for want in case.get("contains", []):
        assert texts and want["value"] in texts[0], f"text lacks {want['value']!r}"
    for unwanted in case.get("lacks", []):
        assert texts and unwanted["value"] not in texts[0], f"text has {unwanted['value']!r}"
    if "items" in case:
        spec = case["items"]
        assert len(obs.items) >= spec["min"]
        if "title" in spec:
            titled = [i for i in obs.items if i.title == spec["title"]]
            assert titled, f"no item titled {spec['title']!r}: {[i.title for i in obs.items][:5]}"
            if "publisher" in spec:
                assert titled[0].publisher == spec["publisher"]


def test_cases_cover_the_corpus_groups_the_brief_names() -> None:
    """The data file keeps covering every corpus group the extraction brief asks for."""
    pages = {c["page"] for c in CASES}
    for prefix in (
        "sites_history/finya_de_imprint/",
        "sites_history/adopteunmec_imprint/",
        "pages/opentermsarchive/",
        "pages/trafilatura/markeich.de.impressum.html",
        "pages/metascraper/",
        "pages/extruct/",
        "pages/rsparser/",
        "feeds/",
    ):
        assert any(p.startswith(prefix) for p in pages), prefix
    assert all((CORPUS / p).is_file() for p in pages)
