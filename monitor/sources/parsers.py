"""Every kind's parsers, imported at once: what a parser worker needs before its first page.

The kinds import their parsers inside ``extract``, so a process that only fetches and compares
(``monitor check`` of unchanged pages) never loads them. The parser pool's forkserver imports
this module instead, so each worker it forks starts with the parsers already loaded (a fresh
worker would otherwise pay for them on its first page, again after every replacement).
"""

from __future__ import annotations

from monitor.extract import feed, feed_fallback, jobboards, page, pdf

__all__ = ["feed", "feed_fallback", "jobboards", "page", "pdf"]
