"""Source health for ``monitor status``: due, running, failing, blocked, last change."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from monitor.clock import iso, parse_iso

# Most urgent first: what an operator should look at.
ORDER = {"running": 0, "failing": 1, "blocked": 2, "due": 3, "new": 4, "ok": 5}


@dataclass(frozen=True)
class SourceStatus:
    """One source as ``monitor status`` shows it."""

    id: str
    company: str
    kind: str
    url: str
    state: str  # running, failing, blocked, due, new or ok
    status: str  # the last check's outcome
    failures: int
    next_due_at: str | None
    last_checked_at: str | None
    last_change_at: str | None
    error: str | None


def source_states(db: Database, now: datetime, *, daemon_running: bool,
                  company: str | None = None) -> list[SourceStatus]:
    """Every configured source with its state, most urgent first."""
    sql = ("SELECT id, company, kind, url, health, status, failures, next_due_at,"
           " last_checked_at, last_change_at, error, detail, claimed_at"
           " FROM source_health WHERE health != 'retired'")
    params: list[object] = []
    if company:
        sql += " AND company = ?"
        params.append(company)
    out = []
    stamp = iso(now)
    for row in db.execute(sql, params).fetchall():
        (sid, slug, kind, url, health, status, failures, due, checked, changed, code, detail,
         claimed) = row
        error = ": ".join(part for part in (code, detail) if part) or None
        running = daemon_running and claimed is not None and (checked is None or claimed > checked)
        state = ("running" if running else health if health in ("failing", "blocked") else
                 "due" if due is None or due <= stamp else "new" if health == "new" else "ok")
        out.append(SourceStatus(sid, slug, kind, url, state, status, failures, due, checked,
                                changed, error))
    out.sort(key=lambda s: (ORDER[s.state], s.next_due_at or "", s.id))
    return out


def counts(states: list[SourceStatus]) -> Counter[str]:
    """How many sources are in each state."""
    return Counter(s.state for s in states)


def relative(moment: str | None, now: datetime) -> str:
    """``in 3h``, ``12m ago`` or ``never``: times as an operator reads them."""
    if not moment:
        return "never"
    seconds = (parse_iso(moment) - now).total_seconds()
    text = _span(abs(seconds))
    if abs(seconds) < 1:
        return "now"
    return f"in {text}" if seconds > 0 else f"{text} ago"


def _span(seconds: float) -> str:
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m")):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit}"
    return f"{seconds:.0f}s"
