"""Messages as emails: plain text first, then HTML from autoescaped templates. Pure.

Header values are stripped of CR, LF, NUL and other control characters, and encoded-word
openers (``=?``) in scraped text are broken up, because the email package decodes them when a
header is set, which is how CVE-2024-6923 injected headers (R42, G8).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime

from jinja2 import Environment

from monitor.notify.base import Message, MessageKind, clean_line
from monitor.notify.render import CATEGORY_LABELS, grouped, intro, lines, subject

MAX_LINES = 1000  # per digest; the rest is one sentence and a link
MAX_ID_HEADER = 100

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_HTML = _ENV.from_string("""\
<!doctype html>
<html><body style="font-family: -apple-system, Segoe UI, sans-serif; line-height: 1.4">
{% if title %}<h1 style="font-size: 1.3em">{{ title }}</h1>{% endif %}
{% if intro %}<p>{{ intro }}</p>{% endif %}
{% if note %}<p style="white-space: pre-wrap">{{ note }}</p>{% endif %}
{% for name, slug, categories in companies %}
<h2 style="margin-bottom: 0.2em"><a href="{{ links.company(slug) }}">{{ name }}</a></h2>
{% for category, items in categories %}
<h3 style="margin: 0.6em 0 0.2em">{{ labels[category] }} ({{ items|length }})</h3>
{% if not counts_only %}
<ul>
{% for l in items %}
<li>{% if l.link %}<a href="{{ l.link }}">{{ l.brief }}</a>{% else %}{{ l.brief }}{% endif %}
<br><small>from {% if l.source_url %}<a href="{{ l.source_url }}">{{ l.where }}</a>{% else %}{{ l.where }}{% endif %}, {{ l.date }} · alert {{ l.alert_ids|join(", ") }}</small></li>
{% endfor %}
</ul>
{% endif %}
{% endfor %}
{% endfor %}
{% if more %}<p>…and {{ more }} more: <a href="{{ links.recent() }}">all changes in Datasette</a></p>{% endif %}
<p style="color: #666; font-size: small">monitor · {{ kind }} {{ id }}</p>
</body></html>
""")


def header_text(text: str, limit: int = 200) -> str:
    """A safe header value: one line, no control characters, no encoded-word openers."""
    return clean_line(text, limit).replace("=?", "= ?")


def email_message(message: Message, *, sender: str, to: Sequence[str],
                  now: datetime) -> EmailMessage:
    """The email for a message, addressed and with ``Message-ID: <id@monitor>``."""
    msg = EmailMessage(policy=default_policy)
    msg["Subject"] = header_text(f"[monitor] {subject(message)}")
    msg["From"] = header_text(sender)
    msg["To"] = ", ".join(header_text(a) for a in to)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = f"<{header_text(message.id, 80)}@monitor>"
    if message.alerts:
        ids = message.alert_ids
        more = f" (+{len(ids) - MAX_ID_HEADER})" if len(ids) > MAX_ID_HEADER else ""
        msg["X-Monitor-Alert-Ids"] = " ".join(ids[:MAX_ID_HEADER]) + more
    for name in ("Subject", "From", "To"):
        if any(c in str(msg[name]) for c in "\r\n\x00"):
            raise ValueError(f"unsafe {name} header")  # unreachable unless the email package changes
    msg.set_content(text_body(message))
    msg.add_alternative(html_body(message), subtype="html")
    return msg


def text_body(message: Message) -> str:
    """The plain-text part: grouped by company, then category."""
    heading = message.title if message.kind not in (MessageKind.SINGLE, MessageKind.BATCH) else ""
    out = [x for x in (heading, intro(message), message.text) if x]
    found = lines(message.alerts)
    shown = 0
    for name, _slug, categories in grouped(found):
        out.append(f"\n{name}\n{'=' * min(len(name), 60)}")
        for category, items in categories:
            out.append(f"{CATEGORY_LABELS[category]} ({len(items)})")
            if message.kind is MessageKind.SUMMARY:
                continue
            for line in items:
                if shown < MAX_LINES:
                    link = f"\n    {line.link}" if line.link else ""
                    out.append(f"  - {line.brief}{link}\n    from {line.where}, {line.date}"
                               f" · alert {', '.join(line.alert_ids)}")
                shown += 1
    if shown > MAX_LINES:
        out.append(f"\n…and {shown - MAX_LINES} more: {message.links.recent()}")
    if found:
        out.append(f"\nAll changes: {message.links.recent()}")
    out.append(f"\n-- \nmonitor · {message.kind.value} {message.id}")
    return "\n".join(out) + "\n"


def html_body(message: Message) -> str:
    """The HTML part; every value is escaped by the template engine."""
    found = lines(message.alerts)
    kept = found[:MAX_LINES]
    return _HTML.render(
        title=message.title if message.kind not in (MessageKind.SINGLE, MessageKind.BATCH) else "",
        intro=intro(message), note=message.text, companies=grouped(kept),
        counts_only=message.kind is MessageKind.SUMMARY, labels=CATEGORY_LABELS,
        more=len(found) - len(kept), links=message.links, kind=message.kind.value, id=message.id)
