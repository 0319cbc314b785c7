"""Recording one finished check in ONE transaction (R34).

Check row, snapshot (when new), facts, pending values, items, metrics, changes, their outbox
rows, and the source's state (validators, status, next due time) land together or not at all;
so a crash leaves either "check not done" (redone after restart) or "done, alerts pending".
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from monitor import rotation
from monitor.itemdiff import next_items
from monitor.models import Change, CheckResult, Item, ItemState, Outcome
from monitor.normalize import identity
from monitor.store import rebases, shots
from monitor.store.db import write
from monitor.store.queue import Router, alert_id, queue
from monitor.store.state import item_states, text_memory

# Earlier prose changes looked at when a source learns that some text rotates: a weekly text
# comes back within four weeks or so.
ROTATION_LOOKBACK = timedelta(days=60)
CrashHook = Callable[[str], None]  # named crash points for the crash-test harness
Also = Callable[[sqlite3.Connection, int], None]  # more rows that must land with the check


def no_crash(point: str) -> None:
    """The crash hook of normal runs: reaching a crash point does nothing."""


def record(db: Database, result: CheckResult, now: str, *, route: Router | None = None,
           crash: CrashHook = no_crash, also: Also | None = None) -> int:
    """Write one check in a transaction of its own; returns the check id. ``also`` writes in
    the same transaction (the fleet writer notes the answered order there, so a redelivered
    answer is never recorded twice)."""
    with write(db) as conn:
        return record_in(conn, result, now, route=route, crash=crash, also=also)


def record_in(conn: sqlite3.Connection, result: CheckResult, now: str, *,
              route: Router | None = None, crash: CrashHook = no_crash,
              also: Also | None = None) -> int:
    """Write one check inside the caller's open transaction (see ``monitor.store.batch``)."""
    snapshot = _snapshot(conn, result, now)
    check_id = _check_row(conn, result, snapshot)
    if also:
        also(conn, check_id)
    if result.rebase is not None:  # before the diff's own writes, which start from it
        rebases.write(conn, result.source, result.rebase, now, check_id)
    crash("in_transaction")
    if result.diff is not None:
        _facts(conn, result, now)
        _items(conn, result, now)
        _lines(conn, result, now)
    _metrics(conn, result, now)
    recorded = [(_change(conn, change, check_id, now, route), change)
                for change in result.changes]
    shots.keep(conn, result, recorded, now)
    if result.diff is not None:
        _rotation(conn, result, now)
    _source(conn, result, now)
    return check_id


def _snapshot(conn: sqlite3.Connection, result: CheckResult, now: str) -> str | None:
    """Keep the raw capture when it is the baseline or backs a change (deduplicated)."""
    fetched = result.fetched
    if result.outcome is not Outcome.OK or result.diff is None or not result.body_hash:
        return None
    if result.diff.changes or result.diff.pending or _is_baseline(conn, result.source.id):
        # Level 1: about 4x cheaper than 6 on 100 KB pages, for slightly larger files.
        conn.execute(
            "INSERT OR IGNORE INTO snapshots (hash, content, content_type, bytes, first_seen)"
            " VALUES (?, ?, ?, ?, ?)",
            (result.body_hash, zlib.compress(fetched.body, 1), fetched.content_type,
             len(fetched.body), now))
        return result.body_hash
    return None


def _is_baseline(conn: sqlite3.Connection, source_id: str) -> bool:
    row = conn.execute("SELECT baseline_at FROM sources WHERE id = ?", [source_id]).fetchone()
    return row is None or row[0] is None


def _check_row(conn: sqlite3.Connection, result: CheckResult, snapshot: str | None) -> int:
    f = result.fetched
    cur = conn.execute(
        "INSERT INTO checks (source, company, started_at, outcome, http_status, bytes, ms, error,"
        " detail, snapshot, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (result.source.id, result.source.company, result.started_at, result.outcome.value,
         f.status or None, len(f.body), round(result.ms, 1), f.error, result.detail or f.detail,
         snapshot, len(result.changes)))
    return int(cur.lastrowid or 0)


def _facts(conn: sqlite3.Connection, result: CheckResult, now: str) -> None:
    assert result.diff is not None
    sid, company = result.source.id, result.source.company
    keep = {identity(f) for f in result.diff.facts}
    stored = conn.execute("SELECT id, field, subject FROM facts WHERE source = ?", [sid]).fetchall()
    conn.executemany("DELETE FROM facts WHERE id = ?",
                     [(r[0],) for r in stored if (r[1], r[2]) not in keep])
    conn.executemany(
        "INSERT INTO facts (company, source, field, subject, value, role, first_seen, last_seen,"
        " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, field, subject) DO UPDATE"
        " SET value = excluded.value, role = excluded.role, last_seen = excluded.last_seen,"
        " evidence = excluded.evidence",
        [(company, sid, f.field, identity(f)[1], f.value, f.role, now, now, f.evidence)
         for f in result.diff.facts])
    conn.execute("DELETE FROM pending WHERE source = ?", [sid])
    conn.executemany(
        "INSERT INTO pending (source, field, subject, present, value, role, evidence, seen,"
        " first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(sid, p.field, p.subject, p.fact is not None, p.fact.value if p.fact else None,
          p.fact.role if p.fact else None, p.fact.evidence if p.fact else None, p.seen,
          p.first_seen) for p in result.diff.pending])


def _lines(conn: sqlite3.Connection, result: CheckResult, now: str) -> None:
    """The text lines and slots this check touched (new, back again, gone, moved, replaced,
    decayed), see ``rotation``, and the people it showed or missed (``roster``)."""
    assert result.diff is not None
    conn.executemany(
        "INSERT INTO text_lines (source, key, text, returns, present, volatile, position, slot,"
        " since, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(source, key) DO UPDATE SET returns = excluded.returns,"
        " present = excluded.present, volatile = excluded.volatile, position = excluded.position,"
        " slot = excluded.slot, since = excluded.since, last_seen = excluded.last_seen",
        [(result.source.id, key, line.text, line.returns, line.present, line.volatile,
          line.position, line.slot, line.since, now, now)
         for key, line in result.diff.lines.items()])
    conn.executemany(
        "INSERT INTO text_slots (source, key, before, after, changes, changed_at, volatile,"
        " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, key)"
        " DO UPDATE SET changes = excluded.changes, changed_at = excluded.changed_at,"
        " volatile = excluded.volatile, last_seen = excluded.last_seen",
        [(result.source.id, key, slot.before, slot.after, slot.changes, slot.changed_at,
          slot.volatile, now, now) for key, slot in result.diff.slots.items()])
    conn.executemany(
        "INSERT INTO people_seen (source, key, name, since, last_seen, present, returns, left_at,"
        " gone_at, where_seen, alone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source,"
        " key) DO UPDATE SET name = excluded.name, since = excluded.since, last_seen ="
        " excluded.last_seen, present = excluded.present, returns = excluded.returns, left_at ="
        " excluded.left_at, gone_at = excluded.gone_at, where_seen = excluded.where_seen,"
        " alone = excluded.alone",
        [(result.source.id, key, p.name, p.since, p.last_seen, p.present, p.returns, p.left,
          p.gone_at, "\n".join(p.where), "\n".join(p.alone))
         for key, p in result.diff.people.items()])


def _rotation(conn: sqlite3.Connection, result: CheckResult, now: str) -> None:
    """Earlier prose changes of the source that its lines now show to be rotation (a text that
    held past the settle window, whose slot then rotated or which came back) are marked
    ``rotation_at``; their alerts not sent yet are suppressed, those sent stand."""
    assert result.diff is not None
    learned = (any(line.volatile for line in result.diff.lines.values())
               or any(slot.volatile for slot in result.diff.slots.values()))
    if not learned:
        return
    since = (rotation.moment(now) or datetime.now(UTC)) - ROTATION_LOOKBACK
    rows = conn.execute(  # through changes_company: the company's changes of the period
        "SELECT id, old, new FROM changes WHERE company = ? AND detected_at >= ?"
        " AND source = ? AND +category = 'content' AND rotation_at IS NULL",
        [result.source.company, since.isoformat().replace("+00:00", "Z"),
         result.source.id]).fetchall()
    if not rows:
        return
    texts = rotation.rotating_texts(*text_memory(conn, result.source.id), now)
    ids = [row[0] for row in rows if rotation.was_rotation(row[1], row[2], texts)]
    conn.executemany("UPDATE changes SET rotation_at = ? WHERE id = ?", [(now, i) for i in ids])
    conn.executemany("UPDATE outbox SET status = 'suppressed' WHERE change_id = ?"
                     " AND status = 'pending'", [(i,) for i in ids])


def _items(conn: sqlite3.Connection, result: CheckResult, now: str) -> None:
    """Write the items the source keeps after this check (``itemdiff.next_items``): listed
    items with what they show, the others' sightings, misses and removal."""
    assert result.diff is not None
    sid, company, items = result.source.id, result.source.company, result.diff.items
    before = _stored_items(conn, result)
    after = next_items(before, items, now)
    listed = {items.aliases.get(i.key, i.key): i for i in items.present}
    conn.executemany(
        "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
        " publisher, links, first_seen, last_seen, category, price, image, details, evidence,"
        " pending, position, candidate, returns) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(source, key) DO UPDATE SET title = excluded.title, url = excluded.url,"
        " summary = excluded.summary, publisher = excluded.publisher, links = excluded.links,"
        " last_seen = excluded.last_seen, category = excluded.category, price = excluded.price,"
        " image = excluded.image, details = excluded.details, evidence = excluded.evidence,"
        " position = excluded.position, candidate = excluded.candidate, misses = 0, retired = 0,"
        " pending = excluded.pending, returns = excluded.returns,"
        " removed_at = CASE WHEN excluded.pending THEN items.removed_at END",
        [_item_row(company, sid, key, item, now, after[key]) for key, item in listed.items()])
    kept = [(s, key) for key, s in after.items() if key not in listed and s != before.get(key)]
    conn.executemany(
        "UPDATE items SET misses = ?, retired = ?, pending = ?,"
        " removed_at = CASE WHEN ? THEN COALESCE(?, removed_at) END WHERE source = ? AND key = ?",
        [(s.misses, s.retired, s.pending, s.removed, now if key in items.removed else None, sid, key)
         for s, key in kept])
    conn.executemany("DELETE FROM items WHERE source = ? AND key = ?",
                     [(sid, key) for key in before.keys() - after.keys()])


def _stored_items(conn: sqlite3.Connection, result: CheckResult) -> Mapping[str, ItemState]:
    """The source's items as this transaction holds them before the check's own item writes:
    as the check loaded them or, after a rebase that wrote items (written just before, in this
    transaction, and rare), read back from the store."""
    if result.stored_items is None:
        raise ValueError(f"{result.source.id}: a check with a diff must carry the items it"
                         " started from (CheckResult.stored_items)")
    if result.rebase is None or result.rebase.page is None:
        return result.stored_items
    return item_states(conn, result.source.id)


def _item_row(company: str, sid: str, key: str, i: Item, now: str, s: ItemState) -> tuple[object, ...]:
    return (company, sid, key, i.kind, i.title, i.url, i.published_at, i.summary, i.publisher,
            json.dumps(list(i.links)), now, now, i.category.value if i.category else None,
            i.price, i.image, json.dumps(dict(i.details), ensure_ascii=False), i.evidence,
            s.pending, s.position, s.candidate, s.returns)


def _metrics(conn: sqlite3.Connection, result: CheckResult, now: str) -> None:
    sid, company = result.source.id, result.source.company
    conn.executemany(
        "INSERT INTO metrics (company, source, name, value, observed_at) VALUES (?, ?, ?, ?, ?)",
        [(company, sid, m.name, m.value, now) for m in result.metrics])
    if result.diff is not None:
        conn.executemany(
            "INSERT INTO metric_marks (source, name, value) VALUES (?, ?, ?)"
            " ON CONFLICT(source, name) DO UPDATE SET value = excluded.value",
            [(sid, name, value) for name, value in result.diff.metric_marks.items()])


def _change(conn: sqlite3.Connection, c: Change, check_id: int, now: str, route: Router | None) -> int:
    cur = conn.execute(
        "INSERT INTO changes (company, source, field, key, change, old, new, category, detected_at,"
        " evidence, url, check_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (c.company, c.source, c.field, c.key, c.change.value, c.old, c.new, c.category.value, now,
         c.evidence, c.url, check_id))
    change_id = int(cur.lastrowid or 0)
    queue(conn, change_id, c, route, now)
    return change_id


def _source(conn: sqlite3.Connection, r: CheckResult, now: str) -> None:
    f = r.fetched
    healthy = r.outcome.healthy
    body_hash = r.body_hash if r.outcome in (Outcome.OK, Outcome.UNCHANGED) else None
    conn.execute(
        "UPDATE sources SET status = ?, error = ?, detail = ?, last_checked_at = ?,"
        " last_ok_at = CASE WHEN ? THEN ? ELSE last_ok_at END,"
        " last_change_at = CASE WHEN ? THEN ? ELSE last_change_at END,"
        " etag = CASE WHEN ? THEN ? ELSE etag END,"
        " last_modified = CASE WHEN ? THEN ? ELSE last_modified END,"
        " body_hash = COALESCE(?, body_hash),"
        " raw_hash = CASE WHEN ? IS NULL THEN raw_hash ELSE ? END,"  # a pair: set together
        " failures = ?, health_alerted = ?, next_due_at = ?,"
        " baseline_at = CASE WHEN ? THEN COALESCE(baseline_at, ?) ELSE baseline_at END"
        " WHERE id = ?",
        (r.outcome.value, None if healthy else f.error, r.detail or f.detail, now,
         healthy, now, bool(r.diff and r.diff.changes), now,
         r.outcome is Outcome.OK, f.etag, r.outcome is Outcome.OK, f.last_modified,
         body_hash, body_hash, r.raw_hash,
         r.failures, r.health_alerted, r.next_due_at, r.diff is not None, now, r.source.id))


__all__ = ["Also", "CrashHook", "Router", "alert_id", "no_crash", "record", "record_in"]
