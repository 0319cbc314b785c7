"""Offers and openings in alerts: digest by default, and read like a person wrote them."""

from __future__ import annotations

from monitor.extract.page import extract_page
from monitor.models import Category, Change, ChangeKind
from monitor.notify.render import CATEGORY_LABELS
from monitor.notify.routing import AlertConfig, ChannelConfig, default_routes

JOB = Change(company="acme", source="acme:careers:1", field="job", change=ChangeKind.ADDED,
             category=Category.HIRING, new="Senior GNC Engineer, Tokyo", key="job:1")


def test_offer_and_hiring_changes_go_to_the_daily_digest_by_default() -> None:
    channels = {"slack:team": ChannelConfig("slack:team")}
    config = AlertConfig(channels=channels, routes=default_routes(channels, None))
    for category in (Category.OFFER, Category.HIRING):
        routed = config.route(Change(company="acme", source="s", field="offer",
                                     change=ChangeKind.ADDED, category=category, new="x"))
        assert [(ch, mode.startswith("digest")) for ch, mode in routed] == [("slack:team", True)]


def test_new_categories_have_labels_and_describe_as_items() -> None:
    assert CATEGORY_LABELS[Category.OFFER] == "Offers" and CATEGORY_LABELS[Category.HIRING] == "Hiring"
    assert JOB.describe() == "job job:1 added: Senior GNC Engineer, Tokyo"


def test_homepage_with_a_news_strip_gives_facts_and_items() -> None:
    """The organisation's facts and the strip's stories, each in its own place."""
    page = b"""<html><head><title>Acme</title><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Organization", "name": "Acme Space GmbH",
     "email": "info@acme.example"}</script></head><body><h1>Acme builds landers</h1>
    <h2>Latest news</h2><ul class="strip">
    <li><a href="/news/a">Acme lander passes vibration test</a> <span>12.03.2024</span></li>
    <li><a href="/news/b">Acme opens an office in Bremen</a> <span>01.02.2024</span></li>
    <li><a href="/news/c">Acme wins an ESA study contract</a> <span>15.01.2024</span></li>
    </ul></body></html>"""
    obs = extract_page(page, "https://acme.example/", "text/html")
    assert ("name", "Acme Space GmbH") in [(f.field, f.value) for f in obs.facts]
    assert [i.published_at for i in obs.items] == [
        "2024-03-12T00:00:00Z", "2024-02-01T00:00:00Z", "2024-01-15T00:00:00Z"]
    text = next(f.value for f in obs.facts if f.field == "text")
    assert "vibration" not in text and "landers" in text
