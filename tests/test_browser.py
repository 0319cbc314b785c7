"""What a person sees: Debian's headless chromium on the recent-changes and company pages.

`make test` installs chromium first (scripts/ensure-chromium); these tests never skip.
Screenshots land in test-artifacts/ (git-ignored). Data: the sample history of
tests/test_serve_sample.py (examples/ispace.md, corpus/feeds/rsparser/cloudblog.rss).
"""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from png import Reader
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import ROOT
from tests.test_serve import start_serve, stop_serve
from tests.test_serve_sample import XSS, build_sample

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--hide-scrollbars")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    assert CHROMIUM.exists(), "chromium is missing: run scripts/ensure-chromium (make test does)"
    tmp = tmp_path_factory.mktemp("browser")
    db = build_sample(tmp / "monitor.db")
    proc, base = start_serve(db, port_flag=True)
    try:
        yield base, tmp
    finally:
        stop_serve(proc)


def chromium(tmp: Path, *args: str) -> str:
    """Run headless chromium once; its stdout."""
    done = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def look(site: tuple[str, Path], path: str, shot: str, height: int = 1600) -> HTMLParser:
    """The DOM chromium built for ``path`` (scripts, if any, have run), and a screenshot, from
    one load of the page (one browser start: starting chromium is most of a look's cost)."""
    base, tmp = site
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / shot
    png.unlink(missing_ok=True)
    dom = chromium(tmp, f"--screenshot={png}", "--dump-dom", f"--window-size=1280,{height}", base + path)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page, not a blank
    assert struct.unpack(">II", data[16:24]) == (1280, height)
    assert "</html>" in dom, dom[-2000:]
    return HTMLParser(dom)


def rightmost_ink(png: bytes, top: int, bottom: int) -> int:
    """The largest x of a pixel darker than the page background in rows ``top``..``bottom``."""
    width, _, pixels, _ = Reader(bytes=png).asRGB8()
    found = 0
    for y, line in enumerate(pixels):
        if y >= bottom:
            break
        if y >= top:
            found = max([found, *(x for x in range(found + 1, width)
                                  if min(line[3 * x:3 * x + 3]) < 235)])  # card borders: #e3e3e3
    return found


def text(dom: Any, selector: str) -> list[str]:
    """The visible text of every node matching ``selector``, whitespace collapsed."""
    return [" ".join(n.text().split()) for n in dom.css(selector)]


def test_recent_changes_page_reads_as_a_list_of_changes(site: tuple[str, Path]) -> None:
    dom = look(site, "/changes", "recent-changes.png")
    assert text(dom, "head > title") == ["Recent changes"]
    assert text(dom, "h1") == ["Recent changes"]
    entries = text(dom, "li.entry")
    assert any("ispace Jumpei Nozaki: Director & CFO → Director & COO" in e for e in entries)
    assert any("Google Cloud news: Last month today: August on GCP" in e for e in entries)
    assert any(e.endswith("ispace link.x: https://twitter.com/HAKUTO_Reboot → https://x.com/HAKUTO_R")
               for e in entries)  # a short change is said once, in its title
    days = text(dom, "section.day h2")
    assert days == sorted(days, reverse=True) and len(days) >= 5  # newest day first
    assert text(dom, "p.summary")[0].startswith("18 changes in the last 30 days")
    feed = dom.css_first("a.feed")
    assert feed is not None and feed.attributes["href"].endswith("/monitor/feed.atom")
    text_change = dom.css_first("li.entry .values")
    assert text_change is not None  # page text changes show the lines that went and came
    assert text(text_change, "del") == ["ACME makes anvils."]
    assert text(text_change, "ins") == ["ACME makes anvils and rockets. Now hiring <b>engineers</b>."]
    leadership = look(site, "/changes?category=leadership", "recent-changes-leadership.png", 900)
    assert len(text(leadership, "li.entry")) == 4


def test_company_page_reads_like_a_profile(site: tuple[str, Path]) -> None:
    dom = look(site, "/company/ispace", "company-ispace.png", 2600)
    assert text(dom, "h1") == ["ispace"]
    assert text(dom, ".profile-head .description") == [
        "ispace is a lunar exploration company with a vision to extend human presence to outer space."]
    assert text(dom, ".card h2") == ["Identity", "Contact", "Links", "People"]
    people = [text(row, "td")[:2] for row in dom.css(".people tbody tr")]
    assert people[0] == ["Takeshi Hakamada", "Founder & CEO"]  # the chief first
    assert ["Jane Doe", "CFO"] in people and ["Nozomu Iwata", "VP & Technology"] not in people
    values = dict(zip(text(dom, ".card dt"), text(dom, ".card dd"), strict=True))
    assert values["Phone"].startswith("+81 3-6277-6451 since ")
    assert values["LinkedIn"].startswith("https://www.linkedin.com/company/ispace-inc/")
    charts = dom.css("svg.chart")
    assert [c.attributes.get("aria-label") for c in charts] == [
        "Changes per week by category", "followers over time"]
    assert len(dom.css("svg.chart circle")) == 8  # eight weekly follower counts
    assert "Jumpei Nozaki: Director & CFO → Director & COO" in " ".join(text(dom, ".timeline li"))
    assert [text(row, "td")[0] for row in dom.css(".sources tbody tr")] == ["linkedin", "website"]


def test_scraped_markup_never_runs(site: tuple[str, Path]) -> None:
    """A scraped description full of <script> and onerror shows as text; nothing executes."""
    dom = look(site, "/company/acme", "company-acme.png", 1200)
    assert text(dom, "head > title") == ["ACME <Anvils> & Co"]  # the probe would have renamed it
    assert text(dom, ".profile-head .description") == [XSS]
    assert not [s for s in dom.css("script") if "pwned" in (s.text() or "")]
    assert not dom.css("img[onerror]")
    assert any(t.startswith("javascript:alert(1)") for t in text(dom, ".card dd"))  # shown...
    assert not [a for a in dom.css("a[href]") if not a.attributes["href"].startswith(
        ("/", "http://", "https://", "mailto:"))]  # ...never as a link


def test_charts_page_draws_weekly_bars(site: tuple[str, Path]) -> None:
    dom = look(site, "/charts", "charts.png", 1300)
    labels = [c.attributes.get("aria-label") for c in dom.css("svg.chart")]
    assert labels[:2] == ["Changes per week by category", "Changes per week by company"]
    assert "ispace: followers" in labels
    legend = text(dom, "svg.chart text.label")
    assert "leadership" in legend and "Google Cloud" in legend


def nav_of(dom: Any) -> list[str]:
    """The labels of the app's navigation bar."""
    return text(dom, "header p.monitor-nav a")


APP_NAV = ["Company monitor", "Recent changes", "Companies", "Charts", "Source events"]


def test_changes_table_is_searched_and_faceted(site: tuple[str, Path]) -> None:
    """Full-text search on the changes table itself (no canned query in its place), with facets."""
    dom = look(site, "/monitor/changes?_search=Nozaki&_facet=category", "changes-search.png", 1100)
    assert nav_of(dom)[:5] == APP_NAV
    box = dom.css_first('input[name="_search"]')
    assert box is not None and box.attributes["value"] == "Nozaki"
    rows = dom.css("table.rows-and-columns tbody tr")
    assert rows and all("Jumpei Nozaki" in row.text() for row in rows)
    assert "leadership" in " ".join(text(dom, "#facet-category li"))


def test_a_stray_quote_in_the_search_box_is_no_error(site: tuple[str, Path]) -> None:
    dom = look(site, '/monitor/changes?_search=Nozaki"', "changes-search-quote.png", 900)
    page = " ".join(text(dom, "body"))
    assert "syntax error" not in page and "fts5" not in page
    assert [row for row in dom.css("table.rows-and-columns tbody tr") if "Jumpei Nozaki" in row.text()]


def test_source_events_have_their_own_page(site: tuple[str, Path]) -> None:
    """Health events stay off the list of company changes, on a page of their own."""
    news = look(site, "/changes", "recent-changes-default.png", 900)
    assert not [e for e in text(news, "li.entry") if "did not answer" in e]
    assert text(news, "a.hidden-health") == ["1 source event not shown"]
    events = look(site, "/changes?category=health", "source-events.png", 700)
    assert text(events, "h1") == ["Source events"]
    entries = text(events, "li.entry")
    assert len(entries) == 1 and "status: new → error: acme.example did not answer in time" in entries[0]
    feed = events.css_first("a.feed")
    assert feed is not None and feed.attributes["href"].endswith("/monitor/feed.atom?category=health")


def test_saved_queries_keep_the_app_layout(site: tuple[str, Path]) -> None:
    dom = look(site, "/monitor/latest_changes?company=ispace", "saved-query.png", 1000)
    assert nav_of(dom)[:5] == APP_NAV
    assert text(dom, "h1")[0].startswith("Recent changes")
    missing = look(site, "/mon/nope/x/y", "not-found.png", 600)
    assert nav_of(missing)[:5] == APP_NAV and "404" in " ".join(text(missing, "h1, title"))
    assert "There is no page at /mon/nope/x/y." in " ".join(text(missing, "p, div"))


def test_company_page_uses_the_whole_window(site: tuple[str, Path]) -> None:
    """The profile's cards reach the right edge of a 1280 px window (less the page margin)."""
    look(site, "/company/ispace", "company-ispace-wide.png", 900)
    png = (ARTIFACTS / "company-ispace-wide.png").read_bytes()
    assert rightmost_ink(png, 200, 700) > 1280 - 40
