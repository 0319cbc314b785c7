"""``include:`` in sources.yaml: globs, nesting, cycles, duplicates across files, and errors that
name the right file and line."""

from __future__ import annotations

import logging
import os
import textwrap
from pathlib import Path

import pytest

from monitor.clock import utcnow
from monitor.config import load_config, parse_config
from monitor.errors import ConfigError
from monitor.scheduler.reload import ConfigWatcher
from monitor.store.db import open_db


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    path.chmod(0o600)
    return path


def company(slug: str, host: str | None = None) -> str:
    host = host or f"{slug}.example.com"
    return f"  - {{slug: {slug}, sources: [{{kind: website, url: 'https://{host}/'}}]}}\n"


def test_glob_include_adds_the_companies_of_every_match_in_order(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: ['companies/*.yaml']\ncompanies:\n"
               + company("main"))
    put(tmp_path / "companies" / "b.yaml", "companies:\n" + company("bee"))
    put(tmp_path / "companies" / "a.yaml", "companies:\n" + company("ant"))
    put(tmp_path / "companies" / "notes.txt", "not yaml: [")
    put(tmp_path / "companies" / ".draft.yaml", "not yaml: [")  # hidden: not matched
    config = load_config(main)
    assert [c.slug for c in config.companies] == ["main", "ant", "bee"]
    assert config.homes["bee"] == tmp_path / "companies" / "b.yaml"
    assert config.files == (main, tmp_path / "companies" / "a.yaml", tmp_path / "companies" / "b.yaml")


def test_a_single_path_and_nested_includes_are_relative_to_their_file(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: teams/space.yaml\n")
    put(tmp_path / "teams" / "space.yaml",
        "include: [lunar/moon.yaml]\ncompanies:\n" + company("space"))
    put(tmp_path / "teams" / "lunar" / "moon.yaml", "companies:\n" + company("ispace"))
    config = load_config(main)
    assert [c.slug for c in config.companies] == ["space", "ispace"]
    assert config.homes["ispace"] == tmp_path / "teams" / "lunar" / "moon.yaml"


def test_defaults_reach_included_files_and_theirs_override_them(tmp_path: Path) -> None:
    """The main file's defaults apply everywhere; an included file's own apply to its own
    companies and what it includes, key by key."""
    main = put(tmp_path / "sources.yaml", """
        defaults: {every: 6h, confirm: 3}
        include: [fast.yaml, plain.yaml]
        """)
    put(tmp_path / "fast.yaml", "defaults: {every: 10m}\ninclude: [deeper.yaml]\ncompanies:\n"
        + company("quick"))
    put(tmp_path / "deeper.yaml", "companies:\n" + company("deep"))
    put(tmp_path / "plain.yaml", "companies:\n" + company("slow"))
    by_slug = {c.slug: c.sources[0] for c in load_config(main).companies}
    assert (by_slug["quick"].every, by_slug["quick"].confirm) == (600.0, 3)
    assert (by_slug["deep"].every, by_slug["deep"].confirm) == (600.0, 3)
    assert (by_slug["slow"].every, by_slug["slow"].confirm) == (6 * 3600.0, 3)
    assert dict(load_config(main).defaults) == {"every": "6h", "confirm": 3}


def test_a_cycle_is_refused_at_the_line_that_closes_it(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: [a.yaml]\ncompanies:\n" + company("main"))
    put(tmp_path / "a.yaml", "companies:\n" + company("ant") + "include:\n  - b.yaml\n")
    put(tmp_path / "b.yaml", "# back to the start\ninclude: [sources.yaml]\n")
    with pytest.raises(ConfigError) as info:
        load_config(main)
    assert str(info.value) == (
        f"{tmp_path / 'b.yaml'}:2: include[0]: include cycle: {main} → {tmp_path / 'a.yaml'}"
        f" → {tmp_path / 'b.yaml'} → {main}; a file cannot include itself, directly or through"
        " others")


def test_a_glob_that_matches_its_own_file_is_a_cycle(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: ['*.yaml']\n")
    put(tmp_path / "more.yaml", "companies:\n" + company("more"))
    with pytest.raises(ConfigError, match=r"sources.yaml:1: include\[0\]: include cycle: "):
        load_config(main)


def test_a_file_included_twice_is_refused_naming_the_first_place(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include:\n  - a.yaml\n  - shared/*.yaml\n")
    put(tmp_path / "a.yaml", "include: [shared/common.yaml]\n")
    put(tmp_path / "shared" / "common.yaml", "companies:\n" + company("common"))
    with pytest.raises(ConfigError) as info:
        load_config(main)
    assert str(info.value) == (
        f"{main}:3: include[1]: {tmp_path / 'shared' / 'common.yaml'} is included twice (first as"
        f" {tmp_path / 'shared' / 'common.yaml'} by {tmp_path / 'a.yaml'}:1); each file may be"
        " included once")


def test_a_slug_defined_in_two_files_names_both_files_and_lines(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: [more.yaml]\ncompanies:\n"
               + company("ant") + company("acme"))
    more = put(tmp_path / "more.yaml", "# the second team's list\ncompanies:\n"
               + company("bee") + company("acme", "acme.example.org"))
    with pytest.raises(ConfigError) as info:
        load_config(main)
    assert str(info.value) == (
        f"{more}:4: companies[1].slug: duplicate slug 'acme'; first used at {main}:4")


def test_errors_in_included_files_name_their_file_and_line(tmp_path: Path) -> None:
    """Each file's problems with its own lines, files in the order they are read."""
    main = put(tmp_path / "sources.yaml", "include: [a.yaml]\ncompanies:\n" + company("main")
               + "  - slug: Bad Slug\n")
    a = put(tmp_path / "a.yaml", """
        companies:
          - slug: ant
            sources:
              - kind: website
                urll: https://ant.example.com/
        """)
    with pytest.raises(ConfigError) as info:
        load_config(main)
    lines = str(info.value).splitlines()
    assert lines[0].startswith(f"{main}:4: companies[1].slug: ")
    assert lines[1].startswith(f"{a}:5: companies[0].sources[0].urll: unknown option")
    assert len(lines) == 2


def test_an_include_that_finds_nothing_is_an_error_not_an_empty_fleet(tmp_path: Path) -> None:
    """A typo in a path must not quietly drop (and so retire) a folder of companies."""
    main = put(tmp_path / "sources.yaml", "companies: []\ninclude:\n  - compnies/*.yaml\n"
               "  - missing.yaml\n  - {path: x}\n")
    with pytest.raises(ConfigError) as info:
        load_config(main)
    assert str(info.value).splitlines() == [
        f"{main}:3: include[0]: compnies/*.yaml: matches no file (relative to {tmp_path})",
        f"{main}:4: include[1]: missing.yaml: no such file (relative to {tmp_path})",
        f"{main}:5: include[2]: expected a path or glob, got {{'path': 'x'}}",
    ]


def test_included_files_get_the_same_trust_checks(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: [open.yaml]\n")
    put(tmp_path / "open.yaml", "companies: []\n").chmod(0o666)
    with pytest.raises(ConfigError, match=r"open.yaml: refusing a group- or world-writable"):
        load_config(main)


def test_yaml_syntax_error_in_an_included_file_names_it(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: [broken.yaml]\n")
    broken = put(tmp_path / "broken.yaml", "companies:\n  - slug: [a\n")
    with pytest.raises(ConfigError, match=rf"^{broken}:3:1: YAML syntax error"):
        load_config(main)


def test_parse_config_text_follows_includes_next_to_its_path(tmp_path: Path) -> None:
    put(tmp_path / "more.yaml", "companies:\n" + company("more"))
    config = parse_config("include: [more.yaml]\n", tmp_path / "sources.yaml")
    assert [c.slug for c in config.companies] == ["more"]


def test_stamps_cover_every_file_and_globbed_folder(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: ['d/*.yaml']\n")
    put(tmp_path / "d" / "a.yaml", "companies:\n" + company("ant"))
    watched = dict(load_config(main).stamps)
    assert set(watched) == {main, tmp_path / "d", tmp_path / "d" / "a.yaml"}
    assert all(stamp is not None for stamp in watched.values())


def later(path: Path) -> None:
    """Move a file's or folder's mtime on, as a save a moment later would (folder mtimes are as
    coarse as the kernel's clock tick, so two changes within a test could share one)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_the_daemon_reloads_on_a_change_to_any_included_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    main = put(tmp_path / "sources.yaml", "include: ['teams/*.yaml']\ncompanies:\n"
               + company("main"))
    team = put(tmp_path / "teams" / "a.yaml", "include: [deep/z.yaml]\ncompanies:\n"
               + company("ant"))
    deep = put(tmp_path / "teams" / "deep" / "z.yaml", "companies:\n" + company("zed"))
    db = open_db(tmp_path / "monitor.db")
    watcher = ConfigWatcher(main, db, utcnow, allow_private=True)
    watcher.load()
    assert watcher.poll() is False  # nothing changed
    put(deep, "companies:\n" + company("zed") + company("zoo"))
    later(deep)
    assert watcher.poll() is True
    assert "zoo:website:" in " ".join(watcher.sources)
    put(tmp_path / "teams" / "b.yaml", "companies:\n" + company("bee"))  # a new file in the glob
    later(tmp_path / "teams")
    assert watcher.poll() is True
    companies = dict.fromkeys(s.company for s in watcher.sources.values())  # in config order
    assert list(companies) == ["main", "ant", "zed", "zoo", "bee"]
    before = dict(watcher.sources)
    put(team, "include: [deep/z.yaml, deep/new.yaml]\ncompanies:\n" + company("ant"))
    later(team)
    with caplog.at_level(logging.ERROR, "monitor.scheduler"):
        assert watcher.poll() is False  # new.yaml does not exist yet: the old config stays
    assert "deep/new.yaml: no such file" in caplog.text
    assert watcher.sources == before
    later(put(tmp_path / "teams" / "deep" / "new.yaml", "companies:\n" + company("neo")))
    assert watcher.poll() is True
    active = db.execute("SELECT slug FROM companies WHERE removed_at IS NULL ORDER BY slug")
    assert [row[0] for row in active] == ["ant", "bee", "main", "neo", "zed", "zoo"]


def test_a_fix_in_a_file_that_failed_to_load_is_picked_up(tmp_path: Path) -> None:
    """The files a failed load read are watched too, though the config in use never had them."""
    main = put(tmp_path / "sources.yaml", "companies:\n" + company("main"))
    watcher = ConfigWatcher(main, open_db(tmp_path / "monitor.db"), utcnow, allow_private=True)
    watcher.load()
    extra = put(tmp_path / "extra.yaml", "companies:\n  - slug: Bad Slug\n")
    put(main, "include: [extra.yaml]\ncompanies:\n" + company("main"))
    later(main)
    assert watcher.poll() is False
    put(extra, "companies:\n" + company("good"))
    later(extra)
    assert watcher.poll() is True
    assert {s.company for s in watcher.sources.values()} == {"main", "good"}


def test_the_size_limit_holds_for_all_files_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Splitting a file does not lift the cap on what one load reads (memory, parse time)."""
    monkeypatch.setattr("monitor.config.include.MAX_BYTES", 300)
    main = put(tmp_path / "sources.yaml", "include: ['parts/*.yaml']\n")
    for part in range(4):
        put(tmp_path / "parts" / f"p{part}.yaml",
            "companies:\n" + company(f"a{part}") + company(f"b{part}"))
    with pytest.raises(ConfigError, match=r"p1.yaml: the included files pass 300 bytes together"):
        load_config(main)


def test_a_recursive_glob_reaches_every_folder_below(tmp_path: Path) -> None:
    main = put(tmp_path / "sources.yaml", "include: ['teams/**/*.yaml']\n")
    put(tmp_path / "teams" / "top.yaml", "companies:\n" + company("top"))
    put(tmp_path / "teams" / "a" / "b" / "deep.yaml", "companies:\n" + company("deep"))
    assert {c.slug for c in load_config(main).companies} == {"top", "deep"}


def test_wildcards_count_in_the_pattern_only_not_in_the_folders_above(tmp_path: Path) -> None:
    """A config kept in a folder named like a glob (``fleet[old]``) still finds its files."""
    main = put(tmp_path / "fleet[old]" / "sources.yaml", "include: ['d/*.yaml', 'd/one.yaml']\n")
    put(tmp_path / "fleet[old]" / "d" / "one.yaml", "companies:\n" + company("one"))
    with pytest.raises(ConfigError, match=r"include\[1\]: .*one.yaml is included twice"):
        load_config(main)
    put(main, "include: ['d/*.yaml']\n")
    assert [c.slug for c in load_config(main).companies] == ["one"]


def test_includes_nested_too_deep_are_refused_not_a_crash(tmp_path: Path) -> None:
    main = put(tmp_path / "f0.yaml", "include: [f1.yaml]\n")
    for level in range(1, 40):
        put(tmp_path / f"f{level}.yaml", f"include: [f{level + 1}.yaml]\n")
    put(tmp_path / "f40.yaml", "companies:\n" + company("deep"))
    with pytest.raises(ConfigError, match=r"^\S+f31.yaml:1: include\[0\]: includes nested more "
                                          r"than 32 files deep$"):
        load_config(main)
