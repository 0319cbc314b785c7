"""The ``website`` kind: any company web page."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from monitor.models import Category, Fetched, Observation, Source
from monitor.sources.base import Kind, SourceOptions


class WebsiteOptions(SourceOptions):
    """Options of the website kind."""

    country: str | None = Field(
        None, description="ISO country code used to read phone numbers without a +prefix."
    )


class Website(Kind):
    """A company web page (home, about, contact, team, imprint).

    Reads the schema.org Organization (JSON-LD, microdata) first: name, description, email,
    telephone, fax, address, sameAs, founder, employees; then meta/OpenGraph tags; then the
    page itself: e-mails, phones and fax numbers, postal addresses, social links (LinkedIn,
    X/Twitter, Facebook, Instagram, YouTube, GitHub, Mastodon, Bluesky), people with their roles
    (team, management and imprint pages), and the page's main text.

    Options: url, every, confirm, include/exclude (CSS selectors), ignore (regexes), country.
    Example:
        - kind: website
          url: https://ispace-inc.com/company/
          every: 1d
    """

    kind: ClassVar[str] = "website"
    Options: ClassVar[type[SourceOptions]] = WebsiteOptions
    item_category: ClassVar[Category] = Category.CONTENT
    default_every: ClassVar[str] = "1d"

    def extract(self, fetched: Fetched, source: Source) -> Observation:
        """Facts of the page (see the class docs)."""
        raise NotImplementedError
