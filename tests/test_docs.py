"""The repository explains itself: every reliability id cited is defined in docs/reliability.md
with tests that exist, every environment variable is documented, every kind option has words,
and nothing in the code points outside the repository for its reasons."""

from __future__ import annotations

import ast
import re

from monitor.sources import KINDS
from tests.conftest import ROOT

CASE_ID = re.compile(r"(?<![A-Za-z0-9])([A-HR][0-9]{1,2})(?![0-9A-Za-z])")
RELIABILITY = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


def _python_files() -> list[str]:
    """The project's own Python files (not what a benchmark run leaves in bench/out/)."""
    out = ROOT / "bench" / "out"
    return [str(p.relative_to(ROOT)) for d in ("monitor", "tests", "bench") for p in (ROOT / d).rglob("*.py")
            if out not in p.parents]


def _defined() -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^\| ([A-HR][0-9]{1,2}) \| [^|]+ \| (.*) \|$",
                                                        RELIABILITY, re.M)}


def test_every_case_id_cited_in_code_and_tests_is_defined() -> None:
    defined = _defined()
    missing = {}
    for name in _python_files():
        for cited in CASE_ID.findall((ROOT / name).read_text(encoding="utf-8")):
            if cited not in defined:
                missing.setdefault(cited, name)
    assert not missing, f"cited but not in docs/reliability.md: {missing}"


def test_every_test_named_in_the_reliability_page_exists() -> None:
    named = re.findall(r"`(test_\w+\.py)(?:::(\w+))?`", RELIABILITY)
    assert named
    for file, function in named:
        path = ROOT / "tests" / file
        assert path.is_file(), file
        if function:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
            assert function in names, f"{file}::{function} is named in docs/reliability.md but missing"


def test_every_case_has_a_test_or_says_why_not() -> None:
    for case, tests in _defined().items():
        assert "`test_" in tests or "not applicable" in tests, case


def test_every_environment_variable_is_documented() -> None:
    used: set[str] = set()
    for path in (ROOT / "monitor").rglob("*.py"):
        used |= set(re.findall(r"MONITOR_[A-Z_]+", path.read_text(encoding="utf-8")))
    families = {v for v in used if v.endswith("_")}
    for var in sorted(used - families):
        family = next((f for f in families if var.startswith(f)), None)
        if family and var.removeprefix(family) not in ("HOST", "PORT", "USER", "PASSWORD", "FROM",
                                                      "TLS", "CAFILE"):
            continue  # an example of a named channel, e.g. MONITOR_SLACK_WEBHOOK_BIZ_DEV
        assert var in DOCS, f"{var} is read by monitor/ but documented nowhere (README.md, docs/)"


def test_every_kind_and_option_is_documented() -> None:
    for name, kind in KINDS.items():
        assert f"`{name}`" in DOCS, f"kind {name} is not named in README.md or docs/"
        assert (kind.__doc__ or "").strip(), f"kind {name} has no docstring for `monitor kinds`"
        for option, spec in kind.Options.model_fields.items():
            if option == "kind":
                continue
            assert spec.description, f"{name}.{option} has no description for `monitor kinds`"


def test_code_and_tests_cite_nothing_outside_the_repository() -> None:
    outside = re.compile(r"RELIABILITY(\.md)?\b|DESIGN\.md|STYLE\.md|NOTES\.md|/work/")
    found = [f"{name}:{n}" for name in _python_files() if not name.endswith("test_docs.py")
             for n, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
             if outside.search(line)]
    assert not found, f"cites a file outside the repository: {found[:10]}"


def test_packages_name_their_public_faces() -> None:
    for init in (ROOT / "monitor").rglob("__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        names = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                 if isinstance(t, ast.Name)}
        assert "__all__" in names, f"{init.relative_to(ROOT)} has no __all__"
