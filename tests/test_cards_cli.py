"""The card commands as a user meets them: import, review, export and their errors.

Cards: ../shared/examples/ispace.md and the variants in tests/data/cards/.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from monitor.cards import Card, Difference, Evidence, parse
from monitor.cards.sources import implied_sources, plan_sources
from monitor.cards.store import card_companies, save_card
from monitor.cli import main
from monitor.cli.cards import review_table
from monitor.config import SourcesEdit, load_config
from monitor.errors import ConfigError
from monitor.sources import KINDS
from monitor.store.db import open_db
from monitor.store.sync import sync_config
from tests.conftest import EXAMPLES

CARDS = Path(__file__).parent / "data" / "cards"
ISPACE = EXAMPLES / "ispace.md"


def run(tmp: Path, *args: str, code: int = 0) -> Result:
    """``monitor`` on this test's sources.yaml and database, expecting an exit status."""
    result = CliRunner().invoke(main, ["--sources", str(tmp / "sources.yaml"),
                                       "--db", str(tmp / "monitor.db"), *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def test_slugs_come_from_the_title_else_the_file_name(tmp_path: Path) -> None:
    out = run(tmp_path, "import", "--no-sources", str(CARDS / "orbita.md"),
              str(CARDS / "etoile.md"), str(CARDS / "nordlicht.md")).stdout
    assert "orbita: card of 2019-05-12 imported" in out  # Cyrillic title: from orbita.md
    assert "etoile-orbitale: card of 2022-09-12 imported" in out
    assert "nordlicht-raumfahrt-gmbh: card of 2021-03-15 imported" in out
    assert not (tmp_path / "sources.yaml").exists()
    listed = run(tmp_path, "review").stdout.splitlines()
    assert [line.split(";")[0] for line in listed] == [
        "etoile-orbitale: not checked yet: no source watches it",
        "nordlicht-raumfahrt-gmbh: not checked yet: no source watches it",
        "orbita: not checked yet: no source watches it"]


def test_an_older_card_replacing_a_newer_one_is_pointed_out(tmp_path: Path) -> None:
    run(tmp_path, "import", "--no-sources", str(CARDS / "ispace_updated.md"))
    out = run(tmp_path, "import", "--no-sources", str(ISPACE)).stdout
    assert f"ispace: note: this card replaces a newer one (2024-05-01, from {CARDS}" in out


def test_a_bad_card_is_one_line_and_the_others_still_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Bad\n\xff\xfe not text")
    result = run(tmp_path, "import", "--no-sources", str(bad), str(CARDS / "etoile.md"), code=1)
    assert f"{bad}: not UTF-8 text (byte 6)" in result.output
    assert "etoile-orbitale: card of 2022-09-12 imported" in result.output
    assert "Error: 1 of 2 card(s) not imported" in result.output


def test_slug_option_and_its_misuse(tmp_path: Path) -> None:
    assert "ispace-jp: card of 2020-07-04" in run(
        tmp_path, "import", "--no-sources", "--slug", "ispace-jp", str(ISPACE)).stdout
    result = run(tmp_path, "import", "--slug", "x", str(ISPACE), str(ISPACE), code=2)
    assert "--slug names one company" in result.output
    result = run(tmp_path, "import", "--slug", "Not A Slug", str(ISPACE), code=1)
    assert "bad slug 'Not A Slug'" in result.output


def test_an_existing_company_gets_only_the_sources_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("# my companies\ncompanies:\n  - slug: ispace\n    name: ispace Inc.\n"
                    "    sources:\n      - kind: website   # the live site\n"
                    "        url: https://ispace-inc.com/\n", encoding="utf-8")
    os.chmod(path, 0o644)
    out = run(tmp_path, "import", "--no-fetch", str(ISPACE)).stdout
    company = load_config(path).company("ispace")
    kinds = [s.kind for s in company.sources]
    assert kinds.count("website") == 1  # http://ispace-inc.com/ is the same site
    assert kinds.count("x") == (2 if "x" in KINDS else 0)
    assert kinds.count("linkedin") == 0  # LinkedIn only when asked for (--with linkedin)
    assert company.name == "ispace Inc."  # the file's own name and comments are kept
    assert path.read_text(encoding="utf-8").startswith("# my companies\n")
    assert "added" in out
    assert "nothing to add" in run(tmp_path, "import", "--no-fetch", str(ISPACE)).stdout


def test_missing_kinds_are_skipped_and_said() -> None:
    implied = implied_sources(parse(ISPACE.read_text(encoding="utf-8")), {"website"})
    assert [dict(s) for s in implied.sources] == [{"kind": "website", "url": "http://ispace-inc.com/"}]
    assert implied.skipped == (
        "linkedin https://www.linkedin.com/company/ispace-inc/ (no 'linkedin' source kind)",
        "facebook https://www.facebook.com/ispace.technologies.inc/ (not watched automatically;"
        " add it by hand)",
        "x https://twitter.com/ispace_inc (no 'x' source kind)",
        "x https://twitter.com/HAKUTO_Reboot (no 'x' source kind)",
        "news search for 'ispace' (no 'news' source kind)",
    )


def test_review_and_export_without_a_card(tmp_path: Path) -> None:
    assert run(tmp_path, "review").stdout.strip() == (
        "No cards imported yet. Import one: monitor import CARD.md")
    result = run(tmp_path, "export", "acme", code=1)
    assert "acme: no card imported (cards: none yet); run: monitor import CARD.md" in result.output


def test_export_prints_the_card_or_its_facts_as_json(tmp_path: Path) -> None:
    run(tmp_path, "import", "--no-sources", str(ISPACE))
    assert run(tmp_path, "export", "ispace").stdout == ISPACE.read_text(encoding="utf-8")
    data = json.loads(run(tmp_path, "export", "ispace", "--format", "json").stdout)
    assert data["company"] == "ispace" and data["as_of"] == "2020-07-04"
    assert data["differences"] == []
    people = [(f["value"], f["role"]) for f in data["facts"] if f["field"] == "person"]
    assert people[2] == ("Jumpei Nozaki", "Director & CFO") and len(people) == 6


def test_every_card_command_documents_an_example() -> None:
    for name in ("import", "review", "export"):
        command = main.commands[name]
        assert command.help and "Example:" in command.help, name


def test_review_table_shows_scraped_text_literally_and_caps_news() -> None:
    news = tuple(Difference("news", "new", None, f"[PDF] Story {i}",
                            evidence=Evidence(f"https://n.example/{i}", "2024-01-02T00:00:00Z",
                                              "[bold]not markup[/bold]")) for i in range(4))
    console = Console(record=True, width=250)
    console.print(review_table("acme", "2020-01-01", news, news_limit=2))
    shown = console.export_text()
    assert "[PDF] Story 0" in shown and "[bold]not markup[/bold]" in shown
    assert "Story 2" not in shown and "… and 2 more (see card_review)" in shown


def test_import_into_a_flow_style_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text('{"companies": []}\n', encoding="utf-8")
    os.chmod(path, 0o644)
    out = run(tmp_path, "import", str(ISPACE)).stdout
    assert "ispace: card of 2020-07-04 imported" in out and "added website http://ispace-inc.com/" in out
    assert load_config(path).company("ispace").sources[0].url == "http://ispace-inc.com/"
    assert "nothing to add" in run(tmp_path, "import", str(ISPACE)).stdout


def test_a_failing_import_changes_neither_the_database_nor_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    broken = "companies: [{slug: ispace, nmae: ispace}]\n"  # a typo the import cannot fix
    path.write_text(broken, encoding="utf-8")
    os.chmod(path, 0o644)
    result = run(tmp_path, "import", str(ISPACE), code=1)
    assert "companies[0].nmae: unknown key" in result.output
    assert "imported (" not in result.output
    assert path.read_text(encoding="utf-8") == broken
    assert run(tmp_path, "review").stdout.strip() == (
        "No cards imported yet. Import one: monitor import CARD.md")


def planned_edit(tmp: Path) -> tuple[Path, Card, SourcesEdit]:
    """An empty sources.yaml, the ispace card, and the edit that adds the card's sources to
    the file (planned, not written)."""
    path = tmp / "sources.yaml"
    path.write_text("companies:\n", encoding="utf-8")
    os.chmod(path, 0o644)
    card = parse(ISPACE.read_text(encoding="utf-8"))
    edit = SourcesEdit(path)
    plan_sources(edit, "ispace", card, implied_sources(card, KINDS))
    return path, card, edit


def test_the_card_is_not_stored_when_sources_yaml_cannot_be_written(tmp_path: Path) -> None:
    path, card, edit = planned_edit(tmp_path)
    path.write_text("companies:  # edited meanwhile\n", encoding="utf-8")
    db = open_db(tmp_path / "monitor.db")
    try:
        with pytest.raises(ConfigError, match="changed by someone else"):
            save_card(db, "ispace", card, str(ISPACE), "2026-01-01T00:00:00Z", also=edit)
        assert card_companies(db) == []
    finally:
        db.conn.close()
    assert path.read_text(encoding="utf-8") == "companies:  # edited meanwhile\n"


def test_a_written_edit_is_put_back_when_the_card_cannot_be_stored(tmp_path: Path) -> None:
    path, card, edit = planned_edit(tmp_path)
    db = open_db(tmp_path / "monitor.db")
    try:  # the database refuses the card only at COMMIT: a deferred foreign key
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("CREATE TABLE guard (company TEXT REFERENCES nowhere(slug)"
                   " DEFERRABLE INITIALLY DEFERRED)")
        db.execute("CREATE TABLE nowhere (slug TEXT PRIMARY KEY)")
        db.execute("CREATE TRIGGER refuse AFTER INSERT ON card_sources BEGIN"
                   " INSERT INTO guard VALUES (NEW.company); END")
        with pytest.raises(sqlite3.IntegrityError):
            save_card(db, "ispace", card, str(ISPACE), "2026-01-01T00:00:00Z", also=edit)
        assert card_companies(db) == []
    finally:
        db.conn.close()
    assert path.read_text(encoding="utf-8") == "companies:\n"


def test_before_any_check_review_says_not_checked_and_show_gives_the_cards_values(
        tmp_path: Path) -> None:
    run(tmp_path, "import", str(ISPACE))
    configured = load_config(tmp_path / "sources.yaml").company("ispace").sources
    review = run(tmp_path, "review", "ispace").stdout.splitlines()
    assert review[0] == (f"ispace: not checked yet (0 of {len(configured)} source(s) read); the card"
                         " of 2020-07-04 stands; run: monitor check ispace")
    assert review[1:] == sorted(f"  not checked yet: {s.kind} {s.url}" for s in configured)
    assert "no differences" not in "\n".join(review)
    shown = CliRunner().invoke(main, ["--sources", str(tmp_path / "sources.yaml"), "--db",
                                      str(tmp_path / "monitor.db"), "show", "ispace"],
                               env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    rows = [line for line in shown.stdout.splitlines() if "the card" in line]
    assert any("info@ispace-inc.com" in r and "2020-07-04" in r for r in rows)
    assert any("Jumpei Nozaki — Director & CFO" in r for r in rows)
    assert any("https://www.facebook.com/ispace.technologies.inc/" in r for r in rows)
    assert len(rows) == len([f for f in parse(ISPACE.read_text(encoding="utf-8")).facts()
                             if f.field != "timeline" and not f.field.startswith("section.")])


def test_review_names_the_sources_not_read_yet_below_the_others(tmp_path: Path) -> None:
    run(tmp_path, "import", str(ISPACE))
    config = load_config(tmp_path / "sources.yaml")
    db = open_db(tmp_path / "monitor.db")
    try:
        sync_config(db, config.companies, "2026-01-01T00:00:00Z")
        first, second, *rest = config.company("ispace").sources
        db.execute("UPDATE sources SET status = 'ok', last_checked_at = ?, last_ok_at = ?"
                   " WHERE id = ?", ["2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z", first.id])
        db.execute("UPDATE sources SET status = 'blocked', last_checked_at = ? WHERE id = ?",
                   ["2026-01-02T00:00:00Z", second.id])
        db.conn.commit()
    finally:
        db.conn.close()
    lines = run(tmp_path, "review", "ispace").stdout.splitlines()
    assert lines[0] == "ispace: no differences with the card of 2020-07-04"
    assert f"  not checked yet: {second.kind} {second.url} (blocked, never read)" in lines
    assert sorted(lines[1:]) == sorted(
        [f"  not checked yet: {second.kind} {second.url} (blocked, never read)"]
        + [f"  not checked yet: {s.kind} {s.url}" for s in rest])
