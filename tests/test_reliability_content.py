"""Hostile content through real checks (C11, D14): truncation, injected markup.

C11: a body cut short with no framing (connection close, no Content-Length) looks like a short
but valid page. D14: scraped text carrying markup, template syntax, header and Slack injection
is stored as inert text, verbatim, and comes out of ``Change.describe`` unevaluated.
(Escaping at the Slack and e-mail sinks: tests/test_notify_render.py; Datasette: its own tests.)
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from monitor.models import Category, Change, ChangeKind, Outcome
from tests.reliability_harness import Monitor, Pages, page_a, raw_server

PAYLOAD = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> {{7*7}} ${7*7} '
           "\r\nBcc: x@y <!channel> <https://evil|x>")


def unframed(body: bytes) -> bytes:
    """A 200 whose end is the connection's end: no Content-Length, no chunking."""
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n"
            + body)


async def test_C11_unframed_body_cut_mid_text_is_extraction_failed(tmp_path: Path) -> None:
    """Cut in the middle of a text node: no </html>, unfinished → EXTRACTION_FAILED, NFC."""
    full = page_a()
    with raw_server(unframed(full)) as base:
        mon = Monitor(tmp_path, base + "/privacy", confirm=1)
        assert (await mon.check()).outcome is Outcome.OK
    facts = mon.facts()
    cut = full.index(b"support@adopte.app") + 7  # inside the address
    with raw_server(unframed(full[:cut])) as base:
        mon.source = replace(mon.source, url=base + "/privacy")
        result = await mon.check()
    assert result.outcome is Outcome.EXTRACTION_FAILED and "truncated" in (result.detail or "")
    assert mon.profile_changes() == [] and mon.facts() == facts


def cut_at_tag(body: bytes, fraction: float) -> bytes:
    return body[: body.rfind(b">", 0, int(len(body) * fraction)) + 1]


async def test_C11_unframed_body_cut_at_a_tag_is_absorbed_by_confirmation(
        tmp_path: Path, site: Pages) -> None:
    """Cut right after a tag it passes for a whole page; confirm=2 keeps it from being a change."""
    full = page_a()
    site.set(full)
    mon = Monitor(tmp_path, site.url, confirm=2)
    await mon.check()
    facts = mon.facts()
    with raw_server(unframed(cut_at_tag(full, 0.5))) as base:
        mon.source = replace(mon.source, url=base + "/privacy")
        await mon.check()
    with raw_server(unframed(full)) as base:
        mon.source = replace(mon.source, url=base + "/privacy")
        await mon.check()
    assert mon.profile_changes() == [] and mon.facts() == facts


async def test_C11_unframed_body_cut_at_a_tag_is_never_a_change_even_with_confirm_1(
        tmp_path: Path) -> None:
    """Without confirmation to lean on, the missing </html> alone marks the page as cut."""
    full = page_a()
    with raw_server(unframed(full)) as base:
        mon = Monitor(tmp_path, base + "/privacy", confirm=1)
        assert (await mon.check()).outcome is Outcome.OK
    with raw_server(unframed(cut_at_tag(full, 0.5))) as base:
        mon.source = replace(mon.source, url=base + "/privacy")
        result = await mon.check()
    assert result.outcome is Outcome.EXTRACTION_FAILED and "truncated" in (result.detail or "")
    assert mon.profile_changes() == []


def page_with(text: str) -> bytes:
    """A small company page whose JSON-LD description and visible text carry ``text``."""
    org = {"@context": "https://schema.org", "@type": "Organization", "name": "ACME",
           "description": f"We make anvils. {text}", "email": "info@acme.example"}
    ld = json.dumps(org).replace("</", "<\\/")  # as sites must: "</script>" would end the block
    visible = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    filler = "".join(f"<p>Line {i} about anvils and their makers.</p>" for i in range(25))
    return (f'<!DOCTYPE html><html><head><title>ACME</title><script type="application/ld+json">'
            f"{ld}</script></head><body><main><h1>About ACME</h1><p>{visible}</p>"
            f"<p>Contact: info@acme.example</p>{filler}</main></body></html>").encode()


async def test_D14_hostile_scraped_text_is_stored_verbatim_and_never_evaluated(
        tmp_path: Path, site: Pages) -> None:
    pages = site
    pages.set(page_with("Founded in Berlin."))
    mon = Monitor(tmp_path, pages.url, confirm=1)
    await mon.check()
    pages.set(page_with(PAYLOAD))
    assert (await mon.check()).outcome is Outcome.OK
    inert = " ".join(PAYLOAD.split())  # whitespace runs, line breaks included, fold to a space
    stored = {field: value for field, value, _ in mon.facts()}
    assert inert in stored["description"] and inert in stored["text"]
    news = [c for c in mon.profile_changes() if c[0] == "description"]
    assert news and inert in (news[0][3] or "")
    kind, category, old, new = mon.db.execute(
        "SELECT change, category, old, new FROM changes WHERE field = 'description'").fetchone()
    change = Change(company="acme", source=mon.source.id, field="description",
                    change=ChangeKind(kind), category=Category(category), old=old, new=new)
    described = change.describe()
    assert inert in described and "49" not in described and "\r" not in described
    assert mon.orphans() == 0


def feed_with(*titles: str) -> bytes:
    items = "".join(
        f"<item><title>{t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</title>"
        f"<link>https://acme.example/news/{n}</link><guid>n{n}</guid></item>"
        for n, t in enumerate(titles, 1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>ACME news</title>{items}'
            "</channel></rss>").encode()


async def test_D14_hostile_feed_titles_are_stored_as_inert_text(
        tmp_path: Path, site: Pages) -> None:
    """Feed titles are HTML: tags are dropped, the rest is kept as text, nothing is evaluated."""
    pages = site
    pages.set(feed_with("Plain title"), content_type="application/rss+xml")
    mon = Monitor(tmp_path, pages.url, confirm=1, kind="feed")
    await mon.check()
    pages.set(feed_with("Plain title", "ACME " + PAYLOAD), content_type="application/rss+xml")
    assert (await mon.check()).outcome is Outcome.OK
    titles = [t for (t,) in mon.db.execute("SELECT title FROM items ORDER BY id")]
    hostile = titles[-1]
    assert "{{7*7}}" in hostile and "${7*7}" in hostile and "Bcc: x@y" in hostile
    assert not any(mark in hostile for mark in ("<script", "onerror", "<!channel>", "\r", "\n"))
    added = [c for c in mon.profile_changes() if c[1] == "added"]
    assert added and "{{7*7}}" in (added[0][3] or "") and mon.orphans() == 0
