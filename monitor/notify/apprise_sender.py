"""Other services (Teams, Discord, Telegram, ntfy, ...) through Apprise URLs (optional extra).

The channel ``apprise:<name>`` reads its URL, which holds the service's token, from
``MONITOR_APPRISE_URL_<NAME>``. Without ``pip install 'monitor[apprise]'`` the channel is off.
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

from monitor.errors import DeliveryError, NotConfigured
from monitor.notify.base import SEND_DEADLINE, Message
from monitor.notify.email_render import text_body
from monitor.notify.render import subject


class AppriseSender:
    """Sends the plain-text rendering of a message through one Apprise URL."""

    max_batch = 10

    def __init__(self, channel: str, url: str) -> None:
        # Apprise loads its plugins here; some import deprecated modules (imghdr): not ours to fix
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                import apprise  # an optional extra: imported only when a channel uses it
            except ImportError:
                raise NotConfigured("install the extra: pip install 'monitor[apprise]'") from None
            self._apprise: Any = apprise.Apprise()
            known = self._apprise.add(url)
        if not known:
            raise NotConfigured("the Apprise URL is not one Apprise understands")
        self.channel = channel
        self.secrets: tuple[str, ...] = (url,)

    async def send(self, message: Message) -> None:
        """Notify; Apprise reports only success or failure, so failures are retried."""
        try:
            async with asyncio.timeout(SEND_DEADLINE):  # the thread is left to Apprise's timeouts
                ok = await asyncio.to_thread(self._apprise.notify, body=text_body(message),
                                             title=subject(message))
        except TimeoutError:
            raise DeliveryError(f"the Apprise service did not answer within {SEND_DEADLINE:.0f}"
                                " s (timeout)") from None
        if not ok:
            raise DeliveryError("the Apprise service did not accept the message")

    async def aclose(self) -> None:
        """Nothing to close."""
