"""The peer: urlwatch, pip-installed in a throwaway venv under bench/out/, on the same pages.

urlwatch gets the same URLs (on 127.0.0.1: it has no per-host politeness to defeat), its
``html2text`` filter plus ``re.sub`` filters that drop simweb's noise left in its output (render
time, "N people are viewing", the request id in an inline script), so that an unchanged page is unchanged for it too; feeds are reduced
to their ``<item>`` elements. With ``filters=False`` the jobs are bare URLs. CPU is the urlwatch
child's, from ``RUSAGE_CHILDREN`` around the run (simweb is a child too, but a live one, and
live children are not counted).
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import sites
from bench.simctl import SimWeb

HTML_FILTERS = """filter:
  - html2text
  - re.sub: '\\d+ people are viewing this page'
  - re.sub: 'Page generated [0-9: .-]+UTC'
  - re.sub: '"rid":"[0-9a-f-]+"'
"""
FEED_FILTERS = """filter:
  - xpath:
      path: '//item'
      method: xml
"""
CONFIG = """display: {new: true, error: true, unchanged: false, empty-diff: false}
report:
  text: {details: false, footer: false, minimal: true}
  stdout: {enabled: true, color: false}
"""


@dataclass(frozen=True)
class PeerRun:
    """One urlwatch run over every URL."""

    name: str
    checks: int
    wall: float
    cpu: float
    changed: frozenset[str]  # job names reported CHANGED
    errors: int

    @property
    def cpu_ms(self) -> float:
        """CPU milliseconds per check."""
        return self.cpu * 1000 / self.checks if self.checks else 0.0

    @property
    def per_second(self) -> float:
        """Checks per wall-clock second."""
        return self.checks / self.wall if self.wall else 0.0


def ensure_urlwatch(out: Path) -> tuple[Path, str]:
    """The urlwatch executable of the throwaway venv (created on first use) and its version."""
    venv = out / "urlwatch-venv"
    exe = venv / "bin" / "urlwatch"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "urlwatch", "html2text"],
                       check=True)
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    return exe, version.stdout.strip()


class Urlwatch:
    """urlwatch configured for the benchmark's pages, with or without filters."""

    def __init__(self, out: Path, sim: SimWeb, count: int, *, filters: bool = True) -> None:
        self.exe, self.version = ensure_urlwatch(out)
        self.dir = out / ("urlwatch" if filters else "urlwatch-nofilters")
        self.dir.mkdir(parents=True, exist_ok=True)
        self.count = count
        jobs = []
        for i in range(count):
            page = sites.page_of(i)
            job = f"name: c{i:05d}\nurl: {sim.url(i, page)}\n"
            if filters:
                job += FEED_FILTERS if page == "feed" else HTML_FILTERS
            jobs.append(job)
        (self.dir / "urls.yaml").write_text("---\n".join(jobs))
        (self.dir / "urlwatch.yaml").write_text(CONFIG)
        (self.dir / "hooks.py").write_text("")
        (self.dir / "cache.db").unlink(missing_ok=True)

    def run(self, name: str, limit: float) -> PeerRun:
        """One urlwatch run over every job, bounded by ``limit`` seconds."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(
            [str(self.exe), "--urls", str(self.dir / "urls.yaml"),
             "--config", str(self.dir / "urlwatch.yaml"), "--hooks", str(self.dir / "hooks.py"),
             "--cache", str(self.dir / "cache.db")],
            capture_output=True, text=True, timeout=limit, check=False)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        (self.dir / f"report-{name}.txt").write_text(done.stdout + done.stderr)
        changed = frozenset(re.findall(r"^CHANGED: (c\d{5})", done.stdout, re.M))
        errors = len(re.findall(r"^ERROR: ", done.stdout, re.M))
        return PeerRun(name, self.count, wall, cpu, changed, errors)
