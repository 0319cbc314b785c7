"""The social and news kinds' options as sources.yaml declares them (load-time validation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.errors import ConfigError

GOOD = """\
companies:
  - slug: ispace
    name: ispace
    aliases: [ispace inc]
    sources:
      - kind: linkedin
        url: https://www.linkedin.com/company/ispace-inc/
        thresholds: {followers: 1000, employees: 20}
      - kind: x
        url: https://x.com/ispace_inc
        bridge: https://rsshub.example/twitter/user/{handle}
        thresholds: {followers: 500}
      - kind: x
        url: https://ispace-inc.com/
        handle: auto
      - kind: news
        url: https://news.google.com/rss/search?q=%22ispace%22&hl=en-US&gl=US&ceid=US:en
        query: [ispace, ispace inc]
        exclude: [ispace.com.br]
        providers: [google]
      - kind: youtube
        url: https://www.youtube.com/channel/UCxbT_MqJPKWRTP3dbs0jSLw
      - kind: mastodon
        url: https://mastodon.social/@ispace
      - kind: bluesky
        url: https://bsky.app/profile/ispace.bsky.social
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_declared_options_reach_the_source(tmp_path: Path) -> None:
    company = load_config(write(tmp_path, GOOD)).company("ispace")
    by_kind = {(s.kind, s.url): s for s in company.sources}
    linkedin = by_kind[("linkedin", "https://www.linkedin.com/company/ispace-inc/")]
    assert linkedin.options["thresholds"] == {"followers": 1000.0, "employees": 20.0}
    assert linkedin.every == 86400.0  # the kind's default_every
    assert by_kind[("x", "https://ispace-inc.com/")].options == {"handle": "auto"}
    news = by_kind[("news", "https://news.google.com/rss/search?q=%22ispace%22&hl=en-US&gl=US&ceid=US:en")]
    assert news.options == {"query": ["ispace", "ispace inc"], "exclude": ["ispace.com.br"], "providers": ["google"]}
    assert news.every == 3600.0


@pytest.mark.parametrize(("bad", "message"), [
    ("thresholds: {folowers: 10}", "unknown metric 'folowers'"),
    ("handle: not a handle", "a handle is 1-15 letters"),
    ("bridge: https://rsshub.example/twitter/user/", "containing {handle}"),
    ("max_posts: 1000", "max_posts"),
])
def test_bad_options_are_refused_with_their_path(tmp_path: Path, bad: str, message: str) -> None:
    text = f"companies:\n  - slug: a\n    name: A\n    sources:\n      - kind: x\n        url: https://x.com/a\n        {bad}\n"
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert message in str(err.value) and "companies[0].sources[0]" in str(err.value)


def test_unknown_news_provider_lists_the_choices(tmp_path: Path) -> None:
    text = ("companies:\n  - slug: a\n    name: A\n    sources:\n      - kind: news\n"
            "        url: https://news.google.com/rss/search?q=a\n        providers: [bing]\n")
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert "'google' or 'gdelt'" in str(err.value)
