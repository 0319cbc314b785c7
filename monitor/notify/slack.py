"""Slack through an incoming webhook: paced, Retry-After honoured, errors classified and redacted.

The webhook URL is the credential (R39): it comes from ``MONITOR_SLACK_WEBHOOK_<NAME>``, must be
``https://hooks.slack.com/...`` (any URL only with ``MONITOR_ALLOW_PRIVATE=1``, for tests), and
never appears in an error, a log line or the database.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from monitor.errors import DeliveryError, NotConfigured
from monitor.notify.base import SEND_DEADLINE, Message, clean_line, redact
from monitor.notify.slack_render import slack_payload

SLACK_HOST = "hooks.slack.com"
DEFAULT_RETRY_AFTER = 30.0
MAX_RETRY_AFTER = 6 * 3600.0


def check_webhook(url: str, env_name: str, *, allow_private: bool) -> None:
    """Refuse a webhook that is not Slack's (it would receive our alerts); never echo it."""
    parts = urlsplit(url.strip())
    if allow_private and parts.scheme in ("http", "https") and parts.hostname:
        return
    if parts.scheme != "https" or parts.hostname != SLACK_HOST or parts.port not in (None, 443) \
            or parts.username or parts.password:
        raise NotConfigured(f"{env_name} is not a Slack incoming webhook (expected "
                            f"https://{SLACK_HOST}/services/...)")


def webhook_secrets(webhook: str) -> tuple[str, ...]:
    """The URL and the token parts of its path: any of them is enough to post."""
    path = urlsplit(webhook).path
    token = path.removeprefix("/services/")
    last = path.rsplit("/", 1)[-1]
    return tuple(s for s in (webhook, path, token, last) if len(s) >= 8)


class _RedactLog(logging.Filter):
    """httpx logs every request URL at INFO: for a webhook, that is the secret (R40)."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if any(s in text for s in self.secrets):
            record.msg, record.args = redact(text, self.secrets), ()
        return True


_LOG_FILTER = _RedactLog()


def retry_after(value: str | None, now: float | None = None) -> float:
    """Seconds to wait from a Retry-After header (seconds or HTTP date), bounded."""
    if not value:
        return DEFAULT_RETRY_AFTER
    try:
        seconds = float(value.strip())
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return DEFAULT_RETRY_AFTER
        seconds = when.timestamp() - (now if now is not None else time.time())
    return min(max(seconds, 1.0), MAX_RETRY_AFTER)


class SlackSender:
    """Posts Block Kit messages to one webhook, at most one per ``min_interval`` seconds."""

    max_batch = 10

    def __init__(self, channel: str, webhook: str, *, min_interval: float = 1.0,
                 max_wait: float = 30.0, timeout: float = 10.0,
                 deadline: float = SEND_DEADLINE,
                 client: httpx.AsyncClient | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.channel = channel
        self.secrets = webhook_secrets(webhook)
        _LOG_FILTER.secrets.update(self.secrets)
        httpx_log = logging.getLogger("httpx")
        if _LOG_FILTER not in httpx_log.filters:
            httpx_log.addFilter(_LOG_FILTER)
        self._webhook = webhook
        self._min_interval = min_interval
        self._max_wait = max_wait
        self._deadline = deadline
        self._client = client or httpx.AsyncClient(timeout=timeout, follow_redirects=False)
        self._own_client = client is None
        self._monotonic = monotonic
        self._last = float("-inf")
        self._not_before = float("-inf")

    async def send(self, message: Message) -> None:
        """Post one message; a short Retry-After is waited out once, a long one raised."""
        payload = slack_payload(message)
        for attempt in range(2):
            await self._pace()
            response = await self._post(payload)
            status = response.status_code
            if status < 300:
                return
            detail = clean_line(redact(response.text, self.secrets), 100)
            if status == 429:
                wait = retry_after(response.headers.get("retry-after"))
                self._not_before = self._monotonic() + wait
                if attempt == 0 and wait <= self._max_wait:
                    continue
                raise DeliveryError(f"Slack rate limit (HTTP 429), retry after {wait:.0f} s",
                                    retry_after=wait)
            if status >= 500:
                raise DeliveryError(f"Slack HTTP {status} {detail}".strip())
            raise DeliveryError(f"Slack refused the message: HTTP {status} {detail}".strip(),
                                permanent=True)
        raise AssertionError("unreachable: the loop returns or raises")

    async def _pace(self) -> None:
        wait = max(self._last + self._min_interval, self._not_before) - self._monotonic()
        if wait > self._max_wait:  # still rate limited: leave the message to a later pass
            raise DeliveryError(f"Slack rate limit, retry after {wait:.0f} s", retry_after=wait)
        if wait > 0:
            await asyncio.sleep(wait)

    async def _post(self, payload: dict[str, Any]) -> httpx.Response:
        try:
            # httpx's timeouts are per read: a server dripping one byte a second never trips
            # them, so the whole exchange gets one deadline.
            async with asyncio.timeout(self._deadline):
                return await self._client.post(self._webhook, json=payload)
        except httpx.TimeoutException:
            raise DeliveryError("Slack did not answer in time (timeout)") from None
        except TimeoutError:
            raise DeliveryError(f"Slack did not answer within {self._deadline:.0f} s"
                                " (timeout)") from None
        except httpx.HTTPError as exc:
            text = redact(f"cannot reach Slack: {type(exc).__name__}: {exc}", self.secrets)
            raise DeliveryError(clean_line(text, 200)) from None
        finally:
            self._last = self._monotonic()

    async def aclose(self) -> None:
        """Close the HTTP client if this sender made it."""
        if self._own_client:
            await self._client.aclose()
