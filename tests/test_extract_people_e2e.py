"""`monitor extract --json` end to end on hand-made pages served on 127.0.0.1: a wire's release
of another firm, a privacy page naming its EU representative, a press officer's contact box.
The facts printed are the site's own; what was left out, and why, is said in ``detail``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from tests.test_extract_people_contact import _box
from tests.test_extract_whose import _wire_en
from tests.webserver import serve


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")


def extract(tmp: Path, url: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["--db", str(tmp / "m.db"), "extract", url, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output[result.output.index("{") :])
    return data


def _values(data: dict[str, object], field: str) -> set[str]:
    facts = data["facts"]
    assert isinstance(facts, list)
    return {f["value"] for f in facts if f["field"] == field}


PRIVACY = (
    '<!doctype html><html><head><title>Privacy | Lunaro</title><meta property="og:site_name" content="Lunaro">'
    "</head><body><main><h2>Who we are</h2><p>Lunaro Digital Ltd is the controller of your data.</p>"
    "<p>Lunaro Digital Ltd</p><p>12 Baker Street, London W1U 3BW</p><p>privacy@lunaro.app</p>"
    "<h2>If you live in the EU</h2><p>By post:</p><p>Repwell EU GmbH</p><p>Seilergasse 3</p><p>1010 Wien</p>"
    '<p>EU representation certificate and representative details <a href="mailto:lunaro@repwell.eu">here</a>'
    "</p></main></body></html>"
)


def test_monitor_extract_reports_the_sites_own_people_and_contacts_only(tmp_path: Path, env: None) -> None:
    with serve() as (site, base):
        site.set("/release", _wire_en("Brightfold", "NewsFlow Wire").encode())
        site.set("/privacy", PRIVACY.encode())
        site.set("/press", _box("Oliver Grant", "Head of Communications &", "Public Affairs",
                                "Phone: +44 20 7946 0321").encode())
        release = extract(tmp_path, f"{base}/release")
        privacy = extract(tmp_path, f"{base}/privacy")
        press = extract(tmp_path, f"{base}/press")
    assert not _values(release, "person") and not _values(release, "email")
    assert "Laura Whitfield (a person of Brightfold's release" in str(release["detail"])
    assert _values(privacy, "email") == {"privacy@lunaro.app"}
    assert _values(privacy, "legal_name") == {"Lunaro Digital Ltd"}
    assert "lunaro@repwell.eu (a third party's e-mail" in str(privacy["detail"])
    assert _values(press, "person") == {"Oliver Grant"}
