"""Every kind and its parsers, imported at once: what a parser worker needs before its first page.

``KINDS`` imports a kind when it is first looked up, and the kinds import their parsers inside
``extract``, so a process that only fetches and compares (``monitor check`` of unchanged
pages) loads neither. A parser worker imports this module before it says "ready"
(``monitor/workers/child.py``), so its first page pays for no import.
"""

from __future__ import annotations

import phonenumbers  # noqa: F401  (monitor.normalize imports them with the first number, link)
import w3lib.url  # noqa: F401

from monitor.extract import feed as feed_parser
from monitor.extract import feed_fallback, jobboards, page, pdf
from monitor.sources import careers, feed, linkedin, native, news, website, x

__all__ = ["careers", "feed", "feed_fallback", "feed_parser", "jobboards", "linkedin", "native",
           "news", "page", "pdf", "website", "x"]
