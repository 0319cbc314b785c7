"""A page back byte for byte is unchanged without being stripped, in any process.

The source keeps the raw bytes' hash beside the noise-free one (as a pair); a new process has
an empty memo, so only the stored pair can spare it the stripping. Everything else (noise-only
changes, real changes, failed checks) goes as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import pipeline
from monitor.fetch.client import Fetcher, FetchSettings
from monitor.models import Outcome
from monitor.normalize import fingerprint, strip_volatile
from monitor.store.state import source_row
from tests.reliability_harness import Monitor, page_a, page_b
from tests.webserver import serve

LOOPBACK = FetchSettings(allow_private=True, min_host_delay=0.0, deadline=10.0)


@pytest.fixture
def strips(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bodies the pipeline strips from now on, with the process memo emptied (what a
    fresh ``monitor check`` process starts with)."""
    stripped: list[bytes] = []

    def counted(body: bytes) -> bytes:
        stripped.append(body)
        return strip_volatile(body)

    monkeypatch.setattr(pipeline, "strip_volatile", counted)
    monkeypatch.setattr(pipeline, "_page_hashes", {})
    return stripped


def _hashes(mon: Monitor) -> tuple[str | None, str | None]:
    row = source_row(mon.db, mon.source.id)
    assert row is not None
    return row.body_hash, row.raw_hash


async def test_a_page_back_byte_for_byte_in_a_fresh_process_is_unchanged_unstripped(
        tmp_path: Path, strips: list[bytes]) -> None:
    """The stored raw hash matches: unchanged, and the page is neither stripped nor parsed."""
    with serve() as (site, base):
        site.set("/about", page_a(), validators=False)  # a 200 each time, never a 304
        mon = Monitor(tmp_path, base + "/about", confirm=1)
        async with Fetcher(LOOPBACK) as fetcher:
            assert (await mon.check(fetcher)).outcome is Outcome.OK
            assert _hashes(mon) == (fingerprint(strip_volatile(page_a())), fingerprint(page_a()))
            pipeline._page_hashes.clear()  # as a new process finds it
            strips.clear()
            again = await mon.check(fetcher)
    assert again.outcome is Outcome.UNCHANGED
    assert strips == []


async def test_noise_only_and_real_changes_are_stripped_and_judged_as_before(
        tmp_path: Path, strips: list[bytes]) -> None:
    """New bytes are stripped: noise alone is unchanged (and its bytes become the pair's raw
    half), a real change is parsed and recorded; a failed check leaves the pair alone."""
    noisy = page_a().replace(b"</body>", b"<script>var t=2</script></body>", 1)
    assert noisy != page_a()
    with serve() as (site, base):
        site.set("/about", page_a(), validators=False)
        mon = Monitor(tmp_path, base + "/about", confirm=1)
        async with Fetcher(LOOPBACK) as fetcher:
            await mon.check(fetcher)
            page = fingerprint(strip_volatile(page_a()))
            site.set("/about", noisy, validators=False)
            strips.clear()
            assert (await mon.check(fetcher)).outcome is Outcome.UNCHANGED
            assert strips == [noisy]
            assert _hashes(mon) == (page, fingerprint(noisy))
            site.set("/about", b"down", status=503, validators=False)
            assert (await mon.check(fetcher)).outcome is not Outcome.OK
            assert _hashes(mon) == (page, fingerprint(noisy))
            site.set("/about", page_b(), validators=False)
            changed = await mon.check(fetcher)
    assert changed.outcome is Outcome.OK and mon.profile_changes()
    assert _hashes(mon) == (fingerprint(strip_volatile(page_b())), fingerprint(page_b()))
