"""Alerts are never lost to a missing alerts file, and alert ids never repeat across databases."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from monitor.cli import main
from monitor.clock import utcnow
from monitor.models import Category
from monitor.notify import load_alerts
from monitor.store.db import open_db
from monitor.store.queue import alert_id, database_id
from tests.test_notify_support import SlackReceiver, change, company_db, record_changes


def cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", str(tmp_path / "monitor.db"),
                                     "--sources", str(tmp_path / "conf" / "sources.yaml"), *args],
                              env=env or {})


def test_changes_recorded_without_an_alerts_file_are_alerted_once_one_appears(
        tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    db = company_db(tmp_path)
    no_file = load_alerts(tmp_path / "conf" / "alerts.yaml")
    assert no_file.router is None
    record_changes(db, [change("acme", "email", None, f"s{i}@acme.example", Category.CONTACT)
                        for i in range(3)], utcnow(), no_file.router)  # type: ignore[arg-type]
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    status = cli(tmp_path, "status")
    assert "3 change(s) have no alert route yet" in status.stdout
    # The file appears next to sources.yaml (not in the working directory): found by default.
    (tmp_path / "conf" / "alerts.yaml").write_text("channels:\n  slack:team: {min_interval: 0}\n")
    with SlackReceiver() as receiver:
        sent = cli(tmp_path, "notify", env={"MONITOR_SLACK_WEBHOOK_TEAM": receiver.url(),
                                            "MONITOR_ALLOW_PRIVATE": "1"})
    assert sent.exit_code == 0, sent.output
    assert "sent 3 alert(s)" in sent.stdout
    assert len(receiver.delivered()) == 3
    assert "no alert route" not in cli(tmp_path, "status").stdout


def test_an_alerts_file_named_but_missing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "sources.yaml").write_text(
        "companies:\n  - slug: acme\n    name: ACME\n    sources:\n"
        "      - kind: website\n        url: https://acme.example/\n")
    for args in (["--alerts", str(tmp_path / "alerst.yaml"), "notify"],
                 ["--alerts", str(tmp_path / "alerst.yaml"), "check"]):
        result = cli(tmp_path, *args)
        assert result.exit_code == 1
        [line] = result.output.strip().splitlines()
        assert "alerst.yaml: alerts file not found" in line


def test_a_change_routed_when_recorded_is_not_routed_again(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    db = company_db(tmp_path)
    (tmp_path / "conf" / "alerts.yaml").write_text("channels:\n  slack:team: {min_interval: 0}\n")
    config = load_alerts(tmp_path / "conf" / "alerts.yaml", required=True)
    record_changes(db, [change("acme", "phone", None, "+1 555 0100", Category.CONTACT)],
                   utcnow(), config.route)
    assert db.execute("SELECT count(*) FROM unrouted").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1


def test_alert_ids_differ_between_databases_for_the_same_change(tmp_path: Path) -> None:
    c = change("acme", "phone", None, "+1 555 0100", Category.CONTACT)
    ids = set()
    for name in ("staging", "production"):
        db = open_db(tmp_path / f"{name}.db")
        ids.add(alert_id(database_id(db.conn), 1, c, "slack:team"))
    assert len(ids) == 2


def test_alert_ids_differ_when_a_change_row_id_is_reused_for_other_content(tmp_path: Path) -> None:
    db = open_db(tmp_path / "monitor.db")
    one = change("acme", "phone", None, "+1 555 0100", Category.CONTACT)
    other = change("acme", "phone", None, "+1 555 0199", Category.CONTACT)
    db_id = database_id(db.conn)
    assert db_id
    assert alert_id(db_id, 7, one, "slack:team") != alert_id(db_id, 7, other, "slack:team")
    assert alert_id(db_id, 7, one, "slack:team") == alert_id(db_id, 7, one, "slack:team")
