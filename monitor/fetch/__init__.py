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
from importlib.machinery import ModuleSpec


class _WithoutHttpxCli:
    """httpx's package init imports its command-line client (click, rich's tables and
    progress bars, pygments: about 25 ms) and falls back to a stub when that import fails.
    Nothing here runs httpx's CLI: this import finder makes that one import fail."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name == "httpx._main":
            raise ModuleNotFoundError("httpx's command-line client is not used", name=name)
        return None


if not any(isinstance(finder, _WithoutHttpxCli) for finder in sys.meta_path):
    sys.meta_path.insert(0, _WithoutHttpxCli())

__all__ = ["authwall", "body", "classify", "client", "netguard", "politeness", "redirects", "robots", "tls", "transport"]
