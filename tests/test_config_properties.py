"""Properties of the sources.yaml editor over block, flow and mixed layouts.

Any sequence of add/remove edits on any of these layouts leaves a file that loads, holds
exactly the companies and sources the edits describe, and keeps every comment outside the
entries removed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.config import (
    add_company,
    add_source,
    load_config,
    remove_company,
    remove_source,
)

Model = dict[str, list[tuple[str, str]]]  # slug → [(kind, url)], in file order

KINDS = ("website", "feed")


def url(slug: str, n: int) -> str:
    return f"https://{slug}.example/p{n}"


def _sources(slug: str, count: int) -> list[tuple[str, str]]:
    return [(KINDS[n % 2], url(slug, n)) for n in range(count)]


def block(model: Model, offset: int) -> str:
    """Block lists, the dash ``offset`` columns in from its key, comments everywhere."""
    out = ["# head comment", "companies:  # the list"]
    pad = " " * offset
    for index, (slug, sources) in enumerate(model.items()):
        if index:
            out.append(f"{pad}# between {slug}")
        out += [f"{pad}- slug: {slug}", f"{pad}  name: {slug.upper()}", f"{pad}  # note {slug}"]
        if not sources:
            out.append(f"{pad}  sources: []")
            continue
        out.append(f"{pad}  sources:")
        for kind, link in sources:
            out += [f"{pad}  {pad}- kind: {kind}", f"{pad}  {pad}  url: {link}"]
    return "\n".join([*out, "# tail comment", ""])


def _data(model: Model) -> dict[str, object]:
    return {"companies": [{"slug": s, "name": s.upper(),
                           "sources": [{"kind": k, "url": u} for k, u in srcs]}
                          for s, srcs in model.items()]}


def as_json(model: Model) -> str:
    """One JSON line, as tools write it, with comments around it."""
    return f"# head comment\n{json.dumps(_data(model))}  # written by a tool\n# tail comment\n"


def pretty_json(model: Model) -> str:
    """Indented JSON over many lines."""
    return f"# head comment\n{json.dumps(_data(model), indent=2)}\n# tail comment\n"


def flow_lines(model: Model) -> str:
    """A multi-line flow list under a block key."""
    rows = [f"  {{slug: {s}, name: {s.upper()}, sources: ["
            + ", ".join(f"{{kind: {k}, url: '{u}'}}" for k, u in srcs) + "]},"
            for s, srcs in model.items()]
    return "\n".join(["# head comment", "defaults: {confirm: 2}", "companies: [", *rows, "]",
                      "# tail comment", ""])


def mixed(model: Model) -> str:
    """A block list of flow entries, comments between them."""
    out = ["# head comment", "companies:"]
    for index, (slug, srcs) in enumerate(model.items()):
        if index:
            out.append(f"  # between {slug}")
        inner = ", ".join(f'{{"kind": "{k}", "url": "{u}"}}' for k, u in srcs)
        out.append(f"  - {{slug: {slug}, name: {slug.upper()}, sources: [{inner}]}}")
    return "\n".join([*out, "# tail comment", ""])


LAYOUTS: dict[str, Callable[[Model], str]] = {
    "block": lambda m: block(m, 2), "indentless": lambda m: block(m, 0),
    "json": as_json, "pretty json": pretty_json, "flow": flow_lines, "mixed": mixed,
}

models = st.dictionaries(st.sampled_from(["acme", "beta", "gamma", "delta"]),
                         st.integers(min_value=0, max_value=3), min_size=1, max_size=3
                         ).map(lambda d: {slug: _sources(slug, n) for slug, n in d.items()})
ops = st.lists(st.tuples(st.sampled_from(["add_company", "add_source", "remove_source",
                                          "remove_company"]),
                         st.integers(min_value=0, max_value=9)), min_size=1, max_size=5)


def apply(path: Path, model: Model, op: str, pick: int, serial: int) -> None:
    """Run one edit on the file and the same edit on the model."""
    slugs = list(model)
    if op == "add_company" or not slugs:
        slug = f"new{serial}"
        add_company(path, {"slug": slug, "name": "New", "sources": [
            {"kind": "website", "url": url(slug, 0)}]})
        model[slug] = [("website", url(slug, 0))]
        return
    slug = slugs[pick % len(slugs)]
    if op == "add_source":
        link = url(slug, 100 + serial)
        add_source(path, slug, {"kind": "feed", "url": link})
        model[slug].append(("feed", link))
    elif op == "remove_source" and model[slug]:
        kind, link = model[slug][pick % len(model[slug])]
        remove_source(path, slug, link, kind)
        model[slug].remove((kind, link))
    elif op == "remove_company":
        remove_company(path, slug)
        del model[slug]


def comments(text: str) -> list[str]:
    """Full-line comments, in order."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(model=models, layout=st.sampled_from(sorted(LAYOUTS)), edits=ops)
def test_edits_on_any_layout_revalidate_and_keep_comments(
        tmp_path: Path, model: Model, layout: str, edits: list[tuple[str, int]]) -> None:
    path = tmp_path / f"{layout}.yaml"
    text = LAYOUTS[layout](model)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o644)
    assert {c.slug: [(s.kind, s.url) for s in c.sources]
            for c in load_config(path).companies} == model  # the layout itself is right
    original = list(model)
    model = {slug: list(srcs) for slug, srcs in model.items()}
    for serial, (op, pick) in enumerate(edits):
        apply(path, model, op, pick, serial)
        loaded = {c.slug: [(s.kind, s.url) for s in c.sources] for c in load_config(path).companies}
        assert loaded == model, (op, path.read_text(encoding="utf-8"))
    gone = {f"# note {slug}" for slug in original if slug not in model}  # inside removed entries
    kept = [c for c in comments(text) if c not in gone]
    after = comments(path.read_text(encoding="utf-8"))
    assert [c for c in after if c in kept] == kept
