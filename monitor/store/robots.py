"""robots.txt answers kept in SQLite per origin, each until its own expiry.

``monitor check`` and ``monitor run`` are separate processes; each used to ask every host
for robots.txt again (two requests per check in a one-off run). This store is the
``RobotsStore`` the Fetcher's robots cache reads through, so one answer serves every process
on the database until it expires (24 h, or less when the answer's cache headers say so).
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime

from sqlite_utils import Database

from monitor.clock import iso
from monitor.fetch.robots import RobotsRules, RobotsState, parse_rules
from monitor.store.db import write

log = logging.getLogger("monitor.fetch")


class SqliteRobots:
    """A ``RobotsStore`` on the monitor database (table ``robots``)."""

    def __init__(self, db: Database, *, read_only: bool = False) -> None:
        self.db = db
        self.read_only = read_only  # a dry run reads what is cached and writes nothing

    def load(self, origin: str, now: float) -> RobotsRules | None:
        """The unexpired answer for ``origin``; None when there is none or it cannot be read."""
        try:
            row = self.db.execute(
                "SELECT state, detail, code, body, expires FROM robots"
                " WHERE origin = ? AND expires > ?", [origin, now]).fetchone()
        except sqlite3.Error as exc:  # a cache: on trouble, ask the host instead
            log.warning("robots.txt cache unreadable (%s); asking %s", exc, origin)
            return None
        if row is None:
            return None
        state, detail, code, body, expires = row
        try:
            kind = RobotsState(state)
        except ValueError:
            return None
        return parse_rules(kind, detail, body, float(expires), code)

    def save(self, origin: str, rules: RobotsRules) -> None:
        """Keep ``rules`` until they expire (a failed write only costs a later re-fetch)."""
        if self.read_only:
            return
        fetched = iso(datetime.now(UTC))
        try:
            with write(self.db, durable=False) as conn:  # a cache: lost, it is asked again
                conn.execute(
                    "INSERT OR REPLACE INTO robots (origin, state, detail, code, body, expires,"
                    " fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (origin, rules.state.value, rules.detail, rules.code, rules.text,
                     rules.expires, fetched))
        except sqlite3.Error as exc:
            log.warning("robots.txt cache not written (%s) for %s", exc, origin)
