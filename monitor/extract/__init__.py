"""Pure extraction: bytes of a page or a feed in, typed values out. No network, clock or DB.

    html          decode bytes deterministically, parse (lexbor), drop code, hidden parts, banners
    layout        the page's text read once: body lines, main-content lines, the block tree
    lines         raw text runs → normalised lines (for layout)
    scan          which lines contain a needle: one C-speed pass over the page, not one per line
    structured    JSON-LD (incl. @graph) and microdata items as plain dicts
    organization  the schema.org Organization of a page → facts
    meta          OpenGraph / <meta> fallbacks for name and description
    contacts      e-mails, phones, fax numbers (links and labelled text)
    address       postal addresses in running text (DE/AT/CH, FR, UK, US, JP shapes); the
                  site's own before third parties' (insurers, regulators, vendors)
    places        country names as addresses write them; addresses without a postcode
    legal         VAT ids and commercial register numbers
    social        profile links: LinkedIn, X, Facebook, Instagram, YouTube, GitHub, …
    people        people and roles (imprint labels, sentences; team lists from ``team``)
    team          name/role pairs of team pages, within each card's own block
    tables        people of tables whose header names a name and a title column
    rolelists     people named in running text right after their title
    whose         whose page it is: another firm's press release keeps its people and contacts
    parties       third parties of privacy pages and imprints (representatives, authorities,
                  hosts, other firms' officers and addresses)
    roles         the vocabulary: names in text, role titles, imprint labels
    blocked       captcha / challenge / login walls served with a 200
    feed          RSS/Atom → items by a lean, hardened lxml walk; item identity and caps
    feed_fallback JSON Feed (and RSS-in-JSON), and feedparser for XML lxml refuses
    page          the website kind's whole extraction, assembling the above
    facts         dedupe, merge people, order, cap; the phone-country guess
    metrics       counts on social pages ("5,750 followers") and the thresholds option
    walls         login walls and app shells served with a 200 on social sites
    own_links     the social accounts a page presents as its own, not the ones it cites
    x_page        the X profile card as a logged-out visitor gets it
    gnews, gdelt  news providers: Google News RSS and GDELT answers → stories
    stories       merging stories of several providers and publishers into one item per story

The package deliberately imports nothing at import time; its modules are its public faces.
"""

__all__ = ["address", "blocked", "contacts", "facts", "feed", "feed_fallback", "gdelt", "gnews",
           "html", "layout", "legal", "lines", "meta", "metrics", "organization", "own_links", "page",
           "parties", "people", "places", "rolelists", "roles", "scan", "social", "stories", "structured",
           "tables", "team", "walls", "whose", "x_page"]
