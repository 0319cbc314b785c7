"""The only way out to the network: one guarded HTTP client and everything under it.

    client      the Fetcher: one shared httpx client, robots, politeness, conditional GET, caps
    transport   httpx over aiohttp with connections pinned to checked addresses
    netguard    the URL and address policy every outbound URL passes (SSRF)
    redirects   redirects followed by hand, each hop re-checked
    body        bounded reading and bomb-safe decompression
    robots      robots.txt, read with protego
    politeness  one request at a time per host, delays, Retry-After
    authwall    whether a URL is a login wall (pure: the parser workers use it too)
    classify    answers sorted into ok, blocked, error… before anything is parsed
    tls         one verifying TLS context per process, built by the first https fetch

Nothing is imported at import time; the modules are the package's public faces.
"""

import sys

# httpx's package init imports its command-line client (click, rich's tables and progress
# bars, pygments: about 25 ms) and falls back to a stub when that import fails. Nothing here
# runs httpx's CLI, so its module is marked absent before httpx is first imported.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

__all__ = ["authwall", "body", "classify", "client", "netguard", "politeness", "redirects", "robots", "tls", "transport"]
