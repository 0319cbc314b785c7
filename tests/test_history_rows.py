"""``monitor history`` reads changes and rebases as one kind of row: the rebases come marked.

The database is a real SQLite file migrated by the store; its rows are written as a check and a
rebase write them, and the command runs through click's runner (stdout is a pipe).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import main
from monitor.store import queries, rebases
from monitor.store.db import open_db

KEYS = ["detected_at", "category", "field", "key", "change", "old", "new", "kind", "url",
        "evidence", "rotation_at", "rebase"]


def _fill(path: Path) -> None:
    db = open_db(path)
    db.execute("INSERT INTO companies (slug, name, added_at) VALUES ('acme', 'Acme', '2026-01-01')")
    db.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, added_at)"
               " VALUES ('acme:w', 'acme', 'website', 'https://acme.example/', 'acme.example',"
               " 3600, 1, '2026-01-01')")
    db.conn.executemany(
        "INSERT INTO changes (company, source, field, key, change, old, new, category,"
        " detected_at, url) VALUES ('acme', 'acme:w', ?, NULL, ?, ?, ?, 'contact', ?,"
        " 'https://acme.example/')",
        [("email", "added", None, "a@acme.example", "2026-03-01T10:00:00Z"),
         ("phone", "modified", "+1 555 0100", "+1 555 0199", "2026-03-03T10:00:00Z")])
    db.execute(
        "INSERT INTO rebases (company, source, field, key, change, old, new, category, evidence,"
        " rebased_at, version, was, page) VALUES ('acme', 'acme:w', 'email', NULL, 'added', NULL,"
        " 'b@acme.example', 'contact', 'write to b@acme.example', '2026-03-02T10:00:00Z', 'v2',"
        " 'v1', 'h')")
    db.conn.commit()
    db.close()


def _run(tmp: Path, *args: str) -> str:
    (tmp / "sources.yaml").write_text("companies: []\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_rebase_is_a_change_row_marked_as_a_rebase(tmp_path: Path) -> None:
    _fill(tmp_path / "m.db")
    db = open_db(tmp_path / "m.db")
    again = rebases.history(db, "acme")
    changes = queries.history(db, "acme")
    assert [type(r) for r in again + changes] == [queries.ChangeRow] * 3
    assert [r.rebase for r in again] == [True]
    assert [r.rebase for r in changes] == [False, False]
    assert again[0].detected_at == "2026-03-02T10:00:00Z"
    assert again[0].evidence == "write to b@acme.example"


def test_history_json_interleaves_changes_and_rebases_newest_first(tmp_path: Path) -> None:
    _fill(tmp_path / "m.db")
    rows = json.loads(_run(tmp_path, "history", "acme", "--json"))
    assert [list(r) for r in rows] == [KEYS] * 3
    assert [(r["new"], r["rebase"]) for r in rows] == [
        ("+1 555 0199", False), ("b@acme.example", True), ("a@acme.example", False)]
    assert rows[1]["url"] == "https://acme.example/" and rows[1]["kind"] == "website"
    assert [r["new"] for r in json.loads(_run(tmp_path, "history", "acme", "--json",
                                              "--limit", "2"))] == ["+1 555 0199", "b@acme.example"]


def test_history_lines_mark_the_rebase(tmp_path: Path) -> None:
    _fill(tmp_path / "m.db")
    lines = [line for line in _run(tmp_path, "history", "acme").splitlines() if "acme" in line]
    assert len(lines) == 3
    assert "contact (rebase)" in lines[1] and "re-read by a newer extractor" in lines[1]
    assert "b@acme.example" in lines[1]
    assert "(rebase)" not in lines[0] + lines[2]
