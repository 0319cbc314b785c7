"""Loopback and private addresses written in other scripts are refused, at config time and at fetch.

Fullwidth digits, circled digits, ideographic full stops and mixed legacy notations are read by
URL parsers (IDNA, WHATWG) as the ASCII address they stand for; the gate judges that address,
and its message names it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.errors import UnsafeURL
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.fetch.netguard import check_url, normalized_host
from monitor.models import Outcome

SPELLINGS = {
    "http://１２７.０.０.１/": "127.0.0.1",
    "http://①②⑦.0.0.1/": "127.0.0.1",
    "http://127.0.0.1。/": "127.0.0.1",
    "http://127。0。0。1/": "127.0.0.1",
    "http://127．0．0．1/": "127.0.0.1",
    "http://127｡0｡0｡1/": "127.0.0.1",
    "http://０x7f.1/": "127.0.0.1",
    "http://①②⑦。⓪。⓪。①/": "127.0.0.1",
    "http://１６９.２５４.１６９.２５４/latest/": "169.254.169.254",
    "http://１０.０.０.１/": "10.0.0.1",
    "http://０/": "0.0.0.0",
    "http://ｌｏｃａｌｈｏｓｔ/": "localhost",
    "http://ＬＯＣＡＬＨＯＳＴ。/": "localhost",
    "http://metadata.google.ｉｎｔｅｒｎａｌ/": "metadata.google.internal",
}


@pytest.mark.parametrize("url", list(SPELLINGS))
def test_other_script_spellings_of_private_hosts_are_refused_naming_the_address(url: str) -> None:
    with pytest.raises(UnsafeURL) as refused:
        check_url(url)
    assert f"means {SPELLINGS[url]}" in refused.value.reason


def test_ordinary_international_names_still_pass() -> None:
    for url in ("https://bücher.example/", "https://例え.jp/", "https://münchen.example。/"):
        assert check_url(url) == url
    assert normalized_host("ＥＸＡＭＰＬＥ．ｃｏｍ") == "example.com"


@pytest.mark.parametrize("url", ["http://１２７.０.０.１/", "http://①②⑦.0.0.1/",
                                 "http://127.0.0.1。/", "http://０x7f.1/"])
def test_monitor_add_refuses_them_before_writing_sources_yaml(tmp_path: Path, url: str) -> None:
    sources = tmp_path / "sources.yaml"
    result = CliRunner().invoke(main, ["--sources", str(sources), "--db", str(tmp_path / "m.db"),
                                       "add", "acme", "--website", url], env={})
    assert result.exit_code == 1
    first, *rest = result.output.strip().splitlines()
    assert "companies[0].sources[0].url" in first and "means 127.0.0.1" in first
    assert rest == [f"{sources}: not changed (line numbers are those of the edited text)"]
    assert not sources.exists() or url not in sources.read_text(encoding="utf-8")


@pytest.mark.parametrize("url", list(SPELLINGS))
async def test_the_fetcher_refuses_them_too(url: str) -> None:
    settings = FetchSettings(allow_private=False, min_host_delay=0.0, robots=False, deadline=5.0)
    async with Fetcher(settings) as fetcher:
        result = await fetcher.fetch(url)
    assert result.outcome is Outcome.ERROR and result.error == "ssrf_blocked", result
