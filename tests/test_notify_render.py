"""Rendering, pure: sentences a person would write; Slack and email escaping (D14, G8)."""

from __future__ import annotations

import email
import json
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import feedparser
import pytest

from monitor.diff import diff
from monitor.models import Category, Change, Fact, State
from monitor.notify.base import Alert, Links, Message, MessageKind, message_id
from monitor.notify.email_render import email_message
from monitor.notify.render import lines
from monitor.notify.slack_render import slack_payload
from tests.conftest import CORPUS
from tests.test_notify_support import T0, alert_of, change, source_of

GNEWS = CORPUS / "feeds/google_news/gnews_top_ja-JP_2024-02-06T091926.xml"
EVIL = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}",
        "\r\nBcc: victim@example.com", "<!channel>", "<https://evil.example|click me>",
        "Fish & Chips <b>", "=?UTF-8?Q?=0A?=X-Injected: yes"]


def message(kind: MessageKind, alerts: list[Alert], title: str = "") -> Message:
    return Message(id=message_id(kind, (a.alert_id for a in alerts)), channel="slack:team",
                   kind=kind, alerts=tuple(alerts), title=title,
                   links=Links("http://127.0.0.1:8001", "monitor"))


def body(msg: EmailMessage, kind: str) -> str:
    part = msg.get_body((kind,))
    assert part is not None
    return str(part.get_content())


def news_alerts() -> list[Alert]:
    """30 real Google News headlines (corpus: feeds/google_news/gnews_top_ja-JP_...xml) as news
    changes of three companies."""
    entries = feedparser.parse(GNEWS.read_bytes()).entries
    assert len(entries) == 30
    slugs = ["ispace", "acme", "zeta"]
    return [alert_of(change(slugs[i % 3], "news", None, e.title, Category.NEWS, key=e.id,
                            url=e.link), i + 1, name={"acme": "ACME Corp"}.get(slugs[i % 3]),
                     mode="digest:daily@08:00")
            for i, e in enumerate(entries)]


def test_a_ceo_replaced_reads_as_one_sentence() -> None:
    source = source_of("ispace")
    result = diff(source, State(facts=(Fact("person", "Takeshi Hakamada", "CEO"),), baseline=False),
                  [Fact("person", "Jane Doe", "CEO")], [], [], now="2026-11-24T09:30:00Z",
                  item_category=Category.NEWS)
    alerts = [alert_of(c, i + 1) for i, c in enumerate(result.changes)]
    found = lines(alerts)
    assert [line.sentence for line in found] == [
        "ispace — CEO: Takeshi Hakamada → Jane Doe (from ispace-inc.com/en/company, 2026-11-24)"]
    assert set(found[0].alert_ids) == {a.alert_id for a in alerts}


@pytest.mark.parametrize(("c", "text"), [
    (change("acme", "person", "CFO", "COO", Category.LEADERSHIP, key="Ann Lee"), "Ann Lee: CFO → COO"),
    (change("acme", "email", None, "info@acme.example", Category.CONTACT),
     "email added: info@acme.example"),
    (change("acme", "link.x", "https://x.com/a", "https://x.com/b", Category.LINKS),
     "X link: https://x.com/a → https://x.com/b"),
    (change("acme", "metric.followers", "1200", "1500", Category.METRIC), "followers: 1200 → 1500"),
    (change("acme", "status", "ok", "error: timeout", Category.HEALTH),
     "source failing: acme-inc.com/en/company — error: timeout"),
    (change("acme", "status", "error", "ok", Category.HEALTH),
     "source working again: acme-inc.com/en/company"),
])
def test_each_kind_of_change_reads_naturally(c: Change, text: str) -> None:
    assert lines([alert_of(c, 1)])[0].what == text


def test_D14_slack_payload_escapes_scraped_text() -> None:
    alerts = [alert_of(change("acme", "name", "ACME", bad, Category.IDENTITY), i + 1,
                       name=f"ACME {bad}") for i, bad in enumerate(EVIL)]
    for kind in (MessageKind.BATCH, MessageKind.DIGEST, MessageKind.SUMMARY):
        payload = slack_payload(message(kind, alerts[:8], "Daily digest"))
        texts = _texts(payload)
        joined = "\n".join(texts)
        assert "<!channel>" not in joined and "<https://evil" not in joined
        assert "<script>" not in joined and "<b>" not in joined
        if kind is MessageKind.BATCH:
            assert "&lt;!channel&gt;" in joined and "Fish &amp; Chips &lt;b&gt;" in joined
        # every remaining '<' opens one of our own links, to Datasette or the source page
        for text in texts:
            for part in text.split("<")[1:]:
                assert part.startswith(("http://127.0.0.1:8001/", "https://www.acme-inc.com/")), part


def _texts(payload: dict[str, Any]) -> list[str]:
    out = [payload["text"]]
    for block in payload["blocks"]:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [e["text"] for e in block.get("elements", [])]
    return out


def test_D14_item_links_cannot_break_out_of_slack_link_syntax() -> None:
    c = change("acme", "news", None, "Launch | <!here>", Category.NEWS, key="k",
               url="https://news.example/a|b>c<d?x=1&y=2")
    payload = slack_payload(message(MessageKind.SINGLE, [alert_of(c, 1)]))
    section = payload["blocks"][0]["text"]["text"]
    assert "<https://news.example/a%7Cb%3Ec%3Cd?x=1&amp;y=2|open>" in section
    assert "&lt;!here&gt;" in section


def test_D14_email_html_is_autoescaped_and_templates_never_evaluated() -> None:
    alerts = [alert_of(change("acme", "description", None, bad, Category.IDENTITY), i + 1)
              for i, bad in enumerate(EVIL)]
    msg = email_message(message(MessageKind.BATCH, alerts), sender="m@example.org",
                        to=["a@example.org"], now=T0)
    html = body(msg, "html")
    text = body(msg, "plain")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&#34;&gt;&lt;img" in html
    assert "{{7*7}}" in html and "49" not in html
    assert "{{7*7}}" in text


def test_G8_subject_injection_is_neutralised() -> None:
    for bad in ("ACME\r\nBcc: victim@example.com", "ACME\n", "ACME =?UTF-8?Q?=0A?=Bcc: v@example.com",
                "ACME\x00X-Evil: 1"):
        c = change("acme", "name", "ACME", bad, Category.IDENTITY)
        msg = email_message(message(MessageKind.SINGLE, [alert_of(c, 1, name=bad)]),
                            sender="m@example.org", to=["a@example.org"], now=T0)
        parsed = email.message_from_bytes(msg.as_bytes(), policy=default_policy)
        assert len(parsed.get_all("Subject") or []) == 1
        assert parsed["Bcc"] is None and parsed["X-Evil"] is None
        assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
        assert str(parsed["Subject"]).startswith("[monitor] ACME")


def test_email_single_alert_headers() -> None:
    a = alert_of(change("ispace", "email", "a@ispace.example", "b@ispace.example", Category.CONTACT), 7)
    msg = email_message(message(MessageKind.SINGLE, [a]), sender="m@example.org",
                        to=["a@example.org", "b@example.org"], now=T0)
    assert msg["Message-ID"] == f"<{a.alert_id}@monitor>"
    assert msg["Subject"] == "[monitor] ispace — email: a@ispace.example → b@ispace.example"
    assert msg["To"] == "a@example.org, b@example.org"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]


def test_digest_groups_by_company_then_category() -> None:
    alerts = news_alerts()
    alerts.append(alert_of(change("acme", "person", None, "CTO", Category.LEADERSHIP, key="Bo Li"),
                           99, name="ACME Corp", mode="digest:daily@08:00"))
    msg = email_message(message(MessageKind.DIGEST, alerts, "Daily digest"), sender="m@example.org",
                        to=["a@example.org"], now=T0 + timedelta(hours=1))
    text = body(msg, "plain")
    order = [text.index(name) for name in ("\nACME Corp\n", "\nispace\n", "\nzeta\n")]
    assert order == sorted(order)
    acme = text[order[0]:order[1]]
    assert acme.index("Leadership (1)") < acme.index("News (10)")
    first_title = feedparser.parse(GNEWS.read_bytes()).entries[0].title
    assert first_title in text
    assert msg["Subject"] == "[monitor] Daily digest: 31 changes at ACME Corp, ispace, zeta"


def test_slack_digest_and_summary_stay_within_block_kit_limits() -> None:
    alerts = [alert_of(change(f"co{i % 40}", "news", None, f"Headline {i} " + "x" * 150,
                              Category.NEWS, key=f"k{i}"), i + 1) for i in range(400)]
    for kind in (MessageKind.DIGEST, MessageKind.SUMMARY, MessageKind.CATCHUP):
        payload = slack_payload(message(kind, alerts, "Daily digest"))
        assert len(payload["blocks"]) <= 50
        assert all(len(t) <= 3000 for t in _texts(payload))
        assert "20 more companies" in json.dumps(payload)
