"""The benchmark's companies: one source per simweb company, each on a host name of its own.

simweb serves every company from one address; our Fetcher keeps one request at a time and a
gap per host, which would serialise the whole benchmark on 127.0.0.1. So company ``c00042``
is fetched as ``http://c00042.simweb.test:PORT/c/c00042/...`` and ``*.simweb.test`` resolves to
127.0.0.1 through the Fetcher's injectable resolver: politeness stays real, per company.
Pages cycle home, about, team, contact, news, feed (simweb's ``mix=1``).
"""

from __future__ import annotations

from pathlib import Path

from bench.simctl import PAGE_PATH, PAGES
from bench.simdns import DOMAIN, resolver
from monitor.config import source_id
from monitor.models import Company, Source

__all__ = ["DOMAIN", "companies", "kind_of", "page_of", "resolver", "url_of", "write_sources_yaml"]


def page_of(index: int) -> str:
    """The page monitored for company ``index``."""
    return PAGES[index % len(PAGES)]


def kind_of(page: str) -> str:
    """The source kind that reads a page."""
    return "feed" if page == "feed" else "website"


def url_of(index: int, port: int, simulated: int) -> str:
    """Company ``index`` reads simweb company ``index % simulated`` on a host of its own."""
    slug = f"c{index % simulated:05d}"
    return f"http://c{index:05d}.{DOMAIN}:{port}/c/{slug}/{PAGE_PATH[page_of(index)]}"


def companies(count: int, port: int, simulated: int, *, confirm: int = 1) -> tuple[Company, ...]:
    """``count`` companies with one source each (confirm=1: a change is recorded when seen)."""
    out = []
    for i in range(count):
        slug, kind, url = f"c{i:05d}", kind_of(page_of(i)), url_of(i, port, simulated)
        source = Source(id=source_id(slug, kind, url), company=slug, kind=kind, url=url,
                        every=3600.0, confirm=confirm)
        out.append(Company(slug=slug, name=f"Company {i}", sources=(source,)))
    return tuple(out)


def write_sources_yaml(path: Path, count: int, port: int, simulated: int) -> int:
    """A sources.yaml for ``count`` companies in compact flow style; returns its size in bytes."""
    lines = ["defaults:\n  every: 1h\n  confirm: 1\ncompanies:\n"]
    for i in range(count):
        kind, url = kind_of(page_of(i)), url_of(i, port, simulated)
        lines.append(f"  - {{slug: c{i:05d}, name: Company {i}, sources: [{{kind: {kind}, url: '{url}'}}]}}\n")
    path.write_text("".join(lines))
    path.chmod(0o600)
    return path.stat().st_size
