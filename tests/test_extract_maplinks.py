"""Addresses read from the query of a map link when the page's text gives none."""

from __future__ import annotations

from monitor.extract.page import extract_page

URL = "https://example.org/kontakt"


def _addresses(body: str) -> list[str]:
    html = f"<!doctype html><html lang='de'><head><title>Kontakt</title></head><body>{body}</body></html>"
    obs = extract_page(html.encode(), URL)
    return [f.value for f in obs.facts if f.field == "address"]


def test_google_maps_query_gives_the_address() -> None:
    body = (
        "<h1>So finden Sie uns</h1>"
        "<a href='https://www.google.com/maps/search/?api=1&query=Musterstra%C3%9Fe+5%2C+10115+Berlin'>Karte</a>"
    )
    assert _addresses(body) == ["Musterstraße 5, 10115 Berlin"]


def test_place_path_and_apple_maps() -> None:
    body = "<a href='https://maps.apple.com/?address=Via+Roma+12,+20121+Milano'>Mappa</a>"
    assert _addresses(body) == ["Via Roma 12, 20121 Milano"]
    body = "<a href='https://www.google.com/maps/place/Rua+Augusta+100,+1100-053+Lisboa/@38.7,-9.1,17z'>Mapa</a>"
    assert _addresses(body) == ["Rua Augusta 100, 1100-053 Lisboa"]


def test_town_alone_or_other_links_give_nothing() -> None:
    body = (
        "<a href='https://maps.google.com/?q=Berlin'>Berlin</a>"
        "<a href='https://www.google.com/search?q=Musterstra%C3%9Fe+5%2C+10115+Berlin'>Suche</a>"
    )
    assert _addresses(body) == []


def test_the_text_address_wins() -> None:
    body = (
        "<h2>Kontakt</h2><p>Acme GmbH<br>Hauptstraße 1<br>20095 Hamburg</p>"
        "<a href='https://maps.google.com/?q=Musterstra%C3%9Fe+5,+10115+Berlin'>Karte</a>"
    )
    assert _addresses(body) == ["Hauptstraße 1, 20095 Hamburg"]
