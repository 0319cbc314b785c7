"""``monitor add`` and ``remove`` on a sources.yaml that shares values through YAML anchors and
aliases: an alias as a list item, an anchor on a company, merge keys (``<<:``).

Each edit must land where a hand edit would (every other byte kept, comments included), read
back as intended, and never change a company other than the one named; what cannot be edited
so is refused in one line that names the file, the line and the key.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import SourcesEdit, load_config
from monitor.errors import ConfigError

FEED = {"kind": "feed", "url": "https://new.example.com/rss"}
FEED_LINES = "      - kind: feed\n        url: https://new.example.com/rss\n"

ITEM_ALIAS = """\
companies:
  # the shared site is kept once
  - slug: acme
    name: Acme
    sources:
        - &web
          kind: website
          url: https://shared.example.com/
  - slug: beta
    name: Beta
    sources:
      - *web   # same site
      - kind: feed
        url: https://beta.example.com/feed
  - slug: gam
    name: Gam
    sources:
      - kind: website
        url: https://gam.example.com/
"""

FLOW_ANCHOR = """\
companies:
  - slug: acme
    name: Acme
    sources: [&web {kind: website, url: 'https://shared.example.com/'}]
  - slug: beta
    name: Beta
    sources:
      - *web
      - kind: feed
        url: https://beta.example.com/feed
  - slug: gam
    name: Gam
    sources:
      - kind: website
        url: https://gam.example.com/
"""

COMPANY_ANCHOR = """\
companies:
  - &acme
    slug: acme
    name: Acme
    tags: [space]
    sources:
      - kind: website
        url: https://acme.example.com/
  - <<: *acme   # same tags
    slug: beta
    name: Beta
    sources:
      - kind: website
        url: https://beta.example.com/
"""

SOURCE_MERGE = """\
companies:
  - slug: acme
    name: Acme
    sources:
      - &slow
        kind: website
        url: https://acme.example.com/
        every: 12h
  - slug: beta
    name: Beta
    sources:
      - <<: *slow
        url: https://beta.example.com/
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _urls(path: Path) -> dict[str, list[str]]:
    return {c.slug: [s.url for s in c.sources] for c in load_config(path).companies}


def _after(text: str, line: str, added: str) -> str:
    """``text`` with ``added`` inserted after the (only) line ``line``."""
    assert text.count(line) == 1
    return text.replace(line, line + added)


DEEPER = "        - kind: feed\n          url: https://new.example.com/rss\n"  # acme's layout


@pytest.mark.parametrize(("text", "lines"), [(ITEM_ALIAS, DEEPER), (FLOW_ANCHOR, FEED_LINES),
                                             (COMPANY_ANCHOR, FEED_LINES),
                                             (SOURCE_MERGE, FEED_LINES)],
                         ids=["item-alias", "flow-anchor", "company-anchor", "source-merge"])
def test_a_new_company_goes_after_the_last_whatever_the_anchors(tmp_path: Path, text: str,
                                                                lines: str) -> None:
    """A new company copies the layout of the first block list of sources."""
    path = _write(tmp_path, text)
    before = _urls(path)
    edit = SourcesEdit(path)
    edit.add_company({"slug": "newco", "name": "New", "sources": [FEED]})
    edit.write()
    assert path.read_text() == text + "  - slug: newco\n    name: New\n    sources:\n" + lines
    assert _urls(path) == {**before, "newco": [FEED["url"]]}


@pytest.mark.parametrize(("text", "slug", "last"), [
    (ITEM_ALIAS, "beta", "        url: https://beta.example.com/feed\n"),
    (ITEM_ALIAS, "gam", "        url: https://gam.example.com/\n"),
    (FLOW_ANCHOR, "beta", "        url: https://beta.example.com/feed\n"),
    (FLOW_ANCHOR, "gam", "        url: https://gam.example.com/\n"),
    (COMPANY_ANCHOR, "acme", "        url: https://acme.example.com/\n"),
    (COMPANY_ANCHOR, "beta", "        url: https://beta.example.com/\n"),
    (SOURCE_MERGE, "beta", "        url: https://beta.example.com/\n"),
], ids=["item-alias-beta", "item-alias-gam", "flow-anchor-beta", "flow-anchor-gam",
        "company-anchor-acme", "company-anchor-beta", "source-merge-beta"])
def test_a_source_is_added_below_the_company_own_list(tmp_path: Path, text: str, slug: str,
                                                      last: str) -> None:
    path = _write(tmp_path, text)
    before = _urls(path)
    edit = SourcesEdit(path)
    edit.add_source(slug, FEED)
    edit.write()
    assert path.read_text() == _after(text, last, FEED_LINES)
    assert _urls(path) == {**before, slug: [*before[slug], FEED["url"]]}


def test_a_source_is_added_to_the_list_holding_the_anchor(tmp_path: Path) -> None:
    """acme's list is indented deeper than the others: the new item follows its own dashes."""
    path = _write(tmp_path, ITEM_ALIAS)
    edit = SourcesEdit(path)
    edit.add_source("acme", FEED)
    edit.write()
    assert path.read_text() == _after(ITEM_ALIAS, "          url: https://shared.example.com/\n",
                                      DEEPER)


def test_the_alias_item_is_removed_on_its_own_line(tmp_path: Path) -> None:
    path = _write(tmp_path, ITEM_ALIAS)
    edit = SourcesEdit(path)
    edit.remove_source("beta", "https://shared.example.com/", "website")
    edit.write()
    assert path.read_text() == ITEM_ALIAS.replace("      - *web   # same site\n", "")
    assert _urls(path)["acme"] == ["https://shared.example.com/"]


def test_the_cli_adds_beside_an_alias(tmp_path: Path) -> None:
    path = _write(tmp_path, FLOW_ANCHOR)
    result = CliRunner().invoke(main, ["--sources", str(path), "--db", str(tmp_path / "m.db"),
                                       "add", "gam", "--feed", FEED["url"]])
    assert result.exit_code == 0, result.output
    assert "Added 1 source(s) to gam" in result.output
    assert FEED["url"] in _urls(path)["gam"]


MERGED_SOURCES = """\
companies:
  - &base
    slug: acme
    name: Acme
    sources:
      - kind: website
        url: https://acme.example.com/
  - <<: *base
    slug: beta
    name: Beta
"""

SHARED_LIST = """\
companies:
  - slug: acme
    name: Acme
    sources: &shared
      - kind: website
        url: https://acme.example.com/
  - slug: beta
    name: Beta
    sources: *shared
"""


@pytest.mark.parametrize(("text", "edit", "message"), [
    (MERGED_SOURCES, lambda e: e.add_source("beta", FEED),
     "sources.yaml:8: companies[1].sources come from a merge key (<<:)"),
    (MERGED_SOURCES, lambda e: e.add_source("acme", FEED),
     "sources.yaml: this edit of acme would also change beta"),
    (SHARED_LIST, lambda e: e.add_source("beta", FEED),
     "sources.yaml:7: companies[1].sources are the list *shared written elsewhere"),
    (SHARED_LIST, lambda e: e.remove_source("beta", "https://acme.example.com/"),
     "sources.yaml:7: companies[1].sources are the list *shared written elsewhere"),
    (SHARED_LIST, lambda e: e.add_source("acme", FEED),
     "sources.yaml: this edit of acme would also change beta"),
    (FLOW_ANCHOR, lambda e: e.add_source("acme", FEED),
     "sources.yaml:4: a flow list holding the anchor &web (or an alias of it) cannot be edited"),
], ids=["merged-list", "merged-from", "alias-list", "alias-list-remove", "anchored-list",
        "flow-anchor"])
def test_a_shared_list_is_refused_in_one_line_and_nothing_changes(
        tmp_path: Path, text: str, edit: object, message: str) -> None:
    path = _write(tmp_path, text)
    work = SourcesEdit(path)
    with pytest.raises(ConfigError) as raised:
        edit(work)  # type: ignore[operator]
    assert str(raised.value).startswith(str(tmp_path / message.split(":", 1)[0]) + ":"
                                        + message.split(":", 1)[1])
    assert "Traceback" not in str(raised.value) and not work.changed
    assert path.read_text() == text


@pytest.mark.parametrize(("text", "edit", "line", "name"), [
    (ITEM_ALIAS, lambda e: e.remove_company("acme"), 6, "web"),
    (ITEM_ALIAS, lambda e: e.remove_source("acme", "https://shared.example.com/"), 6, "web"),
    (COMPANY_ANCHOR, lambda e: e.remove_company("acme"), 2, "acme"),
    (SOURCE_MERGE, lambda e: e.remove_source("acme", "https://acme.example.com/"), 5, "slow"),
], ids=["company-with-anchor", "anchored-item", "anchored-company", "merged-from-item"])
def test_removing_an_anchor_still_used_is_refused_at_its_line(
        tmp_path: Path, text: str, edit: object, line: int, name: str) -> None:
    path = _write(tmp_path, text)
    work = SourcesEdit(path)
    with pytest.raises(ConfigError) as raised:
        edit(work)  # type: ignore[operator]
    assert str(raised.value) == (f"{path}:{line}: the anchor &{name} is still used by an alias"
                                 f" (*{name}) elsewhere; replace the alias first; not changed")
    assert path.read_text() == text
