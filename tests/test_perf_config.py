"""Config at scale: a 10,000-company sources.yaml loads (C loader), and errors still name file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.config.lined import parse_lined
from monitor.config.reader import Unsure, parse_fast, parse_yaml, plain
from monitor.errors import ConfigError

COMPANIES = 10_000


def big_file(tmp_path: Path, bad_at: int | None = None, bad: str = "",
             count: int = COMPANIES) -> tuple[Path, int]:
    """One company per line in flow style (1.2 MB, over the old 1 MiB cap); the line of the
    company ``bad_at``, where ``bad`` is appended to its source, is returned."""
    lines = ["defaults:", "  every: 1h", "companies:"]
    bad_line = 0
    for i in range(count):
        extra = f", {bad}" if i == bad_at else ""
        lines.append(f"  - {{slug: c{i:05d}, name: Company {i}, sources: [{{kind: website,"
                     f" url: 'https://c{i:05d}.example.com/about'{extra}}}]}}")
        if i == bad_at:
            bad_line = len(lines)
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path, bad_line


def test_ten_thousand_companies_load(tmp_path: Path) -> None:
    """A file of 10,000 companies over 1 MiB is accepted and read whole."""
    path, _ = big_file(tmp_path)
    assert path.stat().st_size > 1024 * 1024
    config = load_config(path)
    assert len(config.companies) == COMPANIES
    assert config.companies[-1].sources[0].url == "https://c09999.example.com/about"
    assert {s.every for s in config.sources} == {3600.0}


def test_an_error_deep_in_a_big_file_names_its_line(tmp_path: Path) -> None:
    """The fast loader has no line numbers: the error is located by the round-trip parse."""
    path, line = big_file(tmp_path, bad_at=1_900, bad="evry: 2h", count=2_000)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: companies[1900].sources[0].evry: unknown option")
    assert "did you mean 'every'" in message


def test_duplicate_key_left_to_the_round_trip_loader(tmp_path: Path) -> None:
    """libyaml keeps the last of two equal keys silently; ours refuses, with both lines."""
    path = tmp_path / "sources.yaml"
    path.write_text("companies:\n  - slug: a\n    slug: b\n")
    path.chmod(0o600)
    with pytest.raises(ConfigError, match=r":3:5: found duplicate key \"slug\""):
        load_config(path)


@pytest.mark.parametrize("scalar", ["010", "0o17", "0x1F", "1_000", "-5", "1.5", "1e3", "yes",
                                    "on", "No", "true", "~", "null", "", "2024-01-01", ".inf",
                                    "1:30", "'quoted'", "6h", "[a, {b: 1}]", "{x: [1, 2]}"])
def test_fast_and_round_trip_loaders_read_a_scalar_alike(scalar: str) -> None:
    """Both loaders give the same value (YAML 1.2: ``yes`` is text, ``010`` is ten), or the fast
    one steps aside."""
    text = f"a: {scalar}\n"
    try:
        fast = parse_fast(text, "t.yaml")
    except Unsure:
        return
    assert fast == plain(parse_yaml(text, "t.yaml"))


def test_fast_loader_refuses_tags_with_their_line() -> None:
    """The C loader's events get the same checks: a tag is refused before construction."""
    with pytest.raises(ConfigError, match=r"^t.yaml:2:4: YAML tag '!!python/name:os.system'"):
        parse_fast("a: 1\nb: !!python/name:os.system\n", "t.yaml")


@pytest.mark.parametrize("text", [
    "a: &x {b: [1, 2]}\nc: *x\n",  # shared nodes: PyYAML's own construction
    "a: {b: {c: [1, {d: 010}]}}\ne: [yes, ~, 1.5, '2024-01-01', 2024-01-01]\n",
    "companies:\n  - slug: a\n    sources:\n      - {kind: website, url: 'https://a.example/'}\n",
])
def test_fast_loader_reads_nested_documents_like_the_round_trip_one(text: str) -> None:
    """Mappings and lists built without PyYAML's generic steps hold the same values."""
    assert parse_fast(text, "t.yaml") == plain(parse_yaml(text, "t.yaml"))


@pytest.mark.parametrize("text", [
    "a: [010, '010', 010, \"010\", yes, 'yes']\nb: {x: 010, y: '010'}\nc: |\n  010\n",
    "a: &x [1, 2]\nb: &y {c: 010}\n",  # anchors, no alias
    "- [a, [b, [c, {d: [e]}]]]\n- {}\n- []\n- ~\n",
    "",
])
def test_values_repeated_or_anchored_read_as_the_round_trip_loader_reads_them(text: str) -> None:
    """A scalar met again (plain, quoted, as a block) reads as it did the first time; anchors
    without aliases change nothing."""
    assert parse_fast(text, "t.yaml") == plain(parse_yaml(text, "t.yaml"))


@pytest.mark.parametrize("text", [
    "a: " + "[" * 40 + "]" * 40 + "\n",
    "a: 1\nb:\n  - [1, !!str 2]\n",
    "a: &x [1, !!str 2]\nb: *x\n",
])
def test_fast_loader_refuses_as_the_round_trip_loader_does(text: str) -> None:
    """Depth and tags: the same message, line and column from both loaders."""
    with pytest.raises(ConfigError) as fast:
        parse_fast(text, "t.yaml")
    with pytest.raises(ConfigError) as slow:
        parse_yaml(text, "t.yaml")
    assert str(fast.value) == str(slow.value)


def test_more_than_one_document_is_left_to_the_round_trip_loader() -> None:
    with pytest.raises(Unsure):
        parse_fast("a: 1\n---\nb: 2\n", "t.yaml")


@pytest.mark.parametrize("text", ["a:\n  b: 1\n  b: 2\n", "a: {b: 1, b: 2}\n", "? [x]\n: 1\n",
                                  "a:\n  010: 1\n  10: 2\n"])
def test_fast_loader_leaves_doubtful_keys_to_the_round_trip_one(text: str) -> None:
    with pytest.raises(Unsure):
        parse_fast(text, "t.yaml")


def same_lines(lined: object, ruamel: object) -> None:
    """Every mapping and list of both trees starts, and holds its keys and items, alike."""
    if isinstance(ruamel, dict):
        assert isinstance(lined, dict) and (lined.lc.line, lined.lc.col) == (  # type: ignore[attr-defined]
            ruamel.lc.line, ruamel.lc.col)  # type: ignore[attr-defined]
        for key in ruamel:
            assert lined.lc.key(key) == tuple(ruamel.lc.key(key))  # type: ignore[attr-defined]
            same_lines(lined[key], ruamel[key])
    elif isinstance(ruamel, list):
        assert isinstance(lined, list)
        for index, item in enumerate(ruamel):
            assert lined.lc.item(index) == tuple(ruamel.lc.item(index))  # type: ignore[attr-defined]
            same_lines(lined[index], item)


def test_the_lined_fast_tree_has_the_round_trip_lines() -> None:
    text = ("# fleet\ndefaults: {every: 1h}\ncompanies:\n  - slug: a\n    tags: [x, y]\n"
            "    sources:\n      - kind: website\n        url: https://a.example/\n"
            "  - {slug: b, sources: [{kind: feed, url: 'https://b.example/f'}]}\n"
            "  -\n    slug: c\n    sources:\n    - {kind: website,\n       url: x}\n")
    lined = parse_lined(text, "t.yaml")
    assert plain(lined) == plain(parse_yaml(text, "t.yaml"))
    same_lines(lined, parse_yaml(text, "t.yaml"))


def test_a_mistake_is_located_without_the_round_trip_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The line of a typo deep in a big file comes from the C loader's marks."""
    from monitor.config import include

    path, line = big_file(tmp_path, bad_at=1_900, bad="evry: 2h", count=2_000)
    monkeypatch.setattr(include, "parse_yaml", lambda *args: pytest.fail("round-trip parse"))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}:{line}: companies[1900].sources[0].evry: unknown")
