"""`monitor run` as a real process against a real local web server whose pages change.

Pages are real captures from git-scraping histories (Open Terms Archive):
  corpus/sites_history/finya_de_imprint/{001,007}_*.html   (007 adds kontakt@finya.de)
  corpus/sites_history/adopteunmec_imprint/{001,006,008}_*.html (006 adds @adopte.app e-mails,
  008 swaps the social links)
Both companies live on one host (127.0.0.1), so the per-host gap applies across companies.
"""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS
from tests.webserver import Site, serve

FINYA = CORPUS / "sites_history" / "finya_de_imprint"
ADOPTE = CORPUS / "sites_history" / "adopteunmec_imprint"
HOST_DELAY = 0.5


def version(folder: Path, number: str) -> bytes:
    """The capture ``number`` (e.g. "007") of a history folder."""
    (path,) = folder.glob(f"{number}_*.html")
    return path.read_bytes()


def sources_yaml(base: str) -> str:
    """Two companies on one host, checked every minute, changes recorded at once."""
    return f"""\
companies:
  - slug: finya
    name: Finya
    sources:
      - kind: website
        url: {base}/finya/impressum
        every: 1m
        confirm: 1
  - slug: adopte
    name: adopte
    sources:
      - kind: website
        url: {base}/adopte/imprint
        every: 1m
        confirm: 1
"""


def env_for(tmp: Path) -> dict[str, str]:
    """The environment of a `monitor` child: our files, private addresses allowed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(MONITOR_ALLOW_PRIVATE="1", MONITOR_DB=str(tmp / "monitor.db"),
               MONITOR_SOURCES=str(tmp / "sources.yaml"),  # alerts.yaml: found beside it
               PYTHONUNBUFFERED="1")
    return env


def start_run(tmp: Path, *args: str) -> subprocess.Popen[str]:
    """`monitor run` with a fast tick and a short politeness gap."""
    argv = [sys.executable, "-m", "monitor", "run", "--tick", "0.2", "--host-delay",
            str(HOST_DELAY), *args]
    return subprocess.Popen(argv, env=env_for(tmp), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def read(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """A query on a separate read-only connection, as Datasette would make it."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def wait_for(what: Callable[[], Any], seconds: float, message: str) -> Any:
    """Poll until ``what()`` is truthy, at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = what()
        except sqlite3.OperationalError:  # the file is being created and migrated
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds}s waiting for {message}")


def make_due(db: Path) -> None:
    """Move every source's next check to now, as if the interval had passed."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE sources SET next_due_at = ?",
                     [datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")])
        conn.execute("COMMIT")
    finally:
        conn.close()


def stop(proc: subprocess.Popen[str], timeout: float = 60) -> tuple[int, str]:
    """SIGTERM, then the exit status and stderr."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"monitor run did not stop on SIGTERM:\n{err[-3000:]}") from None
    return proc.returncode, err


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    with serve() as (s, base):
        s.set("/finya/impressum", version(FINYA, "001"))
        s.set("/adopte/imprint", version(ADOPTE, "001"))
        yield s, base


def test_run_records_changes_on_schedule_politely(tmp_path: Path, site: tuple[Site, str]) -> None:
    s, base = site
    db = tmp_path / "monitor.db"
    (tmp_path / "sources.yaml").write_text(sources_yaml(base))
    proc = start_run(tmp_path)
    try:
        wait_for(lambda: read(db, "SELECT count(*) FROM sources WHERE baseline_at IS NOT NULL"
                              )[0][0] == 2, 60, "both baselines")
        # On schedule: the next check is one interval (±10 % jitter) after the last one began
        # (from its start, so a check slowed by a loaded machine moves nothing).
        for started, due in read(db, "SELECT max(c.started_at), s.next_due_at FROM sources s"
                                     " JOIN checks c ON c.source = s.id GROUP BY s.id"):
            gap = (datetime.fromisoformat(due) - datetime.fromisoformat(started)).total_seconds()
            assert 53 <= gap <= 67, (started, due)
        hits = len(s.hits())
        time.sleep(1.0)
        assert len(s.hits()) == hits, "a source was checked before it was due"

        s.set("/finya/impressum", version(FINYA, "007"))
        s.set("/adopte/imprint", version(ADOPTE, "006"))
        make_due(db)
        wait_for(lambda: read(db, "SELECT count(*) FROM changes WHERE new LIKE '%@adopte.app'"
                              )[0][0] == 2, 60, "adopte's new e-mails")
        wait_for(lambda: read(db, "SELECT 1 FROM changes WHERE company = 'finya' AND "
                              "field = 'email' AND new = 'kontakt@finya.de'"), 60, "finya's e-mail")

        s.set("/adopte/imprint", version(ADOPTE, "008"))
        make_due(db)
        wait_for(lambda: read(db, "SELECT 1 FROM changes WHERE field = 'link.linkedin' AND "
                              "new = 'https://www.linkedin.com/company/adopteapp'"), 60, "linkedin")

        second = subprocess.run([sys.executable, "-m", "monitor", "run", "--once"],
                                env=env_for(tmp_path), capture_output=True, text=True, timeout=60)
        assert second.returncode != 0
        assert f"another monitor run holds {db}.lock" in second.stderr
    finally:
        code, err = stop(proc)
    assert code == 0, err[-3000:]
    pages = [h for h in s.hits() if h.path != "/robots.txt"]
    assert len(pages) >= 6  # 2 baselines + 2 + 2 checks (finya unchanged in round 3 is still a hit)
    times = sorted(h.at for h in s.hits())
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= HOST_DELAY - 0.02, gaps  # measured at the server: one host, polite
    assert err.count(" monitor.check: ") >= 6  # one log line per check
    assert read(db, "PRAGMA integrity_check") == [("ok",)]


# Each case's other wait (the page's delay, or the grace) lasts far past STOP_GUARD, so stopping
# on the wrong one shows as "did not stop on SIGTERM" however loaded the machine is.
STOP_GUARD = 30.0


@pytest.mark.parametrize(("grace", "delay", "recorded"), [(0.3, 300.0, 0), (300.0, 0.6, 1)])
def test_sigterm_finishes_or_abandons_running_checks(tmp_path: Path, grace: float, delay: float,
                                                     recorded: int) -> None:
    """A check still running after the grace period is abandoned whole; a check that ends within
    it is recorded and the process leaves at once, without sitting out the rest of the grace."""
    from tests.test_daemon_units import SlowWeb

    web = SlowWeb(delay=delay)
    thread = threading.Thread(target=web.server.serve_forever, daemon=True)
    thread.start()
    try:
        (tmp_path / "sources.yaml").write_text(
            sources_yaml(f"http://127.0.0.1:{web.port}").split("  - slug: adopte")[0])
        proc = start_run(tmp_path, "--grace", str(grace))
        assert web.arrived.wait(60), "no request arrived"
        code, err = stop(proc, timeout=STOP_GUARD)
    finally:
        web.server.shutdown()
        web.server.server_close()
    assert code == 0, err[-3000:]
    db = tmp_path / "monitor.db"
    assert read(db, "SELECT count(*) FROM checks") == [(recorded,)]
    assert read(db, "SELECT count(*) FROM sources WHERE baseline_at IS NOT NULL") == [(recorded,)]
    assert ("abandoned 1 check(s)" in err) == (recorded == 0)
    assert read(db, "PRAGMA integrity_check") == [("ok",)]


def test_once_routes_changes_to_the_alert_outbox(tmp_path: Path, site: tuple[str, Path]) -> None:
    """`run --once` checks what is due and stops; changes are routed by alerts.yaml (wiring)."""
    s, base = site
    db = tmp_path / "monitor.db"
    (tmp_path / "sources.yaml").write_text(sources_yaml(base))
    (tmp_path / "alerts.yaml").write_text(
        "channels:\n  slack:team: {}\nroutes:\n  - channels: [slack:team]\n"
        "    categories: [contact]\n    mode: immediate\n")

    def once() -> str:
        done = subprocess.run([sys.executable, "-m", "monitor", "run", "--once", "--host-delay",
                               str(HOST_DELAY)], env=env_for(tmp_path), capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    assert "2 source(s) checked, 0 change(s) recorded." in once()
    assert "0 source(s) checked" in once()  # nothing is due any more
    s.set("/finya/impressum", version(FINYA, "007"))
    make_due(db)
    # e-mail added; the changed page text waits for its settle period (a day)
    assert "2 source(s) checked, 1 change(s) recorded." in once()
    routed = read(db, "SELECT c.field, c.new, o.channel, o.mode, o.status FROM outbox o"
                      " JOIN changes c ON c.id = o.change_id")
    assert routed == [("email", "kontakt@finya.de", "slack:team", "immediate", "pending")]


def test_a_damaged_database_is_refused_at_once(tmp_path: Path) -> None:
    """F11: a truncated file stops `monitor run` with a clear error, never a silent repair."""
    from tests.test_serve_sample import build_sample

    whole = build_sample(tmp_path / "whole.db").read_bytes()
    (tmp_path / "monitor.db").write_bytes(whole[: len(whole) // 3])
    (tmp_path / "sources.yaml").write_text(sources_yaml("http://127.0.0.1:9"))
    done = subprocess.run([sys.executable, "-m", "monitor", "run", "--once"],
                          env=env_for(tmp_path), capture_output=True, text=True,
                          timeout=60)  # hang guard: a repair loop would never return
    assert done.returncode == 1
    assert "monitor.db: " in done.stderr and "malformed" in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "monitor.db").read_bytes() == whole[: len(whole) // 3]  # left as it was
