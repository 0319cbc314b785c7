"""`monitor check`, `check --dry-run`, `history`, `show` and `extract --json` end to end.

A real server on 127.0.0.1 serves two captures of the finya.de imprint
(corpus/sites_history/finya_de_imprint 006 and 007: 007 adds kontakt@finya.de).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from tests.conftest import CORPUS
from tests.ports import refused_port
from tests.webserver import serve

HISTORY = CORPUS / "sites_history" / "finya_de_imprint"
BEFORE = next(HISTORY.glob("006_*.html")).read_bytes()
AFTER = next(HISTORY.glob("007_*.html")).read_bytes()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    monkeypatch.setenv("COLUMNS", "220")  # rich tables wrap cells on a narrow terminal


def run(tmp: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["--sources", str(tmp / "sources.yaml"), "--db", str(tmp / "m.db"), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_check_records_after_confirmation_and_dry_run_writes_nothing(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/impressum", BEFORE)
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: finya\n    name: Finya\n    sources:\n"
            f"      - kind: website\n        url: {base}/impressum\n")
        dry = run(tmp_path, "check", "--dry-run")
        assert "would record 0 change(s)" in dry and not (tmp_path / "m.db").exists()
        assert "recorded 0 change(s)" in run(tmp_path, "check")  # the baseline
        site.set("/impressum", AFTER)
        with sqlite3.connect(tmp_path / "m.db") as conn:  # robots.txt must be asked again…
            conn.execute("DELETE FROM robots")
        assert "email added: kontakt@finya.de" in run(tmp_path, "check", "--dry-run")
        with sqlite3.connect(tmp_path / "m.db") as conn:  # …and a dry run does not keep it
            assert conn.execute("SELECT count(*) FROM robots").fetchone()[0] == 0
        first = run(tmp_path, "check")
        assert "awaiting confirmation" in first and "recorded 0 change(s)" in first
        second = run(tmp_path, "check")
        # the page text waits for its settle period (a day); the e-mail does not
        assert "email added: kontakt@finya.de" in second and "recorded 1 change(s)" in second
    history = run(tmp_path, "history", "finya", "--category", "contact")
    assert "kontakt@finya.de" in history and "page text" not in history
    shown = run(tmp_path, "show", "finya")
    assert "Alexander Gerlach" in shown and "Geschäftsführer" in shown


def test_extract_json_shape(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/impressum", AFTER)
        out = run(tmp_path, "extract", f"{base}/impressum", "--json")
    data = json.loads(out[out.index("{"):])
    assert data["status"] == "ok"
    people = {f["value"]: f["role"] for f in data["facts"] if f["field"] == "person"}
    assert people == {"Alexander Gerlach": "Geschäftsführer", "Julien Walther": "Geschäftsführer"}
    assert {"field", "value", "evidence"} <= set(data["facts"][0])
    assert any(f["field"] == "email" and f["value"] == "kontakt@finya.de" for f in data["facts"])
    assert any(f["field"].startswith("link.") for f in data["facts"])


@pytest.mark.parametrize("case", ["404", "refused", "wrong kind"])
def test_extract_exits_non_zero_on_every_failure(tmp_path: Path, env: None, case: str) -> None:
    with serve() as (site, base), refused_port() as nobody:
        site.set("/impressum", AFTER)
        site.set("/missing", b"gone", status=404)
        closed = f"http://127.0.0.1:{nobody.port}/"
        args = {"404": [f"{base}/missing"], "refused": [closed],
                "wrong kind": [f"{base}/impressum", "--kind", "feed"]}[case]
        for extra in ([], ["--json"]):
            result = CliRunner().invoke(main, ["--db", str(tmp_path / "m.db"), "extract", *args,
                                               *extra])
            assert result.exit_code == 1, (case, extra, result.output)
            assert "Traceback" not in result.output
