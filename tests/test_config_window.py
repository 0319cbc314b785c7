"""Editing one company of a big file reads only a window of it round-trip: the result is the
one the whole-file edit gives, byte for byte, and every other line of the file is kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.config import SourcesEdit, files
from monitor.config.window import cut

# Entries in every layout the editor meets: block and flow, comments above, inside and after
# entries, blank lines between some, a dash alone on its line, quoted and long values.
ENTRIES = [
    "  - slug: a0\n    name: A zero   # kept as typed\n    sources:\n"
    "      - kind: website\n        url: https://a0.example.com/\n",
    "  - {slug: a1, name: 'A one', sources: [{kind: website, url: 'https://a1.example.com/'}]}\n",
    "\n  # header of a2\n  - slug: a2\n    sources:\n      - {kind: feed, url: https://a2.example.com/f}\n"
    "      # - kind: website  (commented out)\n",
    "  -\n    slug: a3\n    tags: [x, y]\n    sources:\n        -   kind: website\n"
    "            url: \"https://a3.example.com/\"\n\n",
    "  - slug: a4\n    sources: []\n",
    "  - {slug: a5, sources: [{kind: website, url: 'https://a5.example.com/'},"
    " {kind: feed, url: 'https://a5.example.com/feed'}]}\n",
]


def fleet(count: int) -> str:
    body = "".join(ENTRIES[i % len(ENTRIES)].replace(f"a{i % len(ENTRIES)}", f"c{i:04d}")
                   for i in range(count))
    return f"# the fleet\ndefaults:\n  every: 6h\ncompanies:   # all of them\n{body}\n# the end\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o600)
    return path


def edited(tmp_path: Path, text: str, change: Callable[[SourcesEdit], object],
           window: bool) -> str:
    path = write(tmp_path / ("window.yaml" if window else "whole.yaml"), text)
    work = SourcesEdit(path)
    change(work)
    return work.text()


def both(tmp_path: Path, text: str, change: Callable[[SourcesEdit], object],
         monkeypatch: pytest.MonkeyPatch, windowed: bool = True) -> tuple[str, str]:
    """The edit through a window (``windowed``: the whole file is never parsed round-trip),
    and through the whole file (windows switched off)."""
    parsed: list[Path] = []
    real = files.parse_document
    with monkeypatch.context() as patch:
        patch.setattr(files, "parse_document",
                      lambda path, *args: parsed.append(path) or real(path, *args))
        through_window = edited(tmp_path, text, change, window=True)
    assert (parsed == []) is windowed
    with monkeypatch.context() as patch:
        patch.setattr(files, "cut", lambda lines, slug: None)
        whole = edited(tmp_path, text, change, window=False)
    return through_window, whole


FEED = {"kind": "feed", "url": "https://news.example.com/rss"}
CHANGES: dict[str, Callable[[str], Callable[[SourcesEdit], object]]] = {
    "add_source": lambda slug: lambda work: work.add_source(slug, FEED),
    "remove_company": lambda slug: lambda work: work.remove_company(slug),
    "remove_source": lambda slug: lambda work: work.remove_source(slug, first_url(work, slug)),
}


def first_url(work: SourcesEdit, slug: str) -> str:
    company = work.company(slug)
    assert company is not None
    return company.sources[0].url


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_every_layout_edits_as_the_whole_file_would(tmp_path: Path, name: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Each company of the file (first, last, each layout) edited through its window gives the
    whole-file edit's text exactly."""
    text = fleet(14)
    for i in range(14):
        slug = f"c{i:04d}"
        if name == "remove_source" and i % len(ENTRIES) == 4:
            continue  # a4 has no source to remove
        through_window, whole = both(tmp_path, text, CHANGES[name](slug), monkeypatch)
        assert through_window == whole, slug
        assert through_window != text


def test_a_new_company_is_appended_as_the_whole_file_would(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    company = {"slug": "new", "sources": [FEED]}
    for count in (1, 2, 5, 6, 9):
        text = fleet(count)
        through_window, whole = both(tmp_path, text, lambda work: work.add_company(company),
                                     monkeypatch)
        assert through_window == whole and "slug: new" in through_window


def test_a_big_file_keeps_every_other_byte(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A source added to one company of 3,000: only lines inside its entry change, and the
    whole document is never parsed round-trip."""
    text = fleet(3000)
    parsed: list[Path] = []
    real = files.parse_document
    monkeypatch.setattr(files, "parse_document",
                        lambda path, *args: parsed.append(path) or real(path, *args))
    path = write(tmp_path / "sources.yaml", text)
    work = SourcesEdit(path)
    work.add_source("c1501", FEED)  # a flow entry: rewritten in block style, then appended
    work.write()
    after = path.read_text()
    assert parsed == []
    lines, new = text.splitlines(keepends=True), after.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "c1501" in line)
    assert new[:at] == lines[:at]
    assert new[-(len(lines) - at - 1):] == lines[at + 1:]
    assert "news.example.com/rss" in "".join(new[at:len(new) - (len(lines) - at - 1)])


def test_what_a_window_cannot_hold_is_edited_on_the_whole_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias to an anchor in another entry, or a flow-style companies list: no window."""
    anchored = ("companies:\n  - {slug: a, aliases: &names [x, y], sources: []}\n"
                "  - slug: b\n    sources:\n      - {kind: feed, url: 'https://b.example.com/'}\n"
                "  - {slug: c, sources: []}\n  - {slug: d, sources: []}\n"
                "  - slug: e\n    aliases: *names\n    sources:\n"
                "      - {kind: website, url: 'https://e.example.com/'}\n")
    assert cut(anchored.splitlines(keepends=True), "e") is not None  # cut, but cannot be read
    through_window, whole = both(tmp_path, anchored, CHANGES["add_source"]("e"), monkeypatch,
                                 windowed=False)
    assert through_window == whole and "*names" in through_window
    flow = "companies: [{slug: a, sources: []}, {slug: b, sources: []}]\n"
    assert cut(flow.splitlines(keepends=True), "a") is None
    through_window, whole = both(tmp_path, flow, CHANGES["add_source"]("b"), monkeypatch,
                                 windowed=False)
    assert through_window == whole
