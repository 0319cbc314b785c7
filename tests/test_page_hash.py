"""The page hash a check compares with the last one: remembered by content, never stale."""

from __future__ import annotations

from monitor import pipeline
from monitor.normalize import fingerprint, strip_volatile


def test_page_hash_is_the_stripped_fingerprint_for_every_body_remembered_or_not() -> None:
    """A page that changed after being remembered gets its own hash; a noise-only change keeps
    the hash; a body seen before gets the hash it had."""
    page = b"<html><p>Acme has 12 people</p><script>var t=1</script></html>"
    noise_only = page.replace(b"var t=1", b"var t=2")
    changed = page.replace(b"12 people", b"13 people")
    for body in (page, page, noise_only, changed, page, changed):
        assert pipeline.page_hash(body) == fingerprint(strip_volatile(body))
    assert pipeline.page_hash(page) == pipeline.page_hash(noise_only)
    assert pipeline.page_hash(changed) != pipeline.page_hash(page)


def test_page_hash_memo_stays_bounded() -> None:
    """However many distinct pages pass, the memo holds no more than its bound."""
    for i in range(pipeline.PAGE_HASHES + 10):
        pipeline.page_hash(b"<p>page %d</p>" % i)
        assert len(pipeline._page_hashes) <= pipeline.PAGE_HASHES
    body = b"<p>page 3</p>"
    assert pipeline.page_hash(body) == fingerprint(strip_volatile(body))
