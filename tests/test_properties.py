"""Property tests across extract → normalize → diff (E7, R30).

Complements tests/test_diff.py (facts diffed with themselves, flapping) and
tests/test_normalize_properties.py (corpus pages with injected noise, text idempotence):
- real per-request noise (simweb's CSRF tokens, request ids, ad ids, render times, viewer
  counts, feed build dates) on every page kind never makes a change, through the differ;
- a whole observation (facts, items, metrics) diffed with itself, reordered, is empty;
- extraction is the same in another interpreter with another hash seed;
- the canonical forms (URL, e-mail, phone, person, role) are fixed points.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor import normalize as nz
from monitor.diff import diff
from monitor.models import (
    Category,
    DiffResult,
    Fact,
    Fetched,
    Item,
    ItemState,
    Metric,
    Observation,
    Outcome,
    Source,
    State,
)
from monitor.sources import KINDS
from tests.conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT.parent / "shared" / "bench"))
from simweb import PAGE_PATH, PAGES, SimWeb

WEB = SimWeb(companies=60)
NOW = "2026-11-24T10:00:00Z"


def observe(index: int, page: str, noise_seed: int) -> tuple[Source, Observation]:
    """One simweb page with its own per-request noise, extracted by its kind."""
    kind = "feed" if page == "feed" else "website"
    url = f"https://c{index:05d}.example/c/c{index:05d}/{PAGE_PATH[page]}"
    source = Source(id=f"c{index}:{kind}:1", company=f"c{index}", kind=kind, url=url,
                    every=3600.0, confirm=2)
    WEB._nrng = random.Random(noise_seed)  # the noise generator, seeded for a replayable example
    body = WEB.render(index, page, epoch=0)
    content_type = "application/rss+xml" if kind == "feed" else "text/html; charset=utf-8"
    fetched = Fetched(url=url, final_url=url, outcome=Outcome.OK, status=200,
                      headers={"content-type": content_type}, body=body)
    return source, KINDS[kind].extract(fetched, source)


def settle(result: DiffResult) -> State:
    """The stored state after recording ``result``."""
    items = {i.key: ItemState(i.key, i.url, i.published_at, title=i.title)
             for i in result.items.present}
    return State(facts=result.facts, pending=result.pending, items=items,
                 metrics=dict(result.metric_marks), baseline=False)


def run_diff(source: Source, state: State, obs: Observation) -> DiffResult:
    return diff(source, state, obs.facts, obs.items, obs.metrics, now=NOW,
                item_category=Category.NEWS)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, 59), page=st.sampled_from(PAGES), first=st.integers(0, 2**32),
       second=st.integers(0, 2**32))
def test_E7_real_request_noise_never_makes_a_change(index: int, page: str, first: int,
                                                    second: int) -> None:
    """Two fetches of an unchanged simweb page (different noise): the same observation, no change."""
    source, before = observe(index, page, first)
    _, after = observe(index, page, second)
    assert before.outcome is Outcome.OK and not before.empty
    assert after == before
    state = settle(run_diff(source, State(), before))
    for _ in range(2):  # also past the confirmation window
        result = run_diff(source, state, after)
        assert result.changes == () and result.pending == ()
        state = settle(result)


facts_st = st.lists(st.builds(
    Fact, field=st.sampled_from(["email", "phone", "person", "name", "link.x", "text", "address"]),
    value=st.text(min_size=1, max_size=15), role=st.sampled_from([None, "CEO", "CFO"])),
    max_size=12)
items_st = st.lists(st.builds(
    Item, key=st.text("abcdef0123", min_size=1, max_size=6), title=st.text(max_size=20),
    url=st.one_of(st.none(), st.text("abc", min_size=1, max_size=4).map(lambda s: f"https://a.example/{s}")),
    published_at=st.one_of(st.none(), st.sampled_from(["2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"]))),
    max_size=10)
metrics_st = st.lists(st.builds(Metric, name=st.sampled_from(["followers", "employees"]),
                                value=st.floats(0, 1e6, allow_nan=False)), max_size=2,
                      unique_by=lambda m: m.name)


@settings(max_examples=60, deadline=None)
@given(facts=facts_st, items=items_st, metrics=metrics_st, rnd=st.randoms(use_true_random=False))
def test_whole_observation_diffed_with_itself_is_empty(facts: list[Fact], items: list[Item],
                                                       metrics: list[Metric],
                                                       rnd: random.Random) -> None:
    """Facts, items (duplicate keys, shared URLs) and metrics together, shuffled: no change."""
    source = Source(id="acme:feed:1", company="acme", kind="feed", url="https://a.example/",
                    every=3600.0, confirm=1)
    obs = Observation(facts=tuple(facts), items=tuple(items), metrics=tuple(metrics))
    state = settle(run_diff(source, State(), obs))
    facts, items, metrics = list(facts), list(items), list(metrics)
    rnd.shuffle(facts)
    rnd.shuffle(items)
    rnd.shuffle(metrics)
    again = Observation(facts=tuple(facts), items=tuple(items), metrics=tuple(metrics))
    result = run_diff(source, state, again)
    assert result.changes == () and result.items.removed == () and not result.items.missed


EXTRACT_SCRIPT = """
import hashlib, json, sys
from monitor.models import Fetched, Outcome, Source
from monitor.sources import KINDS
from monitor.workers.protocol import encode
out = {}
for path in sys.argv[1:]:
    kind = "feed" if path.endswith((".rss", ".xml", ".atom")) else "website"
    src = Source(id="x:" + kind + ":1", company="x", kind=kind, url="https://www.example.com/", every=3600.0)
    body = open(path, "rb").read()
    f = Fetched(url=src.url, final_url=src.url, outcome=Outcome.OK, status=200, body=body,
                headers={"content-type": "application/rss+xml" if kind == "feed" else "text/html"})
    out[path] = hashlib.sha256(encode(KINDS[kind].extract(f, src))).hexdigest()
print(json.dumps(out))
"""


def test_R30_extraction_is_identical_across_interpreters_and_hash_seeds() -> None:
    """Set iteration order differs between processes; no fact, order or key may depend on it."""
    files = sorted(str(p) for p in (CORPUS / "sites_history/finya_de_imprint").glob("00*.html"))[:3]
    files += [str(CORPUS / "pages/opentermsarchive/happn_privacy_policy.html"),
              str(CORPUS / "social/linkedin/company_audiense_2024-10-05.html"),
              str(CORPUS / "feeds/rsparser/scriptingNews.rss")]
    runs = [subprocess.run([sys.executable, "-c", EXTRACT_SCRIPT, *files], cwd=ROOT, check=True,
                           capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    first, second = (json.loads(r) for r in runs)
    assert len(first) == len(files) and first == second


@given(st.text(max_size=80))
def test_url_canonical_form_is_a_fixed_point(raw: str) -> None:
    once = nz.url(raw, "https://acme.example/")
    assert nz.url(once, "https://acme.example/") == once


@given(st.from_regex(r"[A-Za-z0-9._%+-]{1,12}@[A-Za-z0-9-]{1,10}\.[A-Za-z]{2,6}", fullmatch=True))
def test_email_canonical_form_is_a_fixed_point(raw: str) -> None:
    once = nz.email(raw)
    assert once is None or nz.email(once) == once


@given(st.sampled_from(["DE", "FR", "US", "GB", "JP", None]),
       st.from_regex(r"\+?[0-9 ()./-]{6,20}", fullmatch=True))
def test_phone_canonical_form_is_a_fixed_point(country: str | None, raw: str) -> None:
    once = nz.phone(raw, country)
    assert once is None or (once.startswith("+") and nz.phone(once, None) == once)


@given(st.text(max_size=40))
def test_person_and_role_canonical_forms_are_fixed_points(raw: str) -> None:
    name = nz.person_name(raw)
    assert name is None or nz.person_name(name) == name
    assert nz.role(nz.role(raw)) == nz.role(raw)
