"""The contract every registered kind keeps (STYLE rule 10): docs, strict options, total extract."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from monitor.models import Observation
from monitor.sources import KINDS, Kind
from monitor.sources._bundle import BUNDLE_TYPE
from tests.test_kind_support import fetched, source

URLS = {  # a plausible url per kind; kinds added later fall back to a plain page
    "feed": "https://example.com/feed/",
    "news": "https://news.google.com/rss/search?q=%22ACME%22&hl=en-US&gl=US&ceid=US:en",
    "linkedin": "https://www.linkedin.com/company/acme/",
    "x": "https://x.com/acme",
    "mastodon": "https://mastodon.social/@acme",
    "bluesky": "https://bsky.app/profile/acme.bsky.social",
    "youtube": "https://www.youtube.com/channel/UCxbT_MqJPKWRTP3dbs0jSLw",
}
GARBAGE = [
    b"", b"\x00\xff\xfe\x00garbage\x80", b"<html><body>nothing</body></html>", b"{}", b"[]", b"null",
    b"<rss><channel></channel></rss>", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>",
    b'{"bundle": "monitor-bundle/1", "parts": [{"name": "user"}]}', b"<html>" * 5000,
    b"<!DOCTYPE html><html><head><script type='application/ld+json'>{bad json</script></head></html>",
]


def url_of(name: str) -> str:
    return URLS.get(name, "https://example.com/")


@pytest.mark.parametrize("name", sorted(KINDS))
def test_docstring_is_user_documentation(name: str) -> None:
    doc = inspect.cleandoc(type(KINDS[name]).__doc__ or "")
    assert len(doc.splitlines()) >= 3, f"{name}: the class docstring is what `monitor kinds` prints"
    assert "Example:" in doc and f"kind: {name}" in doc


@pytest.mark.parametrize("name", sorted(KINDS))
def test_options_forbid_unknown_keys(name: str) -> None:
    kind = KINDS[name]
    assert kind.kind == name
    kind.Options.model_validate({"kind": name, "url": url_of(name)})
    with pytest.raises(ValidationError) as err:
        kind.Options.model_validate({"kind": name, "url": url_of(name), "urll": "typo"})
    assert err.value.errors()[0]["type"] == "extra_forbidden"


def _extract(kind: Kind, name: str, body: bytes, content_type: str) -> Observation:
    src = source(name, url_of(name))
    return kind.extract(fetched(src.url, body, content_type), src)


@pytest.mark.parametrize("name", sorted(KINDS))
@pytest.mark.parametrize("content_type", ["text/html", "application/xml", "application/json", BUNDLE_TYPE, ""])
def test_extract_on_garbage_returns_an_observation(name: str, content_type: str) -> None:
    for body in GARBAGE:
        obs = _extract(KINDS[name], name, body, content_type)
        assert isinstance(obs, Observation)
        assert obs.outcome.value in {"ok", "blocked", "extraction_failed", "error", "gone"}


@pytest.mark.parametrize("name", sorted(KINDS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=2048) | st.text(max_size=2048).map(str.encode))
def test_extract_never_raises(name: str, body: bytes) -> None:
    assert isinstance(_extract(KINDS[name], name, body, "text/html"), Observation)
