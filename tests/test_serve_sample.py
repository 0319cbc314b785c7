"""A sample history for the Datasette tests, and the people views (m003) checked against it.

The history goes through the real differ and recorder (monitor.diff, monitor.store.record), so
the views read exactly what `monitor run` writes. Profile values of ispace come from the
hand-kept card ../shared/examples/ispace.md; the news items are the real Google Cloud blog
feed corpus/feeds/rsparser/cloudblog.rss. Changes after the baseline are made up for the test.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
from sqlite_utils import Database

from monitor.clock import iso
from monitor.diff import diff
from monitor.models import (
    Category,
    CheckResult,
    Company,
    Fact,
    Fetched,
    Item,
    Metric,
    Outcome,
    Source,
    State,
)
from monitor.pipeline import health_transition
from monitor.sources import KINDS
from monitor.store.db import open_db
from monitor.store.record import record
from monitor.store.state import load_state, source_row
from monitor.store.sync import sync_config
from tests.conftest import CORPUS

FEED = CORPUS / "feeds" / "rsparser" / "cloudblog.rss"
ACME_TEXT = ("ACME makes anvils.\nFounded in 1949.",
             "ACME makes anvils and rockets.\nFounded in 1949.\nNow hiring <b>engineers</b>.")
XSS = '<script>document.title="pwned"</script><img src=x onerror="document.title=1">'

ISPACE_WEB = Source(id="ispace:website:1", company="ispace", kind="website",
                    url="https://ispace-inc.com/company/", every=86400, confirm=1)
ISPACE_LI = Source(id="ispace:linkedin:1", company="ispace", kind="linkedin",
                   url="https://www.linkedin.com/company/ispace-inc/", every=86400, confirm=1,
                   options={"thresholds": {"followers": 300}})
CLOUD_FEED = Source(id="gcloud:feed:1", company="gcloud", kind="feed",
                    url="https://cloud.google.com/blog/rss/", every=3600, confirm=1)
ACME_WEB = Source(id="acme:website:1", company="acme", kind="website",
                  url="https://acme.example/about", every=86400, confirm=1)
ACME_FEED = Source(id="acme:feed:1", company="acme", kind="feed",
                   url="https://acme.example/news.xml", every=3600, confirm=1)
COMPANIES = (
    Company("ispace", "ispace", aliases=("ispace inc",), tags=("lunar",),
            sources=(ISPACE_WEB, ISPACE_LI)),
    Company("gcloud", "Google Cloud", tags=("cloud",), sources=(CLOUD_FEED,)),
    Company("acme", "ACME <Anvils> & Co", sources=(ACME_WEB, ACME_FEED)),
)
ACME_FEED_DOWN = "error: acme.example did not answer in time"  # the health change it records

# From examples/ispace.md: contact row, links row, description, management list.
ISPACE_FACTS = [
    Fact("name", "ispace"),
    Fact("description", "ispace is a lunar exploration company with a vision to extend human "
                        "presence to outer space.", evidence="**ispace** is a lunar exploration"),
    Fact("email", "info@ispace-inc.com", evidence="<info@ispace-inc.com>"),
    Fact("address", "2-7-17, Shiba, Sumitomo Shibakoen Building 10F, Tokyo, Minato-ku 105-0014, JP"),
    Fact("link.website", "http://ispace-inc.com/"),
    Fact("link.linkedin", "https://www.linkedin.com/company/ispace-inc/"),
    Fact("link.facebook", "https://www.facebook.com/ispace.technologies.inc/"),
    Fact("link.x", "https://twitter.com/ispace_inc"),
    Fact("link.x", "https://twitter.com/HAKUTO_Reboot"),
    Fact("founded", "2010-09"),
    Fact("person", "Takeshi Hakamada", role="Founder & CEO", evidence="Founder & CEO — Takeshi Hakamada"),
    Fact("person", "Takahiro Nakamura", role="Director & COO"),
    Fact("person", "Jumpei Nozaki", role="Director & CFO"),
    Fact("person", "Kazuya Yoshida", role="Director & Technology Advisor"),
    Fact("person", "Hideki Shimomura", role="CTO"),
    Fact("person", "Nozomu Iwata", role="VP & Technology"),
]


def moment(days_ago: float) -> datetime:
    """A time ``days_ago`` before now, on a whole second."""
    return (datetime.now(UTC) - timedelta(days=days_ago)).replace(microsecond=0)


def feed_items() -> list[Item]:
    """The real feed's entries as items, oldest last."""
    parsed = feedparser.parse(FEED.read_bytes())
    return [Item(key=e.id, title=e.title, url=e.link, publisher=e.get("author"),
                 published_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", e.published_parsed),
                 summary=(e.get("summary") or "")[:200], kind="news")
            for e in parsed.entries]


def observe(db: Database, source: Source, at: datetime, facts: list[Fact] = (),  # type: ignore[assignment]
            items: list[Item] = (), metrics: list[Metric] = ()) -> CheckResult:  # type: ignore[assignment]
    """Diff and record one successful check of ``source`` at ``at`` (as the pipeline does)."""
    row = source_row(db, source.id)
    assert row is not None
    state: State = load_state(db, source.id, baseline=row.baseline_at is None)
    category = KINDS[source.kind].item_category if source.kind in KINDS else Category.NEWS
    thresholds = dict(source.options.get("thresholds", {}))  # type: ignore[call-overload]
    result = diff(source, state, facts, items, metrics, now=iso(at), item_category=category,
                  thresholds=thresholds)
    body = repr((facts, items, metrics)).encode()
    fetched = Fetched(url=source.url, final_url=source.url, outcome=Outcome.OK, status=200,
                      body=body, headers={"content-type": "text/html"})
    check = CheckResult(source=source, fetched=fetched, outcome=Outcome.OK, started_at=iso(at),
                        ms=12.0, next_due_at=iso(at + timedelta(seconds=source.every)),
                        body_hash=f"{source.id}:{hash(body)}", diff=result, metrics=tuple(metrics),
                        stored_items=state.items)
    record(db, check, iso(at))
    return check


def fail(db: Database, source: Source, at: datetime, error: str, detail: str) -> CheckResult:
    """Record one failed check of ``source`` at ``at``, health change included, as the
    pipeline does (after several failures in a row the source's status becomes a change)."""
    row = source_row(db, source.id)
    assert row is not None
    failures, alerted, health = health_transition(source, row, Outcome.ERROR, detail)
    fetched = Fetched(url=source.url, final_url=source.url, outcome=Outcome.ERROR, error=error,
                      detail=detail)
    check = CheckResult(source=source, fetched=fetched, outcome=Outcome.ERROR, started_at=iso(at),
                        ms=30000.0, next_due_at=iso(at + timedelta(hours=1)), detail=detail,
                        health=health, failures=failures, health_alerted=alerted)
    record(db, check, iso(at))
    return check


def build_sample(path: Path) -> Path:
    """Write the sample history to ``path`` (a fresh file) and return it."""
    db = open_db(path)
    sync_config(db, COMPANIES, iso(moment(60)))
    people = list(ISPACE_FACTS)
    observe(db, ISPACE_WEB, moment(40), people)
    news = feed_items()
    observe(db, CLOUD_FEED, moment(40), items=news[6:])
    observe(db, ACME_WEB, moment(40), [Fact("name", "ACME"), Fact("email", "info@acme.example"),
                                       Fact("text", ACME_TEXT[0])])
    for week in range(8):
        followers = 12000 + week * 170 + (week % 3) * 40
        observe(db, ISPACE_LI, moment(49 - week * 7), metrics=[Metric("followers", followers)])
    people = [f if f.value != "Jumpei Nozaki" else Fact("person", "Jumpei Nozaki", role="Director & COO")
              for f in people if f.value != "Takahiro Nakamura"]
    observe(db, ISPACE_WEB, moment(20), people)
    observe(db, CLOUD_FEED, moment(15), items=news[3:])
    people += [Fact("email", "press@ispace-inc.com"), Fact("phone", "+81 3-6277-6451")]
    observe(db, ISPACE_WEB, moment(10), people)
    observe(db, CLOUD_FEED, moment(4), items=news)
    people = [f for f in people if f.value != "Nozomu Iwata"]
    people += [Fact("person", "Jane Doe", role="CFO", evidence="CFO — Jane Doe")]
    observe(db, ISPACE_WEB, moment(3), people)
    people = [f if f.value != "https://twitter.com/HAKUTO_Reboot" else
              Fact("link.x", "https://x.com/HAKUTO_R") for f in people]
    observe(db, ISPACE_WEB, moment(1), people)
    observe(db, ACME_WEB, moment(2), [Fact("name", "ACME"), Fact("email", "info@acme.example"),
                                      Fact("description", XSS), Fact("text", ACME_TEXT[1]),
                                      Fact("link.website", "javascript:alert(1)")])
    for hours in (30, 29, 28):  # the feed stops answering: one health change, not company news
        fail(db, ACME_FEED, moment(hours / 24), "timeout", "acme.example did not answer in time")
    db.close()
    return path


def test_sample_history_reads_in_words(tmp_path: Path) -> None:
    db = open_db(build_sample(tmp_path / "monitor.db"))
    whats = [r[0] for r in db.execute(
        "SELECT what FROM recent_changes WHERE company = 'ispace' ORDER BY id")]
    assert "Jumpei Nozaki: Director & CFO → Director & COO" in whats
    assert "person removed: Takahiro Nakamura (Director & COO)" in whats
    assert "person added: Jane Doe (CFO)" in whats
    assert "link.x: https://twitter.com/HAKUTO_Reboot → https://x.com/HAKUTO_R" in whats
    assert any(w.startswith("metric.followers: ") for w in whats)
    news = db.execute("SELECT count(*) FROM recent_changes WHERE company = 'gcloud'"
                      " AND change = 'added'").fetchone()[0]
    assert news == 6


def test_role_holders_say_since_when(tmp_path: Path) -> None:
    db = open_db(build_sample(tmp_path / "monitor.db"))
    holders = {r[0]: (r[1], r[2][:10]) for r in db.execute(
        "SELECT person, role, since FROM role_holders WHERE company = 'ispace'")}
    assert holders["Jumpei Nozaki"] == ("Director & COO", iso(moment(20))[:10])
    assert holders["Takeshi Hakamada"] == ("Founder & CEO", iso(moment(40))[:10])
    assert holders["Jane Doe"] == ("CFO", iso(moment(3))[:10])
    assert "Takahiro Nakamura" not in holders


def test_timeline_holds_changes_and_items_once(tmp_path: Path) -> None:
    db = open_db(build_sample(tmp_path / "monitor.db"))
    rows = db.execute("SELECT entry, title FROM company_timeline WHERE company = 'gcloud'").fetchall()
    assert len(rows) == 20  # every item once; the "added" changes of items are not repeated
    assert {r[0] for r in rows} == {"news"}
    kinds = {r[0] for r in db.execute("SELECT entry FROM company_timeline WHERE company = 'ispace'")}
    assert kinds == {"change"}


def test_profile_as_of_rebuilds_the_past(tmp_path: Path) -> None:
    """The canned query profile_as_of, run as Datasette would (escape_fts is not needed)."""
    from monitor.datasette import metadata

    sql = metadata("monitor")["databases"]["monitor"]["queries"]["profile_as_of"]["sql"]
    db = open_db(build_sample(tmp_path / "monitor.db"))

    def as_of(days_ago: float) -> dict[tuple[str, str], str | None]:
        rows = db.execute(sql, {"company": "ispace", "date": iso(moment(days_ago))}).fetchall()
        return {(r[0], r[1]): r[2] for r in rows}

    assert as_of(50) == {}  # before the baseline nothing is known
    past = as_of(30)
    assert past[("person", "Jumpei Nozaki")] == "Director & CFO"
    assert past[("person", "Takahiro Nakamura")] == "Director & COO"
    assert ("person", "Jane Doe") not in past
    assert ("link.x", "https://twitter.com/HAKUTO_Reboot") in past
    assert ("email", "press@ispace-inc.com") not in past
    later = as_of(5)
    assert later[("person", "Jumpei Nozaki")] == "Director & COO"
    assert ("person", "Takahiro Nakamura") not in later
    assert ("email", "press@ispace-inc.com") in later
    now = as_of(0)
    assert ("link.x", "https://x.com/HAKUTO_R") in now
    assert ("link.x", "https://twitter.com/HAKUTO_Reboot") not in now
    assert len(now) == db.execute(
        "SELECT count(*) FROM company_profile WHERE company = 'ispace'").fetchone()[0]


def test_every_table_view_and_column_is_described(tmp_path: Path) -> None:
    from monitor.datasette import metadata

    db = open_db(tmp_path / "monitor.db")
    tables = metadata("monitor")["databases"]["monitor"]["tables"]
    missing = []
    for name in db.table_names() + db.view_names():
        if "_fts" in name:
            continue  # full-text index shadow tables: Datasette hides them itself
        described = tables.get(name, {})
        if not described.get("description"):
            missing.append(name)
        missing += [f"{name}.{c.name}" for c in db[name].columns
                    if c.name not in described.get("columns", {})]
    assert missing == []
