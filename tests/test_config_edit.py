"""add_company / add_source / remove_company: exact text edits, validated, atomic, all or nothing."""

from __future__ import annotations

import difflib
import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import monitor.config.edit
from monitor.config import (
    SourcesEdit,
    add_company,
    add_source,
    load_config,
    remove_company,
    remove_source,
)
from monitor.errors import ConfigError

DATA = Path(__file__).parent / "data" / "config"
SHIPPED = Path(__file__).resolve().parents[1] / "sources.yaml"
DYMON = {
    "slug": "dymon",
    "name": "Dymon",
    "aliases": ["YAOKI"],
    "sources": [{"url": "https://dymon.co.jp/", "kind": "website"}],  # keys get put in order
}
DYMON_LINES = [
    "  - slug: dymon\n",
    "    name: Dymon\n",
    "    aliases: [YAOKI]\n",
    "    sources:\n",
    "      - kind: website\n",
    "        url: https://dymon.co.jp/\n",
]


def copy(tmp_path: Path, source: Path = DATA / "handkept.yaml") -> Path:
    path = tmp_path / "sources.yaml"
    shutil.copyfile(source, path)
    path.chmod(0o644)
    return path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_bytes(textwrap.dedent(text).encode("utf-8"))
    path.chmod(0o644)
    return path


def edits(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    """The changed hunks as (op, removed lines, added lines); everything else is identical."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (op, old[i1:i2], new[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def lines_of(text: str, first: str, last: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(last))
    return lines[start : end + 1]


def refused(
    path: Path, call: Callable[..., None], *args: object, match: str, **kwargs: object
) -> str:
    """Run an edit that must fail and assert the file was not touched."""
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(ConfigError, match=match) as info:
        call(*args, **kwargs)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left
    return str(info.value)


# --- add_company ------------------------------------------------------------------------------


def test_add_company_keeps_every_other_byte(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    add_company(path, DYMON)
    after = path.read_text(encoding="utf-8")
    # Appended after firefly's own trailing comment, spaced like the other entries, before the
    # comment that heads `defaults:`.
    anchor = "    # trailing comment of firefly's sources\n"
    assert after == before.replace(anchor, anchor + "\n" + "".join(DYMON_LINES))
    assert [op for op, _, _ in edits(before, after)] == ["insert"]
    config = load_config(path)
    assert [c.slug for c in config.companies] == ["ispace", "astrobotic", "firefly", "dymon"]
    assert config.company("dymon").aliases == ("YAOKI",)
    assert config.company("firefly").name == "Firefly Aerospace"


def test_add_then_remove_restores_the_file(tmp_path: Path) -> None:
    for source in (DATA / "handkept.yaml", SHIPPED):
        path = copy(tmp_path, source)
        before = path.read_bytes()
        add_company(path, DYMON)
        assert path.read_bytes() != before
        remove_company(path, "dymon")
        assert path.read_bytes() == before


def test_add_company_to_shipped_file(tmp_path: Path) -> None:
    path = copy(tmp_path, SHIPPED)
    before = path.read_text(encoding="utf-8")
    add_company(path, DYMON)
    assert path.read_text(encoding="utf-8") == before + "\n" + "".join(DYMON_LINES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "companies:\n" + "".join(DYMON_LINES)),
        ("# just a comment", "# just a comment\ncompanies:\n" + "".join(DYMON_LINES)),
        ("companies: []  # none yet\n", "companies:  # none yet\n" + "".join(DYMON_LINES)),
        ("companies:\n# end\n", "companies:\n" + "".join(DYMON_LINES) + "# end\n"),
        ("companies: null\n", "companies:\n" + "".join(DYMON_LINES)),
        (
            "defaults:\n  confirm: 3\ncompanies: ~\n",
            "defaults:\n  confirm: 3\ncompanies:\n" + "".join(DYMON_LINES),
        ),
    ],
)
def test_add_company_to_empty_files(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    add_company(path, DYMON)
    assert path.read_text(encoding="utf-8") == expected


def test_add_company_creates_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    add_company(path, {"slug": "acme"})
    assert path.read_text(encoding="utf-8") == "companies:\n  - slug: acme\n"
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o644
    assert load_config(path).company("acme").name == "acme"


def test_add_company_follows_indentless_layout(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "companies:\n- slug: a\n  sources:\n  - kind: website\n    url: https://a.example/\n",
    )
    add_company(path, {"slug": "b", "sources": [{"kind": "feed", "url": "https://b.example/f"}]})
    assert path.read_text(encoding="utf-8").endswith(
        "    url: https://a.example/\n- slug: b\n  sources:\n  - kind: feed\n    url: https://b.example/f\n"
    )
    assert len(load_config(path).sources) == 2


def test_add_company_keeps_crlf_bom_and_missing_newline(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"\xef\xbb\xbfcompanies:\r\n  - slug: a\r\n    name: A")
    path.chmod(0o644)
    add_company(path, {"slug": "b", "name": "B"})
    assert path.read_bytes() == (
        b"\xef\xbb\xbfcompanies:\r\n  - slug: a\r\n    name: A\r\n  - slug: b\r\n    name: B\r\n"
    )


def test_add_company_refuses_duplicate_slug(tmp_path: Path) -> None:
    path = copy(tmp_path)
    message = refused(path, add_company, path, {"slug": "astrobotic"}, match="already exists")
    assert message == f"{path}:20: companies[1].slug: company 'astrobotic' already exists"


@pytest.mark.parametrize(
    ("company", "match"),
    [
        ({"slug": "../evil"}, "bad slug '../evil'"),
        ({"name": "no slug"}, "bad slug None"),
        (
            {"slug": "x", "sources": [{"kind": "webiste", "url": "https://x.example/"}]},
            "did you mean 'website'",
        ),
        ({"slug": "x", "sources": [{"kind": "website", "url": "http://127.0.0.1/"}]}, "private"),
        (
            {"slug": "x", "sources": [{"kind": "feed", "url": "https://x.example/", "urll": 1}]},
            "did you mean 'url'",
        ),
        (
            {"slug": "x", "webhook": "https://hooks.slack.com/services/T/B/x"},
            "secrets belong in the environment",
        ),
        ({"slug": "x", "aliases": "one"}, r"companies\[3\].aliases: expected a list"),
        ({"slug": "x", "name": object()}, "cannot write this value"),
    ],
)
def test_add_company_refuses_invalid_result(
    tmp_path: Path, company: dict[str, object], match: str
) -> None:
    path = copy(tmp_path)
    message = refused(path, add_company, path, company, match=match)
    assert message.startswith(str(path))


def test_add_company_private_url_when_allowed(tmp_path: Path) -> None:
    path = copy(tmp_path)
    local = {"slug": "local", "sources": [{"kind": "feed", "url": "http://127.0.0.1:8080/feed"}]}
    add_company(path, local, allow_private=True)
    assert (
        load_config(path, allow_private=True)
        .company("local")
        .sources[0]
        .url.startswith("http://127")
    )


def test_edits_refuse_an_already_broken_file(tmp_path: Path) -> None:
    path = write(tmp_path, "companies:\n  - slug: a\n    nmae: A\n")
    refused(path, add_company, path, {"slug": "b"}, match=r"companies\[0\].nmae: unknown key")


FLOW_FILES = {
    "json": '{"companies": []}\n',
    "empty top mapping": "# nothing yet\n{}\n",
    "document marker": '--- {"companies": []}\n',
    "empty list below its key": "companies:  # none yet\n  [ ]\n",
    "multi-line empty list": "companies: [\n]\n",
    "json with a company": '# mine\n{"companies": [{"slug": "a", "name": "A", "sources":'
    ' [{"kind": "feed", "url": "https://a.example/feed"}]}]}  # written by a tool\n# end\n',
    "flow list under a block key": "defaults: {every: 6h}  # all\ncompanies: [{slug: a, sources:"
    " [{kind: website, url: 'https://a.example/'}]}]   # mine\n",
    "flow entries in a block list": "companies:\n  - {slug: a, sources: [{kind: website,"
    " url: 'https://a.example/'}]}\n  - slug: b\n    sources: [\n      {kind: feed,"
    " url: 'https://b.example/f'},\n    ]\n# end\n",
}


@pytest.mark.parametrize("text", FLOW_FILES.values(), ids=FLOW_FILES.keys())
def test_edits_work_on_flow_style_files(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    add_company(path, DYMON)
    add_source(path, "dymon", {"kind": "feed", "url": "https://dymon.co.jp/feed"})
    slugs = [c.slug for c in load_config(path).companies]
    for slug in slugs[:-1]:
        add_source(path, slug, {"kind": "feed", "url": f"https://{slug}.example/new"})
    assert [len(c.sources) for c in load_config(path).companies][-1] == 2
    removed = remove_source(path, "dymon", "https://dymon.co.jp/")
    assert removed.kind == "website"
    assert [s.url for s in load_config(path).company("dymon").sources] == ["https://dymon.co.jp/feed"]
    remove_company(path, "dymon")
    assert [c.slug for c in load_config(path).companies] == slugs[:-1]
    after = path.read_text(encoding="utf-8")
    for line in text.splitlines():  # comments outside the flow text stay where they were
        if line.startswith("#"):
            assert line + "\n" in after


def test_a_failing_edit_of_a_flow_file_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "companies: [{slug: a}]\n")
    refused(path, add_company, path, {"slug": "a"}, match="company 'a' already exists")
    refused(path, add_source, path, "a", {"kind": "website", "url": "ftp://a/"}, match="url")
    edit = SourcesEdit(path)
    edit.add_company({"slug": "b"})
    assert edit.changed and path.read_text(encoding="utf-8") == "companies: [{slug: a}]\n"
    edit.write()
    assert [c.slug for c in load_config(path).companies] == ["a", "b"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_edits_refuse_world_writable_file(tmp_path: Path) -> None:
    path = copy(tmp_path)
    path.chmod(0o666)
    refused(path, add_company, path, DYMON, match="group- or world-writable")


# --- add_source -------------------------------------------------------------------------------


def test_add_source_after_commented_out_sources(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    add_source(
        path,
        "ispace",
        {"kind": "website", "url": "https://ispace-inc.com/contact/", "country": "JP"},
    )
    new = [
        "      - kind: website\n",
        "        url: https://ispace-inc.com/contact/\n",
        "        country: JP\n",
    ]
    assert edits(before, path.read_text(encoding="utf-8")) == [("insert", [], new)]
    assert (
        lines_of(
            path.read_text(encoding="utf-8"),
            "      #   url: https://www.linkedin",
            "        country",
        )[1:]
        == new
    )
    (*_, added) = load_config(path).company("ispace").sources
    assert added.options == {"country": "JP"}


@pytest.mark.parametrize(
    ("slug", "expected_after"),
    [
        ("astrobotic", "        url: 'https://www.astrobotic.com/'\n"),
        ("firefly", "    # trailing comment of firefly's sources\n"),
    ],
)
def test_add_source_keeps_the_company_layout(
    tmp_path: Path, slug: str, expected_after: str
) -> None:
    path = copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    add_source(path, slug, {"kind": "feed", "url": "https://news.example/feed", "every": "2h"})
    ((op, removed, added),) = edits(before, path.read_text(encoding="utf-8"))
    dash = "      " if slug == "astrobotic" else "    "  # firefly's list is indentless
    assert (op, removed) == ("insert", [])
    assert added == [
        f"{dash}- kind: feed\n",
        f"{dash}  url: https://news.example/feed\n",
        f"{dash}  every: 2h\n",
    ]
    after = path.read_text(encoding="utf-8")
    assert after[: after.index(added[0])].endswith(expected_after)
    assert load_config(path).company(slug).sources[-1].every == 7200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("companies:\n  - slug: a\n    name: A\n", "    name: A\n    sources:\n"),
        ("companies:\n  - slug: a\n    sources: []\n", "    sources:\n"),
        (
            "companies:\n  - slug: a\n    sources:  # none yet\n  - slug: b\n",
            "    sources:  # none yet\n",
        ),
    ],
)
def test_add_source_to_company_without_sources(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    add_source(path, "a", {"kind": "website", "url": "https://a.example/"})
    after = path.read_text(encoding="utf-8")
    assert expected + "      - kind: website\n        url: https://a.example/\n" in after
    assert [s.url for s in load_config(path).company("a").sources] == ["https://a.example/"]


def test_add_source_refusals(tmp_path: Path) -> None:
    path = copy(tmp_path)
    message = refused(
        path,
        add_source,
        path,
        "ispce",
        {"kind": "feed", "url": "https://x.example/"},
        match="unknown company",
    )
    assert message == (
        f"{path}: unknown company 'ispce'; known: astrobotic, firefly, ispace (did you mean 'ispace'?)"
    )
    refused(
        path,
        add_source,
        path,
        "ispace",
        {"kind": "feed", "url": "https://ispace-inc.com/feed/"},
        match="duplicate source",
    )
    refused(
        path,
        add_source,
        path,
        "ispace",
        {"kind": "feed", "url": "ftp://x.example/"},
        match="scheme",
    )
    refused(
        path,
        add_source,
        path,
        "ispace",
        {"kind": "feed", "url": "https://x.example/", "every": "5s"},
        match="outside 1m",
    )


# --- remove_company ---------------------------------------------------------------------------


def test_remove_first_company_keeps_the_list_comment(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    remove_company(path, "ispace")
    removed = lines_of(before, "  - slug: ispace", "      #   url: https://www.linkedin")
    assert edits(before, path.read_text(encoding="utf-8")) == [("delete", removed, [])]
    assert "  # ispace first: the reference company" in path.read_text(encoding="utf-8")
    assert [c.slug for c in load_config(path).companies] == ["astrobotic", "firefly"]


def test_remove_middle_company_with_its_header(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    remove_company(path, "astrobotic")
    removed = lines_of(before, "  # Astrobotic: Pittsburgh", "  - slug: firefly")[:-1]
    assert removed[-1] == "\n"  # one of the two blank lines around it goes with it
    assert path.read_text(encoding="utf-8") == before.replace("".join(removed), "")


def test_remove_last_company_keeps_what_follows(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    remove_company(path, "firefly")
    removed = "".join(lines_of(before, "  - slug: firefly", "    # trailing comment"))
    assert path.read_text(encoding="utf-8") == before.replace("\n" + removed, "")
    assert path.read_text(encoding="utf-8").endswith(
        "\n# defaults at the end, with a header comment\ndefaults:\n  confirm:   2\n# the end\n"
    )


def test_remove_every_company_leaves_a_valid_empty_file(tmp_path: Path) -> None:
    path = copy(tmp_path, SHIPPED)
    for company in load_config(path).companies:
        remove_company(path, company.slug)
    assert load_config(path).companies == ()
    assert path.read_text(encoding="utf-8").startswith(
        "# sources.yaml: the companies monitor watches"
    )


def test_remove_unknown_company(tmp_path: Path) -> None:
    path = copy(tmp_path)
    refused(
        path,
        remove_company,
        path,
        "blue-origin",
        match="unknown company 'blue-origin'; known: astrobotic",
    )
    with pytest.raises(ConfigError, match="file not found"):
        remove_company(tmp_path / "missing.yaml", "a")


# --- how the file is written ------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes and symlinks")
def test_write_keeps_mode_and_symlink(tmp_path: Path) -> None:
    real = copy(tmp_path)
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    add_company(link, DYMON)
    assert link.is_symlink()
    assert real.stat().st_mode & 0o777 == 0o600
    assert "dymon" in real.read_text(encoding="utf-8")


def test_concurrent_change_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy(tmp_path)
    theirs = path.read_text(encoding="utf-8") + "# saved by someone else meanwhile\n"
    validate = monitor.config.edit.load_files

    def validate_while_someone_saves(main: Path, **options: Any) -> object:
        path.write_text(theirs, encoding="utf-8")
        return validate(main, **options)

    monkeypatch.setattr(monitor.config.edit, "load_files", validate_while_someone_saves)
    with pytest.raises(ConfigError, match="changed by someone else while editing; try again"):
        add_company(path, DYMON)
    assert path.read_text(encoding="utf-8") == theirs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources.yaml"]


# --- remove_source ----------------------------------------------------------------------------


def test_remove_source_takes_only_its_lines(tmp_path: Path) -> None:
    text = ("companies:\n  - slug: a  # first\n    sources:\n      - kind: website\n"
            "        url: https://a.example/\n      # the feed:\n      - kind: feed\n"
            "        url: https://a.example/\n        every: 1h\n  - slug: b\n")
    path = write(tmp_path, text)
    refused(path, remove_source, path, "a", "https://a.example/", match=r"2 sources \(website, feed\)")
    refused(path, remove_source, path, "a", "https://nope.example/", match="has no source")
    refused(path, remove_source, path, "zz", "https://a.example/", match="zz")
    remove_source(path, "a", "HTTPS://A.example", kind="feed")  # the same URL, spelled otherwise
    assert edits(text, path.read_text(encoding="utf-8")) == [
        ("delete", ["      - kind: feed\n", "        url: https://a.example/\n", "        every: 1h\n"],
         [])]  # a comment above it may be about more than this source: it stays
    remove_source(path, "a", "https://a.example/")
    assert path.read_text(encoding="utf-8") == (
        "companies:\n  - slug: a  # first\n    sources: []\n      # the feed:\n  - slug: b\n")
