"""Messages as Slack Block Kit payloads. Pure.

Every scraped string is escaped for mrkdwn (``&``, ``<``, ``>`` become entities), so a page
cannot mention ``<!channel>`` or smuggle in a ``<https://evil|link>`` (R42, D14).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from monitor.notify.base import Message, MessageKind
from monitor.notify.render import CATEGORY_LABELS, Line, grouped, intro, lines, safe_url, subject

SECTION_LIMIT = 2900  # Slack's limit is 3000 characters per text object
MAX_COMPANIES = 20
PER_CATEGORY = 5


def escape(text: str) -> str:
    """Slack's three control characters as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, text: str) -> str:
    """A mrkdwn link; the URL cannot close the link or start a new one."""
    if not safe_url(url):
        return escape(text)
    target = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    return f"<{escape(target)}|{escape(text)}>"


def slack_payload(message: Message) -> dict[str, Any]:
    """The JSON body for an incoming webhook."""
    if message.kind in (MessageKind.NOTICE, MessageKind.TEST):
        blocks = [_section(escape(message.text)), *_alerts(message)]
    elif message.kind in (MessageKind.SINGLE, MessageKind.BATCH):
        blocks = _alerts(message)
    else:
        blocks = _digest(message)
    blocks.append(_context(_footer(message)))
    return {"text": escape(subject(message)), "blocks": blocks[:50], "unfurl_links": False,
            "unfurl_media": False}


def _alerts(message: Message) -> list[dict[str, Any]]:
    found = lines(message.alerts)
    blocks: list[dict[str, Any]] = []
    if len(found) > 1:
        blocks.append({"type": "header",
                       "text": {"type": "plain_text", "text": f"{len(found)} changes"}})
    for line in found:
        source = link(line.source_url, line.where)
        detail = f"\n{link(line.link, 'open')}" if line.link else ""
        blocks.append(_section(f"*{escape(line.company_name)}* — {escape(line.what)}{detail}\n"
                               f"from {source}, {line.date}"))
        company = link(message.links.company(line.company), f"{line.company_name} in Datasette")
        ids = ", ".join(f"`{i}`" for i in line.alert_ids)
        blocks.append(_context(f"{CATEGORY_LABELS[line.category]} · {company} · alert {ids}"))
    return blocks


def _digest(message: Message) -> list[dict[str, Any]]:
    found = lines(message.alerts)
    header = f"{message.title} — {len(found)} change{'s' if len(found) != 1 else ''}"
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": header[:150]}}]
    if intro(message):
        blocks.append(_section(escape(intro(message))))
    companies = grouped(found)
    for name, slug, categories in companies[:MAX_COMPANIES]:
        text = f"*{link(message.links.company(slug), name)}*"
        for category, items in categories:
            text += f"\n*{CATEGORY_LABELS[category]}* ({len(items)})"
            if message.kind is not MessageKind.SUMMARY:
                text += "".join(f"\n• {_item(line)}" for line in items[:PER_CATEGORY])
                if len(items) > PER_CATEGORY:
                    text += f"\n• …and {len(items) - PER_CATEGORY} more"
        blocks.append(_section(_cap(text)))
    if len(companies) > MAX_COMPANIES:
        more = len(companies) - MAX_COMPANIES
        blocks.append(_section(f"…and {more} more companies: "
                               f"{link(message.links.recent(), 'all changes in Datasette')}"))
    return blocks


def _item(line: Line) -> str:
    if line.link:
        return link(line.link, line.brief)
    return f"{escape(line.brief)} ({escape(line.where)})"


def _footer(message: Message) -> str:
    if message.kind is MessageKind.SINGLE:
        return f"monitor · alert `{message.id}`"
    if message.kind is MessageKind.BATCH:
        return f"monitor · message `{message.id}`"
    if message.kind in (MessageKind.NOTICE, MessageKind.TEST):
        return f"monitor · {message.kind.value} `{message.id}`"
    n = len(message.alerts)
    return (f"monitor · {message.kind.value} `{message.id}` · {n} alerts · "
            f"{link(message.links.recent(), 'all changes')}")


def _cap(text: str) -> str:
    if len(text) <= SECTION_LIMIT:
        return text
    cut = text.rfind("\n", 0, SECTION_LIMIT)  # at a line end, so no entity or link is split
    return text[:cut if cut > 0 else SECTION_LIMIT] + "\n…"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
