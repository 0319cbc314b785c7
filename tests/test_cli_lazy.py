"""``monitor --version`` and ``--help`` load no heavy module; every command is still registered."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import COMMAND_MODULES, main
from tests.conftest import CORPUS
from tests.webserver import serve

HEAVY = ("httpx", "aiohttp", "rich", "sqlite_utils", "selectolax", "pydantic", "ruamel.yaml",
         "monitor.config", "monitor.fetch.client", "monitor.sources")

PROBE = """
import json, sys
from monitor.cli import main
try:
    main([{args}], prog_name="monitor")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_by(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after ``monitor ARGS``."""
    code = PROBE.format(args=", ".join(repr(a) for a in args))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=True, env=env)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_imports_no_heavy_module() -> None:
    modules = loaded_by("--version")
    assert not [m for m in HEAVY if m in modules]


def test_every_command_module_is_listed_and_resolves() -> None:
    listed = set(COMMAND_MODULES)
    package = importlib.import_module("monitor.cli")
    for info in pkgutil.iter_modules(package.__path__):
        module_name = info.name
        module = importlib.import_module(f"monitor.cli.{module_name}")
        if not hasattr(module, "COMMANDS"):
            continue
        names = {c.name for c in module.COMMANDS}
        assert names <= listed, f"monitor.cli.{module_name} has unlisted commands {names - listed}"
    for name in listed:
        assert main.commands[name].name == name
    result = CliRunner().invoke(main, ["chek"])
    assert result.exit_code == 2 and "check" in result.output  # did-you-mean still works


def test_kinds_loads_the_kinds_not_the_editor_discovery_fetch_or_store() -> None:
    """``monitor kinds`` describes the kinds and the source policy: it needs neither the
    config editor, discovery's page readers, the HTTP stack nor the database."""
    modules = loaded_by("kinds")
    assert "monitor.sources.website" in modules and "monitor.discover.policy" in modules
    unused = ("httpx", "aiohttp", "sqlite_utils", "ruamel.yaml", "monitor.config",
              "monitor.discover.propose", "monitor.fetch.client", "monitor.store.queries",
              "monitor.workers.pool")
    assert [m for m in unused if m in modules] == []


def test_a_kind_name_is_tested_without_pydantic() -> None:
    """``kind in KINDS`` and ``sorted(KINDS)`` import no kind, so not pydantic either; the
    policy of discovery comes without discovery itself."""
    code = ("import json, sys\nfrom monitor.sources import KINDS\n"
            "import monitor.discover.policy\nassert 'website' in KINDS and sorted(KINDS)\n"
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    modules = set(json.loads(done.stdout))
    assert not [m for m in ("pydantic", "monitor.sources.base", "monitor.discover.propose",
                            "ruamel.yaml") if m in modules]


def test_status_without_a_broker_loads_no_broker_client(tmp_path: Path) -> None:
    """``monitor status`` of a fleet-less install reads the database: no redis client."""
    from monitor.store.db import open_db

    open_db(tmp_path / "monitor.db").close()
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_BROKER_URL"}
    env["MONITOR_DB"] = str(tmp_path / "monitor.db")
    modules = loaded_by("status", env=env)
    assert "monitor.scheduler.status" in modules
    assert [m for m in modules if m.split(".")[0] in ("redis", "dramatiq")] == []


# What `monitor check` of pages that did not change has no use for: the parsers (they run in
# the parser workers, which such a run never starts), the kinds it has no source of, the
# differ, the alert senders and their template engine, the daemon, the browser driver, the
# web UI, the fleet's broker client and a proxy client nobody configured; the phone and link
# libraries of the value normalizers, the JavaScript-shell test, the alerts file's schema (there
# is no alerts file here).
UNUSED_BY_UNCHANGED_CHECK = (
    "phonenumbers", "w3lib", "monitor.extract.shell", "monitor.extract.html",
    "monitor.notify.alertfile",
    "monitor.extract.page", "monitor.extract.people", "monitor.extract.pdf", "pypdf",
    "feedparser", "markdown_it", "monitor.diff", "python_socks",
    "monitor.sources.x", "monitor.sources.linkedin", "monitor.sources.news",
    "monitor.notify.dispatch", "monitor.notify.senders", "jinja2", "apprise",
    "monitor.scheduler.daemon", "apscheduler", "playwright", "datasette", "dramatiq", "redis",
)


def test_check_of_unchanged_sources_imports_only_what_it_uses(tmp_path: Path) -> None:
    """A second ``monitor check`` (one 304, one unchanged 200) loads none of the heavy parts
    a run only needs for a changed page, an alert, the daemon or the web UI."""
    page = next((CORPUS / "sites_history" / "finya_de_imprint").glob("006_*.html")).read_bytes()
    with serve() as (site, base):
        site.set("/imprint", page)  # ETag and Last-Modified: the second check is a 304
        site.set("/about", page, validators=False)  # a 200 with the same body: unchanged
        (tmp_path / "sources.yaml").write_text(
            "companies:\n  - slug: finya\n    name: Finya\n    sources:\n"
            f"      - {{kind: website, url: '{base}/imprint'}}\n"
            f"      - {{kind: website, url: '{base}/about'}}\n", encoding="utf-8")
        env = {**os.environ, "MONITOR_ALLOW_PRIVATE": "1", "MONITOR_MIN_HOST_DELAY": "0",
               "MONITOR_SOURCES": str(tmp_path / "sources.yaml"),
               "MONITOR_DB": str(tmp_path / "monitor.db")}
        first = loaded_by("check", env=env)  # the baseline parses both pages
        assert "monitor.diff" in first  # (the parser workers are processes of their own)
        second = loaded_by("check", env=env)
    assert [h.status for h in site.hits("/imprint")][-1] == 304
    assert not [m for m in UNUSED_BY_UNCHANGED_CHECK if m in second]


def test_validating_a_config_loads_no_event_loop_nor_browser(tmp_path: Path) -> None:
    """The daemon's loader child validates sources.yaml (whose ``render: browser`` asks whether
    chromium is installed) without asyncio, the browser or the HTTP stack."""
    path = tmp_path / "sources.yaml"
    path.write_text("companies:\n  - slug: acme\n    sources:\n"
                    "      - {kind: website, url: 'https://acme.example/', render: auto}\n",
                    encoding="utf-8")
    path.chmod(0o600)
    code = ("import json, sys\nfrom pathlib import Path\nfrom monitor.config import load_config\n"
            f"load_config(Path({str(path)!r}))\nprint(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    modules = set(json.loads(done.stdout))
    assert "monitor.config.sources" in modules and "monitor.fetch.chromium" in modules
    assert [m for m in ("asyncio", "monitor.fetch.browser", "aiohttp", "httpx") if m in modules] == []
