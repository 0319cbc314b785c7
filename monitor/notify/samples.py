"""A sample message for ``monitor notify --test``: it reads like a real alert, marked as a test."""

from __future__ import annotations

from datetime import datetime

from monitor.clock import iso
from monitor.models import Category, ChangeKind
from monitor.notify.base import Alert, Links, Message, MessageKind, message_id


def sample_message(channel: str, now: datetime, links: Links) -> Message:
    """A test message carrying one made-up leadership change."""
    stamp = iso(now)
    alert = Alert(
        alert_id=f"test-{now.strftime('%Y%m%d%H%M%S')}", channel=channel, mode="immediate",
        change_id=0, company="example", company_name="Example Corp", source="example:website",
        source_url="https://example.com/about", field="person", change=ChangeKind.MODIFIED,
        category=Category.LEADERSHIP, old="CFO", new="CEO", key="Ada Lovelace", url=None,
        detected_at=stamp, due_at=stamp)
    return Message(id=message_id(MessageKind.TEST, [alert.alert_id]), channel=channel,
                   kind=MessageKind.TEST, alerts=(alert,), links=links,
                   title="Test message: Example Corp — Ada Lovelace: CFO → CEO",
                   text="This is a test from monitor notify --test. Real alerts look like this:")
