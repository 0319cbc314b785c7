"""Whether a round of checks failed because this machine has no network: one line, not N.

When every source of a round fails before any host answered (DNS, connect, TLS, timeout)
and they span at least two hosts, the cause is almost surely here, not at nine different
sites: say so once, "no network: 9 of 9 sources unreachable, DNS failed". The same words
serve the daemon's log, ``monitor check`` and any page that reads source statuses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from monitor.fetch.classify import NETWORK_FAILURES

_WORDS = {"dns": "DNS failed", "connect": "could not connect", "tls": "TLS failed",
          "timeout": "no answer in time", "network": "network error"}


def no_network(checked: Iterable[tuple[str, str | None]]) -> str | None:
    """The one-line verdict for ``(url, error code or None)`` of a round, or None if the
    network is not the likely cause (a success, another error, or a single host)."""
    rows = list(checked)
    hosts = {(urlsplit(url).hostname or "").lower() for url, _ in rows}
    if len(rows) < 2 or len(hosts) < 2 or any(code not in NETWORK_FAILURES for _, code in rows):
        return None
    counts = Counter(str(code) for _, code in rows)
    reasons = ", ".join(_WORDS[code] if n == len(rows) else f"{_WORDS[code]} ({n})"
                        for code, n in counts.most_common())
    return f"no network: {len(rows)} of {len(rows)} sources unreachable, {reasons}"
