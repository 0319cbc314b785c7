"""Source discovery: from a company's homepage to a proposed block of sources.yaml.

``discover(url, fetcher)`` fetches the homepage through the project's Fetcher (SSRF guard,
robots.txt, politeness all apply), then one about/company/contact page it links to, and
finds: the feeds the pages declare (each fetched and kept only if it parses as a feed; one
that cannot be reached is kept and marked unverified), feeds at common paths when none is
declared, the organisation's name (JSON-LD first), and the site's own social accounts.
``Proposal.company(slug, ...)`` turns that into the mapping ``monitor.config.add_company``
writes: website, feed, linkedin, x, mastodon, bluesky and youtube sources and a news search,
and ``careers`` sources for the job boards its careers links lead to (or the careers page).
Facebook, Instagram, GitHub and TikTok accounts are not sources: the website kind records
them as ``link.*`` facts.

The names below are imported on first use: ``monitor kinds`` and ``monitor import`` read the
source policy (``monitor.discover.policy``) without the page readers, the feed and news kinds
and the YAML writer that discovery itself needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.lazy import exports

if TYPE_CHECKING:
    from monitor.discover.propose import (
        DiscoveryFailed,
        FoundFeed,
        InProcess,
        Parsers,
        Proposal,
        discover,
        render,
    )

__getattr__ = exports(__name__, {name: "propose" for name in (
    "DiscoveryFailed", "FoundFeed", "InProcess", "Parsers", "Proposal", "discover", "render")})

__all__ = ["DiscoveryFailed", "FoundFeed", "InProcess", "Parsers", "Proposal", "discover", "render"]
