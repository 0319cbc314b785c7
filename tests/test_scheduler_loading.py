"""A big sources.yaml is validated in a child process; the daemon gets the same config back.

The child exists for memory only (the validation's garbage stays in a process that ends), so
what it hands back must be exactly what ``load_config`` returns in-process, errors included.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.scheduler.loading import CHILD_BYTES, load
from monitor.scheduler.reload import ConfigWatcher
from monitor.store.db import open_db


def sources_file(path: Path, companies: int, *, bad: str = "") -> Path:
    """``companies`` companies with kind options, aliases and tags."""
    lines = ["defaults:", "  every: 2h", "companies:"]
    for i in range(companies):
        lines += [f"  - slug: co{i:05d}", f"    name: Company {i}", "    aliases: [Co " + str(i) + "]",
                  "    tags: [bench]", "    sources:",
                  f"      - {{kind: website, url: 'https://co{i:05d}.example/about', country: DE,"
                  " ignore: ['Updated .*'], exclude: ['.ads']}",
                  f"      - {{kind: feed, url: 'https://co{i:05d}.example/feed.xml', every: 30m}}"]
    path.write_text("\n".join(lines) + "\n" + bad)
    path.chmod(0o644)
    return path


def test_a_big_file_loaded_in_a_child_is_the_same_config(tmp_path: Path) -> None:
    """Companies, sources, options (read-only mappings) and defaults come back unchanged."""
    path = sources_file(tmp_path / "sources.yaml", 50)
    here = load_config(path)
    there = load(path, allow_private=False, env=None, child_bytes=0)
    assert there == here
    assert len(there.sources) == 100
    assert type(there.sources[0].options) is type(here.sources[0].options)
    assert there.defaults == here.defaults and type(there.defaults) is type(here.defaults)


def test_a_big_bad_file_says_file_line_and_key_as_in_process(tmp_path: Path) -> None:
    """The child's ConfigError is the in-process one, word for word."""
    path = sources_file(tmp_path / "sources.yaml", 50,
                        bad="  - slug: Bad Slug!\n    name: x\n    sources: []\n")
    with pytest.raises(ConfigError) as here:
        load_config(path)
    with pytest.raises(ConfigError) as there:
        load(path, allow_private=False, env=None, child_bytes=0)
    assert str(there.value) == str(here.value) and "sources.yaml:" in str(there.value)


def test_the_watcher_loads_and_reloads_a_big_file_through_the_child(tmp_path: Path) -> None:
    """A file past the threshold: the daemon's watcher starts and reloads with it."""
    path = sources_file(tmp_path / "sources.yaml", 1000)
    assert path.stat().st_size > CHILD_BYTES
    watcher = ConfigWatcher(path, open_db(tmp_path / "m.db"),
                            lambda: datetime(2026, 1, 1, tzinfo=UTC), allow_private=False)
    assert watcher.load() == load_config(path)
    assert len(watcher.sources) == 2000
    sources_file(path, 1001)
    assert watcher.poll() is True and len(watcher.sources) == 2002


def test_the_child_checks_the_config_against_the_commands_settings(tmp_path: Path) -> None:
    """Named proxies are checked against the settings given, not the child's environment."""
    path = tmp_path / "sources.yaml"
    path.write_text("companies:\n  - slug: acme\n    name: ACME\n    sources:\n"
                    "      - {kind: website, url: 'https://acme.example/', proxy: corp}\n")
    path.chmod(0o644)
    env = {"MONITOR_PROXY_URL_CORP": "socks5://127.0.0.1:1080"}
    config = load(path, allow_private=False, env=env, child_bytes=0)
    assert config.sources[0].options["proxy"] == "corp"
    with pytest.raises(ConfigError, match="MONITOR_PROXY_URL_CORP"):
        load(path, allow_private=False, env={}, child_bytes=0)


def test_a_load_begun_early_gives_the_config_and_fills_the_cache(tmp_path: Path) -> None:
    """``Preload`` (what ``monitor run`` starts before its imports) ends as ``load`` would."""
    from monitor.config.cache import cache_path
    from monitor.scheduler.loading import Preload

    path = sources_file(tmp_path / "sources.yaml", 50)
    cache = cache_path(tmp_path / "monitor.db")
    with Preload(path, allow_private=False, env={}, cache=cache, child_bytes=0) as begun:
        assert begun.in_child
        assert begun.result() == load_config(path, env={})
    assert cache is not None and cache.exists()
    with Preload(path, allow_private=False, env={}, cache=cache, child_bytes=0) as again:
        assert not again.in_child  # the fresh cache: nothing to wait for, no child
        assert again.result() == load_config(path, env={})


def test_a_load_begun_and_never_asked_stops_its_child(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A daemon that fails before reading its config (the lock held) leaves no loader behind."""
    import subprocess

    from monitor.scheduler import loading

    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        child: subprocess.Popen[bytes] = real_popen(*args, **kwargs)  # type: ignore[call-overload]
        started.append(child)
        return child

    monkeypatch.setattr(loading.subprocess, "Popen", popen)
    path = sources_file(tmp_path / "sources.yaml", 50)
    with loading.Preload(path, allow_private=False, env={}, cache=None, child_bytes=0):
        assert len(started) == 1
    assert started[0].returncode is not None


def test_the_watcher_loads_its_own_file_when_the_early_load_is_of_another(tmp_path: Path) -> None:
    from monitor.scheduler.loading import Preload

    mine = sources_file(tmp_path / "sources.yaml", 3)
    other = sources_file(tmp_path / "other.yaml", 5)
    watcher = ConfigWatcher(mine, open_db(tmp_path / "monitor.db"), lambda: datetime.now(UTC),
                            allow_private=False)
    with Preload(other, allow_private=False, env=None, cache=None, child_bytes=0) as begun:
        assert len(watcher.load(begun).companies) == 3
        assert len(begun.result().companies) == 5
