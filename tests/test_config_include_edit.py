"""Edits of a sources.yaml with includes: each lands in the file that holds the company, keeps
that file's comments and layout, and leaves every other file byte for byte as it was."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from monitor.cli import main
from monitor.config import SourcesEdit, load_config
from monitor.errors import ConfigError

MAIN = """\
# our fleet
defaults: {every: 6h}
include: ['teams/*.yaml']

companies:
  - slug: acme    # the first one
    sources:
      - {kind: website, url: 'https://acme.example/'}
"""
LUNAR = """\
companies:
  # moon people, keep sorted
  - slug: ispace
    name: ispace   # lunar
    sources:
      - kind: website
        url: https://ispace.example/   # home

  - slug: astro
    sources:
      - kind: website
        url: https://astro.example/
"""


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def fleet(tmp_path: Path) -> tuple[Path, Path, Path]:
    main_file = put(tmp_path / "sources.yaml", MAIN)
    lunar = put(tmp_path / "teams" / "lunar.yaml", LUNAR)
    other = put(tmp_path / "teams" / "other.yaml", "companies:\n  - slug: zeta\n")
    return main_file, lunar, other


def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in paths}


def test_a_source_is_added_in_the_file_that_holds_the_company(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, other = fleet
    before = snapshot(main_file, other)
    edit = SourcesEdit(main_file)
    edit.add_source("ispace", {"kind": "feed", "url": "https://ispace.example/feed.xml"})
    assert edit.files_changed == (lunar,)
    edit.write()
    assert snapshot(main_file, other) == before
    assert lunar.read_text() == LUNAR.replace(
        "        url: https://ispace.example/   # home\n",
        "        url: https://ispace.example/   # home\n"
        "      - kind: feed\n        url: https://ispace.example/feed.xml\n")
    assert load_config(main_file).homes["ispace"] == lunar


def test_removing_a_company_edits_only_its_file(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, other = fleet
    before = snapshot(main_file, other)
    edit = SourcesEdit(main_file)
    edit.remove_company("astro")
    edit.write()
    assert snapshot(main_file, other) == before
    assert lunar.read_text() == LUNAR.split("\n  - slug: astro")[0]
    assert "# moon people, keep sorted" in lunar.read_text()


def test_removing_a_source_edits_only_its_file(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, other = fleet
    before = snapshot(main_file, other)
    edit = SourcesEdit(main_file)
    edit.remove_source("astro", "https://astro.example/")
    edit.write()
    assert snapshot(main_file, other) == before
    assert "  - slug: astro\n    sources: []\n" in lunar.read_text()


def test_a_new_company_goes_to_the_main_file_or_the_one_asked_for(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, _other = fleet
    edit = SourcesEdit(main_file)
    edit.add_company({"slug": "newco", "sources": [{"kind": "website", "url": "https://n.example/"}]})
    edit.add_company({"slug": "moonco"}, into=lunar)
    assert edit.files_changed == (main_file, lunar)
    edit.write()
    homes = load_config(main_file).homes
    assert (homes["newco"], homes["moonco"]) == (main_file, lunar)
    assert main_file.read_text().startswith(MAIN)
    assert lunar.read_text().startswith(LUNAR)


def test_a_file_outside_the_config_is_refused_for_a_new_company(
    fleet: tuple[Path, ...], tmp_path: Path
) -> None:
    main_file, _lunar, _ = fleet
    stray = put(tmp_path / "stray.yaml", "companies: []\n")
    with pytest.raises(ConfigError, match=r"stray.yaml: not .*sources.yaml nor a file it includes"):
        SourcesEdit(main_file).add_company({"slug": "x"}, into=stray)


def test_a_slug_used_in_another_file_is_refused_naming_that_file(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, _ = fleet
    before = snapshot(main_file, lunar)
    with pytest.raises(ConfigError) as info:
        SourcesEdit(main_file).add_company({"slug": "astro"})
    assert str(info.value) == f"{lunar}:9: companies[1].slug: company 'astro' already exists"
    assert snapshot(main_file, lunar) == before


def test_an_unknown_slug_lists_the_companies_of_every_file(fleet: tuple[Path, ...]) -> None:
    main_file, _, _ = fleet
    with pytest.raises(ConfigError, match=r"unknown company 'ispac'; known: acme, astro, ispace, "
                                          r"zeta \(did you mean 'ispace'\?\)"):
        SourcesEdit(main_file).add_source("ispac", {"kind": "feed", "url": "https://i.example/f"})


def test_when_a_second_file_cannot_be_written_the_first_is_put_back(
    fleet: tuple[Path, ...]
) -> None:
    main_file, lunar, _ = fleet
    before = snapshot(main_file, lunar)
    edit = SourcesEdit(main_file)
    edit.add_company({"slug": "newco"})
    edit.add_source("ispace", {"kind": "feed", "url": "https://ispace.example/feed.xml"})
    lunar.write_text(LUNAR + "# saved meanwhile by someone else\n")
    with pytest.raises(ConfigError, match="changed by someone else"):
        edit.write()
    assert main_file.read_bytes() == before[main_file]


def run(main_file: Path, *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(main, ["--sources", str(main_file),
                                       "--db", str(main_file.parent / "monitor.db"), *args])
    assert result.exit_code == code, result.output
    return result


def test_the_cli_says_which_file_it_wrote(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, other = fleet
    result = run(main_file, "add", "ispace", "--feed", "https://ispace.example/feed.xml")
    assert f"Added 1 source(s) to ispace in {lunar}." in result.output.replace("\n", " ")
    result = run(main_file, "add", "selene", "--website", "https://selene.example/",
                 "--file", str(other))
    assert f"to {other}" in result.output.replace("\n", "")
    result = run(main_file, "remove", "selene", "--yes")
    assert f"Removed selene from {other}" in result.output.replace("\n", "")
    assert other.read_text() == "companies:\n  - slug: zeta\n"


def test_an_edit_refused_in_an_included_file_names_it(fleet: tuple[Path, ...]) -> None:
    main_file, lunar, _ = fleet
    before = snapshot(main_file, lunar)
    with pytest.raises(ConfigError) as info:
        SourcesEdit(main_file).add_source("astro", {"kind": "website", "url": "ftp://astro.example/"})
    lines = str(info.value).splitlines()
    assert lines[0].startswith(f"{lunar}:14: companies[1].sources[1].url: ")
    assert lines[-1] == f"{lunar}: not changed (line numbers are those of the edited text)"
    assert snapshot(main_file, lunar) == before
