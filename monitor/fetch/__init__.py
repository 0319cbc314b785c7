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

Nothing is imported at import time; the modules are the package's public faces.
"""

__all__ = ["authwall", "body", "classify", "client", "netguard", "politeness", "redirects", "robots", "transport"]
