"""One settings object: the environment read once, secrets never shown, workers never given
the alert secrets, and no module but ``monitor.settings`` reading the process environment."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.fetch.proxies import ProxyFetchers
from monitor.settings import Settings
from tests.conftest import ROOT

SECRETS = {"MONITOR_SLACK_WEBHOOK_TEAM": "https://hooks.slack.com/services/T/B/slack-secret",
           "MONITOR_APPRISE_URL_OPS": "tgram://apprise-secret", "MONITOR_SMTP_PASSWORD": "smtp-secret",
           "MONITOR_SMTP_HOST": "smtp.example.com", "MONITOR_X_BEARER_TOKEN": "x-secret",
           "MONITOR_PROXY_URL_CORP": "http://user:proxy-secret@10.0.0.1:3128"}
# Modules that touch os.environ for another reason than settings: a sandboxed child clears its
# own, the daemon hands its environment to the Datasette child, Datasette's own cookie secret.
NOT_SETTINGS = {"monitor/workers/child.py", "monitor/cli/daemon.py", "monitor/datasette/serve.py"}


def test_the_environment_is_read_once_and_later_changes_do_not_leak_in(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "2.5")
    monkeypatch.setenv("PATH_LIKE_UNRELATED", "x")
    settings = Settings.from_env()
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "9")
    assert settings.fetch().min_host_delay == 2.5
    assert all(name.startswith("MONITOR_") for name in settings.env)


def test_no_secret_shows_in_a_repr() -> None:
    settings = Settings.of(SECRETS)
    shown = " ".join([repr(settings), repr(settings.fetch()), str(settings)])
    for value in ("slack-secret", "apprise-secret", "smtp-secret", "x-secret", "proxy-secret"):
        assert value not in shown
    assert settings.fetch().x_token == "x-secret"


def test_fleet_workers_get_their_settings_without_the_alert_secrets() -> None:
    own = Settings.of(SECRETS).for_workers()
    assert not any(k.startswith(("MONITOR_SLACK_", "MONITOR_APPRISE_", "MONITOR_SMTP_")) for k in own.env)
    assert own.fetch().x_token == "x-secret"  # what a fetch needs stays
    assert dict(own.fetch().named_proxies) == {"MONITOR_PROXY_URL_CORP": SECRETS["MONITOR_PROXY_URL_CORP"]}


def test_named_proxies_come_from_the_settings_not_the_environment_at_fetch_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fetch = Settings.of({"MONITOR_ALLOW_PRIVATE": "1"}).fetch()
    monkeypatch.setenv("MONITOR_PROXY_URL_CORP", "http://10.0.0.1:3128")  # too late to count
    with pytest.raises(ConfigError, match="MONITOR_PROXY_URL_CORP"):
        ProxyFetchers(fetch).for_source({"proxy": "corp"}, default=None)  # type: ignore[arg-type]


def test_a_bad_switch_is_one_clear_error_at_the_start() -> None:
    with pytest.raises(ConfigError, match="MONITOR_ALLOW_PRIVATE='maybe'"):
        Settings.of({"MONITOR_ALLOW_PRIVATE": "maybe"})


def test_only_the_environ_module_reads_the_process_environment() -> None:
    readers = set()
    for path in sorted((ROOT / "monitor").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if re.search(r"os\.environ|getenv\(", path.read_text()):
            readers.add(rel)
    assert readers - NOT_SETTINGS == {"monitor/environ.py"}


def test_the_datasette_url_default_is_kept_by_with_default(tmp_path: Path) -> None:
    base = Settings.of({})
    assert base.datasette_url == "http://127.0.0.1:8001"
    assert base.with_default("MONITOR_DATASETTE_URL", "http://h:1/").datasette_url == "http://h:1/"
    pinned = Settings.of({"MONITOR_DATASETTE_URL": "https://intel.example/"})
    assert pinned.with_default("MONITOR_DATASETTE_URL", "http://h:1/").datasette_url == "https://intel.example/"


def test_the_config_is_checked_against_the_commands_settings(tmp_path: Path) -> None:
    from monitor.config import load_config
    from monitor.scheduler.reload import ConfigWatcher
    from monitor.store.db import open_db
    from tests.test_config import one_company, write

    path = write(tmp_path, one_company("- kind: website\n  url: https://acme.example/\n  proxy: corp\n"))
    env = Settings.of({"MONITOR_PROXY_URL_CORP": "socks5://127.0.0.1:1080"}).env
    assert load_config(path, env=env).companies[0].sources[0].options["proxy"] == "corp"
    watcher = ConfigWatcher(path, open_db(tmp_path / "m.db"), lambda: datetime(2026, 1, 1, tzinfo=UTC),
                            allow_private=False, env=env)
    watcher.load()  # the daemon's reloads see the same settings as its start
    with pytest.raises(ConfigError, match="MONITOR_PROXY_URL_CORP"):
        load_config(path, env={})
