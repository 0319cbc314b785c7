"""Loading and validating sources.yaml: every refusal names file:line: path and the valid choices."""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest

from monitor.config import (
    Config,
    load_config,
    parse_config,
    parse_interval,
    source_id,
    validate_slug,
)
from monitor.config.reader import MAX_BYTES, MAX_NODES
from monitor.errors import ConfigError
from monitor.sources import KINDS, Kind, SourceOptions

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "sources.yaml"
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="no group/world write bits on Windows")


def write(tmp_path: Path, text: str, name: str = "sources.yaml") -> Path:
    """Write a fixture with safe permissions whatever the umask is."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    path.chmod(0o644)
    return path


def error_of(path: Path, *, allow_private: bool = False) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path, allow_private=allow_private)
    return str(info.value)


def one_company(sources: str) -> str:
    """A valid file around the given source entries (they start on line 5)."""
    return "companies:\n  - slug: acme\n    name: ACME\n    sources:\n" + textwrap.indent(
        textwrap.dedent(sources), "      "
    )


# --- A1-A10 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("companies:\n  - slug: a\n\tname: A\n", ":3:1: YAML syntax error: found character '\\t'"),
        (
            'companies:\n  - slug: a\n    name: "A\n',
            "(while scanning a quoted scalar started at line 3)",
        ),
        ("companies: [a\ndefaults: {}\n", ":2:"),
        ("companies: []\n---\ncompanies: []\n", ":2:1: YAML syntax error"),
    ],
)
def test_A1_yaml_syntax_error_names_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    message = error_of(path)
    assert message.startswith(f"{path}:")
    assert expected in message


def test_A1_tab_indent_hints_spaces(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "companies:\n  - slug: a\n\tname: A\n"))
    assert message.endswith("(indent with spaces, not tabs)")


def test_A1_duplicate_yaml_key_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "companies:\n  - slug: a\n    name: A\n    name: B\n")
    assert error_of(path) == (
        f'{path}:4:5: found duplicate key "name" (in the mapping that starts at line 2)'
    )


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        "!custom {{q: 1}}",
        "!!str 5",
    ],
)
def test_A2_python_tag_refused(tmp_path: Path, value: str) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, f"companies:\n  - slug: a\n    name: {value.format(marker=marker)}\n")
    message = error_of(path)
    assert message.startswith(f"{path}:3:11: YAML tag '")
    assert "tags are not allowed (safe loading only" in message
    assert not marker.exists()


@pytest.mark.timeout(60)  # hang guard: expanding 10**9 leaves never ends
def test_A3_alias_bomb_bounded(tmp_path: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")  # 10**9 leaves
    path = write(tmp_path, "\n".join(levels) + "\ncompanies: []\n")
    message = error_of(path)
    assert message == f"{path}: aliases expand to more than {MAX_NODES} values (alias bomb?)"


def test_A3_too_many_aliases(tmp_path: Path) -> None:
    path = write(tmp_path, "a: &a x\nb: [" + ", ".join(["*a"] * 1001) + "]\n")
    assert "more than 1000 aliases (alias bomb?)" in error_of(path)


@pytest.mark.timeout(60)  # hang guard: a value holding itself recursed without end
@pytest.mark.parametrize(
    ("text", "where", "alias"),
    [
        ("companies: &c\n  acme:\n    name: Acme\n    sources: *c\n", "4:14", "c"),
        ("companies:\n  acme: &a\n    name: Acme\n    sources:\n"
         "      - {kind: website, url: 'https://acme.example/', x: *a}\n", "5:58", "a"),
        ("companies: [&l [1, *l]]\n", "1:20", "l"),
    ],
)
def test_A3_alias_inside_its_own_anchor_refused(
    tmp_path: Path, text: str, where: str, alias: str
) -> None:
    path = write(tmp_path, text)
    assert error_of(path) == (f"{path}:{where}: alias '*{alias}' is used inside its own anchor "
                              f"'&{alias}' (a value cannot contain itself)")


def test_A3_alias_after_its_anchor_closed_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "companies:\n  - slug: a\n    name: A\n    sources: &s []\n"
                           "  - slug: b\n    name: B\n    sources: *s\n")
    assert sorted(c.slug for c in load_config(path).companies) == ["a", "b"]


def test_A3_deep_nesting_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "companies: " + "[" * 5000 + "]" * 5000 + "\n")
    assert error_of(path).startswith(f"{path}:1:")
    assert "nested more than 32 levels deep" in error_of(path)


def test_A3_file_over_one_mib_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "# " + "x" * MAX_BYTES + "\n")
    assert (
        error_of(path) == f"{path}: file is {MAX_BYTES + 3} bytes; the limit is {MAX_BYTES} bytes"
        " (64 MiB, room for about 100,000 companies)"
    )


def test_A4_duplicate_slug_names_both(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        companies:
          - slug: ispace
            name: ispace
          - slug: astrobotic
          - slug: ispace
            name: ispace again
        """,
    )
    assert error_of(path) == (
        f"{path}:5: companies[2].slug: duplicate slug 'ispace'; first used at line 2"
    )


@pytest.mark.parametrize(
    "slug",
    [
        "../etc",
        "a/b",
        "has space",
        "Ispace",
        "-lead",
        "ıspace",
        "isp\u200bace",
        "a" * 65,
        "",
        "a\n",
    ],
)
def test_A5_bad_slugs(tmp_path: Path, slug: str) -> None:
    with pytest.raises(ConfigError, match="bad slug"):
        validate_slug(slug)
    path = write(tmp_path, f"companies:\n  - slug: {json.dumps(slug)}\n")  # YAML reads JSON escapes
    message = error_of(path)
    assert message.startswith(f"{path}:2: companies[0].slug: bad slug ")
    assert "use 1-64 characters a-z, 0-9 and '-'" in message


def test_A5_slug_suggestion_and_limits(tmp_path: Path) -> None:
    assert validate_slug("a" * 64) == "a" * 64
    assert validate_slug("0-g") == "0-g"
    with pytest.raises(ConfigError, match=r"\(try 'intuitive-machines'\)"):
        validate_slug("Intuitive Machines")
    path = write(tmp_path, "companies:\n  - slug: 2001\n")
    assert "companies[0].slug: bad slug 2001" in error_of(path)


def test_A6_unknown_key_did_you_mean(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        compaines: []
        defaults:
          evry: 6h
        companies:
          - slug: acme
            webiste: https://acme.example/
            sources:
              - kind: webiste
                url: https://acme.example/
              - kind: website
                urll: https://acme.example/about
        """,
    )
    assert error_of(path).splitlines() == [
        f"{path}:1: compaines: unknown key; known: companies, defaults, include (did you mean 'companies'?)",
        f"{path}:3: defaults.evry: unknown key; known: confirm, every, settle (did you mean 'every'?)",
        f"{path}:6: companies[0].webiste: unknown key; known: aliases, name, slug, sources, tags"
        " (did you mean a 'website' source under sources?)",
        f"{path}:8: companies[0].sources[0].kind: unknown kind 'webiste'; known: "
        f"{', '.join(sorted(KINDS))} (did you mean 'website'?)",
        f"{path}:11: companies[0].sources[1].urll: unknown option; known: confirm, country, every,"
        " exclude, ignore, include, proxy, render, settle, url (did you mean 'url'?)",
    ]


@pytest.mark.parametrize(
    ("text", "line", "where"),
    [
        ("slack: https://hooks.slack.com/services/T000/B000/XXXX\n", 1, "slack"),
        (
            "companies:\n  - slug: a\n    name: https://hooks.slack.com/services/TXXXX/BXXXX/x\n",
            3,
            "companies[0].name",
        ),
        ("companies: []\n# https://hooks.slack.com/services/T000/B000/XXXX\n", 2, "comment"),
        ("companies:\n  - slug: a\n    password: hunter2\n", 3, "companies[0].password"),
        ("slack_webhook: x\ncompanies: []\n", 1, "slack_webhook"),
        ("defaults:\n  apiToken: x\n", 2, "defaults.apiToken"),
        (
            one_company("- kind: feed\n  url: https://a.example/\n  token: abc\n"),
            7,
            "companies[0].sources[0].token",
        ),
        (
            "companies:\n  - slug: a\n    tags: [xoxb-123456789012-abcdefABCDEF]\n",
            3,
            "companies[0].tags[0]",
        ),
    ],
)
def test_A7_secret_in_yaml_refused(tmp_path: Path, text: str, line: int, where: str) -> None:
    path = write(tmp_path, text)
    message = error_of(path)
    assert message.startswith(f"{path}:{line}: {where}: ")
    assert message.endswith("secrets belong in the environment; name a channel instead")


def test_A7_webhook_as_source_url_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, one_company("- kind: feed\n  url: https://hooks.slack.com/services/TXXXX/BXXXX/x\n")
    )
    assert error_of(path) == (
        f"{path}:6: companies[0].sources[0].url: holds a Slack webhook URL; "
        "secrets belong in the environment; name a channel instead"
    )


def test_A7_ordinary_words_are_not_secrets(tmp_path: Path) -> None:
    path = write(
        tmp_path, "companies:\n  - slug: a\n    tags: [authority, tokenomics, passenger]\n"
    )
    assert load_config(path).company("a").tags == ("authority", "tokenomics", "passenger")


@POSIX_ONLY
@pytest.mark.parametrize("mode", [0o666, 0o664, 0o646])
def test_A8_world_writable_refused(tmp_path: Path, mode: int) -> None:
    path = write(tmp_path, "companies: []\n")
    path.chmod(mode)
    assert error_of(path) == (
        f"{path}: refusing a group- or world-writable config (mode {mode:04o}); "
        f"fix it with: chmod go-w {path}"
    )
    path.chmod(0o600)
    assert load_config(path).companies == ()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "# only a comment\n",
        "companies:\n",
        "companies: []\n",
        "defaults:\n  every: 6h\n",
    ],
)
def test_A10_empty_file_ok(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    config = load_config(path)
    assert config.companies == ()
    assert config.sources == ()
    assert config.path == path


# --- kinds, options, types --------------------------------------------------------------------


def test_missing_kind_lists_kinds(tmp_path: Path) -> None:
    path = write(tmp_path, one_company("- url: https://acme.example/\n"))
    assert error_of(path) == (
        f"{path}:5: companies[0].sources[0].kind: missing; known kinds: {', '.join(sorted(KINDS))}"
    )


def test_missing_url(tmp_path: Path) -> None:
    path = write(tmp_path, one_company("- kind: feed\n  every: 1h\n"))
    assert (
        error_of(path) == f"{path}:5: companies[0].sources[0].url: missing; a feed source needs it"
    )


def test_options_are_checked_per_kind(tmp_path: Path) -> None:
    # `country` is a website option, not a feed option.
    path = write(tmp_path, one_company("- kind: feed\n  url: https://a.example/f\n  country: JP\n"))
    assert error_of(path) == (
        f"{path}:7: companies[0].sources[0].country: unknown option; "
        "known: confirm, every, exclude, ignore, include, proxy, settle, url"
    )


def test_wrong_types_name_the_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        companies:
          - slug: acme
            name: 3
            aliases: acme inc
            sources:
              - kind: website
                url: https://acme.example/
                include: .main
                confirm: x
              - kind: feed
                url: https://acme.example/f
                every: 30
              - just a string
        """,
    )
    assert error_of(path).splitlines() == [
        f"{path}:3: companies[0].name: expected a non-empty text, got 3",
        f"{path}:4: companies[0].aliases: expected a list of texts, e.g. aliases: [one, two]",
        f"{path}:8: companies[0].sources[0].include: input should be a valid list (got '.main')",
        f"{path}:9: companies[0].sources[0].confirm: expected a whole number from 1 to 10, got 'x'",
        f"{path}:12: companies[0].sources[1].every: expected an interval such as 30m, 6h or 1d,"
        " got 30",
        f"{path}:13: companies[0].sources[2]: expected a mapping such as"
        " {kind: website, url: https://...}",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "1: (top level): expected a mapping with 'companies:'"),
        (
            "companies:\n  acme: {}\n",
            "1: companies: expected a list of companies (lines starting '- slug:')",
        ),
        (
            "companies:\n  - acme\n",
            "2: companies[0]: expected a mapping with slug, name and sources",
        ),
        (
            "companies:\n  - name: ACME\n",
            "2: companies[0].slug: missing; every company needs a slug",
        ),
        (
            "companies:\n  - slug: a\n    sources: {kind: feed}\n",
            "3: companies[0].sources: expected a list",
        ),
        ("defaults: 6h\n", "1: defaults: expected a mapping of every, confirm and settle"),
        (
            "defaults:\n  confirm: true\n",
            "2: defaults.confirm: expected a whole number from 1 to 10, got True",
        ),
    ],
)
def test_structure_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    assert error_of(path).startswith(f"{path}:{message}")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://acme.example/", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("http://127.0.0.1/", "private"),
        ("http://10.0.0.7/feed", "private"),
        ("https://user:pw@acme.example/", "credentials"),
        ("https://acme.example\\@evil.example/", "backslash"),
    ],
)
def test_bad_url_names_reason(tmp_path: Path, url: str, reason: str) -> None:
    path = write(tmp_path, one_company(f"- kind: website\n  url: '{url}'\n"))
    message = error_of(path)
    assert message.startswith(f"{path}:6: companies[0].sources[0].url: ")
    assert reason in message
    assert message.endswith(url)


def test_private_url_allowed_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path, one_company("- kind: feed\n  url: http://127.0.0.1:8080/feed\n"))
    assert "private" in error_of(path)
    config = load_config(path, allow_private=True)
    assert config.sources[0].url == "http://127.0.0.1:8080/feed"


@pytest.mark.parametrize(
    ("every", "expected"),
    [
        ("6hours", "bad interval '6hours': use a whole number and a unit"),
        ("30m6h", "bad interval '30m6h'"),
        ("10s", "interval '10s' is outside 1m .. 366d"),
        ("400d", "interval '400d' is outside 1m .. 366d"),
    ],
)
def test_bad_interval(tmp_path: Path, every: str, expected: str) -> None:
    path = write(
        tmp_path, one_company(f"- kind: feed\n  url: https://a.example/f\n  every: {every}\n")
    )
    assert error_of(path).startswith(f"{path}:7: companies[0].sources[0].every: {expected}")
    path = write(tmp_path, f"defaults:\n  every: {every}\n", name="defaults.yaml")
    assert error_of(path).startswith(f"{path}:2: defaults.every: {expected}")


def test_duplicate_source_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        one_company(
            "- kind: feed\n  url: https://a.example/f\n- kind: feed\n  url: https://a.example/f\n"
        ),
    )
    assert error_of(path) == (
        f"{path}:8: companies[0].sources[1].url: duplicate source: same kind and url as line 6"
    )


def test_every_problem_reported_in_line_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        one_company(
            "- kind: rss\n  url: https://a.example/\n- kind: feed\n  url: ftp://a.example/\n"
        )
        + "  - slug: Bad Slug\n",
    )
    lines = error_of(path).splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{path}:5", f"{path}:8", f"{path}:9"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"companies:\n  - slug: caf\xe9\n", ":2: not valid UTF-8"),
        (b"a: \x07\n", ":1:4: YAML syntax error"),
    ],
)
def test_bad_bytes(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(data)
    path.chmod(0o644)
    assert error_of(path).startswith(f"{path}{expected}")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: file not found"
    assert error_of(tmp_path) == f"{tmp_path}: not a regular file"


# --- what a good file loads into --------------------------------------------------------------


def test_fallbacks_for_every_and_confirm(tmp_path: Path) -> None:
    text = one_company(
        """\
        - kind: website
          url: https://acme.example/
        - kind: feed
          url: https://acme.example/feed
        - kind: feed
          url: https://acme.example/other
          every: 1h30m
          confirm: 3
        """
    )
    kind_defaults = load_config(write(tmp_path, text)).sources
    assert [s.every for s in kind_defaults] == [86400, 3600, 5400]  # website 1d, feed 1h
    assert [s.confirm for s in kind_defaults] == [2, 2, 3]
    file_defaults = load_config(write(tmp_path, "defaults:\n  every: 6h\n  confirm: 4\n" + text))
    assert [s.every for s in file_defaults.sources] == [21600, 21600, 5400]
    assert [s.confirm for s in file_defaults.sources] == [4, 4, 3]
    assert dict(file_defaults.defaults) == {"every": "6h", "confirm": 4}


def test_empty_every_and_confirm_mean_the_default(tmp_path: Path) -> None:
    text = "defaults:\n  every:\n  confirm:\n" + one_company(
        "- kind: feed\n  url: https://a.example/f\n  every:\n  confirm:\n"
    )
    (source,) = load_config(write(tmp_path, text)).sources
    assert (source.every, source.confirm) == (3600, 2)


def test_company_and_source_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        companies:
          - slug: ispace
            name: ispace
            aliases: [ispace inc, "株式会社ispace"]
            tags: [lunar, japan]
            sources:
              - kind: website
                url: " https://ispace-inc.com/ "
                country: JP
                include: [main]
                ignore: []
          - slug: no-sources
        """,
    )
    config = load_config(path)
    ispace = config.company("ispace")
    assert (ispace.name, ispace.aliases, ispace.tags) == (
        "ispace",
        ("ispace inc", "株式会社ispace"),
        ("lunar", "japan"),
    )
    (source,) = ispace.sources
    assert source.url == "https://ispace-inc.com/"  # as the fetch policy returns it
    assert source.options == {"country": "JP", "include": ["main"]}
    assert type(source.options) is dict and type(source.options["include"]) is list
    assert config.company("no-sources").name == "no-sources"
    assert config.sources == (source,)


def test_unknown_company_lists_slugs(tmp_path: Path) -> None:
    path = write(tmp_path, "companies:\n  - slug: ispace\n  - slug: astrobotic\n")
    config = load_config(path)
    with pytest.raises(ConfigError) as info:
        config.company("ispce")
    assert (
        str(info.value)
        == "unknown company 'ispce'; known: astrobotic, ispace (did you mean 'ispace'?)"
    )
    empty = Config(path=path, defaults={}, companies=())
    with pytest.raises(ConfigError, match="has no companies yet"):
        empty.company("ispace")


def test_merge_keys_share_options(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        companies:
          - slug: acme
            sources:
              - &site {kind: website, url: "https://acme.example/", every: 2d}
              - <<: *site
                url: https://acme.example/about
        """,
    )
    assert [s.every for s in load_config(path).sources] == [172800, 172800]


def test_shipped_sources_yaml_loads(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    config = parse_config(text, SHIPPED)
    copy = tmp_path / "sources.yaml"
    shutil.copyfile(SHIPPED, copy)
    copy.chmod(0o644)  # the checkout's mode follows the umask; the content is what is tested
    assert load_config(copy).sources == config.sources
    slugs = [company.slug for company in config.companies]
    assert slugs[0] == "ispace" and 4 <= len(slugs) <= 6
    ispace = config.company("ispace")
    assert ("website", "https://ispace-inc.com/") in [(s.kind, s.url) for s in ispace.sources]
    assert all(source.kind in KINDS for source in config.sources)
    assert all(any(s.kind == "website" for s in c.sources) for c in config.companies)
    for handle in ("linkedin.com/company/ispace-inc/", "x.com/ispace_inc", "x.com/HAKUTO_Reboot"):
        assert handle in text
    assert "once the kind exists" not in text  # every kind exists; LinkedIn waits to be asked for
    assert {"news", "x"} <= {source.kind for source in config.sources}


def uncomment_sources(text: str) -> tuple[str, int]:
    """The file with its commented-out ``# - kind: ...`` entries switched on, and their count."""
    out, block, count = [], None, 0
    for line in text.splitlines(keepends=True):
        start = re.match(r"( *)# (- kind: .*)", line, re.S)
        more = block is not None and re.match(rf"{block}#   (\w+: .*)", line, re.S)
        if start:
            block, count = start[1], count + 1
            out.append(start[1] + start[2])
        elif more:
            out.append(f"{block}  {more[1]}")
        else:
            block = None
            out.append(line)
    return "".join(out), count


def test_shipped_commented_sources_are_valid_once_enabled() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    enabled, count = uncomment_sources(text)
    before = parse_config(text, SHIPPED).sources
    after = parse_config(enabled, SHIPPED).sources
    assert count >= 5 and len(after) == len(before) + count
    kinds = {source.kind for source in after}
    assert {"news", "x", "linkedin"} <= kinds <= set(KINDS)
    assert "linkedin" not in {source.kind for source in before}  # only when asked for
    ispace = [s for s in after if s.company == "ispace" and s.kind == "news"]
    assert [s.options.get("lang") for s in ispace] == [None, "ja"]


# --- every registered kind, and kinds still to come -------------------------------------------


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_loads_with_kind_and_url(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, one_company(f"- kind: {name}\n  url: https://acme.example/{name}\n"))
    (source,) = load_config(path).sources
    assert source.kind == name and source.options == {}
    assert source.every == parse_interval(KINDS[name].default_every)
    assert source.id == source_id("acme", name, f"https://acme.example/{name}")


class _NewsOptions(SourceOptions):
    url: str | None = None  # type: ignore[assignment]
    query: str
    bridge: str | None = None


class _News(Kind):
    """A kind whose options make url optional, as a news search might."""

    kind: ClassVar[str] = "news"
    Options: ClassVar[type[SourceOptions]] = _NewsOptions


def test_new_kind_options_are_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KINDS, "news", _News())
    path = write(
        tmp_path,
        one_company("- kind: news\n  query: ispace\n- kind: news\n  url: https://n.example/\n"),
    )
    assert error_of(path).splitlines() == [
        f"{path}:5: companies[0].sources[0].url: missing; a news source needs it",
        f"{path}:7: companies[0].sources[1].query: missing; a news source needs it",
    ]
    path = write(
        tmp_path, one_company("- kind: news\n  url: https://n.example/\n  qeury: x\n  query: y\n")
    )
    assert error_of(path) == (
        f"{path}:7: companies[0].sources[0].qeury: unknown option; known: bridge, confirm, every, exclude,"
        " ignore, include, proxy, query, settle, url (did you mean 'query'?)"
    )
    path = write(tmp_path, one_company("- kind: news\n  url: https://n.example/\n  query: y\n"))
    assert load_config(path).sources[0].options == {"query": "y"}


def test_url_options_pass_the_fetch_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KINDS, "news", _News())
    entry = "- kind: news\n  url: https://n.example/\n  query: q\n  bridge: {}\n"
    path = write(tmp_path, one_company(entry.format("http://localhost:1200/{handle}")))
    assert error_of(path) == (
        f"{path}:8: companies[0].sources[0].bridge: private host name refused:"
        " http://localhost:1200/{handle}"
    )
    assert load_config(path, allow_private=True).sources[0].options["bridge"].startswith("http://")
    path = write(tmp_path, one_company(entry.format("https://rss.example/user/{handle}")))
    assert load_config(path).sources[0].options == {
        "query": "q",
        "bridge": "https://rss.example/user/{handle}",
    }
