"""A page-text change in an alert shows the words that changed ([-old-] {+new+}), not two
whole paragraphs to compare, escaped like any scraped text (monitor.notify.render).

The marks are the word-level diff the history keeps as the change's evidence; a Slack message
and an e-mail both carry them, and scraped markup inside the changed words stays inert.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from monitor.diff import diff
from monitor.models import Category, Change, Fact, State
from monitor.notify import Dispatcher
from monitor.notify.base import Alert, MessageKind
from monitor.notify.email_render import email_message
from monitor.notify.render import lines
from tests.test_notify_render import body, message
from tests.test_notify_slack import setup
from tests.test_notify_support import T0, Clock, SlackReceiver, alert_of, record_changes, source_of

OLD = "Acme builds boats in Kiel. Since 1990 we grow every year with our customers in the north."
NEW = "Acme builds ships in Kiel. Since 1990 we grow every year with our customers in the north."


IMMEDIATE_CONTENT = "routes:\n  - {channels: slack:team, categories: content, mode: immediate}\n"


def text_changes(old: str, new: str) -> list[Change]:
    state = State(facts=(Fact("text", old),), baseline=False)
    return list(diff(source_of("acme"), state, [Fact("text", new)], [], [],
                     now="2026-11-24T09:30:00Z", item_category=Category.NEWS).changes)  # fmt: skip


def with_words(c: Change) -> Alert:
    """The alert a dispatcher builds for a recorded text change: it carries the evidence."""
    return replace(alert_of(c, 1), evidence=c.evidence)


def test_a_text_change_reads_as_its_changed_words() -> None:
    [c] = text_changes(OLD, NEW)
    [line] = lines([with_words(c)])
    assert line.what.startswith("page text changed: Acme builds [-boats-] {+ships+} in Kiel")
    assert "“" not in line.what  # not the whole new paragraph quoted


def test_without_marks_the_alert_quotes_the_new_text() -> None:
    [c] = text_changes(OLD, NEW)
    alert = alert_of(c, 1)
    [line] = lines([alert])  # an alert from before evidence was carried: the whole new text
    assert line.what.startswith("page text changed: “Acme builds ships")


async def test_changed_words_reach_slack_and_email_escaped(tmp_path: Path) -> None:
    old = "Our partner is Fish & Chips Ltd in Leeds. We grow every year with our customers."
    new = "Our partner is <script>alert(1)</script> in Leeds. We grow every year with our customers."
    with SlackReceiver() as receiver:
        db, config, env = setup(tmp_path, receiver, extra=IMMEDIATE_CONTENT)
        record_changes(db, text_changes(old, new), T0, config.route)
        async with Dispatcher(db, config, clock=Clock(T0), env=env) as dispatcher:
            await dispatcher.tick()
    [got] = receiver.requests
    section = got.body["blocks"][0]["text"]["text"]
    assert "[-Fish &amp; Chips Ltd-] {+&lt;script&gt;alert(1)&lt;/script&gt;+}" in section
    assert "<script>" not in got.text
    [c] = text_changes(old, new)
    mail = email_message(message(MessageKind.SINGLE, [with_words(c)]), sender="monitor@example.org",
                         to=["a@example.org"], now=T0)  # fmt: skip
    html = body(mail, "html")
    assert "{+&lt;script&gt;alert(1)&lt;/script&gt;+}" in html and "<script>" not in html
    assert "[-Fish & Chips Ltd-]" in body(mail, "plain")

