"""One source policy for ``add --discover``, ``import`` and the shipped sources.yaml.

LinkedIn only when asked for; twitter.com accounts as x.com; an http:// page at the https
URL its site redirects to. Said by ``monitor kinds``.
"""

from __future__ import annotations

import re
import ssl
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import load_config
from monitor.discover.policy import POLICY, Chosen, choose, upgrade, x_url
from monitor.fetch.client import Fetcher, FetchSettings
from tests.conftest import EXAMPLES, ROOT
from tests.hostile import HostileServer
from tests.test_kind_support import corpus
from tests.webserver import loopback, serve

SASS = "pages/trafilatura/sass-ag.de.index.html"  # links its LinkedIn, YouTube, Facebook, Instagram


def test_linkedin_is_held_back_unless_asked_and_x_links_are_x_com() -> None:
    found = [{"kind": "website", "url": "https://acme.example/"},
             {"kind": "linkedin", "url": "https://www.linkedin.com/company/acme/"},
             {"kind": "x", "url": "https://twitter.com/Acme"},
             {"kind": "x", "url": "https://mobile.twitter.com/@Acme/status/1"}]
    chosen = choose(found)
    assert [s["url"] for s in chosen.sources] == ["https://acme.example/", "https://x.com/Acme"]
    assert chosen.notes == ("linkedin https://www.linkedin.com/company/acme/ not added: linkedin only"
                            " when asked for (--with linkedin)",)
    assert "linkedin" in [s["kind"] for s in choose(found, {"linkedin"}).sources]
    assert x_url("https://acme.example/twitter.com") == "https://acme.example/twitter.com"


async def test_http_page_is_tracked_at_the_https_url_it_redirects_to(
        certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=str(cert))
    settings = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False)
    with HostileServer() as plain, HostileServer(tls=served) as tls:
        secure = tls.url("/ok/home", "tls.test")
        moved = plain.url(f"/redirect?to={secure}", "tls.test")
        stays = plain.url("/ok/plain", "tls.test")
        async with Fetcher(settings, resolver=loopback, ssl_context=trusting) as fetcher:
            chosen = await upgrade(Chosen(({"kind": "website", "url": moved},
                                           {"kind": "website", "url": stays})), fetcher)
    assert [s["url"] for s in chosen.sources] == [secure, stays]
    assert chosen.notes == (f"{moved} redirects to {secure}: tracking {secure}",)


def test_add_discover_yes_adds_linkedin_only_when_asked(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("MONITOR_MIN_HOST_DELAY", "0")
    runner = CliRunner()
    with serve() as (site, base):
        site.set("/", corpus(SASS))
        plain = runner.invoke(main, ["--sources", str(tmp_path / "a.yaml"), "add", "sass",
                                     "--discover", f"{base}/", "--yes"])
        asked = runner.invoke(main, ["--sources", str(tmp_path / "b.yaml"), "add", "sass",
                                     "--discover", f"{base}/", "--yes", "--with", "linkedin"])
    assert plain.exit_code == 0 and asked.exit_code == 0, plain.output + asked.output
    kinds = {s.kind for s in load_config(tmp_path / "a.yaml", allow_private=True).sources}
    assert "linkedin" not in kinds and "website" in kinds
    assert "linkedin only when asked for (--with linkedin)" in plain.output
    assert "linkedin" in {s.kind for s in load_config(tmp_path / "b.yaml", allow_private=True).sources}


def test_import_follows_the_policy(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    result = CliRunner().invoke(main, ["--sources", str(sources), "--db", str(tmp_path / "m.db"),
                                       "import", "--no-fetch", str(EXAMPLES / "ispace.md")])
    assert result.exit_code == 0, result.output
    urls = {(s.kind, s.url) for s in load_config(sources).sources}
    assert {("x", "https://x.com/ispace_inc"), ("x", "https://x.com/HAKUTO_Reboot")} <= urls
    assert not [u for _, u in urls if "twitter.com" in u or "linkedin.com" in u]
    assert "linkedin only when asked for" in result.output


def test_kinds_states_the_policy_and_the_shipped_file_follows_it() -> None:
    out = CliRunner().invoke(main, ["kinds"]).output
    assert POLICY in out
    shipped = (ROOT / "sources.yaml").read_text(encoding="utf-8")
    active = [line for line in shipped.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in active if "linkedin.com" in line or "twitter.com" in line]
    assert not re.search(r"^\s*url: http://", "\n".join(active), re.M)


def test_shipped_sources_yaml_has_no_stale_words() -> None:
    shipped = (ROOT / "sources.yaml").read_text(encoding="utf-8")
    assert "once the kind exists" not in shipped  # every kind it names exists
    assert "LinkedIn only when asked for" in shipped


def test_kinds_lists_each_kind_options_once_from_its_model() -> None:
    from monitor.sources import KINDS

    out = CliRunner().invoke(main, ["kinds"]).output
    sections = re.split(r"^(?=\w+\n)", out, flags=re.M)
    for name, kind in KINDS.items():
        section = next(s for s in sections if s.startswith(f"{name}\n"))
        assert section.count("Options:") == 1, name
        listed = re.findall(r"^  (\w+): ", section.split("Options:", 1)[1], flags=re.M)
        assert listed == [f for f in kind.Options.model_fields if f != "kind"], name
