"""Running the shared simulated web (../shared/bench/simweb.py) as a separate process.

simweb stays where it is (it is imported and run from ../shared/bench, never copied). Its CPU
is not ours: it runs in its own process, which the CPU accounting in ``procstat`` excludes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
SIMWEB = SHARED / "simweb.py"
sys.path.insert(0, str(SHARED))

import simweb  # noqa: E402
from simweb import PAGE_PATH, PAGES  # noqa: E402

__all__ = ["PAGES", "PAGE_PATH", "SimWeb"]


class SimWeb:
    """A simweb server process: start, admin calls, ground truth, stop."""

    def __init__(self, companies: int, *, validators: float, workers: int = 1, seed: int = 1,
                 log: Path) -> None:
        self.companies, self.validators, self.workers, self.seed = companies, validators, workers, seed
        self.log = log
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> SimWeb:
        """Start the server and wait until it listens (templates pre-rendered with --warm)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        out = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(SIMWEB), "--companies", str(self.companies), "--port", "0",
             "--workers", str(self.workers), "--seed", str(self.seed), "--warm",
             "--validators", str(self.validators)], stdout=out, stderr=out)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            found = re.search(rb"http://127\.0\.0\.1:(\d+)/", self.log.read_bytes())
            if found:
                self.port = int(found.group(1))
                return self
            if self.proc.poll() is not None:
                raise RuntimeError(f"simweb exited: {self.log.read_text()[-2000:]}")
            time.sleep(0.1)
        raise RuntimeError("simweb did not start within 300 s")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Stop the server."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    @property
    def pid(self) -> int:
        """The server's process id (its CPU is excluded from ours)."""
        assert self.proc is not None
        return self.proc.pid

    def admin(self, path: str) -> dict[str, object]:
        """GET one admin endpoint and decode its JSON."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=60) as answer:
            data: dict[str, object] = json.load(answer)
        return data

    def epoch(self) -> int:
        """The current epoch (content version)."""
        return int(self.admin("/_admin/state")["epoch"])  # type: ignore[call-overload]

    def advance(self) -> int:
        """Move to the next epoch (about a fifth of the companies change); the new epoch."""
        return int(self.admin("/_admin/advance")["epoch"])  # type: ignore[call-overload]

    def changed(self, start: int, end: int) -> set[tuple[str, str]]:
        """Ground truth: the (slug, page) pairs whose content differs between two epochs."""
        data = self.admin(f"/_admin/changed?from={start}&to={end}")
        rows = data["changed"]
        assert isinstance(rows, list)
        return {(row["slug"], page) for row in rows for page in row["pages"]}

    def counters(self) -> dict[str, int]:
        """Requests and 200/304 counts so far."""
        state = self.admin("/_admin/state")
        return {k: int(state[k]) for k in ("requests", "status_200", "status_304")}  # type: ignore[call-overload]

    def invisible(self, pairs: set[tuple[str, str]], start: int, end: int) -> set[tuple[str, str]]:
        """The pairs simweb lists as changed whose bytes (noise off) are identical in both epochs.

        An event can bump a page's version without touching what the page shows (an about-text
        edit outside the excerpt on the home page): its ETag changes, its content does not.
        """
        web = simweb.SimWeb(companies=self.companies, seed=self.seed, noise=False)
        return {(slug, page) for slug, page in pairs
                if web.render(int(slug[1:]), page, start) == web.render(int(slug[1:]), page, end)}

    def url(self, index: int, page: str, *, host: str | None = None) -> str:
        """The URL of one page of company ``index``; ``host`` replaces 127.0.0.1."""
        slug = f"c{index:05d}"
        return f"http://{host or '127.0.0.1'}:{self.port}/c/{slug}/{PAGE_PATH[page]}"
