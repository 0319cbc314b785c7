"""A one-source ``monitor check`` pays only for what it uses: no TLS context for http:// pages,
one per process for https://, and no httpx command-line client."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from pathlib import Path

from tests.hostile import HostileServer
from tests.webserver import serve

# Counts every CA store loaded into a TLS context (what makes building one cost ~15 ms),
# then runs the code under test and prints the count and the modules loaded.
PROBE = """
import json, ssl, sys
loads = []
for name in ("load_verify_locations", "set_default_verify_paths"):
    real = getattr(ssl.SSLContext, name)
    def counted(self, *args, _real=real, _name=name, **kwargs):
        loads.append(_name)
        return _real(self, *args, **kwargs)
    setattr(ssl.SSLContext, name, counted)
{body}
print(json.dumps({{"loads": loads, "modules": sorted(sys.modules),
                  "httpx_main": repr(sys.modules.get("httpx._main"))}}), file=sys.stderr)
"""

CHECK = """
from monitor.cli import main
try:
    main(["check", "acme"], prog_name="monitor")
except SystemExit as exc:
    assert not exc.code, exc.code
"""

TWO_HTTPS_FETCHERS = """
import asyncio
from monitor.fetch.client import Fetcher, FetchSettings
settings = FetchSettings(allow_private=True, min_host_delay=0.0, robots=False, deadline=5.0)
async def fetch_twice(url):
    outcomes = []
    for _ in range(2):  # two Fetchers: the context is the process's, not the Fetcher's
        async with Fetcher(settings) as fetcher:
            outcomes.append((await fetcher.fetch(url)).error)
    return outcomes
print(json.dumps(asyncio.run(fetch_twice(sys.argv[1]))))
"""


def probe(body: str, *args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    code = PROBE.format(body=body)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    report["stdout"] = done.stdout
    return report


def test_check_of_an_http_source_builds_no_tls_context(tmp_path: Path) -> None:
    """``monitor check`` of an http:// page loads no CA store (aiohttp's import-time contexts
    included) and does not import httpx's command-line client."""
    with serve() as (site, base):
        site.set("/about", "<html><body><h1>ACME</h1><p>Hello.</p></body></html>")
        (tmp_path / "sources.yaml").write_text(
            f"companies:\n  - slug: acme\n    sources:\n      - {{kind: website, url: '{base}/about'}}\n")
        (tmp_path / "sources.yaml").chmod(0o600)
        env = {**os.environ, "MONITOR_ALLOW_PRIVATE": "1", "MONITOR_MIN_HOST_DELAY": "0",
               "MONITOR_SOURCES": str(tmp_path / "sources.yaml"),
               "MONITOR_DB": str(tmp_path / "monitor.db")}
        report = probe(CHECK, env=env)
        assert site.hits("/about"), "the page was not fetched"
    assert "1 ok" in str(report["stdout"])
    assert report["loads"] == []
    modules = report["modules"]
    assert isinstance(modules, list) and "aiohttp.connector" in modules
    assert report["httpx_main"] == "None" and "pygments" not in modules


def test_https_fetches_build_one_context_per_process(certificate: tuple[Path, Path]) -> None:
    """The first https fetch builds the verifying context; a second Fetcher reuses it. The
    self-signed certificate is refused: the context verifies (it is not aiohttp's empty one)."""
    cert, key = certificate
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    with HostileServer(tls=served) as server:
        report = probe(TWO_HTTPS_FETCHERS, server.url("/ok/tls"))
    assert json.loads(str(report["stdout"])) == ["tls", "tls"]
    assert report["loads"] == ["load_verify_locations"]  # certifi's bundle, once
