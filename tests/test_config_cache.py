"""The validated config cached beside the database: reused while its files are unchanged, never
once they changed (a touch, an edit that keeps size and mtime, a file put in its place, an
include added or edited), never when untrusted, and never holding an error."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.config import Config, load_config
from monitor.config.cache import cache_path, load_cached
from monitor.errors import ConfigError


def company(slug: str, url: str = "") -> str:
    url = url or f"https://{slug}.example.com/"
    return f"  - slug: {slug}\n    sources:\n      - {{kind: website, url: '{url}'}}\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)
    return path


class Loads:
    """``load_cached`` with the full loads it made counted."""

    def __init__(self, path: Path, cache: Path) -> None:
        self.path, self.cache, self.full = path, cache, 0

    def __call__(self, *, allow_private: bool = False,
                 env: dict[str, str] | None = None) -> Config:
        def full() -> Config:
            self.full += 1
            return load_config(self.path, allow_private=allow_private, env=env)

        return load_cached(self.path, cache=self.cache, allow_private=allow_private,
                           env=env or {}, full=full)


@pytest.fixture
def loads(tmp_path: Path) -> Loads:
    path = write(tmp_path / "sources.yaml", "companies:\n" + company("acme") + company("beta"))
    cache = cache_path(tmp_path / "db" / "monitor.db")
    assert cache is not None
    cache.parent.mkdir()
    return Loads(path, cache)


def slugs(config: Config) -> list[str]:
    return [c.slug for c in config.companies]


def test_unchanged_files_are_served_from_the_cache(loads: Loads) -> None:
    first = loads()
    second = loads()
    assert loads.full == 1
    assert second.companies == first.companies and second.sources == first.sources
    assert second.homes == first.homes and second.files == first.files
    assert oct(loads.cache.stat().st_mode & 0o777) == "0o600"


def test_a_touch_makes_a_full_load(loads: Loads) -> None:
    loads()
    info = loads.path.stat()
    os.utime(loads.path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    loads()
    assert loads.full == 2


def test_an_edit_keeping_size_and_mtime_is_seen(loads: Loads) -> None:
    """Same length, mtime set back: only ctime (which cannot be set back) tells."""
    assert slugs(loads()) == ["acme", "beta"]
    info = loads.path.stat()
    text = loads.path.read_text().replace("beta", "gama")
    loads.path.write_text(text)
    os.utime(loads.path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert loads.path.stat().st_size == info.st_size
    assert slugs(loads()) == ["acme", "gama"] and loads.full == 2


def test_a_file_put_in_its_place_is_seen(loads: Loads, tmp_path: Path) -> None:
    """A rename over the file (what editors and ``monitor add`` do), same size and mtime."""
    loads()
    info = loads.path.stat()
    other = write(tmp_path / "new.yaml", loads.path.read_text().replace("beta", "zeta"))
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(other, loads.path)
    assert slugs(loads()) == ["acme", "zeta"] and loads.full == 2


def test_include_changes_are_seen(tmp_path: Path) -> None:
    """A file added to a globbed folder, one added in a new sub-folder of a ``**`` glob, and an
    edit of an included file each make a full load."""
    main = write(tmp_path / "sources.yaml", "include: ['teams/**/*.yaml', 'extra.yaml']\n")
    write(tmp_path / "teams" / "a" / "one.yaml", "companies:\n" + company("one"))
    os.makedirs(tmp_path / "teams" / "b")  # exists before the first load, empty
    extra = write(tmp_path / "extra.yaml", "companies:\n" + company("extra"))
    loads = Loads(main, tmp_path / "monitor.db.config-cache")
    assert sorted(slugs(loads())) == ["extra", "one"]
    write(tmp_path / "teams" / "b" / "c" / "two.yaml", "companies:\n" + company("two"))
    assert sorted(slugs(loads())) == ["extra", "one", "two"] and loads.full == 2
    write(tmp_path / "teams" / "a" / "three.yaml", "companies:\n" + company("three"))
    assert sorted(slugs(loads())) == ["extra", "one", "three", "two"] and loads.full == 3
    extra.write_text("companies:\n" + company("other"))
    assert "other" in slugs(loads()) and loads.full == 4
    loads()
    assert loads.full == 4


def test_other_settings_make_a_full_load(loads: Loads) -> None:
    """allow_private and the MONITOR_* settings (named proxies) are part of the key."""
    loads()
    loads(allow_private=True)
    loads(env={"MONITOR_PROXY_URL_EU": "http://proxy.example:3128"})
    assert loads.full == 3
    loads(env={"MONITOR_PROXY_URL_EU": "http://proxy.example:3128"})
    assert loads.full == 3


@pytest.mark.parametrize("upgraded", ["pydantic-99.0.0", "pydantic_core-99.0.0",
                                      "ruamel_yaml-0.99.0", "PyYAML-99.0"])
def test_an_upgraded_parser_or_validator_makes_a_full_load(
        loads: Loads, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgraded: str) -> None:
    """monitor's own code unchanged, another version of a library validation runs on (its
    ``.dist-info`` folder, as pip leaves it, found first on the path) is not trusted to read
    the files alike: a full load, then the cache again while that version stays."""
    loads()
    loads()
    assert loads.full == 1
    site = tmp_path / "site-packages"
    (site / f"{upgraded}.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    loads()
    assert loads.full == 2
    loads()
    assert loads.full == 2
    (site / f"{upgraded}.dist-info").rename(site / "unrelated-1.0.dist-info")
    loads()
    assert loads.full == 3


def test_errors_are_never_cached(loads: Loads) -> None:
    loads()
    write(loads.path, "companies:\n" + company("acme") + "  - slug: Bad Slug\n")
    for _ in range(2):
        with pytest.raises(ConfigError, match=r"sources.yaml:5: companies\[1\].slug"):
            loads()
    assert loads.full == 3


def run_cached(loads: Loads, spoil: Callable[[Path], None]) -> int:
    loads()
    spoil(loads.cache)
    loads()
    return loads.full


def test_a_cache_others_can_write_is_not_read(loads: Loads) -> None:
    assert run_cached(loads, lambda cache: cache.chmod(0o666)) == 2


class Boom:
    def __reduce__(self) -> tuple[Callable[..., object], tuple[str]]:
        return (os.mkdir, ("PWNED",))


def test_a_tampered_cache_runs_no_code(loads: Loads, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Only companies, sources and plain values are ever built from the file."""
    monkeypatch.chdir(tmp_path)

    def tamper(cache: Path) -> None:
        fmt, key, payload = pickle.loads(cache.read_bytes())
        cache.write_bytes(pickle.dumps((fmt, key, (*payload[:-1], Boom()))))

    assert run_cached(loads, tamper) == 2
    assert not (tmp_path / "PWNED").exists()


def test_a_corrupt_cache_is_replaced(loads: Loads) -> None:
    assert run_cached(loads, lambda cache: cache.write_bytes(b"\x80\x05garbage")) == 2
    loads()
    assert loads.full == 2


def test_no_cache_for_a_database_in_memory() -> None:
    assert cache_path(":memory:") is None


def test_the_daemon_loader_reads_a_fresh_cache_without_its_child(
        loads: Loads, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file big enough for the loading child is read from a fresh cache in-process; once
    it changes, the child loads it again."""
    from monitor.scheduler import loading

    first = loading.load(loads.path, allow_private=False, env={}, child_bytes=10,
                         cache=loads.cache)
    children: list[object] = []
    real_popen = loading.subprocess.Popen

    def popen(*args: object, **kwargs: object) -> object:
        children.append(args)
        return real_popen(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(loading.subprocess, "Popen", popen)
    again = loading.load(loads.path, allow_private=False, env={}, child_bytes=10,
                         cache=loads.cache)
    assert again.companies == first.companies and children == []
    write(loads.path, "companies:\n" + company("acme"))
    assert slugs(loading.load(loads.path, allow_private=False, env={}, child_bytes=10,
                              cache=loads.cache)) == ["acme"]
    assert len(children) == 1


def test_an_edit_uses_a_config_loaded_from_the_same_bytes(
        loads: Loads, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lookups come from the config the command loaded (one validation saved) while the file
    is as it was; once it changed, the editor validates it itself and still edits the
    company where it now is."""
    from monitor.config import SourcesEdit, edit

    config = loads()
    validations: list[object] = []
    real = edit.load_files
    monkeypatch.setattr(edit, "load_files",
                        lambda *args, **kwargs: validations.append(1) or real(*args, **kwargs))
    work = SourcesEdit(loads.path, loaded=config)
    work.add_source("beta", {"kind": "feed", "url": "https://beta.example.com/feed"})
    assert len(validations) == 1  # the edit's own
    write(loads.path, "companies:\n" + company("gama") + company("beta"))  # beta moved
    validations.clear()
    work = SourcesEdit(loads.path, loaded=config)  # config: from before the change
    work.add_source("beta", {"kind": "feed", "url": "https://beta.example.com/feed"})
    work.write()
    assert len(validations) == 2
    after = load_config(loads.path)
    assert [(c.slug, len(c.sources)) for c in after.companies] == [("gama", 1), ("beta", 2)]
