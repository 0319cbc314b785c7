"""False-change guards, end to end (E1-E5): real checks, server, database.

Every test runs ``monitor.pipeline.check`` against a real server on 127.0.0.1 and a real SQLite
file, and asserts what was recorded: no profile change (NFC) where none happened, health
changes only after repeated failures, and every change with its outbox row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.fetch.client import Fetcher
from monitor.models import Outcome
from tests.reliability_harness import FAST, NEW_EMAIL, OLD_EMAIL, Monitor, Pages, page_a, page_b

CHALLENGE = b"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta name="robots" content="noindex,nofollow"></head><body><div class="main-wrapper">
<h1>example.com</h1><p>Verifying you are human. This may take a few seconds.</p>
<noscript>Enable JavaScript and cookies to continue</noscript></div>
<script>window._cf_chl_opt={cvId: '3', cZone: 'example.com', cType: 'managed'};</script>
</body></html>"""
AUTHWALL = b"""<!DOCTYPE html><html><head><title>Sign Up | LinkedIn</title></head><body>
<form action="/uas/login-submit"><input type="password" name="session_password"></form>
<p>Join LinkedIn to see who you already know.</p></body></html>"""


def baseline(tmp_path: Path, site: Pages, *, confirm: int = 2) -> Monitor:
    site.set(page_a())
    return Monitor(tmp_path, site.url, confirm=confirm)


async def test_E1_captcha_served_with_200_is_blocked_never_a_change(
        tmp_path: Path, site: Pages) -> None:
    """A "Just a moment..." challenge body: BLOCKED, facts kept; health change after 3; recovery."""
    mon = baseline(tmp_path, site)
    assert (await mon.check()).outcome is Outcome.OK
    facts = mon.facts()
    assert any(f[0] == "email" for f in facts)
    site.set(CHALLENGE)
    outcomes = [(await mon.check()).outcome for _ in range(4)]
    assert outcomes == [Outcome.BLOCKED] * 4
    assert mon.profile_changes() == [] and mon.facts() == facts
    assert [(new or "").split(":")[0] for _, new in mon.health_changes()] == ["blocked"]  # once, at the 3rd
    site.set(page_a())
    # The validators of the last good answer are still ours: "not modified" is the right answer.
    assert (await mon.check()).outcome is Outcome.NOT_MODIFIED
    assert mon.profile_changes() == [] and mon.facts() == facts
    assert [new for _, new in mon.health_changes()][-1] == "ok"
    assert mon.orphans() == 0


@pytest.mark.parametrize("wall", ["status-999", "redirect-to-authwall"])
async def test_E2_linkedin_999_and_authwall_are_blocked(
        tmp_path: Path, site: Pages, wall: str) -> None:
    mon = baseline(tmp_path, site)
    await mon.check()
    facts = mon.facts()
    if wall == "status-999":
        site.set(b"<html><body>Request denied</body></html>", status=999)
    else:
        site.set(b"", status=302, headers={"Location": "/authwall?trk=guest_company"})
        site.set(AUTHWALL, "/authwall")
    results = [await mon.check() for _ in range(3)]
    assert [r.outcome for r in results] == [Outcome.BLOCKED] * 3, [r.fetched for r in results]
    assert mon.profile_changes() == [] and mon.facts() == facts
    assert len(mon.health_changes()) == 1 and mon.orphans() == 0


async def test_E3_ab_flapping_never_confirms(tmp_path: Path, site: Pages) -> None:
    """A page alternating A/B/A/B (A/B tests, rotating widgets): eight checks, no change."""
    mon = baseline(tmp_path, site, confirm=2)
    for i in range(8):
        site.set(page_a() if i % 2 == 0 else page_b())
        assert (await mon.check()).outcome is Outcome.OK
    assert mon.profile_changes() == []
    assert ("email", OLD_EMAIL.decode(), None) in mon.facts()


async def test_E4_transient_change_is_not_recorded_but_a_lasting_one_is(
        tmp_path: Path, site: Pages) -> None:
    """A→B→A: nothing. Then B twice in a row: the e-mail change, once (its line is a fact,
    not page text: it is not reported again as a text change)."""
    mon = baseline(tmp_path, site, confirm=2)
    for body in (page_a(), page_b(), page_a()):
        site.set(body)
        await mon.check()
    assert mon.profile_changes() == []
    for _ in range(3):
        site.set(page_b())
        await mon.check()
    changes = mon.profile_changes()
    assert ("email", "modified", OLD_EMAIL.decode(), NEW_EMAIL.decode()) in changes
    assert sorted(c[0] for c in changes) == ["email"], changes
    assert mon.orphans() == 0


@pytest.mark.parametrize("status", [429, 503])
async def test_E5_rate_limit_then_ok_is_no_change(
        tmp_path: Path, site: Pages, status: int) -> None:
    """The error page is never stored as the previous content (changedetection.io #962)."""
    mon = baseline(tmp_path, site)
    await mon.check()
    facts = mon.facts()
    site.set(b"<html><body><h1>Too Many Requests</h1></body></html>", status=status,
                headers={"Retry-After": "120"})
    async with Fetcher(FAST) as fetcher:
        first = await mon.check(fetcher)
        assert first.outcome in (Outcome.ERROR, Outcome.BLOCKED) and first.fetched.body == b""
        site.set(page_a())
        again = await mon.check(fetcher)  # the host's Retry-After still holds in this process
        assert again.outcome is not Outcome.OK
    snapshots = mon.db.execute("SELECT count(*) FROM snapshots").fetchone()[0]
    later = await mon.check()  # a later process: the wait is over
    assert later.outcome in (Outcome.OK, Outcome.UNCHANGED, Outcome.NOT_MODIFIED)
    assert mon.profile_changes() == [] and mon.facts() == facts
    assert mon.db.execute("SELECT count(*) FROM snapshots").fetchone()[0] == snapshots
