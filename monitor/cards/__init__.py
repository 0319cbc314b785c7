"""Profile cards: hand-kept company pages in markdown, compared with what the sources say.

    parse     markdown card → Card (values) + Layout (where each value stands)
    review    Card + current facts and items → Differences (new | missing | changed)
    export    Card + Differences → the card's text with the differences written in
    store     cards, card_sources and card_review tables
    sources   the sources a card's links imply, added to sources.yaml
"""

from __future__ import annotations

from monitor.cards.export import export
from monitor.cards.model import Card, Layout, Link, Person, Section
from monitor.cards.parse import parse
from monitor.cards.review import Difference, Evidence, WorldFact, WorldItem, review

__all__ = [
    "Card",
    "Difference",
    "Evidence",
    "Layout",
    "Link",
    "Person",
    "Section",
    "WorldFact",
    "WorldItem",
    "export",
    "parse",
    "review",
]
