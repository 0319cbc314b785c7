"""The ``website`` kind: any company web page."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from monitor.models import Category, Fetched, Observation, Source
from monitor.sources.base import Kind, SourceOptions


class WebsiteOptions(SourceOptions):
    """Options of the website kind."""

    country: str | None = Field(
        None, description="ISO country code used to read phone numbers without a +prefix."
    )
    render: Literal["auto", "browser", "never"] = Field(
        "auto", description="Run the page's scripts in chromium first: always (browser), only "
        "when the plain page is a JavaScript shell or <noscript> wall (auto), or never."
    )


class Website(Kind):
    """A company web page (home, about, contact, team, imprint).

    Reads the schema.org Organization (JSON-LD, microdata) first, then meta/OpenGraph tags,
    then the page itself. Facts: name, legal_name, description, email, phone, fax, address,
    link.website and link.<network> (linkedin, x, facebook, instagram, youtube, github,
    mastodon, bluesky, tiktok), person (with role: imprints, management lists, team cards),
    founded, employees, vat_id, register (commercial register number) and text (the main
    text, one line per block, volatile phrases masked). Captcha, challenge and login walls
    are reported as blocked; a body that is not HTML as an extraction failure.

    Lists on the page need no configuration: repeated blocks that each link to a page of
    their own (article cards, press release rows, offer tiles, job rows) become items with
    title, date, summary, image and price, in the category ``news``, ``offer`` or ``hiring``
    (schema.org types, URL words and headings say which; the evidence records why), as do
    schema.org JobPosting objects. Their text is not also reported as page text. Menus,
    footers, related-links widgets and tag clouds are not lists.

    Options: url, every, confirm, settle (how long new page text must hold before it is a
    change: 1d by default, 0 at once; a rotating block is replaced again within it and stays
    quiet), include/exclude (CSS selectors; include narrows the text,
    contacts and links, exclude removes nodes first), ignore (regexes removed from the text),
    country (ISO code for phone numbers written without +prefix; default: the ccTLD),
    render (auto, browser or never: whether chromium runs the page's scripts first; auto,
    the default, renders only a JavaScript shell or a <noscript> wall, when chromium is
    installed; a rendered page also keeps a screenshot of each change). A PDF is read as
    a page too: its text, with page numbers in the evidence.
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
        # The parsers load here, in the parser workers: a process that only fetches and
        # compares (an unchanged page) never imports them.
        from monitor.extract.page import PageOptions, extract_page
        from monitor.extract.pdf import extract_pdf, is_pdf

        opts = self.options(source)
        country = opts.country if isinstance(opts, WebsiteOptions) else None
        page = PageOptions(
            include=tuple(opts.include),
            exclude=tuple(opts.exclude),
            ignore=tuple(opts.ignore),
            country=country.upper() if country else None,
        )
        content_type = (
            fetched.headers.get("content-type") or fetched.headers.get("Content-Type") or ""
        )
        url = fetched.final_url or fetched.url
        if is_pdf(fetched.body, fetched.content_type):
            return extract_pdf(fetched.body, url, page)
        return extract_page(fetched.body, url, content_type, page)
